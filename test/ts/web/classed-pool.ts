/**
 * The classed pool of the capital browser test (test/ts/web/capital.test.ts), created by `council` through the
 * story's pool factory's `createClassedPool`: "Meals Bond" on #SchoolMealsServed, whose schedule is the scheduled
 * escrows' (web/scripts/schedule-story.ts: 10 dGBP per unit of periods 3 and 4, at most 400 a point and 1,000 in
 * all, tier 0 co-paying 25 %, tier 1 the rest); raise and commitments until `thirdEnd`; capital 1,000 dGBP in a
 * senior class (600, at most 1.2×) and a junior class (400, at most 1.5×), no guarantee, no provider incentive; one
 * tranche of all the capital to Ben's volunteers when period 4 ends.
 *
 * `mealsBondTermsFile` is the same bond as a terms file (`pool:create`'s, and the create page's): the scheduled
 * pool's file (web/scripts/schedule-story.ts) with a `capital` section — the same two classes, plus a provider share
 * of 10 % of every return above principal to Ben's volunteers and a guarantee of up to 300 dGBP by `guarantor`.
 */
import { getAddress, zeroAddress, type Address } from "viem";
import { z } from "zod";
import { impactPoolAbi, missionRegistryAbi } from "../../../scripts/core/abis.js";
import { escrowTermsSchema, toScheduledTerms } from "../../../scripts/formats/escrow-terms.js";
import { schedulePoolTermsFile, scheduleTermsFile } from "../../../web/scripts/schedule-story.js";
import type { WebStory } from "../../../web/scripts/story.js";
import type { Connection } from "./stack.js";

const E18 = 10n ** 18n;
const DAY = 86_400n;

/** When #SchoolMealsServed's `period` ends (its one goal), from the story's registry. */
export async function mealsPeriodEnd(conn: Connection, story: WebStory, period: number): Promise<bigint> {
  const [end] = await (
    await conn.viem.getPublicClient()
  ).readContract({
    address: story.registry,
    abi: missionRegistryAbi,
    functionName: "periodWindow",
    args: [story.schedule.missionId, 0, period],
  });
  return BigInt(end);
}

/** The Meals Bond as a classed pool terms file (schemas/pool-terms.schema.json), for `pool:create` or the page. */
export function mealsBondTermsFile(
  missionId: bigint,
  thirdEnd: bigint,
  fourthEnd: bigint,
  provider: Address,
  guarantor: Address,
) {
  return {
    ...schedulePoolTermsFile(missionId, thirdEnd, fourthEnd, provider),
    name: "Meals Bond",
    symbol: "MEAL",
    capital: {
      classes: [
        { name: "Senior", symbol: "SNR", target: "600", maxMultiple: "1.2" },
        { name: "Junior", symbol: "JNR", target: "400", maxMultiple: "1.5" },
      ],
      providerShare: { provider: "Ben's volunteers", share: "0.1" },
      guarantee: { guarantor, amount: "300" },
    },
  };
}

export async function createMealsBond(
  conn: Connection,
  story: WebStory,
  council: Address,
  thirdEnd: bigint,
  fourthEnd: bigint,
): Promise<{ pool: Address; senior: Address; junior: Address }> {
  const file = escrowTermsSchema.parse(
    scheduleTermsFile(story.schedule.missionId, thirdEnd, 3, thirdEnd + 600n, story.schedule.beneficiary),
  );
  const { paymentSchedule } = toScheduledTerms(file, 0n, 18, "capital test", story.token);
  const classTerms = (name: string, symbol: string, seniority: number, target: bigint, multipleTenths: bigint) => ({
    name,
    symbol,
    seniority,
    target: target * E18,
    maxMultipleWad: (multipleTenths * E18) / 10n,
    maxRateWad: 0n,
  });
  // Through ethers (the CLI's structs: `toScheduledTerms` gives bigints where viem wants numbers for narrow fields).
  const factory = await conn.ethers.getContractAt(
    "ImpactPoolFactory",
    story.poolFactory,
    await conn.ethers.getSigner(council),
  );
  const tx = await factory.createClassedPool(
    {
      name: "Meals Bond",
      symbol: "MEAL",
      token: story.token,
      capitalTarget: 1_000n * E18,
      raiseDeadline: thirdEnd,
      fundCap: 2_000n * E18,
      settlementDeadline: fourthEnd + DAY,
      gracePeriod: 60n * DAY,
      schedule: {
        providers: [story.schedule.beneficiary],
        tranches: [
          {
            provider: 0,
            dueAt: fourthEnd,
            shareBps: 10_000,
            hasMilestone: false,
            missionId: 0n,
            goalId: 0,
            period: 0,
            minValue: 0n,
          },
        ],
      },
      paymentSchedule,
    },
    {
      classes: [classTerms("Senior", "SNR", 0, 600n, 12n), classTerms("Junior", "JNR", 1, 400n, 15n)],
      guarantor: zeroAddress,
      guarantee: 0n,
      provider: zeroAddress,
      providerBps: 0,
    },
  );
  const receipt = await tx.wait();
  const created = receipt?.logs
    .map((log) => factory.interface.parseLog(log))
    .find((parsed) => parsed?.name === "ScheduledPoolCreated");
  if (created === undefined || created === null) throw new Error("createClassedPool: no ScheduledPoolCreated event");
  const client = await conn.viem.getPublicClient();
  const pool = getAddress(z.string().parse(created.args.pool));
  const classToken = async (classId: bigint) =>
    getAddress(
      await client.readContract({ address: pool, abi: impactPoolAbi, functionName: "classToken", args: [classId] }),
    );
  return { pool, senior: await classToken(0n), junior: await classToken(1n) };
}
