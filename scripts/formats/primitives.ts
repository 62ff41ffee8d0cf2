/**
 * The one set of input primitives: every flag, terms file, mission document helper and the reporter parse
 * addresses, integers, amounts, durations and times through these, so one kind of value is checked one way and
 * fails with the same one-line message everywhere.
 *
 * Two families: *flag* schemas take the string Hardhat hands a task; *JSON* schemas take a JSON number or string
 * (for values beyond 2^53 a decimal string).
 */
import { getAddress, type Address } from "viem";
import { DECIMAL_TEXT } from "./amount-text.js";
import { z } from "zod";
import { numberOrText, withJsonSchema } from "./json-schema.js";

const ADDRESS_SHAPE = /^0x[0-9a-fA-F]{40}$/;
const UINT_TEXT = /^[0-9]+$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const OFFSET = /^\+([0-9]{1,9})([smhdw])$/;
const SPAN = /^[0-9]{1,9}[smhdw]$/;
const ISO_DATE_TIME = z.string().datetime({ offset: true });

/* ---------------------------------------------------------------------------------------------------------- */
/* Addresses                                                                                                   */
/* ---------------------------------------------------------------------------------------------------------- */

/** True for a string shaped like a 20-byte hex address (no checksum check). */
export const isAddressShape = (value: string): boolean => ADDRESS_SHAPE.test(value);

/**
 * A 20-byte address: any all-lower or all-upper case hex is accepted (no checksum to check), but a MIXED-case
 * address must carry a valid EIP-55 checksum — a wrong one usually means a mistyped character, so it is refused
 * with one line naming the field and the checksummed form of what was typed. Output: the checksummed address.
 */
export const eip55Address = withJsonSchema(
  z
    .string()
    .regex(ADDRESS_SHAPE, "must be a 0x-prefixed 20-byte address")
    .superRefine((value, ctx) => {
      const hex = value.slice(2);
      const mixed = /[a-f]/.test(hex) && /[A-F]/.test(hex);
      if (mixed && getAddress(value.toLowerCase()) !== value) {
        ctx.addIssue({
          code: "custom",
          message: `bad EIP-55 checksum (mixed-case address; did you mean ${getAddress(value.toLowerCase())}?)`,
        });
      }
    })
    .transform((value): string => getAddress(value.toLowerCase())),
  {
    name: "address",
    fragment: {
      description:
        "A 20-byte hex address. A mixed-case address must carry a valid EIP-55 checksum (checked by the loader).",
      type: "string",
      pattern: ADDRESS_SHAPE.source,
    },
  },
);

/** `eip55Address` typed as viem's `Address`, for viem's typed contract calls (the web app's forms). */
export const hexAddress = eip55Address.transform((a): Address => getAddress(a));

/** A 32-byte hex string (a hash). */
export const bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex string");

/* ---------------------------------------------------------------------------------------------------------- */
/* Integers                                                                                                    */
/* ---------------------------------------------------------------------------------------------------------- */

/** A JSON number or string; a missing value reads "Required" (a bare union would say "Invalid input"). */
export const numberOrString = (expected: string) =>
  z.union([z.number(), z.string()], {
    errorMap: (_issue, ctx) => ({ message: ctx.data === undefined ? "Required" : expected }),
  });

const isUint = (v: number | string): boolean =>
  typeof v === "number" ? Number.isSafeInteger(v) && v >= 0 : UINT_TEXT.test(v);

