// Planning a run: each selected mutant's anchor line and the test files of its suite, or why it is refused. Part of
// `npm run mutate` (run.ts).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { findAnchor, matchFiles } from "./anchors.ts";
import type { MutantList, MutantSpec } from "./list.ts";
import { inputsFingerprint, readSource } from "./fingerprint.ts";
import { linkedLibrariesReaching } from "./links.ts";
import { contractOf } from "./report.ts";
import { listFiles } from "./scratch.ts";

export interface Planned {
  spec: MutantSpec;
  line: number;
  /** Unit + fuzz + invariant files, and the invariant files alone. */
  files: string[];
  invariantFiles: string[];
  /** The linked libraries whose imports reach the mutated file: built as roots with it (links.ts says why). */
  libraries: string[];
  /** What the build compiles from: the mutated file, `libraries` and `files`. */
  roots: string[];
  /** `inputsFingerprint` of `roots`: what `--resume` compares for this mutant (fingerprint.ts). */
  inputsHash: string;
}

/** Resolves anchors and suites against the working tree; prints every problem. */
export function plan(
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
  const libraries = new Map<string, string[]>();
  const cache = new Map<string, string>();
  const read = (f: string): string => {
    const hit = cache.get(f);
    if (hit !== undefined) return hit;
    const text = readSource(repo)(f);
    cache.set(f, text);
    return text;
  };
  const planOf = (spec: MutantSpec, line: number, files: string[], invariantFiles: string[], linked: string[]) => {
    const roots = [...new Set([spec.file, ...linked, ...files])];
    return {
      spec,
      line,
      files,
      invariantFiles,
      libraries: linked,
      roots,
      inputsHash: inputsFingerprint(repo, roots, read),
    };
  };
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
    const anchor = findAnchor(source, spec.original, spec.occurrence);
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
    if (!libraries.has(spec.file)) libraries.set(spec.file, linkedLibrariesReaching(repo, spec.file));
    const linked = libraries.get(spec.file) ?? [];
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
      planned.push(planOf(spec, anchor.line, invariantFiles, invariantFiles, linked));
      continue;
    }
    planned.push(planOf(spec, anchor.line, [...new Set([...unit, ...invariantFiles])], invariantFiles, linked));
  }
  return { planned, stale };
}

export function summaryTable(rows: MutantSpec[]): string {
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
