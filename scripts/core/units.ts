/**
 * Units a person reads, for everything the CLI prints (errors, show, list, status) and the open-data human columns:
 * token amounts in whole tokens with the token's symbol, times as ISO-8601 UTC, durations in days/hours, WAD and
 * basis-point fractions as percentages, goal-scaled metric values with the goal's decimals. Inputs are parsed by
 * `formats/primitives.ts`; this is the other direction.
 */

/** What is needed to print an amount of one token: its decimals and symbol. */
export interface TokenUnits {
  decimals: number;
  symbol: string;
}

/** Unix seconds beyond this are not dates (JavaScript dates end in the year 275760). */
const LAST_DATE_SECONDS = 8_640_000_000_000n;

/** Unix seconds as an ISO-8601 UTC time without milliseconds (`2030-06-30T23:59:59Z`). */
export function isoTime(seconds: bigint | number): string {
  const s = BigInt(seconds);
  if (s < 0n || s > LAST_DATE_SECONDS) return `${s} (unix seconds)`;
  return new Date(Number(s) * 1000).toISOString().replace(".000Z", "Z");
}

/** A base-unit amount as exact whole-token decimal text, without trailing zeros (`1000.5`, `12`). */
export function tokenText(amount: bigint, decimals: number): string {
  const magnitude = amount < 0n ? -amount : amount;
  const unit = 10n ** BigInt(decimals);
  const fraction = (magnitude % unit).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${amount < 0n ? "-" : ""}${magnitude / unit}${fraction === "" ? "" : `.${fraction}`}`;
}

/** A base-unit amount in whole tokens with the symbol (`1000.5 USDC`); in base units when the token is unknown. */
export function formatTokens(amount: bigint, token: TokenUnits | undefined): string {
  if (token === undefined) return `${amount} base units`;
  return `${tokenText(amount, token.decimals)} ${token.symbol}`;
}

/** A goal-scaled integer metric value with the goal's `decimals` (`725`, 1 → `72.5`); as it is when unknown. */
export function metricText(value: bigint, decimals: number | undefined): string {
  return decimals === undefined ? value.toString() : tokenText(value, decimals);
}

/** A WAD fraction (1e18 = 100 %) as a percentage (`85 %`, `12.5 %`). */
export function percentWad(wad: bigint): string {
  return `${tokenText(wad, 16)} %`;
}

/** Basis points (10 000 = 100 %) as a percentage. */
export function percentBps(bps: bigint | number): string {
  return `${tokenText(BigInt(bps), 2)} %`;
}

/**
 * Seconds as a duration a person reads, in days, hours, minutes and seconds with the zero parts left out: `14 d`,
 * `30 d 1 h`, `1 min 30 s`, `0 s`. The one duration format of the CLI (errors, show, terms checks).
 */
export function durationText(seconds: bigint | number): string {
  const s = BigInt(seconds);
  const units: [bigint, string][] = [
    [86_400n, "d"],
    [3_600n, "h"],
    [60n, "min"],
    [1n, "s"],
  ];
  let rest = s < 0n ? -s : s;
  const parts: string[] = [];
  for (const [size, name] of units) {
    if (rest >= size) parts.push(`${rest / size} ${name}`);
    rest %= size;
  }
  return parts.length === 0 ? "0 s" : `${s < 0n ? "-" : ""}${parts.join(" ")}`;
}
