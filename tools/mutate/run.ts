// Mutation run: applies one-line faults from tools/mutate/mutants.json to a scratch copy of the repository, runs the
// Solidity tests of each fault's domain, and writes bench/mutation.json. See the "Mutation testing" section of
// CONTRIBUTING.md. Run with `npm run mutate -- [--check] [--only id,id] [--jobs N] [--out FILE] [--scratch DIR]`.
//
// Node 22 runs this file directly (type stripping), so it has no local imports and uses no TypeScript-only runtime
// syntax (no enums, no parameter properties). The pure parts (list validation, anchors, output parsing, aggregation)
// are exported for test/ts/tools/mutate.test.ts.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

/*//////////////////////////////////////////////////////////////
                          THE MUTANT LIST
//////////////////////////////////////////////////////////////*/

export const CATEGORIES = [
  "rounding",
  "boundary",
  "dropped-status-check",
  "dropped-check",
  "dropped-guard",
  "bit-or-nonce",
  "swapped-ratio",
  "clamp",
  "zeroing",
  "recipient",
  "accounting",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Test files of one domain, as globs relative to the repository root (`*` matches within one path segment). */
export interface Suite {
  unit: string[];
  fuzz: string[];
  invariant: string[];
}

export interface MutantSpec {
  id: string;
  /** The contract source, relative to the repository root (always under contracts/). */
  file: string;
  /** The exact original line, trimmed: the anchor. It must match exactly one line of `file`. */
  original: string;
  /** The replacement line (trimmed; the original's indentation is kept). Empty deletes the statement. */
  mutant: string;
  category: Category;
  /** The domain whose unit + fuzz + invariant suites run against this mutant (a key of `suites`). */
  suite: string;
  /** Why a surviving mutant cannot do harm (copied to the survivor entry of bench/mutation.json). */
  harmlessBecause?: string;
}

export interface MutantList {
  suites: Record<string, Suite>;
  mutants: MutantSpec[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/** Checks the shape of the mutant list; throws one line naming the first bad field. */
export function validateList(raw: unknown): MutantList {
  if (!isObject(raw)) throw new Error("mutant list: the top level must be an object");
  const { suites, mutants } = raw;
  if (!isObject(suites)) throw new Error("mutant list: `suites` must be an object");
  const checkedSuites: Record<string, Suite> = {};
  for (const [name, s] of Object.entries(suites)) {
    if (!isObject(s)) throw new Error(`mutant list: suites.${name} must be an object`);
    for (const kind of ["unit", "fuzz", "invariant"] as const) {
      if (!isStringArray(s[kind])) throw new Error(`mutant list: suites.${name}.${kind} must be an array of globs`);
    }
    const suite = s as unknown as Suite;
    if (suite.unit.length === 0) throw new Error(`mutant list: suites.${name}.unit is empty`);
    checkedSuites[name] = { unit: suite.unit, fuzz: suite.fuzz, invariant: suite.invariant };
  }
  if (!Array.isArray(mutants)) throw new Error("mutant list: `mutants` must be an array");
  const seen = new Set<string>();
  const checked: MutantSpec[] = mutants.map((m: unknown, i: number) => {
    const where = `mutants[${i}]`;
    if (!isObject(m)) throw new Error(`mutant list: ${where} must be an object`);
    for (const key of ["id", "file", "original", "mutant", "category", "suite"]) {
      if (typeof m[key] !== "string") throw new Error(`mutant list: ${where}.${key} must be a string`);
    }
    const spec = m as unknown as MutantSpec;
    const at = `${where} (${spec.id})`;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(spec.id)) throw new Error(`mutant list: ${where}.id must be kebab-case`);
    if (seen.has(spec.id)) throw new Error(`mutant list: ${at}.id is a duplicate`);
    seen.add(spec.id);
    if (!/^contracts\/.+\.sol$/.test(spec.file))
      throw new Error(`mutant list: ${at}.file must be a contracts/ .sol file`);
    if (spec.original === "" || spec.original !== spec.original.trim()) {
      throw new Error(`mutant list: ${at}.original must be a non-empty trimmed line`);
    }
    if (spec.mutant !== spec.mutant.trim() || spec.mutant.includes("\n")) {
      throw new Error(`mutant list: ${at}.mutant must be one trimmed line`);
    }
    if (spec.mutant === spec.original) throw new Error(`mutant list: ${at}.mutant equals the original`);
    if (!(CATEGORIES as readonly string[]).includes(spec.category)) {
      throw new Error(`mutant list: ${at}.category must be one of ${CATEGORIES.join(", ")}`);
    }
    if (checkedSuites[spec.suite] === undefined) throw new Error(`mutant list: ${at}.suite names no suite`);
    if (m.harmlessBecause !== undefined && typeof m.harmlessBecause !== "string") {
      throw new Error(`mutant list: ${at}.harmlessBecause must be a string`);
    }
    return {
      id: spec.id,
      file: spec.file,
      original: spec.original,
      mutant: spec.mutant,
      category: spec.category,
      suite: spec.suite,
      ...(spec.harmlessBecause === undefined ? {} : { harmlessBecause: spec.harmlessBecause }),
    };
  });
  return { suites: checkedSuites, mutants: checked };
}

/*//////////////////////////////////////////////////////////////
                               ANCHORS
//////////////////////////////////////////////////////////////*/

export type AnchorResult =
  | { kind: "ok"; line: number }
  | { kind: "stale"; nearest?: { line: number; text: string; score: number } }
  | { kind: "ambiguous"; lines: number[] };

/** Dice coefficient of the character bigrams of two strings: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const bigrams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    bigrams.set(g, (bigrams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = bigrams.get(g) ?? 0;
    if (n > 0) {
      common++;
      bigrams.set(g, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length - 2);
}

/** Where `original` (trimmed) occurs in `source`, as 1-based line numbers; for a stale anchor, the most similar line. */
export function findAnchor(source: string, original: string): AnchorResult {
  const lines = source.split("\n").map((l) => l.trim());
  const hits: number[] = [];
  lines.forEach((l, i) => {
    if (l === original) hits.push(i + 1);
  });
  if (hits.length === 1 && hits[0] !== undefined) return { kind: "ok", line: hits[0] };
  if (hits.length > 1) return { kind: "ambiguous", lines: hits };
  let best: { line: number; text: string; score: number } | undefined;
  lines.forEach((text, i) => {
    const score = similarity(text, original);
    if (score >= 0.5 && (best === undefined || score > best.score)) best = { line: i + 1, text, score };
  });
  return best === undefined ? { kind: "stale" } : { kind: "stale", nearest: best };
}

/** Replaces line `line` (1-based) of `source` by `replacement`, keeping the line's indentation and line ending. */
export function applyMutant(source: string, line: number, replacement: string): string {
  const lines = source.split("\n");
  const old = lines[line - 1];
  if (old === undefined) throw new Error(`line ${line} is past the end of the file`);
  const indent = /^\s*/.exec(old)?.[0] ?? "";
  const cr = old.endsWith("\r") ? "\r" : "";
  lines[line - 1] = replacement === "" ? cr : `${indent}${replacement}${cr}`;
  return lines.join("\n");
}

/** A glob (`*` within one path segment, `**` across segments) as an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? "";
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
    } else if (c === "*") {
      re += "[^/]*";
    } else {
      re += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${re}$`);
}

/** The files (repository-relative, `/`-separated, sorted) that match any of `globs`. */
export function matchFiles(globs: string[], files: string[]): string[] {
  const res = globs.map(globToRegExp);
  return files.filter((f) => res.some((r) => r.test(f))).sort();
}

/*//////////////////////////////////////////////////////////////
                         TEST OUTPUT PARSING
//////////////////////////////////////////////////////////////*/

export interface TestRun {
  passing: number | undefined;
  failing: number;
  /** Test files with at least one failing test (from the `N) Contract#test` lines of the summary). */
  failingFiles: string[];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Reads Hardhat's Solidity test reporter output: suite headers `file.t.sol:Contract`, the counts, the failures. */
export function parseTestOutput(output: string): TestRun {
  const text = output.replace(ANSI, "");
  const fileOf = new Map<string, string>();
  let passing: number | undefined;
  let failing = 0;
  const failingFiles = new Set<string>();
  let inSummary = false;
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    const header = /^\s*(\S+\.t\.sol):(\w+)$/.exec(line);
    if (header?.[1] !== undefined && header[2] !== undefined) {
      fileOf.set(header[2], header[1]);
      continue;
    }
    const pass = /^\s*(\d+) passing/.exec(line);
    if (pass?.[1] !== undefined) {
      passing = Number(pass[1]);
      continue;
    }
    const fail = /^\s*(\d+) failing/.exec(line);
    if (fail?.[1] !== undefined) {
      failing = Number(fail[1]);
      inSummary = true;
      continue;
    }
    const failure = /^\s*\d+\) (\w+)#/.exec(line);
    if (inSummary && failure?.[1] !== undefined) {
      failingFiles.add(fileOf.get(failure[1]) ?? failure[1]);
    }
  }
  return { passing, failing, failingFiles: [...failingFiles].sort() };
}

/*//////////////////////////////////////////////////////////////
                             AGGREGATION
//////////////////////////////////////////////////////////////*/

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
}

