/**
 * The classed pool's waterfall as `pool:show` draws it: the cumulative split of the amount the points paid, `P`, the
 * same pure function as `CapitalWaterfall.split` (docs/capital-structure.md) — in seniority order each class's
 * principal band (its target), then its return band (target × (cap − 1), rounded down), the provider's share of each
 * return band (rounded down); above every band is capped back to the outcome payers.
 */
const WAD = 10n ** 18n;

/** One class as the waterfall reads it: its target and its folded cap (a WAD multiple of the target). */
export interface WaterfallClass {
  target: bigint;
  capWad: bigint;
}

/** The cumulative split of `P` for one class. */
export interface ClassSplit {
  /** Principal band paid, and its size (the target). */
  principal: bigint;
  target: bigint;
  /** Return band paid to the class (after the provider's cut), the provider's cut of it, and the band's size. */
  toClass: bigint;
  providerCut: bigint;
  room: bigint;
}

const band = (paid: bigint, floor: bigint, size: bigint): bigint =>
  paid <= floor ? 0n : paid - floor < size ? paid - floor : size;

/** The split of `paid` down `classes` with a provider incentive of `providerBps`. */
export function waterfallSplit(
  classes: WaterfallClass[],
  providerBps: bigint,
  paid: bigint,
): { classes: ClassSplit[]; cappedBack: bigint } {
  let floor = 0n;
  const out = classes.map((c) => {
    const principal = band(paid, floor, c.target);
    floor += c.target;
    const room = (c.target * (c.capWad - WAD)) / WAD; // rounded down, as wMulDown
    const ret = band(paid, floor, room);
    floor += room;
    const providerCut = (ret * providerBps) / 10_000n; // rounded down, as bpsMulDown
    return { principal, target: c.target, toClass: ret - providerCut, providerCut, room };
  });
  return { classes: out, cappedBack: paid > floor ? paid - floor : 0n };
}

/**
 * A class's band as a text bar of `width` cells: principal paid `█`, return to the class `▓`, the provider's cut
 * `▒`, still open `░`. Each boundary is the cumulative amount rounded to the nearest cell, so a band paid in full
 * fills the bar.
 */
export function waterfallBar(s: ClassSplit, width = 30): string {
  const total = s.target + s.room;
  const w = BigInt(width);
  const at = (v: bigint) => (total === 0n ? 0 : Number((2n * v * w + total) / (2n * total)));
  const b1 = at(s.principal);
  const b2 = at(s.principal + s.toClass);
  const b3 = at(s.principal + s.toClass + s.providerCut);
  return `[${"█".repeat(b1)}${"▓".repeat(b2 - b1)}${"▒".repeat(b3 - b2)}${"░".repeat(width - b3)}]`;
}
