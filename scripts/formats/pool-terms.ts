/**
 * Impact-pool terms as a JSON document (`schemas/pool-terms.schema.json`, example `examples/pools/education-pool.json`)
 * and their conversion to the `IImpactPoolFactory.PoolTerms` struct. Every rule the contract enforces is checked here
 * first, so bad input fails with one line naming the field and no transaction is sent.
 */
import { AbiCoder, getAddress } from "ethers";
import { z } from "zod";
import { eip55Address, toBaseUnits, tokenAmount } from "./primitives.js";
import { tokenText } from "../core/units.js";
import { CliError } from "../core/cli-error.js";
import { describeZodError } from "./zod-error.js";
import {
  duration,
  fraction,
  missionId,
  OUTCOME_TERMS_TYPE,
  outcomeTermSchema,
  time,
  toDuration,
  toOutcomeTerms,
  toTime,
  uint64,
  UINT64_MAX,
  WAD,
  type OutcomeTermStruct,
} from "./outcome-terms.js";
import { scheduleSchema, toSchedule, type ScheduleStruct } from "./schedule-terms.js";
import { withJsonSchema } from "./json-schema.js";
import { capitalSchema, toCapitalStructure, type CapitalStructureStruct } from "./capital-terms.js";

const poolTermsObject = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional().describe("A note for readers; not stored on chain."),
    name: z.string().min(1).max(31).describe("Share token name."),
    symbol: z.string().min(1).max(31).describe("Share token symbol."),
    token: eip55Address.optional().describe("ERC-20 of capital and outcome fund (or pass --token)."),
    capitalTarget: tokenAmount.describe("Capital to raise; the raise succeeds only when fully met."),
    raiseDeadline: time,
    fundCap: tokenAmount.describe("Most the outcome payers may commit."),
    settlementDeadline: time.describe("Earliest settlement; every tranche is due by then."),
    gracePeriod: duration.describe(
      "Oracle silence after the settlement deadline plus this counts as no data (zero achievement).",
    ),
    repayment: z
      .object({ threshold: fraction, principalAt: fraction, maxReturn: fraction })
      .strict()
      .optional()
      .describe(
        "Repayment curve of the basket's composite achievement: 0 below threshold, the principal at principalAt, principal x (1 + maxReturn) at full achievement, linear between; threshold <= principalAt <= 1. Required with a basket; left out with a schedule (its payments are what investors receive).",
      ),
    providers: z
      .array(z.object({ name: z.string().min(1), address: eip55Address }).strict())
      .min(1)
      .max(16),
    tranches: z
      .array(
        z
          .object({
            provider: z.number().int().nonnegative(),
            due: time,
            share: fraction,
            milestone: z
              .object({
                missionId,
                goalId: z.number().int().min(0).max(255),
                period: z.number().int().min(1).max(65535),
                minValue: uint64.default(0),
              })
              .strict()
              .optional(),
          })
          .strict(),
      )
      .min(1)
      .max(32)
      .describe(
        "Each tranche releases `share` of the capital target (whole basis points; the sum is at most 1) to provider #`provider` once `due` has passed and, optionally, its milestone slot is Final with a value >= minValue.",
      ),
    basket: z
      .array(outcomeTermSchema)
      .min(1)
      .max(8)
      .optional()
      .describe(
        "Weighted outcome terms (weights sum to exactly 1) across one or more missions; each names its missionId. Exactly one of basket and schedule.",
      ),
    schedule: scheduleSchema
      .optional()
      .describe(
        "A payment schedule instead of basket and repayment (docs/payment-schedules.md); its slots name their missionId (several missions allowed), its payer tiers are the outcome payers' (pool:commit --tier), who commit until the raise deadline. pool:create deploys it through createScheduledPool; each point is settled with pool:settle --point.",
      ),
    capital: capitalSchema.optional(),
  })
  .strict()
  .describe(
    "Terms of an ImpactPool (social-impact-bond pool over a basket of outcomes), read by `hardhat pool:create --file`. Amounts are whole-token decimal strings (converted with the token's decimals); the basket's outcome terms, curves, fractions, times and durations use the shared format of outcome-terms.schema.json (times: unix seconds, ISO-8601 date-times, or '+<n><s|m|h|d|w>' relative to the latest block).",
  );

