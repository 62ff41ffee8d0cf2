/**
 * Amounts, times and addresses as the page prints them, through the CLI's own `units.ts`: whole tokens with the
 * symbol (`1000.5 dGBP`), ISO-8601 UTC times, percentages.
 */
import { toBaseUnits } from "../../scripts/formats/amount-text.js";
import { formatTokens, isoTime, percentBps, percentWad, tokenText, type TokenUnits } from "../../scripts/core/units.js";

export { formatTokens, isoTime, percentBps, percentWad, tokenText, type TokenUnits };

/** `0x1234…abcd`: an address short enough for a phone; the full one goes in `title` and the accessible name. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/**
 * What a person typed in an amount field (spaces around allowed) as base units, or undefined when it is not one
 * (sign, letters, more decimals than the token): the CLI's own parser, `scripts/formats/amount-text.ts`.
 */
export function parseTokens(text: string, decimals: number): bigint | undefined {
  const parsed = toBaseUnits(text.trim(), decimals);
  return parsed.ok ? parsed.value : undefined;
}
