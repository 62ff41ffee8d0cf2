/**
 * Oracle reporter, input: metric values from a JSON or CSV file (zod-validated), scaled into the reports it signs
 * (`signing.ts`), written to a signed-reports file (`signed-file.ts`) or relayed in batches to any RPC (`relay.ts`).
 *
 * Input file, JSON: `[{ "missionId": "1", "goalId": 0, "period": 1, "value": "72.5", "evidenceHash": "0x…" }]` or
 * `{ "reports": [ … ] }`. CSV: a header line `missionId,goalId,period,value[,version][,decimals][,evidenceHash]`, then
 * one row per report. `value` is in the goal's own unit and decimals (`72.5` for a goal with one decimal, signed as
 * 725), as `oracle:report --value` takes it; `decimals`, the goal's decimals, is needed only to sign offline (online
 * they are read from the registry, and a `decimals` given must match). `evidenceHash` defaults to zero.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Hex } from "viem";
import { z } from "zod";
import { CliError, describeZodError, scaleMetric } from "../core/cli.js";
import { decimalAmount } from "../formats/primitives.js";
import { evidenceHashField, reportSlotShape, smallInt, type MetricReport } from "../formats/signed-reports.js";

/** A metric value as written: decimal text (or a JSON number) in the goal's own unit, e.g. `72.5`. */
const metricText = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(decimalAmount("must be a decimal number in the goal's unit, e.g. 72.5"));

/** One metric value to report, as a file holds it (the value not yet scaled with the goal's decimals). */
export const metricRowSchema = z.object({
  ...reportSlotShape,
  value: metricText,
  /** The goal's decimals: optional online (checked against the registry), required to sign offline. */
  decimals: smallInt(18).optional(),
  evidenceHash: evidenceHashField,
});
/** A row of a metric file: `value` is decimal text in the goal's unit. */
export type MetricRow = z.infer<typeof metricRowSchema>;
export type { MetricReport };

const metricRowsSchema = z.array(metricRowSchema);

/**
 * The report a row signs: its value scaled with the goal's decimals (`72.5`, 1 → 725) by the one conversion
 * `oracle:report --value` uses. `chainDecimals` are the goal's decimals read from the registry (undefined offline);
 * the row's own `decimals` must agree with them, and offline it is required. Errors name the row's field.
 */
export function toMetricReport(row: MetricRow, index: number, chainDecimals: number | undefined): MetricReport {
  const { decimals: written, ...rest } = row;
  const goal = `mission ${row.missionId} goal ${row.goalId}`;
  if (chainDecimals !== undefined && written !== undefined && written !== chainDecimals) {
    throw new CliError(`reports.${index}.decimals: ${written}, but ${goal} has ${chainDecimals} decimals`);
  }
  const decimals = chainDecimals ?? written;
  if (decimals === undefined) {
    throw new CliError(
      `reports.${index}.decimals: required offline (--chain-id): the decimals of ${goal} cannot be read`,
    );
  }
  return {
    ...rest,
    value: scaleMetric(`reports.${index}.value`, row.value, decimals),
    evidenceHash: hexOf(row.evidenceHash),
  };
}

/** A bytes32 the schema already checked, typed for viem. */
export function hexOf(text: string): Hex {
  return `0x${text.slice(2)}`;
}

/** Parses metric values from JSON text. Errors name the failing field (`reports.0.value: …`). */
export function parseMetricJson(text: string): MetricRow[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new CliError(`file: invalid JSON (${(err as Error).message})`);
  }
  const list =
    typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as { reports?: unknown }).reports : raw;
  const parsed = metricRowsSchema.safeParse(list);
  if (!parsed.success) throw new CliError(describeZodError(parsed.error, "reports."));
  const rows = parsed.data;
  if (rows.length === 0) throw new CliError("reports: the file holds no report");
  return rows;
}

/** Parses metric values from CSV text with a header line. */
export function parseMetricCsv(text: string): MetricRow[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const header = lines
    .shift()
    ?.split(",")
    .map((h) => h.trim());
  if (header === undefined) throw new CliError("reports: the file holds no report");
  for (const required of ["missionId", "goalId", "period", "value"]) {
    if (!header.includes(required)) throw new CliError(`header: missing column "${required}"`);
  }
  if (lines.length === 0) throw new CliError("reports: the file holds no report");
  return lines.map((line, i) => {
    const cells = line.split(",").map((c) => c.trim());
    if (cells.length !== header.length)
      throw new CliError(`reports.${i}: expected ${header.length} columns, got ${cells.length}`);
    const row: Record<string, string> = {};
    header.forEach((h, j) => {
      const cell = cells[j];
      if (cell !== undefined && cell !== "") row[h] = cell;
    });
    const parsed = metricRowSchema.safeParse(row);
    if (!parsed.success) throw new CliError(describeZodError(parsed.error, `reports.${i}.`));
    return parsed.data;
  });
}

/** Reads a `.json` or `.csv` metric file. */
export function readMetricFile(file: string): MetricRow[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new CliError(`--file: cannot read "${file}"`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === ".json") return parseMetricJson(text);
  if (ext === ".csv") return parseMetricCsv(text);
  throw new CliError(`--file: must end in .json or .csv (got "${file}")`);
}
