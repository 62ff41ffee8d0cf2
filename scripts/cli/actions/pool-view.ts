/** `pool:show` and `pool:list`: what a pool is and where it stands, in tokens and ISO times. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { flags, parseFlag, progressBar, runTask, type TaskResult } from "../../core/cli.js";
import { resolveAddress } from "../../core/address-book.js";
import { erc20, openChain } from "../../core/chain.js";
import { missionRef } from "../../core/mission-ops.js";
import { goalFacts, outcomeLines } from "../../core/terms-view.js";
import { durationText, formatTokens, isoTime, metricText, percentBps, percentWad } from "../../core/units.js";
import { creationTerms, openPool, PHASES, poolFactoryAt, type Args } from "./pool-common.js";
import { showScheduledPool } from "./pool-scheduled.js";
import { isClassed } from "./pool-classes.js";
import { classedPoolLines } from "./pool-classes-view.js";
import { EMPTY_CURVE } from "../../formats/schedule-structs.js";

const WAD = 10n ** 18n;

const ratio = (num: bigint, den: bigint): number => (den === 0n ? 0 : Number((num * 1_000_000n) / den) / 1_000_000);

/**
 * `pool:show`: the pool's full terms (token, capital target, raise and settlement deadlines, repayment curve,
 * providers, tranches with their milestones, the outcome basket's curves in each goal's unit), its raise,
 * disbursement, outcome fund and achievement bars, and with `--account` that account's position: shares and what
 * they redeem for now, commitment to the outcome fund and what it refunds now.
 */
export function show(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const account =
      args.account === undefined || args.account === "" ? undefined : parseFlag("account", flags.address, args.account);
    const c = await openChain(hre);
    const { pool, config, decimals, units } = await openPool(c, args.pool);
    if (await pool.isScheduled()) {
      const classed = await isClassed(pool);
      console.log(await showScheduledPool(c, pool, units, account, classed));
      // A classed pool (issue #13): its classes and waterfall over the bond's term (raise → settlement deadline).
      const term = config.settlementDeadline - config.raiseDeadline;
      if (classed) console.log((await classedPoolLines(c, pool, units, term, account)).join("\n"));
      return;
    }
    const address = await pool.getAddress();
    const st = await pool.state();
    const fmt = (n: bigint) => formatTokens(n, units);
    const terms = await creationTerms(c, address, args.factory);
    const facts = await goalFacts(c.ethers.provider, terms.registry, terms.basketTerms);
    const settled = Number(st.phase) === 3;
    const raised = settled ? config.capitalTarget : st.totalShares;
    const lines = [
      `${await pool.name()} (${await pool.symbol()}) at ${address}`,
      `  phase        ${PHASES[Number(st.phase)]}`,
      `  token        ${units.symbol} (${config.token}, ${decimals} decimals)`,
      `  raise        ${progressBar(ratio(raised, config.capitalTarget))}  ${fmt(raised)} of ${fmt(config.capitalTarget)} by ${isoTime(config.raiseDeadline)}`,
      `  disbursed    ${progressBar(ratio(st.disbursed, config.capitalTarget))}  ${fmt(st.disbursed)}`,
      `  outcome fund ${progressBar(ratio(st.fundCommitted, config.fundCap))}  ${fmt(st.fundCommitted)} of ${fmt(config.fundCap)}${settled ? " outstanding" : ""}`,
      `  achievement  ${settled ? progressBar(ratio(st.compositeWad, WAD)) : "(not settled)"}`,
      `  repayment    0 below ${percentWad(config.repayment.thresholdWad)} achievement, the principal at ${percentWad(config.repayment.principalAtWad)}, +${percentWad(config.repayment.maxReturnWad)} at 100 %`,
      `  settlement   from ${isoTime(config.settlementDeadline)}, no data after ${isoTime(config.settlementDeadline + config.gracePeriod)} (+${durationText(config.gracePeriod)})`,
    ];
    if (settled) {
      lines.push(
        `  outcome payment ${fmt(st.outcomePayment)}; investor pot left ${fmt(st.investorPotRemaining)}; refund pot left ${fmt(st.refundPotRemaining)}`,
      );
    }
    lines.push("  providers", ...terms.providers.map((p, i) => `    ${i}: ${p}`));
    lines.push("  tranches");
    for (const [i, t] of terms.tranches.entries()) {
      const amount = (config.capitalTarget * t.shareBps) / 10_000n;
      const paid = ((st.disbursedTranches >> BigInt(i)) & 1n) === 1n ? "disbursed" : "not disbursed";
      let milestone = "";
      if (t.hasMilestone) {
        const [goal] = await goalFacts(c.ethers.provider, terms.registry, [
          { missionId: t.missionId, goalId: t.goalId, period: t.period, weightWad: 0n, curve: EMPTY_CURVE },
        ]);
        milestone = `, once mission ${t.missionId} goal ${t.goalId} period ${t.period} is final at ${metricText(t.minValue, goal?.decimals)} or better`;
      }
      lines.push(
        `    ${i}: ${percentBps(t.shareBps)} (${fmt(amount)}) to provider ${t.provider} from ${isoTime(t.dueAt)}${milestone} — ${paid}`,
      );
    }
    lines.push("  basket", ...outcomeLines(terms.basketTerms, facts).map((line) => `  ${line}`));
    if (account !== undefined) {
      const shares = await pool.balanceOf(account);
      const commitment = await pool.commitmentOf(account);
      lines.push(
        `  account      ${account}: ${formatTokens(shares, { decimals, symbol: "shares" })} (redeemable now for ${fmt(await pool.previewRedeem(shares))}), commitment ${fmt(commitment)} (refundable now ${fmt(await pool.previewRefund(account))})`,
      );
    }
    console.log(lines.join("\n"));
  });
}

/** `pool:list`: one line per pool — name and symbol, address, phase by name, raised of target in tokens, raise deadline. */
export function list(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const factory = await poolFactoryAt(c, resolveAddress("ImpactPoolFactory", c.chainId, "factory", args.factory));
    const mission =
      args.mission === undefined || args.mission === ""
        ? undefined
        : await missionRef(args.mission, async () =>
            c.ethers.getContractAt("MissionRegistry", await factory.registry()),
          );
    const count = mission === undefined ? await factory.poolCount() : await factory.missionPoolCount(mission);
    const pools = mission === undefined ? await factory.pools(0, count) : await factory.missionPools(mission, 0, count);
    console.log(`${pools.length} pool(s)${mission === undefined ? "" : ` with a term on mission ${mission}`}`);
    for (const address of pools) {
      const pool = await c.ethers.getContractAt("ImpactPool", address);
      const [st, config] = [await pool.state(), await pool.config()];
      const token = erc20(config.token, c.ethers.provider);
      const units = { decimals: await token.decimals(), symbol: await token.symbol() };
      const raised = Number(st.phase) === 3 ? config.capitalTarget : st.totalShares;
      console.log(
        `  ${await pool.name()} (${await pool.symbol()})  ${address}  ${PHASES[Number(st.phase)]}  raised ${formatTokens(raised, units)} of ${formatTokens(config.capitalTarget, units)}  raise deadline ${isoTime(config.raiseDeadline)}`,
      );
    }
  });
}