/** The pool terms file: a basket with its repayment curve, or a payment schedule. */
export const poolTermsSchema = withJsonSchema(
  poolTermsObject.superRefine((t, ctx) => {
    if ((t.basket === undefined) === (t.schedule === undefined)) {
      const message = "write exactly one of basket and schedule";
      ctx.addIssue({ code: "custom", path: [t.basket === undefined ? "basket" : "schedule"], message });
    }
    if (t.basket !== undefined && t.repayment === undefined)
      ctx.addIssue({ code: "custom", path: ["repayment"], message: "required with a basket" });
    if (t.schedule !== undefined && t.repayment !== undefined) {
      const message = "only with a basket (a schedule's payments are what investors receive)";
      ctx.addIssue({ code: "custom", path: ["repayment"], message });
    }
    if (t.capital !== undefined && t.schedule === undefined) {
      const message = "only with a schedule (a classed pool is paid down its waterfall at each payment point)";
      ctx.addIssue({ code: "custom", path: ["capital"], message });
    }
  }),
  {
    also: {
      oneOf: [
        { required: ["basket", "repayment"], not: { required: ["schedule"] } },
        { required: ["schedule"], not: { anyOf: [{ required: ["basket"] }, { required: ["repayment"] }] } },
      ],
      dependentRequired: { capital: ["schedule"] },
    },
  },
);

export type PoolTermsFile = z.input<typeof poolTermsSchema>;

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
  basket: OutcomeTermStruct[];
}

/** The on-chain `IImpactPoolFactory.ScheduledPoolTerms` struct: `PoolTermsStruct` with a payment schedule. */
export type ScheduledPoolTermsStruct = Omit<PoolTermsStruct, "repayment" | "basket"> & {
  paymentSchedule: ScheduleStruct;
};

type PoolTermsData = z.output<typeof poolTermsSchema>;
type PoolOpts = { now: bigint; decimals: number; token?: string };

/**
 * Parses and checks a terms document with a basket and converts it to the struct `createPool` takes (a document with
 * a payment schedule: `buildScheduledPoolTerms`).
 * @param now The latest block timestamp (relative times are measured from it).
 * @param decimals The token's decimals (amounts are in whole tokens).
 */
export function buildPoolTerms(raw: unknown, opts: PoolOpts): PoolTermsStruct {
  const t = parsePoolTerms(raw);
  const base = poolBase(t, opts);
  if (t.schedule !== undefined || t.basket === undefined || t.repayment === undefined)
    throw new CliError(SCHEDULED_POOL);
  const { threshold, principalAt, maxReturn } = t.repayment;
  if (principalAt > WAD) throw new CliError("repayment.principalAt: principal point above full achievement (max 1)");
  if (threshold > principalAt) throw new CliError("repayment.threshold: must not exceed repayment.principalAt");
  if (maxReturn > UINT64_MAX) throw new CliError("repayment.maxReturn: too large");
  return {
    ...base,
    repayment: { thresholdWad: threshold, principalAtWad: principalAt, maxReturnWad: maxReturn },
    basket: toOutcomeTerms(t.basket, "basket"),
  };
}

/**
 * Parses and checks a terms document with a payment schedule and converts it to the struct `createScheduledPool`
 * takes: the pool's own terms as `buildPoolTerms` checks them, and the schedule with every rule of
 * docs/payment-schedules.md (`toSchedule`).
 */
export function buildScheduledPoolTerms(raw: unknown, opts: PoolOpts): ScheduledPoolTermsStruct {
  const t = parsePoolTerms(raw);
  if (t.schedule === undefined) throw new CliError("schedule: this terms file has none (it has a basket)");
  const base = poolBase(t, opts);
  return { ...base, paymentSchedule: toSchedule(t.schedule, { decimals: opts.decimals, now: opts.now }) };
}

/**
 * A terms document with a payment schedule and a `capital` section: the scheduled pool's struct
 * (`buildScheduledPoolTerms`) and the capital structure `createClassedPool` takes (`toCapitalStructure`: every check of
 * the factory first; an annually compounded rate cap becomes its multiple over the bond's term, rounded down).
 */
export function buildClassedPoolTerms(
  raw: unknown,
  opts: PoolOpts,
): { terms: ScheduledPoolTermsStruct; capital: CapitalStructureStruct } {
  const terms = buildScheduledPoolTerms(raw, opts);
  const t = parsePoolTerms(raw);
  if (t.capital === undefined) throw new CliError("capital: this terms file has none (it is not a classed pool)");
  const capital = toCapitalStructure(t.capital, {
    decimals: opts.decimals,
    capitalTarget: terms.capitalTarget,
    fundCap: terms.fundCap,
    termSeconds: terms.settlementDeadline - terms.raiseDeadline,
    providers: t.providers.map((p, i) => ({ name: p.name, address: terms.schedule.providers[i] ?? p.address })),
  });
  return { terms, capital };
}

function parsePoolTerms(raw: unknown): PoolTermsData {
  const parsed = poolTermsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(describeZodError(parsed.error));
  return parsed.data;
}