export interface Budgets {
  FUZZ_RUNS: number;
  INVARIANT_RUNS: number;
  INVARIANT_DEPTH: number;
  FUZZ_SEED: string;
}

export interface Survivor {
  id: string;
  file: string;
  line: number;
  original: string;
  mutant: string;
  category: Category;
  reason: string;
  harmlessBecause?: string;
}

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
  budgets: Budgets;
  jobs: number;
  /** Wall-clock seconds of the mutant phase (after the scratch copies were built), for seconds per mutant. */
  wallSeconds: number;
}

const contractOf = (file: string): string => path.posix.basename(file, ".sol");

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
    budgets: meta.budgets,
    jobs: meta.jobs,
    secondsPerMutant: results.length === 0 ? 0 : Math.round((10 * meta.wallSeconds) / results.length) / 10,
    byContract: tally((r) => contractOf(r.file)),
    byCategory: tally((r) => r.category),
    results,
  };
}

/*//////////////////////////////////////////////////////////////
                              THE RUNNER
//////////////////////////////////////////////////////////////*/

const DEFAULT_BUDGETS: Budgets = { FUZZ_RUNS: 256, INVARIANT_RUNS: 64, INVARIANT_DEPTH: 32, FUZZ_SEED: "0x1c1c" };
/** Seconds per mutant assumed for the first estimate when no earlier bench/mutation.json gives one. */
const FIRST_GUESS_SECONDS = 40;
/** Scratch copies only run Solidity tests: after the first build they need no TypeScript bindings. */
const NO_TYPECHAIN = "--no-typechain";
const BUILD_TIMEOUT_MS = 15 * 60_000;
const TEST_TIMEOUT_MS = 20 * 60_000;
/** Top-level entries never copied to a scratch copy (installed, generated or local). */
const NOT_COPIED = new Set([
  "node_modules",
  ".git",
  "artifacts",
  "cache",
  "coverage",
  "typechain-types",
  "out",
  ".node22",
]);
const SCRATCH_MARKER = ".cic-mutate-scratch";

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

