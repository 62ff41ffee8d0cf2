/**
 * The demo story up to the point where a funder still has something to do: the missions, (the crowd, the impact
 * pool,) the committee and the two outcome escrows, open for deposits for 60 days — the demo's own chapters
 * (scripts/demo), stopped before any evidence, settlement or time travel — plus a second impact pool, raising for 30
 * days (`openPoolChapter`) — two scheduled escrows for the payment-schedule page (`scheduleChapter`) — and a week of
 * a small third mission for the evaluator console (`evaluationChapter`). The app's funder (Hardhat account #`FUNDER_INDEX`, the demo's neighbour Femi) gets
 * `FUNDER_TOKENS` dGBP to fund and invest with.
 */
import { getAddress, type Address } from "viem";
import { curveOf } from "../../scripts/formats/outcome-terms.js";
import type { PoolTermsStruct } from "../../scripts/formats/pool-terms.js";
import {
  actor,
  gbp,
  mint,
  missionOf,
  need,
  registryOf,
  createContext,
  type Connection,
  type DemoContext,
} from "../../scripts/demo/context.js";
import { crowdChapter } from "../../scripts/demo/crowd.js";
import { escrowChapter } from "../../scripts/demo/escrows.js";
import { missionChapter } from "../../scripts/demo/missions.js";
import { committeeChapter } from "../../scripts/demo/oracle.js";
import { poolChapter } from "../../scripts/demo/pool.js";
import { deployPoolFactory } from "../../scripts/core/pool-factory.js";
import { evaluationChapter, type EvaluationStory } from "./evaluation-story.js";
import { scheduleChapter, type ScheduleStory } from "./schedule-story.js";

/** The funder of the app's story: Hardhat's default account #7 (the demo's neighbour, who holds no role yet). */
export const FUNDER_INDEX = 7;
/** What the funder holds to fund with, in whole dGBP. */
export const FUNDER_TOKENS = 5_000;

export interface WebStory {
  registry: Address;
  oracle: Address;
  escrowFactory: Address;
  poolFactory: Address;
  /** The app's open impact pool on #ReadingForAll: raising `OPEN_POOL.capitalTarget` dGBP for 30 days. */
  openPool: Address;
  /** The escrows' token (the demo's dGBP, 18 decimals). */
  token: Address;
  /** The two open escrows: #ReadingForAll (min. funding £10,000) and #HealthyAgeingLeith. */
  escrows: { reading: Address; ageing: Address };
  readingMissionId: bigint;
  funder: Address;
  /** What the evaluator console has to do: #RiversideCleanStreets' week 1 (web/scripts/evaluation-story.ts). */
  evaluation: EvaluationStory;
  /** The scheduled escrows' factory (also in the address book and the app's config). */
  scheduledEscrowFactory: Address;
  /** The scheduled-escrow page's two escrows on #SchoolMealsServed (web/scripts/schedule-story.ts). */
  schedule: ScheduleStory;
}

/**
 * Runs the story through `conn`. `crowd`: also the demo's 63 crowd wallets and the impact pool (what `npm run app`
 * shows); without it the story is ~6× shorter (what the browser tests need).
 */
export async function seedWebStory(
  conn: Connection,
  options: { crowd: boolean; say?: (line?: string) => void },
): Promise<WebStory> {
  const ctx = await createContext(conn, options.say ?? (() => {}));
  await missionChapter(ctx);
  if (options.crowd) await crowdChapter(ctx);
  await committeeChapter(ctx);
  await escrowChapter(ctx);
  if (options.crowd) await poolChapter(ctx);
  const openPool = await openPoolChapter(ctx);
  const funder = actor(ctx, "neighbour");
  if (funder.index !== FUNDER_INDEX) throw new Error(`web story: the funder is account #${funder.index}`);
  const token = need(ctx.token, "token");
  await mint(ctx, token, funder.signer.address, gbp(FUNDER_TOKENS));
  // Before the evaluation chapter: the schedule's reports move the chain a day on.
  const schedule = await scheduleChapter(ctx);
  const evaluation = await evaluationChapter(ctx);
  const at = async (c: { getAddress(): Promise<string> } | undefined, what: string): Promise<Address> =>
    getAddress(await need(c, what).getAddress());
  return {
    registry: await at(ctx.registry, "registry"),
    oracle: await at(ctx.oracle, "oracle"),
    escrowFactory: await at(ctx.escrowFactory, "escrow factory"),
    poolFactory: await at(ctx.poolFactory, "pool factory"),
    openPool,
    token: await at(token, "token"),
    escrows: {
      reading: await at(ctx.escrows.reading, "reading escrow"),
      ageing: await at(ctx.escrows.ageing, "ageing escrow"),
    },
    readingMissionId: ctx.missions.reading?.id ?? 0n,
    funder: getAddress(funder.signer.address),
    evaluation,
    scheduledEscrowFactory: schedule.scheduledEscrowFactory,
    schedule,
  };
}

