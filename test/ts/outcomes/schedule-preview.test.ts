import { expect } from "chai";
import {
  newLedger,
  payerPosition,
  previewPoint,
  ScheduleError,
  settlePoint,
  type Ledger,
  type PointPreview,
} from "../../../scripts/outcomes/schedule-preview.js";
import { figures, results, schedule, tokens } from "../helpers/schedule-preview.js";

/**
 * The settlement mirror against figures computed by hand (to the wei, 18-decimal tokens): one schedule per mechanism
 * of issue #12, the same shapes as the examples in examples/ and schemas/README.md. Rate cards and a cohort bond here; payers, key caps and over-achievement in schedule-preview-payers.test.ts.
 */
describe("payment-point settlement mirror (outcomes/schedule-preview.ts)", () => {
  describe("rate cards with per-term-per-point, per-term, per-point and overall caps", () => {
    // 1,200 per child reading at grade level (count, at most 30,000 per point); 2,500 per year of special education
    // avoided against a control group of 40.0 years (tenths, falling; at most 20,000 over all points); at most
    // 40,000 per point (40 children x 1,000), 60,000 overall. Funds: 100,000 from two funders (60,000 + 40,000).
    const term = (period: number) => [
      { kind: "rateCard", goalId: 0, period, key: 0, source: "count", price: "1200", capPerPoint: "30000" },
      {
        kind: "rateCard",
        goalId: 1,
        period,
        key: 1,
        source: "improvement",
        reference: 400,
        lowerIsBetter: true,
        scale: "0.1",
        price: "2500",
      },
    ];
    const s = schedule({
      points: [
        { deadline: 1, cap: "40000", terms: term(1) },
        { deadline: 2, cap: "40000", terms: term(2) },
      ],
      keyCaps: [{ key: 1, cap: "20000" }],
      cap: "60000",
    });
    const funds = tokens(100_000);

    it("point 0: 28 children → 33,600 capped per point at 30,000; 6 years → 15,000; 45,000 capped at the point's 40,000", () => {
      const { preview, ledger } = settlePoint(s, newLedger([funds]), 0, results([0, 1, 28], [1, 1, 340]), funds);
      expect(preview.terms.map((t) => t.unitsWad)).to.deep.equal([tokens(28), tokens(6)]);
      expect(figures(preview)).to.deep.equal([
        [tokens(33_600), tokens(30_000), "TermPerPoint"],
        [tokens(15_000), tokens(15_000), "None"],
      ]);
      expect(preview).to.deep.include({ entitlement: tokens(45_000), amount: tokens(40_000), capHit: "Point" });
      expect(preview.parts).to.deep.equal([tokens(40_000)]);
      // Only capped keys are tracked (key 0 has no key cap: its PointSettled events carry its payments).
      expect(ledger.keyPaid.slice(0, 2)).to.deep.equal([0n, tokens(15_000)]);
    });

    it("point 1: the key cap leaves 5,000 of 12,500; the overall cap leaves 20,000 of 29,000", () => {
      let ledger = newLedger([funds]);
      ledger = settlePoint(s, ledger, 0, results([0, 1, 28], [1, 1, 340]), funds).ledger;
      const { preview, ledger: after } = settlePoint(s, ledger, 1, results([0, 2, 20], [1, 2, 350]), funds);
      expect(figures(preview)).to.deep.equal([
        [tokens(24_000), tokens(24_000), "None"],
        [tokens(12_500), tokens(5_000), "TermOverall"],
      ]);
      expect(preview).to.deep.include({ entitlement: tokens(29_000), amount: tokens(20_000), capHit: "Overall" });
      expect(after.totalPaid).to.equal(tokens(60_000));
      expect(after.keyPaid.slice(0, 2)).to.deep.equal([0n, tokens(20_000)]);
      expect(after.settled).to.equal(0b11);
      // Pro rata (one ordered tier): each funder pays its share, the rest is refunded.
      expect(payerPosition(after, 0, tokens(60_000))).to.deep.equal({ paid: tokens(36_000), refund: tokens(24_000) });
      expect(payerPosition(after, 0, tokens(40_000))).to.deep.equal({ paid: tokens(24_000), refund: tokens(16_000) });
    });

    it("an improvement in the wrong direction is 0 units; the tightest cap binds (ties: the per-point one)", () => {
      const p = previewPoint(s, newLedger([funds]), 0, results([0, 1, 25], [1, 1, 450]), funds);
      expect(figures(p)).to.deep.equal([
        [tokens(30_000), tokens(30_000), "None"],
        [0n, 0n, "None"],
      ]);
      const tight = schedule({
        points: [{ deadline: 1, terms: [{ ...term(1)[0], capPerPoint: "100" }] }],
        keyCaps: [{ key: 0, cap: "100" }],
      });
      expect(figures(previewPoint(tight, newLedger([funds]), 0, results([0, 1, 1]), funds))).to.deep.equal([
        [tokens(1_200), tokens(100), "TermPerPoint"],
      ]);
    });
  });

  describe("a cohort bond: triggers (AND/OR) and a cumulative catch-up", () => {
    // Reconvictions per 1,000 must fall: 600 → 480 earns 0 → 1. Cohort points pay on 40 % of 300,000 if their own
    // fall reaches 10 % (≤ 540); the catch-up (cumulative, 80 %, both cohorts at weight 0.5) pays if cohort 1 made it
    // OR both together (goal 1, a slot no term pays on) fell 7.5 % (≤ 555).
    const linear = { kind: "linear", baseline: 600, target: 480 };
    const cohort = (period: number) => ({
      deadline: period,
      pot: "0.4",
      trigger: { conditions: [{ goalId: 0, period, threshold: 540, lowerIsBetter: true }] },
      terms: [{ kind: "curve", goalId: 0, period, weight: "1", curve: linear }],
    });
    const catchUp = (any: boolean) => ({
      deadline: 3,
      cumulative: true,
      pot: "0.8",
      trigger: {
        any,
        conditions: [
          { goalId: 0, period: 1, threshold: 540, lowerIsBetter: true },
          { goalId: 1, period: 1, threshold: 555, lowerIsBetter: true },
        ],
      },
      terms: [
        { kind: "curve", goalId: 0, period: 1, weight: "0.5", curve: linear },
        { kind: "curve", goalId: 0, period: 2, weight: "0.5", curve: linear },
      ],
    });
    const funds = tokens(300_000);
    const bond = schedule({ points: [cohort(1), cohort(2), catchUp(true)] });
    // Cohort 1 fell 8 % (552), cohort 2 11.7 % (530), both together 9.8 % (541).
    const world = results([0, 1, 552], [0, 2, 530], [1, 1, 541]);
    // 70 / 120 = 0.583333333333333333 (rounded down); 120,000 × that:
    const COHORT2 = 69_999_999_999_999_999_960_000n;

    function run(s = bond, r = world): { previews: PointPreview[]; ledger: Ledger } {
      let ledger = newLedger([funds]);
      const previews = [0, 1, 2].map((i) => {
        const step = settlePoint(s, ledger, i, r, funds);
        ledger = step.ledger;
        return step.preview;
      });
      return { previews, ledger };
    }

    it("cohort 1 misses its trigger and pays 0; cohort 2 pays 120,000 × 0.583333333333333333", () => {
      const [p0, p1] = run().previews;
      expect(p0).to.deep.include({ resolution: "Achieved", triggerHeld: false, conditions: [false], amount: 0n });
      expect(p0!.terms).to.deep.equal([]);
      expect(p1).to.deep.include({ triggerHeld: true, amount: COHORT2, capHit: "None" });
      expect(p1!.terms[0]!.unitsWad).to.equal(583_333_333_333_333_333n);
    });

    it("the OR catch-up pays what cohort 1's failed trigger held back: 48,000, exactly", () => {
      const { previews, ledger } = run();
      const p2 = previews[2]!;
      expect(p2.conditions).to.deep.equal([false, true]);
      expect(figures(p2)).to.deep.equal([
        [tokens(48_000), tokens(48_000), "None"],
        [COHORT2, COHORT2, "None"],
      ]);
      expect(p2).to.deep.include({ entitlement: tokens(48_000), amount: tokens(48_000) });
      expect(ledger.totalPaid).to.equal(117_999_999_999_999_999_960_000n);
      // Two funders, 200,000 and 100,000, in one tier: 2/3 and 1/3 of what was paid and of the rest.
      expect(payerPosition(ledger, 0, tokens(200_000))).to.deep.equal({
        paid: 78_666_666_666_666_666_640_000n,
        refund: 121_333_333_333_333_333_360_000n,
      });
      expect(payerPosition(ledger, 0, tokens(100_000))).to.deep.equal({
        paid: 39_333_333_333_333_333_320_000n,
        refund: 60_666_666_666_666_666_680_000n,
      });
    });

    it("with AND the catch-up trigger fails; a condition without data is false", () => {
      const and = schedule({ points: [cohort(1), cohort(2), catchUp(false)] });
      expect(run(and).previews[2]).to.deep.include({ triggerHeld: false, conditions: [false, true], amount: 0n });
      const noCombined = results([0, 1, 552], [0, 2, 530], [1, 1, "noValue"]);
      expect(run(bond, noCombined).previews[2]).to.deep.include({ triggerHeld: false, conditions: [false, false] });
    });

    it("a true-up never pays twice: both cohorts paid on time → the catch-up pays 0", () => {
      const both = results([0, 1, 530], [0, 2, 530], [1, 1, 530]);
      const { previews, ledger } = run(bond, both);
      expect(previews.map((p) => p.amount)).to.deep.equal([COHORT2, COHORT2, 0n]);
      expect(previews[2]!.terms.map((t) => t.paid)).to.deep.equal([COHORT2, COHORT2]);
      expect(ledger.totalPaid).to.equal(2n * COHORT2);
      // The bond's keys have no cap: no key ledger is kept.
      expect(ledger.keyPaid.every((k) => k === 0n)).to.equal(true);
    });

    it("a cumulative point waits for every earlier point; a point settles once", () => {
      const ledger = newLedger([funds]);
      expect(() => previewPoint(bond, ledger, 2, world, funds))
        .to.throw(ScheduleError, "EarlierPointOpen(2, 0)")
        .with.property("errorName", "EarlierPointOpen");
      const after = settlePoint(bond, ledger, 1, world, funds).ledger;
      expect(() => previewPoint(bond, after, 1, world, funds)).to.throw(ScheduleError, "PointAlreadySettled(1)");
      expect(() => previewPoint(bond, after, 2, world, funds)).to.throw("EarlierPointOpen(2, 0)");
      expect(() => previewPoint(bond, after, 3, world, funds)).to.throw("PointIndex(3, 3)");
    });

    it("Pending while a slot can change (terms or conditions, even beside an Unresolved one); NoData on an Unresolved or silent term slot", () => {
      const l = newLedger([funds]);
      const pendingCondition = results([0, 1, 552], [0, 2, 530], [1, 1, "pending"]);
      const settled = settlePoint(bond, settlePoint(bond, l, 0, world, funds).ledger, 1, world, funds).ledger;
      expect(previewPoint(bond, settled, 2, pendingCondition, funds).resolution).to.equal("Pending");
      expect(previewPoint(bond, l, 1, results([0, 2, "pending"]), funds)).to.deep.include({
        resolution: "Pending",
        amount: 0n,
      });
      expect(previewPoint(bond, l, 1, new Map(), funds).resolution).to.equal("Pending");
      // Pending wins: the point waits until nothing can change, even though it will pay 0.
      const unresolvedAndPending = results([0, 1, "unresolved"], [0, 2, "pending"], [1, 1, 541]);
      expect(previewPoint(bond, settled, 2, unresolvedAndPending, funds).resolution).to.equal("Pending");
      const unresolved = results([0, 1, "unresolved"], [0, 2, 530], [1, 1, 541]);
      expect(previewPoint(bond, settled, 2, unresolved, funds)).to.deep.include({ resolution: "NoData", amount: 0n });
      const silent = previewPoint(bond, l, 1, results([0, 2, "noValue"]), funds);
      expect(silent).to.deep.include({ resolution: "NoData", amount: 0n, parts: [0n] });
    });
  });
});
