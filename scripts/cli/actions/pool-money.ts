/** Money in and out of a pool: invest, commit, disburse, settle, redeem, withdraw, refund. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { CliError, flags, parseFlag, runTask, type TaskResult } from "../../core/cli.js";
import { latestTime, openChain, senderOf, simulateThenSend, type Chain } from "../../core/chain.js";
import { ENUMS } from "../../core/errors.js";
import { formatTokens, percentWad, tokenText } from "../../core/units.js";
import { encodeBasket, encodeSchedule } from "../../formats/pool-terms.js";
import { amountFlag, approveTaken, creationTerms, openPool, PHASES, required, type Args } from "./pool-common.js";
import { investInClass, isClassed, refuseClassFlag, waterfallLines, withdrawFromClass } from "./pool-classes.js";
import { scheduleSettledLine, settlePoolPoint, tierFlag } from "./pool-scheduled.js";

const RESOLUTIONS = ENUMS["OutcomeLib.Resolution"];

/** `invest` / `commit`: approve exactly the amount, simulate, send; returns what the pool credited the sender. */
async function payIn(args: Args, hre: HardhatRuntimeEnvironment, method: "invest" | "commit") {
  const c = await openChain(hre);
  const { pool, config, decimals, units } = await openPool(c, args.pool);
  const amount = amountFlag("amount", args.amount, decimals);
  if (method === "commit") await requireBasket(pool, "tier");
  const s = await senderOf(c, args.from);
  // Every check that can fail comes before the approval, and the approval is exactly what the pool will take.
  const taken = await amountTaken(c, pool, config, method, amount);
  await approveTaken(s, config.token, await pool.getAddress(), taken, units);
  const credited = () => (method === "invest" ? pool.balanceOf(s.address) : pool.commitmentOf(s.address));
  const before = await credited();
  const receipt = await simulateThenSend(pool.connect(s), method, [amount]);
  return { added: (await credited()) - before, units, hash: receipt.hash };
}

/** One line, before anything is sent, when a scheduled pool is given no `--tier` / `--point` (`flag`). */
async function requireBasket(pool: Awaited<ReturnType<typeof openPool>>["pool"], flag: "tier" | "point") {
  if (await pool.isScheduled()) {
    throw new CliError(`--${flag}: required for a pool paid by a payment schedule (pool:show lists its ${flag}s)`);
  }
}

/**
 * What `invest`/`commit` will take from the sender: the amount clamped to the room left (capital target or fund
 * cap), as the pool computes it; a closed raise, a full pool or a settled one is refused in one line first.
 */
async function amountTaken(
  c: Chain,
  pool: Awaited<ReturnType<typeof openPool>>["pool"],
  config: Awaited<ReturnType<typeof openPool>>["config"],
  method: "invest" | "commit",
  amount: bigint,
): Promise<bigint> {
  const now = await latestTime(c.ethers.provider);
  const st = await pool.state();
  const when = (t: bigint) => new Date(Number(t) * 1000).toISOString();
  // The raise takes payments up to its deadline second; the next block is at least one second after the latest.
  const raiseOver = now >= config.raiseDeadline;
  if (method === "invest") {
    if (raiseOver) throw new CliError(`--pool: the raise closed at ${when(config.raiseDeadline)}`);
    if (st.totalShares >= config.capitalTarget) throw new CliError("--pool: the raise is full (capital target met)");
    const room = config.capitalTarget - st.totalShares;
    return amount < room ? amount : room;
  }
  if (Number(st.phase) === 3) throw new CliError("--pool: the pool is settled; commitments are closed");
  if (raiseOver && st.totalShares < config.capitalTarget) {
    throw new CliError(`--pool: the raise failed at ${when(config.raiseDeadline)}; commitments are closed`);
  }
  if (st.fundCommitted >= config.fundCap) throw new CliError("--pool: the outcome fund is full (its cap is met)");
  const room = config.fundCap - st.fundCommitted;
  return amount < room ? amount : room;
}

export function invest(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    // A classed pool takes capital per class (`--class` required); `--class` on any other pool is refused.
    const c = await openChain(hre);
    if (await isClassed((await openPool(c, args.pool)).pool)) return investInClass(c, args);
    refuseClassFlag(args);
    const { added, units, hash } = await payIn(args, hre, "invest");
    // Shares are minted 1:1 with the capital taken (the amount clamped to the room left).
    console.log(`invested ${formatTokens(added, units)} → ${tokenText(added, units.decimals)} shares (tx ${hash})`);
  });
}

export function commit(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    if (args.tier !== undefined && args.tier !== "") {
      const { added, units, hash, tier } = await commitToTier(args, hre);
      console.log(`committed ${formatTokens(added, units)} to payer tier ${tier} of the outcome fund (tx ${hash})`);
      return;
    }
    const { added, units, hash } = await payIn(args, hre, "commit");
    console.log(`committed ${formatTokens(added, units)} to the outcome fund (tx ${hash})`);
  });
}

/**
 * `pool:commit --tier N` on a scheduled pool: the tier checked, the amount clamped to the fund cap's room (commitments
 * close at the raise deadline), exactly that approved, then `commitTier`; returns what the pool credited.
 */
