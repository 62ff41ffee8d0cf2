// The mutant list (tools/mutate/mutants.json): its types and its shape check. Part of `npm run mutate` (run.ts).
export const CATEGORIES = [
  "rounding",
  "boundary",
  "dropped-status-check",
  "dropped-check",
  "dropped-guard",
  "bit-or-nonce",
  "swapped-ratio",
  "clamp",
  "zeroing",
  "recipient",
  "accounting",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Test files of one domain, as globs relative to the repository root (`*` matches within one path segment). */
export interface Suite {
  unit: string[];
  fuzz: string[];
  invariant: string[];
}

export interface MutantSpec {
  id: string;
  /** The contract source, relative to the repository root (always under contracts/). */
  file: string;
  /** The exact original line, trimmed: the anchor. It must match exactly one line of `file` (see `occurrence`). */
  original: string;
  /** Which of several identical lines of `file` the anchor names (1-based, in file order); only for such lines. */
  occurrence?: number;
  /** The replacement line (trimmed; the original's indentation is kept). Empty deletes the statement. */
  mutant: string;
  category: Category;
  /** The domain whose unit + fuzz + invariant suites run against this mutant (a key of `suites`). */
  suite: string;
  /** Why a surviving mutant cannot do harm (copied to the survivor entry of bench/mutation.json). */
  harmlessBecause?: string;
}

export interface MutantList {
  suites: Record<string, Suite>;
  mutants: MutantSpec[];
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/** Checks the shape of the mutant list; throws one line naming the first bad field. */
export function validateList(raw: unknown): MutantList {
  if (!isObject(raw)) throw new Error("mutant list: the top level must be an object");
  const { suites, mutants } = raw;
  if (!isObject(suites)) throw new Error("mutant list: `suites` must be an object");
  const checkedSuites: Record<string, Suite> = {};
  for (const [name, s] of Object.entries(suites)) {
    if (!isObject(s)) throw new Error(`mutant list: suites.${name} must be an object`);
    for (const kind of ["unit", "fuzz", "invariant"] as const) {
      if (!isStringArray(s[kind])) throw new Error(`mutant list: suites.${name}.${kind} must be an array of globs`);
    }
    const suite = s as unknown as Suite;
    if (suite.unit.length === 0) throw new Error(`mutant list: suites.${name}.unit is empty`);
    checkedSuites[name] = { unit: suite.unit, fuzz: suite.fuzz, invariant: suite.invariant };
  }
  if (!Array.isArray(mutants)) throw new Error("mutant list: `mutants` must be an array");
  const seen = new Set<string>();
  const checked: MutantSpec[] = mutants.map((m: unknown, i: number) => {
    const where = `mutants[${i}]`;
    if (!isObject(m)) throw new Error(`mutant list: ${where} must be an object`);
    for (const key of ["id", "file", "original", "mutant", "category", "suite"]) {
      if (typeof m[key] !== "string") throw new Error(`mutant list: ${where}.${key} must be a string`);
    }
    const spec = m as unknown as MutantSpec;
    const at = `${where} (${spec.id})`;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(spec.id)) throw new Error(`mutant list: ${where}.id must be kebab-case`);
    if (seen.has(spec.id)) throw new Error(`mutant list: ${at}.id is a duplicate`);
    seen.add(spec.id);
    if (!/^contracts\/.+\.sol$/.test(spec.file))
      throw new Error(`mutant list: ${at}.file must be a contracts/ .sol file`);
    if (spec.original === "" || spec.original !== spec.original.trim()) {
      throw new Error(`mutant list: ${at}.original must be a non-empty trimmed line`);
    }
    if (spec.mutant !== spec.mutant.trim() || spec.mutant.includes("\n")) {
      throw new Error(`mutant list: ${at}.mutant must be one trimmed line`);
    }
    if (spec.mutant === spec.original) throw new Error(`mutant list: ${at}.mutant equals the original`);
    if (!(CATEGORIES as readonly string[]).includes(spec.category)) {
      throw new Error(`mutant list: ${at}.category must be one of ${CATEGORIES.join(", ")}`);
    }
    if (checkedSuites[spec.suite] === undefined) throw new Error(`mutant list: ${at}.suite names no suite`);
    if (m.occurrence !== undefined && !(Number.isSafeInteger(m.occurrence) && Number(m.occurrence) >= 1)) {
      throw new Error(`mutant list: ${at}.occurrence must be an integer from 1`);
    }
    if (m.harmlessBecause !== undefined && typeof m.harmlessBecause !== "string") {
      throw new Error(`mutant list: ${at}.harmlessBecause must be a string`);
    }
    return {
      id: spec.id,
      file: spec.file,
      original: spec.original,
      ...(spec.occurrence === undefined ? {} : { occurrence: spec.occurrence }),
      mutant: spec.mutant,
      category: spec.category,
      suite: spec.suite,
      ...(spec.harmlessBecause === undefined ? {} : { harmlessBecause: spec.harmlessBecause }),
    };
  });
  return { suites: checkedSuites, mutants: checked };
}
