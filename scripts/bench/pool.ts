import { network } from "hardhat";
import { Wallet, parseEther } from "ethers";
import { gasOf, type BenchModule, type GasRecord } from "./lib.js";
import { pointBytes, pointProof } from "../outcomes/schedule-root.js";
import { NO_CAP } from "../formats/schedule-structs.js";
import { curveOf } from "../formats/outcome-terms.js";
import { encodeBasket, encodeSchedule } from "../formats/pool-terms.js";
import { deployPoolFactory } from "../core/pool-factory.js";
import { benchClassedPool } from "./pool-classes.js";
import { benchPoint, scheduledPoolWorld } from "./scheduled-world.js";

const DAY = 86_400n;
const linear = (baseline: bigint, target: bigint) => curveOf({ kind: "linear", baseline: `${baseline}`, target: `${target}` });

/**
 * Impact pools: create (four-term basket over two missions, three providers: the factory's first pool and the first
 * on each mission; `.sameMissions` a later pool on the same missions, whose listings already exist), invest (a new investor, not the
 * first), commit (a payer), disburse (first tranche), settle (four terms final), redeem, and redeem in a pool whose
 * shares are spread over 1,000 holders (same conditions as `pool.redeem`: not the last redeemer, a holder who already
 * holds some of the token).
 */
