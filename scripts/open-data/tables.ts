/**
 * The open-data tables: their columns (in CSV order) with a one-line description each, listed per domain in
 * `tables/` (registry, oracle, escrow, pool, classes, money, schedule) and assembled here in that order. `docs/open-data.md` mirrors
 * this list (a test keeps them in sync); the reducers in `reducers/` fill the rows.
 *
 * Exact values stay as they are (token base units, unix seconds); for a spreadsheet every amount has a human column
 * `<column>_tokens` (whole tokens, exact, with the token's decimals) and every unix time a column `<column>_iso`
 * (ISO-8601 UTC), right after it. The reducers fill only the exact columns: `writeOpenData` derives the human ones
 * (`humanRow`), the token of each table's amounts named by `TOKEN_OF`.
 */
import { isoTime, tokenText } from "../core/units.js";
import { CLASS_TABLES } from "./tables/classes.js";
import { ESCROW_TABLES } from "./tables/escrow.js";
import { MONEY_TABLES } from "./tables/money.js";
import { ORACLE_TABLES } from "./tables/oracle.js";
import { POOL_TABLES } from "./tables/pool.js";
import { REGISTRY_TABLES } from "./tables/registry.js";
import { SCHEDULE_TABLES } from "./tables/schedule.js";

export type Cell = string | number | boolean | bigint | null;
export type Row = Record<string, Cell>;

/** Every table: its columns (in CSV order) with a one-line description. `docs/open-data.md` mirrors this. */
export const TABLES = {
  ...REGISTRY_TABLES,
  ...ORACLE_TABLES,
  ...ESCROW_TABLES,
  ...POOL_TABLES,
  ...CLASS_TABLES,
  ...MONEY_TABLES,
  ...SCHEDULE_TABLES,
};
export type TableName = keyof typeof TABLES;

/** Every table name, in the order of `TABLES` (files, manifest and docs follow it). */
// Cast: Object.keys is typed string[]; TABLES is a literal object, so its keys are exactly TableName.
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** A record with one entry per table, e.g. the manifest's row counts. */
export function perTable<T>(entry: (table: TableName) => T): Record<TableName, T> {
  // Cast: fromEntries returns Record<string, T>; TABLE_NAMES holds every TableName exactly once.
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, entry(t)])) as Record<TableName, T>;
}

/**
 * Where the token of each table's `_tokens` columns comes from: a column holding the token itself, or (`contract`)
 * the escrow or pool whose token it is (from the `escrows`, `scheduled_escrows` and `pools` tables).
 */
export const TOKEN_OF: { [T in TableName]?: { column: string; contract?: true } } = {
  committees: { column: "bondToken" },
  disputes: { column: "bondToken" },
  bonds: { column: "token" },
  escrows: { column: "token" },
  pools: { column: "token" },
  pool_tranches: { column: "pool", contract: true },
  pool_share_transfers: { column: "pool", contract: true },
  pool_classes: { column: "pool", contract: true },
  pool_class_points: { column: "pool", contract: true },
  pool_guarantees: { column: "pool", contract: true },
  pool_class_transfers: { column: "pool", contract: true },
  deposits: { column: "contract", contract: true },
  settlements: { column: "contract", contract: true },
  payouts: { column: "contract", contract: true },
  scheduled_escrows: { column: "token" },
  schedule_points: { column: "contract", contract: true },
  schedule_point_terms: { column: "contract", contract: true },
  schedule_point_tiers: { column: "contract", contract: true },
  schedule_tier_deposits: { column: "contract", contract: true },
};

/** What the human columns need: each token's decimals, and the token of each escrow and pool. */
export interface HumanUnits {
  decimalsOf(token: string): number | undefined;
  tokenOfContract(contract: string): string | undefined;
}

/**
 * A row with its human columns (`<column>_iso`, `<column>_tokens`) inserted right after the exact ones they come from,
 * the other cells unchanged and in their order.
 */
export function humanRow(table: TableName, row: Row, units: HumanUnits): Row {
  const columns = new Set<string>(TABLES[table].columns.map(([c]) => c));
  const source = TOKEN_OF[table];
  const held = source === undefined ? undefined : row[source.column];
  const token = typeof held !== "string" ? undefined : source?.contract === true ? units.tokenOfContract(held) : held;
  const decimals = token === undefined ? undefined : units.decimalsOf(token);
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    out[column] = value;
    if (columns.has(`${column}_iso`)) {
      out[`${column}_iso`] = typeof value === "bigint" || typeof value === "number" ? isoTime(value) : null;
    }
    if (columns.has(`${column}_tokens`)) {
      out[`${column}_tokens`] = typeof value === "bigint" && decimals !== undefined ? tokenText(value, decimals) : null;
    }
  }
  return out;
}
