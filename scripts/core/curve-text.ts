/**
 * A payout curve in the goal's own unit (`linear: 0 % at 62.4 → 100 % at 75`), with no dependency beyond `units.ts`:
 * shared by the CLI's `escrow:show`/`pool:show` (core/terms-view.ts) and the web app's escrow page.
 */
import { metricText, percentWad } from "./units.js";

/** A payout curve as the contracts return it (`PayoutCurves.Curve`). */
export interface CurveView {
  /** The curve kind (a uint8: ethers reads it as a bigint, viem as a number). */
  kind: bigint | number;
  lowerIsBetter: boolean;
  baseline: bigint;
  target: bigint;
  threshold: bigint;
  capWad: bigint;
  stepValues: readonly bigint[];
  stepRatiosWad: readonly bigint[];
}

/** A curve in the goal's unit: its kind (as the terms files name it) and its points. */
export function curveText(c: CurveView, decimals: number | undefined): string {
  const v = (x: bigint) => metricText(x, decimals);
  const reach = c.lowerIsBetter ? "≤" : "≥";
  switch (Number(c.kind)) {
    case 0:
      return `binary: 100 % at ${reach} ${v(c.threshold)}, else 0 %`;
    case 1:
      return `linear: 0 % at ${v(c.baseline)} → 100 % at ${v(c.target)}`;
    case 2:
      return `thresholdLinear: 0 % until ${reach} ${v(c.threshold)}, then linear ${v(c.baseline)} → ${v(c.target)}, capped at ${percentWad(c.capWad)}`;
    case 3:
      return `stepped: ${c.stepValues.map((s, i) => `${reach} ${v(s)} → ${percentWad(c.stepRatiosWad[i] ?? 0n)}`).join(", ")}`;
    default:
      return `curve kind ${c.kind}`;
  }
}
