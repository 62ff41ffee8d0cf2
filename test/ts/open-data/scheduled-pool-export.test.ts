import { expect } from "chai";
import { readFileSync } from "node:fs";
import { network } from "hardhat";
import { getAddress, type Address } from "viem";
import { pointCall } from "../../../scripts/cli/actions/escrow-scheduled.js";
import { buildScheduledPoolTerms } from "../../../scripts/formats/pool-terms.js";
import { exportOpenData, type ExportResult } from "../../../scripts/open-data/index.js";
import { yearlyPoolWorld } from "../helpers/schedule-world.js";

const E18 = 10n ** 18n;
const FILE = "examples/pools/yearly-outcomes-pool.json";

/**
 * The open data of a pool paid by a payment schedule (issue #12): the yearly example (three yearly points, a 20 %
 * top-up tier 0 and the commissioner's tier 1), exported from events alone into the tables the scheduled escrows use.
 * Figures by hand:
 * - funds 120,000 (tier 0: 20,000; tier 1: 100,000); capital 100,000, nothing disbursed.
 * - Each year's pot: wMulDown(120,000e18, 0.333333333333333333) = 39,999.99999999999996 (wei 39999999999999999960000);
 *   years of 200, 400 and 100 people (of 400) pay 0.5, 1 and 0.25 of it: 19,999.99999999999998,
 *   39,999.99999999999996 and 9,999.99999999999999; 69,999.99999999999993 in all.
 * - Tier 0 pays 20 % of each (exact): 3,999.999999999999996, 7,999.999999999999992, 1,999.999999999999998 (Σ
 *   13,999.999999999999986); tier 1 the rest: 15,999.999999999999984, 31,999.999999999999968, 7,999.999999999999992.
 * - Refunds: tier 0's payer 20,000 − 13,999.999999999999986 = 6,000.000000000000014; tier 1's 100,000 −
 *   55,999.999999999999944 = 44,000.000000000000056. The investor redeems 100,000 + 69,999.99999999999993.
 */
