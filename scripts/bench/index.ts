/**
 * `npm run bench`: measures whole-transaction gasUsed for every operation of the suite, each bench module on a
 * fresh in-process network, and writes `bench/gas.json` (flat `{ op: gas }`) and `bench/gas.md` (the README table,
 * followed by the file's hand-written notes from its notes marker on, kept as they are).
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
// gas.md is the table, then whatever follows the notes marker in the file (hand-written: profiles, changes), kept.
const gasMdPath = path.join(outDir, "gas.md");
const notesMarker = "<!-- notes: kept by npm run bench -->";
const previous = await readFile(gasMdPath, "utf8").catch((err: unknown) => {
  if (err instanceof Error && "code" in err && err.code === "ENOENT") return "";
  throw err;
});
const notesAt = previous.indexOf(notesMarker);
await writeFile(gasMdPath, notesAt >= 0 ? table + "\n" + previous.slice(notesAt) : table);
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
