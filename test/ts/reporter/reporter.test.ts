import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { privateKeyToAccount } from "viem/accounts";
import type { Address } from "viem";
import { CliError } from "../../../scripts/core/cli.js";
import {
  parseMetricCsv,
  parseMetricJson,
  readMetricFile,
  toMetricReport,
} from "../../../scripts/reporter/metric-file.js";
import { firstFreeNonce, loadReporterKey, reportDigest, signReports } from "../../../scripts/reporter/signing.js";
import { readSignedFile, writeSignedFile } from "../../../scripts/reporter/signed-file.js";
import { relaySignedReports } from "../../../scripts/reporter/relay.js";
import { deployOracleWorld, GOAL_ID, MISSION_ID, periodEnd } from "../../../scripts/fixtures/oracle.js";

const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"; // hardhat account #1

describe("oracle reporter", function () {
  const dir = mkdtempSync(path.join(tmpdir(), "oracle-reporter-"));

  describe("input files", function () {
    it("parses JSON (array or { reports }) with numbers as strings or numbers, values as written", function () {
      const rows = parseMetricJson(JSON.stringify([{ missionId: "1", goalId: 0, period: 2, value: "72.5" }]));
      expect(rows).to.deep.equal([
        { missionId: 1n, version: 1, goalId: 0, period: 2, value: "72.5", evidenceHash: `0x${"0".repeat(64)}` },
      ]);
      const wrapped = parseMetricJson(
        JSON.stringify({
          reports: [{ missionId: 3, goalId: "1", period: "1", value: 9, evidenceHash: `0x${"1".repeat(64)}` }],
        }),
      );
      expect(wrapped[0]?.evidenceHash).to.equal(`0x${"1".repeat(64)}`);
      expect(wrapped[0]?.value).to.equal("9");
      expect(parseMetricJson(`[{"missionId":1,"goalId":0,"period":1,"value":72.5,"decimals":1}]`)[0]).to.include({
        value: "72.5",
        decimals: 1,
      });
    });

    it("signs values in the goal's decimals: 72.5 for a goal with one decimal is 725, as oracle:report --value", function () {
      const [row] = parseMetricCsv("missionId,goalId,period,value\n1,0,1,72.5\n");
      expect(toMetricReport(row!, 0, 1).value).to.equal(725n);
      expect(toMetricReport(row!, 0, 2).value).to.equal(7250n);
      // The same conversion as the --value flag, so the same refusals, naming the row's field.
      expect(() => toMetricReport(row!, 0, 0)).to.throw(
        CliError,
        /^reports\.0\.value: more than 0 decimals \(got "72\.5"\)$/,
      );
      const [big] = parseMetricCsv("missionId,goalId,period,value\n1,0,1,18446744073709551616\n");
      expect(() => toMetricReport(big!, 3, 0)).to.throw(
        CliError,
        /^reports\.3\.value: .* is out of range \(at most 18446744073709551615/,
      );
      // Offline (no decimals from a registry) the file's decimals column is used, and required; online it must agree.
      const [withDecimals] = parseMetricCsv("missionId,goalId,period,value,decimals\n1,0,1,72.5,1\n");
      expect(toMetricReport(withDecimals!, 0, undefined).value).to.equal(725n);
      expect(() => toMetricReport(row!, 0, undefined)).to.throw(
        CliError,
        /^reports\.0\.decimals: required offline \(--chain-id\): the decimals of mission 1 goal 0 cannot be read$/,
      );
      expect(() => toMetricReport(withDecimals!, 0, 2)).to.throw(
        CliError,
        /^reports\.0\.decimals: 1, but mission 1 goal 0 has 2 decimals$/,
      );
    });

    it("parses CSV with a header", function () {
      const rows = parseMetricCsv(
        `missionId,goalId,period,value,evidenceHash\n1,0,1,500,\n# comment\n1,1,2,18446744073709551615,0x${"2".repeat(64)}\n`,
      );
      expect(rows).to.have.length(2);
      expect(rows[1]?.value).to.equal("18446744073709551615");
    });

    it("names the failing field in one line", function () {
      expect(() => parseMetricJson(`[{"missionId":"1","goalId":0,"period":1,"value":"-5"}]`)).to.throw(
        CliError,
        /reports\.0\.value/,
      );
      expect(() => parseMetricJson(`[{"missionId":"1","goalId":256,"period":1,"value":"1"}]`)).to.throw(
        CliError,
        /reports\.0\.goalId/,
      );
      expect(() => parseMetricJson(`[{"missionId":"1","goalId":0,"period":0,"value":"1"}]`)).to.throw(
        CliError,
        /reports\.0\.period/,
      );
      expect(() => parseMetricJson(`[]`)).to.throw(CliError, /no report/);
      expect(() => parseMetricJson(`{`)).to.throw(CliError, /invalid JSON/);
      expect(() => parseMetricCsv(`missionId,goalId,value\n1,0,1`)).to.throw(
        CliError,
        /header: missing column "period"/,
      );
      expect(() => parseMetricCsv(`missionId,goalId,period,value\n1,0,1`)).to.throw(
        CliError,
        /reports\.0: expected 4 columns/,
      );
      expect(() => parseMetricCsv(`missionId,goalId,period,value\n1,0,1,x`)).to.throw(CliError, /reports\.0\.value/);
      expect(() => parseMetricCsv(`missionId,goalId,period,value\n`)).to.throw(CliError, /no report/);
      expect(() => parseMetricCsv(``)).to.throw(CliError, /no report/);
    });

    it("reads by extension", function () {
      const json = path.join(dir, "m.json");
      writeFileSync(json, `[{"missionId":"1","goalId":0,"period":1,"value":"1"}]`);
      expect(readMetricFile(json)).to.have.length(1);
      const csv = path.join(dir, "m.csv");
      writeFileSync(csv, "missionId,goalId,period,value\n1,0,1,1\n");
      expect(readMetricFile(csv)).to.have.length(1);
      const txt = path.join(dir, "m.txt");
      writeFileSync(txt, "");
      expect(() => readMetricFile(txt)).to.throw(CliError, /--file: must end in \.json or \.csv/);
      expect(() => readMetricFile(path.join(dir, "missing.json"))).to.throw(CliError, /--file: cannot read/);
    });
  });

  describe("keys", function () {
    it("takes --key, else ORACLE_PRIVATE_KEY, and names what is missing", function () {
      const saved = process.env.ORACLE_PRIVATE_KEY;
      try {
        delete process.env.ORACLE_PRIVATE_KEY;
        expect(() => loadReporterKey()).to.throw(CliError, /^ORACLE_PRIVATE_KEY: not set/);
        expect(loadReporterKey(KEY)).to.equal(KEY);
        expect(() => loadReporterKey("0x12")).to.throw(CliError, /^--key: must be/);
        process.env.ORACLE_PRIVATE_KEY = KEY;
        expect(loadReporterKey()).to.equal(KEY);
        process.env.ORACLE_PRIVATE_KEY = "nope";
        expect(() => loadReporterKey()).to.throw(CliError, /^ORACLE_PRIVATE_KEY: must be/);
      } finally {
        if (saved === undefined) delete process.env.ORACLE_PRIVATE_KEY;
        else process.env.ORACLE_PRIVATE_KEY = saved;
      }
    });
  });

  describe("on chain", function () {
    it("viem's hashTypedData equals the contract's reportDigest", async function () {
      const { ethers } = await network.create();
      const world = await deployOracleWorld(ethers, { members: 3, quorum: 2 });
      const chainId = (await ethers.provider.getNetwork()).chainId;
      const oracle = (await world.oracle.getAddress()) as Address;
      const report = {
        missionId: 7n,
        version: 2,
        goalId: 3,
        period: 9,
        value: 123_456n,
        evidenceHash: `0x${"cd".repeat(32)}` as const,
      };
      const reporter = "0x00000000000000000000000000000000000000aa" as const;
      expect(reportDigest({ chainId, oracle }, report, reporter, 5n, 1_000n)).to.equal(
        await world.oracle.reportDigest(report, reporter, 5n, 1_000n),
      );
    });

    it("signs a file's reports, writes them, reads them back and relays them in batches", async function () {
      const { ethers, viem, networkHelpers } = await network.create();
      const account = privateKeyToAccount(KEY);
      const world = await deployOracleWorld(ethers, { members: 3, quorum: 2 });
      // Make the key's account (hardhat #1 = the steward here) a member of a new committee version.
      await (
        await world.oracle.connect(world.steward).setCommittee(MISSION_ID, {
          members: [account.address, world.evaluators[0]!.address],
          quorum: 2,
          challengeWindow: 60,
          bondToken: await world.token.getAddress(),
          bondAmount: 1n,
          arbiter: world.arbiter.address,
          adapter: ethers.ZeroAddress,
        })
      ).wait();
      const chainId = (await ethers.provider.getNetwork()).chainId;
      const oracle = (await world.oracle.getAddress()) as Address;
      // The reports name committee version 2, the one the key's account is a member of.
      // Values in the goal's unit (2 decimals): 6.1 is signed as 610.
      const rows = parseMetricCsv("missionId,version,goalId,period,value\n1,2,0,1,6.1\n1,2,0,2,6.2\n1,2,0,3,6.3\n");
      const { decimals } = await world.registry.getGoal(MISSION_ID, GOAL_ID);
      expect(decimals).to.equal(2n);
      const reports = rows.map((row, i) => toMetricReport(row, i, Number(decimals)));
      const signed = await signReports(account, { chainId, oracle }, reports, 0n, 2n ** 40n);
      const file = path.join(dir, "signed.json");
      writeSignedFile(file, { chainId, oracle, reports: signed });
      const back = readSignedFile(file);
      expect(back.reports).to.deep.equal(signed);
      await networkHelpers.time.increaseTo(periodEnd(world, 3) + 1n);
      const publicClient = await viem.getPublicClient();
      const [wallet] = await viem.getWalletClients();
      const hashes = await relaySignedReports(wallet!, publicClient, oracle, back.reports, 2);
      expect(hashes).to.have.length(2);
      // Unordered nonces: 0, 1 and 2 are used (bits 0–2 of the first bitmap word), nothing else.
      expect(await world.oracle.nonceBitmap(account.address, 0n)).to.equal(7n);
      expect(await firstFreeNonce((w) => world.oracle.nonceBitmap(account.address, w))).to.equal(3n);
      const [reported, value] = await world.oracle.reportOf(MISSION_ID, 2, GOAL_ID, 3, account.address);
      expect(reported).to.equal(true);
      expect(value).to.equal(630n);
    });

    it("writes the signed file into a folder it creates, and names --out in one line when it cannot", function () {
      const signed = { chainId: 31337n, oracle: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address, reports: [] };
      const nested = path.join(dir, "fresh", "folder", "signed.json");
      writeSignedFile(nested, signed);
      expect(JSON.parse(readFileSync(nested, "utf8"))).to.deep.include({ chainId: "31337", reports: [] });
      const blocker = path.join(dir, "a-file");
      writeFileSync(blocker, "");
      expect(() => writeSignedFile(path.join(blocker, "signed.json"), signed)).to.throw(
        CliError,
        /^--out: cannot write .*a-file\/signed\.json \(EEXIST\)$/,
      );
    });

    it("rejects a malformed signed file naming the field", function () {
      const file = path.join(dir, "bad-signed.json");
      writeFileSync(file, JSON.stringify({ chainId: 1, oracle: "0x12", reports: [] }));
      expect(() => readSignedFile(file)).to.throw(CliError, /signed\.oracle/);
      expect(() => readSignedFile(path.join(dir, "none.json"))).to.throw(CliError, /--file: cannot read JSON/);
    });
  });
});
