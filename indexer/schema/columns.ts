/** Column sets several tables share (the exporter's event columns, a slot, an outcome term, a money row's contract). */
import { primaryKey, type PgColumnsBuilders } from "ponder";

/** Where a row that comes from one event was emitted (the exporter's event columns, in its order). */
export const eventColumns = (t: PgColumnsBuilders) => ({
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  txHash: t.hex().notNull(),
  logIndex: t.integer().notNull(),
});

/** A metric slot: (mission, goal, period). */
export const slotColumns = (t: PgColumnsBuilders) => ({
  missionId: t.bigint().notNull(),
  goalId: t.integer().notNull(),
  period: t.integer().notNull(),
});

/** One outcome term of an escrow or a pool basket (the exporter's `OUTCOME_TERM_COLUMNS`, in its order). */
export const outcomeTermColumns = (t: PgColumnsBuilders) => ({
  termIndex: t.integer().notNull(),
  ...slotColumns(t),
  weightWad: t.bigint().notNull(),
  curveKind: t.text().notNull(),
  lowerIsBetter: t.boolean().notNull(),
  baseline: t.bigint().notNull(),
  target: t.bigint().notNull(),
  threshold: t.bigint().notNull(),
  capWad: t.bigint().notNull(),
  /** Stepped curve: value:ratioWad pairs, separated by |. */
  steps: t.text().notNull(),
});

/** A money row: its event id, and the escrow or pool it belongs to. */
export const contractColumns = (t: PgColumnsBuilders) => ({
  id: t.text().primaryKey(),
  contract: t.hex().notNull(),
  contractKind: t.text().notNull(),
});
