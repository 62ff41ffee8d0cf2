/**
 * Demo chapter 6d: an impact pool paid by a payment schedule (issue #12) — the yearly example
 * (`examples/pools/yearly-outcomes-pool.json`) through `ImpactPoolFactory.createScheduledPool`: Dara's fund invests the
 * capital target, two outcome payers commit in two payer tiers (a 20 % top-up fund, tier 0; the commissioner, tier 1),
 * the committee reports each year, anyone settles each point, the investors redeem and each payer takes back its
 * tier's unused commitment.
 *
 * It runs after chapter 6c, so the chain is past the example's dates: every date of the file (and of its mission's
 * goal) moves on by whole 365-day years, until the first year ends at least 31 days from now (`shiftFor`). The file's
 * mission 5 becomes a new mission, #LiveIndependently; its provider becomes Eilidh's befrienders. Figures, by hand
 * (the same as test/ts/cli/pool-scheduled.test.ts): funds 120,000; each year's pot is wMulDown(120,000e18,
 * 0.333333333333333333) = 39,999.99999999999996; years of 200, 400 and 100 of 400 people pay half, all and a quarter
 * of it: 19,999.99999999999998 + 39,999.99999999999996 + 9,999.99999999999999 = 69,999.99999999999993 into the
 * investors' pot (100,000 undisbursed + that); the payers get back 50,000.00000000000007.
 */
import { readFileSync } from "node:fs";
import type { ContractTransactionReceipt } from "ethers";
import { keccak256, stringToHex } from "viem";
import { pointCall } from "../cli/actions/escrow-scheduled.js";
import { createMissionFromDoc } from "../core/mission-ops.js";
import { isoTime } from "../core/units.js";
import { buildScheduledPoolTerms } from "../formats/pool-terms.js";
import { parseMissionDoc } from "../formats/mission-doc.js";
import type { ImpactPool } from "../../typechain-types/index.js";
import { actor, formatGbp, gbp, mint, need, registryOf, type DemoContext } from "./context.js";
import { appointCommittee, CHALLENGE_WINDOW, relay, sign } from "./oracle.js";

export const YEARLY_POOL_FILE = "examples/pools/yearly-outcomes-pool.json";
const DAY = 86_400n;
const YEAR = 365n * DAY;
/** 2031-01-31T00:00:00Z: the end of year 1 of the example's goal (mission 5 of test/ts/cli/pool-scheduled.test.ts). */
const FIRST_PERIOD_END = 1_927_584_000n;
/** People living independently each year (of the target 400). */
const RESULTS = [200n, 400n, 100n] as const;

/** Whole 365-day years that move the example's first year end at least 31 days after `now`. */
export function shiftFor(now: bigint): bigint {
  const behind = now + 31n * DAY - FIRST_PERIOD_END;
  return behind <= 0n ? 0n : ((behind + YEAR - 1n) / YEAR) * YEAR;
}

/**
 * A yearly example file (`file`) with its mission, provider and absolute dates replaced (relative ones stay as they
 * are); also the classed example's (chapter 6e).
 */
export function adaptedFile(missionId: bigint, provider: string, shift: bigint, file = YEARLY_POOL_FILE): unknown {
  const moved = (iso: string) => isoTime(BigInt(Date.parse(iso) / 1000) + shift);
  const raw = JSON.parse(readFileSync(file, "utf8")) as {
    settlementDeadline: string;
    providers: { name: string; address: string }[];
    schedule: { points: { deadline: string; terms: { missionId: number }[] }[] };
  };
  raw.settlementDeadline = moved(raw.settlementDeadline);
  raw.providers = raw.providers.map((p) => ({ ...p, address: provider }));
  for (const point of raw.schedule.points) {
    point.deadline = moved(point.deadline);
    for (const term of point.terms) term.missionId = Number(missionId);
  }
  return raw;
}

/** The committee reports year `period` (two evaluators agree: the quorum), the window passes, anyone finalises. */
export async function reportYear(ctx: DemoContext, missionId: bigint, period: number, value: bigint): Promise<void> {
  const [periodEnd] = await registryOf(ctx).periodWindow(missionId, 0, period);
  await ctx.conn.networkHelpers.time.increaseTo(periodEnd + 7n * DAY);
  const evidenceHash = keccak256(stringToHex(`independent living, year ${period}`));
  const reports = [{ missionId, version: 1, goalId: 0, period, value, evidenceHash }];
  await relay(ctx, [...(await sign(ctx, "university", reports)), ...(await sign(ctx, "statistician", reports))]);
  await ctx.conn.networkHelpers.time.increase(CHALLENGE_WINDOW + 1);
  const oracle = need(ctx.oracle, "oracle");
  await (await oracle.connect(actor(ctx, "neighbour").signer).finalize(missionId, 1, 0, period)).wait();
}

/**
 * Morag publishes and activates a mission with the yearly example's goal (people living independently, 0 → 400, three
 * yearly periods from the example's first year end moved on by `shift`) under `hashtag`, stored as `key`, and
 * appoints its committee; returns its id.
 */
