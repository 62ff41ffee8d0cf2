// Mutation run: applies one-line faults from tools/mutate/mutants.json to a scratch copy of the repository, runs the
// Solidity tests of each fault's domain, and writes bench/mutation.json. See the "Mutation testing" section of
// CONTRIBUTING.md. Run with `npm run mutate -- [--check] [--only id,id] [--jobs N] [--out FILE] [--scratch DIR]`.
//
// Node 22 runs these files directly (type stripping): local imports name the `.ts` file (tsconfig.json allows it
// under noEmit), type-only imports say `type`, and there is no TypeScript-only runtime syntax (no enums, no parameter
// properties). The modules: list.ts (the mutant list), anchors.ts (anchors and globs), plan.ts (what a run does),
// scratch.ts (scratch copies, Hardhat), runner.ts (one mutant, then all), output.ts (Hardhat's output), report.ts
// (bench/mutation.json), readme.ts (its README block), options.ts (the command line); test/ts/tools/mutate.test.ts
// tests their pure parts.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isObject, validateList } from "./list.ts";
import { parseOptions, USAGE } from "./options.ts";
import { firstError, parseTestOutput } from "./output.ts";
import { plan, type Planned, summaryTable } from "./plan.ts";
import {
  aggregate,
  type Budgets,
  budgetsFromEnv,
  fmtSeconds,
  type MutantResult,
  type MutationReport,
  resumableResults,
} from "./report.ts";
import { README_START, withReadmeBlock } from "./readme.ts";
import { runAll } from "./runner.ts";
import { sourceFingerprint } from "./fingerprint.ts";
import { BUILD_TIMEOUT_MS, hardhat, NO_TYPECHAIN, Scratch, TEST_TIMEOUT_MS } from "./scratch.ts";

/** Seconds per mutant assumed for the first estimate when no earlier bench/mutation.json gives one. */
const FIRST_GUESS_SECONDS = 40;

/** Seconds per mutant (one job) of the previous report at `outPath`, else the first guess. */
function previousPace(outPath: string): number {
  if (!existsSync(outPath)) return FIRST_GUESS_SECONDS;
  const previous: unknown = JSON.parse(readFileSync(outPath, "utf8"));
  if (isObject(previous) && typeof previous.secondsPerMutant === "number" && previous.secondsPerMutant > 0) {
    return previous.secondsPerMutant * (typeof previous.jobs === "number" ? previous.jobs : 1);
  }
  return FIRST_GUESS_SECONDS;
}

/** Copies the working tree into each scratch copy and builds it once, unmutated (the state each mutant returns to). */
async function prepare(scratches: Scratch[], repo: string, root: string, env: NodeJS.ProcessEnv): Promise<void> {
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
}

