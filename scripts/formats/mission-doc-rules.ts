/**
 * Mission documents without a file system: parse → validate against `schemas/mission.schema.json` (ajv, draft 2020-12)
 * plus the cross-field rules the schema cannot express → content hash → the registry's `GoalInput[]`. Browser-safe
 * (ajv, canonicalize, viem; no node, no ethers): the CLI (`mission-doc.ts`, which reads the schema and the file from
 * disk) and the web app's steward page (which bundles the schema) both check a document here, one way.
 *
 * The content hash is defined here and only here: keccak256 of the UTF-8 bytes of the RFC 8785 (JCS) canonical
 * serialisation of the document as written (`canonicalize` package). Every error is a one-line CliError
 * `<JSON pointer>: <message>`.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import canonicalize from "canonicalize";
import { keccak256, stringToBytes, stringToHex, type Hex } from "viem";
import { CliError } from "../core/cli-error.js";
import { resolveTime } from "./primitives.js";
import { ROLE_NAMES, type RoleName } from "./roles.js";

export { ROLE_NAMES, roleNames, type RoleName } from "./roles.js";

export interface GoalDoc {
  metricKey: string;
  name: string;
  description?: string;
  unit: string;
  decimals: number;
  direction?: "increase" | "decrease";
  baseline: number;
  target: number;
  schedule: { firstPeriodEnd: string; periodLength?: number; periodCount?: number; reportingWindow: number };
  methodology?: string;
  dataSource?: string;
  evaluatorNotes?: string;
}

export interface MissionDoc {
  hashtag: string;
  title: string;
  summary: string;
  steward?: string;
  metadata?: { uri?: string; website?: string; license?: string; language?: string; tags?: string[] };
  region?: { name: string; country?: string; code?: string };
  goals: GoalDoc[];
  interventions?: { name: string; description?: string; provider?: string; metrics?: string[] }[];
  rolesWanted?: RoleName[];
}

/** The registry's `GoalInput` struct, as ethers and viem take it. */
export interface GoalInput {
  metricKey: Hex;
  baseline: bigint;
  target: bigint;
  firstPeriodEnd: bigint;
  periodLength: bigint;
  periodCount: number;
  reportingWindow: bigint;
  decimals: number;
}

/** A checked document: the document as written, its content hash and the registry's goals. */
export interface CheckedMission {
  doc: MissionDoc;
  contentHash: Hex;
  goals: GoalInput[];
}

/** A checked document loaded from `file` (the CLI's name for it in error lines). */
export interface LoadedMission extends CheckedMission {
  file: string;
}

export interface LoadOptions {
  /** Unix time (seconds) that relative schedules ('+30d') are resolved against and that deadlines must follow. */
  now: number;
}

// ajv-formats is CommonJS; under node16 resolution its default export arrives as the module namespace.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

/** The compiled `schemas/mission.schema.json` (its parsed JSON): the CLI reads it from disk, the app bundles it. */
export function compileMissionSchema(schema: object): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** keccak256 of the UTF-8 bytes of the RFC 8785 (JCS) canonical JSON of `value`. The one definition of the hash. */
export function contentHashOf(value: unknown): Hex {
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new CliError("(root): cannot be canonicalised");
  return keccak256(stringToBytes(canonical));
}

/** One line for the first ajv error: `<pointer>: <message>`, naming the missing/extra property itself. */
export function describeAjvError(error: ErrorObject): string {
  const at = error.instancePath;
  if (error.keyword === "required") {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return `${at}/${missing}: is required`;
  }
  if (error.keyword === "additionalProperties") {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return `${at}/${extra}: is not allowed`;
  }
  // Either branch of the date-time | offset anyOf may fail first; name both forms.
  if (at.endsWith("/firstPeriodEnd") && error.keyword !== "type") {
    return `${at}: must be an ISO 8601 date-time or an offset like "+30d"`;
  }
  return `${at === "" ? "(root)" : at}: ${error.message ?? "is invalid"}`;
}

