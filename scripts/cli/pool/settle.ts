import { task } from "hardhat/config";
import { FROM_OPTION, POOL_FACTORY_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/** `pool:settle`: Settle a pool on its outcome basket (permissionless, once). */
export const poolSettleTask = task("pool:settle", "Settle a pool on its outcome basket (permissionless, once)")
  .addOption(POOL_OPTION)
  .addOption(POOL_FACTORY_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool"], async () => (await import("../actions/pool-money.js")).settle))
  .build();
