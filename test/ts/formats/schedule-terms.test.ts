import { expect } from "chai";
import { CliError } from "../../../scripts/core/cli.js";
import { scheduleSlots } from "../../../scripts/core/terms-checks.js";
import { NO_CAP, scheduleOf, TermKind, UnitSource } from "../../../scripts/formats/schedule-terms.js";
import { at, convert, E18, validSchedule } from "../helpers/schedule-terms.js";

describe("payment schedules in the terms format (formats/schedule-terms.ts)", () => {
  it("converts to the IPaymentSchedule structs: Solidity field names, WAD fractions, base units, NO_CAP for none", () => {
    const s = convert(validSchedule());
    expect(s.cap).to.equal(60_000n * E18);
    expect(s.keyCaps).to.deep.equal([NO_CAP, NO_CAP, 30_000n * E18, 20_000n * E18]);
    expect(s.tiers).to.deep.equal([{ coPayWad: E18 / 5n }, { coPayWad: 0n }]);
    const [p0, p1, p2] = s.points;
    expect(p0).to.include({ deadline: 1_000n, cumulative: false, potWad: E18 / 2n, cap: 40_000n * E18 });
    expect(p0!.trigger).to.deep.equal({
      any: true,
      conditions: [{ missionId: 7n, goalId: 9, period: 1, threshold: 50n, lowerIsBetter: false }],
    });
    expect(p0!.terms[1]).to.include({
      missionId: 7n,
      key: 1,
      kind: TermKind.Curve,
      weightWad: (4n * E18) / 10n,
      ceilingWad: (16n * E18) / 10n,
      capPerPoint: 5_000n * E18,
      price: 0n,
      scaleWad: 0n,
    });
    expect(p0!.terms[1]!.curve).to.include({ kind: 1, baseline: 0n, target: 100n });
    expect(p1!.cap).to.equal(NO_CAP);
    expect(p1!.trigger).to.deep.equal({ any: false, conditions: [] });
    expect(p1!.terms[0]).to.include({ kind: TermKind.RateCard, source: UnitSource.Count, referenceValue: 0n });
    expect(p1!.terms[0]).to.include({ scaleWad: E18, price: 1_200n * E18, capPerPoint: 30_000n * E18, weightWad: 0n });
    expect(p1!.terms[0]!.curve).to.deep.include({ kind: 0, baseline: 0n, stepValues: [] });
    expect(p1!.terms[1]).to.include({
      source: UnitSource.Improvement,
      referenceValue: 400n,
      lowerIsBetter: true,
      scaleWad: E18 / 10n,
      price: 2_500n * E18,
      capPerPoint: NO_CAP,
    });
    expect(p2).to.include({ cumulative: true, potWad: E18 });
    expect(p2!.terms[0]!.ceilingWad).to.equal(E18);
    // The JSON field names are the struct's: nothing else is carried.
    expect(Object.keys(s)).to.deep.equal(["points", "keyCaps", "cap", "tiers"]);
    expect(Object.keys(p0!)).to.have.members(["deadline", "cumulative", "potWad", "cap", "trigger", "terms"]);
    expect(Object.keys(p0!.terms[0]!)).to.have.members([
      "missionId",
      "goalId",
      "period",
      "key",
      "kind",
      "weightWad",
      "curve",
      "ceilingWad",
      "source",
      "referenceValue",
      "lowerIsBetter",
      "scaleWad",
      "price",
      "capPerPoint",
    ]);
  });

  it("defaults: one ordered tier (pro rata), no caps, no trigger, key = the term's index, pot 0, ceiling 1, scale 1", () => {
    const s = convert({
      points: [{ deadline: "+30d", terms: [{ kind: "rateCard", goalId: 0, period: 1, source: "count", price: "1" }] }],
    });
    expect(s.tiers).to.deep.equal([{ coPayWad: 0n }]);
    expect(s.cap).to.equal(NO_CAP);
    expect(s.keyCaps).to.deep.equal([NO_CAP]);
    expect(s.points[0]).to.include({ deadline: 30n * 86_400n, potWad: 0n, cap: NO_CAP, cumulative: false });
    expect(s.points[0]!.terms[0]).to.include({ key: 0, scaleWad: E18, capPerPoint: NO_CAP });
    const two = convert({
      points: [
        {
          deadline: 1,
          terms: [
            { kind: "rateCard", goalId: 0, period: 1, source: "count", price: "1" },
            { kind: "rateCard", goalId: 1, period: 1, source: "count", price: "1" },
          ],
        },
      ],
    });
    expect(two.points[0]!.terms.map((t) => t.key)).to.deep.equal([0, 1]);
    expect(two.keyCaps).to.deep.equal([NO_CAP, NO_CAP]);
  });

  it("accepts what ScheduleLib.validate accepts: two terms of a point on one key (they share its cap), caps of 0", () => {
    const s = validSchedule();
    at(s, "points", 0, "terms", 0).key = 1;
    s.keyCaps = [{ key: 5, cap: "0" }];
    s.cap = "0";
    at(s, "points", 0).cap = "0";
    const struct = convert(s);
    expect(struct.points[0]!.terms.map((t) => t.key)).to.deep.equal([1, 1]);
    expect(struct.keyCaps[5]).to.equal(0n);
    expect([struct.cap, struct.points[0]!.cap]).to.deep.equal([0n, 0n]);
  });

  it("a pool's slots name their mission", () => {
    const s = validSchedule();
    expect(() => scheduleOf(s, { decimals: 18, now: 0n })).to.throw(
      CliError,
      "schedule.points.0.terms.0.missionId: required (a pool's slots name their mission)",
    );
  });

  it("allows equal deadlines, a cumulative pot on top of the others, and amounts with the token's decimals only", () => {
    const s = validSchedule();
    at(s, "points", 1).deadline = 1_000;
    expect(convert(s).points[1]!.deadline).to.equal(1_000n);
    s.cap = "0.1234567";
    expect(() => scheduleOf(s, { decimals: 6, now: 0n, missionId: 7n })).to.throw(
      'schedule.cap: more than 6 decimals (got "0.1234567")',
    );
  });

  it("allows a trigger condition on a slot no term pays on; the chain check lists it without a cut-off rule", () => {
    const s = convert(validSchedule());
    // goal 9 is in no term of point 0.
    expect(s.points[0]!.terms.map((t) => t.goalId)).to.not.include(9);
    const perPoint = scheduleSlots(s, 100n, { escrow: true });
    expect(perPoint.map((p) => [p.noDataAfter, p.noDataField])).to.deep.equal([
      [1_100n, "schedule.points.0.deadline"],
      [2_100n, "schedule.points.1.deadline"],
      [2_100n, "schedule.points.2.deadline"],
    ]);
    const [curve0, , condition] = perPoint[0]!.slots;
    expect(condition).to.deep.equal({
      field: "schedule.points.0.trigger.conditions.0",
      missionField: "missionId",
      missionId: 7n,
      goalId: 9,
      period: 1,
      lowerIsBetter: false,
      directionField: "schedule.points.0.trigger.conditions.0.lowerIsBetter",
      checkCutoff: false,
    });
    expect(curve0).to.include({ field: "schedule.points.0.terms.0", lowerIsBetter: false, checkCutoff: true });
    const [count, improvement] = perPoint[1]!.slots;
    expect(count).to.include({ lowerIsBetter: undefined, checkCutoff: true });
    expect(improvement).to.include({ lowerIsBetter: true, directionField: "schedule.points.1.terms.1.lowerIsBetter" });
    expect(scheduleSlots(s, 0n)[0]!.slots[0]!.missionField).to.equal("schedule.points.0.terms.0.missionId");
  });
});
