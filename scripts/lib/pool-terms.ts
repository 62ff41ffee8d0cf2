/**
 * Impact-pool terms as a JSON document (`schemas/pool-terms.schema.json`, example `examples/pools/education-pool.json`)
 * and their conversion to the `IImpactPoolFactory.PoolTerms` struct. Every rule the contract enforces is checked here
 * first, so bad input fails with one line naming the field and no transaction is sent.
 */
import { AbiCoder, getAddress, parseUnits } from "ethers";
import { z } from "zod";
import { eip55Address } from "./address-schema.js";
import { CliError, describeZodError } from "./cli.js";

const WAD = 10n ** 18n;
const UINT64_MAX = 2n ** 64n - 1n;

/** A fraction in [0, 1] (or above for returns) written as a decimal number or string, e.g. 0.3 or "0.3". */
const fraction = z
  .union([z.number(), z.string()])
  .transform((v) => String(v))
  .refine((s) => /^[0-9]+(\.[0-9]{1,18})?$/.test(s), "must be a non-negative decimal with at most 18 decimals")
  .transform((s) => parseUnits(s, 18));

/** A token amount in whole tokens as a decimal string, e.g. "1000000" or "12.5". */
const amount = z.string().regex(/^[0-9]+(\.[0-9]+)?$/, 'must be a decimal token amount as a string, e.g. "1000.5"');

/** A point in time: unix seconds, an ISO-8601 date-time, or "+<n><s|m|h|d>" relative to the latest block. */
const when = z.union([
  z.number().int().positive(),
  z.string().regex(/^\+[0-9]+[smhd]$/, 'must be unix seconds, an ISO date-time, or relative like "+30d"'),
  z.string().datetime({ offset: true }),
]);

/** A duration: seconds, or "<n><s|m|h|d>". */
const duration = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^[0-9]+[smhd]$/, 'must be seconds or like "30d"'),
]);

const uint64 = z
  .union([z.number().int().nonnegative(), z.string().regex(/^[0-9]+$/)])
  .transform((v) => BigInt(v))
  .refine((n) => n <= UINT64_MAX, "must fit in uint64");

const curveSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("binary"), threshold: uint64, lowerIsBetter: z.boolean().default(false) }).strict(),
  z.object({ kind: z.literal("linear"), baseline: uint64, target: uint64 }).strict(),
  z
    .object({
      kind: z.literal("thresholdLinear"),
      baseline: uint64,
      target: uint64,
      threshold: uint64,
      cap: fraction.default("1"),
    })
    .strict(),
  z
    .object({
      kind: z.literal("stepped"),
      lowerIsBetter: z.boolean().default(false),
      steps: z
        .array(z.object({ value: uint64, ratio: fraction }).strict())
        .min(1)
        .max(8),
    })
    .strict(),
]);

export const poolTermsSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1).max(31),
    symbol: z.string().min(1).max(31),
    token: eip55Address.optional(),
    capitalTarget: amount,
    raiseDeadline: when,
    fundCap: amount,
    settlementDeadline: when,
    gracePeriod: duration,
    repayment: z.object({ threshold: fraction, principalAt: fraction, maxReturn: fraction }).strict(),
    providers: z
      .array(z.object({ name: z.string().min(1), address: eip55Address }).strict())
      .min(1)
      .max(16),
    tranches: z
      .array(
        z
          .object({
            provider: z.number().int().nonnegative(),
            due: when,
            share: fraction,
            milestone: z
              .object({
                missionId: uint64,
                goalId: z.number().int().min(0).max(255),
                period: z.number().int().min(0).max(65535),
                minValue: uint64.default(0),
              })
              .strict()
              .optional(),
          })
          .strict(),
      )
      .min(1)
      .max(32),
    basket: z
      .array(
        z
          .object({
            label: z.string().optional(),
            missionId: uint64,
            goalId: z.number().int().min(0).max(255),
            period: z.number().int().min(0).max(65535),
            weight: fraction,
            curve: curveSchema,
          })
          .strict(),
      )
      .min(1)
      .max(8),
  })
  .strict();

export type PoolTermsFile = z.input<typeof poolTermsSchema>;

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

/** The on-chain `IImpactPoolFactory.PoolTerms` struct. */
export interface PoolTermsStruct {
  name: string;
  symbol: string;
  token: string;
  capitalTarget: bigint;
  raiseDeadline: bigint;
  fundCap: bigint;
  settlementDeadline: bigint;
  gracePeriod: bigint;
  repayment: { thresholdWad: bigint; principalAtWad: bigint; maxReturnWad: bigint };
  schedule: {
    providers: string[];
    tranches: {
      provider: number;
      dueAt: bigint;
      shareBps: number;
      hasMilestone: boolean;
      missionId: bigint;
      goalId: number;
      period: number;
      minValue: bigint;
    }[];
  };
  basket: { missionId: bigint; goalId: number; period: number; weightWad: bigint; curve: CurveStruct }[];
}

const UNIT_SECONDS: Record<string, bigint> = { s: 1n, m: 60n, h: 3600n, d: 86400n };

function toDuration(d: string | number): bigint {
  if (typeof d === "number") return BigInt(d);
  const unit = d.slice(-1);
  return BigInt(d.slice(0, -1)) * (UNIT_SECONDS[unit] ?? 1n);
}

function toTime(w: string | number, now: bigint): bigint {
  if (typeof w === "number") return BigInt(w);
  if (w.startsWith("+")) return now + toDuration(w.slice(1));
  return BigInt(Math.floor(Date.parse(w) / 1000));
}

