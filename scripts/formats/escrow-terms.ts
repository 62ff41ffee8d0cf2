/**
 * Outcome-escrow terms as a JSON document (`schemas/escrow-terms.schema.json`, example
 * `examples/escrows/reading-escrow.json`) and their conversion to the `IOutcomeEscrow.Terms` struct. Outcome terms,
 * curves, fractions and times use the shared format of `outcome-terms.ts`.
 */
import { z } from "zod";
import { eip55Address, toBaseUnits, tokenAmount } from "./primitives.js";
import { tokenText } from "../core/units.js";
import { uintAtMost, withJsonSchema } from "./json-schema.js";
import { CliError } from "../core/cli-error.js";
import { describeZodError } from "./zod-error.js";
import {
  duration,
  missionId,
  outcomeTermSchema,
  time,
  toDuration,
  toOutcomeTerms,
  toTime,
  uint,
  type OutcomeTermStruct,
} from "./outcome-terms.js";
import { scheduleSchema, toSchedule, type ScheduleStruct } from "./schedule-terms.js";

const escrowTermsObject = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional().describe("A note for readers; not stored on chain."),
    token: eip55Address
      .optional()
      .describe(
        "ERC-20 deposited and paid out (or pass --token; left out, the example deployment's ExampleToken of `suite:deploy --example`)",
      ),
    missionId,
    goalVersion: z.number().int().min(1).max(255).describe("The mission's goal version the terms pin"),
    fundingDeadline: time.describe("Last second (inclusive) deposits are accepted"),
    minFunding: tokenAmount
      .default("0")
      .describe('Whole tokens, e.g. "1000.5": below this total at settlement everything is refunded.'),
    settlementDeadline: time,
    gracePeriod: duration.describe(
      "After the settlement deadline, how long before missing data means refund (below 2^32 seconds)",
    ),
    outcomes: z
      .array(outcomeTermSchema.extend({ missionId: missionId.optional() }))
      .min(1)
      .max(8)
      .optional()
      .describe(
        "Weighted outcome terms, settled once; weights sum to exactly 1. An outcome's missionId may be left out (it must be the escrow's). Exactly one of outcomes and schedule.",
      ),
    schedule: scheduleSchema
      .optional()
      .describe(
        "A payment schedule instead of outcomes (docs/payment-schedules.md); its slots' missionId may be left out (it must be the escrow's). Deployed as a scheduled escrow (ScheduledEscrowFactory).",
      ),
    beneficiaries: z
      .array(
        z
          .object({
            account: eip55Address,
            weight: withJsonSchema(
              uint.refine((v) => v > 0n && v < 2n ** 96n, "must be 1 … 2^96-1"),
              { fragment: uintAtMost(2n ** 96n - 1n, "Share of the payout, 1 … 2^96-1"), loaderOnly: "not zero" },
            ),
          })
          .strict(),
      )
      .min(1)
      .max(32)
      .describe("Distinct accounts."),
  })
  .strict()
  .describe(
    "Input of `hardhat escrow:create --file`. Amounts are whole-token decimal strings (converted with the token's decimals); outcome terms, curves, fractions and times use the shared format of outcome-terms.schema.json (times: unix seconds, ISO-8601 date-times, or '+30d' relative to the latest block).",
  );

/** The escrow terms file. An outcome's `missionId` may be left out: it is the escrow's own. */
export const escrowTermsSchema = withJsonSchema(
  escrowTermsObject.superRefine((t, ctx) => {
    if ((t.outcomes === undefined) === (t.schedule === undefined)) {
      const message = "write exactly one of outcomes and schedule";
      ctx.addIssue({ code: "custom", path: [t.outcomes === undefined ? "outcomes" : "schedule"], message });
    }
    (t.outcomes ?? []).forEach((o, i) => {
      if (o.missionId !== undefined && o.missionId !== t.missionId) {
        const message = `must be the escrow's missionId (${t.missionId}) or left out`;
        ctx.addIssue({ code: "custom", path: ["outcomes", i, "missionId"], message });
      }
    });
    const seen = new Set<string>();
    t.beneficiaries.forEach((b, i) => {
      const key = b.account.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["beneficiaries", i, "account"], message: "duplicate beneficiary" });
      seen.add(key);
    });
  }),
  {
    loaderOnly: "an outcome's missionId is the escrow's; beneficiaries are distinct",
    also: { oneOf: [{ required: ["outcomes"] }, { required: ["schedule"] }] },
  },
);

export type EscrowTermsFile = z.output<typeof escrowTermsSchema>;

/** The `IOutcomeEscrow.Terms` struct as ethers encodes it. */
export interface ContractTerms {
  token: string;
  missionId: bigint;
  goalVersion: number;
  fundingDeadline: bigint;
  minFunding: bigint;
  settlementDeadline: bigint;
  gracePeriod: number;
  outcomes: OutcomeTermStruct[];
  beneficiaries: { account: string; weight: bigint }[];
}

/**
 * Converts a parsed terms file to the contract struct; a problem is a one-line CliError naming the field.
 * @param now The latest block time: relative times ("+30d") count from it.
 * @param decimals The token's decimals (amounts are in whole tokens).
 * @param file When given, prefixes error messages (as parse errors are).
 * @param token The token chosen by the caller (`--token`, or the example deployment's); default: the file's.
 */
