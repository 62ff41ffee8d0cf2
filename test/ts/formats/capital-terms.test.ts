import { readFileSync } from "node:fs";
import { expect } from "chai";
import { compoundMultipleWad, foldedCapWad, YEAR_SECONDS } from "../../../scripts/formats/capital-terms.js";
import { buildClassedPoolTerms, buildScheduledPoolTerms } from "../../../scripts/formats/pool-terms.js";
import { CliError } from "../../../scripts/core/cli-error.js";
import { checkTerms } from "../../../web/src/create/terms.js";

const FILE = "examples/pools/classed-outcomes-pool.json";
const E18 = 10n ** 18n;
const DAY = 86_400n;
/** A block time before the example's absolute dates (2031–2033): its raise deadline is now + 30 days. */
const NOW = 1_900_000_000n;
const HOMESHARE = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
const PHILANTHROPY = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

type Json = Record<string, unknown> & { capital: Record<string, unknown> & { classes: Record<string, unknown>[] } };
const example = (): Json => JSON.parse(readFileSync(FILE, "utf8")) as Json;
const build = (doc: unknown, decimals = 18) => buildClassedPoolTerms(doc, { now: NOW, decimals, token: TOKEN });

/** The one line `buildClassedPoolTerms` refuses `doc` with. */
function refusal(doc: unknown): string {
  try {
    build(doc);
  } catch (err) {
    if (err instanceof CliError) return err.message;
    throw err;
  }
  throw new Error("accepted");
}

