import { network } from "hardhat";
import { Wallet, parseEther } from "ethers";
import { gasOf, type GasRecord } from "./lib.js";
import { pointBytes, pointProof } from "../outcomes/schedule-root.js";
import { NO_CAP } from "../formats/schedule-structs.js";
import { encodeSchedule } from "../formats/pool-terms.js";
import { benchPoint, DAY, scheduledPoolWorld } from "./scheduled-world.js";


/**
 * A classed pool (issue #13, `docs/capital-structure.md`) on the scheduled pool bench's point shape (4 linear curve
 * terms at 0.8 and one trigger), 16 points of 1/16 of the fund each (8,000 per point on a 160,000 fund), capital
 * 100,000: a senior class (75,000, 1.2×) and a junior class (25,000, 1.5×), a guarantee of 56,250 posted, a 10 %
 * provider incentive. `pool.class.invest`: a new holder into the senior class, not its first. The senior class is then
 * spread over 1,000 holders (998 transfers). `pool.claim`: a senior holder's claim after point 1, having claimed
 * after point 0. `pool.shareTransfer`: a senior holder sends shares to a new address after two distributions.
 * `pool.class.settlePoint`: point 12 (P 96,000 → 104,000, all junior principal: one class token's accumulator and the
 * guarantee stays posted); `.split`: point 11 (P 88,000 → 96,000: the senior class's last return, the provider's cut
 * paid and the junior class's first distribution). `pool.claim@1000`: a senior holder among 1,000 after the 16th point,
 * having claimed before; `pool.claim@1`: the junior class's only holder after the 16th point, having claimed before.
 */
export async function benchClassedPool(): Promise<GasRecord> {
  const conn = await network.create();
  const { ethers, networkHelpers } = conn;
  const [, bank1, bank2, foundation, philanthropy, payer, provider, service] = await ethers.getSigners();
  if ([bank1, bank2, foundation, philanthropy, payer, provider, service].some((s) => s === undefined)) {
    throw new Error("bench needs 8 signers");
  }
  const [b1, b2, fd, ph, py, pv, sv] = [bank1!, bank2!, foundation!, philanthropy!, payer!, provider!, service!];
  const { feed, token, now, factory } = await scheduledPoolWorld(conn);
  const points = Array.from({ length: 16 }, (_, i) => benchPoint(now, i, 1n, parseEther("0.0625")));
  const terms = {
    name: "Classed Pool",
    symbol: "CLS-IP",
    token: await token.getAddress(),
    capitalTarget: parseEther("100000"),
    raiseDeadline: now + 30n * DAY,
    fundCap: parseEther("160000"),
    settlementDeadline: now + 60n * DAY,
    gracePeriod: 30n * DAY,
    schedule: {
      providers: [pv.address],
      tranches: [{ provider: 0, dueAt: now + 30n * DAY, shareBps: 10_000, hasMilestone: false, missionId: 0n, goalId: 0, period: 0, minValue: 0n }],
    },
    paymentSchedule: { points, keyCaps: [], cap: NO_CAP, tiers: [{ coPayWad: 0n }] },
  };
  const classTerms = (name: string, symbol: string, seniority: number, target: string, multiple: string) => ({
    name,
    symbol,
    seniority,
    target: parseEther(target),
    maxMultipleWad: parseEther(multiple),
    maxRateWad: 0n,
  });
  const capital = {
    classes: [classTerms("Senior", "SNR", 0, "75000", "1.2"), classTerms("Junior", "JNR", 1, "25000", "1.5")],
    guarantor: ph.address,
    guarantee: parseEther("56250"),
    provider: sv.address,
    providerBps: 1_000,
  };
  const receipt = await (await factory.createClassedPool(terms, capital)).wait();
  const gas: GasRecord = { "pool.class.create": Number(receipt?.gasUsed ?? 0n) };
  const pool = await ethers.getContractAt("ImpactPool", await factory.poolAt(0n));
  const address = await pool.getAddress();
  const senior = await ethers.getContractAt("PoolShareClass", await pool.classToken(0n));
  const junior = await ethers.getContractAt("PoolShareClass", await pool.classToken(1n));
  for (const s of [b1, b2, fd, ph, py]) {
    await (await token.mint(s.address, parseEther("1000000"))).wait();
    // Bank 2 approves exactly what it invests (as `pool.invest`); the others more than they use.
    if (s !== b2) await (await token.connect(s).approve(address, parseEther("1000000"))).wait();
  }
  await (await token.connect(b2).approve(address, parseEther("30000"))).wait();
  await (await pool.connect(b1).investClass(0n, parseEther("45000"))).wait();
  gas["pool.class.invest"] = await gasOf(pool.connect(b2).investClass(0n, parseEther("30000")));
  await (await pool.connect(fd).investClass(1n, parseEther("25000"))).wait();
  await (await pool.connect(ph).postGuarantee()).wait();
  await (await pool.connect(py).commitTier(0n, parseEther("160000"))).wait();
  // 998 holders of 10 senior shares each from bank 2: 1,000 senior holders.
  const slice = parseEther("10");
  for (let i = 0; i < 998; i++) await (await senior.connect(b2).transfer(Wallet.createRandom().address, slice)).wait();

  for (let p = 1; p <= 64; p++) await (await feed.setFinal(1n, 1, p, 80n)).wait();
  for (let p = 1; p <= 16; p++) await (await feed.setFinal(1n, 5, p, 25n)).wait();
  await networkHelpers.time.increaseTo(terms.raiseDeadline + 1n);
  await (await pool.disburse(0n, encodeSchedule(terms.schedule))).wait();
  await networkHelpers.time.increaseTo(points[15]!.deadline + 1n);
  const settle = (i: number) => gasOf(pool.settlePoint(i, pointBytes(points[i]!), pointProof(points, i)));
  await settle(0);
  await (await senior.connect(b1).claim()).wait();
  await settle(1);
  gas["pool.claim"] = await gasOf(senior.connect(b1).claim());
  gas["pool.shareTransfer"] = await gasOf(senior.connect(b1).transfer(Wallet.createRandom().address, slice));
  await (await senior.connect(b2).claim()).wait();
  for (let i = 2; i < 11; i++) await settle(i);
  gas["pool.class.settlePoint.split"] = await settle(11);
  await (await junior.connect(fd).claim()).wait();
  gas["pool.class.settlePoint"] = await settle(12);
  for (let i = 13; i < 16; i++) await settle(i);
  gas["pool.claim@1000"] = await gasOf(senior.connect(b2).claim());
  gas["pool.claim@1"] = await gasOf(junior.connect(fd).claim());
  return gas;
}