/** What every pool is made of, basket or schedule: name, token, amounts, deadlines, providers and tranches. */
function poolBase(t: PoolTermsData, opts: PoolOpts): Omit<PoolTermsStruct, "repayment" | "basket"> {
  const token = opts.token ?? t.token;
  if (token === undefined) throw new CliError("token: required (in the file or with --token)");

  const capitalTarget = baseUnits("capitalTarget", t.capitalTarget, opts.decimals);
  const fundCap = baseUnits("fundCap", t.fundCap, opts.decimals);
  if (capitalTarget === 0n) throw new CliError("capitalTarget: must be greater than zero");
  if (fundCap === 0n) throw new CliError("fundCap: must be greater than zero");
  // The pool keeps its pots in 128 bits and the investor pot can reach capitalTarget + fundCap (TermsOverflow).
  if (capitalTarget + fundCap > UINT128_MAX) {
    throw new CliError(
      `capitalTarget + fundCap: ${t.capitalTarget} + ${t.fundCap} is out of range (at most ${tokenText(UINT128_MAX, opts.decimals)} tokens together)`,
    );
  }
  const raiseDeadline = toTime(t.raiseDeadline, opts.now, "raiseDeadline");
  const settlementDeadline = toTime(t.settlementDeadline, opts.now, "settlementDeadline");
  if (raiseDeadline <= opts.now) throw new CliError("raiseDeadline: must be in the future");
  if (settlementDeadline <= raiseDeadline) throw new CliError("settlementDeadline: must be after the raise deadline");

  const providers = t.providers.map((p) => getAddress(p.address));
  providers.forEach((p, i) => {
    if (p === "0x0000000000000000000000000000000000000000") throw new CliError(`providers.${i}.address: zero address`);
    if (providers.indexOf(p) !== i) throw new CliError(`providers.${i}.address: duplicate provider ${p}`);
  });

  let sumBps = 0n;
  const tranches = t.tranches.map((tr, i) => {
    if (tr.provider >= providers.length) throw new CliError(`tranches.${i}.provider: no provider #${tr.provider}`);
    const dueAt = toTime(tr.due, opts.now, `tranches.${i}.due`);
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

  return {
    name: t.name,
    symbol: t.symbol,
    token,
    capitalTarget,
    raiseDeadline,
    fundCap,
    settlementDeadline,
    gracePeriod: toDuration(t.gracePeriod),
    schedule: { providers, tranches },
  };
}

const UINT128_MAX = 2n ** 128n - 1n;

/** Why `buildPoolTerms` refuses a terms file with a schedule (`buildScheduledPoolTerms` converts it). */
export const SCHEDULED_POOL =
  "schedule: a pool paid by a payment schedule is created by createScheduledPool (buildScheduledPoolTerms), not createPool";

/**
 * Parses a pool terms document with a `schedule` and converts the schedule to the `IPaymentSchedule.Schedule`
 * struct, every rule of docs/payment-schedules.md checked; one line naming the field.
 */
export function buildPoolSchedule(raw: unknown, opts: { now: bigint; decimals: number }): ScheduleStruct {
  const t = parsePoolTerms(raw);
  if (t.schedule === undefined) throw new CliError("schedule: this terms file has none (it has a basket)");
  return toSchedule(t.schedule, { decimals: opts.decimals, now: opts.now });
}

/** Whole-token text → base units of the token, exactly; too many decimals is one line naming the field. */
function baseUnits(field: string, text: string, decimals: number): bigint {
  const amount = toBaseUnits(text, decimals);
  if (!amount.ok) throw new CliError(`${field}: ${amount.reason} (got "${text}")`);
  return amount.value;
}

/** ABI type of `IImpactPool.Schedule`. */
export const SCHEDULE_TYPE =
  "tuple(address[] providers, tuple(uint8 provider, uint40 dueAt, uint16 shareBps, bool hasMilestone, uint256 missionId, uint8 goalId, uint16 period, uint64 minValue)[] tranches)";
/** ABI type of an `OutcomeLib.OutcomeTerm[]` basket. */
export const BASKET_TYPE = OUTCOME_TERMS_TYPE;

/** `abi.encode(schedule)`: what `ImpactPool.disburse` takes (its keccak256 is the pool's schedule hash). */
export function encodeSchedule(schedule: unknown): string {
  return AbiCoder.defaultAbiCoder().encode([SCHEDULE_TYPE], [schedule]);
}

/** `abi.encode(basket)`: what `ImpactPool.settle` and `ImpactPoolFactory.readOutcome` take. */
export function encodeBasket(basket: unknown): string {
  return AbiCoder.defaultAbiCoder().encode([BASKET_TYPE], [basket]);
}
