import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ZodTypeAny } from "zod";
import { z } from "zod";
import { escrowTermsSchema } from "../../../scripts/formats/escrow-terms.js";
import { decimalAtMostPattern, withJsonSchema } from "../../../scripts/formats/json-schema.js";
import { poolTermsSchema } from "../../../scripts/formats/pool-terms.js";
import { generateTermsSchemas, jsonSchemaOf } from "../../../scripts/formats/terms-schemas.js";

/** The generator's output, made in `before` so a generator failure fails this suite, not the whole run. */
let generated: Record<string, string> = {};
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, "utf8"));

/** ajv over the generated (not the committed) schemas, the shared one registered first. */
function validators() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema(JSON.parse(generated["outcome-terms.schema.json"]!) as object);
  return {
    escrow: ajv.compile(JSON.parse(generated["escrow-terms.schema.json"]!) as object),
    pool: ajv.compile(JSON.parse(generated["pool-terms.schema.json"]!) as object),
  };
}
let ajvs: ReturnType<typeof validators> | undefined;
/** Each format, its examples folder, and the example the bad inputs below change (they name its fields). */
const formats: { name: "escrow" | "pool"; dir: string; base: string; zod: ZodTypeAny }[] = [
  { name: "escrow", dir: "examples/escrows", base: "reading-escrow.json", zod: escrowTermsSchema },
  { name: "pool", dir: "examples/pools", base: "education-pool.json", zod: poolTermsSchema },
];
/** The ajv validator of a format, compiled from the generated schemas. */
function ajvOf(format: (typeof formats)[number]) {
  if (ajvs === undefined) throw new Error("the generated schemas are not compiled");
  return ajvs[format.name];
}

/** The verdict of ajv and of zod on one document. */
function verdicts(format: (typeof formats)[number], doc: unknown) {
  return { ajv: ajvOf(format)(doc), zod: format.zod.safeParse(doc).success };
}

