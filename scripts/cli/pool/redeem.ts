import { task } from "hardhat/config";
import { FROM_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/** `pool:redeem`: Burn shares for the pro-rata investor pot (after settlement). */
export const poolRedeemTask = task("pool:redeem", "Burn shares for the pro-rata investor pot (after settlement)")
  .addOption(POOL_OPTION)
  .addOption({ name: "shares", description: "shares in whole tokens (default: all)", defaultValue: "" })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool"], async () => (await import("../actions/pool-money.js")).redeem))
  .build();
