import { expect } from "chai";
import { achievementWad } from "../../../scripts/outcomes/payout-curves.js";
import { newLedger, payerPosition, previewPoint, settlePoint } from "../../../scripts/outcomes/schedule-preview.js";
import { curveOf } from "../../../scripts/formats/outcome-terms.js";
import { E18, figures, results, schedule, tokens } from "../helpers/schedule-preview.js";

/**
 * The settlement mirror against figures computed by hand (to the wei, 18-decimal tokens): one schedule per mechanism
 * of issue #12, the same shapes as the examples in examples/ and schemas/README.md. Payers, key caps and over-achievement here; rate cards and a cohort bond in schedule-preview.test.ts.
 */
describe("payment-point settlement mirror (outcomes/schedule-preview.ts): payers, key caps, over-achievement", () => {
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
