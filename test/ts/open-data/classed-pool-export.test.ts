import { expect } from "chai";
import { network } from "hardhat";
import { parseEther, zeroAddress } from "viem";
import { exportOpenData, type ExportResult } from "../../../scripts/open-data/index.js";
import { classedPools, type ClassedPools } from "../helpers/classed-pool-fixture.js";

const WAD = 10n ** 18n;

/**
 * The open data of classed impact pools (issue #13): the four pools of test/ts/helpers/classed-pool-fixture.ts, exported from
 * events alone. Figures by hand (docs/capital-structure.md's worked example; amounts in whole units):
 * - Each point pays a third of the 120,000 fund at full achievement, rounded down: 39,999.
 * - **full**: bands senior principal [0, 75,000), senior return [75,000, 90,000), junior principal [90,000, 115,000),
 *   junior return [115,000, 117,500). P 0 → 39,999: senior 39,999. 39,999 → 79,998: senior 35,001 principal + 4,998
 *   return − 499 cut (10 %, rounded down) = 39,500. 79,998 → 119,997: senior return 10,002 − 1,001 cut = 9,001; junior
 *   25,000 + 2,500 − 250 = 27,250; cut 1,251 (cumulative 1,750 − 499); capped back 119,997 − 117,500 = 2,497.
 *   Senior 88,500, junior 27,250; the guarantee is not called (56,250 back). Claims: bank 1 after point 0 45/75 of
 *   39,999 = 23,999.4 → 23,999; it then sends 15,000 shares to the holder. Bank 2 after point 1: 30/75 of 79,499 =
 *   31,799.6 → 31,799. After point 2 bank 1: 23,999.4 + 30/75 of 48,501 (19,400.4) − 23,999 = 19,400.8 → 19,400;
 *   bank 2: 30/75 of 88,500 = 35,400 − 31,799 = 3,601, 1 wei short through the accumulator → 3,600; the holder
 *   15/75 of 48,501 = 9,700.2 → 9,700. Claimed 88,498 (2 wei of dust); the junior 27,250 is unclaimed.
 *   Balance: in 100,000 + 56,250 + 120,000; out 100,000 disbursed + 88,498 claimed + 1,750 incentive + 56,250
 *   guarantee back = 29,752 (27,250 junior + 2 dust + the payer's 2,500 refund pot).
 * - **partial**: P = 39,999, all senior principal; the guarantee covers 75,000 − 39,999 = 35,001 and returns
 *   56,250 − 35,001 = 21,249; the senior class has 75,000 distributed (0.999986… then exactly 1 per share: the
 *   accumulator (39,999 << 64) / 75,000 + (35,001 << 64) / 75,000), nothing claimed. Its junior class has a 1 % rate
 *   cap over the term: 1e18 + 1e16 × term / 365 days, tighter than 1.1×. Balance 276,250 − 100,000 − 21,249 =
 *   155,001 (75,000 senior + 80,001 refund pot).
 * - **undrawn** and **failed**: see the fixture; figures at each assertion.
 */
