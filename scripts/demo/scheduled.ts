/**
 * Demo chapter 6c: a scheduled escrow (issue #12) end to end — the rate-card example
 * (`examples/escrows/rate-card-escrow.json`) created through the CLI's `createScheduledEscrow`, two funders in two
 * payer tiers, the committee's reports for each cohort, each point settled with the CLI's `settleScheduledPoint`,
 * claims and refunds, and the escrow as `escrow:show` prints it (`showScheduledEscrow`, the CLI's own renderer).
 *
 * It runs after every other chapter, so the chain is already past the example's funding deadline (2030-06-30): every
 * date of the file moves 4 years on (1,461 days, so each stays the same calendar day). One other change, said on
 * screen: the file's one beneficiary (a local account) becomes Ben's volunteers and Sol's libraries (3 : 1). The
 * file's two payer tiers are the demo's: a 25 % co-payment by the council (tier 0), the rest by Amara's foundation
 * (tier 1). Figures, hand-computed: `test/ts/cli/escrow-scheduled-demo.test.ts`.
 */
import { keccak256, stringToHex } from "viem";
import { enumName } from "../core/errors/enums.js";
import { createScheduledEscrow, settleScheduledPoint } from "../cli/actions/escrow-scheduled-send.js";
import { showScheduledEscrow } from "../cli/actions/escrow-scheduled.js";
import { createMissionFromDoc } from "../core/mission-ops.js";
import { toScheduledTerms, type ScheduledContractTerms } from "../formats/escrow-terms.js";
import { readEscrowTerms } from "../formats/escrow-terms-file.js";
import { parseMissionDoc } from "../formats/mission-doc.js";
import type { ScheduledEscrow } from "../../typechain-types/index.js";
import { actor, day, formatGbp, gbp, mint, need, registryOf, type DemoContext } from "./context.js";
import { BOND, CHALLENGE_WINDOW, EVALUATORS, QUORUM, relay, sign } from "./oracle.js";

export const RATE_CARD_FILE = "examples/escrows/rate-card-escrow.json";
/** 4 × 365 + 1 days: the example's dates, 4 calendar years on. */
export const SHIFT = 1_461n * 86_400n;

/** The mission the example names (mission 3: two goals, two yearly cohorts), its periods moved 4 years on too. */
const MISSION_DOC = {
  hashtag: "#ReadAtGradeLevel",
  title: "Read at grade level",
  summary:
    "Two cohorts of 40 children get a year of one-to-one reading support each; outcome payers pay per child reading " +
    "at grade level and per year of special education avoided against a control group.",
  goals: [
    {
      metricKey: "children_at_grade_level",
      name: "Children of the cohort reading at grade level",
      unit: "children",
      decimals: 0,
      direction: "increase",
      baseline: 0,
      target: 40,
      schedule: {
        firstPeriodEnd: "2035-06-30T00:00:00Z",
        periodLength: 31_536_000,
        periodCount: 2,
        reportingWindow: 2_592_000,
      },
    },
    {
      metricKey: "special_education_years",
      name: "Years of special education of the cohort (control group: 40.0)",
      unit: "years",
      decimals: 1,
      direction: "decrease",
      baseline: 40,
      target: 20,
      schedule: {
        firstPeriodEnd: "2035-06-30T00:00:00Z",
        periodLength: 31_536_000,
        periodCount: 2,
        reportingWindow: 2_592_000,
      },
    },
  ],
};

/** The example's terms for the demo: its dates 4 years on, the demo's token and beneficiaries (its payer tiers as written). */
export function demoRateCardTerms(token: string, ben: string, sol: string): ScheduledContractTerms {
  const terms = toScheduledTerms(readEscrowTerms(RATE_CARD_FILE), 0n, 18, RATE_CARD_FILE, token);
  return {
    ...terms,
    fundingDeadline: terms.fundingDeadline + SHIFT,
    paymentSchedule: {
      ...terms.paymentSchedule,
      points: terms.paymentSchedule.points.map((p) => ({ ...p, deadline: p.deadline + SHIFT })),
    },
    beneficiaries: [
      { account: ben, weight: 3n },
      { account: sol, weight: 1n },
    ],
  };
}

/** The cohorts' results as the evaluators report them: children at grade level, special education (tenths). */
const RESULTS = [
  { period: 1, children: 20n, specialTenths: 380n },
  { period: 2, children: 30n, specialTenths: 300n },
] as const;

/** The committee reports one cohort (two evaluators agree: the quorum), the window passes, anyone finalises. */
async function reportCohort(ctx: DemoContext, missionId: bigint, result: (typeof RESULTS)[number]): Promise<void> {
  const oracle = need(ctx.oracle, "oracle");
  const [periodEnd] = await registryOf(ctx).periodWindow(missionId, 0, result.period);
  await ctx.conn.networkHelpers.time.increaseTo(periodEnd + 7n * 86_400n);
  const reports = [
    { goalId: 0, value: result.children },
    { goalId: 1, value: result.specialTenths },
  ].map((r) => ({
    missionId,
    version: 1,
    goalId: r.goalId,
    period: result.period,
    value: r.value,
    evidenceHash: keccak256(stringToHex(`cohort ${result.period} results, reading programme evaluation`)),
  }));
  const signed = [...(await sign(ctx, "university", reports)), ...(await sign(ctx, "statistician", reports))];
  await relay(ctx, signed);
  await ctx.conn.networkHelpers.time.increase(CHALLENGE_WINDOW + 1);
  const keeper = actor(ctx, "neighbour").signer;
  for (const goalId of [0, 1])
    await (await oracle.connect(keeper).finalize(missionId, 1, goalId, result.period)).wait();
  ctx.say(
    `${day(periodEnd)}: cohort ${result.period} ends; Chen and Tomasz report ${result.children} children at grade ` +
      `level and ${Number(result.specialTenths) / 10} years of special education (control group 40.0); final after ` +
      `the challenge window.`,
  );
}