interface Planned {
  spec: MutantSpec;
  line: number;
  /** Unit + fuzz + invariant files, and the invariant files alone. */
  files: string[];
  invariantFiles: string[];
}

interface Exec {
  code: number | null;
  output: string;
  timedOut: boolean;
}

/** Runs Hardhat (the scratch copy's own, under this Node) in `cwd`; collects stdout and stderr together. */
function hardhat(cwd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Exec> {
  const cli = realpathSync(path.join(cwd, "node_modules", ".bin", "hardhat"));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

/** The first compiler error (`ParserError: …`, `TypeError: …`) of a failed build, else Hardhat's own error line. */
export function firstError(output: string): string {
  const lines = output.replace(ANSI, "").split("\n");
  const line =
    lines.find((l) => /^\w*Error: /.test(l.trim())) ??
    lines.find((l) => /\b(Error|HHE\d+)\b/.test(l)) ??
    lines.filter((l) => l.trim() !== "").pop();
  return (line ?? "").trim().slice(0, 300);
}

/** All files under `dir` (repository-relative, `/`-separated). */
function listFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

class Scratch {
  readonly dir: string;
  private readonly snapshot: string;

  constructor(dir: string) {
    this.dir = dir;
    this.snapshot = path.join(dir, ".baseline");
  }

  /** Makes `dir` a copy of the working tree (keeping the previous run's build cache), with node_modules linked. */
  sync(repo: string): void {
    if (existsSync(this.dir)) {
      const entries = readdirSync(this.dir);
      if (entries.length > 0 && !entries.includes(SCRATCH_MARKER)) {
        throw new Error(
          `${this.dir} exists and is not a scratch copy made by this tool (no ${SCRATCH_MARKER}); refusing`,
        );
      }
      for (const e of entries) {
        if (!["artifacts", "cache", "typechain-types", SCRATCH_MARKER].includes(e)) {
          rmSync(path.join(this.dir, e), { recursive: true, force: true });
        }
      }
    }
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(path.join(this.dir, SCRATCH_MARKER), `scratch copy of ${repo} for npm run mutate\n`);
    for (const e of readdirSync(repo)) {
      if (NOT_COPIED.has(e)) continue;
      cpSync(path.join(repo, e), path.join(this.dir, e), { recursive: true });
    }
    symlinkSync(realpathSync(path.join(repo, "node_modules")), path.join(this.dir, "node_modules"), "dir");
  }

  /** Remembers the built state, so each mutant's build can be undone without compiling the original again. */
  saveBuild(): void {
    rmSync(this.snapshot, { recursive: true, force: true });
    mkdirSync(this.snapshot);
    for (const d of ["artifacts", "cache"])
      cpSync(path.join(this.dir, d), path.join(this.snapshot, d), { recursive: true });
  }

  restoreBuild(): void {
    for (const d of ["artifacts", "cache"]) {
      rmSync(path.join(this.dir, d), { recursive: true, force: true });
      cpSync(path.join(this.snapshot, d), path.join(this.dir, d), { recursive: true });
    }
  }
}

interface Options {
  check: boolean;
  only?: string[];
  jobs: number;
  out: string;
  scratch?: string;
  baseline: boolean;
  list: string;
  invariantsOnly: boolean;
}

const USAGE = `npm run mutate -- [options]
  --check           only verify the anchors and the suites (no compile); exit 1 when any is stale
  --only id,id      run only these mutants
  --jobs N          N scratch copies working in parallel (default 1)
  --out FILE        where to write the report (default bench/mutation.json)
  --scratch DIR     where the scratch copies live (default <tmp>/cic-mutate/<repo hash>)
  --no-baseline     skip the unmutated test run that proves the suites pass before mutating
  --list FILE       the mutant list (default tools/mutate/mutants.json)
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
  };
}

/** Resolves anchors and suites against the working tree; prints every problem. */
function plan(
  repo: string,
  list: MutantList,
  only: string[] | undefined,
  invariantsOnly = false,
): { planned: Planned[]; stale: string[] } {
  const testFiles = listFiles(repo, "test/contracts");
  let selected = list.mutants;
  if (only !== undefined) {
    const unknown = only.filter((id) => !list.mutants.some((m) => m.id === id));
    if (unknown.length > 0) throw new Error(`--only: no mutant ${unknown.join(", ")} in the list`);
    // In the order given, so that a run cut short has measured the mutants that were listed first.
    selected = [...new Set(only)].flatMap((id) => list.mutants.filter((m) => m.id === id));
  }
  const planned: Planned[] = [];
  const stale: string[] = [];
  const sources = new Map<string, string | undefined>();
  for (const spec of selected) {
    if (!sources.has(spec.file)) {
      const abs = path.join(repo, spec.file);
      sources.set(spec.file, existsSync(abs) ? readFileSync(abs, "utf8") : undefined);
    }
    const source = sources.get(spec.file);
    const suite = list.suites[spec.suite];
    if (suite === undefined) throw new Error(`${spec.id}: no suite ${spec.suite}`);
    if (source === undefined) {
      console.log(`stale      ${spec.id}: ${spec.file} does not exist`);
      stale.push(spec.id);
      continue;
    }
    const anchor = findAnchor(source, spec.original);
    if (anchor.kind === "ambiguous") {
      console.log(`ambiguous  ${spec.id}: ${spec.file} has the anchor on lines ${anchor.lines.join(", ")}`);
      console.log(`           anchor: ${spec.original}`);
      stale.push(spec.id);
      continue;
    }
    if (anchor.kind === "stale") {
      console.log(`stale      ${spec.id}: ${spec.file} has no line \`${spec.original}\``);
      if (anchor.nearest !== undefined) {
        const pct = Math.round(100 * anchor.nearest.score);
        console.log(`           nearest, line ${anchor.nearest.line} (${pct} % alike): ${anchor.nearest.text}`);
      }
      stale.push(spec.id);
      continue;
    }
    const unit = matchFiles([...suite.unit, ...suite.fuzz], testFiles);
    const invariantFiles = matchFiles(suite.invariant, testFiles);
    if (matchFiles(suite.unit, testFiles).length === 0) {
      console.log(`stale      ${spec.id}: suite ${spec.suite} matches no unit test file (${suite.unit.join(", ")})`);
      stale.push(spec.id);
      continue;
    }
    if (invariantsOnly) {
      if (invariantFiles.filter((f) => f.endsWith(".t.sol")).length === 0) {
        console.log(`skipped    ${spec.id}: suite ${spec.suite} has no invariant test file (--invariants-only)`);
        continue;
      }
      planned.push({ spec, line: anchor.line, files: invariantFiles, invariantFiles });
      continue;
    }
    planned.push({ spec, line: anchor.line, files: [...new Set([...unit, ...invariantFiles])], invariantFiles });
  }
  return { planned, stale };
}

