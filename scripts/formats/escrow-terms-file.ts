/**
 * Escrow terms files on disk, for the CLI, the demo and the tests: read, validate (`parseEscrowTerms`), convert. The
 * formats themselves (escrow-terms.ts) stay free of node modules, so the web app's create page bundles them.
 */
import { readFileSync } from "node:fs";
import { CliError } from "../core/cli-error.js";
import { parseEscrowTerms, toContractTerms, type ContractTerms, type EscrowTermsFile } from "./escrow-terms.js";

/** Reads and validates a terms file (no chain needed); any problem is a one-line CliError naming the field. */
export function readEscrowTerms(file: string): EscrowTermsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new CliError(`--file: cannot read JSON from "${file}" (${(err as Error).message.split("\n")[0]})`);
  }
  return parseEscrowTerms(raw, `${file}: `);
}

/**
 * Reads, validates and converts a terms file for a token with `decimals`; relative times count from `now`; `token`
 * replaces the file's. Errors name the file and field.
 */
export function loadEscrowTerms(file: string, now: bigint, decimals: number, token?: string): ContractTerms {
  const parsed = readEscrowTerms(file);
  return toContractTerms(parsed, now, decimals, file, token ?? parsed.token);
}
