/**
 * Payment schedules in the one outcome-terms format (issue #12, model: docs/payment-schedules.md): up to 16 payment
 * points, each with its own trigger and terms (curve terms that divide a pot, with an over-achievement `ceiling`,
 * and rate-card terms that pay a price per unit), caps per term per point, per term key, per point and overall, and
 * payer tiers (ordered, or a co-payment fraction). The zod schemas are the source of the published JSON Schema
 * (`outcome-terms.schema.json#/$defs/schedule`); `toSchedule` converts a parsed block to the `IPaymentSchedule`
 * structs (field names as in Solidity) and checks every bad-input rule of the model first, one line naming the field.
 */
import { formatUnits } from "ethers";
import { z } from "zod";
import { CliError } from "../core/cli-error.js";
import { withJsonSchema } from "./json-schema.js";
import { curveSchema, fraction, missionId, toCurve, toTime, uint64, unitFraction, WAD } from "./outcome-terms.js";
import { time, toBaseUnits, tokenAmount, uintMax } from "./primitives.js";
import { canOverAchieve } from "../outcomes/payout-curves.js";
import {
  MAX_CONDITIONS,
  MAX_KEYS,
  MAX_POINTS,
  MAX_TERMS,
  MAX_TIERS,
  NO_CAP,
  EMPTY_CURVE,
  TermKind,
  UnitSource,
  type PointStruct,
  type ScheduleStruct,
  type ScheduleTermStruct,
} from "./schedule-structs.js";

export * from "./schedule-structs.js";

const goalId = z.number().int().min(0).max(255);
const period = z.number().int().min(1).max(65_535);
const label = z.string().optional().describe("A note for readers; not stored on chain.");
const key = z
  .number()
  .int()
  .min(0, "must be 0 … 15")
  .max(MAX_KEYS - 1, "must be 0 … 15");
const termKey = key
  .optional()
  .describe(
    "The term's identity across points, for keyCaps (the cap per term over all points) and the paid-per-key ledger; 0 … 15; two terms of a point on one key share its cap; default: the term's index in the point.",
  );
const cap = (what: string, positive = false) =>
  tokenAmount
    .optional()
    .describe(`Whole tokens, e.g. "5000": ${what}; left out, no cap.${positive ? " Above 0." : " 0: pays nothing."}`);
const slotMission = missionId
  .optional()
  .describe("The slot's mission; an escrow's may be left out (it must be the escrow's), a pool's names it.");

/** The fields every kind of term has after its `kind`: its label, its slot, its key and its cap per point. */
const termSlot = {
  label,
  missionId: slotMission,
  goalId,
  period,
  key: termKey,
  capPerPoint: cap("most this term pays at this point", true),
};

const curveTermSchema = z
  .object({
    kind: z.literal("curve"),
    ...termSlot,
    weight: unitFraction.describe("Share of the point's pot; the curve weights of a point sum to exactly 1."),
    curve: curveSchema,
    ceiling: fraction
      .default("1")
      .describe(
        "Over-achievement: a linear curve (or a thresholdLinear one with cap 1) runs past its target up to this achievement (1.6 = 160 %); at least 1, 1 for other curves.",
      ),
  })
  .strict()
  .describe("A curve term: funds x pot x weight x achievement of the slot's final value.");

const rateCardTermSchema = z
  .object({
    kind: z.literal("rateCard"),
    ...termSlot,
    source: z
      .enum(["count", "improvement"])
      .describe("count: units are the value itself; improvement: units are the gain over reference."),
    reference: uint64.optional().describe("improvement only: the value the gain is measured from (a control group)."),
    lowerIsBetter: z
      .boolean()
      .optional()
      .describe("improvement only: the metric must fall (units = reference - value); default false."),
    scale: fraction.default("1").describe("Units per metric unit (units = base x scale); above 0."),
    price: tokenAmount.describe('Whole tokens per unit, e.g. "1200"; above 0.'),
  })
  .strict()
  .describe("A rate-card term: price x units, units from the slot's final value (a count, or an improvement).");

/** One term of a point: a curve term or a rate-card term (`kind`). */
export const scheduleTermSchema = withJsonSchema(
  z
    .discriminatedUnion("kind", [curveTermSchema, rateCardTermSchema])
    .describe("A term of a payment point (IPaymentSchedule.ScheduleTerm), by kind."),
  { name: "scheduleTerm" },
);

