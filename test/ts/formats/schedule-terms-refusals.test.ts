import { expect } from "chai";
import { errorOf, points, at, type Json } from "../helpers/schedule-terms.js";

/** The refusals of the terms format's schedule checker (formats/schedule-terms.ts), each with its one line. */
describe("payment schedules in the terms format: refusals (formats/schedule-terms.ts)", () => {
  /** Every bad-input rule of docs/payment-schedules.md, and the format's own, with its one line. */
  const bad: [string, (s: Json) => void, string][] = [
    ["no point (PointCount)", (s) => (s.points = []), "schedule.points: needs 1 to 16 points"],
    [
      "17 points (PointCount)",
      (s) => (s.points = Array<unknown>(17).fill(points(s)[1])),
      "schedule.points: needs 1 to 16 points (more than 16)",
    ],
    [
      "a deadline before the previous one (PointOrder)",
      (s) => (at(s, "points", 1).deadline = 999),
      "schedule.points.1.deadline: before point 0's deadline (deadlines must not decrease)",
    ],
    [
      "five conditions (ConditionCount)",
      (s) =>
        (at(s, "points", 0, "trigger").conditions = Array<unknown>(5).fill({ goalId: 0, period: 1, threshold: 1 })),
      "schedule.points.0.trigger.conditions: at most 4 conditions",
    ],
    [
      "a rate card priced 0 (ZeroPrice)",
      (s) => (at(s, "points", 1, "terms", 1).price = "0.0"),
      "schedule.points.1.terms.1.price: must be above 0",
    ],
    [
      "a rate card scaled by 0",
      (s) => (at(s, "points", 1, "terms", 1).scale = "0"),
      "schedule.points.1.terms.1.scale: must be above 0",
    ],
    [
      "a term key of 16",
      (s) => (at(s, "points", 1, "terms", 0).key = 16),
      "schedule.points.1.terms.0.key: must be 0 … 15",
    ],
    [
      "a capPerPoint of 0 (CapConflict)",
      (s) => (at(s, "points", 0, "terms", 1).capPerPoint = "0"),
      "schedule.points.0.terms.1.capPerPoint: must be above 0 (leave it out for no cap)",
    ],
    [
      "a capPerPoint above its key cap (CapConflict)",
      (s) => (at(s, "points", 1, "terms", 0).capPerPoint = "30000.5"),
      "schedule.points.1.terms.0.capPerPoint: 30000.5 is above the cap of key 2 in keyCaps (caps contradict)",
    ],
    [
      "curve weights not summing to 1 (TermWeightSum)",
      (s) => (at(s, "points", 0, "terms", 1).weight = "0.3"),
      "schedule.points.0.terms: the curve weights sum to 0.9, not 1",
    ],
    [
      "pots of the non-cumulative points above 1 (PotSum)",
      (s) => (at(s, "points", 1).pot = "0.7"),
      "schedule.points.1.pot: the pots of the non-cumulative points sum to 1.2 (from here on), above 1",
    ],
    [
      "a ceiling below 1",
      (s) => (at(s, "points", 0, "terms", 1).ceiling = "0.9"),
      "schedule.points.0.terms.1.ceiling: must be at least 1",
    ],
    [
      "a ceiling on a non-linear curve",
      (s) =>
        Object.assign(at(s, "points", 0, "terms", 1), {
          curve: { kind: "binary", threshold: 50 },
          ceiling: "1.2",
        }),
      "schedule.points.0.terms.1.ceiling: only a linear curve, or a thresholdLinear one with cap 1, runs past its target (this one is binary): leave it at 1",
    ],
    [
      "a ceiling on a thresholdLinear curve capped below 1 (TermCeiling)",
      (s) =>
        Object.assign(at(s, "points", 0, "terms", 1), {
          curve: { kind: "thresholdLinear", baseline: 0, target: 100, threshold: 50, cap: "0.8" },
          ceiling: "1.2",
        }),
      "schedule.points.0.terms.1.ceiling: only a linear curve, or a thresholdLinear one with cap 1, runs past its target (this one is thresholdLinear capped below 1): leave it at 1",
    ],
    [
      "co-payment tiers only (TierConfig: no ordered tier)",
      (s) => (s.tiers = [{ coPay: "0.5" }]),
      "schedule.tiers: needs an ordered tier (coPay 0) to pay what the co-payments do not",
    ],
    ["five tiers (TierConfig)", (s) => (s.tiers = Array<unknown>(5).fill({})), "schedule.tiers: at most 4 tiers"],
    [
      "co-payments summing to 1 (TierConfig)",
      (s) => (s.tiers = [{ coPay: "0.5" }, { coPay: "0.5" }]),
      "schedule.tiers: the co-payments sum to 1, must be below 1",
    ],
    [
      "nine terms",
      (s) => (at(s, "points", 2).terms = Array<unknown>(9).fill(at(s, "points", 1, "terms", 0))),
      "schedule.points.2.terms: at most 8 terms",
    ],
    [
      "a point's only curve weighted 0 (TermWeightSum)",
      (s) => (at(s, "points", 2, "terms", 0).weight = "0"),
      "schedule.points.2.terms: the curve weights sum to 0, not 1",
    ],
    [
      "a bad curve (PayoutCurves.validate)",
      (s) => (at(s, "points", 2, "terms", 0).curve = { kind: "linear", baseline: 5, target: 5 }),
      "schedule.points.2.terms.0.curve.target: must differ from the baseline",
    ],
    [
      "an improvement without reference",
      (s) => delete at(s, "points", 1, "terms", 1).reference,
      'schedule.points.1.terms.1.reference: required for source "improvement"',
    ],
    [
      "a count with a reference",
      (s) => (at(s, "points", 1, "terms", 0).reference = 3),
      'schedule.points.1.terms.0.reference: only for source "improvement"',
    ],
    [
      "a count with a direction",
      (s) => (at(s, "points", 1, "terms", 0).lowerIsBetter = true),
      'schedule.points.1.terms.0.lowerIsBetter: only for source "improvement"',
    ],
    [
      "a key capped twice",
      (s) =>
        (s.keyCaps = [
          { key: 2, cap: "1" },
          { key: 2, cap: "2" },
        ]),
      "schedule.keyCaps.1.key: key 2 is capped twice",
    ],
    [
      "a key cap of 0 on a key a term uses (CapConflict)",
      (s) => (s.keyCaps = [{ key: 2, cap: "0" }]),
      "schedule.points.1.terms.0.key: key 2's cap in keyCaps is 0 (caps contradict: the term can never pay)",
    ],
    [
      "an amount as a number",
      (s) => (at(s, "points", 1, "terms", 0).price = 1200),
      "schedule.points.1.terms.0.price: Expected string, received number",
    ],
    [
      "an amount beyond 128 bits",
      (s) => (s.cap = (2n ** 128n).toString()),
      `schedule.cap: "${2n ** 128n}" is out of range (below 2^128 base units)`,
    ],
    [
      "an unknown term kind",
      (s) => (at(s, "points", 1, "terms", 0).kind = "bonus"),
      "schedule.points.1.terms.0.kind: Invalid discriminator value. Expected 'curve' | 'rateCard'",
    ],
    [
      "a field of the other kind",
      (s) => (at(s, "points", 1, "terms", 0).weight = "1"),
      "schedule.points.1.terms.0: Unrecognized key(s) in object: 'weight'",
    ],
    [
      "another mission than the escrow's",
      (s) => (at(s, "points", 0, "trigger", "conditions", 0).missionId = 8),
      "schedule.points.0.trigger.conditions.0.missionId: must be the escrow's missionId (7) or left out",
    ],
  ];

  for (const [what, change, message] of bad) {
    it(`refuses ${what} in one line naming the field`, () => {
      expect(errorOf(change)).to.equal(message);
    });
  }
});
