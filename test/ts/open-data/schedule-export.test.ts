import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { getAddress, type Address } from "viem";
import { createScheduledEscrow, settleScheduledPoint } from "../../../scripts/cli/actions/escrow-scheduled-send.js";
import { toScheduledTerms } from "../../../scripts/formats/escrow-terms.js";
import { readEscrowTerms } from "../../../scripts/formats/escrow-terms-file.js";
import { exportOpenData, writeOpenData, type ExportResult } from "../../../scripts/open-data/index.js";
import { exampleScheduleWorld } from "../helpers/schedule-world.js";

const E18 = 10n ** 18n;
const FILE = "examples/escrows/cohort-bond-escrow.json";

/**
 * The open data of a scheduled escrow (issue #12): the cohort bond example (curves on a pot, an OR trigger, a
 * cumulative catch-up) with two funders in its one tier, exported from events alone. Figures by hand:
 * - funds 100,000 (A 60,000 + B 40,000).
 * - Point 0 (cohort 1, pot 40 %): 600 → 510 of the 120 to the target 480 = achievement 0.75; 40,000 × 0.75 = 30,000.
 * - Point 1 (cohort 2): 560 fails its trigger (≤ 540): pays 0, terms not evaluated.
 * - Point 2 (catch-up, pot 80 % = 80,000, cumulative, OR: cohort 1 ≤ 540 holds at 510 though both together, 570,
 *   miss 555): cohort 1 half → 80,000 × 0.5 × 0.75 = 30,000; cohort 2 half → achievement 40 / 120 rounded down to
 *   0.333333333333333333, 80,000e18 × 0.5 × that = 13,333.33333333333332 (wei: 13333333333333333320000);
 *   entitlement 43,333.33333333333332 less the 30,000 paid before = 13,333.33333333333332.
 * - Paid in all 43,333.33333333333332; the tier keeps 56,666.66666666666668 unused: A is refunded 60 % of it,
 *   34,000.000000000000008, B 40 %, 22,666.666666666666672 (no dust: both exact).
 */
