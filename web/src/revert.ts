/**
 * Every failed transaction or call as one sentence: the revert data is decoded with viem against every custom error
 * of the suite (and OpenZeppelin's ERC-20 errors), then printed by the CLI's own sentence table
 * (scripts/core/errors/sentence.ts), so the browser and the terminal say the same thing. A wallet refusal and a
 * network failure are said as such.
 */
import { BaseError, decodeErrorResult, UserRejectedRequestError, type Abi, type Hex } from "viem";
import * as suiteAbis from "../../scripts/core/abis.js";
import { errorSentence, panicSentence } from "../../scripts/core/errors/sentence.js";
import type { RevertContext } from "../../scripts/core/errors/kinds.js";

type AbiError = Extract<Abi[number], { type: "error" }>;

const signature = (e: AbiError): string => `${e.name}(${e.inputs.map((input) => input.type).join(",")})`;

/** Every custom error of the suite, once per signature (the same error in several contracts is one error). */
const SUITE_ERRORS: Abi = Object.values(suiteAbis)
  .flatMap((abi: Abi) => abi.filter((item): item is AbiError => item.type === "error"))
  .filter((item, i, all) => all.findIndex((other) => signature(other) === signature(item)) === i);

const isHex = (value: unknown): value is Hex => typeof value === "string" && /^0x[0-9a-fA-F]*$/.test(value);

/** The revert data somewhere down an error's `cause` chain (viem's `raw`/`data`, a wallet's JSON-RPC `data`). */
export function revertData(err: unknown): Hex | undefined {
  for (let e: unknown = err, depth = 0; typeof e === "object" && e !== null && depth < 10; depth++) {
    for (const key of ["raw", "data"] as const) {
      const value: unknown = key in e ? Reflect.get(e, key) : undefined;
      if (isHex(value) && value.length >= 10) return value;
      if (typeof value === "object" && value !== null && "data" in value && isHex(value.data)) return value.data;
    }
    e = "cause" in e ? e.cause : undefined;
  }
  return undefined;
}

/** Why `err` happened, as one sentence a person reads. */
export function revertSentence(err: unknown, ctx: RevertContext = {}): string {
  const data = revertData(err);
  if (data !== undefined) {
    try {
      const decoded = decodeErrorResult({ abi: SUITE_ERRORS, data });
      const inputs = decoded.abiItem.type === "error" ? decoded.abiItem.inputs : [];
      if (decoded.errorName === "Error") return `reverted: ${String(decoded.args?.[0])}`;
      const panic = decoded.errorName === "Panic" ? decoded.args?.[0] : undefined;
      if (typeof panic === "bigint") return panicSentence(panic);
      return errorSentence({ name: decoded.errorName, inputs, args: decoded.args ?? [] }, ctx);
    } catch (decodeError) {
      // Not one of the suite's errors: say the selector rather than hide that the call reverted.
      if (!(decodeError instanceof BaseError)) throw decodeError;
      return `reverted with unknown error data ${data.slice(0, 10)}`;
    }
  }
  if (err instanceof BaseError) {
    if (err.walk((e) => e instanceof UserRejectedRequestError) !== null)
      return "You rejected the request in your wallet.";
    return err.shortMessage;
  }
  return err instanceof Error ? err.message : String(err);
}
