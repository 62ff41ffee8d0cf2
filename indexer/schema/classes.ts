/**
 * Classed impact pools (issue #13, docs/capital-structure.md): the exporter's `pool_classes`, `pool_class_points`,
 * `pool_guarantees` and `pool_class_transfers` (same rows, exact columns), plus what the dashboards need: each classed
 * pool's class count, provider and last point (`pool_capital`), and each holder's class shares with its accumulator
 * correction (`pool_class_holding`), from which `/accounts` computes `claimable` as the class token does.
 */
import { index, onchainTable, primaryKey } from "ponder";
import { eventColumns } from "./columns";

/** The exporter's `pool_classes` rows, keyed by class token (GraphQL `poolClassRows`). */
export const poolClassRow = onchainTable(
  "pool_class",
  (t) => ({
    pool: t.hex().notNull(),
    classIndex: t.integer().notNull(),
    token: t.hex().notNull(),
    name: t.text().notNull(),
    symbol: t.text().notNull(),
    seniority: t.integer().notNull(),
    target: t.bigint().notNull(),
    maxMultipleWad: t.bigint().notNull(),
    maxRateWad: t.bigint().notNull(),
    capWad: t.bigint().notNull(),
    cap: t.bigint().notNull(),
    provider: t.hex(),
    providerBps: t.integer().notNull(),
    raised: t.bigint().notNull(),
    withdrawn: t.bigint().notNull(),
    paid: t.bigint().notNull(),
    undrawnReturned: t.bigint().notNull(),
    guaranteeReceived: t.bigint().notNull(),
    distributed: t.bigint().notNull(),
    perShareX64: t.bigint().notNull(),
    claimed: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.token] }), poolIdx: index().on(table.pool) }),
);

/** Per classed pool: its class count, the provider of its incentive and the index of its last `Distributed`. */
export const poolCapital = onchainTable("pool_capital", (t) => ({
  pool: t.hex().primaryKey(),
  classCount: t.integer().notNull(),
  /** The class share tokens, in class order (`pool_class` is keyed by token). */
  tokens: t.hex().array().notNull(),
  provider: t.hex(),
  /** The point of the pool's last `Distributed` (its rows take the last point's undrawn capital and guarantee). */
  lastPoint: t.integer(),
}));

export const poolClassPoint = onchainTable(
  "pool_class_point",
  (t) => ({
    pool: t.hex().notNull(),
    pointIndex: t.integer().notNull(),
    classIndex: t.integer().notNull(),
    paid: t.bigint().notNull(),
    undrawnReturned: t.bigint().notNull(),
    guaranteeCalled: t.bigint().notNull(),
    pointProviderCut: t.bigint().notNull(),
    pointCappedBack: t.bigint().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.pool, table.pointIndex, table.classIndex] }) }),
);

export const poolGuarantee = onchainTable("pool_guarantee", (t) => ({
  pool: t.hex().primaryKey(),
  guarantor: t.hex().notNull(),
  guarantee: t.bigint().notNull(),
  committed: t.bigint().notNull(),
  committedBlock: t.bigint(),
  called: t.bigint().notNull(),
  returned: t.bigint().notNull(),
}));

export const poolClassTransfer = onchainTable(
  "pool_class_transfer",
  (t) => ({
    id: t.text().primaryKey(),
    pool: t.hex().notNull(),
    classIndex: t.integer().notNull(),
    token: t.hex().notNull(),
    kind: t.text().notNull(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    shares: t.bigint().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ tokenIdx: index().on(table.token), fromIdx: index().on(table.from), toIdx: index().on(table.to) }),
);

/**
 * A holder's shares of one class, as the class token books them: the balance, the accumulator correction (× 2^64,
 * `PoolShareClass`'s own formula: −accumulator × shares on every arrival, + on every departure, −amount × 2^64 on a
 * claim), and what it claimed and withdrew. Its claimable is `(perShareX64 × balance + correctionX64) >> 64`.
 */
export const poolClassHolding = onchainTable(
  "pool_class_holding",
  (t) => ({
    token: t.hex().notNull(),
    account: t.hex().notNull(),
    pool: t.hex().notNull(),
    classIndex: t.integer().notNull(),
    balance: t.bigint().notNull(),
    correctionX64: t.bigint().notNull(),
    claimed: t.bigint().notNull(),
    withdrawn: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.token, table.account] }), accountIdx: index().on(table.account) }),
);