/** A non-negative integer written as a JSON integer or a decimal string (for values beyond 2^53), as a bigint. */
export const uint = withJsonSchema(
  numberOrString("must be a non-negative integer")
    .refine(isUint, "must be a non-negative integer")
    .transform((v) => BigInt(v)),
  {
    name: "uint",
    fragment: numberOrText(
      "A non-negative integer; write values beyond 2^53 as a decimal string.",
      { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
      UINT_TEXT,
    ),
  },
);

/** A non-negative integer flag (decimal digits), as a bigint. */
export const uintFlag = z
  .string()
  .regex(UINT_TEXT, "must be a non-negative integer")
  .transform((s) => BigInt(s));

/** A positive integer flag (decimal digits), as a bigint. */
export const positiveUintFlag = z
  .string()
  .regex(UINT_TEXT, "must be a positive integer")
  .transform((s) => BigInt(s))
  .refine((n) => n > 0n, "must be greater than zero");

/** Largest value of an unsigned integer of `bits` bits. */
export const uintMax = (bits: number): bigint => 2n ** BigInt(bits) - 1n;

/* ---------------------------------------------------------------------------------------------------------- */
/* Amounts                                                                                                     */
/* ---------------------------------------------------------------------------------------------------------- */

/** A token amount in whole tokens as decimal text, e.g. "1000000" or "12.5"; `message` is the field's wording. */
export const decimalAmount = (message = "must be a decimal amount, e.g. 1000.5") =>
  z.string().regex(DECIMAL_TEXT, message);

/** A token amount in a terms file: whole tokens as a decimal string (`"1000.5"`), converted with the token's decimals. */
export const tokenAmount = decimalAmount('must be a decimal token amount as a string, e.g. "1000.5"').describe(
  'Whole tokens, e.g. "1000.5".',
);

export { toBaseUnits, type AmountResult } from "./amount-text.js";

/* ---------------------------------------------------------------------------------------------------------- */
/* Durations and times                                                                                         */
/* ---------------------------------------------------------------------------------------------------------- */

/** Unix seconds of an ISO date-time, or of `now` plus an offset like "+30d". */
export function resolveTime(value: string, now: number): number {
  const offset = OFFSET.exec(value);
  if (offset !== null) return now + Number(offset[1]) * (UNIT_SECONDS[offset[2] ?? "s"] ?? 1);
  return Math.floor(Date.parse(value) / 1000);
}

/**
 * A point in time: unix seconds, an ISO-8601 date-time, or an offset `+<n><s|m|h|d|w>` from the chain's latest block
 * time (resolved by `toTime`). Parsing keeps the value as written.
 */
const TIME_FORMS = 'must be unix seconds, an ISO date-time, or relative like "+30d"';
export const time = withJsonSchema(
  numberOrString(TIME_FORMS).refine(
    (v) => (typeof v === "number" ? isUint(v) : OFFSET.test(v) || ISO_DATE_TIME.safeParse(v).success),
    TIME_FORMS,
  ),
  {
    name: "time",
    fragment: {
      description:
        "A point in time: unix seconds, an ISO-8601 date-time, or '+<n><s|m|h|d|w>' relative to the chain's latest block time when the file is loaded.",
      oneOf: [
        { type: "integer", minimum: 0, description: "Unix seconds." },
        { type: "string", pattern: OFFSET.source, description: 'Relative to the latest block, e.g. "+30d".' },
        { type: "string", format: "date-time" },
      ],
    },
  },
);
export type TimeInput = z.output<typeof time>;

/** Unix seconds of a parsed `time`; offsets count from `now`. */
export function timeSeconds(value: TimeInput, now: bigint): bigint {
  return typeof value === "number" ? BigInt(value) : BigInt(resolveTime(value, Number(now)));
}

/** A duration: seconds, or `<n><s|m|h|d|w>` like "30d". */
export const duration = withJsonSchema(
  numberOrString('must be seconds or like "30d"').refine(
    (v) => (typeof v === "number" ? isUint(v) : SPAN.test(v)),
    'must be seconds or like "30d"',
  ),
  {
    name: "duration",
    fragment: numberOrText("Seconds, or '<n><s|m|h|d|w>' such as \"30d\".", { type: "integer", minimum: 0 }, SPAN),
  },
);
export type DurationInput = z.output<typeof duration>;

/** Seconds of a parsed `duration`. */
export function toDuration(value: DurationInput): bigint {
  return typeof value === "number" ? BigInt(value) : BigInt(resolveTime(`+${value}`, 0));
}
