// The per-mutant results, the test budgets, and bench/mutation.json built from them. Part of `npm run mutate` (run.ts).
import path from "node:path";
import type { Category } from "./list.ts";

export type Status = "killed" | "survived" | "invalid" | "error";

export interface MutantResult {
  id: string;
  file: string;
  line: number;
  original: string;
  mutant: string;
  category: Category;
  status: Status;
  /** Test files that failed (killed only). */
  killedBy: string[];
  /** Killed, and the domain's invariant suites alone also kill it. */
  killedByInvariantsOnly: boolean;
  seconds: number;
  /** Compiler error (invalid) or what went wrong (error), one line. */
  detail?: string;
  harmlessBecause?: string;
  /** `inputsFingerprint` of the files the mutant's build compiled (fingerprint.ts): what `--resume` compares. */
  inputsHash?: string;
}

export interface Budgets {
  FUZZ_RUNS: number;
  INVARIANT_RUNS: number;
  INVARIANT_DEPTH: number;
  FUZZ_SEED: string;
}

/** A surviving mutant as bench/mutation.json lists it: where and what, and why no test failed. */
export type Survivor = Pick<
  MutantResult,
  "id" | "file" | "line" | "original" | "mutant" | "category" | "harmlessBecause"
> & {
  reason: string;
};

export interface MutationReport {
  mutants: number;
  killed: number;
  killedByInvariantsOnly: number;
  invalid: number;
  errors: number;
  survivors: Survivor[];
  /** Mutants refused because their anchor matched no line or several lines (not run, not counted). */
  stale: string[];
  /** Set when `--only` selected part of the list. */
  only?: string[];
  /** Set while the run is in progress (the report is rewritten after every mutant): how many of how many ran. */
  incomplete?: { done: number; planned: number };
  /** Set by `--invariants-only`: only the invariant suites ran, so `killed` = `killedByInvariantsOnly`. */
  invariantsOnly?: true;
  runAt: string;
  /** `sourceFingerprint` of the working tree the run measured (scratch.ts): what `--resume` compares. */
  sourceHash: string;
  /** How many results were taken over from the previous report by `--resume` (absent when none). */
  resumed?: number;
  budgets: Budgets;
  jobs: number;
  secondsPerMutant: number;
  byContract: Record<string, { mutants: number; killed: number; killedByInvariantsOnly: number }>;
  byCategory: Record<string, { mutants: number; killed: number; killedByInvariantsOnly: number }>;
  results: MutantResult[];
}

export interface ReportMeta {
  stale: string[];
  only?: string[];
  incomplete?: { done: number; planned: number };
  invariantsOnly?: boolean;
  runAt: string;
  sourceHash: string;
  resumed?: number;
  budgets: Budgets;
  jobs: number;
  /**
   * Wall-clock seconds of the mutant phase (after the scratch copies were built), for seconds per mutant; with
   * `--resume`, plus the resumed results' share of the previous report's.
   */
  wallSeconds: number;
}

export const contractOf = (file: string): string => path.posix.basename(file, ".sol");

/** The bench/mutation.json document from the per-mutant results. */
export function aggregate(results: MutantResult[], meta: ReportMeta): MutationReport {
  const tally = (key: (r: MutantResult) => string) => {
    const out: Record<string, { mutants: number; killed: number; killedByInvariantsOnly: number }> = {};
    for (const r of results) {
      const k = key(r);
      const t = (out[k] ??= { mutants: 0, killed: 0, killedByInvariantsOnly: 0 });
      t.mutants++;
      if (r.status === "killed") t.killed++;
      if (r.killedByInvariantsOnly) t.killedByInvariantsOnly++;
    }
    return out;
  };
  const survivors: Survivor[] = results
    .filter((r) => r.status === "survived")
    .map((r) => ({
      id: r.id,
      file: r.file,
      line: r.line,
      original: r.original,
      mutant: r.mutant,
      category: r.category,
      reason: meta.invariantsOnly
        ? "every test of its invariant suites passed (an --invariants-only run)"
        : "every test of its unit, fuzz and invariant suites passed",
      ...(r.harmlessBecause === undefined ? {} : { harmlessBecause: r.harmlessBecause }),
    }));
  return {
    mutants: results.length,
    killed: results.filter((r) => r.status === "killed").length,
    killedByInvariantsOnly: results.filter((r) => r.killedByInvariantsOnly).length,
    invalid: results.filter((r) => r.status === "invalid").length,
    errors: results.filter((r) => r.status === "error").length,
    survivors,
    stale: meta.stale,
    ...(meta.only === undefined ? {} : { only: meta.only }),
    ...(meta.incomplete === undefined ? {} : { incomplete: meta.incomplete }),
    ...(meta.invariantsOnly === true ? { invariantsOnly: true as const } : {}),
    runAt: meta.runAt,
    sourceHash: meta.sourceHash,
    ...(meta.resumed === undefined || meta.resumed === 0 ? {} : { resumed: meta.resumed }),
    budgets: meta.budgets,
    jobs: meta.jobs,
    secondsPerMutant: results.length === 0 ? 0 : Math.round((10 * meta.wallSeconds) / results.length) / 10,
    byContract: tally((r) => contractOf(r.file)),
    byCategory: tally((r) => r.category),
    results,
  };
}

