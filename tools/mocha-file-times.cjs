// Mocha's spec reporter plus, at the end, the wall time of each test file (its suites from start to end) and the part
// of it spent in `before all`/`after all` hooks (setup: nodes, deployments, indexers, browsers), slowest first.
// On when MOCHA_FILE_TIMES=1 (`.ci/run` sets it; hardhat.config.ts picks the reporter). The lines are indented, so
// `.ci/run`'s count of Hardhat's column-0 summary is not disturbed. CommonJS: Mocha loads reporters with require.
"use strict";
const path = require("node:path");
const Mocha = require("mocha");

const { EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_HOOK_BEGIN, EVENT_HOOK_END, EVENT_RUN_END } = Mocha.Runner.constants;

class FileTimes extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    /** @type {Map<string, { ms: number, setupMs: number, tests: number }>} */
    const files = new Map();
    const entry = (file) => {
      const key = path.relative(process.cwd(), file);
      let e = files.get(key);
      if (e === undefined) files.set(key, (e = { ms: 0, setupMs: 0, tests: 0 }));
      return e;
    };
    const suiteStart = new Map();
    const hookStart = new Map();
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (suite.file !== undefined && suite.parent?.root === true) suiteStart.set(suite, Date.now());
    });
    runner.on(EVENT_SUITE_END, (suite) => {
      const start = suiteStart.get(suite);
      if (start === undefined) return;
      const e = entry(suite.file);
      e.ms += Date.now() - start;
      e.tests += suite.total();
    });
    runner.on(EVENT_HOOK_BEGIN, (hook) => {
      if (/"(before|after) all"/.test(hook.title)) hookStart.set(hook, Date.now());
    });
    runner.on(EVENT_HOOK_END, (hook) => {
      const start = hookStart.get(hook);
      if (start === undefined || hook.file === undefined) return;
      entry(hook.file).setupMs += Date.now() - start;
    });
    runner.once(EVENT_RUN_END, () => {
      const rows = [...files].sort((a, b) => b[1].ms - a[1].ms);
      const total = rows.reduce((s, [, e]) => s + e.ms, 0);
      const s = (ms) => (ms / 1000).toFixed(1).padStart(7);
      console.log(
        `\n  mocha wall time by file (${rows.length} files, ${s(total).trim()} s): total, of which setup hooks`,
      );
      for (const [file, e] of rows)
        console.log(`  ${s(e.ms)} s ${s(e.setupMs)} s  ${String(e.tests).padStart(3)}  ${file}`);
      console.log();
    });
  }
}

module.exports = FileTimes;
