import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { toQuantity } from "ethers";
import { CliError, parseFlag, runTask, type TaskResult } from "../../core/cli.js";
import { isoTime } from "../../core/units.js";
import { latestTime, openChain, requireLocalChain, type Chain } from "../../core/chain.js";
import { z } from "zod";
import { decimalAmount, time, timeSeconds, toBaseUnits } from "../../formats/primitives.js";

const DAY = 86_400n;
const MAX_DAYS = 36_500n;
const PRECISION = 18;

/** `--days` (decimal, e.g. `1.5`) as whole seconds: at least one second, at most 100 years. */
export function daysToSeconds(text: string): bigint {
  const days = parseFlag("days", decimalAmount("must be a number of days, e.g. 30 or 1.5"), text);
  const scaled = toBaseUnits(days, PRECISION);
  if (!scaled.ok) throw new CliError(`--days: ${scaled.reason} (got "${days}")`);
  const unit = 10n ** BigInt(PRECISION);
  if (scaled.value > MAX_DAYS * unit) throw new CliError(`--days: at most ${MAX_DAYS} days (got "${days}")`);
  const seconds = (scaled.value * DAY) / unit;
  if (seconds === 0n) throw new CliError(`--days: must be at least one second (got "${days}")`);
  return seconds;
}

/** `--to`: unix seconds, an ISO date-time or an offset like "+30d" from `now` (the latest block time). */
export function toTimeFlag(text: string, now: bigint): bigint {
  return timeSeconds(parseFlag("to", /^[0-9]+$/.test(text) ? z.coerce.number().pipe(time) : time, text), now);
}

/**
 * Moves a local network's clock: mines one block `--days` after the latest block, or at `--to` (a date). Refused on
 * any chain but the local one (31337) before anything is sent.
 */
export async function advanceChain(
  chain: Chain,
  daysFlag: string,
  toFlag = "",
): Promise<{ block: number; time: bigint }> {
  requireLocalChain(chain, "chain:advance");
  const provider = chain.ethers.provider;
  const now = await latestTime(provider);
  let target: bigint;
  if (toFlag !== "") {
    if (daysFlag !== "") throw new CliError("--to: give --days or --to, not both");
    target = toTimeFlag(toFlag, now);
    if (target <= now) throw new CliError(`--to: ${isoTime(target)} is not after the latest block (${isoTime(now)})`);
  } else {
    if (daysFlag === "") throw new CliError("--days: required (or --to <date>)");
    target = now + daysToSeconds(daysFlag);
  }
  await provider.send("evm_setNextBlockTimestamp", [toQuantity(target)]);
  await provider.send("evm_mine", []);
  const block = await provider.getBlock("latest");
  if (block === null) throw new CliError("chain:advance: the node returned no latest block");
  return { block: block.number, time: BigInt(block.timestamp) };
}

export const advanceAction = (
  args: { days: string; to: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> =>
  runTask(async () => {
    const { block, time } = await advanceChain(await openChain(hre), args.days, args.to);
    console.log(`mined block ${block} at ${isoTime(time)}${args.to === "" ? ` (+${args.days} days)` : ""}`);
  });
