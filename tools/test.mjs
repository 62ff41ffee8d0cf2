// `npm test` after `npm run abis`: every test, in two Hardhat runs at once (the Solidity one niced), one summary.
// - `hardhat test solidity --coverage`: the Solidity tests (test/contracts) against an instrumented build kept in its
//   own folder (CIC_BUILD_DIR=cache/coverage-build: artifacts, cache; no typechain bindings), so the plain build in
//   artifacts/ is never overwritten and nothing compiles twice; it writes coverage/lcov.info, which the coverage gate
//   reads: the lines of contracts/ the Solidity tests execute.
// - `hardhat test mocha`: the TypeScript tests (test/ts) against the plain build `npm run abis` made (nothing to
//   compile), without instrumentation (the nodes, deployments and CLI runs they start are not slowed by it).
// The mocha run streams its output; the Solidity run's output is printed when both are done. The last lines are
// Hardhat's own summary format at column 0, `N passing (a solidity, b mocha)` and, when any failed,
// `M failing (…)`, summed from each runner's own count. A run that ends without its count prints none for it and
// makes the exit code non-zero. Exit code 0 only when both runs exited 0.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { setPriority } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const HARDHAT = path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");
const COVERAGE_BUILD_DIR = path.join("cache", "coverage-build");
const LOG_DIR = path.join(ROOT, "cache", "test-logs");

const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, "");

/**
 * Runs `hardhat <args>` with `env`, teeing its output to `log` (and to our stdout when `live`); `nice` lowers its
 * priority (the threads it starts later inherit it).
 */
function run(name, args, env, live, nice = 0) {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = path.join(LOG_DIR, `${name}.log`);
  const out = createWriteStream(log);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HARDHAT, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (nice !== 0 && child.pid !== undefined) setPriority(child.pid, nice);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on("data", (chunk) => {
        out.write(chunk);
        if (live) process.stdout.write(chunk);
      });
    }
    child.on("close", (code, signal) => {
      out.end(() => resolve({ name, log, code: code ?? (signal ? 1 : 0), seconds: (Date.now() - started) / 1000 }));
    });
    child.on("error", (err) => {
      out.end(() => resolve({ name, log, code: 1, seconds: 0, error: err }));
    });
  });
}

/** The runner's own summary: the last `N passing` / `N failing` line it printed (indented, in its own format). */
function counts(log) {
  const text = stripAnsi(readFileSync(log, "utf8"));
  const last = (re) => {
    const all = [...text.matchAll(re)];
    return all.length === 0 ? undefined : Number(all[all.length - 1][1]);
  };
  const passed = last(/^ +(\d+) passing\b/gm);
  return { passed, failed: passed === undefined ? undefined : (last(/^ +(\d+) failing\b/gm) ?? 0) };
}

const solidity = run(
  "solidity",
  ["test", "solidity", "--coverage", "--no-typechain"],
  { CIC_BUILD_DIR: COVERAGE_BUILD_DIR },
  false,
  // The mocha run waits on nodes, indexers and browsers with timeouts; the fuzz and invariant runs fill the cycles
  // it leaves, so they yield.
  10,
);
// Never instrumented, even when the caller set Hardhat's coverage variable (spawn drops an undefined variable).
const mocha = run("mocha", ["test", "mocha"], { HARDHAT_COVERAGE: undefined, CIC_BUILD_DIR: undefined }, true);
const solidityDone = solidity.then((r) => {
  console.log(
    `\n::: (the Solidity tests with coverage finished in ${r.seconds.toFixed(0)} s; output below at the end)`,
  );
  return r;
});
const results = await Promise.all([solidityDone, mocha]);
process.stdout.write(`\n::: Solidity tests (coverage build in ${COVERAGE_BUILD_DIR}):\n`);
process.stdout.write(readFileSync(results[0].log, "utf8"));

let ok = true;
const passing = [];
const failing = [];
for (const r of results) {
  const c = counts(r.log);
  console.log(`::: ${r.name}: exit ${r.code}, ${r.seconds.toFixed(0)} s, log ${path.relative(ROOT, r.log)}`);
  if (r.error !== undefined) console.log(`::: ${r.name}: could not start: ${r.error.message}`);
  if (r.code !== 0) ok = false;
  if (c.passed === undefined) {
    console.log(`::: ${r.name}: the run printed no summary`);
    ok = false;
    continue;
  }
  passing.push([r.name, c.passed]);
  if (c.failed > 0) failing.push([r.name, c.failed]);
}
const line = (label, items) => {
  const total = items.reduce((s, [, n]) => s + n, 0);
  return `${total} ${label} (${items.map(([name, n]) => `${n} ${name}`).join(", ")})`;
};
console.log();
if (passing.length > 0) console.log(line("passing", passing));
if (failing.length > 0) console.log(line("failing", failing));
process.exit(ok ? 0 : 1);
