import { expect } from "chai";
import { network } from "hardhat";
import { CliError } from "../../../scripts/core/cli.js";
import { readEscrowTerms, toScheduledTerms } from "../../../scripts/formats/escrow-terms.js";
import { createScheduledEscrow, settleScheduledPoint } from "../../../scripts/cli/actions/escrow-scheduled-send.js";
import { pointBytes, pointProof, pointsRoot } from "../../../scripts/outcomes/schedule-root.js";

const TOKEN = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const E18 = 10n ** 18n;

/** The message of the CliError `p` rejects with (fails the test if it resolves or rejects otherwise). */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CliError) return err.message;
    throw err;
  }
  throw new Error("expected a CliError");
}
const YEAR = 365 * 86_400;
/** 2031-06-30T00:00:00Z: the first period of the examples' goals ends after their funding deadline (2030-06-30). */
const FIRST_PERIOD_END = 1_940_544_000n;

/**
 * The schedule examples (examples/escrows/rate-card-escrow.json, cohort-bond-escrow.json) convert to
 * `ScheduledEscrowFactory.createEscrow` terms (`toScheduledTerms`), and the factory creates them: every slot their
 * points read passes the on-chain checks against a registry holding their missions' goals, and the escrow commits
 * to exactly the points the TypeScript mirror roots and proves.
 */
describe("scheduled escrow terms (formats/escrow-terms.ts toScheduledTerms)", function () {
  it("converts both schedule examples, which the scheduled escrow factory then creates", async function () {
    const { ethers } = await network.create();
    const registry = await ethers.deployContract("MockRegistryForEscrow");
    const feed = await ethers.deployContract("MockMetricFeed");
    const factory = await ethers.deployContract("ScheduledEscrowFactory", [
      await registry.getAddress(),
      await feed.getAddress(),
    ]);
    // Mission 3 (rate card): goal 0 a rising count, goal 1 a falling one; mission 4 (cohort bond): two falling goals.
    const goal = (baseline: bigint, target: bigint) => ({
      baseline,
      target,
      firstPeriodEnd: FIRST_PERIOD_END,
      periodLength: YEAR,
      periodCount: 2,
      reportingWindow: 30 * 86_400,
      decimals: 0,
      version: 1,
    });
    await registry.setMission(3n, 2);
    await registry.setGoal(3n, 0, goal(0n, 40n));
    await registry.setGoal(3n, 1, goal(400n, 200n));
    await registry.setMission(4n, 2);
    await registry.setGoal(4n, 0, goal(600n, 480n));
    await registry.setGoal(4n, 1, goal(600n, 480n));

    for (const file of ["examples/escrows/rate-card-escrow.json", "examples/escrows/cohort-bond-escrow.json"]) {
      const terms = toScheduledTerms(readEscrowTerms(file), 0n, 18, file, TOKEN);
      const receipt = await (await factory.createEscrow(terms)).wait();
      const created = receipt?.logs
        .map((log) => factory.interface.parseLog(log))
        .find((log) => log?.name === "ScheduledEscrowCreated");
      expect(created, file).to.not.equal(undefined);
      const escrow = await ethers.getContractAt("ScheduledEscrow", String(created?.args.escrow));
      expect(await factory.isEscrow(escrow.target), file).to.equal(true);
      const { points } = terms.paymentSchedule;
      const header = await escrow.header();
      expect(header.pointsRoot, file).to.equal(pointsRoot(points));
      expect(header.pointCount, file).to.equal(BigInt(points.length));
      // Before funding closes every point is refused with FundingOpen: the proof and bytes are the mirror's.
      const last = points.length - 1;
      await expect(
        escrow.previewPayment(last, pointBytes(points[last]!), pointProof(points, last)),
      ).to.be.revertedWithCustomError(escrow, "FundingOpen");
    }
  });

  it("escrow:create's core function creates a schedule example through --factory", async function () {
    const { ethers } = await network.create();
    const [signer] = await ethers.getSigners();
    if (signer === undefined) throw new Error("no signer");
    const registry = await ethers.deployContract("MockRegistryForEscrow");
    const feed = await ethers.deployContract("MockMetricFeed");
    const factory = await ethers.deployContract("ScheduledEscrowFactory", [
      await registry.getAddress(),
      await feed.getAddress(),
    ]);
    await registry.setMission(3n, 2);
    for (const [goalId, baseline, target] of [
      [0, 0n, 40n],
      [1, 400n, 200n],
    ] as const) {
      await registry.setGoal(3n, goalId, {
        baseline,
        target,
        firstPeriodEnd: FIRST_PERIOD_END,
        periodLength: YEAR,
        periodCount: 2,
        reportingWindow: 30 * 86_400,
        decimals: 0,
        version: 1,
      });
    }
    const file = "examples/escrows/rate-card-escrow.json";
    const token = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
    const terms = toScheduledTerms(readEscrowTerms(file), 0n, 18, file, await token.getAddress());
    const conn = { signer, chainId: (await ethers.provider.getNetwork()).chainId };
    const escrow = await createScheduledEscrow(conn, terms, await factory.getAddress());
    expect(await factory.isEscrow(escrow)).to.equal(true);
    expect(await factory.missionEscrows(3n, 0n, 10n)).to.deep.equal([escrow]);

    // escrow:settle --point: one line while funding is open or for a point that does not exist.
    expect(await failure(settleScheduledPoint(conn, escrow, 0))).to.match(/^--point: .*FundingOpen/);
    expect(await failure(settleScheduledPoint(conn, escrow, 2))).to.equal(
      "--point: the schedule has 2 points (0 to 1); got 2",
    );
    const e = await ethers.getContractAt("ScheduledEscrow", escrow);
    const funds = 100_000n * E18;
    await token.mint(signer.address, funds);
    await token.approve(escrow, funds);
    await e.deposit(0n, funds);
    // Past cohort 1's cut-off: 20 children reading (20 × 1,200) and 2.0 years of special education avoided against
    // the control group's 40.0 (20 tenths × 0.1 × 2,500): 24,000 + 5,000.
    await ethers.provider.send("evm_setNextBlockTimestamp", [
      Number(terms.paymentSchedule.points[0]!.deadline) + 31 * 86_400,
    ]);
    await ethers.provider.send("evm_mine", []);
    await feed.setFinal(3n, 0, 1, 20n);
    await feed.setFinal(3n, 1, 1, 380n);
    expect(await settleScheduledPoint(conn, escrow, 0)).to.equal(29_000n * E18);
    expect(await failure(settleScheduledPoint(conn, escrow, 0))).to.match(/^--point: .*PointAlreadySettled/);
    expect(await e.claimable(terms.beneficiaries[0]!.account)).to.be.greaterThan(0n);
  });

  it("refuses a minimum funding (a scheduled escrow has none), naming the file and field", function () {
    const file = "examples/escrows/rate-card-escrow.json";
    const parsed = { ...readEscrowTerms(file), minFunding: "1000" };
    expect(() => toScheduledTerms(parsed, 0n, 18, file, TOKEN))
      .to.throw(CliError)
      .with.property("message")
      .that.equals(`${file}: minFunding: a scheduled escrow has no minimum funding; write "0" (got "1000")`);
  });
});
