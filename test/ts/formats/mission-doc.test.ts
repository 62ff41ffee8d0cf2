import { expect } from "chai";
import { readFileSync } from "node:fs";
import { encodeBytes32String, keccak256, toUtf8Bytes } from "ethers";
import {
  contentHashOf,
  formatScaled,
  loadMissionDoc,
  parseMissionDoc,
  parseRoles,
  roleNames,
  scaleToInteger,
} from "../../../scripts/formats/mission-doc.js";
import { resolveTime } from "../../../scripts/formats/primitives.js";

const NOW = 1_800_000_000; // 2027-01-15: before every example schedule
const READING = "examples/missions/reading-for-all.json";
const AGEING = "examples/missions/healthy-ageing.json";

type Json = Record<string, unknown>;
const readingDoc = (): Json => JSON.parse(readFileSync(READING, "utf8")) as Json;

/** Parses `doc` and returns the one-line error message (or fails the test when it is valid). */
function errorOf(doc: unknown, now = NOW): string {
  try {
    parseMissionDoc(JSON.stringify(doc), "x.json", { now });
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected the document to be rejected");
}

function goal0(doc: Json): Json {
  return (doc.goals as Json[])[0] as Json;
}

describe("mission documents", () => {
  describe("examples", () => {
    it("reading-for-all is valid and converts human units with decimals", () => {
      const m = loadMissionDoc(READING, { now: NOW });
      expect(m.doc.hashtag).to.equal("#ReadingForAll");
      expect(m.goals).to.have.length(2);
      expect(m.goals[0]).to.deep.equal({
        metricKey: encodeBytes32String("reading_attainment_ks2"),
        baseline: 624n,
        target: 750n,
        firstPeriodEnd: BigInt(Date.parse("2030-07-31T00:00:00Z") / 1000),
        periodLength: 31_536_000n,
        periodCount: 3,
        reportingWindow: 5_184_000n,
        decimals: 1,
      });
      expect(m.goals[1]?.baseline).to.equal(38n);
      expect(m.contentHash).to.match(/^0x[0-9a-f]{64}$/);
    });

    it("healthy-ageing is valid with three goals, two of them decreasing", () => {
      const m = loadMissionDoc(AGEING, { now: NOW });
      expect(m.goals.map((g) => [g.baseline, g.target])).to.deep.equal([
        [246n, 180n],
        [21n, 15n],
        [95n, 150n],
      ]);
      expect(m.goals.every((g) => g.periodCount === 8)).to.equal(true);
    });
  });

  describe("content hash (keccak256 of RFC 8785 JCS)", () => {
    it("is stable under key reordering and whitespace", () => {
      const doc = readingDoc();
      const reversed = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(reversed);
        if (value !== null && typeof value === "object") {
          return Object.fromEntries(
            Object.entries(value as Json)
              .reverse()
              .map(([k, v]) => [k, reversed(v)]),
          );
        }
        return value;
      };
      const a = parseMissionDoc(JSON.stringify(doc), "a", { now: NOW }).contentHash;
      const b = parseMissionDoc(JSON.stringify(reversed(doc), null, 4), "b", { now: NOW }).contentHash;
      expect(b).to.equal(a);
      expect(loadMissionDoc(READING, { now: NOW }).contentHash).to.equal(a);
    });

    it("changes when any value changes, and matches a known canonical form", () => {
      const doc = readingDoc();
      const before = contentHashOf(doc);
      goal0(doc).target = 75.1;
      expect(contentHashOf(doc)).to.not.equal(before);
      // JCS sorts keys, drops whitespace and prints numbers in their shortest form.
      expect(contentHashOf({ b: [true, "x"], a: 1.0 })).to.equal(keccak256(toUtf8Bytes('{"a":1,"b":[true,"x"]}')));
    });
  });

  describe("rejections name the field by JSON pointer", () => {
    it("wrong type", () => {
      const doc = readingDoc();
      goal0(doc).target = "75";
      expect(errorOf(doc)).to.equal("x.json: /goals/0/target: must be number");
    });

    it("missing property", () => {
      const doc = readingDoc();
      delete goal0(doc).unit;
      expect(errorOf(doc)).to.equal("x.json: /goals/0/unit: is required");
    });

    it("unknown property", () => {
      const doc = readingDoc();
      goal0(doc).colour = "blue";
      expect(errorOf(doc)).to.equal("x.json: /goals/0/colour: is not allowed");
    });

    it("metric key not snake_case", () => {
      const doc = readingDoc();
      goal0(doc).metricKey = "ReadingAttainment";
      expect(errorOf(doc)).to.match(/^x\.json: \/goals\/0\/metricKey: must match pattern/);
    });

    it("hashtag with a bad character", () => {
      const doc = readingDoc();
      doc.hashtag = "#reading-for-all";
      expect(errorOf(doc)).to.match(/^x\.json: \/hashtag: must match pattern/);
    });

    it("several periods without a period length", () => {
      const doc = readingDoc();
      delete (goal0(doc).schedule as Json).periodLength;
      expect(errorOf(doc)).to.equal("x.json: /goals/0/schedule/periodLength: is required");
    });

    it("no goals, and more than 16 goals", () => {
      const doc = readingDoc();
      doc.goals = [];
      expect(errorOf(doc)).to.equal("x.json: /goals: must NOT have fewer than 1 items");
      doc.goals = Array.from({ length: 17 }, (_, i) => ({ ...goal0(readingDoc()), metricKey: `m${i}` }));
      expect(errorOf(doc)).to.equal("x.json: /goals: must NOT have more than 16 items");
    });

    it("direction disagreeing with baseline → target", () => {
      const doc = readingDoc();
      goal0(doc).direction = "decrease";
      expect(errorOf(doc)).to.match(/^x\.json: \/goals\/0\/direction: "decrease" disagrees/);
    });

    it("baseline equal to target", () => {
      const doc = readingDoc();
      goal0(doc).target = 62.4;
      expect(errorOf(doc)).to.equal("x.json: /goals/0/target: must differ from baseline");
    });

    it("more decimal places than the goal keeps", () => {
      const doc = readingDoc();
      goal0(doc).baseline = 62.45;
      expect(errorOf(doc)).to.equal("x.json: /goals/0/baseline: 62.45 has more than 1 decimal places");
    });

    it("duplicate metric keys and unknown intervention metrics", () => {
      const doc = readingDoc();
      ((doc.goals as Json[])[1] as Json).metricKey = "reading_attainment_ks2";
      expect(errorOf(doc)).to.match(/^x\.json: \/goals\/1\/metricKey: duplicate/);
      const other = readingDoc();
      ((other.interventions as Json[])[0] as Json).metrics = ["nope"];
      expect(errorOf(other)).to.equal('x.json: /interventions/0/metrics/0: unknown metricKey "nope"');
    });

    it("a first period end in the past, and a malformed date", () => {
      const doc = readingDoc();
      expect(errorOf(doc, Date.parse("2031-01-01T00:00:00Z") / 1000)).to.match(
        /^x\.json: \/goals\/0\/schedule\/firstPeriodEnd: must be in the future/,
      );
      (goal0(doc).schedule as Json).firstPeriodEnd = "next year";
      expect(errorOf(doc)).to.match(/^x\.json: \/goals\/0\/schedule\/firstPeriodEnd: must be an ISO 8601 date-time/);
    });

    it("invalid JSON and a missing file", () => {
      expect(() => parseMissionDoc("{ nope", "x.json", { now: NOW })).to.throw(/^x\.json: \(root\): invalid JSON/);
      expect(() => loadMissionDoc("examples/missions/none.json", { now: NOW })).to.throw(
        "--file: cannot read examples/missions/none.json (ENOENT)",
      );
    });
  });

  describe("relative schedules", () => {
    it("resolve '+30d' against the given now", () => {
      const doc = readingDoc();
      (goal0(doc).schedule as Json).firstPeriodEnd = "+30d";
      const m = parseMissionDoc(JSON.stringify(doc), "x.json", { now: NOW });
      expect(m.goals[0]?.firstPeriodEnd).to.equal(BigInt(NOW + 30 * 86_400));
      expect(resolveTime("+2w", 100)).to.equal(100 + 2 * 604_800);
      expect(resolveTime("+90m", 0)).to.equal(5400);
    });
  });

  describe("units and roles", () => {
    it("scales exactly and formats back", () => {
      expect(scaleToInteger(72.5, 1, "/x")).to.equal(725n);
      expect(scaleToInteger(0.1, 18, "/x")).to.equal(10n ** 17n);
      expect(scaleToInteger(1e-7, 7, "/x")).to.equal(1n);
      expect(scaleToInteger(12, 0, "/x")).to.equal(12n);
      expect(() => scaleToInteger(1e-7, 6, "/x")).to.throw("/x: 1e-7 has more than 6 decimal places");
      expect(() => scaleToInteger(2e19, 0, "/x")).to.throw(/does not fit in 64 bits/);
      expect(formatScaled(725n, 1)).to.equal("72.5");
      expect(formatScaled(750n, 1)).to.equal("75");
      expect(formatScaled(5n, 3)).to.equal("0.005");
      expect(formatScaled(42n, 0)).to.equal("42");
    });

    it("parses role lists into the registry bit mask", () => {
      expect(parseRoles("funder,provider")).to.equal(3);
      expect(parseRoles(" Investor , supporter ")).to.equal(24);
      expect(roleNames(21)).to.deep.equal(["funder", "evaluator", "supporter"]);
      expect(() => parseRoles("funder,wizard")).to.throw('--roles: unknown role "wizard"');
      expect(() => parseRoles(" , ")).to.throw(/--roles: give at least one/);
    });
  });
});
