// What a verdict depends on, as sha256 fingerprints: `--resume` keeps a verdict only while they are unchanged. Part of
// `npm run mutate` (run.ts, plan.ts).
//
// Two of them. `sourceFingerprint` covers the whole tree (every Solidity source and test, the build config): the
// report's `sourceHash`, which says which tree a report measured. `inputsFingerprint` covers one mutant's build
// (every file its roots import, directly or not, plus the build config and the lockfile that pins the compiler and
// the packages): a mutant's verdict can change only when one of those changes, so a run after an edit to one suite's
// tests keeps every other suite's verdicts and measures again only the mutants the edit reaches.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { importClosure } from "./links.ts";
import { listFiles } from "./scratch.ts";

/** Every file a verdict can depend on, for the whole tree (`sourceFingerprint`). */
const FINGERPRINTED = ["contracts", "test/contracts", "test/mocks"];
/** What every build depends on besides its sources: the config (profiles, remappings) and the pinned packages. */
const BUILD_FILES = ["hardhat.config.ts", "package-lock.json"];

/** Reads a repository file as text; a file that does not exist reads as a marker (its absence is hashed too). */
export function readSource(repo: string): (f: string) => string {
  return (f) => {
    const abs = path.join(repo, f);
    return existsSync(abs) ? readFileSync(abs, "utf8") : "\0(missing)";
  };
}

function hashFiles(files: Iterable<string>, read: (f: string) => string): string {
  const hash = createHash("sha256");
  for (const f of [...files].sort()) hash.update(`${f}\0`).update(read(f)).update("\0");
  return hash.digest("hex");
}

/**
 * sha256 over the paths and contents of every Solidity source and test and hardhat.config.ts: which working tree a
 * report measured (`sourceHash`).
 */
export function sourceFingerprint(repo: string): string {
  return hashFiles([...FINGERPRINTED.flatMap((d) => listFiles(repo, d)), "hardhat.config.ts"], readSource(repo));
}

/**
 * sha256 over the paths and contents of every file that a build of `roots` compiles from the repository (their
 * relative imports, transitively; package imports are pinned by the lockfile) and of `BUILD_FILES`: a mutant's
 * verdict, measured with the same budgets and the same line, is the same while this is. `read` may cache reads.
 */
export function inputsFingerprint(repo: string, roots: readonly string[], read = readSource(repo)): string {
  const files = new Set<string>(BUILD_FILES);
  for (const root of roots) for (const f of importClosure(repo, root, read)) files.add(f);
  return hashFiles(files, read);
}
