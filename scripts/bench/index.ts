/**
 * `npm run bench`: measures whole-transaction gasUsed for every operation of the suite, each bench module on a
 * fresh in-process network, and writes `bench/gas.json` (flat `{ op: gas }`) and `bench/gas.md` (the README table).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describeTarget, meetsTarget, type BenchModule, type GasRecord } from "./lib.js";
import { benchMission } from "./mission.js";
import { benchOracle } from "./oracle.js";
import { benchEscrow } from "./escrow.js";
import { benchPool } from "./pool.js";
import { benchSchedule } from "./schedule.js";

const MODULES: Record<string, BenchModule> = {
  mission: benchMission,
  oracle: benchOracle,
  escrow: benchEscrow,
  pool: benchPool,
  schedule: benchSchedule,
};

const gas: GasRecord = {};
for (const [name, run] of Object.entries(MODULES)) {
  console.log(`bench: ${name}`);
  Object.assign(gas, await run());
}

const outDir = path.resolve("bench");
await mkdir(outDir, { recursive: true });
await writeFile(path.join(outDir, "gas.json"), JSON.stringify(gas, null, 2) + "\n");

const rows = Object.entries(gas).map(([op, value]) => {
  const ok = meetsTarget(op, gas);
  const status = ok === undefined ? "" : ok ? "✅" : "❌";
  return `| \`${op}\` | ${value.toLocaleString("en-US")} | ${describeTarget(op)} | ${status} |`;
});
const table = ["| operation | gasUsed | target | met |", "| --- | ---: | --- | :---: |", ...rows].join("\n") + "\n";
await writeFile(path.join(outDir, "gas.md"), table);
console.log(table);

// The README's gas section is this table, between its markers.
const readmePath = path.resolve("README.md");
const readme = await readFile(readmePath, "utf8");
const start = "<!-- gas:start (written by npm run bench) -->";
const end = "<!-- gas:end -->";
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from >= 0 && to > from) {
  await writeFile(readmePath, readme.slice(0, from + start.length) + "\n" + table + readme.slice(to));
}

const missed = Object.keys(gas).filter((op) => meetsTarget(op, gas) === false);
if (missed.length > 0) console.log(`bench: ${missed.length} target(s) missed: ${missed.join(", ")}`);
