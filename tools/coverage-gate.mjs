// Usage: node scripts/coverage-gate.mjs coverage/lcov.info 95
// Sums line coverage (LF/LH) over the files in contracts/ that are not test helpers (test/contracts/**, outside contracts/) and fails
// when it is below the minimum. Prints one line per file below 100 % and the total.
import { readFileSync } from "node:fs";

const [file = "coverage/lcov.info", minArg = "95"] = process.argv.slice(2);
const min = Number(minArg);
let text;
try {
  text = readFileSync(file, "utf8");
} catch {
  console.error(`coverage gate: ${file} not found (did the test run with --coverage?)`);
  process.exit(1);
}
let found = 0;
let hit = 0;
for (const record of text.split("end_of_record")) {
  const sf = /^SF:(.*)$/m.exec(record)?.[1]?.trim();
  if (!sf) continue;
  const rel = sf.replace(/\\/g, "/").replace(/^.*?(contracts\/)/, "$1");
  if (!rel.startsWith("contracts/") || rel.startsWith("contracts/test/") || rel.endsWith(".t.sol")) continue;
  const lf = Number(/^LF:(\d+)$/m.exec(record)?.[1] ?? 0);
  const lh = Number(/^LH:(\d+)$/m.exec(record)?.[1] ?? 0);
  found += lf;
  hit += lh;
  if (lh < lf) console.log(`  ${rel}: ${lh}/${lf} lines`);
}
const pct = found === 0 ? 0 : (100 * hit) / found;
console.log(`coverage gate: ${hit}/${found} lines in contracts/ = ${pct.toFixed(2)} % (minimum ${min} %)`);
process.exit(found > 0 && pct >= min ? 0 : 1);
