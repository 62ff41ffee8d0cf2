import { task } from "hardhat/config";
import { AMOUNT_OPTION, FROM_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/** `pool:invest`: Invest capital in a pool (approves first if needed); mints shares 1:1. */
export const poolInvestTask = task(
  "pool:invest",
  "Invest capital in a pool (approves first if needed); mints shares 1:1",
)
  .addOption(POOL_OPTION)
  .addOption(AMOUNT_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool", "amount"], async () => (await import("../actions/pool-money.js")).invest))
  .build();
