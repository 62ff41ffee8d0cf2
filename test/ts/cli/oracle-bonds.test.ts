import { expect } from "chai";
import hre from "hardhat";
import { isoTime } from "../../../scripts/core/units.js";
import { deployOracleWorld, MISSION_ID, periodEnd, type OracleWorld } from "../../../scripts/fixtures/oracle.js";
import { runTask } from "../helpers/run-task.js";

const run = runTask;

const BOND = 100n * 10n ** 18n;

describe("oracle dispute bonds through the CLI: dispute, expire-dispute, status, withdraw-bond", function () {
  // The tasks use the cached default connection; the tests share it.
  let world: OracleWorld;
  let oracle: string;
  let token: string;
  let disputer: string;
  let poor: string;
  const slot = (period: number) => ({ oracle: "", mission: "1", goal: "0", period: String(period) });

  before(async function () {
    const { ethers } = await hre.network.getOrCreate();
    // One evaluator (#3), quorum 1: an optimistic oracle with a one-hour window and a bond of 100 BOND (18 decimals).
    // Periods of 60 days, so period 2 is still ahead after the 31 days the arbitration period takes.
    world = await deployOracleWorld(ethers, {
      members: 1,
      quorum: 1,
      challengeWindow: 3_600,
      bond: BOND,
      periodLength: 60 * 86_400,
    });
    oracle = await world.oracle.getAddress();
    token = await world.token.getAddress();
    disputer = world.others[0]!.address; // account #4
    poor = world.others[1]!.address; // account #5
    await (await world.token.mint(disputer, 250n * 10n ** 18n)).wait();
    await (await world.token.mint(poor, 50n * 10n ** 18n)).wait();
  });

  /** The evaluator reports `value` for `period` once it has ended: the slot is Proposed. */
  async function propose(period: number, value: bigint): Promise<void> {
    const { networkHelpers } = await hre.network.getOrCreate();
    const end = periodEnd(world, period);
    if (BigInt(await networkHelpers.time.latest()) <= end) await networkHelpers.time.increaseTo(end + 1n);
    const version = await world.oracle.committeeVersion(MISSION_ID);
    const report = { missionId: MISSION_ID, version, goalId: 0, period, value, evidenceHash: `0x${"0".repeat(64)}` };
    await (await world.oracle.connect(world.evaluators[0]).report(report)).wait();
  }

  const allowance = (owner: string) => world.token.allowance(owner, oracle);

  it("a dispute is refused before any approval when the sender cannot pay the bond", async function () {
    await propose(1, 700n);
    const { ethers } = await hre.network.getOrCreate();
    const before = await ethers.provider.getBlockNumber();
    const refused = await run("oracle:dispute", { ...slot(1), oracle, from: "5" });
    expect(refused.result.success).to.equal(false);
    expect(refused.err).to.equal(`error: --from: ${poor} holds 50 BOND, less than the 100 BOND bond`);
    expect(await allowance(poor)).to.equal(0n);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });

  it("dispute, then (arbiter silent) expire-dispute by anyone, status shows the credit, withdraw-bond pays it", async function () {
    const d = await run("oracle:dispute", { ...slot(1), oracle, from: "4" });
    expect(d.result.success, d.err).to.equal(true);
    expect(d.out).to.match(/^disputed mission 1 goal 0 period 1, bond 100 BOND \(tx 0x/);
    // The approval was exactly the bond, and the oracle took all of it.
    expect(await allowance(disputer)).to.equal(0n);
    expect(await world.token.balanceOf(disputer)).to.equal(150n * 10n ** 18n);

    const disputed = await run("oracle:status", { ...slot(1), oracle, account: disputer });
    expect(disputed.result.success, disputed.err).to.equal(true);
    expect(disputed.out).to.include("period 1: Disputed");
    expect(disputed.out).to.include(`disputed by ${disputer}, bond 100 BOND`);
    const { challengeEnd } = await world.oracle.getSlot(MISSION_ID, 1, 0, 1);
    const expiresAt = challengeEnd + (await world.oracle.ARBITRATION_PERIOD());
    expect(disputed.out).to.include(`the arbiter may resolve until ${isoTime(expiresAt)}`);
    expect(disputed.out).to.include(`${disputer} can withdraw 0 BOND of bonds`);

    const early = await run("oracle:expire-dispute", { ...slot(1), oracle, from: "6" });
    expect(early.err).to.equal(
      `error: --period: the arbiter may still resolve the dispute until ${isoTime(expiresAt)}`,
    );
    const nothing = await run("oracle:withdraw-bond", { oracle, token, from: "4" });
    expect(nothing.err).to.equal(`error: --from: ${disputer} has no BOND bond to withdraw (${token})`);

    // The arbitration period (30 days) passes with the arbiter silent: chain:advance moves the clock.
    const moved = await run("chain:advance", { days: "31" });
    expect(moved.result.success, moved.err).to.equal(true);
    const expired = await run("oracle:expire-dispute", { ...slot(1), oracle, from: "6" });
    expect(expired.result.success, expired.err).to.equal(true);
    expect(expired.out).to.match(
      new RegExp(
        `^dispute on mission 1 goal 0 period 1 expired: slot Unresolved, bond 100 BOND credited back to ${disputer}`,
      ),
    );
    const again = await run("oracle:expire-dispute", { ...slot(1), oracle });
    expect(again.err).to.equal("error: --period: slot is Unresolved, not Disputed");

    const credited = await run("oracle:status", { ...slot(1), oracle, account: disputer });
    expect(credited.out).to.include("period 1: Unresolved");
    expect(credited.out).to.include(`${disputer} can withdraw 100 BOND of bonds (oracle:withdraw-bond)`);
    // Without --account: the first account's credit.
    const { ethers } = await hre.network.getOrCreate();
    const first = (await ethers.getSigners())[0]!.address;
    expect((await run("oracle:status", { ...slot(1), oracle })).out).to.include(`${first} can withdraw 0 BOND`);

    const withdrawn = await run("oracle:withdraw-bond", { oracle, token, from: disputer });
    expect(withdrawn.result.success, withdrawn.err).to.equal(true);
    expect(withdrawn.out).to.match(new RegExp(`^withdrew 100 BOND of dispute bonds to ${disputer} \\(tx 0x`));
    expect(await world.token.balanceOf(disputer)).to.equal(250n * 10n ** 18n);
    expect(await world.oracle.claimableBond(token, disputer)).to.equal(0n);
    expect((await run("oracle:status", { ...slot(1), oracle, account: disputer })).out).to.include(
      `${disputer} can withdraw 0 BOND`,
    );
  });

  it("a dispute after the challenge window is refused before any approval, naming the window's end", async function () {
    await propose(2, 650n);
    const { challengeEnd } = await world.oracle.getSlot(MISSION_ID, 1, 0, 2);
    await run("chain:advance", { days: "0.05" }); // 72 minutes: past the one-hour window
    const { ethers } = await hre.network.getOrCreate();
    const before = await ethers.provider.getBlockNumber();
    const late = await run("oracle:dispute", { ...slot(2), oracle, from: "4" });
    expect(late.err).to.equal(`error: --period: the challenge window closed at ${isoTime(challengeEnd)}`);
    expect(await allowance(disputer)).to.equal(0n);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });

  it("bond tasks refuse bad input in one line naming the flag, sending nothing", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const before = await ethers.provider.getBlockNumber();
    const savedId = process.env.IGNITION_DEPLOYMENT_ID;
    process.env.IGNITION_DEPLOYMENT_ID = `test-oracle-bonds-none-${process.pid}`;
    try {
      const cases: [string, Record<string, unknown>, string][] = [
        ["oracle:expire-dispute", { oracle, goal: "0", period: "1" }, "--mission: required"],
        ["oracle:expire-dispute", { ...slot(0), oracle }, "--period: "],
        ["oracle:expire-dispute", { ...slot(3), oracle }, "--period: slot is None, not Disputed"],
        [
          "oracle:expire-dispute",
          { ...slot(1), oracle, committee: "9" },
          "--committee: mission 1 has committee version 1, not 9",
        ],
        ["oracle:withdraw-bond", { oracle, token: "0x12" }, "--token: must be a 0x-prefixed 20-byte address"],
        ["oracle:withdraw-bond", { oracle, token: oracle }, `--token: ${oracle} is not an ERC-20 token`],
        ["oracle:withdraw-bond", { oracle }, "--token: no example token deployed on chain 31337"],
        ["oracle:withdraw-bond", { oracle, token, from: "x" }, "--from: must be an account index"],
        ["oracle:status", { ...slot(1), oracle, account: "me" }, "--account: must be a 0x-prefixed 20-byte address"],
      ];
      for (const [name, args, message] of cases) {
        const { result, err } = await run(name, args);
        expect(result.success, `${name} ${JSON.stringify(args)}`).to.equal(false);
        expect(err.startsWith(`error: ${message}`), `${name} ${JSON.stringify(args)}: ${err}`).to.equal(true);
        expect(err).to.not.include("\n");
      }
    } finally {
      if (savedId === undefined) delete process.env.IGNITION_DEPLOYMENT_ID;
      else process.env.IGNITION_DEPLOYMENT_ID = savedId;
    }
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });
});
