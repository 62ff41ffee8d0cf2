/**
 * A form's fields checked by the CLI's own parsers (`scripts/formats/flag.ts` and the format modules): the same
 * one-line message, naming the field, without the flag's `--`.
 */
import type { z } from "zod";
import { CliError } from "../../scripts/core/cli-error.js";
import { parseFlag } from "../../scripts/formats/flag.js";

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs a CLI check; its CliError becomes the field's message (any other error is a bug and propagates). */
export function checked<T>(parse: () => T): Checked<T> {
  try {
    return { ok: true, value: parse() };
  } catch (err) {
    if (err instanceof CliError) return { ok: false, error: err.message.replace(/^--/, "") };
    throw err;
  }
}

/** One field through a zod schema, as `parseFlag` checks a flag. */
export function parseField<T extends z.ZodTypeAny>(field: string, schema: T, value: string): Checked<z.infer<T>> {
  return checked(() => parseFlag(field, schema, value));
}