const conditionSchema = z
  .object({
    label,
    missionId: slotMission,
    goalId,
    period,
    threshold: uint64,
    lowerIsBetter: z.boolean().default(false).describe("The metric must fall: holds when value <= threshold."),
  })
  .strict()
  .describe(
    "Holds when the slot's final value reaches threshold in the metric's direction; no data at the cut-off is false. The slot need not be one a term pays on.",
  );

/** A point's trigger: up to 4 conditions joined by AND (`any: false`) or OR (`any: true`); none = always holds. */
export const triggerSchema = withJsonSchema(
  z
    .object({
      any: z.boolean().default(false).describe("true: OR, false: AND."),
      conditions: z
        .array(conditionSchema)
        .max(MAX_CONDITIONS, "at most 4 conditions")
        .describe("0 to 4 conditions; none: the trigger always holds."),
    })
    .strict()
    .describe("The point pays only when its trigger holds (IPaymentSchedule.Trigger)."),
  { name: "trigger" },
);

/** One payment point (a cohort, a year, a quarter). */
export const schedulePointSchema = withJsonSchema(
  z
    .object({
      label,
      deadline: time.describe(
        "The point's settlement deadline; its no-data cut-off is deadline + the contract's gracePeriod. Deadlines do not decrease.",
      ),
      cumulative: z
        .boolean()
        .default(false)
        .describe("True-up: pays the entitlement of all results so far minus everything paid before (never below 0)."),
      pot: unitFraction
        .default("0")
        .describe(
          "Share of the funds this point's curve terms divide; the pots of non-cumulative points sum to at most 1.",
        ),
      cap: cap("most this point pays"),
      trigger: triggerSchema.optional(),
      terms: z.array(scheduleTermSchema).min(1, "at least 1 term").max(MAX_TERMS, "at most 8 terms"),
    })
    .strict()
    .describe("A payment point (IPaymentSchedule.Point), settled on its own once its slots are final."),
  { name: "schedulePoint" },
);

/** The `schedule` block of an escrow or pool terms file. */
export const scheduleSchema = withJsonSchema(
  z
    .object({
      points: z
        .array(schedulePointSchema)
        .min(1, "needs 1 to 16 points")
        .max(MAX_POINTS, "needs 1 to 16 points (more than 16)"),
      keyCaps: z
        .array(
          z
            .object({
              key: key.describe("The term key capped."),
              label,
              cap: tokenAmount.describe('Whole tokens, e.g. "20000"; not 0 on a key a term uses.'),
            })
            .strict(),
        )
        .max(MAX_KEYS)
        .default([])
        .describe("Cap per term key over all points; a key left out has none. Keys distinct."),
      cap: cap("most the whole schedule pays"),
      tiers: z
        .array(
          z
            .object({
              label,
              coPay: unitFraction
                .default("0")
                .describe("0: an ordered tier (pays in tier order up to its commitments); above 0: a co-payment tier."),
            })
            .strict(),
        )
        .min(1)
        .max(MAX_TIERS, "at most 4 tiers")
        .default([{ coPay: "0" }])
        .describe(
          "Payer tiers: co-payment tiers pay their fraction of every payment first, the rest falls on the ordered tiers in order; one ordered tier (the default) is pro rata. The co-payments sum to below 1.",
        ),
    })
    .strict()
    .describe(
      "A payment schedule (IPaymentSchedule.Schedule; docs/payment-schedules.md): 1-16 points with their own terms, triggers and caps, settled one by one; money a point does not pay stays for later points, the rest is refunded after the last.",
    ),
  { name: "schedule" },
);

export type ScheduleInput = z.output<typeof scheduleSchema>;
export type ScheduleTermInput = z.output<typeof scheduleTermSchema>;

/** What a conversion needs besides the block. */
export interface ScheduleContext {
  /** The token's decimals (amounts are whole tokens). */
  decimals: number;
  /** The latest block time: relative times ("+30d") count from it. */
  now: bigint;
  /** An escrow's mission: a slot may leave its missionId out, and one given must be this. Pools: undefined. */
  missionId?: bigint;
  /** The field of the block in the file (default `schedule`). */
  field?: string;
}

const wadText = (v: bigint): string => formatUnits(v, 18).replace(/\.0$/, "");
const fail = (field: string, message: string): never => {
  throw new CliError(`${field}: ${message}`);
};

