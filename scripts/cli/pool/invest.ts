import { task } from "hardhat/config";
import { AMOUNT_OPTION, FROM_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/**
 * `pool:invest`: Invest capital in a pool; mints shares 1:1. The pool has no permit entry (no `investWithPermit`), so
 * the task approves exactly the amount taken first, then invests: two transactions.
 */
export const poolInvestTask = task(
  "pool:invest",
  "Invest capital in a pool, minting shares 1:1; approves exactly the amount taken first (pools take no permit)",
)
  .addOption(POOL_OPTION)
  .addOption(AMOUNT_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool", "amount"], async () => (await import("../actions/pool-money.js")).invest))
  .build();