export const DEFAULT_BUDGETS: Budgets = {
  FUZZ_RUNS: 256,
  INVARIANT_RUNS: 64,
  INVARIANT_DEPTH: 32,
  FUZZ_SEED: "0x1c1c",
};

export function budgetsFromEnv(env: NodeJS.ProcessEnv): Budgets {
  const int = (name: "FUZZ_RUNS" | "INVARIANT_RUNS" | "INVARIANT_DEPTH"): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return DEFAULT_BUDGETS[name];
    const n = Number.parseInt(raw, 10);
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
    return n;
  };
  return {
    FUZZ_RUNS: int("FUZZ_RUNS"),
    INVARIANT_RUNS: int("INVARIANT_RUNS"),
    INVARIANT_DEPTH: int("INVARIANT_DEPTH"),
    FUZZ_SEED: env.FUZZ_SEED !== undefined && env.FUZZ_SEED !== "" ? env.FUZZ_SEED : DEFAULT_BUDGETS.FUZZ_SEED,
  };
}

export const fmtSeconds = (s: number): string =>
  s < 90 ? `${s.toFixed(1)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;

/**
 * The results of `previous` (a bench/mutation.json) that a run may keep instead of running again (`--resume`): only
 * when it ran with the same budgets and the same kind of run (not `--invariants-only` for a full run, or the
 * reverse), and only a verdict (killed, survived, invalid; an error runs again) for a mutant whose id, file, line and
 * text are unchanged and whose build inputs are unchanged: its `inputsHash` equals the one planned now, or (a report
 * written before results carried one) the whole tree is the one the report measured (`sourceHash`). A kept result
 * carries the planned `inputsHash`. Why nothing is kept comes back as `refused`.
 */
export function resumableResults(
  previous: unknown,
  current: { sourceHash: string; budgets: Budgets; invariantsOnly: boolean },
  wanted: (Pick<MutantResult, "id" | "file" | "line" | "original" | "mutant"> & { inputsHash: string })[],
): { results: Map<string, MutantResult>; secondsPerMutant: number; refused?: string } {
  const none = (refused: string) => ({ results: new Map<string, MutantResult>(), secondsPerMutant: 0, refused });
  if (typeof previous !== "object" || previous === null) return none("not a report");
  const p = previous as Partial<MutationReport>; // shape checked field by field below
  if (JSON.stringify(p.budgets) !== JSON.stringify(current.budgets)) return none("its budgets differ");
  if ((p.invariantsOnly === true) !== current.invariantsOnly) return none("it is another kind of run");
  if (!Array.isArray(p.results)) return none("it has no results");
  const sameTree = p.sourceHash === current.sourceHash;
  const byId = new Map(p.results.map((r) => [r.id, r]));
  const results = new Map<string, MutantResult>();
  for (const w of wanted) {
    const r = byId.get(w.id);
    if (r === undefined || r.status === "error") continue;
    if (r.file !== w.file || r.line !== w.line || r.original !== w.original || r.mutant !== w.mutant) continue;
    if (r.inputsHash === undefined ? !sameTree : r.inputsHash !== w.inputsHash) continue;
    results.set(w.id, { ...r, inputsHash: w.inputsHash });
  }
  if (results.size === 0 && !sameTree) return none("no mutant's build inputs are unchanged (inputsHash)");
  const perMutant = typeof p.secondsPerMutant === "number" ? p.secondsPerMutant : 0;
  return { results, secondsPerMutant: perMutant };
}