describe("open data: a scheduled escrow's tables (scheduled_escrows and the per-point tables)", function () {
  let result: ExportResult;
  let escrow: Address;
  let funderA: Address;
  let funderB: Address;
  let beneficiary: Address;
  let token: Address;

  before(async function () {
    const conn = await network.create();
    const { ethers } = conn;
    const [signer, a, b] = await ethers.getSigners();
    if (signer === undefined || a === undefined || b === undefined) throw new Error("no signers");
    const { feed, factory } = await exampleScheduleWorld(ethers);
    const usd = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
    token = getAddress(await usd.getAddress());
    const terms = toScheduledTerms(readEscrowTerms(FILE), 0n, 18, FILE, token);
    beneficiary = getAddress(terms.beneficiaries[0]!.account);
    const chainId = (await ethers.provider.getNetwork()).chainId;
    escrow = getAddress(await createScheduledEscrow({ signer, chainId }, terms, await factory.getAddress()));
    const e = await ethers.getContractAt("ScheduledEscrow", escrow);
    for (const [who, amount] of [
      [a, 60_000n * E18],
      [b, 40_000n * E18],
    ] as const) {
      await usd.mint(who.address, amount);
      await usd.connect(who).approve(escrow, amount);
      await e.connect(who).deposit(0n, amount);
    }
    [funderA, funderB] = [getAddress(a.address), getAddress(b.address)];
    const last = terms.paymentSchedule.points[2]!.deadline;
    await ethers.provider.send("evm_setNextBlockTimestamp", [Number(last) + 31 * 86_400]);
    await ethers.provider.send("evm_mine", []);
    await feed.setFinal(4n, 0, 1, 510n);
    await feed.setFinal(4n, 0, 2, 560n);
    await feed.setFinal(4n, 1, 1, 570n);
    const conn2 = { signer, chainId };
    for (const point of [0, 1, 2]) await settleScheduledPoint(conn2, escrow, point);
    const holder = await ethers.getSigner(beneficiary);
    await e.connect(holder).claim();
    await e.connect(a).refund();
    await e.connect(b).refund();
    result = await exportOpenData(await conn.viem.getPublicClient(), {
      scheduledEscrowFactory: getAddress(await factory.getAddress()),
    });
  });

  it("has the escrow's row with its running totals, to the wei", function () {
    expect(result.manifest.contracts.scheduledEscrows).to.deep.equal([escrow]);
    const [row, ...more] = result.tables.scheduled_escrows;
    expect(more).to.deep.equal([]);
    expect(row).to.deep.include({
      escrow,
      missionId: 4n,
      index: 0n,
      token,
      goalVersion: 1,
      fundingDeadline: 1_909_094_399n, // 2030-06-30T23:59:59Z
      gracePeriod: 30 * 86_400,
      pointCount: 3,
      tierCount: 1,
      cap: null, // none
      beneficiaryCount: 1,
      depositCount: 2,
      totalDeposited: 100_000n * E18,
      pointsSettled: 3,
      totalPaid: 43_333_333333333333320000n,
      totalClaimed: 43_333_333333333333320000n,
      totalRefunded: 56_666_666666666666680000n,
      balance: 0n,
    });
  });

  it("has one row per point: settled, trigger, amount and cap hit, with the PointSettled event columns", function () {
    const points = result.tables.schedule_points;
    expect(
      points.map((p) => [p.pointIndex, p.cumulative, p.potWad, p.triggerAny, p.conditionCount, p.termCount]),
    ).to.deep.equal([
      [0, false, 4n * 10n ** 17n, false, 1, 1],
      [1, false, 4n * 10n ** 17n, false, 1, 1],
      [2, true, 8n * 10n ** 17n, true, 2, 2],
    ]);
    expect(points.map((p) => [p.settled, p.resolution, p.triggerHeld, p.amount, p.capHit])).to.deep.equal([
      [true, "Achieved", true, 30_000n * E18, "None"],
      [true, "Achieved", false, 0n, "None"],
      [true, "Achieved", true, 13_333_333333333333320000n, "None"],
    ]);
    for (const p of points) {
      expect(p.contract).to.equal(escrow);
      expect(p.contractKind).to.equal("scheduledEscrow");
      expect(p.cap).to.equal(null);
      expect(p.blockNumber).to.be.a("bigint");
      expect(p.txHash).to.match(/^0x[0-9a-f]{64}$/);
    }
    expect(points[0]!.deadline).to.equal(1_956_441_600n); // 2031-12-31T00:00:00Z
  });

  it("has one row per term: its slot and curve, and PointSettled's figures (none when the trigger failed)", function () {
    const terms = result.tables.schedule_point_terms;
    expect(
      terms.map((t) => [t.pointIndex, t.termIndex, t.goalId, t.period, t.kind, t.curveKind, t.weightWad]),
    ).to.deep.equal([
      [0, 0, 0, 1, "curve", "linear", E18],
      [1, 0, 0, 2, "curve", "linear", E18],
      [2, 0, 0, 1, "curve", "linear", E18 / 2n],
      [2, 1, 0, 2, "curve", "linear", E18 / 2n],
    ]);
    expect(terms.map((t) => [t.unitsWad, t.raw, t.paid, t.capHit])).to.deep.equal([
      [75n * 10n ** 16n, 30_000n * E18, 30_000n * E18, "None"],
      [null, null, null, null], // cohort 2 missed its trigger: its terms were not evaluated
      [75n * 10n ** 16n, 30_000n * E18, 30_000n * E18, "None"],
      [333333333333333333n, 13_333_333333333333320000n, 13_333_333333333333320000n, "None"],
    ]);
    for (const t of terms) {
      expect([t.baseline, t.target, t.lowerIsBetter, t.ceilingWad, t.source, t.price, t.capPerPoint]).to.deep.equal([
        600n,
        480n,
        true,
        E18,
        null,
        null,
        null,
      ]);
    }
  });

  it("has what each payer tier paid of each point, and each funder's deposits per tier", function () {
    expect(result.tables.schedule_point_tiers.map((t) => [t.pointIndex, t.tier, t.coPayWad, t.paid])).to.deep.equal([
      [0, 0, 0n, 30_000n * E18],
      [1, 0, 0n, 0n],
      [2, 0, 0n, 13_333_333333333333320000n],
    ]);
    expect(
      result.tables.schedule_tier_deposits.map((d) => [d.contract, d.funder, d.tier, d.depositCount, d.deposited]),
    ).to.deep.equal([
      [escrow, funderA, 0, 1, 60_000n * E18],
      [escrow, funderB, 0, 1, 40_000n * E18],
    ]);
  });

  it("puts its deposits, claim and refunds in the shared money tables, its beneficiary in escrow_beneficiaries", function () {
    const money = (rows: readonly { contract: string; contractKind: string; kind: string; amount: bigint }[]) =>
      rows.map((r) => [r.contract, r.contractKind, r.kind, r.amount]);
    expect(money(result.tables.deposits)).to.deep.equal([
      [escrow, "scheduledEscrow", "deposit", 60_000n * E18],
      [escrow, "scheduledEscrow", "deposit", 40_000n * E18],
    ]);
    expect(money(result.tables.payouts)).to.deep.equal([
      [escrow, "scheduledEscrow", "claim", 43_333_333333333333320000n],
      [escrow, "scheduledEscrow", "refund", 34_000_000000000000008000n],
      [escrow, "scheduledEscrow", "refund", 22_666_666666666666672000n],
    ]);
    expect(result.tables.payouts.map((p) => p.account)).to.deep.equal([beneficiary, funderA, funderB]);
    expect(result.tables.escrow_beneficiaries).to.deep.equal([{ escrow, account: beneficiary, weight: 1n }]);
    expect(result.tables.settlements).to.deep.equal([]); // a schedule settles point by point: schedule_points
  });

  it("writes whole-token columns from the escrow's token (empty for a cap that is none)", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "schedule-export-"));
    try {
      writeOpenData(dir, result);
      const points = readFileSync(path.join(dir, "schedule_points.csv"), "utf8").split("\n");
      expect(points[0]).to.match(/^contract,contractKind,pointIndex,deadline,deadline_iso,cumulative,/);
      // point 2: cap none (empty cells), amount 13,333.33333333333332 in whole tokens
      expect(points[3]).to.include(",true,8" + "0".repeat(17) + ",,,true,2,2,true,Achieved,true,");
      expect(points[3]).to.include(",13333333333333333320000,13333.33333333333332,None,");
      const tiers = readFileSync(path.join(dir, "schedule_tier_deposits.csv"), "utf8");
      expect(tiers).to.include(`${escrow},scheduledEscrow,${funderA},0,1,60000${"0".repeat(18)},60000\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
