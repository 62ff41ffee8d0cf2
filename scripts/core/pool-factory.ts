/**
 * The one way TypeScript deploys an `ImpactPoolFactory`: its code calls three deployed libraries (external functions
 * reached by DELEGATECALL, `docs/payment-schedules.md` → Revisions) — `ScheduleSettlement` (a scheduled pool's
 * `settlePoint`/`previewPayment`, linked into the `ImpactPool` implementation the factory deploys),
 * `PoolScheduleChecks` (the factory's schedule validation) and `CapitalWaterfall` (a classed pool's checks, class
 * tokens and waterfall, in both; `docs/capital-structure.md`) — so it must be deployed with all three linked. Ignition does
 * the same in `deploy/modules/CoreModule.ts` (`m.library` + `libraries`). Hardhat's Solidity tests link them on their
 * own.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { AddressLike } from "ethers";
import type { ImpactPoolFactory } from "../../typechain-types/index.js";

/** The libraries `ImpactPoolFactory`'s bytecode links (its own and its implementation's). */
export const POOL_FACTORY_LIBRARIES = ["ScheduleSettlement", "PoolScheduleChecks", "CapitalWaterfall"] as const;

/** Deploys each library of `POOL_FACTORY_LIBRARIES`; returns name → address (ethers' `libraries` option). */
export async function deployPoolLibraries(ethers: HardhatEthers): Promise<Record<string, string>> {
  const libraries: Record<string, string> = {};
  for (const name of POOL_FACTORY_LIBRARIES) {
    libraries[name] = await (await (await ethers.deployContract(name)).waitForDeployment()).getAddress();
  }
  return libraries;
}

/** Deploys an `ImpactPoolFactory` on `registry` and `feed`, its libraries first. */
export async function deployPoolFactory(
  ethers: HardhatEthers,
  registry: AddressLike,
  feed: AddressLike,
): Promise<ImpactPoolFactory> {
  const libraries = await deployPoolLibraries(ethers);
  return ethers.deployContract("ImpactPoolFactory", [registry, feed], { libraries });
}
