/**
 * What every reader of a deployed payment schedule shares — the CLI's `escrow:show` / `pool:show` / `escrow:settle
 * --point` and the web app's scheduled-escrow page: the points of the creation event as `PointStruct`s, a point's
 * bytes and proof for `settlePoint` / `previewPayment`, and the figures "still possible" per point and overall.
 * Browser-safe (no node, no Hardhat): the web app bundles it as it is.
 */
import { CliError } from "../core/cli-error.js";
import { NO_CAP, TermKind, type PointStruct } from "../formats/schedule-structs.js";
import { CAP_HITS } from "./schedule-preview.js";
import { pointBytes, pointProof } from "./schedule-root.js";
import { min, mulDivDown, saturatingSub, WAD, wMulDown } from "./wad.js";

/** An integer as a decoder hands it: ethers always a bigint, viem a number for the narrow types. */
type Int = bigint | number;

/** A point of a `ScheduledEscrowCreated` (or scheduled pool) event, as ethers or viem decode it. */
export interface DecodedPoint {
  deadline: Int;
  cumulative: boolean;
  potWad: Int;
  cap: Int;
  trigger: {
    any: boolean;
    conditions: readonly { missionId: Int; goalId: Int; period: Int; threshold: Int; lowerIsBetter: boolean }[];
  };
  terms: readonly {
    missionId: Int;
    goalId: Int;
    period: Int;
    key: Int;
    kind: Int;
    weightWad: Int;
    curve: {
      kind: Int;
      lowerIsBetter: boolean;
      baseline: Int;
      target: Int;
      threshold: Int;
      capWad: Int;
      stepValues: readonly Int[];
      stepRatiosWad: readonly Int[];
    };
    ceilingWad: Int;
    source: Int;
    referenceValue: Int;
    lowerIsBetter: boolean;
    scaleWad: Int;
    price: Int;
    capPerPoint: Int;
  }[];
}

const big = (v: Int): bigint => BigInt(v);
const num = (v: Int): number => Number(v);

/** A decoded point as the `PointStruct` the mirror encodes (small fields as numbers, the rest as bigints). */
export function pointOf(p: DecodedPoint): PointStruct {
  return {
    deadline: big(p.deadline),
    cumulative: p.cumulative,
    potWad: big(p.potWad),
    cap: big(p.cap),
    trigger: {
      any: p.trigger.any,
      conditions: p.trigger.conditions.map((c) => ({
        missionId: big(c.missionId),
        goalId: num(c.goalId),
        period: num(c.period),
        threshold: big(c.threshold),
        lowerIsBetter: c.lowerIsBetter,
      })),
    },
    terms: p.terms.map((t) => ({
      missionId: big(t.missionId),
      goalId: num(t.goalId),
      period: num(t.period),
      key: num(t.key),
      kind: num(t.kind),
      weightWad: big(t.weightWad),
      curve: {
        kind: num(t.curve.kind),
        lowerIsBetter: t.curve.lowerIsBetter,
        baseline: big(t.curve.baseline),
        target: big(t.curve.target),
        threshold: big(t.curve.threshold),
        capWad: big(t.curve.capWad),
        stepValues: t.curve.stepValues.map(big),
        stepRatiosWad: t.curve.stepRatiosWad.map(big),
      },
      ceilingWad: big(t.ceilingWad),
      source: num(t.source),
      referenceValue: big(t.referenceValue),
      lowerIsBetter: t.lowerIsBetter,
      scaleWad: big(t.scaleWad),
      price: big(t.price),
      capPerPoint: big(t.capPerPoint),
    })),
  };
}

/** Point `index`'s bytes and depth-4 proof, from the creation event's points (a bad index: one line naming `--point`). */
export function pointCall(points: PointStruct[], index: number): { bytes: `0x${string}`; proof: `0x${string}`[] } {
  const target = points[index];
  if (target === undefined) {
    throw new CliError(`--point: the schedule has ${points.length} points (0 to ${points.length - 1}); got ${index}`);
  }
  const hex = (s: string): `0x${string}` => (s.startsWith("0x") ? `0x${s.slice(2)}` : `0x${s}`);
  return { bytes: hex(pointBytes(target)), proof: pointProof(points, index).map(hex) };
}

/** `IPaymentSchedule.CapHit` by its code, as the CLI and the page print it. */
export const capHitName = (code: bigint | number): string => CAP_HITS[Number(code)] ?? `#${code}`;

/** The committee version pinned for lane `lane` of a point (terms 0–7, conditions 8–11), from the packed word. */
export const laneVersion = (versions: bigint, lane: number): number =>
  Number((versions >> BigInt(16 * lane)) & 0xffffn);

/** Whether a trigger condition holds on a final `value` (in the metric's direction). */
export const conditionHolds = (c: { threshold: bigint; lowerIsBetter: boolean }, value: bigint): boolean =>
  c.lowerIsBetter ? value <= c.threshold : value >= c.threshold;

/**
 * The most point `point` can still pay (an upper bound, base units): each term at its best — a curve at its ceiling
 * on its weight of the point's pot, a rate card at its cap per point or what its key cap leaves (a rate card with
 * neither is unbounded) — summed, less everything paid for a cumulative point, then bounded by the point's cap and by
 * what the overall cap and the funds leave (`left`). Rounds down as `ScheduleLib` does.
 */
function pointBound(
  point: PointStruct,
  funds: bigint,
  keyCaps: readonly bigint[],
  keyPaid: readonly bigint[],
  totalPaid: bigint,
  left: bigint,
): bigint {
  let sum = 0n;
  for (const term of point.terms) {
    // A cumulative point counts only its own payments against a key cap (ScheduleLib's true-up).
    const keyLeft = saturatingSub(keyCaps[term.key] ?? NO_CAP, point.cumulative ? 0n : (keyPaid[term.key] ?? 0n));
    const best =
      term.kind === TermKind.Curve
        ? mulDivDown(wMulDown(funds, point.potWad), term.weightWad * term.ceilingWad, WAD * WAD)
        : NO_CAP;
    sum += min(min(best, term.capPerPoint), keyLeft);
  }
  const entitlement = point.cumulative ? saturatingSub(sum, totalPaid) : sum;
  return min(min(entitlement, point.cap), left);
}

/** What a schedule can still pay: per point (0 once settled) and overall, with what the overall cap and funds leave. */
export interface ScheduleBounds {
  /** What the overall cap and the funds still leave: `min(cap, funds) − paid`. */
  overallLeft: bigint;
  /** Per point: the most it can still pay (0 once settled). */
  bounds: bigint[];
  /** What the open points can pay together, within `overallLeft`. */
  stillPossible: bigint;
}

export function scheduleBounds(
  points: readonly PointStruct[],
  isSettled: (index: number) => boolean,
  s: { cap: bigint; keyCaps: readonly bigint[]; funds: bigint; totalPaid: bigint; keyPaid: readonly bigint[] },
): ScheduleBounds {
  const overallLeft = saturatingSub(min(s.cap, s.funds), s.totalPaid);
  const bounds = points.map((point, i) =>
    isSettled(i) ? 0n : pointBound(point, s.funds, s.keyCaps, s.keyPaid, s.totalPaid, overallLeft),
  );
  const stillPossible = min(
    bounds.reduce((a, b) => a + b, 0n),
    overallLeft,
  );
  return { overallLeft, bounds, stillPossible };
}
