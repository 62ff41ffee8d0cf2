import { expect } from "chai";
import { scheduleOf } from "../../../scripts/formats/schedule-terms.js";
import { achievementWad } from "../../../scripts/outcomes/payout-curves.js";
import {
  newLedger,
  payerPosition,
  previewPoint,
  ScheduleError,
  settlePoint,
  slotKey,
  type Ledger,
  type PointPreview,
  type SlotResult,
  type SlotResults,
} from "../../../scripts/outcomes/schedule-preview.js";
import { curveOf } from "../../../scripts/formats/outcome-terms.js";

/**
 * The settlement mirror against figures computed by hand (to the wei, 18-decimal tokens): one schedule per mechanism
 * of issue #12, the same shapes as the examples in examples/ and schemas/README.md.
 */
const E18 = 10n ** 18n;
const tokens = (n: bigint | number): bigint => BigInt(n) * E18;
const MISSION = 1n;

/** Slot results of mission 1: `[goalId, period, value or a status]`. */
function results(...slots: [number, number, bigint | number | SlotResult["status"]][]): SlotResults {
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
const schedule = (s: unknown) => scheduleOf(s, { decimals: 18, now: 0n, missionId: MISSION });
const figures = (p: PointPreview) => p.terms.map((t) => [t.raw, t.paid, t.capHit]);

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

  describe("several payers: a yearly pool, a 20 % top-up fund (co-payment) and the commissioner (ordered)", () => {
    // Each year divides a third (0.333333333333333333) of 120,000 by people living independently, 0 → 400.
    // Tier 0: the top-up fund, 20 % of every payment up to 20,000; tier 1: the commissioner, the rest, up to 100,000.
    const year = (period: number) => ({
      deadline: period,
      pot: "0.333333333333333333",
      terms: [{ kind: "curve", goalId: 0, period, weight: "1", curve: { kind: "linear", baseline: 0, target: 400 } }],
    });
    const pool = schedule({ points: [year(1), year(2), year(3)], tiers: [{ coPay: "0.2" }, {}] });
    const funds = tokens(120_000);
    const world = results([0, 1, 400], [0, 2, 300], [0, 3, 400]);

    it("splits each year's payment: 20 % on the top-up fund until it runs out, the rest on the commissioner", () => {
      let ledger = newLedger([tokens(20_000), tokens(100_000)]);
      const parts = [0, 1, 2].map((i) => {
        const step = settlePoint(pool, ledger, i, world, funds);
        ledger = step.ledger;
        return [step.preview.amount, ...step.preview.parts];
      });
      expect(parts).to.deep.equal([
        // 120,000 × 0.333333333333333333 = 39,999.99999999999996; 20 % = 7,999.999999999999992
        [39_999_999_999_999_999_960_000n, 7_999_999_999_999_999_992_000n, 31_999_999_999_999_999_968_000n],
        // × 0.75
        [29_999_999_999_999_999_970_000n, 5_999_999_999_999_999_994_000n, 23_999_999_999_999_999_976_000n],
        // the top-up fund has 6,000.000000000000014 left of its 20,000: the rest falls on the commissioner
        [39_999_999_999_999_999_960_000n, 6_000_000_000_000_000_014_000n, 33_999_999_999_999_999_946_000n],
      ]);
      expect(ledger.tierPaid.slice(0, 2)).to.deep.equal([tokens(20_000), 89_999_999_999_999_999_890_000n]);
      expect(payerPosition(ledger, 0, tokens(20_000))).to.deep.equal({ paid: tokens(20_000), refund: 0n });
      expect(payerPosition(ledger, 1, tokens(100_000))).to.deep.equal({
        paid: 89_999_999_999_999_999_890_000n,
        refund: 10_000_000_000_000_000_110_000n,
      });
    });

    it("ordered tiers pay in order; what no tier can cover is not paid", () => {
      const tiers = schedule({ points: [year(1)], tiers: [{}, { coPay: "0.2" }, {}] });
      // Tier 0 (ordered) has 10,000, tier 1 (co-pay) 100,000, tier 2 (ordered) 5,000.
      const ledger = newLedger([tokens(10_000), tokens(100_000), tokens(5_000)]);
      const p = previewPoint(tiers, ledger, 0, results([0, 1, 400]), tokens(120_000));
      // 20 % of 39,999.99999999999996 on the co-payment tier, 10,000 on tier 0, 5,000 on tier 2: 17,000 not paid.
      expect(p.parts).to.deep.equal([tokens(10_000), 7_999_999_999_999_999_992_000n, tokens(5_000)]);
      expect(p.amount).to.equal(22_999_999_999_999_999_992_000n);
    });
  });

  describe("key caps as ScheduleLib applies them (revised spec)", () => {
    // 1,000 per unit on key 0, capped at 30,000 over all points; 100,000 in one ordered tier.
    const rate = (period: number) => ({ kind: "rateCard", goalId: 0, period, key: 0, source: "count", price: "1000" });
    const funds = tokens(100_000);

    it("a true-up's key bound is the key cap less its own payments: 25,000 paid, entitlement 40,000 → pays 5,000", () => {
      const s = schedule({
        points: [
          { deadline: 1, terms: [rate(1)] },
          { deadline: 2, terms: [rate(2)] },
          { deadline: 3, cumulative: true, terms: [rate(3)] },
        ],
        keyCaps: [{ key: 0, cap: "30000" }],
      });
      const world = results([0, 1, 12], [0, 2, 13], [0, 3, 40]);
      let ledger = newLedger([funds]);
      ledger = settlePoint(s, ledger, 0, world, funds).ledger;
      ledger = settlePoint(s, ledger, 1, world, funds).ledger;
      expect([ledger.totalPaid, ledger.keyPaid[0]]).to.deep.equal([tokens(25_000), tokens(25_000)]);
      const { preview, ledger: after } = settlePoint(s, ledger, 2, world, funds);
      // 40,000 bound by the key's 30,000 (not by the 5,000 left of it: that would deduct the quarters twice).
      expect(figures(preview)).to.deep.equal([[tokens(40_000), tokens(30_000), "TermOverall"]]);
      expect(preview).to.deep.include({ entitlement: tokens(5_000), amount: tokens(5_000), capHit: "TermOverall" });
      // The key's ledger rises to the true-up's own 30,000 (never under-counts what was paid for the key).
      expect([after.totalPaid, after.keyPaid[0]]).to.deep.equal([tokens(30_000), tokens(30_000)]);
    });

    it("two terms of a point on one key share its cap: 20,000 + 15,000 → 20,000 + 10,000", () => {
      const s = schedule({ points: [{ deadline: 1, terms: [rate(1), rate(2)] }], keyCaps: [{ key: 0, cap: "30000" }] });
      const { preview, ledger } = settlePoint(s, newLedger([funds]), 0, results([0, 1, 20], [0, 2, 15]), funds);
      expect(figures(preview)).to.deep.equal([
        [tokens(20_000), tokens(20_000), "None"],
        [tokens(15_000), tokens(10_000), "TermOverall"],
      ]);
      expect(preview).to.deep.include({ amount: tokens(30_000), capHit: "TermOverall" });
      expect(ledger.keyPaid[0]).to.equal(tokens(30_000));
    });

    it("what the tiers cannot cover is not paid, and the funds are the cap that bound", () => {
      const s = schedule({ points: [{ deadline: 1, terms: [rate(1)] }] });
      // 20,000 due, 100,000 of funds, but the only tier holds 12,000 (the rest of the funds is another tier's).
      const ledger = newLedger([tokens(12_000)]);
      const p = previewPoint(s, ledger, 0, results([0, 1, 20]), funds);
      expect(p).to.deep.include({ entitlement: tokens(20_000), amount: tokens(12_000), capHit: "Funds" });
    });
  });

  describe("over-achievement: a linear term runs past its target up to its ceiling", () => {
    // Jobs sustained 13 weeks, 20 → 120 (0 → 100 %), ceiling 1.6, weight 0.75; a stepped term at weight 0.25.
    // The point divides half of 100,000.
    const point = (ceiling: string) =>
      schedule({
        points: [
          {
            deadline: 1,
            pot: "0.5",
            terms: [
              {
                kind: "curve",
                goalId: 0,
                period: 1,
                weight: "0.75",
                ceiling,
                curve: { kind: "linear", baseline: 20, target: 120 },
              },
              {
                kind: "curve",
                goalId: 1,
                period: 1,
                weight: "0.25",
                curve: { kind: "stepped", steps: [{ value: 10, ratio: "1" }] },
              },
            ],
          },
        ],
      });
    const funds = tokens(100_000);
    const pay = (jobs: number, ceiling = "1.6") =>
      previewPoint(point(ceiling), newLedger([funds]), 0, results([0, 1, jobs], [1, 1, 10]), funds);

    it("160 % of target with ceiling 1.6: 50,000 × 0.75 × 1.6 = 60,000, plus 12,500", () => {
      const p = pay(180);
      expect(p.terms.map((t) => [t.unitsWad, t.paid])).to.deep.equal([
        [1_600_000_000_000_000_000n, tokens(60_000)],
        [E18, tokens(12_500)],
      ]);
      expect(p.amount).to.equal(tokens(72_500));
    });

    it("clamped at the ceiling beyond it, linear below it, and at 1 without one", () => {
      expect(pay(200).terms[0]!.paid).to.equal(tokens(60_000));
      expect(pay(150).terms[0]!.paid).to.equal(tokens(48_750)); // 1.3
      expect(pay(187).terms[0]!.paid).to.equal(tokens(60_000)); // 1.67 → 1.6
      expect(pay(180, "1").terms[0]!.paid).to.equal(tokens(37_500));
      expect(pay(121, "1.6").terms[0]!.unitsWad).to.equal(1_010_000_000_000_000_000n);
    });

    it("the funds still bind: with 40,000 paid before, 72,500 pays the 60,000 left (Funds)", () => {
      const paidBefore = { ...newLedger([funds]), totalPaid: tokens(40_000) };
      const p = previewPoint(point("1.6"), paidBefore, 0, results([0, 1, 180], [1, 1, 10]), funds);
      expect(p).to.deep.include({ entitlement: tokens(72_500), amount: tokens(60_000), capHit: "Funds" });
    });

    it("a thresholdLinear curve with cap 1 over-achieves like a linear one (achievementOverWad), from its threshold", () => {
      const t = curveOf({ kind: "thresholdLinear", baseline: 0, target: 100, threshold: 50, cap: "1" });
      const ceiling = 1_600_000_000_000_000_000n;
      // 49: below the threshold; 50: half; 133 → 1.33; 200 → the ceiling 1.6. With the ceiling at 1, 133 → 1.
      expect([49n, 50n, 133n, 200n].map((v) => achievementWad(t, v, ceiling))).to.deep.equal([
        0n,
        E18 / 2n,
        1_330_000_000_000_000_000n,
        ceiling,
      ]);
      expect(achievementWad(t, 133n)).to.equal(E18);
    });

    it("mirrors PayoutCurves.achievementWad with the ceiling at 1, for every kind and both directions", () => {
      const falling = curveOf({ kind: "linear", baseline: 600, target: 480 });
      expect(achievementWad(falling, 530n)).to.equal(583_333_333_333_333_333n);
      expect(achievementWad(falling, 400n)).to.equal(E18);
      expect(achievementWad(falling, 400n, 1_600_000_000_000_000_000n)).to.equal(1_600_000_000_000_000_000n);
      expect(achievementWad(falling, 460n, 1_600_000_000_000_000_000n)).to.equal(1_166_666_666_666_666_666n);
      expect(achievementWad(falling, 700n, 1_600_000_000_000_000_000n)).to.equal(0n);
      const thresholdLinear = curveOf({ kind: "thresholdLinear", baseline: 0, target: 100, threshold: 40, cap: "0.9" });
      expect([39n, 40n, 95n, 150n].map((v) => achievementWad(thresholdLinear, v, 2n * E18))).to.deep.equal([
        0n,
        400_000_000_000_000_000n,
        900_000_000_000_000_000n,
        900_000_000_000_000_000n,
      ]);
      const binary = curveOf({ kind: "binary", threshold: 5, lowerIsBetter: true });
      expect([5n, 6n].map((v) => achievementWad(binary, v))).to.deep.equal([E18, 0n]);
      const stepped = curveOf({
        kind: "stepped",
        steps: [
          { value: 45, ratio: "0.5" },
          { value: 55, ratio: "1" },
        ],
      });
      expect([44n, 45n, 54n, 99n].map((v) => achievementWad(stepped, v))).to.deep.equal([0n, E18 / 2n, E18 / 2n, E18]);
    });
  });
});