describe("open data: classed pools (pool_classes, pool_class_points, pool_guarantees, pool_class_transfers, money rows)", function () {
  this.timeout(300_000);
  let f: ClassedPools;
  let result: ExportResult;

  before(async function () {
    const conn = await network.create();
    f = await classedPools(conn);
    result = await exportOpenData(await conn.viem.getPublicClient(), { poolFactory: f.factory });
  });

  it("follows the class share tokens from CapitalStructureCreated (zero addresses past the class count left out)", function () {
    const pools = [f.full, f.partial, f.undrawn, f.failed];
    expect(result.manifest.contracts.pools).to.deep.equal(pools.map((p) => p.pool));
    expect(result.manifest.contracts.poolClasses).to.deep.equal(pools.flatMap((p) => [p.senior, p.junior]));
    expect(result.manifest.contracts.poolClasses).to.not.include(zeroAddress);
  });

  it("has each class with its terms, cap and totals to the wei", function () {
    const row = (p: ClassedPools["full"], classIndex: number) =>
      result.tables.pool_classes.find((c) => c.pool === p.pool && c.classIndex === classIndex);
    const common = { provider: f.people.service, providerBps: 1_000, raised: 0n, withdrawn: 0n, undrawnReturned: 0n };
    const senior = { name: "Senior", symbol: "SNR", seniority: 0, target: 75_000n, maxMultipleWad: parseEther("1.2") };
    const junior = { name: "Junior", symbol: "JNR", seniority: 1, target: 25_000n, maxMultipleWad: parseEther("1.1") };
    expect(result.tables.pool_classes).to.have.length(8);
    expect(row(f.full, 0)).to.deep.include({
      ...common,
      ...senior,
      token: f.full.senior,
      maxRateWad: 0n,
      capWad: parseEther("1.2"),
      cap: 90_000n,
      raised: 75_000n,
      paid: 88_500n,
      guaranteeReceived: 0n,
      distributed: 88_500n,
      perShareX64: (39_999n << 64n) / 75_000n + (39_500n << 64n) / 75_000n + (9_001n << 64n) / 75_000n,
      claimed: 88_498n,
    });
    expect(row(f.full, 1)).to.deep.include({
      ...common,
      ...junior,
      token: f.full.junior,
      maxRateWad: 0n,
      capWad: parseEther("1.1"),
      cap: 27_500n,
      raised: 25_000n,
      paid: 27_250n,
      distributed: 27_250n,
      perShareX64: (27_250n << 64n) / 25_000n,
      claimed: 0n,
    });
    expect(row(f.partial, 0)).to.deep.include({
      ...common,
      ...senior,
      raised: 75_000n,
      paid: 39_999n,
      guaranteeReceived: 35_001n,
      distributed: 75_000n,
      perShareX64: (39_999n << 64n) / 75_000n + (35_001n << 64n) / 75_000n,
      claimed: 0n,
    });
    const term = f.partial.settlementDeadline - f.partial.raiseDeadline;
    const rateCap = WAD + (parseEther("0.01") * term) / (365n * 86_400n);
    expect(rateCap < parseEther("1.1")).to.equal(true);
    expect(row(f.partial, 1)).to.deep.include({
      ...common,
      ...junior,
      maxRateWad: parseEther("0.01"),
      capWad: rateCap,
      cap: 25_000n + (25_000n * (rateCap - WAD)) / WAD,
      raised: 25_000n,
      paid: 0n,
      distributed: 0n,
      perShareX64: 0n,
    });
    // Undrawn: the last point's distribution adds the undrawn capital (one ClassDistributed of 9,001 + 75,000).
    expect(row(f.undrawn, 0)).to.deep.include({
      ...common,
      ...senior,
      raised: 75_000n,
      paid: 88_500n,
      undrawnReturned: 75_000n,
      guaranteeReceived: 0n,
      distributed: 163_500n,
      perShareX64: (39_999n << 64n) / 75_000n + (39_500n << 64n) / 75_000n + (84_001n << 64n) / 75_000n,
      claimed: 0n,
    });
    expect(row(f.undrawn, 1)).to.deep.include({
      ...common,
      ...junior,
      raised: 25_000n,
      paid: 27_250n,
      undrawnReturned: 25_000n,
      distributed: 52_250n,
      perShareX64: (52_250n << 64n) / 25_000n,
    });
    // Failed: bank 1's 45,000 in, and out again through the class token.
    expect(row(f.failed, 0)).to.deep.include({
      ...common,
      ...senior,
      raised: 45_000n,
      withdrawn: 45_000n,
      distributed: 0n,
    });
    expect(row(f.failed, 1)).to.deep.include({ ...common, ...junior, raised: 0n, withdrawn: 0n });
  });

  it("has what each point paid each class, the point's provider cut and capped-back, the guarantee at the last", function () {
    const points = (pool: string) =>
      result.tables.pool_class_points
        .filter((r) => r.pool === pool)
        .map((r) => [
          r.pointIndex,
          r.classIndex,
          r.paid,
          r.undrawnReturned,
          r.guaranteeCalled,
          r.pointProviderCut,
          r.pointCappedBack,
        ]);
    expect(points(f.full.pool)).to.deep.equal([
      [0, 0, 39_999n, 0n, 0n, 0n, 0n],
      [0, 1, 0n, 0n, 0n, 0n, 0n],
      [1, 0, 39_500n, 0n, 0n, 499n, 0n],
      [1, 1, 0n, 0n, 0n, 499n, 0n],
      [2, 0, 9_001n, 0n, 0n, 1_251n, 2_497n],
      [2, 1, 27_250n, 0n, 0n, 1_251n, 2_497n],
    ]);
    expect(points(f.partial.pool)).to.deep.equal([
      [0, 0, 39_999n, 0n, 0n, 0n, 0n],
      [0, 1, 0n, 0n, 0n, 0n, 0n],
      [1, 0, 0n, 0n, 0n, 0n, 0n],
      [1, 1, 0n, 0n, 0n, 0n, 0n],
      [2, 0, 0n, 0n, 35_001n, 0n, 0n],
      [2, 1, 0n, 0n, 0n, 0n, 0n],
    ]);
    expect(points(f.undrawn.pool)).to.deep.equal([
      [0, 0, 39_999n, 0n, 0n, 0n, 0n],
      [0, 1, 0n, 0n, 0n, 0n, 0n],
      [1, 0, 39_500n, 0n, 0n, 499n, 0n],
      [1, 1, 0n, 0n, 0n, 499n, 0n],
      [2, 0, 9_001n, 75_000n, 0n, 1_251n, 2_497n],
      [2, 1, 27_250n, 25_000n, 0n, 1_251n, 2_497n],
    ]);
    expect(points(f.failed.pool)).to.deep.equal([]);
  });

  it("has each guarantee: posted, called for the senior shortfall, the rest returned", function () {
    const g = { guarantor: f.people.philanthropy, guarantee: 56_250n, committed: 56_250n };
    const [full, partial, undrawn, failed, ...more] = result.tables.pool_guarantees;
    expect(more).to.deep.equal([]);
    expect(full).to.deep.include({ ...g, pool: f.full.pool, called: 0n, returned: 56_250n });
    expect(partial).to.deep.include({ ...g, pool: f.partial.pool, called: 35_001n, returned: 21_249n });
    // The undrawn capital made the senior principal whole: called for 0.
    expect(undrawn).to.deep.include({ ...g, pool: f.undrawn.pool, called: 0n, returned: 56_250n });
    expect(typeof full?.committedBlock).to.equal("bigint");
    // Never posted (the raise failed): it covers nothing.
    expect(failed).to.deep.equal({
      pool: f.failed.pool,
      guarantor: f.people.philanthropy,
      guarantee: 56_250n,
      committed: 0n,
      committedBlock: null,
      called: 0n,
      returned: 0n,
    });
  });

  it("has every class share transfer: the mints, and the transfers between distributions", function () {
    const rows = result.tables.pool_class_transfers.map((t) => [
      t.pool,
      t.classIndex,
      t.token,
      t.kind,
      t.from,
      t.to,
      t.shares,
    ]);
    const { bank1, bank2, foundation, holder } = f.people;
    expect(rows).to.deep.equal([
      [f.full.pool, 0, f.full.senior, "mint", zeroAddress, bank1, 45_000n],
      [f.full.pool, 0, f.full.senior, "mint", zeroAddress, bank2, 30_000n],
      [f.full.pool, 1, f.full.junior, "mint", zeroAddress, foundation, 25_000n],
      [f.partial.pool, 0, f.partial.senior, "mint", zeroAddress, bank1, 45_000n],
      [f.partial.pool, 0, f.partial.senior, "mint", zeroAddress, bank2, 30_000n],
      [f.partial.pool, 1, f.partial.junior, "mint", zeroAddress, foundation, 25_000n],
      [f.undrawn.pool, 0, f.undrawn.senior, "mint", zeroAddress, bank1, 45_000n],
      [f.undrawn.pool, 0, f.undrawn.senior, "mint", zeroAddress, bank2, 30_000n],
      [f.undrawn.pool, 1, f.undrawn.junior, "mint", zeroAddress, foundation, 25_000n],
      [f.failed.pool, 0, f.failed.senior, "mint", zeroAddress, bank1, 45_000n],
      [f.failed.pool, 0, f.failed.senior, "burn", bank1, zeroAddress, 45_000n],
      [f.full.pool, 0, f.full.senior, "transfer", bank1, holder, 15_000n],
      [f.partial.pool, 0, f.partial.senior, "transfer", bank2, holder, 10_000n],
    ]);
  });

  it("has the pools' money in and out (investments, guarantee, claims, incentives, guarantee back) and balances", function () {
    const { bank1, bank2, foundation, philanthropy, commissioner, service, holder } = f.people;
    const money = (
      rows: readonly { contract: string; kind: string; account: string; amount: bigint }[],
      pool: string,
    ) => rows.filter((r) => r.contract === pool).map((r) => [r.kind, r.account, r.amount]);
    const ins = [
      ["invest", bank1, 45_000n],
      ["invest", bank2, 30_000n],
      ["invest", foundation, 25_000n],
      ["guarantee", philanthropy, 56_250n],
      ["commit", commissioner, 120_000n],
    ];
    expect(money(result.tables.deposits, f.full.pool)).to.deep.equal(ins);
    expect(money(result.tables.deposits, f.partial.pool)).to.deep.equal(ins);
    expect(money(result.tables.deposits, f.undrawn.pool)).to.deep.equal(ins);
    expect(money(result.tables.deposits, f.failed.pool)).to.deep.equal([["invest", bank1, 45_000n]]);
    // The example's tranche provider is the commissioner's address in examples/pools/yearly-outcomes-pool.json.
    expect(money(result.tables.payouts, f.full.pool)).to.deep.equal([
      ["disburse", commissioner, 100_000n],
      ["claim", bank1, 23_999n],
      ["incentive", service, 499n],
      ["claim", bank2, 31_799n],
      ["incentive", service, 1_251n],
      ["guarantee", philanthropy, 56_250n],
      ["claim", bank1, 19_400n],
      ["claim", bank2, 3_600n],
      ["claim", holder, 9_700n],
    ]);
    expect(money(result.tables.payouts, f.partial.pool)).to.deep.equal([
      ["disburse", commissioner, 100_000n],
      ["guarantee", philanthropy, 21_249n],
    ]);
    expect(money(result.tables.payouts, f.undrawn.pool)).to.deep.equal([
      ["incentive", service, 499n],
      ["incentive", service, 1_251n],
      ["guarantee", philanthropy, 56_250n],
    ]);
    expect(money(result.tables.payouts, f.failed.pool)).to.deep.equal([["withdraw", bank1, 45_000n]]);
    const withdrawal = result.tables.payouts.find((r) => r.contract === f.failed.pool);
    expect(withdrawal?.shares).to.equal(45_000n);
    const pool = (address: string) => result.tables.pools.find((p) => p.pool === address);
    const settled = { phase: "Settled", totalInvested: 100_000n, totalCommitted: 120_000n, investorPot: 0n };
    expect(pool(f.full.pool)).to.deep.include({
      ...settled,
      totalPaid: 119_997n,
      refundPot: 2_500n,
      balance: 29_752n,
    });
    expect(pool(f.partial.pool)).to.deep.include({
      ...settled,
      totalPaid: 39_999n,
      refundPot: 80_001n,
      balance: 155_001n,
    });
    // Undrawn: in 276,250; out 1,750 incentives + 56,250 guarantee back = 218,250 (163,500 senior + 52,250 junior
    // unclaimed + the 2,500 refund pot).
    expect(pool(f.undrawn.pool)).to.deep.include({
      ...settled,
      totalDisbursed: 0n,
      refundPot: 2_500n,
      balance: 218_250n,
    });
    // Failed: the phase of its last event (RaiseFailed on chain is a matter of time, no event).
    expect(pool(f.failed.pool)).to.deep.include({
      phase: "Raising",
      totalInvested: 45_000n,
      totalWithdrawn: 45_000n,
      sharesOutstanding: 0n,
      balance: 0n,
    });
  });
});
