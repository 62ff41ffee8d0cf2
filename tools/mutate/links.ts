// The deployed (linked) libraries a mutant reaches. Part of `npm run mutate` (plan.ts).
//
// A library with external functions is deployed on its own and linked into the contracts that call it. The Solidity
// test runner links the library's artifact, and a partial build (`hardhat build <mutated file> <suite files>`) emits
// artifacts for its root files only: a mutant in a file that a linked library compiles in (say `PoolShareClass`,
// created inside `CapitalWaterfall`) would leave the tests running the unmutated library. So every linked library
// whose imports reach the mutated file is built as a root too.
import { readFileSync } from "node:fs";
import path from "node:path";
import { listFiles } from "./scratch.ts";

const IMPORT = /^\s*import\s+(?:[^"']*\s+from\s+)?["']([^"']+)["']\s*;/gm;
const LINKED_LIBRARY = /^library\s+\w+[^{]*\{[\s\S]*?\bfunction\s+\w+\s*\([^)]*\)[^{;]*\b(?:external|public)\b/m;

/** Repository-relative `/`-separated path of a relative import in `from`, or undefined for a package import. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
}

/** The files `file` imports, directly or not, within the repository (itself included). */
export function importClosure(
  repo: string,
  file: string,
  read = (f: string) => readFileSync(path.join(repo, f), "utf8"),
): Set<string> {
  const seen = new Set<string>();
  const todo = [file];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    if (seen.has(f)) continue;
    seen.add(f);
    for (const m of read(f).matchAll(IMPORT)) {
      const dep = m[1] === undefined ? undefined : resolveImport(f, m[1]);
      if (dep !== undefined && !seen.has(dep)) todo.push(dep);
    }
  }
  return seen;
}

/** Whether `source` declares a library with an external or public function (one that is deployed and linked). */
export function isLinkedLibrary(source: string): boolean {
  return LINKED_LIBRARY.test(source);
}

/** The linked libraries under contracts/ whose import closure holds `file` (other than `file` itself). */
export function linkedLibrariesReaching(repo: string, file: string): string[] {
  return listFiles(repo, "contracts")
    .filter((f) => f.endsWith(".sol") && f !== file)
    .filter((f) => isLinkedLibrary(readFileSync(path.join(repo, f), "utf8")))
    .filter((f) => importClosure(repo, f).has(file))
    .sort();
}
