/**
 * `pool:show`'s block for a classed pool (issue #13): per class its target, raise, return cap, what was distributed
 * to it and claimed from it (and with `--account` that account's shares and what it can claim now), and a text bar
 * of its band of the waterfall (principal / return to the class / provider's cut / not paid yet); then the provider
 * incentive, the guarantee and what the caps held back for the outcome payers.
 */
import { foldedCapWad } from "../../formats/capital-terms.js";
import { waterfallBar, waterfallSplit } from "../../core/capital-waterfall.js";
import { durationText, formatTokens, percentBps, tokenText, type TokenUnits } from "../../core/units.js";
import type { Chain } from "../../core/chain.js";
import type { ImpactPool } from "../../../typechain-types/index.js";
import { PoolShareClass__factory } from "../../../typechain-types/index.js";
import { capitalOf, type ClassInfo } from "./pool-classes.js";

const WAD = 10n ** 18n;
const sum = (values: bigint[]): bigint => values.reduce((a, b) => a + b, 0n);

/** A class's return cap as folded on chain, and what it was folded from. */
function capText(k: ClassInfo, capWad: bigint, term: bigint): string {
  const from = [
    ...(k.maxMultipleWad === 0n ? [] : [`multiple ×${tokenText(k.maxMultipleWad, 18)}`]),
    ...(k.maxRateWad === 0n ? [] : [`${tokenText(k.maxRateWad, 16)} %/yr simple over ${durationText(term)}`]),
  ];
  return `×${tokenText(capWad, 18)} principal (${from.join(" and ")}${from.length > 1 ? ", the tighter" : ""})`;
}

/** The classed pool's lines for `pool:show` (indented as its other lines). */
export async function classedPoolLines(
  c: Chain,
  pool: ImpactPool,
  units: TokenUnits,
  term: bigint,
  account?: string,
): Promise<string[]> {
  const cs = await capitalOf(c, pool);
  const fmt = (v: bigint) => formatTokens(v, units);
  const paid = (await pool.ledger()).totalPaid;
  const caps = cs.classes.map((k) => foldedCapWad(k, term) ?? WAD);
  const split = waterfallSplit(
    cs.classes.map((k, i) => ({ target: k.target, capWad: caps[i] ?? WAD })),
    BigInt(cs.providerBps),
    paid,
  );
  const lines = [
    `  capital      ${cs.classes.length} investor classes, paid down a waterfall of the ${fmt(paid)} the points paid (docs/capital-structure.md)`,
  ];
  for (const k of cs.classes) {
    const shares = PoolShareClass__factory.connect(k.token, c.ethers.provider);
    const [raised, distributions, claims] = await Promise.all([
      shares.totalSupply(),
      shares.queryFilter(shares.filters.ClassDistributed(), 0),
      shares.queryFilter(shares.filters.Claimed(), 0),
    ]);
    const s = split.classes[k.index];
    const distributed = sum(distributions.map((e) => e.args.amount));
    const claimed = sum(claims.map((e) => e.args.amount));
    let mine = "";
    if (account !== undefined) {
      const [held, due] = await Promise.all([shares.balanceOf(account), shares.claimable(account)]);
      mine = `; ${account} holds ${tokenText(held, units.decimals)} ${k.symbol}, claimable now ${fmt(due)}`;
    }
    lines.push(
      `  class ${k.index}      ${k.name} (${k.symbol}) at ${k.token}`,
      `    target ${fmt(k.target)}, raised ${fmt(raised)}; return cap ${capText(k, caps[k.index] ?? WAD, term)}`,
      `    distributed ${fmt(distributed)}, claimed ${fmt(claimed)}${mine}`,
    );
    if (s !== undefined)
      lines.push(
        `    ${waterfallBar(s)} principal ${fmt(s.principal)} of ${fmt(s.target)}, return ${fmt(s.toClass)} + provider ${fmt(s.providerCut)} of ${fmt(s.room)}`,
      );
  }
  if (cs.providerBps > 0n) {
    const cut = sum(split.classes.map((s) => s.providerCut));
    lines.push(
      `  provider     ${percentBps(cs.providerBps)} of every return above principal to ${cs.provider}: ${fmt(cut)} so far`,
    );
  }
  if (cs.guarantee > 0n)
    lines.push(`  guarantee    ${fmt(cs.guarantee)} by ${cs.guarantor}: ${await guaranteeText(pool, fmt)}`);
  lines.push(
    `  capped back  ${fmt(split.cappedBack)} to the outcome payers (above every class's capped return)`,
    "  legend       █ principal  ▓ return to the class  ▒ provider's cut  ░ not paid yet",
  );
  return lines;
}

/** Where the guarantee stands: not posted, posted, or called and returned at the last point. */
async function guaranteeText(pool: ImpactPool, fmt: (v: bigint) => string): Promise<string> {
  const [posted, called, returned] = await Promise.all([
    pool.queryFilter(pool.filters.GuaranteeCommitted(), 0),
    pool.queryFilter(pool.filters.GuaranteeCalled(), 0),
    pool.queryFilter(pool.filters.GuaranteeReturned(), 0),
  ]);
  if (posted.length === 0) return "not posted (a guarantee never posted covers nothing)";
  const [call] = called;
  const [back] = returned;
  if (call === undefined && back === undefined)
    return "posted; covers the senior classes' principal shortfall at the last point";
  const calledAmount = sum(Array.from(call?.args.toClasses ?? [], (v) => BigInt(v)));
  return `called ${fmt(calledAmount)} at the last point, ${fmt(back?.args.amount ?? 0n)} returned to the guarantor`;
}
