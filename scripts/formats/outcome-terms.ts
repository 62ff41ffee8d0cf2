/**
 * The one JSON format of outcome terms, shared by every terms file (escrows: `schemas/escrow-terms.schema.json`,
 * pools: `schemas/pool-terms.schema.json`; both `$ref` `schemas/outcome-terms.schema.json`): the zod pieces for
 * integers, WAD fractions, times and durations, the payout curve (`PayoutCurves.Curve`) and the outcome term
 * (`OutcomeLib.OutcomeTerm`), and their conversion to the on-chain structs. Every rule `PayoutCurves.validate` and
 * `OutcomeLib` enforce is checked here first, so bad input fails with one line naming the field.
 */
import { formatUnits, parseUnits } from "ethers";
import { z } from "zod";
import { CliError } from "../core/cli-error.js";
import { describeZodError } from "./zod-error.js";
import { numberOrText, uintAtMost, withJsonSchema } from "./json-schema.js";
import { numberOrString, timeSeconds, uint, uintMax, type TimeInput } from "./primitives.js";

export { duration, time, toDuration, uint, type DurationInput, type TimeInput } from "./primitives.js";

export const WAD = 10n ** 18n;
export const UINT64_MAX = uintMax(64);
const TIME_LIMIT = 2n ** 40n;

/** Curve kinds in the order of `PayoutCurves.Kind`. */
export const CURVE_KINDS = ["binary", "linear", "thresholdLinear", "stepped"] as const;

/** A `uint64` metric value. */
export const uint64 = withJsonSchema(
  uint.refine((v) => v <= UINT64_MAX, "must fit in 64 bits"),
  { name: "uint64", fragment: uintAtMost(UINT64_MAX, "A non-negative integer that fits in 64 bits") },
);

/** A mission id (from 1). */
export const missionId = withJsonSchema(
  uint.refine((v) => v > 0n && v < 2n ** 256n, "must be a mission id (from 1)"),
  {
    name: "missionId",
    fragment: numberOrText("A mission id (from 1).", { type: "integer", minimum: 1 }, "^0*[1-9][0-9]*$"),
    loaderOnly: "below 2^256",
  },
);

/** A non-negative decimal fraction (1 = 100 %) as a number or string, e.g. 0.3 or "0.3", converted to WAD. */
const FRACTION_TEXT = /^[0-9]+(\.[0-9]{1,18})?$/;
export const fraction = withJsonSchema(
  numberOrString("must be a decimal fraction")
    .transform((v) => String(v))
    .refine((s) => FRACTION_TEXT.test(s), "must be a non-negative decimal with at most 18 decimals")
    .transform((s) => parseUnits(s, 18)),
  {
    name: "fraction",
    fragment: numberOrText(
      "A non-negative decimal fraction (1 = 100 %), at most 18 decimals, converted to WAD (1e18).",
      { type: "number", minimum: 0 },
      FRACTION_TEXT,
    ),
  },
);

/** A fraction between 0 and 1 inclusive, converted to WAD. */
export const unitFraction = withJsonSchema(
  fraction.refine((v) => v <= WAD, "must be at most 1"),
  {
    name: "unitFraction",
    fragment: numberOrText(
      "A decimal fraction between 0 and 1 inclusive, at most 18 decimals.",
      { type: "number", minimum: 0, maximum: 1 },
      /^(0+(\.[0-9]{1,18})?|0*1(\.0{1,18})?)$/,
    ),
  },
);

/**
 * A curve ratio or cap in (0, 1], converted to WAD. Parsed as a `fraction`: `toCurve` checks the range with the
 * message naming the field; the JSON Schema writes it as a `unitFraction` (non-zero is checked by the loader).
 */
const inUnitRange = withJsonSchema(fraction.describe("In (0, 1]."), { name: "unitFraction" });

