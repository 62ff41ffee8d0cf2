/**
 * The one table of the suite's custom errors, assembled from one table per domain: error name → the kind of each
 * argument and the sentence it reads as. A test keeps it equal to the ABIs (every error, every argument) and the
 * enums equal to the Solidity sources. The decoder that prints through it is `core/errors.ts`.
 */
import { COMMON_ERRORS } from "./common.js";
import { ESCROW_ERRORS } from "./escrow.js";
import type { ErrorFormat } from "./kinds.js";
import { ORACLE_ERRORS } from "./oracle.js";
import { OUTCOME_ERRORS } from "./outcomes.js";
import { POOL_ERRORS } from "./pool.js";
import { REGISTRY_ERRORS } from "./registry.js";
import { SCHEDULE_ERRORS } from "./schedule.js";

export { ENUMS, enumName, type EnumName } from "./enums.js";
export type { ArgKind, ErrorFormat, RevertContext, SuiteContract } from "./kinds.js";

const DOMAINS = [
  REGISTRY_ERRORS,
  ORACLE_ERRORS,
  ESCROW_ERRORS,
  OUTCOME_ERRORS,
  SCHEDULE_ERRORS,
  POOL_ERRORS,
  COMMON_ERRORS,
];

/** Every custom error of the suite (and of the OpenZeppelin code it inherits), by name. */
export const ERRORS: Record<string, ErrorFormat> = Object.fromEntries(
  DOMAINS.flatMap((table) => Object.entries(table)),
);

/** Names that two domain tables both define (none: an error shared by several contracts lives in `common.ts`). */
export function duplicateErrorNames(): string[] {
  const seen = new Set<string>();
  return DOMAINS.flatMap((table) => Object.keys(table)).filter((name) => seen.has(name) || !seen.add(name));
}
