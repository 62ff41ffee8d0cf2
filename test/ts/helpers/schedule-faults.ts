/**
 * The bad inputs of the differential tests of the schedule checker against `ScheduleLib.validate`
 * (test/ts/outcomes/schedule-*differential.test.ts), and how those tests read a custom error off a call.
 */
import { NO_CAP, type ScheduleStruct } from "../../../scripts/formats/schedule-terms.js";
import type { randomCase } from "./schedule-random.js";

const E18 = 10n ** 18n;
const MISSION = 1n;

/** The custom error a call reverted with (name), or undefined when it did not revert. */
export async function revertOf(
  harnessInterface: { parseError(data: string): { name: string } | null },
  call: () => Promise<unknown>,
) {
  try {
    await call();
    return undefined;
  } catch (e) {
    const data = (e as { data?: unknown }).data;
    if (typeof data !== "string") throw e;
    return harnessInterface.parseError(data)?.name ?? `unknown ${data.slice(0, 10)}`;
  }
}

export type Block = ReturnType<typeof randomCase>["schedule"];
type Term = Record<string, unknown>;
/** Where a fault goes: a point and one of its terms (of a kind, when given). */
type Site = { i: number; j: number };

/**
 * One bad input (or one the library accepts): `site` picks where it applies in a valid schedule (undefined: not in
 * this one), `block` applies it to the terms file, `struct` to the converted struct. `error` is the custom error of
 * `ScheduleLib.validate` (or `PayoutCurves.validate`), `message` what the checker's one line says (it names the
 * field); `error: undefined` means both accept.
 */
export interface Fault {
  what: string;
  error: string | undefined;
  message?: RegExp;
  site: (b: Block) => Site | undefined;
  block: (b: Block, at: Site) => void;
  struct: (s: ScheduleStruct, at: Site) => void;
}

const first = (b: Block, pick: (t: Term) => boolean = () => true): Site | undefined => {
  for (const [i, p] of b.points.entries()) {
    const j = p.terms.findIndex(pick);
    if (j >= 0) return { i, j };
  }
  return undefined;
};
const isCurve = (t: Term) => t.kind === "curve";
const isRateCard = (t: Term) => t.kind === "rateCard";
const termOf = (b: Block, at: Site): Term => b.points[at.i]!.terms[at.j]!;
const structTerm = (s: ScheduleStruct, at: Site) => s.points[at.i]!.terms[at.j]!;
const keyOf = (b: Block, at: Site): number => {
  const key = termOf(b, at).key;
  return typeof key === "number" ? key : at.j;
};
export const keyCapsWith = (key: number, cap: bigint): bigint[] =>
  Array.from({ length: 16 }, (_, k) => (k === key ? cap : NO_CAP));
const emptyCurve = { kind: 0, lowerIsBetter: false, baseline: 0n, target: 0n, threshold: 0n, capWad: 0n };
const condition = { goalId: 0, period: 1, threshold: 1, lowerIsBetter: false };