async function runMutant(
  scratch: Scratch,
  p: Planned,
  env: NodeJS.ProcessEnv,
  logDir: string,
): Promise<{ result: MutantResult; buildSeconds: number }> {
  const t0 = performance.now();
  const abs = path.join(scratch.dir, p.spec.file);
  const original = readFileSync(abs, "utf8");
  const base = {
    id: p.spec.id,
    file: p.spec.file,
    line: p.line,
    original: p.spec.original,
    mutant: p.spec.mutant,
    category: p.spec.category,
    killedBy: [] as string[],
    killedByInvariantsOnly: false,
    ...(p.spec.harmlessBecause === undefined ? {} : { harmlessBecause: p.spec.harmlessBecause }),
  };
  const log: string[] = [];
  let buildSeconds = 0;
  const elapsed = () => Math.round((performance.now() - t0) / 100) / 10;
  try {
    writeFileSync(abs, applyMutant(original, p.line, p.spec.mutant));
    // Only the mutated file and the suites' test files (and what they import), without bindings: the rest of the
    // build is the unmutated snapshot, restored afterwards.
    const build = await hardhat(
      scratch.dir,
      ["build", "--quiet", NO_TYPECHAIN, p.spec.file, ...p.files],
      env,
      BUILD_TIMEOUT_MS,
    );
    buildSeconds = (performance.now() - t0) / 1000;
    log.push(`$ hardhat build --quiet ${NO_TYPECHAIN} ${p.spec.file} ${p.files.join(" ")}`, build.output);
    if (build.timedOut)
      return { result: { ...base, status: "error", seconds: elapsed(), detail: "build timed out" }, buildSeconds };
    if (build.code !== 0) {
      return {
        result: { ...base, status: "invalid", seconds: elapsed(), detail: firstError(build.output) },
        buildSeconds,
      };
    }
    const tests = await hardhat(scratch.dir, ["test", "solidity", NO_TYPECHAIN, ...p.files], env, TEST_TIMEOUT_MS);
    log.push(`$ hardhat test solidity ${p.files.join(" ")}`, tests.output);
    const run = parseTestOutput(tests.output);
    if (run.failingFiles.length === 0) {
      if (tests.code === 0 && !tests.timedOut && run.passing !== undefined) {
        return { result: { ...base, status: "survived", seconds: elapsed() }, buildSeconds };
      }
      const detail = tests.timedOut ? "test run timed out" : `test run exited ${tests.code} without a failing test`;
      return { result: { ...base, status: "error", seconds: elapsed(), detail }, buildSeconds };
    }
    // Each test contract runs on its own with the fixed seed, so a failing invariant file here fails alone as well.
    let byInvariants = run.failingFiles.some((f) => p.invariantFiles.includes(f));
    if (!byInvariants && p.invariantFiles.length > 0) {
      const inv = await hardhat(
        scratch.dir,
        ["test", "solidity", NO_TYPECHAIN, ...p.invariantFiles],
        env,
        TEST_TIMEOUT_MS,
      );
      log.push(`$ hardhat test solidity ${p.invariantFiles.join(" ")}`, inv.output);
      byInvariants = parseTestOutput(inv.output).failingFiles.length > 0;
    }
    return {
      result: {
        ...base,
        status: "killed",
        killedBy: run.failingFiles,
        killedByInvariantsOnly: byInvariants,
        seconds: elapsed(),
      },
      buildSeconds,
    };
  } finally {
    writeFileSync(abs, original);
    scratch.restoreBuild();
    writeFileSync(path.join(logDir, `${p.spec.id}.log`), log.join("\n"));
  }
}