describe("classed pool terms: the capital section (formats/capital-terms.ts)", () => {
  describe("an annually compounded rate cap as its multiple over the term (WAD, rounded down once)", () => {
    it("10 %/yr over 3 years is 1.1^3 = 1.331 exactly", () => {
      expect(compoundMultipleWad(E18 / 10n, 3n * YEAR_SECONDS)).to.equal(1_331_000_000_000_000_000n);
    });

    it("10 %/yr over 1.5 years: a whole year compounded, then half a year simple: 1.1 × 1.05 = 1.155", () => {
      expect(compoundMultipleWad(E18 / 10n, YEAR_SECONDS + YEAR_SECONDS / 2n)).to.equal(1_155_000_000_000_000_000n);
    });

    it("7 %/yr over 2 years and 100 days: 1.1449 × (1 + 0.07 × 100/365) = 1.16685698630136986301… → …863", () => {
      // 1.07² = 1.1449; 1.1449 × 7/365 = 8.0143/365 = 0.021956986301369863013698…; the sum rounded down in WAD.
      expect(compoundMultipleWad((7n * E18) / 100n, 2n * YEAR_SECONDS + 100n * DAY)).to.equal(
        1_166_856_986_301_369_863n,
      );
    });

    it("no term, no growth; and the simple rate the factory folds is below the compound one past a year", () => {
      expect(compoundMultipleWad(E18 / 10n, 0n)).to.equal(E18);
      // Simple: 1 + 0.1 × 3 = 1.3 < 1.331.
      expect(foldedCapWad({ maxMultipleWad: 0n, maxRateWad: E18 / 10n }, 3n * YEAR_SECONDS)).to.equal(
        (13n * E18) / 10n,
      );
      expect(foldedCapWad({ maxMultipleWad: (12n * E18) / 10n, maxRateWad: E18 / 10n }, 3n * YEAR_SECONDS)).to.equal(
        (12n * E18) / 10n,
      );
      expect(foldedCapWad({ maxMultipleWad: 0n, maxRateWad: 0n }, YEAR_SECONDS)).to.equal(undefined);
    });
  });

  it("converts the example: two classes in seniority order, the provider by name, the guarantee", () => {
    const { terms, capital } = build(example());
    expect(terms.capitalTarget).to.equal(100_000n * E18);
    expect(
      capital.classes.map((k) => [k.name, k.symbol, k.seniority, k.target, k.maxMultipleWad, k.maxRateWad]),
    ).to.deep.equal([
      ["Senior", "LIVE-SNR", 0, 75_000n * E18, (12n * E18) / 10n, 0n],
      ["Junior", "LIVE-JNR", 1, 25_000n * E18, (11n * E18) / 10n, 0n],
    ]);
    expect(capital).to.include({
      guarantor: PHILANTHROPY,
      guarantee: 56_250n * E18,
      provider: HOMESHARE,
      providerBps: 1_000,
    });
  });

  it("passes a simple rate through (the factory folds it) and folds a compound one into the multiple, the tighter", () => {
    const doc = example();
    const [senior, junior] = doc.capital.classes;
    // The bond's term: the raise deadline (now + 30 d) to 2033-03-31.
    const term = BigInt(Date.parse("2033-03-31T00:00:00Z") / 1000) - (NOW + 30n * DAY);
    Object.assign(senior!, { maxMultiple: undefined, maxAnnualRate: "0.05" });
    Object.assign(junior!, { maxMultiple: "1.5", maxAnnualRate: "0.08", compounding: "annual" });
    const { capital } = build(JSON.parse(JSON.stringify(doc)));
    expect(capital.classes[0]).to.include({ maxMultipleWad: 0n, maxRateWad: (5n * E18) / 100n });
    expect(capital.classes[1]).to.include({
      maxMultipleWad: compoundMultipleWad((8n * E18) / 100n, term),
      maxRateWad: 0n,
    });
    expect(capital.classes[1]!.maxMultipleWad < (15n * E18) / 10n).to.equal(true);
    // A multiple tighter than the compound rate stays.
    Object.assign(junior!, { maxMultiple: "1.01" });
    expect(build(JSON.parse(JSON.stringify(doc))).capital.classes[1]!.maxMultipleWad).to.equal((101n * E18) / 100n);
  });

  it("a scheduled pool without capital is unchanged, and buildClassedPoolTerms refuses it", () => {
    const doc = example();
    delete (doc as Partial<Json>).capital;
    expect(buildScheduledPoolTerms(doc, { now: NOW, decimals: 18, token: TOKEN }).capitalTarget).to.equal(
      100_000n * E18,
    );
    expect(refusal(doc)).to.equal("capital: this terms file has none (it is not a classed pool)");
  });

  it("refuses a capital section on a pool with a basket (a classed pool is paid at payment points)", () => {
    const basket = JSON.parse(readFileSync("examples/pools/education-pool.json", "utf8")) as Record<string, unknown>;
    basket.capital = example().capital;
    const line = "capital: only with a schedule (a classed pool is paid down its waterfall at each payment point)";
    expect(refusal(basket)).to.equal(line);
    expect(checkTerms("pool", JSON.stringify(basket), NOW, 18, TOKEN)).to.deep.equal({ ok: false, error: line });
  });

  it("the web app's create page takes a classed file as pool:create does: the same terms and capital structure", () => {
    const checked = checkTerms("pool", readFileSync(FILE, "utf8"), NOW, 18, TOKEN);
    if (!checked.ok) throw new Error(checked.error);
    const { terms, capital } = build(example());
    expect(checked.created).to.deep.equal({ contract: "classedPool", terms, capital });
    expect(checked.schedule).to.deep.equal(terms.paymentSchedule);
    // Its three yearly points, one curve each, charted and tried in the what-if like a scheduled pool's.
    expect(checked.charts.map((c) => c.label)).to.deep.equal([
      "Point 0 term 0: goal 0 period 1",
      "Point 1 term 0: goal 0 period 2",
      "Point 2 term 0: goal 0 period 3",
    ]);
    expect(checked.slots.map((s) => [s.missionId, s.goalId, s.period])).to.deep.equal([
      [5n, 0, 1],
      [5n, 0, 2],
      [5n, 0, 3],
    ]);
  });

  /** Every bad-input rule of the capital section, with its one line naming the field. */
  const bad: [string, (d: Json) => void, string][] = [
    ["no class", (d) => (d.capital.classes = []), "capital.classes: needs 1 to 3 classes"],
    [
      "a junior class declared senior (the order of classes is the seniority: no field sets it)",
      (d) => (d.capital.classes[1]!.seniority = 0),
      "capital.classes.1: Unrecognized key(s) in object: 'seniority'",
    ],
    ["four classes", (d) => d.capital.classes.push({}, {}), "capital.classes: needs 1 to 3 classes"],
    [
      "targets that do not sum to the capital target (ClassTargetsSum)",
      (d) => (d.capital.classes[1]!.target = "24999"),
      "capital.classes: the class targets sum to 99999000000000000000000 base units, not the capital target 100000000000000000000000",
    ],
    [
      "no cap (ZeroReturnCap)",
      (d) => delete d.capital.classes[0]!.maxMultiple,
      "capital.classes.0: needs a return cap: maxMultiple and/or maxAnnualRate",
    ],
    [
      "a multiple below 1 (ReturnCapBelowPrincipal)",
      (d) => (d.capital.classes[1]!.maxMultiple = "0.9"),
      "capital.classes.1.maxMultiple: must be at least 1 (a class must be able to get its principal back)",
    ],
    [
      "a rate of zero",
      (d) => (d.capital.classes[1]!.maxAnnualRate = "0"),
      "capital.classes.1.maxAnnualRate: must be above 0 (leave it out for no rate cap)",
    ],
    [
      "compounding without a rate",
      (d) => (d.capital.classes[0]!.compounding = "annual"),
      "capital.classes.0.compounding: only with maxAnnualRate",
    ],
    [
      "a compound rate beyond the largest cap",
      (d) =>
        Object.assign(d.capital.classes[0]!, { maxMultiple: undefined, maxAnnualRate: "9", compounding: "annual" }),
      "capital.classes.0.maxAnnualRate: compounded over the term it is above 18.44x, the largest cap a class can hold",
    ],
    [
      "an unknown compounding",
      (d) => (d.capital.classes[0]!.compounding = "monthly"),
      "capital.classes.0.compounding: Invalid enum value. Expected 'simple' | 'annual', received 'monthly'",
    ],
    [
      "a zero target",
      (d) => (d.capital.classes[0]!.target = "0"),
      "capital.classes.0.target: must be greater than zero",
    ],
    [
      "a guarantee above the senior capital (GuaranteeAboveSenior)",
      (d) => ((d.capital.guarantee as { amount: string }).amount = "75000.000000000000000001"),
      "capital.guarantee.amount: above the senior classes' capital (75000000000000000000000 base units)",
    ],
    [
      "a provider not in providers",
      (d) => ((d.capital.providerShare as { provider: unknown }).provider = "Nobody"),
      'capital.providerShare.provider: no provider named "Nobody"',
    ],
    [
      "a provider index out of range",
      (d) => ((d.capital.providerShare as { provider: unknown }).provider = 1),
      "capital.providerShare.provider: no provider #1",
    ],
    [
      "a provider share of part of a basis point",
      (d) => ((d.capital.providerShare as { share: unknown }).share = "0.00005"),
      "capital.providerShare.share: must be a whole number of basis points",
    ],
    [
      "a provider share above 1 (IncentiveTooHigh)",
      (d) => ((d.capital.providerShare as { share: unknown }).share = "1.0001"),
      "capital.providerShare.share: must be at most 1",
    ],
  ];
  for (const [what, change, line] of bad) {
    it(`refuses ${what} in one line naming the field`, () => {
      const doc = example();
      change(doc);
      const text = JSON.stringify(doc);
      expect(refusal(JSON.parse(text))).to.equal(line);
      // The web app's create page refuses it with the very same line (the CLI's conversion, shared).
      expect(checkTerms("pool", text, NOW, 18, TOKEN)).to.deep.equal({ ok: false, error: line });
    });
  }
});