export const FAULTS: Fault[] = [
  {
    what: "no point",
    error: "PointCount",
    message: /^schedule\.points: needs 1 to 16 points/,
    site: () => ({ i: 0, j: 0 }),
    block: (b) => (b.points = []),
    struct: (s) => (s.points = []),
  },
  {
    what: "deadlines decreasing",
    error: "PointOrder",
    message: /^schedule\.points\.1\.deadline: before point 0's deadline/,
    site: (b) => (b.points.length > 1 ? { i: 0, j: 0 } : undefined),
    block: (b) => (b.points[0]!.deadline = 100),
    struct: (s) => (s.points[0]!.deadline = 100n),
  },
  {
    what: "a point without terms",
    error: "PointTermCount",
    message: /^schedule\.points\.0\.terms: at least 1 term/,
    site: () => ({ i: 0, j: 0 }),
    block: (b) => (b.points[0]!.terms = []),
    struct: (s) => (s.points[0]!.terms = []),
  },
  {
    what: "five conditions",
    error: "ConditionCount",
    message: /^schedule\.points\.0\.trigger\.conditions: at most 4 conditions/,
    site: () => ({ i: 0, j: 0 }),
    block: (b) => (b.points[0]!.trigger.conditions = Array.from({ length: 5 }, () => ({ ...condition }))),
    struct: (s) =>
      (s.points[0]!.trigger.conditions = Array.from({ length: 5 }, () => ({
        ...condition,
        missionId: MISSION,
        threshold: 1n,
      }))),
  },
  {
    what: "seventeen key caps",
    error: "KeyCapCount",
    message: /^schedule\.keyCaps: /,
    site: () => ({ i: 0, j: 0 }),
    block: (b) => (b.keyCaps = Array.from({ length: 17 }, (_, k) => ({ key: k % 16, cap: "100000" }))),
    struct: (s) => (s.keyCaps = Array<bigint>(17).fill(NO_CAP)),
  },
  {
    what: "a term key of 16",
    error: "TermKey",
    message: /^schedule\.points\.\d+\.terms\.\d+\.key: must be 0 … 15/,
    site: (b) => first(b),
    block: (b, at) => (termOf(b, at).key = 16),
    struct: (s, at) => (structTerm(s, at).key = 16),
  },
  {
    what: "a rate card priced 0",
    error: "ZeroPrice",
    message: /\.price: must be above 0$/,
    site: (b) => first(b, isRateCard),
    block: (b, at) => (termOf(b, at).price = "0"),
    struct: (s, at) => (structTerm(s, at).price = 0n),
  },
  {
    what: "a rate card scaled by 0",
    error: "ZeroScale",
    message: /\.scale: must be above 0$/,
    site: (b) => first(b, isRateCard),
    block: (b, at) => (termOf(b, at).scale = "0"),
    struct: (s, at) => (structTerm(s, at).scaleWad = 0n),
  },
  {
    what: "a capPerPoint of 0",
    error: "CapConflict",
    message: /\.capPerPoint: must be above 0/,
    site: (b) => first(b),
    block: (b, at) => (termOf(b, at).capPerPoint = "0"),
    struct: (s, at) => (structTerm(s, at).capPerPoint = 0n),
  },
  {
    what: "a capPerPoint above its key's cap",
    error: "CapConflict",
    message: /\.capPerPoint: 2 is above the cap of key \d+ in keyCaps/,
    site: (b) => first(b),
    block: (b, at) => {
      b.keyCaps = [{ key: keyOf(b, at), cap: "1" }];
      termOf(b, at).capPerPoint = "2";
    },
    struct: (s, at) => {
      s.keyCaps = keyCapsWith(structTerm(s, at).key, E18);
      structTerm(s, at).capPerPoint = 2n * E18;
    },
  },
  {
    what: "a key cap of 0 on a key a term uses",
    error: "CapConflict",
    message: /\.key: key \d+'s cap in keyCaps is 0/,
    site: (b) => first(b),
    block: (b, at) => (b.keyCaps = [{ key: keyOf(b, at), cap: "0" }]),
    struct: (s, at) => (s.keyCaps = keyCapsWith(structTerm(s, at).key, 0n)),
  },
  {
    what: "a linear curve with baseline = target",
    error: "CurveDirection",
    message: /\.curve\.target: must differ from the baseline/,
    site: (b) => first(b, isCurve),
    block: (b, at) => (termOf(b, at).curve = { kind: "linear", baseline: 5, target: 5 }),
    struct: (s, at) =>
      (structTerm(s, at).curve = {
        ...emptyCurve,
        kind: 1,
        baseline: 5n,
        target: 5n,
        stepValues: [],
        stepRatiosWad: [],
      }),
  },
  {
    what: "stepped values out of order",
    error: "CurveStepOrder",
    message: /\.curve\.steps\.1\.value: must be strictly beyond the previous step/,
    site: (b) => first(b, isCurve),
    block: (b, at) =>
      Object.assign(termOf(b, at), {
        ceiling: "1",
        curve: {
          kind: "stepped",
          steps: [
            { value: 10, ratio: "0.5" },
            { value: 5, ratio: "1" },
          ],
        },
      }),
    struct: (s, at) =>
      Object.assign(structTerm(s, at), {
        ceilingWad: E18,
        curve: { ...emptyCurve, kind: 3, stepValues: [10n, 5n], stepRatiosWad: [E18 / 2n, E18] },
      }),
  },
  {
    what: "a ceiling below 1",
    error: "TermCeiling",
    message: /\.ceiling: must be at least 1/,
    site: (b) => first(b, isCurve),
    block: (b, at) => (termOf(b, at).ceiling = "0.9"),
    struct: (s, at) => (structTerm(s, at).ceilingWad = (9n * E18) / 10n),
  },
  {
    what: "a ceiling above 1 on a thresholdLinear curve capped below 1",
    error: "TermCeiling",
    message: /\.ceiling: only a linear curve, or a thresholdLinear one with cap 1/,
    site: (b) => first(b, isCurve),
    block: (b, at) =>
      Object.assign(termOf(b, at), {
        ceiling: "1.2",
        curve: { kind: "thresholdLinear", baseline: 20, target: 120, threshold: 50, cap: "0.8" },
      }),
    struct: (s, at) =>
      Object.assign(structTerm(s, at), {
        ceilingWad: (12n * E18) / 10n,
        curve: {
          ...emptyCurve,
          kind: 2,
          baseline: 20n,
          target: 120n,
          threshold: 50n,
          capWad: (8n * E18) / 10n,
          stepValues: [],
          stepRatiosWad: [],
        },
      }),
  },
  {
    what: "curve weights not summing to 1",
    error: "TermWeightSum",
    message: /^schedule\.points\.\d+\.terms: the curve weights sum to/,
    site: (b) => first(b, isCurve),
    block: (b, at) => (termOf(b, at).weight = "0.9"),
    struct: (s, at) => (structTerm(s, at).weightWad = (9n * E18) / 10n),
  },
  {
    what: "pots of the non-cumulative points above 1",
    error: "PotSum",
    message: /\.pot: the pots of the non-cumulative points sum to/,
    site: (b) => {
      const plain = b.points.findIndex((p) => !p.cumulative);
      return b.points.filter((p) => !p.cumulative).length > 1 ? { i: plain, j: 0 } : undefined;
    },
    block: (b, at) => (b.points[at.i]!.pot = "1"),
    struct: (s, at) => (s.points[at.i]!.potWad = E18),
  },
  {
    what: "no tier",
    error: "TierConfig",
    message: /^schedule\.tiers: /,
    site: () => ({ i: 0, j: 0 }),
    block: (b) => (b.tiers = []),
    struct: (s) => (s.tiers = []),
  },
  {
    what: "five tiers",
    error: "TierConfig",
    message: /^schedule\.tiers: at most 4 tiers/,
    site: () => ({ i: 0, j: 0 }),
    block: (b) => (b.tiers = Array.from({ length: 5 }, () => ({ coPay: "0" }))),
    struct: (s) => (s.tiers = Array.from({ length: 5 }, () => ({ coPayWad: 0n }))),
  },
  {
    what: "co-payments summing to 1",
    error: "TierConfig",
    message: /^schedule\.tiers: the co-payments sum to 1, must be below 1/,
    site: () => ({ i: 0, j: 0 }),
    block: (b) => (b.tiers = [{ coPay: "0.5" }, { coPay: "0.5" }, { coPay: "0" }]),
    struct: (s) => (s.tiers = [{ coPayWad: E18 / 2n }, { coPayWad: E18 / 2n }, { coPayWad: 0n }]),
  },
  {
    what: "no ordered tier",
    error: "TierConfig",
    message: /^schedule\.tiers: needs an ordered tier/,
    site: () => ({ i: 0, j: 0 }),
    block: (b) => (b.tiers = [{ coPay: "0.5" }]),
    struct: (s) => (s.tiers = [{ coPayWad: E18 / 2n }]),
  },
  {
    what: "two terms of a point on one key (they share its cap)",
    error: undefined,
    site: (b) =>
      b.points.findIndex((p) => p.terms.length > 1) >= 0
        ? { i: b.points.findIndex((p) => p.terms.length > 1), j: 1 }
        : undefined,
    block: (b, at) => (termOf(b, at).key = keyOf(b, { i: at.i, j: 0 })),
    struct: (s, at) => (structTerm(s, at).key = structTerm(s, { i: at.i, j: 0 }).key),
  },
  {
    what: "an overall cap, a point cap and an unused key's cap of 0",
    error: undefined,
    site: () => ({ i: 0, j: 0 }),
    block: (b) => {
      b.cap = "0";
      b.points[0]!.cap = "0";
      b.keyCaps = [{ key: 15, cap: "0" }];
    },
    struct: (s) => {
      s.cap = 0n;
      s.points[0]!.cap = 0n;
      s.keyCaps = keyCapsWith(15, 0n);
    },
  },
];
