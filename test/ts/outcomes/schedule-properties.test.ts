import { expect } from "chai";
import { scheduleOf, type ScheduleStruct } from "../../../scripts/formats/schedule-terms.js";
import { randomCase } from "../helpers/schedule-random.js";
import {
  newLedger,
  payerPosition,
  settlePoint,
  type Ledger,
  type SlotResult,
} from "../../../scripts/outcomes/schedule-preview.js";

/**
 * Properties of the settlement mirror over many random schedules, results and payers (a seeded generator, so a
 * failure replays): nothing is paid beyond the funds, a tier's commitments, any cap or a key's cap; a point pays
 * the sum of its tiers' parts; a cumulative point never pays a result twice; payers' paid + refunds never exceed
 * what they committed. The Solidity fuzz and invariant suites check the same on chain.
 */

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
