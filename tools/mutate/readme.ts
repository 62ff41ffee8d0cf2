// The README's "Mutation testing" block: rendered from a whole run's report (bench/mutation.json) between two
// markers. `npm run mutate` rewrites it after a whole run to the default report; test/ts/docs/mutation.test.ts
// requires the README's block to equal this rendering of the committed report.
import type { MutationReport } from "./report.ts";

export const README_START = "<!-- mutation:start (bench/mutation.json; test/ts/docs/mutation.test.ts checks it) -->";
export const README_END = "<!-- mutation:end -->";

/** The fields of a report the block shows. */
export type ReadmeFigures = Pick<
  MutationReport,
  "mutants" | "killed" | "killedByInvariantsOnly" | "invalid" | "errors" | "budgets"
> & {
  survivors: readonly { id: string }[];
  results: readonly { id: string; status: string; killedByInvariantsOnly: boolean }[];
};

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
const ids = (list: readonly string[]) => (list.length === 0 ? "none." : `${list.map((id) => `\`${id}\``).join(", ")}.`);

/** The README block for report `r`, markers included. */
export function readmeBlock(r: ReadmeFigures): string {
  const b = r.budgets;
  const notByInvariants = r.results.filter((m) => m.status === "killed" && !m.killedByInvariantsOnly).map((m) => m.id);
  return [
    README_START,
    `- **${r.mutants} mutants, ${r.killed} killed** (${percent(r.killed, r.mutants)}); ${r.invalid} did not compile, ` +
      `${r.errors} errored.`,
    `- **${r.killedByInvariantsOnly} of the ${r.killed} killed by the invariant suites alone** ` +
      `(${percent(r.killedByInvariantsOnly, r.mutants)} of all mutants; the goal is 80 %).`,
    `- Budgets: fuzz ${b.FUZZ_RUNS} runs, invariants ${b.INVARIANT_RUNS} runs × depth ${b.INVARIANT_DEPTH}, seed ` +
      `${b.FUZZ_SEED}.`,
    `- Killed, but not by the invariant suites alone (${notByInvariants.length}): ${ids(notByInvariants)}`,
    `- Survivors (${r.survivors.length}), each harmless for the reason written in \`tools/mutate/mutants.json\`: ` +
      ids(r.survivors.map((s) => s.id)),
    README_END,
  ].join("\n");
}

/** `readme` with its block (from the start marker to the end marker) replaced by `r`'s; throws without the markers. */
export function withReadmeBlock(readme: string, r: ReadmeFigures): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} block`);
  return readme.slice(0, start) + readmeBlock(r) + readme.slice(end + README_END.length);
}