export const benchPool: BenchModule = async () => {
  const { ethers, networkHelpers } = await network.create();
  const [deployer, alice, bob, payer, provider1, provider2, provider3] = await ethers.getSigners();
  if (deployer === undefined || alice === undefined || bob === undefined || payer === undefined) {
    throw new Error("bench needs 7 signers");
  }
  const providers = [provider1, provider2, provider3].map((s) => {
    if (s === undefined) throw new Error("bench needs 7 signers");
    return s.address;
  });
  const feed = await ethers.deployContract("MockMetricFeed");
  const token = await ethers.deployContract("MockPlainPoolToken");
  const now = BigInt(await networkHelpers.time.latest());
  // The factory checks the basket against the registry: missions 1 and 2 Active, goals with the curves' directions.
  const registry = await ethers.deployContract("MockRegistryForEscrow");
  const goals: [bigint, number, bigint, bigint][] = [
    [1n, 0, 120n, 80n],
    [1n, 1, 40n, 90n],
    [2n, 0, 30n, 70n],
    [2n, 1, 0n, 200n],
  ];
  for (const missionId of [1n, 2n]) await (await registry.setMission(missionId, 2)).wait();
  for (const [missionId, goalId, baseline, target] of goals) {
    const goal = {
      baseline,
      target,
      firstPeriodEnd: now + 365n * DAY,
      periodLength: 365n * DAY,
      periodCount: 1,
      reportingWindow: 30n * DAY,
      decimals: 0,
      version: 1,
    };
    await (await registry.setGoal(missionId, goalId, goal)).wait();
  }
  const factory = await deployPoolFactory(ethers, await registry.getAddress(), await feed.getAddress());

  const target = parseEther("1000000");
  const terms = {
    name: "Education Impact Pool",
    symbol: "EDU-IP",
    token: await token.getAddress(),
    capitalTarget: target,
    raiseDeadline: now + 30n * DAY,
    fundCap: parseEther("1200000"),
    settlementDeadline: now + 400n * DAY,
    gracePeriod: 30n * DAY,
    repayment: { thresholdWad: parseEther("0.3"), principalAtWad: parseEther("0.6"), maxReturnWad: parseEther("0.2") },
    schedule: {
      providers,
      tranches: [0, 1, 2].map((i) => ({
        provider: i,
        dueAt: now + BigInt(30 + 30 * i) * DAY,
        shareBps: 3000,
        hasMilestone: false,
        missionId: 0n,
        goalId: 0,
        period: 0,
        minValue: 0n,
      })),
    },
    basket: [
      { missionId: 1n, goalId: 0, period: 1, weightWad: parseEther("0.3"), curve: linear(120n, 80n) },
      { missionId: 1n, goalId: 1, period: 1, weightWad: parseEther("0.2"), curve: linear(40n, 90n) },
      { missionId: 2n, goalId: 0, period: 1, weightWad: parseEther("0.3"), curve: linear(30n, 70n) },
      { missionId: 2n, goalId: 1, period: 1, weightWad: parseEther("0.2"), curve: linear(0n, 200n) },
    ],
  };
  const gas: Record<string, number> = {};

  const create = async () => {
    const tx = await factory.createPool(terms);
    const used = await gasOf(tx);
    const count = await factory.poolCount();
    return { used, pool: await ethers.getContractAt("ImpactPool", await factory.poolAt(count - 1n)) };
  };
  const created = await create();
  gas["pool.create"] = created.used;
  const pool = created.pool;
  const poolAddress = await pool.getAddress();

  for (const s of [alice, bob, payer, deployer]) {
    await (await token.mint(s.address, parseEther("5000000"))).wait();
    await (await token.connect(s).approve(poolAddress, parseEther("5000000"))).wait();
  }
  // `pool.invest` / `pool.commit`: the usual dApp flow, approving exactly the amount (as the escrow bench and its
  // Conditional Tokens peer do; clearing the allowance earns a storage refund). The `.standingAllowance` variants
  // measure the same call from an account that keeps a larger allowance; `.firstInvestor` is the pool's very first
  // investment (cold supply and balance slots, standing allowance).
  await (await token.connect(bob).approve(poolAddress, parseEther("400000"))).wait();
  await (await token.connect(payer).approve(poolAddress, parseEther("800000"))).wait();
  // Each provider already holds some of the token (an organisation with a balance), like any later tranche.
  for (const p of providers) await (await token.mint(p, 1n)).wait();

  gas["pool.invest.firstInvestor"] = await gasOf(pool.connect(alice).invest(parseEther("600000")));
  gas["pool.invest"] = await gasOf(pool.connect(bob).invest(parseEther("400000")));
  gas["pool.commit.standingAllowance"] = await gasOf(pool.connect(deployer).commit(parseEther("400000")));
  gas["pool.commit"] = await gasOf(pool.connect(payer).commit(parseEther("800000")));

  await networkHelpers.time.increaseTo(terms.raiseDeadline);
  gas["pool.disburse"] = await gasOf(pool.disburse(0, encodeSchedule(terms.schedule)));

  for (const t of terms.basket) await (await feed.setFinal(t.missionId, t.goalId, t.period, t.curve.target)).wait();
  await networkHelpers.time.increaseTo(terms.settlementDeadline);
  gas["pool.settle"] = await gasOf(pool.settle(encodeBasket(terms.basket)));
  gas["pool.redeem"] = await gasOf(pool.connect(bob).redeem(parseEther("400000")));

  // A pool whose shares are held by 1,000 investors.
  terms.raiseDeadline = BigInt(await networkHelpers.time.latest()) + 30n * DAY;
  terms.settlementDeadline = terms.raiseDeadline + 370n * DAY;
  terms.schedule.tranches.forEach((t, i) => (t.dueAt = terms.raiseDeadline + BigInt(30 * i) * DAY));
  const bigCreated = await create();
  gas["pool.create.sameMissions"] = bigCreated.used;
  const big = bigCreated.pool;
  const bigAddress = await big.getAddress();
  await (await token.connect(alice).approve(bigAddress, target)).wait();
  await (await token.connect(bob).approve(bigAddress, target)).wait();
  await (await big.connect(alice).invest(target - parseEther("400000"))).wait();
  await (await big.connect(bob).invest(parseEther("400000"))).wait();
  const slice = (target - parseEther("400000")) / 1000n;
  for (let i = 0; i < 998; i++) await (await big.connect(alice).transfer(Wallet.createRandom().address, slice)).wait();
  if ((await big.balanceOf(bob.address)) === 0n) throw new Error("bench: bob must hold shares");
  await networkHelpers.time.increaseTo(terms.settlementDeadline);
  await (await big.settle(encodeBasket(terms.basket))).wait();
  gas["pool.redeem@1000"] = await gasOf(big.connect(bob).redeem(parseEther("400000")));
  return { ...gas, ...(await benchScheduledPool()), ...(await benchClassedPool()) };
};