export async function yearlyMission(
  ctx: DemoContext,
  key: string,
  hashtag: string,
  title: string,
  now: bigint,
  shift: bigint,
): Promise<bigint> {
  const registry = registryOf(ctx);
  const steward = actor(ctx, "healthBoard").signer;
  const doc = {
    hashtag,
    title,
    summary: "Older people supported to keep living in their own homes, counted each year for three years.",
    goals: [
      {
        metricKey: "people_living_independently",
        name: "People living independently",
        unit: "people",
        decimals: 0,
        direction: "increase",
        baseline: 0,
        target: 400,
        schedule: {
          firstPeriodEnd: isoTime(FIRST_PERIOD_END + shift),
          periodLength: Number(YEAR),
          periodCount: 3,
          reportingWindow: 30 * 86_400,
        },
      },
    ],
  };
  const loaded = parseMissionDoc(JSON.stringify(doc), `demo mission ${hashtag}`, { now: Number(now) });
  const asSteward = registry.connect(steward);
  const missionId = await createMissionFromDoc(asSteward, loaded, { steward: steward.address, uri: "" });
  await (await asSteward.activate(missionId)).wait();
  ctx.missions[key] = { id: missionId, loaded };
  ctx.say(
    `Morag publishes ${hashtag} as mission ${missionId} (people living independently, 0 → 400, three ` +
      `yearly periods) and activates it.`,
  );
  await appointCommittee(ctx, key, "healthBoard");
  return missionId;
}

/** The pool a factory receipt's `ScheduledPoolCreated` names (a classed pool's too), labelled `label`. */
export async function createdPool(
  ctx: DemoContext,
  receipt: ContractTransactionReceipt | null,
  label: string,
): Promise<ImpactPool> {
  const factory = need(ctx.poolFactory, "pool factory");
  const created = receipt?.logs
    .map((log) => factory.interface.parseLog(log))
    .find((parsed) => parsed?.name === "ScheduledPoolCreated");
  if (created === undefined || created === null) throw new Error("demo: no ScheduledPoolCreated event");
  const pool = await ctx.ethers.getContractAt("ImpactPool", String(created.args.pool));
  ctx.labels.set(await pool.getAddress(), label);
  return pool;
}

export async function scheduledPoolChapter(ctx: DemoContext): Promise<ImpactPool> {
  ctx.say();
  ctx.say("Chapter 6d — a pool paid yearly by two outcome payers in tiers");
  const token = need(ctx.token, "token");
  const factory = need(ctx.poolFactory, "pool factory");
  const steward = actor(ctx, "healthBoard").signer;
  const now = BigInt((await ctx.ethers.provider.getBlock("latest"))?.timestamp ?? 0);
  const shift = shiftFor(now);
  const missionId = await yearlyMission(
    ctx,
    "liveIndependently",
    "#LiveIndependently",
    "Live independently",
    now,
    shift,
  );

  const provider = actor(ctx, "befrienders").signer.address;
  const terms = buildScheduledPoolTerms(adaptedFile(missionId, provider, shift), {
    now,
    decimals: 18,
    token: await token.getAddress(),
  });
  const receipt = await (await factory.connect(steward).createScheduledPool(terms)).wait();
  const pool = await createdPool(ctx, receipt, "scheduled pool #LiveIndependently");
  const address = await pool.getAddress();
  ctx.say(
    `Morag creates ${YEARLY_POOL_FILE} as a scheduled pool (${address}), its dates ${shift / YEAR} years on: a ` +
      `third of the outcome fund each year, by the people living independently; Eilidh's befrienders provide.`,
  );

  const fund = actor(ctx, "fund").signer;
  const payers = [
    ["foundation", 0n, gbp(20_000)],
    ["council", 1n, gbp(100_000)],
  ] as const;
  await mint(ctx, token, fund.address, gbp(100_000));
  await (await token.connect(fund).approve(address, gbp(100_000))).wait();
  await (await pool.connect(fund).invest(gbp(100_000))).wait();
  for (const [key, tier, amount] of payers) {
    const who = actor(ctx, key).signer;
    await mint(ctx, token, who.address, amount);
    await (await token.connect(who).approve(address, amount)).wait();
    await (await pool.connect(who).commitTier(tier, amount)).wait();
  }
  ctx.say(
    `Dara's fund invests ${formatGbp(gbp(100_000))}; Amara's foundation commits ${formatGbp(gbp(20_000))} as a ` +
      `20 % top-up (tier 0), Priya's council ${formatGbp(gbp(100_000))} for the rest (tier 1).`,
  );

  const keeper = pool.connect(actor(ctx, "neighbour").signer);
  for (const [i, value] of RESULTS.entries()) {
    await reportYear(ctx, missionId, i + 1, value);
    const { bytes, proof } = pointCall(terms.paymentSchedule.points, i);
    await (await keeper.settlePoint(i, bytes, proof)).wait();
    ctx.say(`  Year ${i + 1}: ${value} of 400 people live independently; Femi settles point ${i}.`);
  }
  await (await pool.connect(fund).redeem(await pool.balanceOf(fund.address))).wait();
  for (const [key] of payers) await (await pool.connect(actor(ctx, key).signer).refund()).wait();
  const [settled] = await pool.queryFilter(pool.filters.ScheduleSettled());
  ctx.say(
    `  The points paid ${formatGbp(settled?.args.totalPaid ?? 0n)}; Dara redeems the investors' pot, each payer ` +
      `takes back its tier's unused ${formatGbp(settled?.args.refundPot ?? 0n)} in all.`,
  );
  return pool;
}