describe("terms JSON Schemas generated from the zod schemas (formats/terms-schemas.ts)", () => {
  before(() => {
    generated = generateTermsSchemas();
    ajvs = validators();
  });

  it("the committed schemas/*.schema.json are the generator's output byte for byte (run `npm run schemas`)", () => {
    expect(Object.keys(generated)).to.have.members([
      "outcome-terms.schema.json",
      "escrow-terms.schema.json",
      "pool-terms.schema.json",
    ]);
    for (const [name, text] of Object.entries(generated)) {
      expect(
        readFileSync(path.join("schemas", name), "utf8"),
        `schemas/${name} is stale: run npm run schemas`,
      ).to.equal(text);
    }
  });

  it("the terms schemas reference the shared $defs of outcome-terms.schema.json", () => {
    const shared = Object.keys((JSON.parse(generated["outcome-terms.schema.json"]!) as { $defs: object }).$defs);
    expect(shared).to.include.members(["address", "uint", "uint64", "missionId", "fraction", "unitFraction"]);
    expect(shared).to.include.members(["time", "duration", "curve", "term"]);
    for (const name of ["escrow-terms.schema.json", "pool-terms.schema.json"]) {
      const refs = [...generated[name]!.matchAll(/"\$ref": "([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length, name).to.be.greaterThan(5);
      for (const ref of refs) expect(ref).to.match(/^outcome-terms\.schema\.json#\/\$defs\/[a-zA-Z0-9]+$/);
      for (const ref of refs) expect(shared).to.include(ref!.split("/").pop());
    }
  });

  it("every example in examples/ validates with both ajv and zod", () => {
    for (const format of formats) {
      const files = readdirSync(format.dir).filter((f) => f.endsWith(".json"));
      expect(files.length, format.dir).to.be.greaterThan(0);
      for (const file of files) {
        const doc = readJson(path.join(format.dir, file));
        const validate = ajvOf(format);
        expect(validate(doc), `${file}: ${JSON.stringify(validate.errors)}`).to.equal(true);
        expect(verdicts(format, doc), file).to.deep.equal({ ajv: true, zod: true });
      }
    }
  });

  /** Changes to a valid example that both ajv and zod must refuse: the refinements reach the JSON Schema. */
  const escrowBad: [string, (t: Record<string, unknown>) => void][] = [
    ["a duration in words", (t) => (t.gracePeriod = "30 days")],
    ["a time in words", (t) => (t.fundingDeadline = "tomorrow")],
    ["a time relative without +", (t) => (t.fundingDeadline = "30d")],
    ["a negative amount", (t) => (t.minFunding = "-1")],
    ["an amount as a number", (t) => (t.minFunding = 1.5)],
    ["an amount in words", (t) => (t.minFunding = "1k")],
    ["an amount with a sign", (t) => (t.minFunding = "+5")],
    ["a uint beyond 2^53 as a number", (t) => setPath(t, ["beneficiaries", 0, "weight"], 2 ** 60)],
    ["a short address", (t) => (t.token = "0x12")],
    ["mission id 0", (t) => (t.missionId = "0")],
    ["goalVersion 0", (t) => (t.goalVersion = 0)],
    ["an unknown field", (t) => (t.extra = 1)],
    ["no beneficiaries", (t) => (t.beneficiaries = [])],
    ["a beneficiary weight of 2^96", (t) => setPath(t, ["beneficiaries", 0, "weight"], (2n ** 96n).toString())],
    ["a weight above 1", (t) => setPath(t, ["outcomes", 0, "weight"], "1.5")],
    ["a weight with 19 decimals", (t) => setPath(t, ["outcomes", 0, "weight"], "0.1234567890123456789")],
    ["an unknown curve kind", (t) => setPath(t, ["outcomes", 0, "curve", "kind"], "exponential")],
    ["a field of another kind", (t) => setPath(t, ["outcomes", 0, "curve", "steps"], [])],
    ["a curve value beyond 64 bits", (t) => setPath(t, ["outcomes", 0, "curve", "target"], (2n ** 64n).toString())],
    ["period 0", (t) => setPath(t, ["outcomes", 0, "period"], 0)],
    ["nine steps", (t) => setPath(t, ["outcomes", 1, "curve", "steps"], Array(9).fill({ value: 1, ratio: "1" }))],
    ["both outcomes and a schedule", (t) => (t.schedule = scheduleOfExample("examples/escrows/rate-card-escrow.json"))],
    ["neither outcomes nor a schedule", (t) => delete t.outcomes],
    ["a schedule point without terms", (t) => withSchedule(t, "escrows/rate-card-escrow", ["points", 0, "terms"], [])],
    [
      "a rate card without price",
      (t) => withSchedule(t, "escrows/rate-card-escrow", ["points", 0, "terms", 0, "price"], undefined),
    ],
    ["a term key of 16", (t) => withSchedule(t, "escrows/rate-card-escrow", ["points", 0, "terms", 0, "key"], 16)],
    ["a co-payment above 1", (t) => withSchedule(t, "escrows/rate-card-escrow", ["tiers"], [{ coPay: "1.5" }])],
  ];
  const poolBad: [string, (t: Record<string, unknown>) => void][] = [
    ["an amount as a number", (t) => (t.capitalTarget = 1000)],
    ["an amount in words", (t) => (t.fundCap = "1k")],
    ["a name too long", (t) => (t.name = "x".repeat(32))],
    ["a fraction written as a percentage", (t) => setPath(t, ["repayment", "maxReturn"], "10%")],
    ["a negative fraction", (t) => setPath(t, ["repayment", "threshold"], -0.1)],
    ["a basket term without missionId", (t) => setPath(t, ["basket", 0, "missionId"], undefined)],
    ["a provider without an address", (t) => setPath(t, ["providers", 0, "address"], undefined)],
    ["a tranche due in words", (t) => setPath(t, ["tranches", 0, "due"], "30 days")],
    ["a grace period in words", (t) => (t.gracePeriod = "2 weeks")],
    ["an empty basket", (t) => (t.basket = [])],
    ["a basket and a schedule", (t) => (t.schedule = scheduleOfExample("examples/pools/yearly-outcomes-pool.json"))],
    [
      "a schedule with a repayment curve",
      (t) => {
        t.schedule = scheduleOfExample("examples/pools/yearly-outcomes-pool.json");
        delete t.basket;
      },
    ],
    ["a basket without its repayment curve", (t) => delete t.repayment],
    [
      "five payer tiers",
      (t) => {
        withSchedule(t, "pools/yearly-outcomes-pool", ["tiers"], Array(5).fill({}));
        delete t.repayment;
      },
    ],
    ["a capital structure on a basket pool", (t) => (t.capital = capitalOfExample())],
    ["four investor classes", (t) => classedWith(t, (c) => c.classes.push(...c.classes.slice(0, 2)))],
    ["a class without a target", (t) => classedWith(t, (c) => delete c.classes[0]!.target)],
    ["an unknown compounding", (t) => classedWith(t, (c) => (c.classes[0]!.compounding = "monthly"))],
    ["a guarantee without a guarantor", (t) => classedWith(t, (c) => delete c.guarantee.guarantor)],
  ];

  it("a set of bad inputs is refused by both ajv and zod", () => {
    for (const [format, bad] of [
      [formats[0]!, escrowBad],
      [formats[1]!, poolBad],
    ] as const) {
      const example = readJson(path.join(format.dir, format.base)) as Record<string, unknown>;
      for (const [what, change] of bad) {
        const doc = structuredClone(example);
        change(doc);
        expect(verdicts(format, doc), `${format.name}: ${what}`).to.deep.equal({ ajv: false, zod: false });
      }
    }
  });

  it("an undeclared zod refinement stops the generation instead of being dropped", () => {
    const refined = z.number().refine((n) => n % 2 === 0, "must be even");
    const declared = withJsonSchema(
      z.number().refine((n) => n % 2 === 0),
      { fragment: { type: "integer" } },
    );
    expect(() => jsonSchemaOf(refined)).to.throw(/no JSON Schema declared for a zod refinement/);
    expect(jsonSchemaOf(declared)).to.deep.equal({ type: "integer" });
  });

  it("the generated decimal bound pattern matches exactly 0 … max", () => {
    const max = 2n ** 64n - 1n;
    const re = new RegExp(decimalAtMostPattern(max));
    for (const v of [0n, 9n, 10n, max - 1n, max, 10n ** 19n, 17n * 10n ** 18n, 18446744073709551609n])
      expect(re.test(v.toString()), v.toString()).to.equal(v <= max);
    for (const v of [max + 1n, 2n ** 65n, 10n ** 20n, 28446744073709551615n])
      expect(re.test(v.toString())).to.equal(false);
    expect(re.test(`000${max}`)).to.equal(true);
    expect(new RegExp(decimalAtMostPattern(7n)).test("8")).to.equal(false);
  });
});

/** The `schedule` block of an example terms file. */
function scheduleOfExample(file: string): unknown {
  return (readJson(file) as { schedule: unknown }).schedule;
}

/**
 * Replaces a terms document's outcomes (or basket) with the schedule of `examples/<example>.json`, then sets the
 * value at `keys` inside that schedule.
 */
function withSchedule(t: Record<string, unknown>, example: string, keys: (string | number)[], value: unknown): void {
  t.schedule = scheduleOfExample(`examples/${example}.json`);
  delete t.outcomes;
  delete t.basket;
  setPath(t, ["schedule", ...keys], value);
}

type CapitalJson = { classes: Record<string, unknown>[]; guarantee: Record<string, unknown> };
const CLASSED = "examples/pools/classed-outcomes-pool.json";
/** The classed example's `capital` section. */
const capitalOfExample = (): CapitalJson => (readJson(CLASSED) as { capital: CapitalJson }).capital;

/** Turns a pool terms document into the classed example, then changes its `capital` section. */
function classedWith(t: Record<string, unknown>, change: (c: CapitalJson) => void): void {
  for (const key of Object.keys(t)) delete t[key];
  Object.assign(t, readJson(CLASSED));
  change(t.capital as CapitalJson);
}

/** Sets (or, with undefined, deletes) the value at `keys` inside a JSON document. */
function setPath(doc: Record<string, unknown>, keys: (string | number)[], value: unknown): void {
  let node = doc as Record<string | number, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}
