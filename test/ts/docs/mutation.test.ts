import { readFileSync } from "node:fs";
import { expect } from "chai";
import { z } from "zod";

/**
 * The README's mutation figures are `bench/mutation.json`'s, the report of the last full `npm run mutate` (issue #16):
 * the block between the `mutation:start` and `mutation:end` markers is rendered here from the report and must equal
 * the README's. The report itself must be whole and consistent, every survivor must carry the written reason it is
 * harmless, and the invariant suites alone must kill at least 80 % of the killed mutants (the issue's goal).
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
type Report = z.output<typeof Report>;

const START = "<!-- mutation:start (bench/mutation.json; test/ts/docs/mutation.test.ts checks it) -->";
const END = "<!-- mutation:end -->";

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

/** The README block for `r`. */
function render(r: Report): string {
  const b = r.budgets;
  const notByInvariants = r.results.filter((m) => m.status === "killed" && !m.killedByInvariantsOnly).map((m) => m.id);
  return [
    START,
    `- **${r.mutants} mutants, ${r.killed} killed** (${percent(r.killed, r.mutants)}); ${r.invalid} did not compile, ` +
      `${r.errors} errored.`,
    `- **${r.killedByInvariantsOnly} of the ${r.killed} killed by the invariant suites alone** ` +
      `(${percent(r.killedByInvariantsOnly, r.mutants)} of all mutants; the goal is 80 %).`,
    `- Budgets: fuzz ${b.FUZZ_RUNS} runs, invariants ${b.INVARIANT_RUNS} runs × depth ${b.INVARIANT_DEPTH}, seed ` +
      `${b.FUZZ_SEED}.`,
    `- Killed, but not by the invariant suites alone (${notByInvariants.length}): ` +
      (notByInvariants.length === 0 ? "none." : `${notByInvariants.map((id) => `\`${id}\``).join(", ")}.`),
    `- Survivors (${r.survivors.length}), each harmless for the reason written in \`tools/mutate/mutants.json\`: ` +
      (r.survivors.length === 0 ? "none." : `${r.survivors.map((s) => `\`${s.id}\``).join(", ")}.`),
    END,
  ].join("\n");
}

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
    const block = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
    expect(readme.indexOf(START), "README has the mutation:start marker").to.be.greaterThan(-1);
    expect(block).to.equal(render(report));
  });
});
