/**
 * Impact pools: the pools, their baskets, missions, tranches and share transfers. A pool in scheduled mode has its
 * points, terms, payer tiers and commitments per tier in the payment-schedule tables (`schedule.ts`, contractKind
 * `pool`).
 */
import { index, onchainTable, primaryKey } from "ponder";
import { eventColumns, slotColumns, outcomeTermColumns } from "./columns";

export const pool = onchainTable("pool", (t) => ({
  address: t.hex().primaryKey(),
  poolIndex: t.bigint().notNull(),
  creator: t.hex().notNull(),
  name: t.text().notNull(),
  symbol: t.text().notNull(),
  token: t.hex().notNull(),
  capitalTarget: t.bigint().notNull(),
  raiseDeadline: t.bigint().notNull(),
  fundCap: t.bigint().notNull(),
  settlementDeadline: t.bigint().notNull(),
  gracePeriod: t.bigint().notNull(),
  /** Null for a pool in scheduled mode (it has a payment schedule instead of a basket and a repayment curve). */
  repaymentThresholdWad: t.bigint(),
  repaymentPrincipalAtWad: t.bigint(),
  repaymentMaxReturnWad: t.bigint(),
  providerCount: t.integer().notNull(),
  trancheCount: t.integer().notNull(),
  outcomeCount: t.integer().notNull(),
  scheduled: t.boolean().notNull(),
  pointCount: t.integer().notNull(),
  tierCount: t.integer().notNull(),
  /** Overall cap of a scheduled pool's schedule; null: none, or a basket pool. */
  scheduleCap: t.bigint(),
  phase: t.text().notNull(),
  totalInvested: t.bigint().notNull(),
  totalWithdrawn: t.bigint().notNull(),
  totalCommitted: t.bigint().notNull(),
  totalDisbursed: t.bigint().notNull(),
  pointsSettled: t.integer().notNull(),
  totalPaid: t.bigint().notNull(),
  resolution: t.text(),
  compositeWad: t.bigint(),
  multipleWad: t.bigint(),
  outcomePayment: t.bigint(),
  investorPot: t.bigint(),
  refundPot: t.bigint(),
  totalRedeemed: t.bigint().notNull(),
  totalRefunded: t.bigint().notNull(),
  sharesOutstanding: t.bigint().notNull(),
  /** Outcome-fund commitments not yet refunded (the pool's _fundCommitted). */
  fundCommitted: t.bigint().notNull(),
  balance: t.bigint().notNull(),
  createdBlock: t.bigint().notNull(),
  /** A scheduled pool's payer tiers' co-payment shares (WAD; 0: ordered), from creation; empty for a basket pool. */
  tierCoPayWads: t.bigint().array().notNull(),
}));

/** A pool's outcome basket, one row per term (the exporter's `pool_outcomes`). */
export const poolOutcome = onchainTable(
  "pool_outcome",
  (t) => ({ pool: t.hex().notNull(), ...outcomeTermColumns(t) }),
  (table) => ({ pk: primaryKey({ columns: [table.pool, table.termIndex] }) }),
);

/** The missions a pool's basket pays on (a pool may span several). */
export const poolMission = onchainTable(
  "pool_mission",
  (t) => ({ pool: t.hex().notNull(), missionId: t.bigint().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.pool, table.missionId] }) }),
);

/** A pool's disbursement schedule, one row per tranche, with whether and when it was paid (`pool_tranches`). */
export const poolTranche = onchainTable(
  "pool_tranche",
  (t) => ({
    pool: t.hex().notNull(),
    trancheIndex: t.integer().notNull(),
    provider: t.hex(),
    dueAt: t.bigint().notNull(),
    shareBps: t.integer().notNull(),
    amount: t.bigint().notNull(),
    hasMilestone: t.boolean().notNull(),
    ...slotColumns(t),
    minValue: t.bigint().notNull(),
    disbursed: t.boolean().notNull(),
    disbursedBlock: t.bigint(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.pool, table.trancheIndex] }) }),
);

/** Every transfer of pool shares: mints, burns and transfers (the exporter's `pool_share_transfers`). */
export const poolShareTransfer = onchainTable(
  "pool_share_transfer",
  (t) => ({
    id: t.text().primaryKey(),
    pool: t.hex().notNull(),
    kind: t.text().notNull(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    shares: t.bigint().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ poolIdx: index().on(table.pool), fromIdx: index().on(table.from), toIdx: index().on(table.to) }),
);
