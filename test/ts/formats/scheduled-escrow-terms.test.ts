import { expect } from "chai";
import { network } from "hardhat";
import { CliError } from "../../../scripts/core/cli.js";
import { toScheduledTerms } from "../../../scripts/formats/escrow-terms.js";
import { readEscrowTerms } from "../../../scripts/formats/escrow-terms-file.js";
import { settleScheduledPoint } from "../../../scripts/cli/actions/escrow-scheduled-send.js";
import { pointBytes, pointProof, pointsRoot } from "../../../scripts/outcomes/schedule-root.js";
import {
  COHORT_BOND,
  createExampleEscrow,
  depositInto,
  E18,
  failure,
  pastPoint,
  RATE_CARD,
  scheduleExamplesWorld,
} from "../helpers/scheduled-escrow.js";

const TOKEN = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/**
 * The schedule examples (examples/escrows/rate-card-escrow.json, cohort-bond-escrow.json) convert to
 * `ScheduledEscrowFactory.createEscrow` terms (`toScheduledTerms`), and the factory creates them: every slot their
 * points read passes the on-chain checks against a registry holding their missions' goals, and the escrow commits
 * to exactly the points the TypeScript mirror roots and proves.
 */
describe("scheduled escrow terms (formats/escrow-terms.ts toScheduledTerms)", function () {
  it("converts both schedule examples, which the scheduled escrow factory then creates", async function () {
    const { ethers } = await network.create();
    // Mission 3 (rate card): goal 0 a rising count, goal 1 a falling one; mission 4 (cohort bond): two falling goals.
    const { factory } = await scheduleExamplesWorld(ethers);

    for (const file of [RATE_CARD, COHORT_BOND]) {
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
    const created = await createExampleEscrow(ethers, RATE_CARD);
    const { factory, feed, terms, conn, escrow } = created;
    expect(await factory.isEscrow(escrow)).to.equal(true);
    expect(await factory.missionEscrows(3n, 0n, 10n)).to.deep.equal([escrow]);

    // escrow:settle --point: one line while funding is open or for a point that does not exist.
    expect(await failure(settleScheduledPoint(conn, escrow, 0))).to.match(/^--point: .*FundingOpen/);
    expect(await failure(settleScheduledPoint(conn, escrow, 2))).to.equal(
      "--point: the schedule has 2 points (0 to 1); got 2",
    );
    const e = await depositInto(ethers, created, 100_000n * E18);
    // Past cohort 1's cut-off: 20 children reading (20 × 1,200) and 2.0 years of special education avoided against
    // the control group's 40.0 (20 tenths × 0.1 × 2,500): 24,000 + 5,000.
    await pastPoint(ethers, terms, 0);
    await feed.setFinal(3n, 0, 1, 20n);
    await feed.setFinal(3n, 1, 1, 380n);
    expect(await settleScheduledPoint(conn, escrow, 0)).to.equal(29_000n * E18);
    expect(await failure(settleScheduledPoint(conn, escrow, 0))).to.match(/^--point: .*PointAlreadySettled/);
    expect(await e.claimable(terms.beneficiaries[0]!.account)).to.be.greaterThan(0n);
  });

  it("refuses a minimum funding (a scheduled escrow has none), naming the file and field", function () {
    const file = RATE_CARD;
    const parsed = { ...readEscrowTerms(file), minFunding: "1000" };
    expect(() => toScheduledTerms(parsed, 0n, 18, file, TOKEN))
      .to.throw(CliError)
      .with.property("message")
      .that.equals(`${file}: minFunding: a scheduled escrow has no minimum funding; write "0" (got "1000")`);
  });
});
