import { expect } from "chai";
import hre from "hardhat";
import { restoreChainAfterEach, runTask, taskFailure } from "../helpers/run-task.js";
import { yearlyPoolWorld } from "../helpers/schedule-world.js";

const FILE = "examples/pools/yearly-outcomes-pool.json";
const E18 = 10n ** 18n;

describe("pool tasks on a pool paid by a payment schedule (issue #12)", function () {
  // The example's dates are absolute (2031–2033) and the tasks run on the shared in-process network: the test leaves
  // the clock, and everything else, as it found it.
  restoreChainAfterEach();

  it("creates the yearly example, commits per tier, settles each point, shows it, and refuses bad input in one line", async function () {
    const { ethers, networkHelpers } = await hre.network.getOrCreate();
    const [, investor, topUp, commissioner] = await ethers.getSigners();
    if (investor === undefined || topUp === undefined || commissioner === undefined) throw new Error("no signers");
    const world = await yearlyPoolWorld(ethers);
    const feed = world.feed;
    const factory = await world.factory.getAddress();
    const tokenContract = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
    const token = await tokenContract.getAddress();
    for (const s of [investor, topUp, commissioner]) await (await tokenContract.mint(s.address, 200_000n * E18)).wait();

    const created = await runTask("pool:create", { file: FILE, token, factory });
    expect(created.result.success, created.err).to.equal(true);
    const pool =
      /pool created: (0x[0-9a-fA-F]{40}) \(Independent Living Pool, LIVE-IP; paid by a payment schedule\)/.exec(
        created.out,
      )?.[1];
    if (pool === undefined) throw new Error(`no pool in: ${created.out}`);

    const from = (i: number) => String(i);
    expect((await runTask("pool:invest", { pool, amount: "100000", from: from(1) })).result.success).to.equal(true);
    expect(await taskFailure("pool:commit", { pool, amount: "1", tier: "2", from: from(2) })).to.equal(
      "--tier: the schedule has 2 payer tiers (0 to 1); got 2",
    );
    expect(await taskFailure("pool:commit", { pool, amount: "1", from: from(2) })).to.equal(
      "--tier: required for a pool paid by a payment schedule (pool:show lists its tiers)",
    );
    expect(await taskFailure("pool:settle", { pool })).to.equal(
      "--point: required for a pool paid by a payment schedule (pool:show lists its points)",
    );
    const topUpRun = await runTask("pool:commit", { pool, amount: "20000", tier: "0", from: from(2) });
    expect(topUpRun.out).to.match(/^committed 20000 USD to payer tier 0 of the outcome fund \(tx 0x/);
    expect(
      (await runTask("pool:commit", { pool, amount: "100000", tier: "1", from: from(3) })).result.success,
    ).to.equal(true);
    // Commitments are frozen only at the raise deadline: no point settles before.
    expect(await taskFailure("pool:settle", { pool, point: "0" })).to.match(/^--point: .*raise deadline|^--point: /);
    const c = await ethers.getContractAt("ImpactPool", pool);
    await networkHelpers.time.increaseTo((await c.config()).raiseDeadline + 1n);
    expect(await taskFailure("pool:settle", { pool, point: "0" })).to.match(/^--point: .*point 0.*(pending|change)/i);
    expect(await taskFailure("pool:settle", { pool, point: "3" })).to.equal(
      "--point: the schedule has 3 points (0 to 2); got 3",
    );
    await (await feed.setFinal(5n, 0, 1, 200n)).wait();
    await (await feed.setFinal(5n, 0, 2, 400n)).wait();
    await (await feed.setFinal(5n, 0, 3, 100n)).wait();

    // Funds 120,000: each year's pot is wMulDown(120,000e18, 0.333333333333333333) = 39,999.99999999999996 USD.
    const year1 = await runTask("pool:settle", { pool, point: "0" });
    expect(year1.out).to.match(/^point 0 settled: paid 19999\.99999999999998 USD to the investors' pot \(tx 0x/);
    const shown = await runTask("pool:show", { pool, account: topUp.address });
    expect(shown.result.success, shown.err).to.equal(true);
    expect(shown.out).to.include("(paid by a payment schedule: 3 points)");
    expect(shown.out).to.include("tier 0 co-pay 20 %: committed 20000 USD, paid 3999.999999999999996 USD");
    expect(shown.out).to.include("  point 0     deadline 2031-03-31T00:00:00Z");
    expect(shown.out).to.include("payment   settled Achieved: paid 19999.99999999999998 USD");
    expect(shown.out).to.include("payment   preview now (Achieved): would pay 39999.99999999999996 USD");
    expect(shown.out).to.include("commitments tier 0 20000 USD, tier 1 0 USD (refundable now 0 USD)");
    expect((await runTask("pool:settle", { pool, point: "1" })).result.success).to.equal(true);
    const last = await runTask("pool:settle", { pool, point: "2" });
    // Nothing was disbursed: the investors' pot is their 100,000 plus what the points paid; the payers get the rest.
    expect(last.out.split("\n")[1]).to.equal(
      "the last point settled the pool: the points paid 69999.99999999999993 USD; investor pot 169999.99999999999993 USD, refund pot 50000.00000000000007 USD",
    );
    expect(await c.phase()).to.equal(3n); // Settled: redeem and refund are open
  });
});