const WAD = 10n ** 18n;

/** The open pool's figures, in whole dGBP: what the page's investor can still invest in and what Dara committed. */
export const OPEN_POOL = { capitalTarget: 10_000, fundCap: 12_000, committed: 6_000 } as const;

/**
 * A second, smaller impact pool that stays open for investment: the demo's RLIB pool is fully raised and disbursing
 * by the time the story stops, so an investor would have nothing to do. Dara's fund opens it on #ReadingForAll's
 * year-1 attainment (624 → 750 ‰, linear) with one tranche to Ben's volunteers and commits half its outcome fund.
 * Deploys the pool factory when the demo's pool chapter did not run (the browser tests' short story).
 */
async function openPoolChapter(ctx: DemoContext): Promise<Address> {
  const registry = registryOf(ctx);
  const token = need(ctx.token, "token");
  ctx.poolFactory ??= await deployPoolFactory(
    ctx.ethers,
    await registry.getAddress(),
    await need(ctx.oracle, "oracle").getAddress(),
  );
  const now = BigInt(await ctx.conn.networkHelpers.time.latest());
  const reading = missionOf(ctx, "reading").id;
  const [readingEnd] = await registry.periodWindow(reading, 0, 1);
  const terms: PoolTermsStruct = {
    name: "Reading Starter Bond",
    symbol: "RSB",
    token: await token.getAddress(),
    capitalTarget: gbp(OPEN_POOL.capitalTarget),
    raiseDeadline: now + 30n * 86_400n,
    fundCap: gbp(OPEN_POOL.fundCap),
    settlementDeadline: readingEnd + 21n * 86_400n,
    gracePeriod: 72n * 86_400n,
    repayment: { thresholdWad: (3n * WAD) / 10n, principalAtWad: (6n * WAD) / 10n, maxReturnWad: WAD / 5n },
    schedule: {
      providers: [actor(ctx, "buddies").signer.address],
      tranches: [
        {
          provider: 0,
          dueAt: now + 45n * 86_400n,
          shareBps: 6_000,
          hasMilestone: false,
          missionId: 0n,
          goalId: 0,
          period: 0,
          minValue: 0n,
        },
      ],
    },
    basket: [
      {
        missionId: reading,
        goalId: 0,
        period: 1,
        weightWad: WAD,
        curve: curveOf({ kind: "linear", baseline: 624, target: 750 }),
      },
    ],
  };
  const dara = actor(ctx, "fund").signer;
  const factory = ctx.poolFactory.connect(dara);
  const address = getAddress(await factory.createPool.staticCall(terms));
  await (await factory.createPool(terms)).wait();
  const pool = await ctx.ethers.getContractAt("ImpactPool", address);
  await mint(ctx, token, dara.address, gbp(OPEN_POOL.committed));
  await (await token.connect(dara).approve(address, gbp(OPEN_POOL.committed))).wait();
  await (await pool.connect(dara).commit(gbp(OPEN_POOL.committed))).wait();
  ctx.labels.set(address, "impact pool RSB");
  ctx.say(`Dara's fund opens a second pool, RSB (${address}), raising £10,000 for 30 days; commits £6,000.`);
  return address;
}
