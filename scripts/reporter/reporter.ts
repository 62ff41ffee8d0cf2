/**
 * Oracle reporter: reads metric values from a JSON or CSV file (zod-validated), signs EIP-712 reports for the
 * MetricOracle with viem, writes the signed reports to a file, or relays them in batches to any RPC.
 *
 * Input file, JSON: `[{ "missionId": "1", "goalId": 0, "period": 1, "value": "72.5", "evidenceHash": "0x…" }]` or
 * `{ "reports": [ … ] }`. CSV: a header line `missionId,goalId,period,value[,version][,decimals][,evidenceHash]`, then
 * one row per report. `value` is in the goal's own unit and decimals (`72.5` for a goal with one decimal, signed as
 * 725), as `oracle:report --value` takes it; `decimals`, the goal's decimals, is needed only to sign offline (online
 * they are read from the registry, and a `decimals` given must match). `evidenceHash` defaults to zero.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  createPublicClient,
  createWalletClient,
  hashTypedData,
  http,
  parseEventLogs,
  type Account,
  type Address,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { z } from "zod";
import { CliError, describeZodError, scaleMetric } from "../core/cli.js";
import { decimalAmount } from "../formats/primitives.js";
import {
  evidenceHashField,
  firstFreeNonce,
  reportSlotShape,
  reportTypedData,
  reportTypes,
  signedFileSchema,
  signedFileText,
  smallInt,
  toSignedFile,
  type MetricReport,
  type OracleDomain,
  type SignedFile,
  type SignedReport,
} from "../formats/signed-reports.js";
import { metricOracleAbi } from "../core/abis.js";
import { revertReason, suiteErrorInterface } from "../core/chain.js";

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
export { firstFreeNonce, reportTypes, type MetricReport, type OracleDomain, type SignedFile, type SignedReport };

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
function hexOf(text: string): Hex {
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

/** The EIP-712 digest of a report, as the contract's `reportDigest` computes it. */
export function reportDigest(
  d: OracleDomain,
  r: MetricReport,
  reporter: Address,
  nonce: bigint,
  deadline: bigint,
): Hex {
  return hashTypedData(reportTypedData(d, r, reporter, nonce, deadline));
}

/** Signs `reports` with consecutive nonces from `startNonce`, all valid until `deadline`. */
export async function signReports(
  account: LocalAccount,
  d: OracleDomain,
  reports: MetricReport[],
  startNonce: bigint,
  deadline: bigint,
): Promise<SignedReport[]> {
  const out: SignedReport[] = [];
  let nonce = startNonce;
  for (const report of reports) {
    const signature = await account.signTypedData(reportTypedData(d, report, account.address, nonce, deadline));
    out.push({ report, reporter: account.address, nonce, deadline, signature });
    nonce += 1n;
  }
  return out;
}

/** Writes the signed reports to `file`, creating its folder (`--out out/signed.json` in a fresh clone). */
export function writeSignedFile(file: string, signed: SignedFile): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, signedFileText(signed));
  } catch (err) {
    const code = err instanceof Error && "code" in err ? String(err.code) : undefined;
    if (code === undefined) throw err;
    throw new CliError(`--out: cannot write ${file} (${code})`);
  }
}

export function readSignedFile(file: string): SignedFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new CliError(`--file: cannot read JSON from "${file}"`);
  }
  const parsed = signedFileSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(describeZodError(parsed.error, "signed."));
  return toSignedFile(parsed.data);
}

/** The signing key: `--key` when given, else `ORACLE_PRIVATE_KEY` from the environment (`.env`). */
export function loadReporterKey(flag?: string): Hex {
  const fromFlag = flag !== undefined && flag !== "";
  const key = fromFlag ? flag : process.env.ORACLE_PRIVATE_KEY;
  const name = fromFlag ? "--key" : "ORACLE_PRIVATE_KEY";
  if (key === undefined || key === "") throw new CliError(`ORACLE_PRIVATE_KEY: not set; add it to .env or pass --key`);
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new CliError(`${name}: must be a 0x-prefixed 32-byte hex private key`);
  return key as Hex;
}

export function reporterAccount(flag?: string): LocalAccount {
  return privateKeyToAccount(loadReporterKey(flag));
}

/** Relays signed reports with `reportBatch`, `batchSize` per transaction; returns the transaction hashes. */
export async function relaySignedReports(
  wallet: WalletClient,
  publicClient: PublicClient,
  oracle: Address,
  reports: SignedReport[],
  batchSize = 16,
): Promise<Hex[]> {
  const account: Account | undefined = wallet.account;
  if (account === undefined) throw new CliError("relayer: the wallet client has no account");
  const hashes: Hex[] = [];
  for (let i = 0; i < reports.length; i += batchSize) {
    const chunk = reports.slice(i, i + batchSize);
    const hash = await wallet.writeContract({
      address: oracle,
      abi: metricOracleAbi,
      functionName: "reportBatch",
      args: [chunk],
      account,
      chain: wallet.chain ?? null,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`reportBatch reverted: ${hash}`);
    hashes.push(hash);
  }
  return hashes;
}

/** A signed report the oracle would refuse, with why (the contract's error as one sentence). */
export interface Refused {
  /** Index of the report in the signed file. */
  index: number;
  reason: string;
}

/**
 * Why the oracle would refuse signed report `s` now if it came alone (`reportSigned` simulated by `relayer`): the
 * contract's error as one sentence, or undefined when it would be accepted. A report refused alone — a used nonce,
 * an expired signature, a non-member, a period not ended — is refused in a batch too.
 */
export async function refusalOf(
  publicClient: PublicClient,
  oracle: Address,
  s: SignedReport,
  relayer: Address,
): Promise<string | undefined> {
  try {
    await publicClient.simulateContract({
      address: oracle,
      abi: metricOracleAbi,
      functionName: "reportSigned",
      args: [s],
      account: relayer,
    });
    return undefined;
  } catch (err) {
    const reason = revertReason(err);
    if (reason === undefined) throw err;
    return reason;
  }
}

/**
 * The entries `reportBatch` skipped in the transactions `hashes` (its `BatchEntrySkipped` events), as indexes into
 * `sent` (the reports relayed, `batchSize` per transaction), with why: the refusal now when the oracle still refuses
 * the report alone, else the error the event names.
 */
export async function skippedEntries(
  publicClient: PublicClient,
  oracle: Address,
  sent: { index: number; report: SignedReport }[],
  hashes: Hex[],
  batchSize: number,
  relayer: Address,
): Promise<Refused[]> {
  const out: Refused[] = [];
  for (const [batch, hash] of hashes.entries()) {
    const receipt = await publicClient.getTransactionReceipt({ hash });
    const events = parseEventLogs({ abi: metricOracleAbi, logs: receipt.logs, eventName: "BatchEntrySkipped" });
    for (const event of events) {
      const entry = sent[batch * batchSize + Number(event.args.index)];
      if (entry === undefined) continue;
      const name = suiteErrorInterface().getError(event.args.reason)?.name ?? event.args.reason;
      const now = await refusalOf(publicClient, oracle, entry.report, relayer);
      out.push({ index: entry.index, reason: now ?? `refused in the batch (${name})` });
    }
  }
  return out;
}

/** Clients for any JSON-RPC URL, signing with `account`. */
export function rpcClients(url: string, account: LocalAccount): { wallet: WalletClient; publicClient: PublicClient } {
  return {
    wallet: createWalletClient({ account, transport: http(url) }),
    publicClient: createPublicClient({ transport: http(url) }),
  };
}