function summaryTable(rows: MutantSpec[]): string {
  const byContract = new Map<string, Map<string, number>>();
  for (const m of rows) {
    const c = contractOf(m.file);
    const row = byContract.get(c) ?? new Map<string, number>();
    row.set(m.category, (row.get(m.category) ?? 0) + 1);
    byContract.set(c, row);
  }
  const lines = [...byContract.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, row]) => {
      const total = [...row.values()].reduce((a, b) => a + b, 0);
      const cats = [...row.entries()].map(([k, n]) => `${k} ${n}`).join(", ");
      return `  ${c.padEnd(22)} ${String(total).padStart(3)}  (${cats})`;
    });
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const list = validateList(JSON.parse(readFileSync(path.resolve(repo, options.list), "utf8")));
  const { planned, stale } = plan(repo, list, options.only, options.invariantsOnly);

  if (options.check) {
    console.log(summaryTable(list.mutants));
    console.log(
      `${list.mutants.length} mutants in the list; ${planned.length} checked anchors match exactly one line, ` +
        `${stale.length} stale or ambiguous`,
    );
    return stale.length === 0 ? 0 : 1;
  }
  if (stale.length > 0) console.log(`refused ${stale.length} mutant(s) with stale anchors: ${stale.join(", ")}`);
  if (planned.length === 0) {
    console.log("nothing to run");
    return 1;
  }

  const budgets = budgetsFromEnv(process.env);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FUZZ_RUNS: String(budgets.FUZZ_RUNS),
    INVARIANT_RUNS: String(budgets.INVARIANT_RUNS),
    INVARIANT_DEPTH: String(budgets.INVARIANT_DEPTH),
    FUZZ_SEED: budgets.FUZZ_SEED,
    FORCE_COLOR: "0",
  };
  const outPath = path.resolve(repo, options.out);
  let guess = FIRST_GUESS_SECONDS;
  if (existsSync(outPath)) {
    const previous: unknown = JSON.parse(readFileSync(outPath, "utf8"));
    if (isObject(previous) && typeof previous.secondsPerMutant === "number" && previous.secondsPerMutant > 0) {
      guess = previous.secondsPerMutant * (typeof previous.jobs === "number" ? previous.jobs : 1);
    }
  }
  const jobs = Math.min(options.jobs, planned.length);
  console.log(
    `${planned.length} mutants, ${jobs} job(s), budgets fuzz ${budgets.FUZZ_RUNS} runs, invariants ` +
      `${budgets.INVARIANT_RUNS} × ${budgets.INVARIANT_DEPTH}, seed ${budgets.FUZZ_SEED}; estimate ` +
      `~${fmtSeconds((planned.length * guess) / jobs)} (~${Math.round(guess)} s a mutant) after the first build`,
  );

  const root = options.scratch
    ? path.resolve(options.scratch)
    : path.join(tmpdir(), "cic-mutate", createHash("sha256").update(repo).digest("hex").slice(0, 12));
  const scratches = Array.from({ length: jobs }, (_, i) => new Scratch(path.join(root, `job-${i}`)));
  const logDir = path.join(root, "logs");
  mkdirSync(logDir, { recursive: true });

  const tSetup = performance.now();
  await Promise.all(
    scratches.map(async (s) => {
      s.sync(repo);
      const build = await hardhat(s.dir, ["build", "--quiet"], env, BUILD_TIMEOUT_MS);
      if (build.code !== 0)
        throw new Error(`the unmutated copy does not build in ${s.dir}: ${firstError(build.output)}`);
      s.saveBuild();
    }),
  );
  console.log(`scratch copies in ${root} built (${fmtSeconds((performance.now() - tSetup) / 1000)})`);
  const first = scratches[0];
  if (first === undefined) throw new Error("no scratch copy");
  if (options.baseline) {
    const files = [...new Set(planned.flatMap((p) => p.files))].sort();
    const t = performance.now();
    const base = await hardhat(first.dir, ["test", "solidity", NO_TYPECHAIN, ...files], env, TEST_TIMEOUT_MS);
    const run = parseTestOutput(base.output);
    if (base.code !== 0 || run.failing > 0) {
      writeFileSync(path.join(logDir, "baseline.log"), base.output);
      throw new Error(
        `the unmutated suites fail (${run.failingFiles.join(", ") || `exit ${base.code}`}); see ${logDir}/baseline.log`,
      );
    }
    console.log(
      `baseline: ${run.passing ?? 0} tests pass in ${files.length} files (${fmtSeconds((performance.now() - t) / 1000)})`,
    );
  }

  const results: MutantResult[] = new Array<MutantResult>(planned.length);
  let next = 0;
  let done = 0;
  const tRun = performance.now();
  mkdirSync(path.dirname(outPath), { recursive: true });
  const writeReport = (final: boolean): MutationReport => {
    const report = aggregate(
      results.filter((r) => r !== undefined),
      {
        stale,
        ...(options.only === undefined ? {} : { only: options.only }),
        ...(final ? {} : { incomplete: { done, planned: planned.length } }),
        invariantsOnly: options.invariantsOnly,
        runAt: new Date().toISOString(),
        budgets,
        jobs,
        wallSeconds: (performance.now() - tRun) / 1000,
      },
    );
    writeFileSync(outPath, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  };
  await Promise.all(
    scratches.map(async (scratch) => {
      while (next < planned.length) {
        const i = next++;
        const p = planned[i];
        if (p === undefined) break;
        const { result, buildSeconds } = await runMutant(scratch, p, env, logDir);
        results[i] = result;
        done++;
        // A run cut short (a deadline, a reboot) keeps every result measured so far, marked `incomplete`.
        if (done < planned.length) writeReport(false);
        const what =
          result.status === "killed"
            ? `killed by ${result.killedBy.map((f) => path.posix.basename(f)).join(", ")}` +
              (result.killedByInvariantsOnly ? " (invariants alone: yes)" : " (invariants alone: no)")
            : result.status === "survived"
              ? `SURVIVED${result.harmlessBecause === undefined ? "" : " (harmless: written reason)"}`
              : `${result.status}: ${result.detail ?? ""}`;
        const wall = (performance.now() - tRun) / 1000;
        const left = ((planned.length - done) * wall) / done;
        console.log(
          `[${done}/${planned.length}] ${p.spec.id} … ${what} (${fmtSeconds(result.seconds)}, build ` +
            `${fmtSeconds(buildSeconds)})${done < planned.length ? `, ~${fmtSeconds(left)} left` : ""}`,
        );
      }
    }),
  );

  const report = writeReport(true);
  console.log(
    `${report.mutants} mutants: ${report.killed} killed (${report.killedByInvariantsOnly} by the invariant suites alone), ` +
      `${report.survivors.length} survived, ${report.invalid} invalid, ${report.errors} errors; ` +
      `${report.secondsPerMutant} s a mutant → ${path.relative(repo, outPath)} (logs in ${logDir})`,
  );
  for (const s of report.survivors) {
    console.log(
      `  survivor ${s.id} ${s.file}:${s.line}${s.harmlessBecause === undefined ? "" : " (harmless: see list)"}`,
    );
  }
  return stale.length > 0 || report.errors > 0 ? 1 : 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`mutate: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
