import type { SlotResult } from "../../../scripts/outcomes/schedule-preview.js";
import { slotKey } from "../../../scripts/outcomes/schedule-preview.js";

/**
 * Seeded random payment schedules in the terms format, with their slots' results and the tiers' commitments: shared by
 * the mirror's property test and the differential test against ScheduleLib (a failure replays from its seed).
 */

/** mulberry32: a small seeded generator. */
export function generator(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const E18 = 10n ** 18n;
const WEIGHTS: Record<number, string[]> = { 1: ["1"], 2: ["0.5", "0.5"], 3: ["0.25", "0.25", "0.5"] };

/** A random valid schedule block (mission 1), its slots' results and the tiers' commitments. */
export function randomCase(seed: number) {
  const r = generator(seed);
  const maybe = (amount: string): string | undefined => (r(3) === 0 ? amount : undefined);
  const pointCount = 1 + r(6);
  const plain = Array.from({ length: pointCount }, () => r(4) !== 0);
  const plainCount = plain.filter(Boolean).length;
  const points = plain.map((isPlain, i) => {
    const curves = r(4);
    const rateCards = curves === 0 ? 1 + r(2) : r(2);
    const terms: Record<string, unknown>[] = [];
    const firstKey = r(3); // keys are distinct within a point: firstKey, firstKey + 1, …
    (WEIGHTS[curves] ?? []).forEach((weight) =>
      terms.push({
        kind: "curve",
        goalId: r(4),
        period: 1 + r(3),
        weight,
        key: firstKey + terms.length,
        capPerPoint: maybe(String(1 + r(5_000))),
        ceiling: ["1", "1.25", "2"][r(3)],
        curve: { kind: "linear", baseline: 20, target: 120 },
      }),
    );
    for (let j = 0; j < rateCards; j++) {
      const improvement = r(2) === 0;
      terms.push({
        kind: "rateCard",
        goalId: r(4),
        period: 1 + r(3),
        key: firstKey + terms.length,
        source: improvement ? "improvement" : "count",
        ...(improvement ? { reference: r(200), lowerIsBetter: r(2) === 0 } : {}),
        scale: ["1", "0.1", "2.5"][r(3)],
        price: String(1 + r(300)),
      });
    }
    const conditions = Array.from({ length: r(3) }, () => ({
      goalId: r(5),
      period: 1 + r(3),
      threshold: r(200),
      lowerIsBetter: r(2) === 0,
    }));
    const share = plainCount === 1 ? "1" : `0.${String(Math.floor(1000 / plainCount)).padStart(3, "0")}`;
    const pot = isPlain ? share : "1";
    return {
      deadline: i,
      cumulative: !isPlain,
      pot,
      cap: maybe(String(1 + r(20_000))),
      trigger: { any: r(2) === 0, conditions },
      terms,
    };
  });
  const tierCount = 1 + r(4);
  const tiers = Array.from({ length: tierCount }, () => ({ coPay: ["0", "0", "0.1", "0.2"][r(4)] }));
  // ScheduleLib.validate needs an ordered tier to pay what the co-payments do not.
  const last = tiers[tierCount - 1];
  if (last !== undefined && tiers.every((t) => t.coPay !== "0")) last.coPay = "0";
  const schedule = {
    points,
    keyCaps: r(2) === 0 ? [{ key: 1, cap: String(5_000 + r(30_000)) }] : [], // at least any capPerPoint
    cap: maybe(String(1 + r(60_000))),
    tiers,
  };
  const results = new Map<string, SlotResult>();
  for (let g = 0; g < 5; g++) {
    for (let p = 1; p <= 3; p++) {
      const roll = r(10);
      const result: SlotResult =
        roll === 0
          ? { status: "unresolved" }
          : roll === 1
            ? { status: "noValue" }
            : { status: "final", value: BigInt(r(250)) };
      results.set(slotKey(1n, g, p), result);
    }
  }
  const commitments = tiers.map(() => BigInt(r(40_000)) * E18 + BigInt(r(1_000_000)));
  return { schedule, results, commitments };
}