function toCurve(c: z.output<typeof curveSchema>, field: string): CurveStruct {
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
 * Parses and checks a terms document and converts it to the struct `createPool` takes.
 * @param now The latest block timestamp (relative times are measured from it).
 * @param decimals The token's decimals (amounts are in whole tokens).
 */
export function buildPoolTerms(raw: unknown, opts: { now: bigint; decimals: number; token?: string }): PoolTermsStruct {
  const parsed = poolTermsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(describeZodError(parsed.error));
  const t = parsed.data;
  const token = opts.token ?? t.token;
  if (token === undefined) throw new CliError("token: required (in the file or with --token)");

  const capitalTarget = parseUnits(t.capitalTarget, opts.decimals);
  const fundCap = parseUnits(t.fundCap, opts.decimals);
  if (capitalTarget === 0n) throw new CliError("capitalTarget: must be greater than zero");
  if (fundCap === 0n) throw new CliError("fundCap: must be greater than zero");
  const raiseDeadline = toTime(t.raiseDeadline, opts.now);
  const settlementDeadline = toTime(t.settlementDeadline, opts.now);
  if (raiseDeadline <= opts.now) throw new CliError("raiseDeadline: must be in the future");
  if (settlementDeadline <= raiseDeadline) throw new CliError("settlementDeadline: must be after the raise deadline");

  const { threshold, principalAt, maxReturn } = t.repayment;
  if (principalAt > WAD) throw new CliError("repayment.principalAt: principal point above full achievement (max 1)");
  if (threshold > principalAt) throw new CliError("repayment.threshold: must not exceed repayment.principalAt");
  if (maxReturn > UINT64_MAX) throw new CliError("repayment.maxReturn: too large");

  const providers = t.providers.map((p) => getAddress(p.address));
  providers.forEach((p, i) => {
    if (p === "0x0000000000000000000000000000000000000000") throw new CliError(`providers.${i}.address: zero address`);
    if (providers.indexOf(p) !== i) throw new CliError(`providers.${i}.address: duplicate provider ${p}`);
  });

  let sumBps = 0n;
  const tranches = t.tranches.map((tr, i) => {
    if (tr.provider >= providers.length) throw new CliError(`tranches.${i}.provider: no provider #${tr.provider}`);
    const dueAt = toTime(tr.due, opts.now);
    if (dueAt > settlementDeadline) throw new CliError(`tranches.${i}.due: after the settlement deadline`);
    const bpsWad = tr.share * 10_000n;
    if (bpsWad % WAD !== 0n) throw new CliError(`tranches.${i}.share: must be a whole number of basis points`);
    const shareBps = bpsWad / WAD;
    if (shareBps === 0n) throw new CliError(`tranches.${i}.share: must be greater than zero`);
    sumBps += shareBps;
    const m = tr.milestone;
    return {
      provider: tr.provider,
      dueAt,
      shareBps: Number(shareBps),
      hasMilestone: m !== undefined,
      missionId: m?.missionId ?? 0n,
      goalId: m?.goalId ?? 0,
      period: m?.period ?? 0,
      minValue: m?.minValue ?? 0n,
    };
  });
  if (sumBps > 10_000n) throw new CliError(`tranches: shares sum to ${Number(sumBps) / 100} %, above 100 %`);

  let weightSum = 0n;
  const basket = t.basket.map((b, i) => {
    if (b.weight === 0n) throw new CliError(`basket.${i}.weight: must be greater than zero`);
    weightSum += b.weight;
    return {
      missionId: b.missionId,
      goalId: b.goalId,
      period: b.period,
      weightWad: b.weight,
      curve: toCurve(b.curve, `basket.${i}.curve`),
    };
  });
  if (weightSum !== WAD) throw new CliError(`basket: weights sum to ${Number(weightSum) / 1e18}, not 1`);

  return {
    name: t.name,
    symbol: t.symbol,
    token,
    capitalTarget,
    raiseDeadline,
    fundCap,
    settlementDeadline,
    gracePeriod: toDuration(t.gracePeriod),
    repayment: { thresholdWad: threshold, principalAtWad: principalAt, maxReturnWad: maxReturn },
    schedule: { providers, tranches },
    basket,
  };
}

const CURVE_TYPE =
  "tuple(uint8 kind, bool lowerIsBetter, uint64 baseline, uint64 target, uint64 threshold, uint64 capWad, uint64[] stepValues, uint64[] stepRatiosWad)";
/** ABI type of `IImpactPool.Schedule`. */
export const SCHEDULE_TYPE =
  "tuple(address[] providers, tuple(uint8 provider, uint40 dueAt, uint16 shareBps, bool hasMilestone, uint256 missionId, uint8 goalId, uint16 period, uint64 minValue)[] tranches)";
/** ABI type of an `OutcomeLib.OutcomeTerm[]` basket. */
export const BASKET_TYPE = `tuple(uint256 missionId, uint8 goalId, uint16 period, uint64 weightWad, ${CURVE_TYPE} curve)[]`;

/** `abi.encode(schedule)`: what `ImpactPool.disburse` takes (its keccak256 is the pool's schedule hash). */
export function encodeSchedule(schedule: unknown): string {
  return AbiCoder.defaultAbiCoder().encode([SCHEDULE_TYPE], [schedule]);
}

/** `abi.encode(basket)`: what `ImpactPool.settle` and `ImpactPoolFactory.readOutcome` take. */
export function encodeBasket(basket: unknown): string {
  return AbiCoder.defaultAbiCoder().encode([BASKET_TYPE], [basket]);
}
