import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { MetricOracle, MockBondToken, MockMissionRegistry } from "../../typechain-types/index.js";
import { reportTypes } from "./oracle-reporter.js";

/**
 * A small oracle world for tests, the bench and the demo: a mock registry with mission 1 whose goal 0 has
 * `periodCount` periods of `periodLength` seconds (the first ends `startIn` seconds from now) and a reporting window,
 * the MetricOracle, a bond token, and a committee of the first `n` evaluator signers.
 */
export interface OracleWorld {
  registry: MockMissionRegistry;
  oracle: MetricOracle;
  token: MockBondToken;
  steward: HardhatEthersSigner;
  arbiter: HardhatEthersSigner;
  evaluators: HardhatEthersSigner[];
  others: HardhatEthersSigner[];
  firstPeriodEnd: bigint;
  periodLength: bigint;
  reportingWindow: bigint;
}

export interface OracleWorldOptions {
  members: number;
  quorum: number;
  challengeWindow?: number;
  bond?: bigint;
  periodCount?: number;
  periodLength?: number;
  reportingWindow?: number;
  startIn?: number;
  adapter?: string;
}

export const MISSION_ID = 1n;
export const GOAL_ID = 0;

export async function deployOracleWorld(ethers: HardhatEthers, opts: OracleWorldOptions): Promise<OracleWorld> {
  const signers = await ethers.getSigners();
  const [deployer, steward, arbiter] = signers;
  if (deployer === undefined || steward === undefined || arbiter === undefined) throw new Error("need signers");
  const evaluators = signers.slice(3, 3 + opts.members);
  const others = signers.slice(3 + opts.members);
  const registry = await ethers.deployContract("MockMissionRegistry");
  const oracle = await ethers.deployContract("MetricOracle", [await registry.getAddress()]);
  const token = await ethers.deployContract("MockBondToken");
  const latest = await ethers.provider.getBlock("latest");
  if (latest === null) throw new Error("no block");
  const periodLength = BigInt(opts.periodLength ?? 86_400);
  const reportingWindow = BigInt(opts.reportingWindow ?? 7 * 86_400);
  const firstPeriodEnd = BigInt(latest.timestamp) + BigInt(opts.startIn ?? 3_600);
  await (await registry.setMission(MISSION_ID, steward.address)).wait();
  await (
    await registry.addGoal(MISSION_ID, {
      baseline: 100n,
      target: 500n,
      firstPeriodEnd,
      periodLength,
      periodCount: opts.periodCount ?? 4,
      reportingWindow,
      decimals: 2,
      version: 1,
    })
  ).wait();
  await (
    await oracle.connect(steward).setCommittee(MISSION_ID, {
      members: evaluators.map((e) => e.address),
      quorum: opts.quorum,
      challengeWindow: opts.challengeWindow ?? 3_600,
      bondToken: await token.getAddress(),
      bondAmount: opts.bond ?? 10n ** 20n,
      arbiter: arbiter.address,
      adapter: opts.adapter ?? "0x0000000000000000000000000000000000000000",
    })
  ).wait();
  return {
    registry,
    oracle,
    token,
    steward,
    arbiter,
    evaluators,
    others,
    firstPeriodEnd,
    periodLength,
    reportingWindow,
  };
}

/** End of `period` (1-based). */
export function periodEnd(world: OracleWorld, period: number): bigint {
  return world.firstPeriodEnd + BigInt(period - 1) * world.periodLength;
}

/**
 * The EIP-712 types of a signed report for ethers' `signTypedData`: the reporter's `reportTypes` (the one list, in the
 * order of the contract's REPORT_TYPEHASH), copied into the mutable shape ethers' types ask for.
 */
export const REPORT_TYPES: Record<string, { name: string; type: string }[]> = {
  Report: reportTypes.Report.map((field) => ({ ...field })),
};
