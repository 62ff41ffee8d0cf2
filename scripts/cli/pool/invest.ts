import { task } from "hardhat/config";
import { AMOUNT_OPTION, FROM_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/**
 * `pool:invest`: Invest capital in a pool; mints shares 1:1. The pool has no permit entry (no `investWithPermit`), so
 * the task approves exactly the amount taken first, then invests: two transactions. A classed pool (issue #13) takes
 * capital per class: `--class` is required there (`investClass`) and refused elsewhere.
 */
export const poolInvestTask = task(
  "pool:invest",
  "Invest capital in a pool, minting shares 1:1; approves exactly the amount taken first (pools take no permit)",
)
  .addOption(POOL_OPTION)
  .addOption(AMOUNT_OPTION)
  .addOption({
    name: "class",
    description: "investor class of a classed pool: its index (0 = most senior), name or symbol (required there only)",
    defaultValue: "",
  })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool", "amount"], async () => (await import("../actions/pool-money.js")).invest))
  .build();
