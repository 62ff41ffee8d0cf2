import { parseEther } from "ethers";
import type { network } from "hardhat";
import { EMPTY_CURVE, NO_CAP, TermKind, type PointStruct } from "../formats/schedule-structs.js";
import { deployPoolFactory } from "../core/pool-factory.js";

export const DAY = 86_400n;

type Connection = Awaited<ReturnType<typeof network.create>>;

/**
 * The scheduled pool benches' world (`pool.schedule.*` in pool.ts, `pool.class.*` in pool-classes.ts): mission 1 with
 * goal 1 (the curve terms' metric) and goal 5 (the trigger's), both 0 → 100 over 64 daily periods ending from day 40,
 * each slot one `MockMetricFeed` read; a pool factory on them and an 18-decimal token.
 */
export async function scheduledPoolWorld({ ethers, networkHelpers }: Connection) {
  const registry = await ethers.deployContract("MockRegistryForEscrow");
  const feed = await ethers.deployContract("MockMetricFeed");
  const token = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
  const now = BigInt(await networkHelpers.time.latest());
  await (await registry.setMission(1n, 2)).wait();
  for (const goalId of [1, 5]) {
    const goal = {
      baseline: 0n,
      target: 100n,
      firstPeriodEnd: now + 40n * DAY,
      periodLength: 86_400,
      periodCount: 64,
      reportingWindow: 86_400,
      decimals: 0,
      version: 1,
    };
    await (await registry.setGoal(1n, goalId, goal)).wait();
  }
  const factory = await deployPoolFactory(ethers, await registry.getAddress(), await feed.getAddress());
  return { registry, feed, token, now, factory };
}

/**
 * Point `i` of a bench schedule: 4 linear curve terms (goal 1, periods 4i+1 … 4i+4, weight 0.25 each) and one trigger
 * condition (goal 5, period i+1, at least 20), due `spacingDays` apart from day 70, paying `potWad` of the fund.
 */
export function benchPoint(now: bigint, i: number, spacingDays: bigint, potWad: bigint): PointStruct {
  const term = (period: number, key: number) => ({
    missionId: 1n,
    goalId: 1,
    period,
    key,
    kind: TermKind.Curve,
    weightWad: parseEther("0.25"),
    curve: { ...EMPTY_CURVE, kind: 1, baseline: 0n, target: 100n },
    ceilingWad: parseEther("1"),
    source: 0,
    referenceValue: 0n,
    lowerIsBetter: false,
    scaleWad: 0n,
    price: 0n,
    capPerPoint: NO_CAP,
  });
  return {
    deadline: now + 70n * DAY + BigInt(i) * spacingDays * DAY,
    cumulative: false,
    potWad,
    cap: NO_CAP,
    trigger: {
      any: false,
      conditions: [{ missionId: 1n, goalId: 5, period: i + 1, threshold: 20n, lowerIsBetter: false }],
    },
    terms: [0, 1, 2, 3].map((t) => term(4 * i + t + 1, t)),
  };
}
