// `npm run mutate -- --resume`: which verdicts of an earlier report a run keeps (report.ts `resumableResults`), and
// the fingerprints it compares (fingerprint.ts).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { inputsFingerprint, sourceFingerprint } from "../../../tools/mutate/fingerprint.js";
import { aggregate, resumableResults } from "../../../tools/mutate/report.js";
import { meta, result } from "./mutate-fixtures.js";

const HASH_A = "a1".repeat(32);
const HASH_B = "b2".repeat(32);

describe("tools/mutate: --resume", () => {
  const same = { sourceHash: meta.sourceHash, budgets: meta.budgets, invariantsOnly: false };
  const otherTree = { ...same, sourceHash: "cd".repeat(32) };
  const wanted = (ids: string[], inputsHash = HASH_A) => ids.map((id) => ({ ...result({ id }), line: 1, inputsHash }));

  it("keeps the verdicts of the same tree and budgets for unchanged mutants only, and stamps their inputsHash", () => {
    const previous = aggregate(
      [
        result({ id: "a" }),
        result({ id: "b", status: "survived", killedBy: [] }),
        result({ id: "c", status: "error", killedBy: [], detail: "test run timed out" }),
        result({ id: "d", line: 7 }),
      ],
      { ...meta, incomplete: { done: 4, planned: 6 } },
    );
    const kept = resumableResults(previous, same, wanted(["a", "b", "c", "d", "e"]));
    // a and b kept; c was an error (runs again); d moved to another line (runs again); e never ran
    expect([...kept.results.keys()]).to.deep.equal(["a", "b"]);
    expect(kept.results.get("b")?.status).to.equal("survived");
    expect(kept.results.get("a")?.inputsHash).to.equal(HASH_A);
    expect(kept.secondsPerMutant).to.equal(10);
    expect(kept.refused).to.equal(undefined);
    for (const [other, why] of [
      [otherTree, /build inputs are unchanged/],
      [{ ...same, budgets: { ...meta.budgets, FUZZ_RUNS: 1000 } }, /budgets differ/],
      [{ ...same, invariantsOnly: true }, /another kind of run/],
    ] as const) {
      const none = resumableResults(previous, other, wanted(["a", "b"]));
      expect(none.results.size).to.equal(0);
      expect(none.refused).to.match(why);
    }
    expect(resumableResults(undefined, same, wanted(["a"])).refused).to.equal("not a report");
  });

  it("after an edit elsewhere, keeps a verdict whose build inputs are unchanged and runs the ones the edit reaches", () => {
    const previous = aggregate(
      [result({ id: "oracle", inputsHash: HASH_A }), result({ id: "pool", inputsHash: HASH_A })],
      meta,
    );
    const kept = resumableResults(previous, otherTree, [
      ...wanted(["oracle"], HASH_A), // its suite's files untouched
      ...wanted(["pool"], HASH_B), // the edit is in a file its build compiles
    ]);
    expect([...kept.results.keys()]).to.deep.equal(["oracle"]);
    expect(kept.refused).to.equal(undefined);
    // On the same tree a stamped result still needs its own inputs unchanged (an edit to the list's suites).
    const sameTree = resumableResults(previous, same, wanted(["oracle", "pool"], HASH_B));
    expect(sameTree.results.size).to.equal(0);
  });

  describe("fingerprints", () => {
    let repo: string;
    const write = (f: string, text: string) => {
      mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
      writeFileSync(path.join(repo, f), text);
    };
    beforeEach(() => {
      repo = mkdtempSync(path.join(tmpdir(), "cic-fingerprint-"));
      write("hardhat.config.ts", "export default {};\n");
      write("package-lock.json", "{}\n");
      write("contracts/A.sol", 'import {L} from "./L.sol";\ncontract A {}\n');
      write("contracts/L.sol", "library L {}\n");
      write("contracts/Other.sol", "contract Other {}\n");
      write("test/contracts/A.t.sol", 'import {A} from "../../contracts/A.sol";\ncontract ATest {}\n');
      write("test/contracts/Other.t.sol", 'import {Other} from "../../contracts/Other.sol";\ncontract OTest {}\n');
    });
    afterEach(() => rmSync(repo, { recursive: true, force: true }));

    it("a mutant's inputs change with any file its build imports, the config or the lockfile, and nothing else", () => {
      const roots = ["contracts/L.sol", "test/contracts/A.t.sol"];
      const before = inputsFingerprint(repo, roots);
      expect(before).to.match(/^[0-9a-f]{64}$/);
      write("test/contracts/Other.t.sol", "contract OTest { uint256 x; }\n");
      write("contracts/Other.sol", "contract Other { uint256 y; }\n");
      expect(inputsFingerprint(repo, roots)).to.equal(before);
      for (const [file, text] of [
        ["contracts/A.sol", 'import {L} from "./L.sol";\ncontract A { uint256 z; }\n'],
        ["hardhat.config.ts", "export default { x: 1 };\n"],
        ["package-lock.json", '{"v":2}\n'],
      ] as const) {
        const was = inputsFingerprint(repo, roots);
        write(file, text);
        expect(inputsFingerprint(repo, roots), file).to.not.equal(was);
      }
    });

    it("the tree's fingerprint changes with any Solidity source or test and is stable otherwise", () => {
      const a = sourceFingerprint(repo);
      expect(sourceFingerprint(repo)).to.equal(a);
      write("README.md", "docs\n");
      expect(sourceFingerprint(repo)).to.equal(a);
      write("test/contracts/Other.t.sol", "contract OTest { uint256 x; }\n");
      expect(sourceFingerprint(repo)).to.not.equal(a);
    });
  });
});
