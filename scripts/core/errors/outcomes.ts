/** Errors of the outcome terms both factories check, of the payout curves and of the weighted baskets. */
import { count, direction, entry, MISSION_STATUS, type ErrorFormat } from "./kinds.js";

export const OUTCOME_ERRORS: Record<string, ErrorFormat> = {
  /* ---- Outcome terms (both factories) ---- */
  MissionNotActive: entry({ missionId: "plain", status: MISSION_STATUS }, (f) =>
    f.status === "None"
      ? `there is no mission ${f.missionId}`
      : `mission ${f.missionId} is ${f.status}; escrows and pools need an Active mission`,
  ),
  GoalNotInVersion: entry(
    { index: "plain", goalId: "plain", goalVersion: "plain", pinnedVersion: "plain" },
    (f) =>
      `outcome ${f.index}: goal ${f.goalId} belongs to goal version ${f.goalVersion}, not the pinned version ${f.pinnedVersion}`,
  ),
  TermPeriodOutOfRange: entry(
    { index: "plain", period: "plain", periodCount: "plain" },
    (f) => `outcome ${f.index}: period ${f.period} is out of range (the goal has periods 1 to ${f.periodCount})`,
  ),
  CurveDirectionMismatch: entry(
    { index: "plain", lowerIsBetter: "plain" },
    (_f, raw) =>
      `outcome ${String(raw.index)}: the curve is ${direction(raw.lowerIsBetter)} but the goal is ${direction(raw.lowerIsBetter !== true)}`,
  ),
  NoDataCutOffTooEarly: entry(
    { index: "plain", noDataAfter: "time", earliest: "time" },
    (f) =>
      `outcome ${f.index}: the no-data cut-off ${f.noDataAfter} (settlement deadline + grace) is before ${f.earliest}, when its slot can last change`,
  ),

  /* ---- Payout curves and baskets ---- */
  CurveDirection: entry({ baseline: "metric", target: "metric", lowerIsBetter: "plain" }, (f, raw) =>
    raw.baseline === raw.target
      ? `the curve's baseline and target are both ${f.baseline}`
      : `a ${direction(raw.lowerIsBetter)} curve needs a target ${raw.lowerIsBetter === true ? "below" : "above"} its baseline (baseline ${f.baseline}, target ${f.target})`,
  ),
  CurveThreshold: entry(
    { threshold: "metric", baseline: "metric", target: "metric" },
    (f) =>
      `the threshold ${f.threshold} must lie past the baseline ${f.baseline} and not beyond the target ${f.target}`,
  ),
  CurveCap: entry({ capWad: "wad" }, (f) => `the cap ${f.capWad} must be above 0 % and at most 100 %`),
  CurveStepCount: entry(
    { values: "plain", ratios: "plain", max: "plain" },
    (f) =>
      `a stepped curve has 1 to ${f.max} steps with one ratio each; ${f.values} values and ${f.ratios} ratios given`,
  ),
  CurveStepOrder: entry(
    { index: "plain", value: "metric" },
    (f) => `step ${f.index} (value ${f.value}) is not beyond the previous step in the direction of improvement`,
  ),
  CurveStepRatio: entry(
    { index: "plain", ratioWad: "wad" },
    (f) => `the ratio ${f.ratioWad} of step ${f.index} is zero, above 100 % or below the previous ratio`,
  ),
  CurveUnusedField: entry(
    { kind: { enum: "PayoutCurves.Kind" }, field: { enum: "PayoutCurves.CurveField" } },
    (f) => `a ${f.kind} curve does not use the field ${f.field}; leave it out`,
  ),
  TermCount: entry(
    { count: "plain", max: "plain" },
    (f) => `a basket has 1 to ${f.max} outcome terms; ${f.count} were given`,
  ),
  TermZeroWeight: entry({ index: "plain" }, (f) => `outcome ${f.index} has weight 0`),
  TermWeightSum: entry({ index: "plain", sumWad: "wad" }, (f, raw) =>
    raw.index === undefined
      ? `the outcome weights sum to ${f.sumWad}, not 100 %`
      : `point ${f.index}: the curve weights sum to ${f.sumWad}, not 100 %`,
  ),
  TermValueCount: entry(
    { terms: "plain", values: "plain" },
    (f) => `${count(f.values, "value")} for ${count(f.terms, "outcome term")}`,
  ),
};
