/**
 * Payment schedules (issue #12): scheduled escrows and the per-point tables every consumer of `IPaymentSchedule`
 * shares (keyed by `contract`, told apart by `contractKind`: `scheduledEscrow`, or `pool` for a pool in scheduled
 * mode). Each is the
 * exporter's table of that name in the plural, with the same rows and exact columns (its `escrow` column is `address`
 * in `scheduled_escrow`).
 */
import { index, onchainTable, primaryKey, type PgColumnsBuilders } from "ponder";

/** The contract that settles a schedule (the first columns of every per-point table). */
const scheduleContract = (t: PgColumnsBuilders) => ({
  contract: t.hex().notNull(),
  contractKind: t.text().notNull(),
});

/** Nullable event columns: where the event that filled a row's later columns was emitted (empty until then). */
const laterEventColumns = (t: PgColumnsBuilders) => ({
  blockNumber: t.bigint(),
  timestamp: t.bigint(),
  txHash: t.hex(),
  logIndex: t.integer(),
});

/** One row per scheduled escrow (the exporter's `scheduled_escrows`), with running totals; plus `totalWeight`. */
export const scheduledEscrow = onchainTable(
  "scheduled_escrow",
  (t) => ({
    address: t.hex().primaryKey(),
    missionId: t.bigint().notNull(),
    index: t.bigint().notNull(),
    creator: t.hex().notNull(),
    token: t.hex().notNull(),
    goalVersion: t.integer().notNull(),
    fundingDeadline: t.bigint().notNull(),
    gracePeriod: t.integer().notNull(),
    pointCount: t.integer().notNull(),
    tierCount: t.integer().notNull(),
    /** Overall cap; null: none. */
    cap: t.bigint(),
    beneficiaryCount: t.integer().notNull(),
    depositCount: t.integer().notNull(),
    totalDeposited: t.bigint().notNull(),
    pointsSettled: t.integer().notNull(),
    totalPaid: t.bigint().notNull(),
    totalClaimed: t.bigint().notNull(),
    totalRefunded: t.bigint().notNull(),
    balance: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
    /** Each payer tier's co-payment share (WAD; 0: ordered), from creation: what a settlement's tier rows carry. */
    tierCoPayWads: t.bigint().array().notNull(),
  }),
  (table) => ({ missionIdx: index().on(table.missionId) }),
);

/** One row per point of every schedule (`schedule_points`): its terms from creation, its settlement once settled. */
export const schedulePoint = onchainTable(
  "schedule_point",
  (t) => ({
    ...scheduleContract(t),
    pointIndex: t.integer().notNull(),
    deadline: t.bigint().notNull(),
    cumulative: t.boolean().notNull(),
    potWad: t.bigint().notNull(),
    cap: t.bigint(),
    triggerAny: t.boolean().notNull(),
    conditionCount: t.integer().notNull(),
    termCount: t.integer().notNull(),
    settled: t.boolean().notNull(),
    resolution: t.text(),
    triggerHeld: t.boolean(),
    amount: t.bigint(),
    capHit: t.text(),
    ...laterEventColumns(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.contract, table.pointIndex] }) }),
);

/** One row per term of every point (`schedule_point_terms`): slot and price, `PointSettled`'s figures once settled. */
export const schedulePointTerm = onchainTable(
  "schedule_point_term",
  (t) => ({
    ...scheduleContract(t),
    pointIndex: t.integer().notNull(),
    termIndex: t.integer().notNull(),
    missionId: t.bigint().notNull(),
    goalId: t.integer().notNull(),
    period: t.integer().notNull(),
    key: t.integer().notNull(),
    kind: t.text().notNull(),
    weightWad: t.bigint(),
    curveKind: t.text(),
    baseline: t.bigint(),
    target: t.bigint(),
    ceilingWad: t.bigint(),
    source: t.text(),
    referenceValue: t.bigint(),
    lowerIsBetter: t.boolean().notNull(),
    scaleWad: t.bigint(),
    price: t.bigint(),
    capPerPoint: t.bigint(),
    unitsWad: t.bigint(),
    raw: t.bigint(),
    paid: t.bigint(),
    capHit: t.text(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.contract, table.pointIndex, table.termIndex] }) }),
);

/** What each payer tier paid of each settled point (`schedule_point_tiers`). */
export const schedulePointTier = onchainTable(
  "schedule_point_tier",
  (t) => ({
    ...scheduleContract(t),
    pointIndex: t.integer().notNull(),
    tier: t.integer().notNull(),
    coPayWad: t.bigint().notNull(),
    paid: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.contract, table.pointIndex, table.tier] }) }),
);

/** Deposits per funder and payer tier of each scheduled escrow, commitments per payer and tier of each scheduled pool. */
export const scheduleTierDeposit = onchainTable(
  "schedule_tier_deposit",
  (t) => ({
    ...scheduleContract(t),
    funder: t.hex().notNull(),
    tier: t.integer().notNull(),
    depositCount: t.integer().notNull(),
    deposited: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.contract, table.funder, table.tier] }),
    funderIdx: index().on(table.funder),
  }),
);
