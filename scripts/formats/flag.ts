/**
 * One flag or form field through a zod schema, the error naming it: `--<flag>: <message> (got "<value>")`. No
 * dependency beyond zod, so the CLI (re-exported by `core/cli.ts`) and the web app's forms say the same line.
 */
import type { z } from "zod";
import { CliError } from "../core/cli-error.js";

/** Parses a flag with a zod schema; the error names the flag. */
export function parseFlag<T extends z.ZodTypeAny>(flag: string, schema: T, value: unknown): z.infer<T> {
  const result: z.SafeParseReturnType<unknown, z.infer<T>> = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CliError(`--${flag}: ${issue?.message ?? "invalid value"} (got "${String(value)}")`);
  }
  return result.data;
}
