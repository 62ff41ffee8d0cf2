// Running one mutant in a scratch copy (apply, build, test, undo), and a planned list over the scratch copies. Part
// of `npm run mutate` (run.ts).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyMutant } from "./anchors.ts";
import { firstError, parseTestOutput } from "./output.ts";
import type { Planned } from "./plan.ts";
import { fmtSeconds, type MutantResult } from "./report.ts";
import { BUILD_TIMEOUT_MS, hardhat, NO_TYPECHAIN, type Scratch, TEST_TIMEOUT_MS } from "./scratch.ts";

export async function runMutant(
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
    inputsHash: p.inputsHash,
    ...(p.spec.harmlessBecause === undefined ? {} : { harmlessBecause: p.spec.harmlessBecause }),
  };
  const log: string[] = [];
  const elapsed = () => Math.round((performance.now() - t0) / 100) / 10;
  try {
    writeFileSync(abs, applyMutant(original, p.line, p.spec.mutant));
    // Only the mutated file, the linked libraries that compile it in, and the suites' test files (and what they
    // import), without bindings: the rest of the build is the unmutated snapshot, restored afterwards.
    const build = await hardhat(scratch.dir, ["build", "--quiet", NO_TYPECHAIN, ...p.roots], env, BUILD_TIMEOUT_MS);
    const buildSeconds = (performance.now() - t0) / 1000;
    log.push(`$ hardhat build --quiet ${NO_TYPECHAIN} ${p.roots.join(" ")}`, build.output);
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

/** One line of progress for a finished mutant: what killed it, or why it was not killed. */
function verdict(result: MutantResult): string {
  if (result.status === "killed") {
    return (
      `killed by ${result.killedBy.map((f) => path.posix.basename(f)).join(", ")}` +
      (result.killedByInvariantsOnly ? " (invariants alone: yes)" : " (invariants alone: no)")
    );
  }
  if (result.status === "survived") {
    return `SURVIVED${result.harmlessBecause === undefined ? "" : " (harmless: written reason)"}`;
  }
  return `${result.status}: ${result.detail ?? ""}`;
}

/**
 * Runs every planned mutant, each scratch copy taking the next one in turn; `results` is filled in plan order and
 * `onResult` called after each (with how many are done), so that a run cut short keeps what it measured.
 */
export async function runAll(
  scratches: Scratch[],
  planned: Planned[],
  env: NodeJS.ProcessEnv,
  logDir: string,
  results: MutantResult[],
  onResult: (done: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const tRun = performance.now();
  await Promise.all(
    scratches.map(async (scratch) => {
      while (next < planned.length) {
        const i = next++;
        const p = planned[i];
        if (p === undefined) break;
        const { result, buildSeconds } = await runMutant(scratch, p, env, logDir);
        results[i] = result;
        done++;
        onResult(done);
        const wall = (performance.now() - tRun) / 1000;
        const left = ((planned.length - done) * wall) / done;
        console.log(
          `[${done}/${planned.length}] ${p.spec.id} … ${verdict(result)} (${fmtSeconds(result.seconds)}, build ` +
            `${fmtSeconds(buildSeconds)})${done < planned.length ? `, ~${fmtSeconds(left)} left` : ""}`,
        );
      }
    }),
  );
}
