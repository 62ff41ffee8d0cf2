import { HardhatError } from "@nomicfoundation/hardhat-errors";
import { z } from "zod";
import { revertReason } from "./errors.js";
import { tokenText } from "./units.js";
import {
  bytes32,
  decimalAmount,
  eip55Address,
  positiveUintFlag,
  toBaseUnits,
  uintFlag,
} from "../formats/primitives.js";
import { CliError } from "./cli-error.js";
import { describeZodError } from "../formats/zod-error.js";
import { parseFlag } from "../formats/flag.js";

export { parseFlag };

export { CliError };

export type TaskResult = { success: true; value: undefined } | { success: false; error: string };

export { describeZodError };

/**
 * Runs a task body: user errors (CliError, zod, a contract revert, a network that cannot be reached) become one
 * `error: …` line on stderr and a failed Result, so Hardhat exits with code 1. Anything else (a bug) propagates with
 * its stack.
 */
export async function runTask(body: () => Promise<void>): Promise<TaskResult> {
  try {
    await body();
    return { success: true, value: undefined };
  } catch (err) {
    const message = userMessage(err);
    if (message === undefined) throw err;
    console.error(`error: ${message}`);
    return { success: false, error: message };
  }
}

const { CONNECTION_REFUSED, NETWORK_TIMEOUT } = HardhatError.ERRORS.CORE.NETWORK;

const {
  ENV_VAR_NOT_FOUND,
  INVALID_CONFIG_VARIABLE_URL,
  INVALID_CONFIG_VARIABLE_BIGINT,
  INVALID_CONFIG_VARIABLE_HEX_STRING,
} = HardhatError.ERRORS.CORE.GENERAL;

/**
 * One line for Hardhat's configuration-variable errors, matched by descriptor (HHE7: a `.env` variable missing;
 * HHE28–30: set but not a valid URL, integer or hex string, e.g. empty), naming the variable; undefined for any
 * other error.
 */
export function configVariableProblem(err: unknown): string | undefined {
  if (HardhatError.isHardhatError(err, ENV_VAR_NOT_FOUND)) {
    return `${String(err.messageArguments.name)}: not set; add it to .env (copy .env.example) or export it`;
  }
  // Under a test runner the keystore plugin resolves configuration variables and reports a missing one itself.
  if (
    HardhatError.isHardhatError(
      err,
      HardhatError.ERRORS.HARDHAT_KEYSTORE.GENERAL.KEY_NOT_FOUND_DURING_TESTS_WITH_DEV_KEYSTORE,
    )
  ) {
    return `${String(err.messageArguments.key)}: not set; add it to .env (copy .env.example) or export it`;
  }
  const invalid = [
    [INVALID_CONFIG_VARIABLE_URL, "URL value"],
    [INVALID_CONFIG_VARIABLE_BIGINT, "BigInt value"],
    [INVALID_CONFIG_VARIABLE_HEX_STRING, "hex string value"],
  ] as const;
  for (const [descriptor, kind] of invalid) {
    if (!HardhatError.isHardhatError(err, descriptor)) continue;
    // The argument reads `the configuration variable "NAME"` (or "an inline configuration value").
    const described = String(err.messageArguments.configVariable);
    const name = /"([A-Za-z0-9_]+)"/.exec(described)?.[1] ?? described;
    return `${name}: invalid ${kind} (is it empty in .env?)`;
  }
  return undefined;
}

/**
 * The one-line message for a user-facing error, or undefined for an unexpected one. A contract revert that no task
 * explained reads as its sentence from the error table (core/errors.ts) — without the token or goal a task knows, so
 * amounts in base units.
 */
export function userMessage(err: unknown): string | undefined {
  if (err instanceof CliError) return err.message;
  if (err instanceof z.ZodError) return describeZodError(err);
  const reason = revertReason(err);
  if (reason !== undefined) return reason;
  const variable = configVariableProblem(err);
  if (variable !== undefined) return variable;
  if (HardhatError.isHardhatError(err, CONNECTION_REFUSED)) {
    const network = String(err.messageArguments.network);
    return `--network ${network}: cannot connect to its RPC URL (is the node running? check the URL in .env)`;
  }
  if (HardhatError.isHardhatError(err, NETWORK_TIMEOUT)) {
    return "--network: the RPC URL did not answer in time (check the URL in .env and your connection)";
  }
  return undefined;
}

/** Common flag schemas (all from `formats/primitives`). */
export const flags = {
  address: eip55Address,
  uint: uintFlag,
  positiveUint: positiveUintFlag,
  bytes32,
};

/**
 * A required, positive amount flag in whole tokens (e.g. `12.5`), in base units of a token with `decimals`. With
 * `max` (base units, e.g. 2^96 - 1 for a uint96 field), a larger amount is refused naming the largest in tokens.
 */
export function parseAmountFlag(
  flag: string,
  value: string,
  decimals: number,
  max?: { value: bigint; symbol: string },
): bigint {
  const amount = parseScaledFlag(flag, value, decimals, "decimal amount, e.g. 1000.5");
  if (amount === 0n) throw new CliError(`--${flag}: must be greater than zero`);
  if (max !== undefined && amount > max.value) {
    throw new CliError(`--${flag}: ${value} is out of range (at most ${tokenText(max.value, decimals)} ${max.symbol})`);
  }
  return amount;
}

/** Largest metric value a goal stores (uint64). */
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * A required metric value flag in the goal's own decimals (`--value 70.1` for a goal with 1 decimal → 701), as the
 * scaled uint64 integer the oracle takes; too many decimals or a value beyond uint64 is refused in one line.
 */
export function parseMetricFlag(flag: string, value: string, decimals: number): bigint {
  if (value === "") throw new CliError(`--${flag}: required`);
  return scaleMetric(
    `--${flag}`,
    parseFlag(flag, decimalAmount("must be a decimal number, e.g. 70.1"), value),
    decimals,
  );
}

/**
 * Decimal text in a goal's own unit → the scaled uint64 integer the oracle takes (`72.5` with 1 decimal → 725),
 * exactly: more decimals than the goal has, or a value beyond uint64, is one line naming `field` (`--value`,
 * `reports.0.value`). The one conversion of metric values typed by a person, flag or file.
 */
export function scaleMetric(field: string, text: string, decimals: number): bigint {
  const scaled = toBaseUnits(text, decimals);
  if (!scaled.ok) throw new CliError(`${field}: ${scaled.reason} (got "${text}")`);
  if (scaled.value > UINT64_MAX) {
    throw new CliError(
      `${field}: ${text} is out of range (at most ${tokenText(UINT64_MAX, decimals)} with the goal's ${decimals} decimals)`,
    );
  }
  return scaled.value;
}

/** Decimal text → an integer scaled by `decimals`, exactly (never rounded). */
function parseScaledFlag(flag: string, value: string, decimals: number, what: string): bigint {
  if (value === "") throw new CliError(`--${flag}: required`);
  const text = parseFlag(flag, decimalAmount(`must be a ${what}`), value);
  const scaled = toBaseUnits(text, decimals);
  if (!scaled.ok) throw new CliError(`--${flag}: ${scaled.reason} (got "${text}")`);
  return scaled.value;
}

/** Draws a terminal progress bar: `[██████░░░░] 60.0 %`. */
export function progressBar(fraction: number, width = 24): string {
  const f = Number.isFinite(fraction) ? Math.min(Math.max(fraction, 0), 1) : 0;
  const full = Math.round(f * width);
  return `[${"█".repeat(full)}${"░".repeat(width - full)}] ${(f * 100).toFixed(1).padStart(5)} %`;
}
