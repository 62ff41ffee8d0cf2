/**
 * A goal's metric over its periods as a small SVG chart — no chart library: the baseline and the target as dashed
 * lines (labelled, so the direction shows: a target below the baseline is a goal that must fall), each period's
 * value where it has one (final, else proposed) joined by a line, and each period's slot status as its marker's
 * shape: a filled dot final, a ring proposed, a red diamond disputed, a tick on the axis reported (reports in, no
 * value yet). The chart is an image whose accessible name says the same figures; the goal's table below it lists
 * them period by period.
 */
import { tokenText } from "../format";
import type { SlotRow } from "../indexer";

const W = 320;
const H = 160;
const PAD = { left: 48, right: 12, top: 12, bottom: 26 };

export interface GoalFigures {
  baseline: bigint;
  target: bigint;
  decimals: number;
  periodCount: number;
}

/** A slot's status in the app's words: reported (n reports), proposed, disputed, final. */
export function slotStatus(slot: SlotRow): string {
  const reports = `${slot.reportCount} ${slot.reportCount === 1 ? "report" : "reports"}`;
  switch (slot.status) {
    case "Collecting":
      return `reported (${reports})`;
    case "Proposed":
      return slot.disputed ? "disputed" : "proposed";
    case "Final":
      return "final";
    default:
      return slot.status.toLowerCase();
  }
}

/** The value a period shows: its final value, else the proposed one, else none. */
export const slotValue = (slot: SlotRow | undefined): bigint | null => slot?.finalValue ?? slot?.proposedValue ?? null;

export function GoalChart({ goalId, goal, slots }: { goalId: number; goal: GoalFigures; slots: readonly SlotRow[] }) {
  const periods = Array.from({ length: goal.periodCount }, (_, i) => i + 1);
  const slotOf = (period: number) => slots.find((s) => s.goalId === goalId && s.period === period);
  const values = periods.map((p) => slotValue(slotOf(p))).filter((v): v is bigint => v !== null);
  const marks = [goal.baseline, goal.target, ...values];
  let lo = marks.reduce((a, b) => (b < a ? b : a));
  let hi = marks.reduce((a, b) => (b > a ? b : a));
  const margin = (hi - lo) / 10n + 1n;
  lo = lo - margin < 0n && goal.baseline >= 0n && goal.target >= 0n ? 0n : lo - margin;
  hi += margin;
  const px = (period: number) =>
    PAD.left + ((period - 0.5) / Math.max(goal.periodCount, 1)) * (W - PAD.left - PAD.right);
  const py = (v: bigint) => H - PAD.bottom - (Number(v - lo) / Number(hi - lo)) * (H - PAD.top - PAD.bottom);
  const text = (v: bigint) => tokenText(v, goal.decimals);
  const falling = goal.target < goal.baseline;
  const line = periods
    .map((p) => ({ p, v: slotValue(slotOf(p)) }))
    .filter((x): x is { p: number; v: bigint } => x.v !== null)
    .map((x) => `${px(x.p).toFixed(1)},${py(x.v).toFixed(1)}`)
    .join(" ");
  const said = periods.map((p) => {
    const slot = slotOf(p);
    const v = slotValue(slot);
    return `period ${p}: ${slot === undefined ? "no report yet" : slotStatus(slot)}${v === null ? "" : `, ${text(v)}`}`;
  });
  const alt =
    `Goal ${goalId} over ${goal.periodCount} periods: baseline ${text(goal.baseline)}, target ${text(goal.target)} ` +
    `(${falling ? "lower is better" : "higher is better"}); ${said.join("; ")}.`;
  const axisY = H - PAD.bottom;
  return (
    <figure className="chart goal-chart" data-testid={`goal-${goalId}-chart`}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={alt} width="100%" style={{ maxWidth: `${W}px` }}>
        <line x1={PAD.left} y1={axisY} x2={W - PAD.right} y2={axisY} stroke="#57606a" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={axisY} stroke="#57606a" />
        {(
          [
            ["baseline", goal.baseline, "#6e7781"],
            ["target", goal.target, "#1a7f37"],
          ] as const
        ).map(([name, v, colour]) => (
          <g key={name}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={py(v)}
              y2={py(v)}
              stroke={colour}
              strokeDasharray="4 3"
              data-testid={`goal-${goalId}-${name}`}
            />
            <text x={PAD.left - 4} y={py(v) + 3} textAnchor="end" fontSize="9" fill={colour}>
              {text(v)}
            </text>
            <text x={W - PAD.right} y={py(v) - 3} textAnchor="end" fontSize="9" fill={colour}>
              {name}
              {name === "target" ? (falling ? " ↓" : " ↑") : ""}
            </text>
          </g>
        ))}
        {line !== "" && <polyline points={line} fill="none" stroke="#0969da" strokeWidth="2" />}
        {periods.map((p) => {
          const slot = slotOf(p);
          const v = slotValue(slot);
          const x = px(p);
          const mark =
            slot === undefined ? null : v === null ? (
              <line x1={x} x2={x} y1={axisY - 6} y2={axisY} stroke="#9a6700" strokeWidth="3" />
            ) : slot.disputed && slot.status === "Proposed" ? (
              <rect
                x={x - 4}
                y={py(v) - 4}
                width="8"
                height="8"
                fill="#cf222e"
                transform={`rotate(45 ${x} ${py(v)})`}
              />
            ) : (
              <circle cx={x} cy={py(v)} r="4" fill={slot.status === "Final" ? "#0969da" : "#ffffff"} stroke="#0969da" />
            );
          return (
            <g
              key={p}
              data-testid={`goal-${goalId}-period-${p}`}
              data-status={slot === undefined ? "none" : slotStatus(slot)}
            >
              {mark}
              <text x={x} y={H - 10} textAnchor="middle" fontSize="9">
                {p}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        Goal {goalId} by period: ● final, ○ proposed, ◆ disputed, ▮ reported (no value yet); dashed lines: baseline and
        target.
      </figcaption>
    </figure>
  );
}
