// Anchors (the exact trimmed line a mutant replaces), applying a mutant, and the suites' test-file globs. Part of
// `npm run mutate` (run.ts).
export type AnchorResult =
  | { kind: "ok"; line: number }
  | { kind: "stale"; nearest?: { line: number; text: string; score: number } }
  | { kind: "ambiguous"; lines: number[] };

/** Dice coefficient of the character bigrams of two strings: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const bigrams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    bigrams.set(g, (bigrams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = bigrams.get(g) ?? 0;
    if (n > 0) {
      common++;
      bigrams.set(g, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length - 2);
}

/**
 * Where `original` (trimmed) occurs in `source`, as 1-based line numbers; for a stale anchor, the most similar line.
 * `occurrence` (1-based) picks one of several identical lines (a check a contract repeats in two functions): the
 * anchor then needs exactly that many or more hits, and a list that names it for a unique line is refused as
 * ambiguous too (the count must say which copy, and only when there are copies).
 */
export function findAnchor(source: string, original: string, occurrence?: number): AnchorResult {
  const lines = source.split("\n").map((l) => l.trim());
  const hits: number[] = [];
  lines.forEach((l, i) => {
    if (l === original) hits.push(i + 1);
  });
  if (occurrence !== undefined && hits.length > 1) {
    const line = hits[occurrence - 1];
    return line === undefined ? { kind: "ambiguous", lines: hits } : { kind: "ok", line };
  }
  if (occurrence !== undefined && hits.length === 1) return { kind: "ambiguous", lines: hits };
  if (hits.length === 1 && hits[0] !== undefined) return { kind: "ok", line: hits[0] };
  if (hits.length > 1) return { kind: "ambiguous", lines: hits };
  let best: { line: number; text: string; score: number } | undefined;
  lines.forEach((text, i) => {
    const score = similarity(text, original);
    if (score >= 0.5 && (best === undefined || score > best.score)) best = { line: i + 1, text, score };
  });
  return best === undefined ? { kind: "stale" } : { kind: "stale", nearest: best };
}

/** Replaces line `line` (1-based) of `source` by `replacement`, keeping the line's indentation and line ending. */
export function applyMutant(source: string, line: number, replacement: string): string {
  const lines = source.split("\n");
  const old = lines[line - 1];
  if (old === undefined) throw new Error(`line ${line} is past the end of the file`);
  const indent = /^\s*/.exec(old)?.[0] ?? "";
  const cr = old.endsWith("\r") ? "\r" : "";
  lines[line - 1] = replacement === "" ? cr : `${indent}${replacement}${cr}`;
  return lines.join("\n");
}

/** A glob (`*` within one path segment, `**` across segments) as an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? "";
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
    } else if (c === "*") {
      re += "[^/]*";
    } else {
      re += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${re}$`);
}

/** The files (repository-relative, `/`-separated, sorted) that match any of `globs`. */
export function matchFiles(globs: string[], files: string[]): string[] {
  const res = globs.map(globToRegExp);
  return files.filter((f) => res.some((r) => r.test(f))).sort();
}
