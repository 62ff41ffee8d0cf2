/**
 * A pool paid by a payment schedule (issue #12) through the CLI: `pool:create` with a terms file whose `schedule`
 * replaces basket and repayment (`createScheduledPool`), `pool:commit --tier N` (`commitTier`), `pool:settle --point N`
 * (`settlePoint`, the point's bytes and proof rebuilt from the factory's `ScheduledPoolCreated` event, as
 * `escrow:settle --point` does from `ScheduledEscrowCreated`), and the points block of `pool:show`.
 */
import type { ContractTransactionReceipt } from "ethers";
import { CliError, flags, parseFlag } from "../../core/cli.js";
import { latestTime, revertReason, senderOf, simulateThenSend, type Chain } from "../../core/chain.js";
import { checkScheduleSlots, checkTermSlots } from "../../core/terms-checks.js";
import { formatTokens, isoTime, type TokenUnits } from "../../core/units.js";
import {
  buildClassedPoolTerms,
  buildScheduledPoolTerms,
  type ScheduledPoolTermsStruct,
} from "../../formats/pool-terms.js";
import { IMetricFeed__factory, IPaymentSchedule__factory } from "../../../typechain-types/index.js";
import type { ImpactPool, ImpactPoolFactory } from "../../../typechain-types/index.js";
import { pointCall, pointOf, scheduleLines } from "./escrow-scheduled.js";
import { PHASES, poolFactoryAt } from "./pool-common.js";

type Sender = Awaited<ReturnType<typeof senderOf>>;

/** The tranche milestones of a pool's terms as registry slots (the factory checks them before the basket). */
export function milestoneSlots(
  tranches: { hasMilestone: boolean; missionId: bigint; goalId: number; period: number }[],
) {
  return tranches.flatMap((tr, i) =>
    tr.hasMilestone
      ? [
          {
            field: `tranches.${i}.milestone`,
            missionField: `tranches.${i}.milestone.missionId`,
            missionId: tr.missionId,
            goalId: tr.goalId,
            period: tr.period,
          },
        ]
      : [],
  );
}

/**
 * Creates a pool paid by the payment schedule of `raw` (a parsed terms file): every milestone and every slot every
 * point reads checked against the registry and oracle first, in the factory's order (the raise deadline is when
 * commitments close: no later than each slot's period end); a file with a `capital` section makes a classed pool
 * (`createClassedPool`, issue #13). Returns the pool's address and, for a classed pool, its class share tokens.
 */