/** Proves that the planned suites pass on the unmutated copy (else every mutant would look killed). */
async function baseline(scratch: Scratch, planned: Planned[], env: NodeJS.ProcessEnv, logDir: string): Promise<void> {
  const files = [...new Set(planned.flatMap((p) => p.files))].sort();
  const t = performance.now();
  const base = await hardhat(scratch.dir, ["test", "solidity", NO_TYPECHAIN, ...files], env, TEST_TIMEOUT_MS);
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

/** The test environment of every Hardhat run: the budgets, fixed, and no colours in the output. */
function testEnv(budgets: Budgets): NodeJS.ProcessEnv {
  return {
    ...process.env,
    FUZZ_RUNS: String(budgets.FUZZ_RUNS),
    INVARIANT_RUNS: String(budgets.INVARIANT_RUNS),
    INVARIANT_DEPTH: String(budgets.INVARIANT_DEPTH),
    FUZZ_SEED: budgets.FUZZ_SEED,
    FORCE_COLOR: "0",
  };
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
  const env = testEnv(budgets);
  const outPath = path.resolve(repo, options.out);
  const guess = previousPace(outPath);
  const sourceHash = sourceFingerprint(repo);
  const resumed = options.resume
    ? resumableResults(
        existsSync(outPath) ? JSON.parse(readFileSync(outPath, "utf8")) : undefined,
        { sourceHash, budgets, invariantsOnly: options.invariantsOnly },
        planned.map((p) => ({ ...p.spec, line: p.line, inputsHash: p.inputsHash })),
      )
    : { results: new Map<string, MutantResult>(), secondsPerMutant: 0 };
  if (options.resume) {
    console.log(
      resumed.refused === undefined
        ? `resuming: ${resumed.results.size} verdict(s) kept from ${path.relative(repo, outPath)}`
        : `--resume: nothing kept from ${path.relative(repo, outPath)}: ${resumed.refused}`,
    );
  }
  const toRun = planned.filter((p) => !resumed.results.has(p.spec.id));
  const jobs = Math.max(1, Math.min(options.jobs, toRun.length));
  console.log(
    `${toRun.length} mutants to run, ${jobs} job(s), budgets fuzz ${budgets.FUZZ_RUNS} runs, invariants ` +
      `${budgets.INVARIANT_RUNS} × ${budgets.INVARIANT_DEPTH}, seed ${budgets.FUZZ_SEED}; estimate ` +
      `~${fmtSeconds((toRun.length * guess) / jobs)} (~${Math.round(guess)} s a mutant) after the first build`,
  );

  const fresh: MutantResult[] = new Array<MutantResult>(toRun.length);
  const freshIndex = new Map(toRun.map((p, i) => [p.spec.id, i]));
  const resumedWall = resumed.secondsPerMutant * resumed.results.size;
  let tRun = performance.now();
  mkdirSync(path.dirname(outPath), { recursive: true });
  const writeReport = (done: number | undefined): MutationReport => {
    const results = planned
      .map((p) => resumed.results.get(p.spec.id) ?? fresh[freshIndex.get(p.spec.id) ?? -1])
      .filter((r) => r !== undefined);
    const report = aggregate(results, {
      stale,
      ...(options.only === undefined ? {} : { only: options.only }),
      ...(done === undefined ? {} : { incomplete: { done: done + resumed.results.size, planned: planned.length } }),
      invariantsOnly: options.invariantsOnly,
      runAt: new Date().toISOString(),
      sourceHash,
      resumed: resumed.results.size,
      budgets,
      jobs,
      wallSeconds: resumedWall + (performance.now() - tRun) / 1000,
    });
    writeFileSync(outPath, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  };
  if (toRun.length > 0) {
    const root = options.scratch
      ? path.resolve(options.scratch)
      : path.join(tmpdir(), "cic-mutate", createHash("sha256").update(repo).digest("hex").slice(0, 12));
    const scratches = Array.from({ length: jobs }, (_, i) => new Scratch(path.join(root, `job-${i}`)));
    const logDir = path.join(root, "logs");
    mkdirSync(logDir, { recursive: true });
    await prepare(scratches, repo, root, env);
    const first = scratches[0];
    if (first === undefined) throw new Error("no scratch copy");
    if (options.baseline) await baseline(first, toRun, env, logDir);
    tRun = performance.now();
    // A run cut short (a deadline, a reboot) keeps every result measured so far, marked `incomplete`: `--resume`
    // goes on from there.
    await runAll(scratches, toRun, env, logDir, fresh, (done) => {
      if (done < toRun.length) writeReport(done);
    });
  }

  const report = writeReport(undefined);
  console.log(
    `${report.mutants} mutants: ${report.killed} killed (${report.killedByInvariantsOnly} by the invariant suites alone), ` +
      `${report.survivors.length} survived, ${report.invalid} invalid, ${report.errors} errors; ` +
      `${report.secondsPerMutant} s a mutant → ${path.relative(repo, outPath)}`,
  );
  for (const s of report.survivors) {
    console.log(
      `  survivor ${s.id} ${s.file}:${s.line}${s.harmlessBecause === undefined ? "" : " (harmless: see list)"}`,
    );
  }
  // The README summarises bench/mutation.json: a whole run written there rewrites its block (README_START).
  const whole = report.only === undefined && report.invariantsOnly === undefined && report.stale.length === 0;
  if (whole && outPath === path.resolve(repo, "bench/mutation.json")) {
    const readmePath = path.join(repo, "README.md");
    writeFileSync(readmePath, withReadmeBlock(readFileSync(readmePath, "utf8"), report));
    console.log(`README.md: the block after ${README_START} now shows this report`);
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
