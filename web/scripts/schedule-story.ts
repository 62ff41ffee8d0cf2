/**
 * What the web story leaves the scheduled-escrow page (issue #12): #SchoolMealsServed, one count goal (meals served
 * in hundreds) in four daily periods, the demo's evaluators with a one-minute challenge window, and two scheduled
 * escrows through a ScheduledEscrowFactory — each pays 10 dGBP per unit of its period's value, at most 400 dGBP a
 * point (the term's cap per point), 1,000 overall, with two payer tiers: tier 0 co-pays 25 %, tier 1 pays the rest.
 *  - `settled`: the council deposits 400 dGBP in tier 0 and the foundation 1,000 in tier 1; funding closes; period 1
 *    is reported 30 (final) and point 0 settled by Femi: 300 dGBP (tier 0 75, tier 1 225); period 2 is reported 45
 *    (final), so point 1 is open and can be settled: 450 before caps, 400 after (TermPerPoint; tier 0 100, tier 1 300).
 *  - `open`: the same schedule on periods 3 and 4, open for deposits until period 3 ends (about a day of chain
 *    time), nothing deposited yet.
 * Runs before the evaluation chapter: it moves the chain about a day on.
 */
import { getAddress, keccak256, stringToBytes, type Address } from "viem";
import { createScheduledEscrow, settleScheduledPoint } from "../../scripts/cli/actions/escrow-scheduled-send.js";
import { createMissionFromDoc } from "../../scripts/core/mission-ops.js";
import { actor, gbp, mint, need, registryOf, type DemoContext } from "../../scripts/demo/context.js";
import { BOND, relay, sign } from "../../scripts/demo/oracle.js";
import { escrowTermsSchema, toScheduledTerms } from "../../scripts/formats/escrow-terms.js";
import { parseMissionDoc } from "../../scripts/formats/mission-doc.js";

export interface ScheduleStory {
  scheduledEscrowFactory: Address;
  /** Point 0 settled (300 dGBP), point 1 final and open (400 dGBP to pay). */
  settled: Address;
  /** Open for deposits, nothing deposited. */
  open: Address;
  missionId: bigint;
  /** Both escrows' one beneficiary: Ben's volunteers. */
  beneficiary: Address;
}

/** #SchoolMealsServed's committee (quorum 2): two of the demo's evaluators. */
const MEALS_COMMITTEE = ["statistician", "auditor"] as const;

/** The results the committee reports: meals served (hundreds) in periods 1 and 2. */
export const SCHEDULE_RESULTS = [30n, 45n] as const;
const CHALLENGE = 60;
const DAY = 86_400;

const DOC = {
  hashtag: "#SchoolMealsServed",
  title: "School meals served",
  summary: "Hot school meals served in the district, counted each day of the pilot in hundreds.",
  goals: [
    {
      metricKey: "meals_served_hundreds",
      name: "Meals served (hundreds)",
      unit: "hundred meals",
      decimals: 0,
      baseline: 0,
      target: 50,
      schedule: { firstPeriodEnd: "+1h", periodLength: DAY, periodCount: 4, reportingWindow: 7 * 86_400 },
    },
  ],
};

/** The terms file of both escrows (the format of `escrow:create`), funding open until `fundingDeadline`. */
export function scheduleTermsFile(
  missionId: bigint,
  fundingDeadline: bigint,
  firstPeriod: number,
  firstDue: bigint,
  beneficiary: string,
) {
  const point = (period: number, deadline: bigint) => ({
    label: `day ${period}`,
    deadline: Number(deadline),
    cap: "1000",
    terms: [{ kind: "rateCard", goalId: 0, period, key: 0, source: "count", price: "10", capPerPoint: "400" }],
  });
  return {
    missionId: missionId.toString(),
    goalVersion: 1,
    fundingDeadline: Number(fundingDeadline),
    minFunding: "0",
    settlementDeadline: Number(firstDue + 86_400n),
    gracePeriod: "60d",
    schedule: {
      points: [point(firstPeriod, firstDue), point(firstPeriod + 1, firstDue + BigInt(DAY))],
      cap: "1000",
      tiers: [
        { label: "co-payment", coPay: "0.25" },
        { label: "the rest", coPay: "0" },
      ],
    },
    beneficiaries: [{ account: beneficiary, weight: "1" }],
  };
}

/**
 * A scheduled pool's terms file (the format of `pool:create`) on the same schedule as `scheduleTermsFile`'s on periods
 * 3 and 4 (each slot naming the mission, as a pool's must): "Meals Pool", 1,000 dGBP of capital raised and up to
 * 2,000 committed until `thirdEnd`, one tranche of all the capital to `provider` when period 4 ends, settlement a day
 * after that.
 */
