/**
 * TypeScript mirror of `PayoutCurves.achievementWad` (contracts/outcomes/PayoutCurves.sol), to the wei, with the
 * over-achievement of payment schedules (`PayoutCurves.achievementOverWad`, docs/payment-schedules.md). No other curve mirror exists in scripts/; this is it.
 */
import type { CurveStruct } from "../formats/outcome-terms.js";
import { min, WAD, wDivDown } from "./wad.js";

/** `PayoutCurves.Kind`. */
export const CurveKind = { Binary: 0, Linear: 1, ThresholdLinear: 2, Stepped: 3 } as const;

/** Whether `value` reaches `mark` in the direction of improvement (inclusive). */
export const reached = (value: bigint, mark: bigint, lowerIsBetter: boolean): boolean =>
  lowerIsBetter ? value <= mark : value >= mark;

/** `PayoutCurves._progressWad`: linear progress from `from` (0) to `to` (WAD), clamped to [0, WAD], rounded down. */
function progressWad(value: bigint, from: bigint, to: bigint, lowerIsBetter: boolean): bigint {
  if (reached(value, to, lowerIsBetter)) return WAD;
  if (reached(from, value, lowerIsBetter)) return 0n;
  const gained = lowerIsBetter ? from - value : value - from;
  const span = lowerIsBetter ? from - to : to - from;
  return wDivDown(gained, span);
}

/** `PayoutCurves.canOverAchieve`: Linear, or ThresholdLinear not capped below WAD. */
export const canOverAchieve = (c: CurveStruct): boolean =>
  c.kind === CurveKind.Linear || (c.kind === CurveKind.ThresholdLinear && c.capWad === WAD);

/** `PayoutCurves.achievementWad`: achievement of `value` on curve `c`, in [0, WAD], rounded down (favours the payer). */
function clampedAchievement(c: CurveStruct, value: bigint): bigint {
  switch (c.kind) {
    case CurveKind.Binary:
      return reached(value, c.threshold, c.lowerIsBetter) ? WAD : 0n;
    case CurveKind.Linear:
      return progressWad(value, c.baseline, c.target, c.lowerIsBetter);
    case CurveKind.ThresholdLinear: {
      if (!reached(value, c.threshold, c.lowerIsBetter)) return 0n;
      return min(progressWad(value, c.baseline, c.target, c.lowerIsBetter), c.capWad);
    }
    default: {
      // Stepped: steps are ordered, so the last one reached is the highest.
      let achieved = 0n;
      for (const [i, mark] of c.stepValues.entries()) {
        if (!reached(value, mark, c.lowerIsBetter)) break;
        achieved = c.stepRatiosWad[i] ?? 0n;
      }
      return achieved;
    }
  }
}

/**
 * Achievement of `value` on curve `c`, in WAD, rounded down (favours the payer): `PayoutCurves.achievementWad` when
 * `ceilingWad` is WAD (the default), `PayoutCurves.achievementOverWad` above it — Linear, and ThresholdLinear with
 * `capWad` = WAD, keep rising past the target (progress = gained / span, not clamped at WAD) up to `ceilingWad`;
 * every other curve gives its clamped achievement.
 */
export function achievementWad(c: CurveStruct, value: bigint, ceilingWad: bigint = WAD): bigint {
  if (ceilingWad <= WAD || !canOverAchieve(c)) return clampedAchievement(c, value);
  if (c.kind === CurveKind.ThresholdLinear && !reached(value, c.threshold, c.lowerIsBetter)) return 0n;
  if (reached(c.baseline, value, c.lowerIsBetter)) return 0n;
  const gained = c.lowerIsBetter ? c.baseline - value : value - c.baseline;
  const span = c.lowerIsBetter ? c.baseline - c.target : c.target - c.baseline;
  return min(wDivDown(gained, span), ceilingWad);
}
