import { task } from "hardhat/config";
import { FROM_OPTION, POOL_FACTORY_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/** `pool:settle`: Settle a pool on its outcome basket (permissionless, once); `--point N`: point N of a scheduled pool. */
export const poolSettleTask = task(
  "pool:settle",
  "Settle a pool on its outcome basket, or with --point one point of its payment schedule (permissionless, once)",
)
  .addOption(POOL_OPTION)
  .addOption(POOL_FACTORY_OPTION)
  .addOption({
    name: "point",
    description: "Point of a scheduled pool's payment schedule to settle (0-based; default: a basket pool)",
    defaultValue: "",
  })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool"], async () => (await import("../actions/pool-money.js")).settle))
  .build();
