/** The oracle's tables: committees, reports, metric values (slots), disputes, bonds. */
import { index, onchainTable, primaryKey } from "ponder";
import { eventColumns, slotColumns } from "./columns";

/** One row per committee version of a mission (the exporter's `committees`); members joined by `|`. */
export const committee = onchainTable(
  "committee",
  (t) => ({
    missionId: t.bigint().notNull(),
    version: t.integer().notNull(),
    members: t.text().notNull(),
    size: t.integer().notNull(),
    quorum: t.integer().notNull(),
    challengeWindow: t.integer().notNull(),
    bondToken: t.hex().notNull(),
    bondAmount: t.bigint().notNull(),
    arbiter: t.hex().notNull(),
    adapter: t.hex().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.missionId, table.version] }) }),
);

/** One row per metric report (the exporter's `reports`); `withdrawn` when the adapter later withdrew it. */
export const report = onchainTable(
  "report",
  (t) => ({
    id: t.text().primaryKey(),
    ...slotColumns(t),
    reporter: t.hex().notNull(),
    value: t.bigint().notNull(),
    evidenceHash: t.hex().notNull(),
    via: t.hex().notNull(),
    withdrawn: t.boolean().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ slotIdx: index().on(table.missionId, table.goalId, table.period, table.reporter) }),
);

/** One row per (mission, goal, period) slot that received an oracle event (the exporter's `metric_values`). */
export const metricValue = onchainTable(
  "metric_value",
  (t) => ({
    ...slotColumns(t),
    status: t.text().notNull(),
    committeeVersion: t.integer(),
    reportCount: t.integer().notNull(),
    proposedValue: t.bigint(),
    challengeEnd: t.bigint(),
    disputed: t.boolean().notNull(),
    finalValue: t.bigint(),
    finalizedAt: t.bigint(),
    unresolvedReason: t.text(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.missionId, table.goalId, table.period] }) }),
);

/** One row per disputed slot (the exporter's `disputes`): who disputed, the bond, and how it ended. */
export const dispute = onchainTable(
  "dispute",
  (t) => ({
    ...slotColumns(t),
    disputer: t.hex().notNull(),
    bondToken: t.hex().notNull(),
    bond: t.bigint().notNull(),
    /** pending, resolved, invalid or expired. */
    outcome: t.text().notNull(),
    arbiter: t.hex(),
    resolvedValue: t.bigint(),
    disputerWon: t.boolean(),
    ...eventColumns(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.missionId, table.goalId, table.period] }) }),
);

/** The oracle's bond bookkeeping (the exporter's `bonds`): posted by a dispute, credited, withdrawn. */
export const bond = onchainTable(
  "bond",
  (t) => ({
    id: t.text().primaryKey(),
    token: t.hex().notNull(),
    account: t.hex().notNull(),
    kind: t.text().notNull(),
    amount: t.bigint().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ accountIdx: index().on(table.account) }),
);
