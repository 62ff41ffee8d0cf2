import { task } from "hardhat/config";
import { FROM_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/** `pool:refund`: Take back an outcome payer's share of the refund pot (after settlement or a failed raise). */
export const poolRefundTask = task(
  "pool:refund",
  "Take back an outcome payer's share of the refund pot (after settlement or a failed raise)",
)
  .addOption(POOL_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool"], async () => (await import("../actions/pool-money.js")).refund))
  .build();