/**
 * A pool paid by a payment schedule (issue #12), on the scheduled escrow bench's point shape (`schedule.settlePoint`:
 * 4 linear curve terms and one trigger condition, each slot one `MockMetricFeed` read): `pool.schedule.commit` (a
 * second payer into a payer tier that already has a commitment, approving exactly the amount, as `pool.commit`),
 * `pool.schedule.settlePoint` (point 0 of 2: the settlement runs in the linked `ScheduleSettlement`, one DELEGATECALL
 * with the header as calldata), `.last` (point 1, which also settles the pool) and `pool.schedule.refund` (a payer
 * after the last point, to a wallet that holds the token).
 */
async function benchScheduledPool(): Promise<GasRecord> {
  const conn = await network.create();
  const { ethers, networkHelpers } = conn;
  const [, investor, payer1, payer2, provider] = await ethers.getSigners();
  if (investor === undefined || payer1 === undefined || payer2 === undefined || provider === undefined) {
    throw new Error("bench needs 5 signers");
  }
  const { feed, token, now, factory } = await scheduledPoolWorld(conn);
  const points = [0, 1].map((i) => benchPoint(now, i, 5n, parseEther("0.5")));
  const capital = parseEther("100000");
  const terms = {
    name: "Scheduled Pool",
    symbol: "SCH-IP",
    token: await token.getAddress(),
    capitalTarget: capital,
    raiseDeadline: now + 30n * DAY,
    fundCap: parseEther("200000"),
    settlementDeadline: now + 60n * DAY,
    gracePeriod: 30n * DAY,
    schedule: {
      providers: [provider.address],
      tranches: [{ provider: 0, dueAt: now + 30n * DAY, shareBps: 10_000, hasMilestone: false, missionId: 0n, goalId: 0, period: 0, minValue: 0n }],
    },
    paymentSchedule: { points, keyCaps: [], cap: NO_CAP, tiers: [{ coPayWad: parseEther("0.2") }, { coPayWad: 0n }] },
  };
  const receipt = await (await factory.createScheduledPool(terms)).wait();
  const gas: GasRecord = { "pool.schedule.create": Number(receipt?.gasUsed ?? 0n) };
  const pool = await ethers.getContractAt("ImpactPool", await factory.poolAt(0n));
  const address = await pool.getAddress();
  for (const s of [investor, payer1, payer2]) await (await token.mint(s.address, parseEther("1000000"))).wait();
  await (await token.connect(investor).approve(address, capital)).wait();
  await (await pool.connect(investor).invest(capital)).wait();
  await (await token.connect(payer1).approve(address, parseEther("100000"))).wait();
  await (await pool.connect(payer1).commitTier(1, parseEther("80000"))).wait();
  await (await pool.connect(payer1).commitTier(0, parseEther("20000"))).wait();
  await (await token.connect(payer2).approve(address, parseEther("50000"))).wait();
  gas["pool.schedule.commit"] = await gasOf(pool.connect(payer2).commitTier(1, parseEther("50000")));

  for (let p = 1; p <= 8; p++) await (await feed.setFinal(1n, 1, p, 80n)).wait();
  for (let p = 1; p <= 2; p++) await (await feed.setFinal(1n, 5, p, 25n)).wait();
  await networkHelpers.time.increaseTo(terms.raiseDeadline + 1n);
  const settle = (i: number) => gasOf(pool.settlePoint(i, pointBytes(points[i]!), pointProof(points, i)));
  gas["pool.schedule.settlePoint"] = await settle(0);
  gas["pool.schedule.settlePoint.last"] = await settle(1);
  gas["pool.schedule.refund"] = await gasOf(pool.connect(payer1).refund());
  return gas;
}
