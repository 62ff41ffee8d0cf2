/**
 * Builders shared by the settlement-mirror tests (test/ts/outcomes/schedule-preview*.test.ts): 18-decimal token
 * amounts, slot results of mission 1, a schedule of mission 1 from the terms format, a point's figures per term.
 */
import { scheduleOf } from "../../../scripts/formats/schedule-terms.js";
import {
  slotKey,
  type PointPreview,
  type SlotResult,
  type SlotResults,
} from "../../../scripts/outcomes/schedule-preview.js";

export const E18 = 10n ** 18n;
export const tokens = (n: bigint | number): bigint => BigInt(n) * E18;
export const MISSION = 1n;

/** Slot results of mission 1: `[goalId, period, value or a status]`. */
export function results(...slots: [number, number, bigint | number | SlotResult["status"]][]): SlotResults {
  return new Map(
    slots.map(([goalId, period, v]): [string, SlotResult] => {
      const r: SlotResult =
        typeof v === "string"
          ? v === "final"
            ? { status: "final", value: 0n }
            : { status: v }
          : { status: "final", value: BigInt(v) };
      return [slotKey(MISSION, goalId, period), r];
    }),
  );
}
export const schedule = (s: unknown) => scheduleOf(s, { decimals: 18, now: 0n, missionId: MISSION });
export const figures = (p: PointPreview) => p.terms.map((t) => [t.raw, t.paid, t.capHit]);
