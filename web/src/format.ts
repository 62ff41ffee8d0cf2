/**
 * Amounts, times and addresses as the page prints them, through the CLI's own `units.ts`: whole tokens with the
 * symbol (`1000.5 dGBP`), ISO-8601 UTC times, percentages.
 */
import { formatTokens, isoTime, percentWad, tokenText, type TokenUnits } from "../../scripts/core/units.js";

export { formatTokens, isoTime, percentWad, tokenText, type TokenUnits };

/** `0x1234…abcd`: an address short enough for a phone; the full one goes in `title` and the accessible name. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** A decimal text in whole tokens (`12.5`) as base units, or undefined when it is not one (sign, letters, too many decimals). */
export function parseTokens(text: string, decimals: number): bigint | undefined {
  const match = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (match === null) return undefined;
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return undefined;
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}