/** Unix seconds of a parsed `time`; offsets count from `now` (the latest block time). Must fit the contracts' uint40. */
export function toTime(value: TimeInput, now: bigint, field: string): bigint {
  const at = timeSeconds(value, now);
  if (at >= TIME_LIMIT) throw new CliError(`${field}: must fit in 40 bits`);
  return at;
}

/**
 * A payout curve, one shape per kind. The linear kinds take their direction from baseline → target (falling when the
 * target is below the baseline); binary and stepped say it with `lowerIsBetter`.
 */
export const curveSchema = withJsonSchema(
  z
    .discriminatedUnion("kind", [
      z
        .object({ kind: z.literal("binary"), threshold: uint64, lowerIsBetter: z.boolean().default(false) })
        .strict()
        .describe("1 when the value reaches threshold, else 0."),
      z
        .object({ kind: z.literal("linear"), baseline: uint64, target: uint64 })
        .strict()
        .describe("0 at baseline, 1 at target, linear between, clamped."),
      z
        .object({
          kind: z.literal("thresholdLinear"),
          baseline: uint64,
          target: uint64,
          threshold: uint64,
          cap: inUnitRange.default("1"),
        })
        .strict()
        .describe(
          "0 until threshold (strictly past baseline, up to target), then linear from baseline to target, capped at cap.",
        ),
      z
        .object({
          kind: z.literal("stepped"),
          lowerIsBetter: z.boolean().default(false),
          steps: z
            .array(z.object({ value: uint64, ratio: inUnitRange }).strict())
            .min(1)
            .max(8),
        })
        .strict()
        .describe(
          "The ratio of the last step reached; values strictly in the direction of improvement, ratios in (0, 1] and non-decreasing.",
        ),
    ])
    .describe(
      "A payout curve (PayoutCurves.Curve): achievement between 0 and 1 from the slot's final value. One shape per kind. The linear kinds take their direction from baseline -> target (falling when target < baseline); binary and stepped say it with lowerIsBetter. The direction must agree with the goal's.",
    ),
  { name: "curve" },
);
export type CurveInput = z.output<typeof curveSchema>;

/** The on-chain `PayoutCurves.Curve` struct. */
export interface CurveStruct {
  kind: number;
  lowerIsBetter: boolean;
  baseline: bigint;
  target: bigint;
  threshold: bigint;
  capWad: bigint;
  stepValues: bigint[];
  stepRatiosWad: bigint[];
}

/** Converts a parsed curve to the struct, checking what `PayoutCurves.validate` checks; `field` names it in errors. */
export function toCurve(c: CurveInput, field: string): CurveStruct {
  const base = { baseline: 0n, target: 0n, threshold: 0n, capWad: 0n, stepValues: [], stepRatiosWad: [] };
  switch (c.kind) {
    case "binary":
      return { ...base, kind: 0, lowerIsBetter: c.lowerIsBetter, threshold: c.threshold };
    case "linear":
      if (c.baseline === c.target) throw new CliError(`${field}.target: must differ from the baseline`);
      return { ...base, kind: 1, lowerIsBetter: c.target < c.baseline, baseline: c.baseline, target: c.target };
    case "thresholdLinear": {
      const lower = c.target < c.baseline;
      if (c.baseline === c.target) throw new CliError(`${field}.target: must differ from the baseline`);
      const past = lower ? c.threshold < c.baseline : c.threshold > c.baseline;
      const within = lower ? c.threshold >= c.target : c.threshold <= c.target;
      if (!past || !within) throw new CliError(`${field}.threshold: must lie past the baseline and up to the target`);
      if (c.cap === 0n || c.cap > WAD) throw new CliError(`${field}.cap: must be in (0, 1]`);
      return {
        ...base,
        kind: 2,
        lowerIsBetter: lower,
        baseline: c.baseline,
        target: c.target,
        threshold: c.threshold,
        capWad: c.cap,
      };
    }
    case "stepped":
      c.steps.forEach((s, i) => {
        if (s.ratio === 0n || s.ratio > WAD) throw new CliError(`${field}.steps.${i}.ratio: must be in (0, 1]`);
        const prev = c.steps[i - 1];
        if (prev !== undefined) {
          if (s.ratio < prev.ratio) throw new CliError(`${field}.steps.${i}.ratio: must not decrease`);
          const beyond = c.lowerIsBetter ? s.value < prev.value : s.value > prev.value;
          if (!beyond) throw new CliError(`${field}.steps.${i}.value: must be strictly beyond the previous step`);
        }
      });
      return {
        ...base,
        kind: 3,
        lowerIsBetter: c.lowerIsBetter,
        stepValues: c.steps.map((s) => s.value),
        stepRatiosWad: c.steps.map((s) => s.ratio),
      };
  }
}

