/**
 * The indexer's tables. `event` holds every event of every contract of the suite (decoded arguments as JSON plus
 * the raw topics and data, so the exporter's reducer can replay them: see src/api/open-data.ts). The other tables are
 * maintained by the handlers in src/handlers/ for dashboards: missions, escrows, pools, the typed rows of the
 * exporter's tables (`goal`, `pledge`, `endorsement`, `committee`, `report`, `metric_value`, `dispute`, `bond`,
 * `escrow_outcome`, `escrow_beneficiary`, `pool_outcome`, `pool_tranche`, `pool_share_transfer`, the money tables
 * `deposit`, `payout`, `settlement`, and the payment-schedule tables `scheduled_escrow`, `schedule_point`,
 * `schedule_point_term`, `schedule_point_tier`, `schedule_tier_deposit`, and a classed pool's `pool_class`,
 * `pool_class_point`, `pool_guarantee`, `pool_class_transfer`: each the same rows
 * and exact columns as the exporter's table of that name in the plural), per-account `position`s and class
 * holdings (`pool_class_holding`). Amounts are
 * token base units (numeric(78) in Postgres: bigint in TypeScript); the exporter's human columns (`*_tokens`,
 * `*_iso`) are derived when files are written, not stored.
 *
 * One module per domain in schema/ (registry, oracle, escrow, schedule, pool, classes, money, and the GraphQL relations),
 * re-exported here: Ponder reads the tables from this file.
 */
export * from "./schema/registry";
export * from "./schema/oracle";
export * from "./schema/escrow";
export * from "./schema/schedule";
export * from "./schema/pool";
export * from "./schema/classes";
export * from "./schema/money";
export * from "./schema/relations";
