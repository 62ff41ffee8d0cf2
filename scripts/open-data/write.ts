/** Writing the open data: `<table>.json` and `<table>.csv` per table, and `manifest.json`. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { jsonReplacer, toCsv } from "../formats/csv.js";
import type { ExportResult } from "./index.js";
import { humanRow, TABLES, TABLE_NAMES, type HumanUnits } from "./tables.js";

/** Writes `<table>.json`, `<table>.csv` and `manifest.json` into `dir` (created when missing); returns the paths. */
export function writeOpenData(dir: string, result: ExportResult): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const units = humanUnits(result);
  for (const table of TABLE_NAMES) {
    const columns = TABLES[table].columns.map(([c]) => c);
    const rows = result.tables[table].map((row) => humanRow(table, row, units));
    const json = path.join(dir, `${table}.json`);
    const csv = path.join(dir, `${table}.csv`);
    writeFileSync(json, JSON.stringify(rows, jsonReplacer, 2) + "\n");
    writeFileSync(csv, toCsv(columns, rows));
    written.push(json, csv);
  }
  const manifest = path.join(dir, "manifest.json");
  writeFileSync(manifest, JSON.stringify(result.manifest, jsonReplacer, 2) + "\n");
  written.push(manifest);
  return written;
}

/** The decimals of every token the export read (manifest `tokens`), and the token of every escrow and pool. */
function humanUnits(result: ExportResult): HumanUnits {
  const decimals = new Map(
    Object.entries(result.manifest.tokens).map(([token, t]) => [token.toLowerCase(), t.decimals]),
  );
  const tokenOf = new Map<string, string>();
  for (const e of result.tables.escrows) tokenOf.set(e.escrow.toLowerCase(), e.token);
  for (const e of result.tables.scheduled_escrows) tokenOf.set(e.escrow.toLowerCase(), e.token);
  for (const p of result.tables.pools) tokenOf.set(p.pool.toLowerCase(), p.token);
  return {
    decimalsOf: (token) => decimals.get(token.toLowerCase()),
    tokenOfContract: (contract) => tokenOf.get(contract.toLowerCase()),
  };
}
