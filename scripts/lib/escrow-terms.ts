import { readFileSync } from "node:fs";
import { parseUnits } from "ethers";
import { z } from "zod";
import { eip55Address } from "./address-schema.js";
import { CliError, describeZodError } from "./cli.js";

/** Curve kinds in the order of `PayoutCurves.Kind`. */
export const CURVE_KINDS = ["binary", "linear", "thresholdLinear", "stepped"] as const;

const uintString = z
  .union([z.string().regex(/^[0-9]+$/, "must be a non-negative integer"), z.number().int().nonnegative()])
  .transform((v) => BigInt(v));
const uint64 = uintString.refine((v) => v < 2n ** 64n, "must fit in 64 bits");
/** A fraction such as "0.25" or "1", converted to WAD (1e18 = 100 %). */
const fraction = z
  .string()
  .regex(/^(0(\.[0-9]{1,18})?|1(\.0{1,18})?)$/, 'must be a decimal fraction between 0 and 1, e.g. "0.25"')
  .transform((v) => parseUnits(v, 18));
/** A time: unix seconds or an ISO-8601 date-time. */
const time = z
  .union([z.number().int().nonnegative(), z.string().datetime({ offset: true })])
  .transform((v) => (typeof v === "number" ? BigInt(v) : BigInt(Math.floor(Date.parse(v) / 1000))))
  .refine((v) => v < 2n ** 40n, "must fit in 40 bits");

const curveSchema = z
  .object({
    kind: z.enum(CURVE_KINDS),
    lowerIsBetter: z.boolean().default(false),
    baseline: uint64.default(0),
    target: uint64.default(0),
    threshold: uint64.default(0),
    cap: fraction.optional(),
    steps: z
      .array(z.object({ value: uint64, ratio: fraction }).strict())
      .max(8)
      .default([]),
  })
  .strict();

const termSchema = z
  .object({
    goalId: z.number().int().min(0).max(255),
    period: z.number().int().min(1).max(65_535),
    weight: fraction,
    curve: curveSchema,
  })
  .strict();

/** The escrow terms file (`schemas/escrow-terms.schema.json` documents the same shape). */
export const escrowTermsSchema = z
  .object({
    $schema: z.string().optional(),
    token: eip55Address,
    missionId: uintString.refine((v) => v > 0n, "must be a mission id (from 1)"),
    goalVersion: z.number().int().min(1).max(255),
    fundingDeadline: time,
    minFunding: uintString.default(0).refine((v) => v < 2n ** 128n, "must fit in 128 bits"),
    settlementDeadline: time,
    gracePeriod: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    outcomes: z.array(termSchema).min(1).max(8),
    beneficiaries: z
      .array(
        z
          .object({
            account: eip55Address,
            weight: uintString.refine((v) => v > 0n && v < 2n ** 96n, "must be 1 … 2^96-1"),
          })
          .strict(),
      )
      .min(1)
      .max(32),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.settlementDeadline < t.fundingDeadline) {
      ctx.addIssue({ code: "custom", path: ["settlementDeadline"], message: "must not be before fundingDeadline" });
    }
    const sum = t.outcomes.reduce((acc, o) => acc + o.weight, 0n);
    if (sum !== 10n ** 18n)
      ctx.addIssue({ code: "custom", path: ["outcomes"], message: "weights must sum to exactly 1" });
    const seen = new Set<string>();
    t.beneficiaries.forEach((b, i) => {
      const key = b.account.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["beneficiaries", i, "account"], message: "duplicate beneficiary" });
      seen.add(key);
    });
  });

export type EscrowTermsFile = z.infer<typeof escrowTermsSchema>;

/** The `IOutcomeEscrow.Terms` struct as ethers encodes it. */
export interface ContractTerms {
  token: string;
  missionId: bigint;
  goalVersion: number;
  fundingDeadline: bigint;
  minFunding: bigint;
  settlementDeadline: bigint;
  gracePeriod: number;
  outcomes: {
    missionId: bigint;
    goalId: number;
    period: number;
    weightWad: bigint;
    curve: {
      kind: number;
      lowerIsBetter: boolean;
      baseline: bigint;
      target: bigint;
      threshold: bigint;
      capWad: bigint;
      stepValues: bigint[];
      stepRatiosWad: bigint[];
    };
  }[];
  beneficiaries: { account: string; weight: bigint }[];
}

/** Converts a parsed terms file to the contract struct. */
export function toContractTerms(t: EscrowTermsFile): ContractTerms {
  return {
    token: t.token,
    missionId: t.missionId,
    goalVersion: t.goalVersion,
    fundingDeadline: t.fundingDeadline,
    minFunding: t.minFunding,
    settlementDeadline: t.settlementDeadline,
    gracePeriod: t.gracePeriod,
    outcomes: t.outcomes.map((o) => ({
      missionId: t.missionId,
      goalId: o.goalId,
      period: o.period,
      weightWad: o.weight,
      curve: {
        kind: CURVE_KINDS.indexOf(o.curve.kind),
        lowerIsBetter: o.curve.lowerIsBetter,
        baseline: o.curve.baseline,
        target: o.curve.target,
        threshold: o.curve.threshold,
        capWad: o.curve.cap ?? 0n,
        stepValues: o.curve.steps.map((s) => s.value),
        stepRatiosWad: o.curve.steps.map((s) => s.ratio),
      },
    })),
    beneficiaries: t.beneficiaries.map((b) => ({ account: b.account, weight: b.weight })),
  };
}

/** Reads and validates a terms file; any problem is a one-line CliError naming the field. */
export function loadEscrowTerms(file: string): ContractTerms {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new CliError(`--file: cannot read JSON from "${file}" (${(err as Error).message.split("\n")[0]})`);
  }
  const parsed = escrowTermsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(describeZodError(parsed.error, `${file}: `));
  return toContractTerms(parsed.data);
}
