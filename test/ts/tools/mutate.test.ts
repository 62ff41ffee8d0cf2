import { existsSync, readFileSync } from "node:fs";
import { expect } from "chai";
import { applyMutant, findAnchor, matchFiles } from "../../../tools/mutate/anchors.js";
import { importClosure, isLinkedLibrary, linkedLibrariesReaching } from "../../../tools/mutate/links.js";
import { validateList } from "../../../tools/mutate/list.js";
import { parseOptions } from "../../../tools/mutate/options.js";
import { firstError, parseTestOutput } from "../../../tools/mutate/output.js";
import { README_END, README_START, readmeBlock, withReadmeBlock } from "../../../tools/mutate/readme.js";
import { aggregate, budgetsFromEnv } from "../../../tools/mutate/report.js";
import { meta, result } from "./mutate-fixtures.js";

const SOURCE = [
  "contract C {",
  "    function f(uint256 a) external {",
  "        uint256 x = a / 2;",
  "        _claimable[token][msg.sender] = 0;",
  "        if (a > 1) revert E();",
  "        if (a > 1) revert E();",
  "    }",
  "}",
  "",
].join("\n");

describe("tools/mutate: pure parts of the mutation runner", () => {
  describe("anchors", () => {
    it("finds a trimmed line that occurs exactly once (1-based)", () => {
      expect(findAnchor(SOURCE, "uint256 x = a / 2;")).to.deep.equal({ kind: "ok", line: 3 });
    });

    it("refuses an anchor on several lines, naming them", () => {
      expect(findAnchor(SOURCE, "if (a > 1) revert E();")).to.deep.equal({ kind: "ambiguous", lines: [5, 6] });
    });

    it("picks one of several identical lines by its occurrence, and refuses an occurrence that is not there", () => {
      expect(findAnchor(SOURCE, "if (a > 1) revert E();", 2)).to.deep.equal({ kind: "ok", line: 6 });
      expect(findAnchor(SOURCE, "if (a > 1) revert E();", 3)).to.deep.equal({ kind: "ambiguous", lines: [5, 6] });
      // On a unique line the count says nothing: refused, so a list cannot carry a stale occurrence.
      expect(findAnchor(SOURCE, "uint256 x = a / 2;", 1)).to.deep.equal({ kind: "ambiguous", lines: [3] });
    });

    it("refuses a stale anchor and points at the most similar line", () => {
      const r = findAnchor(SOURCE, "_claimable[token][account] = 0;");
      expect(r.kind).to.equal("stale");
      if (r.kind !== "stale") return;
      expect(r.nearest?.line).to.equal(4);
      expect(r.nearest?.score).to.be.greaterThan(0.5).and.lessThan(1);
    });

    it("does not match a line that only contains the anchor, or differs in spacing", () => {
      expect(findAnchor(SOURCE, "x = a / 2;").kind).to.equal("stale");
      expect(findAnchor(SOURCE, "uint256 x = a/2;").kind).to.equal("stale");
    });

    it("applies a mutant keeping indentation and CRLF line endings, and removes a statement with an empty mutant", () => {
      const lines = applyMutant(SOURCE, 3, "uint256 x = (a + 1) / 2;").split("\n");
      expect(lines[2]).to.equal("        uint256 x = (a + 1) / 2;");
      expect(applyMutant(SOURCE, 4, "").split("\n")[3]).to.equal("");
      expect(applyMutant(SOURCE, 4, "").split("\n")).to.have.length(SOURCE.split("\n").length);
      const crlf = SOURCE.replace(/\n/g, "\r\n");
      expect(applyMutant(crlf, 3, "uint256 x = a;").split("\r\n")[2]).to.equal("        uint256 x = a;");
      expect(() => applyMutant(SOURCE, 99, "x")).to.throw(/past the end/);
    });
  });

  describe("the mutant list", () => {
    const good = {
      suites: { escrow: { unit: ["test/contracts/unit/OutcomeEscrow*.t.sol"], fuzz: [], invariant: [] } },
      mutants: [
        {
          id: "escrow-pot-rounding-up",
          file: "contracts/escrow/OutcomeEscrow.sol",
          original: "return a / b;",
          mutant: "return (a + b - 1) / b;",
          category: "rounding",
          suite: "escrow",
        },
      ],
    };
    const withMutant = (over: Record<string, unknown>) => ({ ...good, mutants: [{ ...good.mutants[0], ...over }] });

    it("accepts a well-formed list", () => {
      expect(validateList(good).mutants).to.have.length(1);
    });

    it("names the bad field of a malformed mutant", () => {
      expect(() => validateList(withMutant({ category: "typo" }))).to.throw(/mutants\[0\].*category/);
      expect(() => validateList(withMutant({ suite: "nope" }))).to.throw(/suite names no suite/);
      expect(() => validateList(withMutant({ original: "  return a / b;" }))).to.throw(/trimmed/);
      expect(() => validateList(withMutant({ mutant: "return a / b;" }))).to.throw(/equals the original/);
      expect(() => validateList(withMutant({ file: "test/contracts/unit/X.t.sol" }))).to.throw(/contracts\//);
      expect(() => validateList({ ...good, mutants: [good.mutants[0], good.mutants[0]] })).to.throw(/duplicate/);
    });

    it("the shipped list has at least 60 valid mutants over every domain", () => {
      const list = validateList(JSON.parse(readFileSync("tools/mutate/mutants.json", "utf8")));
      expect(list.mutants.length).to.be.at.least(60);
      const files = new Set(list.mutants.map((m) => m.file.split("/")[1]));
      expect([...files].sort()).to.deep.equal([
        "adapters",
        "escrow",
        "libraries",
        "oracle",
        "outcomes",
        "pool",
        "registry",
      ]);
    });
    it("every anchor of the shipped list matches exactly one line of its file (what `npm run mutate -- --check` checks)", () => {
      const list = validateList(JSON.parse(readFileSync("tools/mutate/mutants.json", "utf8")));
      const sources = new Map<string, string>();
      const problems = list.mutants.flatMap((m) => {
        if (!sources.has(m.file)) sources.set(m.file, existsSync(m.file) ? readFileSync(m.file, "utf8") : "");
        const anchor = findAnchor(sources.get(m.file) ?? "", m.original, m.occurrence);
        if (anchor.kind === "ok") return [];
        const where = anchor.kind === "ambiguous" ? `on lines ${anchor.lines.join(", ")}` : "stale";
        return [`${m.id}: ${m.file} ${where}: ${m.original}`];
      });
      expect(problems, "re-anchor these mutants in tools/mutate/mutants.json").to.deep.equal([]);
    });
  });

  describe("linked libraries", () => {
    it("follows relative imports transitively and ignores package imports", () => {
      const files: Record<string, string> = {
        "contracts/pool/L.sol": 'import {A} from "./A.sol";\nimport "@openzeppelin/contracts/x.sol";\n',
        "contracts/pool/A.sol": 'import {M} from "../libraries/M.sol";\n',
        "contracts/libraries/M.sol": "library M {}\n",
      };
      const closure = importClosure(".", "contracts/pool/L.sol", (f) => files[f] ?? "");
      expect([...closure].sort()).to.deep.equal([
        "contracts/libraries/M.sol",
        "contracts/pool/A.sol",
        "contracts/pool/L.sol",
      ]);
    });

    it("tells a deployed library (an external or public function) from an inlined one", () => {
      expect(isLinkedLibrary("library L {\n    function f(uint256 a) external returns (uint256) {}\n}")).to.equal(true);
      expect(isLinkedLibrary("library L {\n    function f(uint256 a) internal pure returns (uint256) {}\n}")).to.equal(
        false,
      );
      expect(isLinkedLibrary("contract C {\n    function f() external {}\n}")).to.equal(false);
    });

    it("builds CapitalWaterfall with a mutant of the class token it creates, and no library with the pool's own code", () => {
      expect(linkedLibrariesReaching(".", "contracts/pool/PoolShareClass.sol")).to.deep.equal([
        "contracts/pool/CapitalWaterfall.sol",
      ]);
      expect(linkedLibrariesReaching(".", "contracts/outcomes/ScheduleLib.sol")).to.deep.equal([
        "contracts/outcomes/ScheduleSettlement.sol",
        "contracts/pool/PoolScheduleChecks.sol",
      ]);
      expect(linkedLibrariesReaching(".", "contracts/pool/ImpactPool.sol")).to.deep.equal([]);
    });
  });

  describe("test files and output", () => {
    it("expands suite globs within one path segment", () => {
      const files = [
        "test/contracts/unit/MetricOracle.t.sol",
        "test/contracts/unit/MetricOracleDispute.t.sol",
        "test/contracts/unit/MedianLib.t.sol",
        "test/contracts/invariant/MetricOracleInvariant.t.sol",
      ];
      expect(matchFiles(["test/contracts/unit/MetricOracle*.t.sol"], files)).to.deep.equal([
        "test/contracts/unit/MetricOracle.t.sol",
        "test/contracts/unit/MetricOracleDispute.t.sol",
      ]);
      expect(matchFiles(["test/**/MedianLib.t.sol"], files)).to.deep.equal(["test/contracts/unit/MedianLib.t.sol"]);
    });

    it("reads the failing test files from Hardhat's Solidity test report", () => {
      const out = [
        "Running Solidity tests",
        "",
        "  test/contracts/invariant/OutcomeEscrowInvariant.t.sol:OutcomeEscrowInvariantTest",
        "    ✔ invariant_StatesOnlyMoveForward() (runs: 16)",
        "",
        "  test/contracts/unit/OutcomeEscrow.t.sol:OutcomeEscrowTest",
        "    1) test_SixDecimals_AndOverflowGuard()",
        "    ✔ test_Settle_Underfunded()",
        "",
        "",
        "  26 passing",
        "  1 failing",
        "",
        "  1) OutcomeEscrowTest#test_SixDecimals_AndOverflowGuard()",
        "    Error: reverted with custom error 'AssertionFailed(\"pot rounded down\", 330000000001, 330000000000)'",
      ].join("\n");
      expect(parseTestOutput(out)).to.deep.equal({
        passing: 26,
        failing: 1,
        failingFiles: ["test/contracts/unit/OutcomeEscrow.t.sol"],
      });
      expect(parseTestOutput("\u001b[32m  3 passing\u001b[39m\n")).to.deep.equal({
        passing: 3,
        failing: 0,
        failingFiles: [],
      });
    });
  });

  describe("invalid mutants", () => {
    it("reports the compiler's error, not Hardhat's summary", () => {
      const out = [
        "ParserError: Expected primary expression.",
        "   --> ./contracts/escrow/OutcomeEscrow.sol:109:27:",
        "Error HHE910: Compilation failed",
      ].join("\n");
      expect(firstError(out)).to.equal("ParserError: Expected primary expression.");
      expect(firstError("noise\nError HHE1: boom\n")).to.equal("Error HHE1: boom");
    });
  });

  describe("aggregation and options", () => {
    it("counts killed, invariant-only kills, invalid and errors, and lists survivors with their written reason", () => {
      const report = aggregate(
        [
          result({ id: "a", killedByInvariantsOnly: true }),
          result({ id: "b" }),
          result({ id: "c", status: "survived", killedBy: [], category: "dropped-guard", harmlessBecause: "CEI" }),
          result({ id: "d", status: "invalid", killedBy: [], file: "contracts/pool/ImpactPool.sol", detail: "x" }),
        ],
        { ...meta, stale: ["e"] },
      );
      expect(report).to.include({ mutants: 4, killed: 2, killedByInvariantsOnly: 1, invalid: 1, errors: 0 });
      expect(report.secondsPerMutant).to.equal(10);
      expect(report.stale).to.deep.equal(["e"]);
      expect(report.survivors).to.have.length(1);
      expect(report.survivors[0]).to.include({ id: "c", line: 1, harmlessBecause: "CEI" });
      expect(report.byContract).to.deep.equal({
        OutcomeEscrow: { mutants: 3, killed: 2, killedByInvariantsOnly: 1 },
        ImpactPool: { mutants: 1, killed: 0, killedByInvariantsOnly: 0 },
      });
      expect(report.byCategory["dropped-guard"]).to.deep.equal({ mutants: 1, killed: 0, killedByInvariantsOnly: 0 });
      expect(report).to.not.have.property("only");
      expect(report).to.not.have.property("incomplete");
    });

    it("marks a report written mid-run as incomplete", () => {
      const report = aggregate([result({ id: "a" })], { ...meta, incomplete: { done: 1, planned: 3 } });
      expect(report).to.include({ mutants: 1, killed: 1 });
      expect(report.incomplete).to.deep.equal({ done: 1, planned: 3 });
    });

    it("takes budgets from the environment with moderate defaults, and rejects bad ones", () => {
      expect(budgetsFromEnv({})).to.deep.equal(meta.budgets);
      expect(budgetsFromEnv({ FUZZ_RUNS: "1000", FUZZ_SEED: "0x2" })).to.include({ FUZZ_RUNS: 1000, FUZZ_SEED: "0x2" });
      expect(() => budgetsFromEnv({ INVARIANT_DEPTH: "0" })).to.throw(/INVARIANT_DEPTH/);
    });

    it("parses the options", () => {
      expect(parseOptions(["--only", "a, b", "--jobs", "2"])).to.include({ jobs: 2, check: false, baseline: true });
      expect(parseOptions(["--only", "a,b"])).to.have.deep.property("only", ["a", "b"]);
      expect(parseOptions(["--help"])).to.equal("help");
      expect(() => parseOptions(["--jobs", "0"])).to.throw(/--jobs/);
      expect(() => parseOptions(["--bogus"])).to.throw();
      expect(parseOptions([])).to.include({ invariantsOnly: false });
      expect(parseOptions(["--invariants-only", "--only", "a"])).to.include({ invariantsOnly: true });
      expect(parseOptions([])).to.include({ resume: false });
      expect(parseOptions(["--resume"])).to.include({ resume: true });
    });

    it("marks an --invariants-only report and says so in each survivor's reason", () => {
      const report = aggregate(
        [result({ id: "a", killedByInvariantsOnly: true }), result({ id: "b", status: "survived", killedBy: [] })],
        { ...meta, invariantsOnly: true },
      );
      expect(report).to.include({ mutants: 2, killed: 1, killedByInvariantsOnly: 1, invariantsOnly: true });
      expect(report.survivors[0]?.reason).to.match(/invariant suites passed \(an --invariants-only run\)/);
      expect(aggregate([result({ id: "a" })], meta)).to.not.have.property("invariantsOnly");
    });
  });

  describe("the README block", () => {
    const figures = {
      mutants: 4,
      killed: 3,
      killedByInvariantsOnly: 2,
      invalid: 0,
      errors: 0,
      budgets: { FUZZ_RUNS: 256, INVARIANT_RUNS: 64, INVARIANT_DEPTH: 32, FUZZ_SEED: "0x1c1c" },
      survivors: [{ id: "d" }],
      results: [
        { id: "a", status: "killed", killedByInvariantsOnly: true },
        { id: "b", status: "killed", killedByInvariantsOnly: true },
        { id: "c", status: "killed", killedByInvariantsOnly: false },
        { id: "d", status: "survived", killedByInvariantsOnly: false },
      ],
    };

    it("renders the figures, the mutants only other suites kill and the survivors (3 of 4 = 75.0 %, 2 of 4 = 50.0 %)", () => {
      const block = readmeBlock(figures);
      expect(block.startsWith(README_START) && block.endsWith(README_END)).to.equal(true);
      expect(block).to.contain("- **4 mutants, 3 killed** (75.0 %); 0 did not compile, 0 errored.");
      expect(block).to.contain("- **2 of the 3 killed by the invariant suites alone** (50.0 % of all mutants;");
      expect(block).to.contain("- Killed, but not by the invariant suites alone (1): `c`.");
      expect(block).to.contain("`tools/mutate/mutants.json`: `d`.");
    });

    it("replaces only the text between the markers, and refuses a README without them", () => {
      const readme = `# Title\n\n${README_START}\nold figures\n${README_END}\n\n## Next\n`;
      expect(withReadmeBlock(readme, figures)).to.equal(`# Title\n\n${readmeBlock(figures)}\n\n## Next\n`);
      expect(() => withReadmeBlock("# Title\n", figures)).to.throw(/README.md has no <!-- mutation:start/);
    });
  });
});