/** Whole-token text → base units below 2^128; `positive` refuses 0. */
function amount(field: string, text: string, decimals: number, positive: boolean): bigint {
  const r = toBaseUnits(text, decimals);
  if (!r.ok) return fail(field, `${r.reason} (got "${text}")`);
  if (r.value > NO_CAP) return fail(field, `"${text}" is out of range (below 2^128 base units)`);
  if (positive && r.value === 0n) return fail(field, "must be above 0 (leave it out for no cap)");
  return r.value;
}

/** The slot's mission: the escrow's when left out (and only the escrow's when given); required in a pool. */
function slotMissionId(given: bigint | undefined, field: string, ctx: ScheduleContext): bigint {
  if (ctx.missionId === undefined)
    return given ?? fail(`${field}.missionId`, "required (a pool's slots name their mission)");
  if (given !== undefined && given !== ctx.missionId)
    fail(`${field}.missionId`, `must be the escrow's missionId (${ctx.missionId}) or left out`);
  return ctx.missionId;
}

/** A term's key: as written, or its index in the point. */
const keyOf = (t: ScheduleTermInput, index: number): number => t.key ?? index;

function toTerm(
  t: ScheduleTermInput,
  index: number,
  field: string,
  keyCaps: bigint[],
  ctx: ScheduleContext,
): ScheduleTermStruct {
  const key = keyOf(t, index);
  const capPerPoint =
    t.capPerPoint === undefined ? NO_CAP : amount(`${field}.capPerPoint`, t.capPerPoint, ctx.decimals, true);
  const keyCap = keyCaps[key] ?? NO_CAP;
  if (keyCap === 0n) fail(`${field}.key`, `key ${key}'s cap in keyCaps is 0 (caps contradict: the term can never pay)`);
  if (capPerPoint !== NO_CAP && capPerPoint > keyCap)
    fail(`${field}.capPerPoint`, `${t.capPerPoint} is above the cap of key ${key} in keyCaps (caps contradict)`);
  const slot = { missionId: slotMissionId(t.missionId, field, ctx), goalId: t.goalId, period: t.period, key };
  const zero = {
    weightWad: 0n,
    curve: EMPTY_CURVE,
    ceilingWad: 0n,
    source: 0,
    referenceValue: 0n,
    lowerIsBetter: false,
  };
  if (t.kind === "curve") {
    const curve = toCurve(t.curve, `${field}.curve`);
    if (t.ceiling < WAD) fail(`${field}.ceiling`, "must be at least 1");
    if (t.ceiling > uintMax(64)) fail(`${field}.ceiling`, "must fit in 64 bits as WAD (at most 18.44)");
    if (t.ceiling > WAD && !canOverAchieve(curve))
      fail(
        `${field}.ceiling`,
        `only a linear curve, or a thresholdLinear one with cap 1, runs past its target (this one is ${t.curve.kind}${t.curve.kind === "thresholdLinear" ? " capped below 1" : ""}): leave it at 1`,
      );
    return {
      ...slot,
      ...zero,
      kind: TermKind.Curve,
      weightWad: t.weight,
      curve,
      ceilingWad: t.ceiling,
      scaleWad: 0n,
      price: 0n,
      capPerPoint,
    };
  }
  const improvement = t.source === "improvement";
  if (improvement && t.reference === undefined) fail(`${field}.reference`, 'required for source "improvement"');
  if (!improvement && t.reference !== undefined) fail(`${field}.reference`, 'only for source "improvement"');
  if (!improvement && t.lowerIsBetter !== undefined) fail(`${field}.lowerIsBetter`, 'only for source "improvement"');
  if (t.scale === 0n) fail(`${field}.scale`, "must be above 0");
  if (t.scale > NO_CAP) fail(`${field}.scale`, "must fit in 128 bits as WAD");
  const price = amount(`${field}.price`, t.price, ctx.decimals, false);
  if (price === 0n) fail(`${field}.price`, "must be above 0");
  return {
    ...slot,
    ...zero,
    kind: TermKind.RateCard,
    source: improvement ? UnitSource.Improvement : UnitSource.Count,
    referenceValue: t.reference ?? 0n,
    lowerIsBetter: t.lowerIsBetter ?? false,
    scaleWad: t.scale,
    price,
    capPerPoint,
  };
}

