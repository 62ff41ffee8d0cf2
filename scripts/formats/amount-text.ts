/**
 * Whole-token decimal text → base units, exactly, with no dependency: the one amount parser of the CLI's terms files
 * and flags (re-exported by `primitives.ts`) and of the web app's amount fields.
 */

/** Decimal text a person writes for an amount: digits, optionally a point and more digits (`1000`, `12.5`). */
export const DECIMAL_TEXT = /^[0-9]+(\.[0-9]+)?$/;

/** The result of converting whole-token text to base units. */
export type AmountResult = { ok: true; value: bigint } | { ok: false; reason: string };

/**
 * Whole-token decimal text → base units of a token with `decimals`, exactly. Fails (never rounds) when the text has
 * more fractional digits than the token, or is not decimal text.
 */
export function toBaseUnits(text: string, decimals: number): AmountResult {
  if (!DECIMAL_TEXT.test(text)) return { ok: false, reason: "must be a decimal amount, e.g. 1000.5" };
  const [whole = "0", fractional = ""] = text.split(".");
  if (fractional.length > decimals) return { ok: false, reason: `more than ${decimals} decimals` };
  return { ok: true, value: BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fractional.padEnd(decimals, "0") || "0") };
}
