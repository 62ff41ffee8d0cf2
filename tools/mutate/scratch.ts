// Scratch copies of the repository (where mutants are applied) and the Hardhat runs in them. Part of
// `npm run mutate` (run.ts).
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Scratch copies only run Solidity tests: after the first build they need no TypeScript bindings. */
export const NO_TYPECHAIN = "--no-typechain";
/**
 * Every build and test run in a scratch copy uses hardhat.config.ts's `mutation` profile: the default compiler
 * settings with the optimizer off. The optimizer changes no behaviour a test can see (no Solidity test measures gas
 * or code size; the Solidity test runner enforces no size limit) and takes about 40 % of solc-js's time.
 */
const MUTATION_PROFILE = ["--build-profile", "mutation"];
export const BUILD_TIMEOUT_MS = 15 * 60_000;
export const TEST_TIMEOUT_MS = 20 * 60_000;
/** Top-level entries never copied to a scratch copy (installed, generated or local). */
const NOT_COPIED = new Set([
  "node_modules",
  ".git",
  "artifacts",
  "cache",
  "coverage",
  "typechain-types",
  "out",
  ".node22",
]);
const SCRATCH_MARKER = ".cic-mutate-scratch";

export interface Exec {
  code: number | null;
  output: string;
  timedOut: boolean;
}

/**
 * Runs Hardhat (the scratch copy's own, under this Node, with the `mutation` build profile) in `cwd`; collects stdout
 * and stderr together.
 */
export function hardhat(cwd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Exec> {
  const cli = realpathSync(path.join(cwd, "node_modules", ".bin", "hardhat"));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...MUTATION_PROFILE, ...args], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

/** All files under `dir` (repository-relative, `/`-separated). */
export function listFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

export class Scratch {
  readonly dir: string;
  private readonly snapshot: string;

  constructor(dir: string) {
    this.dir = dir;
    this.snapshot = path.join(dir, ".baseline");
  }

  /** Makes `dir` a copy of the working tree (keeping the previous run's build cache), with node_modules linked. */
  sync(repo: string): void {
    if (existsSync(this.dir)) {
      const entries = readdirSync(this.dir);
      if (entries.length > 0 && !entries.includes(SCRATCH_MARKER)) {
        throw new Error(
          `${this.dir} exists and is not a scratch copy made by this tool (no ${SCRATCH_MARKER}); refusing`,
        );
      }
      for (const e of entries) {
        if (!["artifacts", "cache", "typechain-types", SCRATCH_MARKER].includes(e)) {
          rmSync(path.join(this.dir, e), { recursive: true, force: true });
        }
      }
    }
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(path.join(this.dir, SCRATCH_MARKER), `scratch copy of ${repo} for npm run mutate\n`);
    for (const e of readdirSync(repo)) {
      if (NOT_COPIED.has(e)) continue;
      cpSync(path.join(repo, e), path.join(this.dir, e), { recursive: true });
    }
    symlinkSync(realpathSync(path.join(repo, "node_modules")), path.join(this.dir, "node_modules"), "dir");
  }

  /** Remembers the built state, so each mutant's build can be undone without compiling the original again. */
  saveBuild(): void {
    rmSync(this.snapshot, { recursive: true, force: true });
    mkdirSync(this.snapshot);
    for (const d of ["artifacts", "cache"])
      cpSync(path.join(this.dir, d), path.join(this.snapshot, d), { recursive: true });
  }

  restoreBuild(): void {
    for (const d of ["artifacts", "cache"]) {
      rmSync(path.join(this.dir, d), { recursive: true, force: true });
      cpSync(path.join(this.snapshot, d), path.join(this.dir, d), { recursive: true });
    }
  }
}
