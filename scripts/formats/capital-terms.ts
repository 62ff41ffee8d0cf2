/**
 * A classed impact pool's capital structure (issue #13, docs/capital-structure.md) as the `capital` section of a
 * scheduled pool terms file, and its conversion to `IImpactPoolFactory.CapitalStructure`. Every rule the factory
 * enforces (`CapitalWaterfall.prepare`) is checked here first, one line naming the field.
 *
 * Return caps: a maximum multiple of principal and/or a maximum annual rate over the bond's term (raise deadline →
 * settlement deadline, 365-day years). A simple rate goes to the contract as it is (`maxRateWad`, which the factory
 * folds into `WAD + rate × term / 365 days`, rounded down). The contract has no compound input, so an annually
 * compounded rate is converted here to the multiple it reaches over the term — `(1 + r)^n × (1 + r × f)` for `n`
 * whole years and a fraction `f` of a year left (interest credited at each year end, accruing simply within a year),
 * computed exactly in bigint and rounded DOWN once to WAD (the side that favours the outcome payers) — and passed as
 * the multiple cap, the tighter of it and any explicit `maxMultiple`.
 */
import { z } from "zod";
import { CliError } from "../core/cli-error.js";
import { fraction, WAD } from "./outcome-terms.js";
import { eip55Address, toBaseUnits, tokenAmount, uintMax } from "./primitives.js";

export const YEAR_SECONDS = 365n * 86_400n;
const UINT64_MAX = uintMax(64);
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

const classSchema = z
  .object({
    name: z.string().min(1).max(31).describe("The class's share token name, 1-31 bytes."),
    symbol: z.string().min(1).max(31).describe("The class's share token symbol, 1-31 bytes."),
    target: tokenAmount.describe(
      'The class\'s raise target in whole tokens, e.g. "75000"; the targets sum to capitalTarget.',
    ),
    maxMultiple: fraction
      .optional()
      .describe(
        "Most the class receives from outcome payments, as a multiple of its principal (at least 1, e.g. 1.2).",
      ),
    maxAnnualRate: fraction
      .optional()
      .describe(
        "Most the class's return as an annual rate (0.1 = 10 %/yr) over the bond's term: raise deadline to settlement deadline, 365-day years.",
      ),
    compounding: z
      .enum(["simple", "annual"])
      .optional()
      .describe(
        "How maxAnnualRate accrues (default simple). simple: the factory folds 1 + rate x term / 365 days (rounded down). annual: the loader converts it to the multiple (1 + rate)^n x (1 + rate x f) over n whole years and a fraction f of a year, exact then rounded down to WAD (favours the payers), passed as the multiple cap (the tighter with maxMultiple).",
      ),
  })
  .strict()
  .describe("One investor class; at least one of maxMultiple and maxAnnualRate.");

/** The `capital` section of a scheduled pool terms file. */
export const capitalSchema = z
  .object({
    classes: z
      .array(classSchema)
      .min(1, "needs 1 to 3 classes")
      .max(3, "needs 1 to 3 classes")
      .describe(
        "1 to 3 investor classes from most senior to most junior (the order is the seniority); each its own transferable share token, paid down the waterfall: each class's principal, then its capped return, in order.",
      ),
    providerShare: z
      .object({
        provider: z
          .union([z.number().int().nonnegative(), z.string().min(1)])
          .describe("The provider receiving the share: its index in providers, or its name there."),
        share: fraction.describe("Fraction of every class's return above principal (whole basis points, at most 1)."),
      })
      .strict()
      .optional()
      .describe("The provider incentive: a share of what investors receive above principal."),
    guarantee: z
      .object({
        guarantor: eip55Address.describe("Who posts the guarantee (pool:guarantee) while the pool is Funded."),
        amount: tokenAmount.describe(
          "Whole tokens, at most the senior classes' capital (all but the most junior class).",
        ),
      })
      .strict()
      .optional()
      .describe(
        "Covers the senior classes' principal shortfall at the last point, up to the amount; the rest returns to the guarantor. Never posted, it covers nothing.",
      ),
  })
  .strict()
  .describe(
    "A classed pool's capital structure (docs/capital-structure.md): pool:create deploys the pool through createClassedPool. Only with a schedule.",
  );