export function schedulePoolTermsFile(missionId: bigint, thirdEnd: bigint, fourthEnd: bigint, provider: string) {
  const { schedule } = scheduleTermsFile(missionId, thirdEnd, 3, thirdEnd + 600n, provider);
  const points = schedule.points.map((p) => ({
    ...p,
    terms: p.terms.map((t) => ({ ...t, missionId: missionId.toString() })),
  }));
  return {
    name: "Meals Pool",
    symbol: "MEALP",
    capitalTarget: "1000",
    raiseDeadline: Number(thirdEnd),
    fundCap: "2000",
    settlementDeadline: Number(fourthEnd + BigInt(DAY)),
    gracePeriod: "60d",
    providers: [{ name: "Ben's volunteers", address: provider }],
    tranches: [{ provider: 0, due: Number(fourthEnd), share: "1" }],
    schedule: { ...schedule, points },
  };
}

export async function scheduleChapter(ctx: DemoContext): Promise<ScheduleStory> {
  const registry = registryOf(ctx);
  const oracle = need(ctx.oracle, "oracle");
  const token = need(ctx.token, "token");
  const time = ctx.conn.networkHelpers.time;
  const council = actor(ctx, "council").signer;
  const loaded = parseMissionDoc(JSON.stringify(DOC), "schedule story", { now: await time.latest() });
  const missionId = await createMissionFromDoc(registry.connect(council), loaded, {
    steward: council.address,
    uri: "",
  });
  await (await registry.connect(council).activate(missionId)).wait();
  await (
    await oracle.connect(council).setCommittee(missionId, {
      // Not the evaluator console's account ("university", Chen: web/scripts/evaluation-story.ts): its console lists
      // only #RiversideCleanStreets' week, which its browser test expects.
      members: MEALS_COMMITTEE.map((k) => actor(ctx, k).signer.address),
      quorum: 2,
      challengeWindow: CHALLENGE,
      bondToken: await need(ctx.bondToken, "bond token").getAddress(),
      bondAmount: BOND,
      arbiter: actor(ctx, "arbiter").signer.address,
      adapter: "0x0000000000000000000000000000000000000000",
    })
  ).wait();
  ctx.missions.meals = { id: missionId, loaded };

  const factory = await ctx.ethers.deployContract("ScheduledEscrowFactory", [
    await registry.getAddress(),
    await oracle.getAddress(),
  ]);
  ctx.scheduledEscrowFactory = factory;
  const factoryAddress = await factory.getAddress();
  const chainId = (await ctx.ethers.provider.getNetwork()).chainId;
  const ben = actor(ctx, "buddies").signer.address;
  const create = async (fundingDeadline: bigint, firstPeriod: number): Promise<Address> => {
    const [periodEnd] = await registry.periodWindow(missionId, 0, firstPeriod);
    const file = escrowTermsSchema.parse(
      scheduleTermsFile(missionId, fundingDeadline, firstPeriod, periodEnd + 600n, ben),
    );
    const terms = toScheduledTerms(file, 0n, 18, "schedule story", await token.getAddress());
    return getAddress(await createScheduledEscrow({ signer: council, chainId }, terms, factoryAddress));
  };
  const now = BigInt(await time.latest());
  const settled = await create(now + 1_800n, 1);
  const escrow = await ctx.ethers.getContractAt("ScheduledEscrow", settled);
  for (const [key, tier, amount] of [
    ["council", 0n, gbp(400)],
    ["foundation", 1n, gbp(1_000)],
  ] as const) {
    const who = actor(ctx, key).signer;
    await mint(ctx, token, who.address, amount);
    await (await token.connect(who).approve(settled, amount)).wait();
    await (await escrow.connect(who).deposit(tier, amount)).wait();
  }

  const keeper = actor(ctx, "neighbour").signer;
  for (const [i, value] of SCHEDULE_RESULTS.entries()) {
    const period = i + 1;
    const [end] = await registry.periodWindow(missionId, 0, period);
    await time.increaseTo(end + 60n);
    const report = {
      missionId,
      version: 1,
      goalId: 0,
      period,
      value,
      evidenceHash: keccak256(stringToBytes(`school meals, day ${period}`)),
    };
    await relay(ctx, [...(await sign(ctx, "statistician", [report])), ...(await sign(ctx, "auditor", [report]))]);
    await time.increase(CHALLENGE + 1);
    await (await oracle.connect(keeper).finalize(missionId, 1, 0, period)).wait();
    if (i === 0) await settleScheduledPoint({ signer: keeper, chainId }, settled, 0);
  }
  // Funding must close by the end of the first period a point reads: period 3, about a day from now.
  const [thirdEnd] = await registry.periodWindow(missionId, 0, 3);
  const open = await create(thirdEnd, 3);
  ctx.say(
    `#SchoolMealsServed (mission ${missionId}): scheduled escrow ${settled} paid point 0 (300 dGBP), point 1 is ` +
      `final and open; scheduled escrow ${open} is open for deposits.`,
  );
  return { scheduledEscrowFactory: getAddress(factoryAddress), settled, open, missionId, beneficiary: getAddress(ben) };
}
