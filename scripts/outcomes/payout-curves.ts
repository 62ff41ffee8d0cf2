/**
 * TypeScript mirror of `PayoutCurves.achievementWad` (contracts/outcomes/PayoutCurves.sol), to the wei, with the
 * over-achievement of payment schedules (docs/payment-schedules.md): a linear kind's progress is clamped at
 * `ceilingWad` instead of WAD (WAD = the library's own clamp). No other curve mirror exists in scripts/; this is it.
 */
import type { CurveStruct } from "../formats/outcome-terms.js";
import { min, WAD, wDivDown } from "./wad.js";

/** `PayoutCurves.Kind`. */
export const CurveKind = { Binary: 0, Linear: 1, ThresholdLinear: 2, Stepped: 3 } as const;

/** Whether `value` reaches `mark` in the direction of improvement (inclusive). */
export const reached = (value: bigint, mark: bigint, lowerIsBetter: boolean): boolean =>
  lowerIsBetter ? value <= mark : value >= mark;

/**
 * Linear progress from `from` (0) to `to` (WAD), rounded down, clamped to [0, ceilingWad]: with `ceilingWad` = WAD
 * this is `PayoutCurves._progressWad`; above WAD, a value past `to` earns gained / span up to the ceiling.
 */
function progressWad(value: bigint, from: bigint, to: bigint, lowerIsBetter: boolean, ceilingWad: bigint): bigint {
  if (reached(from, value, lowerIsBetter)) return 0n;
  if (ceilingWad === WAD && reached(value, to, lowerIsBetter)) return WAD;
  const gained = lowerIsBetter ? from - value : value - from;
  const span = lowerIsBetter ? from - to : to - from;
  return min(wDivDown(gained, span), ceilingWad);
}

/**
 * Achievement of `value` on curve `c`, in WAD, rounded down (favours the payer); `ceilingWad` (≥ WAD) lets the linear
 * kinds run past their target. ThresholdLinear keeps its `capWad` (≤ WAD) on top of the progress, as the library
 * does, so a ceiling above 1 changes nothing on it: over-achievement is a Linear curve's.
 */
export function achievementWad(c: CurveStruct, value: bigint, ceilingWad: bigint = WAD): bigint {
  switch (c.kind) {
    case CurveKind.Binary:
      return reached(value, c.threshold, c.lowerIsBetter) ? WAD : 0n;
    case CurveKind.Linear:
      return progressWad(value, c.baseline, c.target, c.lowerIsBetter, ceilingWad);
    case CurveKind.ThresholdLinear: {
      if (!reached(value, c.threshold, c.lowerIsBetter)) return 0n;
      return min(progressWad(value, c.baseline, c.target, c.lowerIsBetter, ceilingWad), c.capWad);
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
