import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { readSignedFile } from "../../../scripts/reporter/signed-file.js";
import { tmpdir } from "node:os";
import path from "node:path";
import hre from "hardhat";
import { deployOracleWorld, MISSION_ID, periodEnd, type OracleWorld } from "../../../scripts/fixtures/oracle.js";
import { runTask } from "../helpers/run-task.js";

const run = runTask;

describe("oracle tasks (in-process)", function () {
  // The tasks use the cached default connection; the tests share it.
  let world: OracleWorld;
  let oracle: string;
  const dir = mkdtempSync(path.join(tmpdir(), "oracle-tasks-"));

  before(async function () {
    const { ethers } = await hre.network.getOrCreate();
    // Committee of the first account (what the tasks send from) and two evaluators; quorum 2.
    world = await deployOracleWorld(ethers, { members: 2, quorum: 2 });
    oracle = await world.oracle.getAddress();
  });

  async function blockNumber(): Promise<number> {
    const { ethers } = await hre.network.getOrCreate();
    return ethers.provider.getBlockNumber();
  }

  it("oracle:committee sets a version (steward = the first account) and shows it", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const [first] = await ethers.getSigners();
    await (await world.registry.setMission(MISSION_ID, first!.address)).wait();
    const members = [first!.address, world.evaluators[0]!.address, world.evaluators[1]!.address].join(",");
    const set = await run("oracle:committee", {
      oracle,
      mission: "1",
      members,
      quorum: "2",
      window: "60",
      bondToken: await world.token.getAddress(),
      bond: "1000",
      // The arbiter may be neither the steward (the first account) nor a member: hardhat account #2.
      arbiter: world.arbiter.address,
    });
    expect(set.result.success, set.err).to.equal(true);
    expect(set.out).to.match(/committee v2 set for mission 1/);
    const shown = await run("oracle:committee", { oracle, mission: "1" });
    expect(shown.out).to.match(/committee v2: 2 of 3/);
    expect(shown.out).to.include(world.evaluators[1]!.address);
  });

  it("oracle:committee rejects bad input in one line, sending nothing", async function () {
    const before = await blockNumber();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ oracle, mission: "x" }, /^--mission: /],
      [{ oracle, mission: "1", members: "0x12", quorum: "1" }, /^--members\.0: /],
      [{ oracle, mission: "1", members: `${oracle},${oracle}`, quorum: "3" }, /^--quorum: must be ≤/],
      [
        {
          oracle,
          mission: "1",
          members: `${oracle},${oracle}`,
          quorum: "1",
          bondToken: oracle,
          bond: "1",
          arbiter: oracle,
        },
        /^--members: duplicate/,
      ],
      [{ oracle: "nope", mission: "1" }, /^--oracle: /],
      [{ oracle, mission: "99" }, /^--mission: mission 99 has no committee/],
    ];
    for (const [args, message] of cases) {
      const { result, err } = await run("oracle:committee", args);
      expect(result.success).to.equal(false);
      expect(err).to.match(new RegExp(`^error: ${message.source.slice(1)}`));
    }
    expect(await blockNumber()).to.equal(before);
  });

  it("oracle:report, oracle:sign + oracle:relay, oracle:status, oracle:finalize", async function () {
    const { networkHelpers } = await hre.network.getOrCreate();
    await networkHelpers.time.increaseTo(periodEnd(world, 1) + 1n);
    // --value is in the goal's own decimals (2 here): 7 is stored as 700.
    const direct = await run("oracle:report", { oracle, mission: "1", goal: "0", period: "1", value: "7" });
    expect(direct.result.success, direct.err).to.equal(true);
    expect(direct.out).to.match(/^reported 7 for mission 1 goal 0 period 1/);

    // Evaluator 0 signs with its key (hardhat account #3) from a CSV file; the relay sends it.
    const csv = path.join(dir, "values.csv");
    // The report names committee version 2 (set above); the version column defaults to 1. The value is in the goal's
    // unit, as --value: 6.5 with the goal's 2 decimals (read from the registry) is signed as 650.
    writeFileSync(csv, "missionId,version,goalId,period,value\n1,2,0,1,6.5\n");
    const out = path.join(dir, "signed.json");
    const key = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"; // hardhat #3
    const signed = await run("oracle:sign", { oracle, file: csv, out, key });
    expect(signed.result.success, signed.err).to.equal(true);
    expect(signed.out).to.match(/signed 1 report\(s\) as 0x/);
    expect(readSignedFile(out).reports.map((r) => r.report.value)).to.deep.equal([650n]);
    // The relayer is any of the network's accounts, chosen with --from.
    const relayed = await run("oracle:relay", { file: out, from: "2" });
    expect(relayed.result.success, relayed.err).to.equal(true);
    const { ethers } = await hre.network.getOrCreate();
    const relayTx = await ethers.provider.getTransaction(/(0x[0-9a-f]{64})/.exec(relayed.out)?.[1] ?? "");
    expect(relayTx?.from).to.equal((await ethers.getSigners())[2]!.address);

    const status = await run("oracle:status", { oracle, mission: "1", goal: "0", period: "1" });
    expect(status.out).to.match(/period 1: Proposed/);
    expect(status.out).to.match(/proposed 6\.5, challenge until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    // Inside the challenge window: the contract's ChallengeWindowOpen as one sentence, its time in ISO.
    const early = await run("oracle:finalize", { oracle, mission: "1", goal: "0", period: "1" });
    expect(early.result.success).to.equal(false);
    expect(early.err).to.match(
      /^error: the challenge window of mission 1 goal 0 period 1 is open until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; finalize after it \(ChallengeWindowOpen\)$/,
    );
    await networkHelpers.time.increase(61);
    const fin = await run("oracle:finalize", { oracle, mission: "1", goal: "0", period: "1" });
    expect(fin.out).to.match(/= 6\.5/);
    const none = await run("oracle:status", { oracle, mission: "1", goal: "0", period: "3" });
    expect(none.out).to.match(/period 3: None/);
  });

  it("oracle:dispute (approving the bond) and oracle:resolve", async function () {
    const { networkHelpers, ethers } = await hre.network.getOrCreate();
    const [, disputer] = await ethers.getSigners();
    await (await world.token.mint(disputer!.address, 10_000n * 10n ** 18n)).wait(); // the bond is 1000 tokens
    await networkHelpers.time.increaseTo(periodEnd(world, 2) + 1n);
    await run("oracle:report", { oracle, mission: "1", goal: "0", period: "2", value: "0.1" });
    // A member reports from its own account: --from takes its address.
    const second = await run("oracle:report", {
      oracle,
      mission: "1",
      goal: "0",
      period: "2",
      value: "0.3",
      from: world.evaluators[0]!.address,
    });
    expect(second.result.success, second.err).to.equal(true);
    const notProposed = await run("oracle:dispute", { oracle, mission: "1", goal: "0", period: "3", from: "1" });
    expect(notProposed.err).to.match(/^error: --period: slot is None, not Proposed/);
    const d = await run("oracle:dispute", { oracle, mission: "1", goal: "0", period: "2", from: "1" });
    expect(d.result.success, d.err).to.equal(true);
    expect(d.out).to.match(/, bond 1000 BOND \(tx 0x/); // --bond is whole tokens: 1000 BOND, printed as such
    const both = await run("oracle:resolve", {
      oracle,
      mission: "1",
      goal: "0",
      period: "2",
      value: "5",
      invalid: true,
    });
    expect(both.err).to.match(/^error: --value: give either/);
    const r = await run("oracle:resolve", { oracle, mission: "1", goal: "0", period: "2", value: "0.25", from: "2" });
    expect(r.result.success, r.err).to.equal(true);
    const status = await run("oracle:status", { oracle, mission: "1", goal: "0", period: "2" });
    expect(status.out).to.match(/Final/);
    expect(status.out).to.match(/final 0\.25 at \d{4}-/);
    expect(status.out).to.include(`disputed by ${disputer!.address}`);
  });

  it("oracle:resolve --invalid makes the slot Unresolved", async function () {
    const { networkHelpers, ethers } = await hre.network.getOrCreate();
    await networkHelpers.time.increaseTo(periodEnd(world, 3) + 1n);
    await run("oracle:report", { oracle, mission: "1", goal: "0", period: "3", value: "0.1" });
    await (
      await world.oracle.connect(world.evaluators[0]).report({
        missionId: 1n,
        version: await world.oracle.committeeVersion(1n),
        goalId: 0,
        period: 3,
        value: 30n,
        evidenceHash: ethers.ZeroHash,
      })
    ).wait();
    await run("oracle:dispute", { oracle, mission: "1", goal: "0", period: "3", from: "1" });
    const r = await run("oracle:resolve", { oracle, mission: "1", goal: "0", period: "3", invalid: true, from: "2" });
    expect(r.out).to.match(/invalid/);
    const status = await run("oracle:status", { oracle, mission: "1", goal: "0", period: "3" });
    expect(status.out).to.match(/Unresolved/);
  });

  it("slot, sign and relay flags fail in one line before any transaction", async function () {
    const before = await blockNumber();
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ["oracle:report", { oracle, mission: "1", goal: "300", period: "1", value: "1" }, /--goal: must be at most 255/],
      ["oracle:report", { oracle, mission: "1", goal: "0", period: "0", value: "1" }, /--period: /],
      [
        "oracle:report",
        { oracle, mission: "1", goal: "0", period: "1", value: "18446744073709551616" },
        /--value: 18446744073709551616 is out of range \(at most 184467440737095516\.15 with the goal's 2 decimals\)/,
      ],
      [
        "oracle:report",
        { oracle, mission: "1", goal: "0", period: "1", value: "1", evidenceHash: "0x1" },
        /--evidenceHash: /,
      ],
      ["oracle:sign", { oracle }, /--file: required/],
      ["oracle:sign", { oracle, file: "x.json" }, /--out: required/],
      ["oracle:sign", { oracle, file: path.join(dir, "nope.csv"), out: "o.json" }, /--file: cannot read/],
      ["oracle:relay", {}, /--file: required/],
      ["oracle:relay", { file: path.join(dir, "signed.json"), batchSize: "0" }, /--batchSize: /],
      ["oracle:relay", { file: path.join(dir, "signed.json"), rpc: "not a url" }, /--rpc: must be a URL/],
      [
        "oracle:report",
        { oracle, mission: "1", goal: "0", period: "1", value: "1", from: "99" },
        /--from: 99 is out of range \(this network has \d+ accounts\)/,
      ],
      [
        "oracle:finalize",
        { oracle, mission: "1", goal: "0", period: "1", from: "0x000000000000000000000000000000000000dEaD" },
        /--from: 0x000000000000000000000000000000000000dEaD is not an account of this network/,
      ],
      ["oracle:dispute", { oracle, mission: "1", goal: "0", period: "1", from: "me" }, /--from: must be an account/],
      ["oracle:committee", { oracle, mission: "1", from: "7x" }, /--from: must be an account/],
      [
        "oracle:relay",
        { file: path.join(dir, "signed.json"), rpc: "http://127.0.0.1:1", from: "1" },
        /--from: not used with --rpc/,
      ],
    ];
    for (const [name, args, message] of bad) {
      const { result, err } = await run(name, args);
      expect(result.success, name).to.equal(false);
      expect(err).to.match(new RegExp(`^error: ${message.source}`));
    }
    // A signed file for another chain is refused.
    const other = path.join(dir, "other-chain.json");
    writeFileSync(
      other,
      JSON.stringify({
        chainId: "1",
        oracle,
        reports: [
          {
            report: { missionId: "1", goalId: 0, period: 1, value: "1" },
            reporter: oracle,
            nonce: "0",
            deadline: "1",
            signature: "0x00",
          },
        ],
      }),
    );
    const wrongChain = await run("oracle:relay", { file: other });
    expect(wrongChain.err).to.match(/^error: chainId: reports were signed for chain 1/);
    expect(await blockNumber()).to.equal(before);
  });
});
