import { task } from "hardhat/config";
import { FROM_OPTION, POOL_FACTORY_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/** `pool:disburse`: Release a due tranche to its provider (permissionless). */
export const poolDisburseTask = task("pool:disburse", "Release a due tranche to its provider (permissionless)")
  .addOption(POOL_OPTION)
  .addOption({ name: "tranche", description: "tranche index", defaultValue: "" })
  .addOption(POOL_FACTORY_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool", "tranche"], async () => (await import("../actions/pool-money.js")).disburse))
  .build();