export type CapitalInput = z.output<typeof capitalSchema>;

/** `IImpactPoolFactory.ShareClassTerms`. */
export interface ShareClassStruct {
  name: string;
  symbol: string;
  seniority: number;
  target: bigint;
  maxMultipleWad: bigint;
  maxRateWad: bigint;
}

/** `IImpactPoolFactory.CapitalStructure`. */
export interface CapitalStructureStruct {
  classes: ShareClassStruct[];
  guarantor: string;
  guarantee: bigint;
  provider: string;
  providerBps: number;
}

/**
 * The multiple an annually compounded `rateWad` reaches over `termSeconds` (365-day years), in WAD, rounded DOWN
 * once: `(1 + r)^n × (1 + r × f)` for `n` whole years and the fraction `f` left, computed exactly. Stops early (and
 * returns a value above 2^64) once it passes the largest multiple a cap can hold.
 */
export function compoundMultipleWad(rateWad: bigint, termSeconds: bigint): bigint {
  const years = termSeconds / YEAR_SECONDS;
  const rest = termSeconds % YEAR_SECONDS;
  // The exact multiple is num / den; every factor is kept exact until the single division.
  let num = WAD;
  let den = 1n;
  for (let y = 0n; y < years; y++) {
    num *= WAD + rateWad;
    den *= WAD;
    if (num / den > UINT64_MAX) return num / den;
  }
  num *= WAD * YEAR_SECONDS + rateWad * rest;
  den *= WAD * YEAR_SECONDS;
  return num / den; // rounded down
}

/** The simple-rate cap the factory folds: `WAD + rate × term / 365 days`, rounded down (`CapitalWaterfall.prepare`). */
export const simpleRateCapWad = (rateWad: bigint, termSeconds: bigint): bigint =>
  WAD + (rateWad * termSeconds) / YEAR_SECONDS;

/**
 * The one cap a class gets on chain (a WAD multiple of its target): the tighter of its multiple cap and its simple
 * rate cap over `termSeconds`, as `CapitalWaterfall.prepare` folds them; `undefined` when neither is set.
 */
export function foldedCapWad(c: { maxMultipleWad: bigint; maxRateWad: bigint }, termSeconds: bigint) {
  const caps = [
    ...(c.maxMultipleWad === 0n ? [] : [c.maxMultipleWad]),
    ...(c.maxRateWad === 0n ? [] : [simpleRateCapWad(c.maxRateWad, termSeconds)]),
  ];
  return caps.length === 0 ? undefined : caps.reduce((a, b) => (a < b ? a : b));
}

const fail = (field: string, message: string): never => {
  throw new CliError(`${field}: ${message}`);
};

function baseUnits(field: string, text: string, decimals: number): bigint {
  const r = toBaseUnits(text, decimals);
  return r.ok ? r.value : fail(field, `${r.reason} (got "${text}")`);
}

/** What converting a capital section needs: the pool's capital target, providers, term and the token's decimals. */
export interface CapitalContext {
  decimals: number;
  capitalTarget: bigint;
  fundCap: bigint;
  termSeconds: bigint;
  providers: { name: string; address: string }[];
}

/**
 * Converts a parsed `capital` section to the struct `createClassedPool` takes, in the factory's order of checks
 * (targets, caps, order, then the sum, the guarantee, the incentive, the 2^94 bound); one line naming the field.
 */