/**
 * A curve written inline in the terms-file format (by the demo, the bench or a test), e.g.
 * `curveOf({ kind: "linear", baseline: 624, target: 750 })`, parsed, checked and converted to the struct.
 */
export function curveOf(input: z.input<typeof curveSchema>, field = "curve"): CurveStruct {
  const parsed = curveSchema.safeParse(input);
  if (!parsed.success) throw new CliError(describeZodError(parsed.error, `${field}.`));
  return toCurve(parsed.data, field);
}

/** One outcome term: the curve applied to the final value of slot (missionId, goalId, period), with a weight. */
export const outcomeTermSchema = withJsonSchema(
  z
    .object({
      label: z.string().optional().describe("A note for readers; not stored on chain."),
      missionId,
      goalId: z.number().int().min(0).max(255),
      period: z.number().int().min(1).max(65_535),
      weight: unitFraction.describe("Greater than zero."),
      curve: curveSchema,
    })
    .strict()
    .describe(
      "An outcome term (OutcomeLib.OutcomeTerm): the curve applied to the final value of slot (missionId, goalId, period), weighted; the weights of a list sum to exactly 1.",
    ),
  { name: "term" },
);
export type OutcomeTermInput = z.output<typeof outcomeTermSchema>;

/** The on-chain `OutcomeLib.OutcomeTerm` struct. */
export interface OutcomeTermStruct {
  missionId: bigint;
  goalId: number;
  period: number;
  weightWad: bigint;
  curve: CurveStruct;
}

/** Converts a parsed term; `field` (e.g. "basket.2") names it in errors. */
export function toOutcomeTerm(t: OutcomeTermInput, field: string): OutcomeTermStruct {
  if (t.weight === 0n) throw new CliError(`${field}.weight: must be greater than zero`);
  return {
    missionId: t.missionId,
    goalId: t.goalId,
    period: t.period,
    weightWad: t.weight,
    curve: toCurve(t.curve, `${field}.curve`),
  };
}

/** Converts a list of terms (`field`, e.g. "outcomes"), whose weights must sum to exactly 1 as `OutcomeLib` requires. */
export function toOutcomeTerms(terms: OutcomeTermInput[], field: string): OutcomeTermStruct[] {
  const out = terms.map((t, i) => toOutcomeTerm(t, `${field}.${i}`));
  const sum = out.reduce((acc, t) => acc + t.weightWad, 0n);
  if (sum !== WAD) throw new CliError(`${field}: weights sum to ${formatUnits(sum, 18).replace(/\.0$/, "")}, not 1`);
  return out;
}

/** ABI type of `PayoutCurves.Curve`. */
export const CURVE_TYPE =
  "tuple(uint8 kind, bool lowerIsBetter, uint64 baseline, uint64 target, uint64 threshold, uint64 capWad, uint64[] stepValues, uint64[] stepRatiosWad)";
/** ABI type of an `OutcomeLib.OutcomeTerm[]`. */
export const OUTCOME_TERMS_TYPE = `tuple(uint256 missionId, uint8 goalId, uint16 period, uint64 weightWad, ${CURVE_TYPE} curve)[]`;
