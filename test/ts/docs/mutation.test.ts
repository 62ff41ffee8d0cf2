import { readFileSync } from "node:fs";
import { expect } from "chai";
import { z } from "zod";
import { README_END, README_START, readmeBlock } from "../../../tools/mutate/readme.js";

/**
 * The README's mutation figures are `bench/mutation.json`'s, the report of the last full `npm run mutate` (issue #16):
 * the block between the `mutation:start` and `mutation:end` markers is `tools/mutate/readme.ts`'s rendering of the
 * report (`npm run mutate` writes it after a whole run) and must equal the README's. The report itself must be whole
 * and consistent, every survivor must carry the written reason it is harmless, and the invariant suites alone must
 * kill at least 80 % of the mutants (the goal).
 */
const count = z.number().int().nonnegative();
const Report = z.object({
  mutants: count,
  killed: count,
  killedByInvariantsOnly: count,
  invalid: count,
  errors: count,
  survivors: z.array(z.object({ id: z.string(), harmlessBecause: z.string().optional() })),
  stale: z.array(z.string()),
  only: z.undefined(),
  incomplete: z.undefined(),
  invariantsOnly: z.undefined(),
  budgets: z.object({ FUZZ_RUNS: count, INVARIANT_RUNS: count, INVARIANT_DEPTH: count, FUZZ_SEED: z.string() }),
  results: z.array(z.object({ id: z.string(), status: z.string(), killedByInvariantsOnly: z.boolean() })),
});

describe("README: mutation testing (bench/mutation.json)", () => {
  const report = Report.parse(JSON.parse(readFileSync("bench/mutation.json", "utf8")));

  it("is a whole run whose figures add up", () => {
    expect(report.results).to.have.length(report.mutants);
    expect(report.stale).to.deep.equal([]);
    const status = (s: string) => report.results.filter((m) => m.status === s).length;
    expect(status("killed")).to.equal(report.killed);
    expect(status("survived")).to.equal(report.survivors.length);
    expect(report.killed + report.survivors.length + report.invalid + report.errors).to.equal(report.mutants);
    expect(report.results.filter((m) => m.killedByInvariantsOnly)).to.have.length(report.killedByInvariantsOnly);
  });

  it("gives every survivor a written reason, and kills at least 80 % of the mutants by the invariant suites alone", () => {
    const unexplained = report.survivors.filter((s) => (s.harmlessBecause ?? "").trim() === "").map((s) => s.id);
    expect(unexplained, "survivors without harmlessBecause").to.deep.equal([]);
    expect(report.invalid + report.errors).to.equal(0);
    expect(report.killedByInvariantsOnly / report.mutants).to.be.at.least(0.8);
  });

  it("is summarised in the README exactly", () => {
    const readme = readFileSync("README.md", "utf8");
    const block = readme.slice(readme.indexOf(README_START), readme.indexOf(README_END) + README_END.length);
    expect(readme.indexOf(README_START), "README has the mutation:start marker").to.be.greaterThan(-1);
    expect(block).to.equal(readmeBlock(report));
  });
});
