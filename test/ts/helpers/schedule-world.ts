import type { network } from "hardhat";
import { deployPoolFactory } from "../../../scripts/core/pool-factory.js";

/** 2031-06-30T00:00:00Z: the first period of the schedule examples' goals ends after their funding deadline. */
export const EXAMPLE_FIRST_PERIOD_END = 1_940_544_000n;

/**
 * A `ScheduledEscrowFactory` over a mock registry and feed that hold the missions the schedule examples name:
 * mission 3 (`rate-card-escrow.json`: goal 0 a rising count 0 → 40, goal 1 a falling one 400 → 200) and mission 4
 * (`cohort-bond-escrow.json`: two falling goals 600 → 480), each with two yearly periods from 2031-06-30, a 30-day
 * reporting window, goal version 1. The feed's `setFinal` makes a slot final.
 */
export async function exampleScheduleWorld(ethers: Awaited<ReturnType<typeof network.create>>["ethers"]) {
  const registry = await ethers.deployContract("MockRegistryForEscrow");
  const feed = await ethers.deployContract("MockMetricFeed");
  const factory = await ethers.deployContract("ScheduledEscrowFactory", [
    await registry.getAddress(),
    await feed.getAddress(),
  ]);
  const goals: [missionId: bigint, goalId: number, baseline: bigint, target: bigint][] = [
    [3n, 0, 0n, 40n],
    [3n, 1, 400n, 200n],
    [4n, 0, 600n, 480n],
    [4n, 1, 600n, 480n],
  ];
  for (const missionId of [3n, 4n]) await registry.setMission(missionId, 2);
  for (const [missionId, goalId, baseline, target] of goals) {
    await registry.setGoal(missionId, goalId, {
      baseline,
      target,
      firstPeriodEnd: EXAMPLE_FIRST_PERIOD_END,
      periodLength: 365 * 86_400,
      periodCount: 2,
      reportingWindow: 30 * 86_400,
      decimals: 0,
      version: 1,
    });
  }
  return { registry, feed, factory };
}

/** 2031-01-31T00:00:00Z: the end of year 1 of the yearly pool example's goal (mission 5). */
export const YEARLY_FIRST_PERIOD_END = 1_927_584_000n;

/** The yearly pool example's goal: a rising count 0 → 400 in three yearly periods, 30 days to report, version 1. */
export const YEARLY_GOAL = {
  baseline: 0n,
  target: 400n,
  firstPeriodEnd: YEARLY_FIRST_PERIOD_END,
  periodLength: 365n * 86_400n,
  periodCount: 3,
  reportingWindow: 30n * 86_400n,
  decimals: 0,
  version: 1,
};

/**
 * An `ImpactPoolFactory` (its libraries first) over a mock registry and feed that hold the mission the yearly pool
 * example (`examples/pools/yearly-outcomes-pool.json`) names: mission 5, Active, goal 0 a rising count 0 → 400 in three
 * yearly periods from 2031-01-31, 30 days to report, goal version 1. The feed's `setFinal` makes a slot final.
 */
export async function yearlyPoolWorld(ethers: Awaited<ReturnType<typeof network.create>>["ethers"]) {
  const registry = await ethers.deployContract("MockRegistryForEscrow");
  await (await registry.setMission(5n, 2)).wait(); // Active
  await (await registry.setGoal(5n, 0, YEARLY_GOAL)).wait();
  const feed = await ethers.deployContract("MockMetricFeed");
  const factory = await deployPoolFactory(ethers, await registry.getAddress(), await feed.getAddress());
  return { registry, feed, factory };
}
