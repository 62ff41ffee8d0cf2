/**
 * Scheduled escrow bench (issue #12): `ScheduledEscrow.settlePoint` through a real escrow created by
 * `ScheduledEscrowFactory` (whole transactions: the point and its proof in calldata, the header from the clone's
 * arguments, one `MockMetricFeed` storage read per slot), on the shapes of `test/ts/tools/schedule-gas.test.ts`:
 * 4 linear curve terms and one trigger condition; 4 capped rate cards under key caps, a point cap and an overall cap
 * (first payment on each capped key, and `.keysPaid`: the next point, the key ledgers already written); a cumulative
 * true-up after one point; the 1st and the 16th point of a 16-point schedule. Plus the escrow's money paths.
 */
import { network } from "hardhat";
import { gasOf, type BenchModule, type GasRecord } from "./lib.js";
import { pointBytes, pointProof } from "../outcomes/schedule-root.js";
import { EMPTY_CURVE, NO_CAP, TermKind, type PointStruct, type ScheduleTermStruct } from "../formats/schedule-structs.js";

const WAD = 10n ** 18n;
const DAY = 86_400n;
const MISSION = 1n;

export const benchSchedule: BenchModule = async () => {
  const { ethers, networkHelpers } = await network.create();
  const [deployer, funder, ben1, ben2] = await ethers.getSigners();
  if (deployer === undefined || funder === undefined || ben1 === undefined || ben2 === undefined) {
    throw new Error("bench needs 4 accounts");
  }
  const gas: GasRecord = {};
  const registry = await ethers.deployContract("MockRegistryForEscrow");
  const feed = await ethers.deployContract("MockMetricFeed");
  const factory = await ethers.deployContract("ScheduledEscrowFactory", [
    await registry.getAddress(),
    await feed.getAddress(),
  ]);
  const token = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
  const now = BigInt(await networkHelpers.time.latest());
  await registry.setMission(MISSION, 2);
  // Goals 1 (curves), 3 (rate cards) and 5 (trigger conditions): rising 0 → 100, 64 daily periods.
  for (const goalId of [1, 3, 5]) {
    await registry.setGoal(MISSION, goalId, {
      baseline: 0n, target: 100n, firstPeriodEnd: now + 20n * DAY, periodLength: 86_400,
      periodCount: 64, reportingWindow: 86_400, decimals: 0, version: 1,
    });
  }

  const baseTerm = (over: Partial<ScheduleTermStruct>): ScheduleTermStruct => ({
    missionId: MISSION, goalId: 1, period: 1, key: 0, kind: TermKind.Curve, weightWad: 0n, curve: EMPTY_CURVE,
    ceilingWad: 0n, source: 0, referenceValue: 0n, lowerIsBetter: false, scaleWad: 0n, price: 0n,
    capPerPoint: NO_CAP, ...over,
  });
  const linear = { ...EMPTY_CURVE, kind: 1, baseline: 0n, target: 100n };
  /** Four linear terms (25 % each) on goal 1, periods 4i+1…4i+4, keys 0–3, one condition on goal 5. */
  const curvePoint = (i: number, cumulative = false): PointStruct => ({
    deadline: now + 30n * DAY + BigInt(i) * 5n * DAY,
    cumulative,
    potWad: cumulative ? WAD : WAD / 32n,
    cap: NO_CAP,
    trigger: { any: false, conditions: [{ missionId: MISSION, goalId: 5, period: i + 1, threshold: 20n, lowerIsBetter: false }] },
    terms: [0, 1, 2, 3].map((t) =>
      baseTerm({ period: 4 * i + t + 1, key: t, weightWad: WAD / 4n, curve: linear, ceilingWad: WAD }),
    ),
  });
  /** Four rate cards (goal 3, 500 a unit, at most 15,000 each a point) on capped keys 0–3, a point cap. */
  const rateCardPoint = (i: number): PointStruct => ({
    ...curvePoint(i),
    potWad: 0n,
    cap: 400_000n,
    terms: [0, 1, 2, 3].map((t) =>
      baseTerm({ goalId: 3, period: 4 * i + t + 1, key: t, kind: TermKind.RateCard, scaleWad: WAD, price: 500n, capPerPoint: 15_000n }),
    ),
  });

  const big = 10n ** 30n;
  await token.mint(funder.address, big);
  /** Creates an escrow on `points`, deposits 1,000,000 into tier 0 and returns it with the creation's gas. */
  const create = async (points: PointStruct[], keyCaps: bigint[], cap: bigint) => {
    const terms = {
      token: await token.getAddress(), missionId: MISSION, goalVersion: 1, fundingDeadline: now + 10n * DAY,
      gracePeriod: 7 * 86_400, paymentSchedule: { points, keyCaps, cap, tiers: [{ coPayWad: 0n }] },
      beneficiaries: [{ account: ben1.address, weight: 1n }, { account: ben2.address, weight: 3n }],
    };
    const receipt = await (await factory.createEscrow(terms)).wait();
    if (receipt === null) throw new Error("no receipt");
    const log = receipt.logs
      .map((l) => factory.interface.parseLog(l))
      .find((l) => l?.name === "ScheduledEscrowCreated");
    if (log === undefined || log === null) throw new Error("no ScheduledEscrowCreated");
    const escrow = await ethers.getContractAt("ScheduledEscrow", String(log.args.escrow));
    await token.connect(funder).approve(escrow.target, 1_000_000n);
    const deposit = await gasOf(escrow.connect(funder).deposit(0, 1_000_000n));
    return { escrow, create: Number(receipt.gasUsed), deposit };
  };
  for (let p = 1; p <= 64; p++) {
    await feed.setFinal(MISSION, 1, p, 80n);
    await feed.setFinal(MISSION, 3, p, 80n);
    await feed.setFinal(MISSION, 5, p, 25n);
  }

  const sixteen = Array.from({ length: 16 }, (_, i) => curvePoint(i));
  const at1 = await create(sixteen, [], NO_CAP);
  const at16 = await create(sixteen, [], NO_CAP);
  const rates = [rateCardPoint(0), rateCardPoint(1)];
  const rateCard = await create(rates, [60_000n, 60_000n, 60_000n, 60_000n], 900_000n);
  const trueUpPoints = [curvePoint(0), curvePoint(1, true)];
  const trueUp = await create(trueUpPoints, [], NO_CAP);
  gas["schedule.create"] = at1.create;
  gas["schedule.deposit"] = at1.deposit;

  await networkHelpers.time.increaseTo(now + 10n * DAY + 1n);
  const settle = (escrow: typeof at1.escrow, points: PointStruct[], i: number) =>
    gasOf(escrow.settlePoint(i, pointBytes(points[i]!), pointProof(points, i)));
  gas["schedule.settlePoint"] = await settle(at1.escrow, sixteen, 0);
  gas["schedule.settlePoint@1"] = gas["schedule.settlePoint"];
  gas["schedule.settlePoint@16"] = await settle(at16.escrow, sixteen, 15);
  gas["schedule.settlePoint.rateCard"] = await settle(rateCard.escrow, rates, 0);
  gas["schedule.settlePoint.rateCard.keysPaid"] = await settle(rateCard.escrow, rates, 1);
  await settle(trueUp.escrow, trueUpPoints, 0);
  gas["schedule.settlePoint.trueUp"] = await settle(trueUp.escrow, trueUpPoints, 1);
  // Claims: to a provider that already holds the token (as escrow.claim is measured); the refund after the last point.
  await token.mint(ben1.address, 1n);
  gas["schedule.claim"] = await gasOf(trueUp.escrow.connect(ben1).claim());
  gas["schedule.refund"] = await gasOf(trueUp.escrow.connect(funder).refund());
  return gas;
};