async function commitToTier(args: Args, hre: HardhatRuntimeEnvironment) {
  const c = await openChain(hre);
  const { pool, config, decimals, units } = await openPool(c, args.pool);
  const tier = await tierFlag(pool, args.tier ?? "");
  const amount = amountFlag("amount", args.amount, decimals);
  const s = await senderOf(c, args.from);
  const now = await latestTime(c.ethers.provider);
  const when = new Date(Number(config.raiseDeadline) * 1000).toISOString();
  if (now >= config.raiseDeadline) throw new CliError(`--pool: commitments closed with the raise at ${when}`);
  const st = await pool.state();
  if (st.fundCommitted >= config.fundCap) throw new CliError("--pool: the outcome fund is full (its cap is met)");
  const room = config.fundCap - st.fundCommitted;
  await approveTaken(s, config.token, await pool.getAddress(), amount < room ? amount : room, units);
  const before = await pool.tierCommitmentOf(s.address, tier);
  const receipt = await simulateThenSend(pool.connect(s), "commitTier", [tier, amount]);
  return { added: (await pool.tierCommitmentOf(s.address, tier)) - before, units, hash: receipt.hash, tier };
}

export function disburse(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, units } = await openPool(c, args.pool);
    const index = parseFlag("tranche", flags.uint, required("tranche", args.tranche));
    const terms = await creationTerms(c, await pool.getAddress(), args.factory);
    const count = BigInt(terms.tranches.length);
    if (index >= count) throw new CliError(`--tranche: no tranche #${index} (${count} tranches)`);
    const s = await senderOf(c, args.from);
    const receipt = await simulateThenSend(pool.connect(s), "disburse", [index, encodeSchedule(terms.schedule)]);
    const tranche = terms.tranches[Number(index)];
    const provider = tranche === undefined ? "?" : terms.providers[Number(tranche.provider)];
    const state = await pool.state();
    console.log(
      `tranche #${index} disbursed to ${provider}; disbursed so far ${formatTokens(state.disbursed, units)} (tx ${receipt.hash})`,
    );
  });
}

export function settle(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, units } = await openPool(c, args.pool);
    if (args.point !== undefined && args.point !== "") {
      const point = Number(parseFlag("point", flags.uint, args.point));
      const s = await senderOf(c, args.from);
      const { receipt, amount } = await settlePoolPoint(c, pool.connect(s), point);
      const waterfall = await waterfallLines(pool, receipt, units);
      const to = waterfall.length > 0 ? "down the classes' waterfall" : "to the investors' pot";
      console.log(`point ${point} settled: paid ${formatTokens(amount, units)} ${to} (tx ${receipt.hash})`);
      for (const line of waterfall) console.log(line);
      const last = scheduleSettledLine(pool, receipt, units);
      if (last !== undefined) console.log(last);
      return;
    }
    await requireBasket(pool, "point");
    const terms = await creationTerms(c, await pool.getAddress(), args.factory);
    const s = await senderOf(c, args.from);
    const receipt = await simulateThenSend(pool.connect(s), "settle", [encodeBasket(terms.basket)]);
    const [ev] = await pool.queryFilter(pool.filters.Settled(), receipt.blockNumber, receipt.blockNumber);
    if (ev !== undefined) {
      const a = ev.args;
      console.log(
        `settled: ${RESOLUTIONS[Number(a.resolution)]}, achievement ${percentWad(a.compositeWad)}, repayment ×${tokenText(a.multipleWad, 18)}, ` +
          `outcome payment ${formatTokens(a.outcomePayment, units)}, investor pot ${formatTokens(a.investorPot, units)}, refund pot ${formatTokens(a.refundPot, units)}`,
      );
    }
  });
}

export function redeem(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, token, decimals, units } = await openPool(c, args.pool);
    if (await isClassed(pool))
      throw new CliError("--pool: a classed pool pays its investors through its class tokens: use pool:claim --class");
    const s = await senderOf(c, args.from);
    const balance = await pool.balanceOf(s.address);
    const shares =
      args.shares === undefined || args.shares === "" ? balance : amountFlag("shares", args.shares, decimals);
    if (shares === 0n) throw new CliError(`--shares: ${s.address} holds no shares`);
    if (shares > balance) {
      throw new CliError(`--shares: ${s.address} holds only ${tokenText(balance, decimals)} shares`);
    }
    const before = await token.balanceOf(s.address);
    const receipt = await simulateThenSend(pool.connect(s), "redeem", [shares]);
    const got = (await token.balanceOf(s.address)) - before;
    console.log(`redeemed ${tokenText(shares, decimals)} shares for ${formatTokens(got, units)} (tx ${receipt.hash})`);
  });
}

/** After a failed raise: burn all the sender's shares for the same capital. */
export function withdraw(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, token, decimals, units } = await openPool(c, args.pool);
    const s = await senderOf(c, args.from);
    const phase = Number((await pool.state()).phase);
    const classed = await isClassed(pool);
    if (PHASES[phase] !== "RaiseFailed") {
      const after = classed ? "pool:claim --class" : "pool:redeem after settlement";
      throw new CliError(`--pool: the raise has not failed (phase ${PHASES[phase] ?? phase}); use ${after}`);
    }
    // A classed pool's holders take their capital back from their class token (`--class` required).
    if (classed) return withdrawFromClass(c, pool, args, s, units);
    refuseClassFlag(args);
    const balance = await pool.balanceOf(s.address);
    if (balance === 0n) throw new CliError(`--from: ${s.address} holds no shares`);
    const before = await token.balanceOf(s.address);
    const receipt = await simulateThenSend(pool.connect(s), "withdraw", []);
    const got = (await token.balanceOf(s.address)) - before;
    console.log(`withdrew ${formatTokens(got, units)} for ${tokenText(balance, decimals)} shares (tx ${receipt.hash})`);
  });
}

export function refund(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, token, units } = await openPool(c, args.pool);
    const s = await senderOf(c, args.from);
    const before = await token.balanceOf(s.address);
    const receipt = await simulateThenSend(pool.connect(s), "refund", []);
    const got = (await token.balanceOf(s.address)) - before;
    console.log(`refunded ${formatTokens(got, units)} (tx ${receipt.hash})`);
  });
}