async function claimAll(ctx: DemoContext, escrow: ScheduledEscrow): Promise<void> {
  for (const key of ["buddies", "libraries"]) {
    const who = actor(ctx, key).signer;
    const amount = await escrow.claimable(who.address);
    if (amount === 0n) continue;
    await (await escrow.connect(who).claim()).wait();
    ctx.say(`  ${ctx.labels.get(who.address)} claims ${formatGbp(amount)}.`);
  }
}

export async function scheduledEscrowChapter(ctx: DemoContext): Promise<void> {
  ctx.say();
  ctx.say("Chapter 6c — a payment schedule: a rate-card escrow that pays per cohort, per child");
  const registry = registryOf(ctx);
  const oracle = need(ctx.oracle, "oracle");
  const token = need(ctx.token, "token");
  const council = actor(ctx, "council");
  const now = (await ctx.ethers.provider.getBlock("latest"))?.timestamp ?? 0;
  const loaded = parseMissionDoc(JSON.stringify(MISSION_DOC), "demo mission #ReadAtGradeLevel", { now });
  const asSteward = registry.connect(council.signer);
  const missionId = await createMissionFromDoc(asSteward, loaded, { steward: council.signer.address, uri: "" });
  await (await asSteward.activate(missionId)).wait();
  const members = EVALUATORS.map((k) => actor(ctx, k).signer.address);
  await (
    await oracle.connect(council.signer).setCommittee(missionId, {
      members,
      quorum: QUORUM,
      challengeWindow: CHALLENGE_WINDOW,
      bondToken: await need(ctx.bondToken, "bond token").getAddress(),
      bondAmount: BOND,
      arbiter: actor(ctx, "arbiter").signer.address,
      adapter: "0x0000000000000000000000000000000000000000",
    })
  ).wait();
  ctx.missions.rateCard = { id: missionId, loaded };
  ctx.say(
    `Priya publishes ${MISSION_DOC.hashtag} as mission ${missionId} (children at grade level; years of special ` +
      `education), activates it and appoints the same committee.`,
  );

  ctx.scheduledEscrowFactory = await ctx.ethers.deployContract("ScheduledEscrowFactory", [
    await registry.getAddress(),
    await oracle.getAddress(),
  ]);
  const factory = await ctx.scheduledEscrowFactory.getAddress();
  const [ben, sol] = [actor(ctx, "buddies").signer.address, actor(ctx, "libraries").signer.address];
  const terms = demoRateCardTerms(await token.getAddress(), ben, sol);
  const chainId = (await ctx.ethers.provider.getNetwork()).chainId;
  const address = await createScheduledEscrow({ signer: council.signer, chainId }, terms, factory);
  const escrow = await ctx.ethers.getContractAt("ScheduledEscrow", address);
  ctx.scheduledEscrow = escrow;
  ctx.labels.set(address, "scheduled escrow #ReadAtGradeLevel");
  ctx.say(
    `The ScheduledEscrowFactory is deployed at ${factory}. Priya creates ${RATE_CARD_FILE} through it ` +
      `(${address}): £1,200 per child at grade level (at most £30,000 a cohort), £2,500 per year of special ` +
      `education avoided (at most £20,000 in all), at most £40,000 a cohort and £60,000 overall. Its dates move 4 ` +
      `years on (funding closes ${day(terms.fundingDeadline)}, cohorts due ${terms.paymentSchedule.points
        .map((p) => day(p.deadline))
        .join(" and ")}); Ben's volunteers get 3 parts, Sol's libraries 1; two payer tiers.`,
  );

  for (const [key, tier, amount] of [
    ["council", 0n, gbp(16_000)],
    ["foundation", 1n, gbp(50_000)],
  ] as const) {
    const who = actor(ctx, key).signer;
    await mint(ctx, token, who.address, amount);
    await (await token.connect(who).approve(address, amount)).wait();
    await (await escrow.connect(who).deposit(tier, amount)).wait();
  }
  ctx.say(
    `Priya's council commits ${formatGbp(gbp(16_000))} as a 25 % co-payment (tier 0: a quarter of every payment); ` +
      `Amara's foundation ${formatGbp(gbp(50_000))} for the rest (tier 1).`,
  );

  const keeper = { signer: actor(ctx, "neighbour").signer, chainId };
  for (const [i, result] of RESULTS.entries()) {
    await reportCohort(ctx, missionId, result);
    const paid = await settleScheduledPoint(keeper, address, i);
    const [settled] = await escrow.queryFilter(escrow.filters.PointSettled(BigInt(i)));
    const parts = settled?.args.parts ?? [];
    ctx.say(
      `  Femi settles point ${i}: ${formatGbp(paid)} (cap that bound: ${enumName("IPaymentSchedule.CapHit", settled?.args.capHit ?? 0n)}); ` +
        `the council pays ${formatGbp(parts[0] ?? 0n)}, the foundation ${formatGbp(parts[1] ?? 0n)}.`,
    );
    await claimAll(ctx, escrow);
  }
  for (const key of ["council", "foundation"]) {
    const who = actor(ctx, key).signer;
    const amount = await escrow.refundable(who.address);
    await (await escrow.connect(who).refund()).wait();
    ctx.say(`  ${ctx.labels.get(who.address)} takes back its tier's unused ${formatGbp(amount)}.`);
  }
  ctx.say();
  ctx.say(`npx hardhat escrow:show --escrow ${address} prints it so:`);
  for (const line of (await showScheduledEscrow(council.signer, address)).split("\n")) ctx.say(`  ${line}`);
}
