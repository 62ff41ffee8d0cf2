/**
 * A decoded revert as the one sentence a person reads, with no dependency beyond the error table and `units.ts`: the
 * CLI (`core/errors.ts`, ethers) and the web app (`web/src/revert.ts`, viem) decode the revert data with their own
 * ABI library and both print through `errorSentence`, so a revert reads the same in the terminal and in the browser.
 */
import { durationText, formatTokens, isoTime, metricText, percentBps, percentWad } from "../units.js";
import { enumName } from "./enums.js";
import { ERRORS } from "./index.js";
import type { ArgKind, RevertContext } from "./kinds.js";

/** A custom error decoded by any ABI library: its name, its inputs' names (in order) and its argument values. */
export interface DecodedError {
  name: string;
  inputs: readonly { name?: string | undefined }[];
  args: readonly unknown[];
}

function asBigint(value: unknown): bigint | undefined {
  return typeof value === "bigint" ? value : typeof value === "number" ? BigInt(value) : undefined;
}

/** A bytes32 packed string (Solidity `bytes32` text, zero-padded, last byte 0) as text, or undefined when it is not one. */
export function bytes32Text(hex: string): string | undefined {
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex) || !hex.endsWith("00")) return undefined;
  const bytes = Uint8Array.from(hex.slice(2).match(/../g) ?? [], (b) => parseInt(b, 16));
  const end = bytes.indexOf(0);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
  } catch (err) {
    if (err instanceof TypeError) return undefined; // not UTF-8 text (TextDecoder's only failure)
    throw err;
  }
}

function hashtagText(value: unknown): string {
  if (typeof value !== "string") return String(value);
  const text = bytes32Text(value);
  return text === undefined ? value : `#${text}`; // not UTF-8 text: the hash as it is
}

/** One argument printed as its kind says. */
export function formatArg(kind: ArgKind, value: unknown, ctx: RevertContext = {}): string {
  const n = asBigint(value);
  if (typeof kind === "object") return n === undefined ? String(value) : enumName(kind.enum, n);
  if (n === undefined) {
    if (kind === "hashtag") return hashtagText(value);
    if (kind === "char" && typeof value === "string" && /^0x[0-9a-fA-F]{2}$/.test(value)) {
      return String.fromCharCode(parseInt(value.slice(2), 16));
    }
    return String(value);
  }
  switch (kind) {
    case "time":
      return isoTime(n);
    case "duration":
      return durationText(n);
    case "amount":
      return formatTokens(n, ctx.token);
    case "metric":
      return metricText(n, ctx.metricDecimals);
    case "wad":
      return percentWad(n);
    case "bps":
      return percentBps(n);
    default:
      return n.toString();
  }
}

/**
 * A decoded suite error as one sentence with its fields in units a person reads, ending in the error's name:
 * `mission 1 goal 0 period 2 has not ended yet: reports open after 2030-06-30T23:59:59Z (PeriodNotEnded)`. An error
 * the table does not know prints as `Name(arg=value, …)`.
 */
export function errorSentence(error: DecodedError, ctx: RevertContext = {}): string {
  const format = ERRORS[error.name];
  const raw: Record<string, unknown> = {};
  const fields: Record<string, string> = {};
  for (const name of Object.keys(format?.args ?? {})) fields[name] = "?";
  const inputs = error.inputs.map((input, i) => ({
    name: input.name === undefined || input.name === "" ? `${i}` : input.name,
    i,
  }));
  for (const { name, i } of inputs) {
    const value: unknown = error.args[i];
    raw[name] = value;
    fields[name] = formatArg(format?.args[name] ?? "plain", value, ctx);
  }
  if (format === undefined) {
    return `${error.name}(${inputs.map(({ name }) => `${name}=${fields[name] ?? ""}`).join(", ")})`;
  }
  return `${format.say(fields, raw, ctx)} (${error.name})`;
}

/** A Solidity panic (`Panic(uint256)`) as a sentence: its code in hex, and what 0x11 means. */
export function panicSentence(code: bigint): string {
  return `reverted with panic 0x${code.toString(16)}${code === 0x11n ? " (arithmetic overflow)" : ""}`;
}
