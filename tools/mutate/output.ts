// Reading Hardhat's output: the Solidity test reporter's counts and failing files, a failed build's first error. Part
// of `npm run mutate` (run.ts).
export interface TestRun {
  passing: number | undefined;
  failing: number;
  /** Test files with at least one failing test (from the `N) Contract#test` lines of the summary). */
  failingFiles: string[];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Reads Hardhat's Solidity test reporter output: suite headers `file.t.sol:Contract`, the counts, the failures. */
export function parseTestOutput(output: string): TestRun {
  const text = output.replace(ANSI, "");
  const fileOf = new Map<string, string>();
  let passing: number | undefined;
  let failing = 0;
  const failingFiles = new Set<string>();
  let inSummary = false;
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    const header = /^\s*(\S+\.t\.sol):(\w+)$/.exec(line);
    if (header?.[1] !== undefined && header[2] !== undefined) {
      fileOf.set(header[2], header[1]);
      continue;
    }
    const pass = /^\s*(\d+) passing/.exec(line);
    if (pass?.[1] !== undefined) {
      passing = Number(pass[1]);
      continue;
    }
    const fail = /^\s*(\d+) failing/.exec(line);
    if (fail?.[1] !== undefined) {
      failing = Number(fail[1]);
      inSummary = true;
      continue;
    }
    const failure = /^\s*\d+\) (\w+)#/.exec(line);
    if (inSummary && failure?.[1] !== undefined) {
      failingFiles.add(fileOf.get(failure[1]) ?? failure[1]);
    }
  }
  return { passing, failing, failingFiles: [...failingFiles].sort() };
}

/** The first compiler error (`ParserError: …`, `TypeError: …`) of a failed build, else Hardhat's own error line. */
export function firstError(output: string): string {
  const lines = output.replace(ANSI, "").split("\n");
  const line =
    lines.find((l) => /^\w*Error: /.test(l.trim())) ??
    lines.find((l) => /\b(Error|HHE\d+)\b/.test(l)) ??
    lines.filter((l) => l.trim() !== "").pop();
  return (line ?? "").trim().slice(0, 300);
}