/** Validates a parsed document against the schema (`check`) and the cross-field rules. Throws `<pointer>: <message>`. */
export function checkMissionDoc(check: ValidateFunction, value: unknown, options: LoadOptions): MissionDoc {
  if (!check(value)) {
    const first = check.errors?.[0];
    throw new CliError(first === undefined ? "(root): invalid" : describeAjvError(first));
  }
  const doc = value as MissionDoc;
  const keys = new Set<string>();
  doc.goals.forEach((goal, i) => {
    const at = `/goals/${i}`;
    if (keys.has(goal.metricKey)) throw new CliError(`${at}/metricKey: duplicate metric key "${goal.metricKey}"`);
    keys.add(goal.metricKey);
    if (goal.baseline === goal.target) throw new CliError(`${at}/target: must differ from baseline`);
    const implied = goal.target > goal.baseline ? "increase" : "decrease";
    if (goal.direction !== undefined && goal.direction !== implied) {
      throw new CliError(`${at}/direction: "${goal.direction}" disagrees with baseline → target (${implied})`);
    }
    scaleToInteger(goal.baseline, goal.decimals, `${at}/baseline`);
    scaleToInteger(goal.target, goal.decimals, `${at}/target`);
    const end = resolveTime(goal.schedule.firstPeriodEnd, options.now);
    if (end <= options.now) {
      throw new CliError(`${at}/schedule/firstPeriodEnd: must be in the future (${goal.schedule.firstPeriodEnd})`);
    }
    const count = goal.schedule.periodCount ?? 1;
    const last = end + (count - 1) * (goal.schedule.periodLength ?? 0) + goal.schedule.reportingWindow;
    if (last > 2 ** 40 - 1) throw new CliError(`${at}/schedule: last reporting deadline is beyond 2^40 seconds`);
  });
  doc.interventions?.forEach((intervention, i) => {
    intervention.metrics?.forEach((key, j) => {
      if (!keys.has(key)) throw new CliError(`/interventions/${i}/metrics/${j}: unknown metricKey "${key}"`);
    });
  });
  return doc;
}

/**
 * A human-unit number as an integer scaled by 10^decimals, exactly (no floating-point rounding): 72.5 with
 * decimals 1 → 725n. Throws when it has more decimal places than `decimals` or does not fit in uint64.
 */
export function scaleToInteger(value: number, decimals: number, pointer: string): bigint {
  const text = value.toString();
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (match === null) throw new CliError(`${pointer}: must be a non-negative number`);
  const digits = (match[1] ?? "") + (match[2] ?? "");
  const exponent = Number(match[3] ?? 0) - (match[2] ?? "").length + decimals;
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = BigInt(digits) * 10n ** BigInt(exponent);
  } else {
    const cut = digits.length + exponent;
    const dropped = cut > 0 ? digits.slice(cut) : digits;
    if (/[1-9]/.test(dropped)) throw new CliError(`${pointer}: ${value} has more than ${decimals} decimal places`);
    scaled = cut > 0 ? BigInt(digits.slice(0, cut)) : 0n;
  }
  if (scaled >= 2n ** 64n) throw new CliError(`${pointer}: ${value} × 10^${decimals} does not fit in 64 bits`);
  return scaled;
}

/** An on-chain integer back in human units: 725n with decimals 1 → "72.5". */
export function formatScaled(value: bigint, decimals: number): string {
  if (decimals === 0) return value.toString();
  const text = value.toString().padStart(decimals + 1, "0");
  const whole = text.slice(0, text.length - decimals);
  const frac = text.slice(text.length - decimals).replace(/0+$/, "");
  return frac === "" ? whole : `${whole}.${frac}`;
}

/** A short string (at most 31 UTF-8 bytes, as ethers' `encodeBytes32String`: the last byte stays 0) as a bytes32. */
function bytes32Text(text: string): Hex {
  if (stringToBytes(text).length > 31) throw new CliError(`"${text}" is longer than 31 bytes`);
  return stringToHex(text, { size: 32 });
}

/** The registry's `GoalInput[]` of a validated document. */
export function toGoalInputs(doc: MissionDoc, now: number): GoalInput[] {
  return doc.goals.map((goal, i) => ({
    metricKey: bytes32Text(goal.metricKey),
    baseline: scaleToInteger(goal.baseline, goal.decimals, `/goals/${i}/baseline`),
    target: scaleToInteger(goal.target, goal.decimals, `/goals/${i}/target`),
    firstPeriodEnd: BigInt(resolveTime(goal.schedule.firstPeriodEnd, now)),
    periodLength: BigInt(goal.schedule.periodLength ?? 0),
    periodCount: goal.schedule.periodCount ?? 1,
    reportingWindow: BigInt(goal.schedule.reportingWindow),
    decimals: goal.decimals,
  }));
}

/**
 * Parses and checks document text: the document, its content hash and its `GoalInput[]`. Throws a CliError
 * `<pointer>: <message>` (the CLI prefixes the file name).
 */
export function checkMissionText(check: ValidateFunction, text: string, options: LoadOptions): CheckedMission {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError(`(root): invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const doc = checkMissionDoc(check, value, options);
  return { doc, contentHash: contentHashOf(doc), goals: toGoalInputs(doc, options.now) };
}

/** Role names (comma-separated, case-insensitive) → the registry's bit mask. */
export function parseRoles(text: string, flag = "roles"): number {
  const names = text
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== "");
  if (names.length === 0) throw new CliError(`--${flag}: give at least one of ${ROLE_NAMES.join(", ")}`);
  let mask = 0;
  for (const name of names) {
    const index = ROLE_NAMES.indexOf(name as RoleName);
    if (index < 0) throw new CliError(`--${flag}: unknown role "${name}" (one of ${ROLE_NAMES.join(", ")})`);
    mask |= 1 << index;
  }
  return mask;
}