export function toContractTerms(
  t: EscrowTermsFile,
  now: bigint,
  decimals: number,
  file?: string,
  token = t.token,
): ContractTerms {
  try {
    return convert(t, now, decimals, token);
  } catch (err) {
    if (err instanceof CliError && file !== undefined) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
}

const UINT128_MAX = 2n ** 128n - 1n;

function convert(t: EscrowTermsFile, now: bigint, decimals: number, token: string | undefined): ContractTerms {
  const minFunding = toBaseUnits(t.minFunding, decimals);
  if (!minFunding.ok) throw new CliError(`minFunding: ${minFunding.reason} (got "${t.minFunding}")`);
  if (minFunding.value > UINT128_MAX) {
    throw new CliError(
      `minFunding: ${t.minFunding} is out of range (at most ${tokenText(UINT128_MAX, decimals)} tokens)`,
    );
  }
  const fundingDeadline = toTime(t.fundingDeadline, now, "fundingDeadline");
  const settlementDeadline = toTime(t.settlementDeadline, now, "settlementDeadline");
  if (settlementDeadline < fundingDeadline)
    throw new CliError("settlementDeadline: must not be before fundingDeadline");
  const gracePeriod = toDuration(t.gracePeriod);
  if (gracePeriod >= 2n ** 32n) throw new CliError("gracePeriod: must fit in 32 bits");
  if (t.schedule !== undefined || t.outcomes === undefined) throw new CliError(SCHEDULE_NOT_DEPLOYABLE);
  const outcomes = toOutcomeTerms(
    t.outcomes.map((o) => ({ ...o, missionId: t.missionId })),
    "outcomes",
  );
  if (token === undefined) throw new CliError("token: required (in the file or with --token)");
  return {
    token,
    missionId: t.missionId,
    goalVersion: t.goalVersion,
    fundingDeadline,
    minFunding: minFunding.value,
    settlementDeadline,
    gracePeriod: Number(gracePeriod),
    outcomes,
    beneficiaries: t.beneficiaries.map((b) => ({ account: b.account, weight: b.weight })),
  };
}

/** The `IScheduledEscrow.ScheduledTerms` struct as ethers encodes it (a terms file with a schedule). */
export interface ScheduledContractTerms {
  token: string;
  missionId: bigint;
  goalVersion: number;
  fundingDeadline: bigint;
  gracePeriod: number;
  paymentSchedule: ScheduleStruct;
  beneficiaries: { account: string; weight: bigint }[];
}

/**
 * Converts a parsed terms file with a schedule to the `ScheduledEscrowFactory.createEscrow` struct; a problem is a
 * one-line CliError naming the field. A scheduled escrow has no minimum funding (`minFunding` must be 0) and no single
 * settlement deadline (each point has its own; `settlementDeadline` is not used). Parameters as `toContractTerms`.
 */
export function toScheduledTerms(
  t: EscrowTermsFile,
  now: bigint,
  decimals: number,
  file?: string,
  token = t.token,
): ScheduledContractTerms {
  const prefix = file === undefined ? "" : `${file}: `;
  const minFunding = toBaseUnits(t.minFunding, decimals);
  if (!minFunding.ok || minFunding.value !== 0n) {
    throw new CliError(
      `${prefix}minFunding: a scheduled escrow has no minimum funding; write "0" (got "${t.minFunding}")`,
    );
  }
  const paymentSchedule = toEscrowSchedule(t, now, decimals, file);
  const gracePeriod = toDuration(t.gracePeriod);
  if (gracePeriod >= 2n ** 32n) throw new CliError(`${prefix}gracePeriod: must fit in 32 bits`);
  if (token === undefined) throw new CliError(`${prefix}token: required (in the file or with --token)`);
  return {
    token,
    missionId: t.missionId,
    goalVersion: t.goalVersion,
    fundingDeadline: toTime(t.fundingDeadline, now, "fundingDeadline"),
    gracePeriod: Number(gracePeriod),
    paymentSchedule,
    beneficiaries: t.beneficiaries.map((b) => ({ account: b.account, weight: b.weight })),
  };
}

/** Why `toContractTerms` (an OutcomeEscrow's terms) refuses a terms file with a schedule (one line): `toScheduledTerms` takes it. */
export const SCHEDULE_NOT_DEPLOYABLE =
  "schedule: a payment schedule is settled by a scheduled escrow, not an OutcomeEscrow (toScheduledTerms, ScheduledEscrowFactory)";

/**
 * The schedule of a terms file as the `IPaymentSchedule.Schedule` struct, every rule of docs/payment-schedules.md
 * checked (slots may leave their missionId out: the escrow's). Errors name the file (when given) and field.
 */
export function toEscrowSchedule(t: EscrowTermsFile, now: bigint, decimals: number, file?: string): ScheduleStruct {
  const prefix = file === undefined ? "" : `${file}: `;
  if (t.schedule === undefined) throw new CliError(`${prefix}schedule: this terms file has none (it has outcomes)`);
  try {
    return toSchedule(t.schedule, { decimals, now, missionId: t.missionId });
  } catch (err) {
    if (err instanceof CliError) throw new CliError(`${prefix}${err.message}`);
    throw err;
  }
}

/** Validates a terms document (parsed JSON); any problem is a one-line CliError naming the field after `prefix`. */
export function parseEscrowTerms(raw: unknown, prefix = ""): EscrowTermsFile {
  const parsed = escrowTermsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(describeZodError(parsed.error, prefix));
  return parsed.data;
}
