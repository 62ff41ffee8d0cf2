// The command line of `npm run mutate` (run.ts).
import { parseArgs } from "node:util";
import { DEFAULT_BUDGETS } from "./report.ts";

export interface Options {
  check: boolean;
  only?: string[];
  jobs: number;
  out: string;
  scratch?: string;
  baseline: boolean;
  list: string;
  invariantsOnly: boolean;
  resume: boolean;
}

export const USAGE = `npm run mutate -- [options]
  --check           only verify the anchors and the suites (no compile); exit 1 when any is stale
  --only id,id      run only these mutants
  --jobs N          N scratch copies working in parallel (default 1)
  --out FILE        where to write the report (default bench/mutation.json)
  --scratch DIR     where the scratch copies live (default <tmp>/cic-mutate/<repo hash>)
  --no-baseline     skip the unmutated test run that proves the suites pass before mutating
  --list FILE       the mutant list (default tools/mutate/mutants.json)
  --resume          keep the verdicts of the report at --out (same budgets) of mutants whose build inputs are unchanged
                    (inputsHash), and run only the others: a run cut short goes on where it stopped, and after an edit
                    only the mutants the edit reaches run again
  --invariants-only run only each mutant's invariant suites (a mutant whose suite has none is skipped): measures
                    what the invariant suites catch on their own, in one test run a mutant
Budgets: FUZZ_RUNS (default ${DEFAULT_BUDGETS.FUZZ_RUNS}), INVARIANT_RUNS (${DEFAULT_BUDGETS.INVARIANT_RUNS}), \
INVARIANT_DEPTH (${DEFAULT_BUDGETS.INVARIANT_DEPTH}), FUZZ_SEED (${DEFAULT_BUDGETS.FUZZ_SEED}).`;

export function parseOptions(argv: string[]): Options | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: "boolean", default: false },
      only: { type: "string" },
      jobs: { type: "string", default: "1" },
      out: { type: "string", default: "bench/mutation.json" },
      scratch: { type: "string" },
      "no-baseline": { type: "boolean", default: false },
      list: { type: "string", default: "tools/mutate/mutants.json" },
      "invariants-only": { type: "boolean", default: false },
      resume: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return "help";
  const jobs = Number(values.jobs);
  if (!Number.isSafeInteger(jobs) || jobs < 1 || jobs > 8) throw new Error(`--jobs must be 1..8, got "${values.jobs}"`);
  const only = values.only
    ?.split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (only !== undefined && only.length === 0) throw new Error("--only needs at least one mutant id");
  return {
    check: values.check,
    ...(only === undefined ? {} : { only }),
    jobs,
    out: values.out,
    ...(values.scratch === undefined ? {} : { scratch: values.scratch }),
    baseline: !values["no-baseline"],
    list: values.list,
    invariantsOnly: values["invariants-only"],
    resume: values.resume,
  };
}
