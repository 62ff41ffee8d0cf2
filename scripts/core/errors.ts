/**
 * The one revert decoder (`decodeRevert`/`formatRevert`/`revertReason`, re-exported by core/chain.ts): it decodes a
 * revert with the suite's ABIs and prints it through the error table (`errors/`: one table per domain, assembled in
 * `errors/index.ts`), so every contract error reaches a person as one sentence in units they read: ISO times, whole
 * tokens with the symbol, statuses and fields by name. An error missing from the table prints as
 * `Name(arg=value, …)`; a test keeps the table equal to the ABIs and the enums equal to the Solidity sources.
 */
import {
  AbiCoder,
  dataSlice,
  decodeBytes32String,
  ErrorFragment,
  Interface,
  isError,
  type ErrorDescription,
} from "ethers";
import * as suiteAbis from "./abis.js";
import { durationText, formatTokens, isoTime, metricText, percentBps, percentWad } from "./units.js";
import { enumName, ERRORS, type ArgKind, type RevertContext } from "./errors/index.js";

export {
  ENUMS,
  enumName,
  ERRORS,
  type ArgKind,
  type EnumName,
  type ErrorFormat,
  type RevertContext,
  type SuiteContract,
} from "./errors/index.js";

/* ---------------------------------------------------------------------------------------------------------- */
/* Formatting                                                                                                  */
/* ---------------------------------------------------------------------------------------------------------- */

function asBigint(value: unknown): bigint | undefined {
  return typeof value === "bigint" ? value : typeof value === "number" ? BigInt(value) : undefined;
}

function hashtagText(value: unknown): string {
  if (typeof value !== "string") return String(value);
  try {
    return `#${decodeBytes32String(value)}`;
  } catch (err) {
    if (err instanceof Error) return value; // not UTF-8 text: the hash as it is
    throw err;
  }
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
export function describeError(error: ErrorDescription, ctx: RevertContext = {}): string {
  const format = ERRORS[error.name];
  const raw: Record<string, unknown> = {};
  const fields: Record<string, string> = {};
  for (const name of Object.keys(format?.args ?? {})) fields[name] = "?";
  const inputs = error.fragment.inputs.map((input, i) => ({ name: input.name === "" ? `${i}` : input.name, i }));
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

/* ---------------------------------------------------------------------------------------------------------- */
/* The one revert decoder (re-exported by core/chain.ts)                                                       */
/* ---------------------------------------------------------------------------------------------------------- */

/** Every ABI of the suite (generated `as const` from the artifacts), ERC-20 errors included. */
const SUITE_ABIS = Object.values(suiteAbis);

let suiteErrors: Interface | undefined;

/** One interface holding every custom error of every contract in the suite (deduplicated by signature). */
export function suiteErrorInterface(): Interface {
  if (suiteErrors !== undefined) return suiteErrors;
  const bySignature = new Map<string, ErrorFragment>();
  for (const abi of SUITE_ABIS) {
    for (const entry of abi) {
      if (entry.type !== "error") continue;
      const fragment = ErrorFragment.from(entry);
      bySignature.set(fragment.format("sighash"), fragment);
    }
  }
  suiteErrors = new Interface([...bySignature.values()]);
  return suiteErrors;
}

/**
 * The revert data of a failed call: ethers' CALL_EXCEPTION (JSON-RPC), Hardhat's in-process error (`data`), or a viem
 * error (`raw` / `data` somewhere down its `cause` chain).
 */
export function revertData(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; typeof e === "object" && e !== null && depth < 8; depth++) {
    if (isError(e, "CALL_EXCEPTION") && e.data !== null && e.data !== undefined) return e.data;
    for (const key of ["data", "raw"] as const) {
      const value: unknown = key in e ? Reflect.get(e, key) : undefined;
      if (typeof value === "string" && /^0x[0-9a-fA-F]*$/.test(value)) return value;
    }
    e = "cause" in e ? e.cause : undefined;
  }
  return undefined;
}

const ERROR_STRING = "0x08c379a0"; // Error(string)
const PANIC = "0x4e487b71"; // Panic(uint256)

/** The suite's custom error a call reverted with, or undefined when `err` is not one (nor a custom error at all). */
export function decodeRevert(err: unknown): ErrorDescription | undefined {
  const data = revertData(err);
  if (data === undefined || data.length < 10 || data.startsWith(ERROR_STRING) || data.startsWith(PANIC)) {
    return undefined;
  }
  return suiteErrorInterface().parseError(data) ?? undefined;
}

/**
 * A decoded suite error as one sentence in units a person reads (the error table), ending in the
 * error's name; `context` names the token of amounts, the goal decimals of metric values and the contract called.
 */
export function formatRevert(error: ErrorDescription, context: RevertContext = {}): string {
  return describeError(error, context);
}

/**
 * Why a call reverted, as one sentence: a suite error through the error table, a `require` message, a
 * panic code, or a revert without data; undefined when `err` is not a revert.
 */
export function revertReason(err: unknown, context: RevertContext = {}): string | undefined {
  const decoded = decodeRevert(err);
  if (decoded !== undefined) return formatRevert(decoded, context);
  const data = revertData(err);
  if (data === undefined) return isError(err, "CALL_EXCEPTION") ? "the call reverted without a reason" : undefined;
  const coder = AbiCoder.defaultAbiCoder();
  if (data.startsWith(ERROR_STRING)) return `reverted: ${String(coder.decode(["string"], dataSlice(data, 4))[0])}`;
  if (data.startsWith(PANIC)) {
    const code = BigInt(String(coder.decode(["uint256"], dataSlice(data, 4))[0]));
    return `reverted with panic 0x${code.toString(16)}${code === 0x11n ? " (arithmetic overflow)" : ""}`;
  }
  if (data === "0x") return "the call reverted without a reason";
  return `reverted with unknown error data ${data.slice(0, 10)}`;
}
