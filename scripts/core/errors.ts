/**
 * The one revert decoder (`decodeRevert`/`formatRevert`/`revertReason`, re-exported by core/chain.ts): it decodes a
 * revert with the suite's ABIs and prints it through the error table (`errors/`: one table per domain, assembled in
 * `errors/index.ts`), so every contract error reaches a person as one sentence in units they read: ISO times, whole
 * tokens with the symbol, statuses and fields by name. An error missing from the table prints as
 * `Name(arg=value, …)`; a test keeps the table equal to the ABIs and the enums equal to the Solidity sources.
 */
import { AbiCoder, dataSlice, ErrorFragment, Interface, isError, type ErrorDescription } from "ethers";
import * as suiteAbis from "./abis.js";
import type { RevertContext } from "./errors/index.js";
import { errorSentence, panicSentence } from "./errors/sentence.js";

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
export { bytes32Text, errorSentence, formatArg, panicSentence, type DecodedError } from "./errors/sentence.js";

/**
 * A decoded suite error as one sentence with its fields in units a person reads, ending in the error's name (the
 * pure sentence builder `errors/sentence.ts`, shared with the web app).
 */
export function describeError(error: ErrorDescription, ctx: RevertContext = {}): string {
  return errorSentence({ name: error.name, inputs: error.fragment.inputs, args: [...error.args] }, ctx);
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
    return panicSentence(code);
  }
  if (data === "0x") return "the call reverted without a reason";
  return `reverted with unknown error data ${data.slice(0, 10)}`;
}
