import { expect } from "chai";
import { scheduleOf, type ScheduleStruct } from "../../../scripts/formats/schedule-terms.js";
import {
  newLedger,
  payerPosition,
  settlePoint,
  slotKey,
  type Ledger,
  type SlotResult,
} from "../../../scripts/outcomes/schedule-preview.js";

/**
 * Properties of the settlement mirror over many random schedules, results and payers (a seeded generator, so a
 * failure replays): nothing is paid beyond the funds, a tier's commitments, any cap or a key's cap; a point pays
 * the sum of its tiers' parts; a cumulative point never pays a result twice; payers' paid + refunds never exceed
 * what they committed. The Solidity fuzz and invariant suites check the same on chain.
 */

/** mulberry32: a small seeded generator. */
function generator(seed: number): (n: number) => number {
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

/** A random valid schedule block, its slots' results and the tiers' commitments. */
function randomCase(seed: number) {
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

/** Settles every point in order, checking the properties after each. */
function settleAll(s: ScheduleStruct, results: Map<string, SlotResult>, commitments: bigint[]): Ledger {
  const funds = commitments.reduce((a, b) => a + b, 0n);
  let ledger = newLedger(commitments);
  s.points.forEach((point, i) => {
    const before = ledger;
    const step = settlePoint(s, ledger, i, results, funds);
    const p = step.preview;
    ledger = step.ledger;
    expect(
      p.parts.reduce((a, b) => a + b, 0n),
      `point ${i}: Σ parts`,
    ).to.equal(p.amount);
    expect(p.amount <= point.cap, `point ${i}: point cap`).to.equal(true);
    expect(p.amount <= p.entitlement, `point ${i}: at most its entitlement`).to.equal(true);
    expect(ledger.totalPaid <= funds && ledger.totalPaid <= s.cap, `point ${i}: funds and overall cap`).to.equal(true);
    ledger.tierPaid.forEach((paid, t) =>
      expect(paid <= (ledger.tierCommitted[t] ?? 0n), `point ${i}: tier ${t}`).to.equal(true),
    );
    s.keyCaps.forEach((keyCap, k) => expect((ledger.keyPaid[k] ?? 0n) <= keyCap, `key ${k}`).to.equal(true));
    for (const t of p.terms) {
      expect(t.paid <= t.raw && t.paid <= (point.terms[t.termIndex]?.capPerPoint ?? 0n), "term caps").to.equal(true);
    }
    if (point.cumulative) {
      // Never twice: after a true-up the total is at most what all its terms earn together (or what was paid).
      const earned = p.terms.reduce((a, t) => a + t.paid, 0n);
      const most = earned > before.totalPaid ? earned : before.totalPaid;
      expect(ledger.totalPaid <= most, `point ${i}: a true-up pays no result twice`).to.equal(true);
    }
  });
  expect(ledger.settled).to.equal(2 ** s.points.length - 1);
  return ledger;
}

describe("payment-point settlement mirror: properties over random schedules", () => {
  it("paid ≤ funds, commitments and every cap; Σ parts = amount; true-ups never pay twice; refunds are solvent", () => {
    let paidSomething = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { schedule, results, commitments } = randomCase(seed);
      const s = scheduleOf(schedule, { decimals: 18, now: 0n, missionId: 1n });
      const ledger = settleAll(s, results, commitments);
      if (ledger.totalPaid > 0n) paidSomething++;
      // Two payers per tier (a third and two thirds): paid + refund never exceeds the commitment, and the
      // refunds never exceed what the tier still holds.
      commitments.forEach((committed, t) => {
        const a = payerPosition(ledger, t, committed / 3n);
        const b = payerPosition(ledger, t, committed - committed / 3n);
        expect(a.paid + a.refund <= committed / 3n, `seed ${seed} tier ${t}`).to.equal(true);
        expect(a.refund + b.refund <= committed - (ledger.tierPaid[t] ?? 0n), `seed ${seed} tier ${t}`).to.equal(true);
        expect(a.paid + b.paid <= (ledger.tierPaid[t] ?? 0n)).to.equal(true);
      });
    }
    expect(paidSomething, "the generator reaches paying points").to.be.greaterThan(100);
  });
});
