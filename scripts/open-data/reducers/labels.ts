/** The shared decoding of one outcome term (escrow outcomes, pool baskets), its curve kind by name. */
import { CURVE_KINDS } from "../../formats/outcome-terms.js";
import type { EventOf } from "../decode.js";
import type { OutcomeTermRow } from "../state.js";

/** The name of enum value `v` in `names`; `#v` for a value this exporter does not know yet. */
const label = (names: readonly string[], v: number): string => names[v] ?? `#${v}`;

/** One `OutcomeLib.OutcomeTerm` as the factories' creation events carry it (escrow outcomes; pool baskets alike). */
type OutcomeTerm = Extract<
  EventOf<"escrowFactory">,
  { eventName: "EscrowCreated" }
>["args"]["terms"]["outcomes"][number];

/** The columns of one outcome term at `termIndex`. */
export function outcomeTerm(termIndex: number, o: OutcomeTerm): OutcomeTermRow {
  const c = o.curve;
  return {
    termIndex,
    missionId: o.missionId,
    goalId: o.goalId,
    period: o.period,
    weightWad: o.weightWad,
    curveKind: label(CURVE_KINDS, c.kind),
    lowerIsBetter: c.lowerIsBetter,
    baseline: c.baseline,
    target: c.target,
    threshold: c.threshold,
    capWad: c.capWad,
    steps: c.stepValues.map((v, i) => `${v}:${c.stepRatiosWad[i] ?? 0n}`).join("|"),
  };
}
