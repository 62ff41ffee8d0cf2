/**
 * What the web story leaves the evaluator console (`#/evaluate`): the demo's missions report yearly and quarterly from
 * 2030, so none of their slots can be reported yet. A third, small mission — #RiversideCleanStreets, four weekly goals
 * whose first week ends an hour after it is published — gets the demo's committee (Chen, Tomasz, Grace; quorum 2;
 * 250 bGBP bond; Okafor arbitrates); two hours later the week has ended and:
 *  - goal 0 (clean streets, one decimal) and goal 1 (volunteer hours) hold one report each: Chen's report reaches
 *    the quorum (one to sign and send, one to sign and hand to a relayer);
 *  - goal 2 (bags recycled) has a proposed value (Tomasz 88, Grace 96 → the lower middle, 88) anyone may dispute;
 *  - goal 3 (streets adopted) has a proposed value (12, 14 → 12) Femi disputed with his bond: Okafor resolves it.
 * Femi (the app's funder) keeps one more bond, 250 bGBP, to dispute with from the browser.
 */
import { getAddress, keccak256, stringToBytes, type Address } from "viem";
import { createMissionFromDoc } from "../../scripts/core/mission-ops.js";
import { actor, mint, need, registryOf, type DemoContext } from "../../scripts/demo/context.js";
import { appointCommittee, BOND, relay, sign } from "../../scripts/demo/oracle.js";
import { parseMissionDoc } from "../../scripts/formats/mission-doc.js";
import type { MetricReport } from "../../scripts/formats/signed-reports.js";

/** The evaluator of the console (Chen, Hardhat account #4) and the committee's arbiter (Okafor, #11). */
export const EVALUATOR_INDEX = 4;
export const ARBITER_INDEX = 11;

export interface EvaluationStory {
  missionId: bigint;
  /** The committee's bond token (the demo's bGBP, 18 decimals). */
  bondToken: Address;
  evaluator: Address;
  arbiter: Address;
  /** Who disputed goal 3 and still holds one bond: the app's funder, Femi. */
  disputer: Address;
}

const WEEK = 7 * 86_400;
const weekly = { firstPeriodEnd: "+1h", periodLength: WEEK, periodCount: 4, reportingWindow: 2 * WEEK };
const goal = (metricKey: string, name: string, unit: string, decimals: number, baseline: number, target: number) => ({
  metricKey,
  name,
  unit,
  decimals,
  baseline,
  target,
  schedule: weekly,
});

const DOC = {
  hashtag: "#RiversideCleanStreets",
  title: "Clean streets in Riverside",
  summary: "Residents, schools and the council keep Riverside's streets clean, measured every week.",
  goals: [
    goal("clean_streets_pct", "Streets rated clean on the weekly walk", "%", 1, 62, 80),
    goal("volunteer_hours", "Volunteer hours", "hours", 0, 100, 300),
    goal("bags_recycled", "Bags of litter recycled", "bags", 0, 40, 120),
    goal("streets_adopted", "Streets adopted by a resident group", "streets", 0, 5, 20),
  ],
};

export async function evaluationChapter(ctx: DemoContext): Promise<EvaluationStory> {
  const registry = registryOf(ctx);
  const oracle = need(ctx.oracle, "oracle");
  const bondToken = need(ctx.bondToken, "bond token");
  const helpers = ctx.conn.networkHelpers;
  const council = actor(ctx, "council").signer;
  const loaded = parseMissionDoc(JSON.stringify(DOC), "evaluation story", { now: await helpers.time.latest() });
  const missionId = await createMissionFromDoc(registry.connect(council), loaded, {
    steward: council.address,
    uri: "",
  });
  await (await registry.connect(council).activate(missionId)).wait();
  ctx.missions.clean = { id: missionId, loaded };
  await appointCommittee(ctx, "clean", "council");
  await helpers.time.increase(2 * 3_600);

  const r = (goalId: number, value: bigint, who: string): MetricReport => ({
    missionId,
    version: 1,
    goalId,
    period: 1,
    value,
    evidenceHash: keccak256(stringToBytes(`clean streets week 1, goal ${goalId}, ${who}`)),
  });
  await relay(ctx, [
    ...(await sign(ctx, "statistician", [r(0, 715n, "TS"), r(2, 88n, "TS"), r(3, 12n, "TS")])),
    ...(await sign(ctx, "auditor", [r(1, 240n, "GP"), r(2, 96n, "GP"), r(3, 14n, "GP")])),
  ]);
  const femi = actor(ctx, "neighbour").signer;
  await mint(ctx, bondToken, femi.address, 2n * BOND);
  await (await bondToken.connect(femi).approve(await oracle.getAddress(), BOND)).wait();
  await (await oracle.connect(femi).dispute(missionId, 1, 3, 1)).wait();
  ctx.say(
    `#RiversideCleanStreets (mission ${missionId}): week 1 ended; Tomasz and Grace reported, goals 2 and 3 are ` +
      `proposed, Femi disputed goal 3; Chen still has goals 0 and 1 to report.`,
  );
  const evaluator = actor(ctx, "university");
  const arbiter = actor(ctx, "arbiter");
  if (evaluator.index !== EVALUATOR_INDEX || arbiter.index !== ARBITER_INDEX) {
    throw new Error(`web story: the evaluator is account #${evaluator.index}, the arbiter #${arbiter.index}`);
  }
  return {
    missionId,
    bondToken: getAddress(await bondToken.getAddress()),
    evaluator: getAddress(evaluator.signer.address),
    arbiter: getAddress(arbiter.signer.address),
    disputer: getAddress(femi.address),
  };
}
