import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import hre from "hardhat";
import { isoTime } from "../../../scripts/core/units.js";
import { deployOracleWorld, periodEnd, type OracleWorld } from "../../../scripts/fixtures/oracle.js";
import { runTask, taskFailure } from "../helpers/run-task.js";

const run = runTask;
const failure = taskFailure;

const ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
const KEY_3 = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"; // hardhat #3 (evaluator 0)
const KEY_4 = "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"; // hardhat #4 (evaluator 1)

describe("contract reverts through the real tasks read as one sentence in human units", function () {
  let world: OracleWorld;
  let oracle: string;
  let deployer: string;
  const slot = (period: number) => ({ oracle, mission: "1", goal: "0", period: String(period) });
  const dir = mkdtempSync(path.join(tmpdir(), "revert-messages-"));

  before(async function () {
    const { ethers } = await hre.network.getOrCreate();
    // Steward #1, arbiter #2, members #3 and #4 (quorum 2), challenge window 1 hour, bond 100 BOND.
    world = await deployOracleWorld(ethers, { members: 2, quorum: 2, challengeWindow: 3600 });
    oracle = await world.oracle.getAddress();
    deployer = (await ethers.getSigners())[0]!.address;
    await (await world.token.mint(world.others[0]!.address, 10n ** 21n)).wait(); // #5 disputes
  });

  it("oracle:report before the period ends, by a non-member, and twice", async function () {
    const { networkHelpers } = await hre.network.getOrCreate();
    expect(await failure("oracle:report", { ...slot(1), value: "1", from: "3" })).to.equal(
      `mission 1 goal 0 period 1 has not ended yet: reports open after ${isoTime(periodEnd(world, 1))} (PeriodNotEnded)`,
    );
    await networkHelpers.time.increaseTo(periodEnd(world, 1) + 1n);
    expect(await failure("oracle:report", { ...slot(1), value: "1", from: "0" })).to.equal(
      `${deployer} is not a member of committee v1 of mission 1 (NotCommitteeMember)`,
    );
    expect((await run("oracle:report", { ...slot(1), value: "1", from: "3" })).result.success).to.equal(true);
    expect(await failure("oracle:report", { ...slot(1), value: "1.01", from: "3" })).to.equal(
      `${world.evaluators[0]!.address} already reported for mission 1 goal 0 period 1 (AlreadyReported)`,
    );
    // Too many decimals for the goal (2) is refused before anything is sent.
    expect(await failure("oracle:report", { ...slot(1), value: "1.015", from: "4" })).to.equal(
      '--value: more than 2 decimals (got "1.015")',
    );
    expect((await run("oracle:report", { ...slot(1), value: "2", from: "4" })).result.success).to.equal(true);
  });

  it("oracle:finalize inside the window, oracle:resolve by a non-arbiter, oracle:finalize twice", async function () {
    expect(await failure("oracle:finalize", slot(1))).to.match(
      new RegExp(
        `^the challenge window of mission 1 goal 0 period 1 is open until ${ISO}; finalize after it \\(ChallengeWindowOpen\\)$`,
      ),
    );
    expect((await run("oracle:dispute", { ...slot(1), from: "5" })).result.success).to.equal(true);
    expect(await failure("oracle:resolve", { ...slot(1), value: "1.5", from: "0" })).to.equal(
      `${deployer} is not the arbiter of committee v1 of mission 1 (NotArbiter)`,
    );
    const resolved = await run("oracle:resolve", { ...slot(1), value: "1.5", from: "2" });
    expect(resolved.out).to.match(/^resolved mission 1 goal 0 period 1: 1\.5 /);
    expect(await failure("oracle:finalize", slot(1))).to.equal(
      "mission 1 goal 0 period 1 is Final, which does not allow this (WrongState)",
    );
    const status = await run("oracle:status", slot(1));
    expect(status.out).to.match(new RegExp(`final 1\\.5 at ${ISO}`));
    expect(status.out).to.include(`disputed by ${world.others[0]!.address}, bond 100 BOND`);
  });

  it("oracle:dispute after the window", async function () {
    const { networkHelpers } = await hre.network.getOrCreate();
    await networkHelpers.time.increaseTo(periodEnd(world, 2) + 1n);
    await run("oracle:report", { ...slot(2), value: "3", from: "3" });
    await run("oracle:report", { ...slot(2), value: "3", from: "4" });
    await networkHelpers.time.increase(3601);
    // oracle:dispute checks the window itself before approving the bond (ChallengeWindowClosed is never reached).
    const { challengeEnd } = await world.oracle.getSlot(1n, 1, 0, 2);
    expect(await failure("oracle:dispute", { ...slot(2), from: "5" })).to.equal(
      `--period: the challenge window closed at ${isoTime(challengeEnd)}`,
    );
  });

  it("oracle:committee by a non-steward, and a bond out of range in whole tokens", async function () {
    const committee = {
      oracle,
      mission: "1",
      members: world.evaluators.map((e) => e.address).join(","),
      quorum: "1",
      window: "60",
      bondToken: await world.token.getAddress(),
      bond: "10.5",
      arbiter: world.arbiter.address,
    };
    expect(await failure("oracle:committee", { ...committee, from: "0" })).to.equal(
      `${deployer} is not the steward of mission 1; only the steward sets its committee (NotMissionSteward)`,
    );
    expect(await failure("oracle:committee", { ...committee, bond: "100000000000", from: "1" })).to.equal(
      "--bond: 100000000000 is out of range (at most 79228162514.264337593543950335 BOND)",
    );
    expect(await failure("oracle:committee", { ...committee, bond: "0.0000000000000000001", from: "1" })).to.equal(
      '--bond: more than 18 decimals (got "0.0000000000000000001")',
    );
  });

  it("oracle:relay of a report already relayed (nonce used) or signed too long ago (expired)", async function () {
    const { networkHelpers } = await hre.network.getOrCreate();
    await networkHelpers.time.increaseTo(periodEnd(world, 3) + 1n);
    const csv = path.join(dir, "values.csv");
    writeFileSync(csv, "missionId,goalId,period,value\n1,0,3,6.5\n");
    const once = path.join(dir, "once.json");
    expect((await run("oracle:sign", { oracle, file: csv, out: once, key: KEY_3 })).result.success).to.equal(true);
    const nonce = String(
      (JSON.parse(readFileSync(once, "utf8")) as { reports: { nonce: string }[] }).reports[0]!.nonce,
    );
    const relayed = await run("oracle:relay", { file: once });
    expect(relayed.out).to.match(/^relayed 1 report\(s\) in 1 transaction\(s\)/);
    expect(await failure("oracle:relay", { file: once })).to.equal(
      `report 0: nonce ${nonce} of ${world.evaluators[0]!.address} was already used: the signed report was relayed before (or cancelled) (NonceUsed)`,
    );

    const late = path.join(dir, "late.json");
    expect((await run("oracle:sign", { oracle, file: csv, out: late, key: KEY_4, ttl: "60" })).result.success).to.equal(
      true,
    );
    const deadline = BigInt(
      (JSON.parse(readFileSync(late, "utf8")) as { reports: { deadline: string }[] }).reports[0]!.deadline,
    );
    await networkHelpers.time.increase(120);
    expect(await failure("oracle:relay", { file: late })).to.equal(
      `report 0: the signature of ${world.evaluators[1]!.address} expired at ${isoTime(deadline)}; sign the report again (SignatureExpired)`,
    );
  });

  it("escrow:create with terms the chain refuses: the terms checks name the field, the factory's revert what they leave", async function () {
    const { ethers, networkHelpers } = await hre.network.getOrCreate();
    const [, ben1, ben2] = await ethers.getSigners();
    const registry = await ethers.deployContract("MockRegistryForEscrow");
    const feed = await ethers.deployContract("MockMetricFeed");
    const factory = await ethers.deployContract("OutcomeEscrowFactory", [registry.target, feed.target]);
    const token = await ethers.deployContract("MockERC20", ["Dollar", "USD", 6]);
    const now = await networkHelpers.time.latest();
    await (await registry.setMission(1n, 2)).wait();
    const goal = { firstPeriodEnd: now + 1000, periodLength: 1000, periodCount: 1, reportingWindow: 100, decimals: 0 };
    await (await registry.setGoal(1n, 0, { ...goal, baseline: 624n, target: 750n, version: 1 })).wait();
    await (await registry.setGoal(1n, 1, { ...goal, baseline: 38n, target: 55n, version: 2 })).wait();
    const [, challengeWindow, arbitrationPeriod] = await feed.slotTimeline(1n, await feed.committeeVersion(1n), 0, 1);
    const base = {
      token: await token.getAddress(),
      missionId: "1",
      goalVersion: 1,
      fundingDeadline: now + 100,
      minFunding: "0",
      settlementDeadline: now + 1100 + Number(challengeWindow + arbitrationPeriod),
      gracePeriod: 50,
      outcomes: [{ goalId: 0, period: 1, weight: "1", curve: { kind: "linear", baseline: "624", target: "750" } }],
      beneficiaries: [
        { account: ben1!.address, weight: "3" },
        { account: ben2!.address, weight: "1" },
      ],
    };
    const fileOf = (name: string) => path.join(dir, `${name}.json`);
    const create = async (name: string, patch: Record<string, unknown>) => {
      const file = fileOf(name);
      writeFileSync(file, JSON.stringify({ ...base, ...patch }));
      return failure("escrow:create", { file, factory: await factory.getAddress() });
    };
    const outcome = (patch: Record<string, unknown>) => [{ ...base.outcomes[0], ...patch }];
    // The terms checks of escrow:create (core/terms-checks.ts) read the same registry first and name the field…
    expect(
      await create("direction", { outcomes: outcome({ curve: { kind: "linear", baseline: "750", target: "624" } }) }),
    ).to.equal(
      `${fileOf("direction")}: outcomes.0.curve: falls but mission 1 goal 0 rises (baseline 624 → target 750); a curve must run the goal's way`,
    );
    expect(await create("mission", { missionId: "9" })).to.equal(`${fileOf("mission")}: missionId: no mission 9`);
    expect(
      await create("version", {
        outcomes: outcome({ goalId: 1, curve: { kind: "linear", baseline: 38, target: 55 } }),
      }),
    ).to.equal(
      `${fileOf("version")}: outcomes.0.goalId: mission 1 goal 1 is in goal version 2, not the pinned goalVersion 1`,
    );
    expect(await create("period", { outcomes: outcome({ period: 2 }) })).to.equal(
      `${fileOf("period")}: outcomes.0.period: mission 1 goal 0 has periods 1…1, not 2`,
    );
    // … and what they leave to the factory (a funding deadline already past) is its revert, as one sentence.
    expect(await create("deadline", { fundingDeadline: now - 10 })).to.match(
      new RegExp(
        `^the funding deadline ${isoTime(now - 10)} is already past \\(now ${ISO}\\) \\(FundingDeadlinePassed\\)$`,
      ),
    );
  });
});