export function toCapitalStructure(c: CapitalInput, ctx: CapitalContext): CapitalStructureStruct {
  let sum = 0n;
  const classes = c.classes.map((k, i): ShareClassStruct => {
    const at = `capital.classes.${i}`;
    const target = baseUnits(`${at}.target`, k.target, ctx.decimals);
    if (target === 0n) fail(`${at}.target`, "must be greater than zero");
    sum += target;
    if (k.maxMultiple === undefined && k.maxAnnualRate === undefined)
      fail(at, "needs a return cap: maxMultiple and/or maxAnnualRate");
    if (k.compounding !== undefined && k.maxAnnualRate === undefined)
      fail(`${at}.compounding`, "only with maxAnnualRate");
    if (k.maxMultiple !== undefined && k.maxMultiple < WAD)
      fail(`${at}.maxMultiple`, "must be at least 1 (a class must be able to get its principal back)");
    if (k.maxMultiple !== undefined && k.maxMultiple > UINT64_MAX) fail(`${at}.maxMultiple`, "must be at most 18.44");
    if (k.maxAnnualRate === 0n) fail(`${at}.maxAnnualRate`, "must be above 0 (leave it out for no rate cap)");
    let maxMultipleWad = k.maxMultiple ?? 0n;
    let maxRateWad = 0n;
    if (k.maxAnnualRate !== undefined && k.compounding === "annual") {
      const compound = compoundMultipleWad(k.maxAnnualRate, ctx.termSeconds);
      if (maxMultipleWad === 0n || compound < maxMultipleWad) maxMultipleWad = compound;
      if (maxMultipleWad > UINT64_MAX)
        fail(`${at}.maxAnnualRate`, "compounded over the term it is above 18.44x, the largest cap a class can hold");
    } else if (k.maxAnnualRate !== undefined) {
      if (k.maxAnnualRate > UINT64_MAX) fail(`${at}.maxAnnualRate`, "must be at most 18.44 (1844 %/yr)");
      maxRateWad = k.maxAnnualRate;
    }
    return { name: k.name, symbol: k.symbol, seniority: i, target, maxMultipleWad, maxRateWad };
  });
  if (sum !== ctx.capitalTarget)
    fail("capital.classes", `the class targets sum to ${sum} base units, not the capital target ${ctx.capitalTarget}`);
  const last = classes[classes.length - 1];
  const senior = classes.length === 1 || last === undefined ? sum : sum - last.target;
  let guarantor = ZERO_ADDRESS;
  let guarantee = 0n;
  if (c.guarantee !== undefined) {
    guarantor = c.guarantee.guarantor;
    guarantee = baseUnits("capital.guarantee.amount", c.guarantee.amount, ctx.decimals);
    if (guarantee === 0n) fail("capital.guarantee.amount", "must be above 0 (leave the guarantee out for none)");
    if (guarantee > senior)
      fail("capital.guarantee.amount", `above the senior classes' capital (${senior} base units)`);
    if (guarantor.toLowerCase() === ZERO_ADDRESS) fail("capital.guarantee.guarantor", "zero address");
  }
  let provider = ZERO_ADDRESS;
  let providerBps = 0;
  if (c.providerShare !== undefined) {
    const p = c.providerShare.provider;
    const index = typeof p === "number" ? p : ctx.providers.findIndex((x) => x.name === p);
    const named = ctx.providers[index];
    if (named === undefined)
      fail("capital.providerShare.provider", `no provider ${typeof p === "number" ? `#${p}` : `named "${p}"`}`);
    provider = named?.address ?? ZERO_ADDRESS;
    const bpsWad = c.providerShare.share * 10_000n;
    if (bpsWad % WAD !== 0n) fail("capital.providerShare.share", "must be a whole number of basis points");
    if (bpsWad > 10_000n * WAD) fail("capital.providerShare.share", "must be at most 1");
    providerBps = Number(bpsWad / WAD);
  }
  const total = ctx.capitalTarget + ctx.fundCap + guarantee;
  if (total >= 2n ** 94n)
    fail("capital", "capital + fundCap + guarantee must stay below 2^94 base units (the class tokens' bound)");
  return { classes, guarantor, guarantee, provider, providerBps };
}