export async function createScheduledPool(
  c: Chain,
  s: Sender,
  factory: ImpactPoolFactory,
  file: string,
  raw: unknown,
  token: { address: string; decimals: number },
  classed = false,
): Promise<{ pool: string; classTokens: string[] }> {
  const now = await latestTime(c.ethers.provider);
  const opts = { now, decimals: token.decimals, token: token.address };
  let built: ReturnType<typeof buildClassedPoolTerms> | { terms: ScheduledPoolTermsStruct; capital: undefined };
  try {
    built = classed
      ? buildClassedPoolTerms(raw, opts)
      : { terms: buildScheduledPoolTerms(raw, opts), capital: undefined };
  } catch (err) {
    if (err instanceof CliError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
  const { terms, capital } = built;
  const milestones = milestoneSlots(terms.schedule.tranches);
  const prefix = `${file}: `;
  const rules = { noDataAfter: terms.settlementDeadline + terms.gracePeriod, noDataField: "settlementDeadline" };
  await checkTermSlots(s, factory, milestones, rules, prefix);
  const scheduleRules = { gracePeriod: terms.gracePeriod, fundingDeadline: terms.raiseDeadline };
  await checkScheduleSlots(s, factory, terms.paymentSchedule, scheduleRules, prefix);
  const receipt =
    capital === undefined
      ? await simulateThenSend(factory, "createScheduledPool", [terms])
      : await simulateThenSend(factory, "createClassedPool", [terms, capital]);
  let pool: string | undefined;
  let classTokens: string[] = [];
  for (const log of receipt.logs) {
    const parsed = factory.interface.parseLog(log);
    if (parsed?.name === "ScheduledPoolCreated") pool = String(parsed.args.pool);
    if (parsed?.name === "CapitalStructureCreated")
      classTokens = Array.from(parsed.args.classTokens as ArrayLike<unknown>, String).slice(0, capital?.classes.length);
  }
  if (pool === undefined) throw new CliError("the factory emitted no ScheduledPoolCreated event");
  return { pool, classTokens };
}

/**
 * The scheduled pool `pool` as the CLI reads it: its creation terms and points from the factory's
 * `ScheduledPoolCreated` event (one line naming `--pool` when it is a basket pool).
 */
export async function scheduledPoolTerms(c: Chain, pool: ImpactPool) {
  const address = await pool.getAddress();
  if (!(await pool.isScheduled())) throw new CliError(`--point: ${address} is a basket pool (use pool:settle alone)`);
  const factory = await poolFactoryAt(c, await pool.factory());
  const [created] = await factory.queryFilter(factory.filters.ScheduledPoolCreated(address), 0);
  if (created === undefined) throw new CliError(`--pool: no ScheduledPoolCreated event for ${address}`);
  const terms = created.args.terms;
  return { terms, points: terms.paymentSchedule.points.map(pointOf) };
}

/** The tier of `--tier`: an index below the pool's tier count (one line naming the flag otherwise). */
export async function tierFlag(pool: ImpactPool, text: string): Promise<number> {
  const tier = parseFlag("tier", flags.uint, text);
  if (!(await pool.isScheduled())) throw new CliError("--tier: this pool has a basket, not payer tiers");
  const count = BigInt((await pool.pointHeader(0)).tiers.length);
  if (tier >= count)
    throw new CliError(`--tier: the schedule has ${count} payer tiers (0 to ${count - 1n}); got ${tier}`);
  return Number(tier);
}

/**
 * Settles point `point` of the scheduled pool (permissionless). A point that cannot settle yet (the raise open, a
 * slot still pending, an earlier point open for a true-up) is one line before any transaction. Returns the receipt and
 * what the point paid.
 */
export async function settlePoolPoint(
  c: Chain,
  pool: ImpactPool,
  point: number,
): Promise<{ receipt: ContractTransactionReceipt; amount: bigint }> {
  const { points } = await scheduledPoolTerms(c, pool);
  const { bytes, proof } = pointCall(points, point);
  try {
    await pool.settlePoint.staticCall(point, bytes, proof);
  } catch (err) {
    const reason = revertReason(err);
    if (reason !== undefined) throw new CliError(`--point: ${reason}`);
    throw err;
  }
  const receipt = await simulateThenSend(pool, "settlePoint", [point, bytes, proof]);
  // `PointSettled` is `ScheduleLib`'s event, emitted from the pool's address by the linked library.
  const events = IPaymentSchedule__factory.createInterface();
  for (const log of receipt.logs) {
    const parsed = events.parseLog(log);
    if (parsed?.name === "PointSettled") return { receipt, amount: BigInt(String(parsed.args.amount)) };
  }
  throw new CliError("the pool emitted no PointSettled event");
}

/** One line on a settled schedule (after its last point): what the points paid and the two pots. */
export function scheduleSettledLine(
  pool: ImpactPool,
  receipt: ContractTransactionReceipt,
  units: TokenUnits,
): string | undefined {
  for (const log of receipt.logs) {
    const parsed = pool.interface.parseLog(log);
    if (parsed?.name !== "ScheduleSettled") continue;
    const fmt = (v: unknown) => formatTokens(BigInt(String(v)), units);
    return `the last point settled the pool: the points paid ${fmt(parsed.args.totalPaid)}; investor pot ${fmt(parsed.args.investorPot)}, refund pot ${fmt(parsed.args.refundPot)}`;
  }
  return undefined;
}

/**
 * `pool:show` of a scheduled pool: phase, token, raise, disbursement, commitments (closing with the raise) and, once
 * settled, the pots; then the schedule through the escrows' renderer (`scheduleLines`: caps, paid vs still possible,
 * payer tiers, one block per point with its pinned committee versions); with `account`, its shares and what they
 * redeem for now, and its commitment per tier and what it refunds now.
 */
export async function showScheduledPool(
  c: Chain,
  pool: ImpactPool,
  units: TokenUnits,
  account?: string,
  classed = false,
) {
  const { terms, points } = await scheduledPoolTerms(c, pool);
  const address = await pool.getAddress();
  const fmt = (v: bigint) => formatTokens(v, units);
  const [st, header, ledger] = await Promise.all([pool.state(), pool.pointHeader(0), pool.ledger()]);
  // `PointSettled` is ScheduleLib's event (emitted at the pool's address): read it through its own interface.
  const events = IPaymentSchedule__factory.connect(address, c.ethers.provider);
  const settled = (await events.queryFilter(events.filters.PointSettled(), 0)).map((log) => log.args);
  const versions = await Promise.all(points.map((_, i) => pool.pointHeader(i).then((h) => h.versions)));
  const view = await scheduleLines({
    points,
    terms,
    header,
    ledger,
    settled,
    feed: IMetricFeed__factory.connect(header.feed, c.ethers.provider),
    versionsOf: (i) => versions[i] ?? 0n,
    preview: (i, bytes, proof) => pool.previewPayment(i, bytes, proof),
    units,
  });
  const phase = PHASES[Number(st.phase)];
  const lines = [
    `${await pool.name()} (${await pool.symbol()}) at ${address} (paid by a payment schedule: ${points.length} points)`,
    `  phase        ${phase}`,
    `  token        ${units.symbol} (${terms.token}, ${units.decimals} decimals)`,
    `  raise        ${fmt(Number(st.phase) === 3 ? terms.capitalTarget : st.totalShares)} of ${fmt(terms.capitalTarget)} by ${isoTime(terms.raiseDeadline)}`,
    `  disbursed    ${fmt(st.disbursed)} to ${terms.schedule.providers.length} provider(s)`,
    `  commitments  ${fmt(st.fundCommitted)} of ${fmt(terms.fundCap)}, closing with the raise at ${isoTime(terms.raiseDeadline)}`,
  ];
  if (Number(st.phase) === 3) {
    lines.push(
      `  settled      the points paid ${fmt(st.outcomePayment)}; investor pot left ${fmt(st.investorPotRemaining)}; refund pot left ${fmt(st.refundPotRemaining)}`,
    );
  }
  lines.push(...view.head.map((l) => `  ${l}`), ...view.points.map((l) => `  ${l}`));
  if (account !== undefined) {
    const shares = await pool.balanceOf(account);
    const tiers = await Promise.all(header.tiers.map((_, t) => pool.tierCommitmentOf(account, t)));
    // A classed pool's investors hold class shares (its class block shows them), not the pool's own.
    const held = classed
      ? ""
      : `${formatTokens(shares, { decimals: units.decimals, symbol: "shares" })} (redeemable now for ${fmt(await pool.previewRedeem(shares))}), `;
    lines.push(
      `  account      ${account}: ${held}commitments ${tiers.map((v, t) => `tier ${t} ${fmt(v)}`).join(", ")} (refundable now ${fmt(await pool.previewRefund(account))})`,
    );
  }
  return lines.join("\n");
}
