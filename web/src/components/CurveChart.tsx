/**
 * A payout curve (or a rate card) as a small SVG line chart — no chart library: what a term pays against the slot's
 * value, sampled through the same mirror that previews payments (`achievementWad`; a rate card's units × price up to
 * its cap per point). The chart is an image with a text alternative naming the curve and its end points.
 */
import { achievementWad } from "../../../scripts/outcomes/payout-curves.js";
import { NO_CAP } from "../../../scripts/formats/schedule-structs.js";
import type { Chartable } from "../create/terms";
import { formatTokens, percentWad, type TokenUnits } from "../format";

const W = 300;
const H = 140;
const PAD = { left: 44, right: 10, top: 10, bottom: 24 };
const SAMPLES = 48;
const WAD = 10n ** 18n;

/** The x range worth drawing: every mark of the curve, with room on both sides. */
function range(c: Chartable): [bigint, bigint] {
  const marks =
    c.kind === "curve"
      ? [c.curve.baseline, c.curve.target, c.curve.threshold, ...c.curve.stepValues]
      : [0n, c.reference * 2n, c.improvement ? c.reference : 100n];
  let lo = marks.reduce((a, b) => (b < a ? b : a));
  let hi = marks.reduce((a, b) => (b > a ? b : a));
  if (c.kind === "curve" && c.ceilingWad > WAD) hi += ((hi - lo) * (c.ceilingWad - WAD)) / WAD;
  const margin = (hi - lo) / 5n + 1n;
  lo = lo - margin < 0n ? 0n : lo - margin;
  hi += margin;
  return [lo, hi];
}

/** What the term pays at `x`: achievement (WAD) for a curve, base units for a rate card. */
function yOf(c: Chartable, x: bigint): bigint {
  if (c.kind === "curve") return achievementWad(c.curve, x, c.ceilingWad);
  const base = c.improvement ? (c.lowerIsBetter ? c.reference - x : x - c.reference) : x;
  const paid = base <= 0n ? 0n : (base * c.scaleWad * c.price) / WAD;
  return c.capPerPoint !== NO_CAP && paid > c.capPerPoint ? c.capPerPoint : paid;
}

export function CurveChart({ chart, units }: { chart: Chartable; units: TokenUnits }) {
  const [lo, hi] = range(chart);
  const xs = Array.from({ length: SAMPLES + 1 }, (_, i) => lo + ((hi - lo) * BigInt(i)) / BigInt(SAMPLES));
  const ys = xs.map((x) => yOf(chart, x));
  const top = ys.reduce((a, b) => (b > a ? b : a), chart.kind === "curve" ? WAD : 1n);
  const px = (x: bigint) => PAD.left + (Number(x - lo) / Number(hi - lo || 1n)) * (W - PAD.left - PAD.right);
  const py = (y: bigint) => H - PAD.bottom - (Number((y * 10_000n) / top) / 10_000) * (H - PAD.top - PAD.bottom);
  const path = xs.map((x, i) => `${px(x).toFixed(1)},${py(ys[i] ?? 0n).toFixed(1)}`).join(" ");
  const yText = (y: bigint) => (chart.kind === "curve" ? percentWad(y) : formatTokens(y, units));
  const alt = `${chart.label}: pays ${yText(ys[0] ?? 0n)} at ${lo} and ${yText(ys[SAMPLES] ?? 0n)} at ${hi}`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={alt} width="100%" style={{ maxWidth: `${W}px` }}>
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} stroke="#57606a" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="#57606a" />
        <polyline points={path} fill="none" stroke="#0969da" strokeWidth="2" />
        <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" fontSize="9">
          {chart.kind === "curve" ? percentWad(top) : formatTokens(top, units).split(" ")[0]}
        </text>
        <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end" fontSize="9">
          0
        </text>
        <text x={PAD.left} y={H - 8} fontSize="9">
          {lo.toString()}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" fontSize="9">
          {hi.toString()}
        </text>
      </svg>
      <figcaption>{chart.label}</figcaption>
    </figure>
  );
}
