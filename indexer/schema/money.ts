/** The money tables escrows, scheduled escrows and pools share (`deposit`, `payout`, `settlement`) and per-account positions. */
import { index, onchainTable, primaryKey } from "ponder";
import { eventColumns, contractColumns } from "./columns";

/** Money in: escrow deposits, pool investments and commitments (the exporter's `deposits`). */
export const deposit = onchainTable(
  "deposit",
  (t) => ({
    ...contractColumns(t),
    kind: t.text().notNull(),
    account: t.hex().notNull(),
    payer: t.hex().notNull(),
    amount: t.bigint().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ accountIdx: index().on(table.account), contractIdx: index().on(table.contract) }),
);

/** Money out: escrow claims and refunds, pool disbursements, redemptions, withdrawals, refunds (`payouts`). */
export const payout = onchainTable(
  "payout",
  (t) => ({
    ...contractColumns(t),
    kind: t.text().notNull(),
    account: t.hex().notNull(),
    amount: t.bigint().notNull(),
    shares: t.bigint(),
    ...eventColumns(t),
  }),
  (table) => ({ accountIdx: index().on(table.account), contractIdx: index().on(table.contract) }),
);

/** One row per settlement of an escrow or a pool (`settlements`). */
export const settlement = onchainTable("settlement", (t) => ({
  ...contractColumns(t),
  status: t.text().notNull(),
  /** Null for a scheduled pool (each point has its own resolution). */
  reason: t.text(),
  /** Null for a scheduled pool. */
  compositeWad: t.bigint(),
  payoutPot: t.bigint().notNull(),
  refundPot: t.bigint().notNull(),
  multipleWad: t.bigint(),
  outcomePayment: t.bigint(),
  ...eventColumns(t),
}));

/**
 * An account's position in one escrow or pool: what it put in, what it was paid, its beneficiary weight and pool
 * shares. What it can still claim is derived from this and the contract's settlement (src/api/positions.ts).
 */
export const position = onchainTable(
  "position",
  (t) => ({
    account: t.hex().notNull(),
    contract: t.hex().notNull(),
    contractKind: t.text().notNull(),
    /** Escrow deposits credited to the account (its refund basis); zeroed by its refund. */
    deposited: t.bigint().notNull(),
    /** Beneficiary weight in an escrow (0 for funders). */
    weight: t.bigint().notNull(),
    claimed: t.bigint().notNull(),
    refunded: t.bigint().notNull(),
    invested: t.bigint().notNull(),
    /** Outcome-fund commitment still open (zeroed by the payer's refund). */
    committed: t.bigint().notNull(),
    shares: t.bigint().notNull(),
    redeemed: t.bigint().notNull(),
    withdrawn: t.bigint().notNull(),
    disbursed: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.account, table.contract] }), accountIdx: index().on(table.account) }),
);
