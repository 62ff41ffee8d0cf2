import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CliError } from "../../../scripts/core/cli.js";
import { scheduleSlots } from "../../../scripts/core/terms-checks.js";
import {
  readEscrowTerms,
  SCHEDULE_NOT_DEPLOYABLE as ESCROW_NOT_DEPLOYABLE,
  toContractTerms,
  toEscrowSchedule,
} from "../../../scripts/formats/escrow-terms.js";
import {
  buildPoolSchedule,
  buildScheduledPoolTerms,
  buildPoolTerms,
  SCHEDULED_POOL,
} from "../../../scripts/formats/pool-terms.js";
import { NO_CAP, scheduleOf, TermKind, UnitSource } from "../../../scripts/formats/schedule-terms.js";

const E18 = 10n ** 18n;
const TOKEN = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
type Json = Record<string, unknown>;

/** A valid schedule touching every field: a curve point, a rate-card point, a cumulative point, caps and tiers. */
function validSchedule(): Json {
  const curveTerm = (weight: string, goalId: number) => ({
    kind: "curve",
    goalId,
    period: 1,
    weight,
    curve: { kind: "linear", baseline: 0, target: 100 },
  });
  return {
    points: [
      {
        deadline: 1_000,
        pot: "0.5",
        cap: "40000",
        trigger: { any: true, conditions: [{ goalId: 9, period: 1, threshold: 50 }] },
        terms: [curveTerm("0.6", 0), { ...curveTerm("0.4", 1), ceiling: "1.6", key: 1, capPerPoint: "5000" }],
      },
      {
        deadline: 2_000,
        pot: "0.5",
        terms: [
          { kind: "rateCard", goalId: 2, period: 2, key: 2, source: "count", price: "1200", capPerPoint: "30000" },
          {
            kind: "rateCard",
            goalId: 3,
            period: 2,
            key: 3,
            source: "improvement",
            reference: 400,
            lowerIsBetter: true,
            scale: "0.1",
            price: "2500",
          },
        ],
      },
      { deadline: 2_000, cumulative: true, pot: "1", terms: [curveTerm("1", 0)] },
    ],
    keyCaps: [
      { key: 2, cap: "30000" },
      { key: 3, cap: "20000" },
    ],
    cap: "60000",
    tiers: [{ coPay: "0.2" }, {}],
  };
}

/** Converts as an escrow of mission 7 does (slots may leave their missionId out). */
const convert = (s: unknown) => scheduleOf(s, { decimals: 18, now: 0n, missionId: 7n });

/** The one-line CliError `change` (applied to a valid schedule) produces. */
function errorOf(change: (s: Json) => void): string {
  const s = validSchedule();
  change(s);
  try {
    convert(s);
  } catch (err) {
    expect(err).to.be.instanceOf(CliError);
    const message = (err as Error).message;
    expect(message).to.not.include("\n");
    return message;
  }
  throw new Error("expected the schedule to be refused");
}

/** The object at `keys` inside `s`. */
function at(s: Json, ...keys: (string | number)[]): Json {
  let node: unknown = s;
  for (const key of keys) node = (node as Record<string | number, unknown>)[key];
  return node as Json;
}
const points = (s: Json) => s.points as Json[];

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

  for (const [what, change, message] of bad) {
    it(`refuses ${what} in one line naming the field`, () => {
      expect(errorOf(change)).to.equal(message);
    });
  }

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

describe("the schedule examples (examples/escrows: scheduled escrows; examples/pools: a scheduled pool)", () => {
  const escrows = ["examples/escrows/rate-card-escrow.json", "examples/escrows/cohort-bond-escrow.json"];
  const POOL = "examples/pools/yearly-outcomes-pool.json";

  it("each escrow example passes the checker, and the OutcomeEscrow conversion refuses it in one line", () => {
    for (const file of escrows) {
      const terms = readEscrowTerms(file);
      expect(terms.description, file).to.include("ScheduledEscrowFactory");
      const s = toEscrowSchedule(terms, 0n, 18, file);
      expect(s.points.length, file).to.be.greaterThan(1);
      expect(() => toContractTerms(terms, 0n, 18, file, TOKEN)).to.throw(`${file}: ${ESCROW_NOT_DEPLOYABLE}`);
    }
    const rateCard = toEscrowSchedule(readEscrowTerms(escrows[0]!), 0n, 18);
    expect(rateCard.cap).to.equal(60_000n * E18);
    expect(rateCard.keyCaps).to.deep.equal([NO_CAP, 20_000n * E18]);
    expect(rateCard.points.map((p) => p.cap)).to.deep.equal([40_000n * E18, 40_000n * E18]);
    const bond = toEscrowSchedule(readEscrowTerms(escrows[1]!), 0n, 18);
    expect(bond.points.map((p) => [p.cumulative, p.trigger.any, p.trigger.conditions.length])).to.deep.equal([
      [false, false, 1],
      [false, false, 1],
      [true, true, 2],
    ]);
  });

  it("the pool example passes the checker (two payer tiers, one a 20 % co-payment) and converts for createScheduledPool only", () => {
    const raw = JSON.parse(readFileSync(POOL, "utf8")) as Json;
    expect(raw.description).to.include("createScheduledPool");
    const s = buildPoolSchedule(raw, { now: 0n, decimals: 6 });
    expect(s.tiers).to.deep.equal([{ coPayWad: E18 / 5n }, { coPayWad: 0n }]);
    expect(s.points.map((p) => p.potWad)).to.deep.equal(Array(3).fill(333_333_333_333_333_333n));
    expect(() => buildPoolTerms(raw, { now: 0n, decimals: 6, token: TOKEN })).to.throw(SCHEDULED_POOL);
    const terms = buildScheduledPoolTerms(raw, { now: 0n, decimals: 6, token: TOKEN });
    expect(terms.paymentSchedule).to.deep.equal(s);
    expect(terms.capitalTarget).to.equal(100_000n * 10n ** 6n);
    expect(terms).to.not.have.property("basket");
  });

  it("a terms file has exactly one of outcomes/basket and schedule; a pool's repayment goes with its basket", () => {
    const escrow = JSON.parse(readFileSync("examples/escrows/reading-escrow.json", "utf8")) as Json;
    const both = { ...escrow, schedule: validSchedule() };
    expect(() => readEscrowTermsFrom(both)).to.throw("schedule: write exactly one of outcomes and schedule");
    const pool = JSON.parse(readFileSync(POOL, "utf8")) as Json;
    const repaid = { ...pool, repayment: { threshold: "0.3", principalAt: "0.6", maxReturn: "0.2" } };
    expect(() => buildPoolSchedule(repaid, { now: 0n, decimals: 6 })).to.throw(
      "repayment: only with a basket (a schedule's payments are what investors receive)",
    );
    const neither = { ...pool, schedule: undefined };
    expect(() => buildPoolSchedule(neither, { now: 0n, decimals: 6 })).to.throw(
      "basket: write exactly one of basket and schedule",
    );
  });
});

/** `readEscrowTerms` on a document instead of a file. */
function readEscrowTermsFrom(doc: unknown): unknown {
  const file = path.join(tmpdir(), `schedule-terms-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return readEscrowTerms(file);
}
