/**
 * What-if previews on the create page, before anything is sent: a result per slot in, each point's or outcome's
 * payment out, to the wei. A payment schedule goes point by point through the settlement mirror
 * (scripts/outcomes/schedule-preview.ts: `settlePoint`, the library's order of operations and the payer-tier split);
 * an escrow or pool paid once through `OutcomeLib`'s composite (Σ weight × achievement, one division by the unit)
 * on `PayoutCurves.achievementWad` (scripts/outcomes/payout-curves.ts), the escrow's pot `wMulDown(funds, composite)`.
 */
import type { OutcomeTermStruct } from "../../../scripts/formats/outcome-terms.js";
import type { ScheduleStruct } from "../../../scripts/formats/schedule-structs.js";
import { achievementWad } from "../../../scripts/outcomes/payout-curves.js";
import {
  newLedger,
  ScheduleError,
  settlePoint,
  type PointPreview,
  type SlotResults,
} from "../../../scripts/outcomes/schedule-preview.js";
import { WAD, wMulDown } from "../../../scripts/outcomes/wad.js";

/** Each slot's what-if value (by `slotKey`): a final value, or not given (the slot reads pending). */
export function resultsOf(values: ReadonlyMap<string, bigint>): SlotResults {
  return new Map([...values].map(([key, value]) => [key, { status: "final" as const, value }]));
}

/** A point of the what-if: its preview, or the library's error when it cannot settle (`EarlierPointOpen`…). */
export type PointWhatIf = { index: number; preview: PointPreview } | { index: number; error: string };

/**
 * Settles every point in order on a fresh ledger with `tierFunds` committed per tier: what each pays, per term and
 * per tier. A Pending point is shown and left open (a later cumulative point then cannot settle).
 */
export function scheduleWhatIf(
  schedule: ScheduleStruct,
  tierFunds: readonly bigint[],
  values: ReadonlyMap<string, bigint>,
): { points: PointWhatIf[]; totalPaid: bigint } {
  let ledger = newLedger([...tierFunds]);
  const funds = tierFunds.reduce((a, b) => a + b, 0n);
  const results = resultsOf(values);
  const points = schedule.points.map((_, index): PointWhatIf => {
    try {
      const settled = settlePoint(schedule, ledger, index, results, funds);
      ledger = settled.ledger;
      return { index, preview: settled.preview };
    } catch (err) {
      if (!(err instanceof ScheduleError)) throw err;
      if (err.errorName === "PointPending") return { index, error: "pending: a slot has no final value" };
      return { index, error: err.message };
    }
  });
  return { points, totalPaid: ledger.totalPaid };
}

/** An outcome's achievement on its value (0 when no value is given) and the composite of all of them. */
export function outcomesWhatIf(
  outcomes: readonly OutcomeTermStruct[],
  values: ReadonlyMap<string, bigint>,
  key: (o: OutcomeTermStruct) => string,
  funds: bigint,
): { achievements: bigint[]; compositeWad: bigint; pot: bigint } {
  const achievements = outcomes.map((o) => {
    const value = values.get(key(o));
    return value === undefined ? 0n : achievementWad(o.curve, value);
  });
  const sum = outcomes.reduce((acc, o, i) => acc + o.weightWad * (achievements[i] ?? 0n), 0n);
  const compositeWad = sum / WAD;
  return { achievements, compositeWad, pot: wMulDown(funds, compositeWad) };
}