/** The keyCaps array: index = key, up to the highest key named by a cap or a term; `NO_CAP` where none is set. */
function toKeyCaps(s: ScheduleInput, field: string, decimals: number): bigint[] {
  const keys = s.points.flatMap((p) => p.terms.map(keyOf));
  const length = Math.max(0, ...keys.map((k) => k + 1), ...s.keyCaps.map((k) => k.key + 1));
  const caps: bigint[] = Array<bigint>(length).fill(NO_CAP);
  const seen = new Set<number>();
  s.keyCaps.forEach((k, i) => {
    if (seen.has(k.key)) fail(`${field}.keyCaps.${i}.key`, `key ${k.key} is capped twice`);
    seen.add(k.key);
    caps[k.key] = amount(`${field}.keyCaps.${i}.cap`, k.cap, decimals, false);
  });
  return caps;
}

/**
 * Converts a parsed `schedule` block to the `IPaymentSchedule.Schedule` struct, checking every bad-input rule of
 * docs/payment-schedules.md (the same the library reverts on) in the order of the file; the error names the field,
 * e.g. `schedule.points.3.terms.1.price: must be above 0`. Slot existence is a chain check (`checkScheduleSlots`).
 */
export function toSchedule(s: ScheduleInput, ctx: ScheduleContext): ScheduleStruct {
  const field = ctx.field ?? "schedule";
  const keyCaps = toKeyCaps(s, field, ctx.decimals);
  const total = s.cap === undefined ? NO_CAP : amount(`${field}.cap`, s.cap, ctx.decimals, false);
  // The tiers first, as `ScheduleLib.validate` checks them (TierConfig): co-payments below 1, an ordered tier.
  const coPay = s.tiers.reduce((sum, t) => sum + t.coPay, 0n);
  if (coPay >= WAD) fail(`${field}.tiers`, `the co-payments sum to ${wadText(coPay)}, must be below 1`);
  if (s.tiers.every((t) => t.coPay > 0n))
    fail(`${field}.tiers`, "needs an ordered tier (coPay 0) to pay what the co-payments do not");
  let potSum = 0n;
  let potOver: string | undefined;
  let lastDeadline = 0n;
  const points = s.points.map((p, i): PointStruct => {
    const at = `${field}.points.${i}`;
    const deadline = toTime(p.deadline, ctx.now, `${at}.deadline`);
    if (i > 0 && deadline < lastDeadline)
      fail(`${at}.deadline`, `before point ${i - 1}'s deadline (deadlines must not decrease)`);
    lastDeadline = deadline;
    if (!p.cumulative) {
      potSum += p.pot;
      // Reported after every point is checked, as the library does (PotSum is its last check).
      if (potSum > WAD && potOver === undefined) potOver = `${at}.pot`;
    }
    const pointCap = p.cap === undefined ? NO_CAP : amount(`${at}.cap`, p.cap, ctx.decimals, false);
    // Two terms of a point may share a key: they share its cap (the library's rule).
    const terms = p.terms.map((t, j) => toTerm(t, j, `${at}.terms.${j}`, keyCaps, ctx));
    const curves = terms.filter((t) => t.kind === TermKind.Curve);
    const weights = curves.reduce((sum, t) => sum + t.weightWad, 0n);
    if (curves.length > 0 && weights !== WAD)
      fail(`${at}.terms`, `the curve weights sum to ${wadText(weights)}, not 1`);
    const conditions = (p.trigger?.conditions ?? []).map((c, j) => ({
      missionId: slotMissionId(c.missionId, `${at}.trigger.conditions.${j}`, ctx),
      goalId: c.goalId,
      period: c.period,
      threshold: c.threshold,
      lowerIsBetter: c.lowerIsBetter,
    }));
    return {
      deadline,
      cumulative: p.cumulative,
      potWad: p.pot,
      cap: pointCap,
      trigger: { any: p.trigger?.any ?? false, conditions },
      terms,
    };
  });
  if (potOver !== undefined)
    fail(potOver, `the pots of the non-cumulative points sum to ${wadText(potSum)} (from here on), above 1`);
  return { points, keyCaps, cap: total, tiers: s.tiers.map((t) => ({ coPayWad: t.coPay })) };
}

/** Parses and converts a `schedule` block written inline (tests, docs); zod errors name the field too. */
export function scheduleOf(input: unknown, ctx: ScheduleContext): ScheduleStruct {
  const field = ctx.field ?? "schedule";
  const parsed = scheduleSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = [field, ...(issue?.path ?? [])].join(".");
    throw new CliError(`${where}: ${issue?.message ?? "invalid input"}`);
  }
  return toSchedule(parsed.data, ctx);
}
