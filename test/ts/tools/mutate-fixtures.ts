// Shared fixtures of the mutation runner's tests (mutate.test.ts, mutate-resume.test.ts).
import type { MutantResult } from "../../../tools/mutate/report.js";

export const result = (over: Partial<MutantResult>): MutantResult => ({
  id: "m",
  file: "contracts/escrow/OutcomeEscrow.sol",
  line: 1,
  original: "a",
  mutant: "b",
  category: "rounding",
  status: "killed",
  killedBy: ["test/contracts/unit/OutcomeEscrow.t.sol"],
  killedByInvariantsOnly: false,
  seconds: 10,
  ...over,
});

export const meta = {
  stale: [],
  runAt: "2026-11-30T00:00:00.000Z",
  sourceHash: "ab".repeat(32),
  budgets: { FUZZ_RUNS: 256, INVARIANT_RUNS: 64, INVARIANT_DEPTH: 32, FUZZ_SEED: "0x1c1c" },
  jobs: 1,
  wallSeconds: 40,
};
