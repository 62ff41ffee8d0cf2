/**
 * A zod error as one line naming the field — the terms files' and flags' messages. A module of its own (only zod's
 * types), so the terms formats stay browser-safe: the web app's create page checks files with the same words.
 */
import type { z } from "zod";

/** One line naming the first failing field of a zod error, e.g. `goals.0.target: Expected number`. */
export function describeZodError(error: z.ZodError, prefix = ""): string {
  const issue = error.issues[0];
  if (issue === undefined) return `${prefix}invalid input`;
  const where = issue.path.length > 0 ? issue.path.join(".") : "(root)";
  return `${prefix}${where}: ${issue.message}`;
}
