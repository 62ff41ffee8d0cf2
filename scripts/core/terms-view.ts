/**
 * Outcome terms as a person reads them, shared by `escrow:show` and `pool:show`: each term's slot with the end of its
 * period as an ISO time, its weight as a percentage and its payout curve in the goal's own unit (the goal's decimals,
 * read from the registry), e.g. `linear: 0 % at 62.4 → 100 % at 75`.
 */
import { decodeBytes32String, type ContractRunner } from "ethers";
import { MissionRegistry__factory } from "../../typechain-types/index.js";
import { curveText, type CurveView } from "./curve-text.js";
import { isoTime, percentWad } from "./units.js";

export { curveText, type CurveView } from "./curve-text.js";

/** An outcome term as the contracts return it (`OutcomeLib.OutcomeTerm`). */
export interface OutcomeTermView {
  missionId: bigint;
  goalId: bigint;
  period: bigint;
  weightWad: bigint;
  curve: CurveView;
}

/** What a term's line needs from its goal: the decimals of its values and when its period ends. */
export interface GoalFacts {
  decimals: number;
  periodEnd: bigint;
}

/** One line per outcome term: `0: mission 1 goal 0 period 1 (ends …), weight 70 %, linear: …`. */
export function outcomeLines(terms: readonly OutcomeTermView[], facts: readonly (GoalFacts | undefined)[]): string[] {
  return terms.map((o, i) => {
    const goal = facts[i];
    const ends = goal === undefined ? "" : ` (period ends ${isoTime(goal.periodEnd)})`;
    return `  ${i}: mission ${o.missionId} goal ${o.goalId} period ${o.period}${ends}, weight ${percentWad(o.weightWad)}, ${curveText(o.curve, goal?.decimals)}`;
  });
}

/** The goal facts of each term, read once per distinct goal from the registry at `registry`. */
export async function goalFacts(
  runner: ContractRunner,
  registry: string,
  terms: readonly OutcomeTermView[],
): Promise<GoalFacts[]> {
  const reg = MissionRegistry__factory.connect(registry, runner);
  const goals = new Map<string, Awaited<ReturnType<typeof reg.getGoal>>>();
  const out: GoalFacts[] = [];
  for (const o of terms) {
    const key = `${o.missionId}/${o.goalId}`;
    const goal = goals.get(key) ?? (await reg.getGoal(o.missionId, o.goalId));
    goals.set(key, goal);
    const periodEnd = goal.firstPeriodEnd + (o.period - 1n) * goal.periodLength;
    out.push({ decimals: Number(goal.decimals), periodEnd });
  }
  return out;
}

/** `#hashtag` of a mission, or "" when the registry has none to give (a mock, or no such mission). */
export async function hashtagOf(runner: ContractRunner, registry: string, missionId: bigint): Promise<string> {
  const packed = (await MissionRegistry__factory.connect(registry, runner).getMission(missionId)).hashtag;
  const text = decodeBytes32String(packed);
  return text === "" ? "" : `#${text}`;
}
