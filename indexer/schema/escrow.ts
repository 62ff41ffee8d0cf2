/** Outcome escrows: the escrows, their outcome terms and beneficiaries (scheduled escrows' beneficiaries too). */
import { index, onchainTable, primaryKey } from "ponder";
import { outcomeTermColumns } from "./columns";

export const escrow = onchainTable(
  "escrow",
  (t) => ({
    address: t.hex().primaryKey(),
    missionId: t.bigint().notNull(),
    index: t.bigint().notNull(),
    creator: t.hex().notNull(),
    token: t.hex().notNull(),
    goalVersion: t.integer().notNull(),
    fundingDeadline: t.bigint().notNull(),
    minFunding: t.bigint().notNull(),
    settlementDeadline: t.bigint().notNull(),
    gracePeriod: t.integer().notNull(),
    outcomeCount: t.integer().notNull(),
    beneficiaryCount: t.integer().notNull(),
    /** Σ beneficiary weights (the denominator of each beneficiary's share). */
    totalWeight: t.bigint().notNull(),
    depositCount: t.integer().notNull(),
    totalDeposited: t.bigint().notNull(),
    status: t.text().notNull(),
    settleReason: t.text(),
    compositeWad: t.bigint(),
    beneficiaryPot: t.bigint(),
    refundPot: t.bigint(),
    totalClaimed: t.bigint().notNull(),
    totalRefunded: t.bigint().notNull(),
    balance: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
  }),
  (table) => ({ missionIdx: index().on(table.missionId) }),
);

/** An escrow's outcome terms, one row per term (the exporter's `escrow_outcomes`). */
export const escrowOutcome = onchainTable(
  "escrow_outcome",
  (t) => ({ escrow: t.hex().notNull(), ...outcomeTermColumns(t) }),
  (table) => ({ pk: primaryKey({ columns: [table.escrow, table.termIndex] }) }),
);

/** An escrow's beneficiaries and their weights (the exporter's `escrow_beneficiaries`; an account at most once). */
export const beneficiaryWeight = onchainTable(
  "escrow_beneficiary",
  (t) => ({ escrow: t.hex().notNull(), account: t.hex().notNull(), weight: t.bigint().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.escrow, table.account] }), accountIdx: index().on(table.account) }),
);