describe("open data: a scheduled pool's rows (pools, the per-point tables, tier commitments, money tables)", function () {
  let result: ExportResult;
  let pool: Address;
  let investor: Address;
  let topUp: Address;
  let commissioner: Address;
  const point = [19_999_999999999999980000n, 39_999_999999999999960000n, 9_999_999999999999990000n];
  const tier0 = [3_999_999999999999996000n, 7_999_999999999999992000n, 1_999_999999999999998000n];
  const total = 69_999_999999999999930000n;

  before(async function () {
    const conn = await network.create();
    const { ethers, networkHelpers } = conn;
    const [, inv, a, b] = await ethers.getSigners();
    if (inv === undefined || a === undefined || b === undefined) throw new Error("no signers");
    const { feed, factory } = await yearlyPoolWorld(ethers);
    const usd = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
    const now = BigInt((await ethers.provider.getBlock("latest"))?.timestamp ?? 0);
    const raw: unknown = JSON.parse(readFileSync(FILE, "utf8"));
    const terms = buildScheduledPoolTerms(raw, { now, decimals: 18, token: await usd.getAddress() });
    await (await factory.createScheduledPool(terms)).wait();
    pool = getAddress(await factory.poolAt(0n));
    const p = await ethers.getContractAt("ImpactPool", pool);
    for (const [who, amount] of [
      [inv, 100_000n * E18],
      [a, 20_000n * E18],
      [b, 100_000n * E18],
    ] as const) {
      await usd.mint(who.address, amount);
      await usd.connect(who).approve(pool, amount);
    }
    await p.connect(inv).invest(100_000n * E18);
    await p.connect(a).commitTier(0n, 20_000n * E18);
    await p.connect(b).commitTier(1n, 100_000n * E18);
    investor = getAddress(inv.address);
    topUp = getAddress(a.address);
    commissioner = getAddress(b.address);
    await networkHelpers.time.increaseTo((await p.config()).raiseDeadline + 1n);
    for (const [period, value] of [200n, 400n, 100n].entries()) await feed.setFinal(5n, 0, period + 1, value);
    for (const i of [0, 1, 2]) {
      const { bytes, proof } = pointCall(terms.paymentSchedule.points, i);
      await p.settlePoint(i, bytes, proof);
    }
    await p.connect(inv).redeem(100_000n * E18);
    await p.connect(a).refund();
    await p.connect(b).refund();
    result = await exportOpenData(await conn.viem.getPublicClient(), {
      poolFactory: getAddress(await factory.getAddress()),
    });
  });

  it("has the pool's row: scheduled, its points and tiers, what they paid, the pots at ScheduleSettled", function () {
    expect(result.manifest.contracts.pools).to.deep.equal([pool]);
    const [row, ...more] = result.tables.pools;
    expect(more).to.deep.equal([]);
    expect(row).to.deep.include({
      pool,
      repaymentThresholdWad: null,
      outcomeCount: 0,
      scheduled: true,
      pointCount: 3,
      tierCount: 2,
      scheduleCap: null,
      phase: "Settled",
      totalInvested: 100_000n * E18,
      totalCommitted: 120_000n * E18,
      pointsSettled: 3,
      totalPaid: total,
      resolution: null,
      compositeWad: null,
      outcomePayment: total,
      investorPot: 100_000n * E18 + total,
      refundPot: 120_000n * E18 - total,
      totalRedeemed: 100_000n * E18 + total,
      totalRefunded: 120_000n * E18 - total,
      sharesOutstanding: 0n,
      balance: 0n,
    });
    expect(result.tables.pool_outcomes).to.deep.equal([]);
    expect(result.tables.pool_tranches.map((t) => t.pool)).to.deep.equal([pool]);
  });

  it("has its points, terms and tier payments in the per-point tables, contractKind pool", function () {
    const points = result.tables.schedule_points;
    expect(points.map((p) => [p.contract, p.contractKind, p.pointIndex, p.settled, p.amount, p.capHit])).to.deep.equal(
      point.map((amount, i) => [pool, "pool", i, true, amount, "None"]),
    );
    expect(result.tables.schedule_point_terms.map((t) => [t.contractKind, t.period, t.unitsWad, t.paid])).to.deep.equal(
      [
        ["pool", 1, E18 / 2n, point[0]],
        ["pool", 2, E18, point[1]],
        ["pool", 3, E18 / 4n, point[2]],
      ],
    );
    expect(result.tables.schedule_point_tiers.map((t) => [t.pointIndex, t.tier, t.coPayWad, t.paid])).to.deep.equal([
      [0, 0, E18 / 5n, tier0[0]],
      [0, 1, 0n, point[0]! - tier0[0]!],
      [1, 0, E18 / 5n, tier0[1]],
      [1, 1, 0n, point[1]! - tier0[1]!],
      [2, 0, E18 / 5n, tier0[2]],
      [2, 1, 0n, point[2]! - tier0[2]!],
    ]);
  });

  it("has each payer's commitment per tier, and its money in, out and settlement in the shared tables", function () {
    expect(
      result.tables.schedule_tier_deposits.map((d) => [d.contract, d.contractKind, d.funder, d.tier, d.deposited]),
    ).to.deep.equal([
      [pool, "pool", topUp, 0, 20_000n * E18],
      [pool, "pool", commissioner, 1, 100_000n * E18],
    ]);
    const money = (rows: readonly { contractKind: string; kind: string; account: string; amount: bigint }[]) =>
      rows.map((r) => [r.contractKind, r.kind, r.account, r.amount]);
    expect(money(result.tables.deposits)).to.deep.equal([
      ["pool", "invest", investor, 100_000n * E18],
      ["pool", "commit", topUp, 20_000n * E18],
      ["pool", "commit", commissioner, 100_000n * E18],
    ]);
    expect(money(result.tables.payouts)).to.deep.equal([
      ["pool", "redeem", investor, 100_000n * E18 + total],
      ["pool", "refund", topUp, 6_000_000000000000014000n],
      ["pool", "refund", commissioner, 44_000_000000000000056000n],
    ]);
    const [settled, ...others] = result.tables.settlements;
    expect(others).to.deep.equal([]);
    expect(settled).to.deep.include({
      contract: pool,
      contractKind: "pool",
      status: "Settled",
      reason: null,
      compositeWad: null,
      payoutPot: 100_000n * E18 + total,
      refundPot: 120_000n * E18 - total,
      multipleWad: null,
      outcomePayment: total,
    });
  });
});
