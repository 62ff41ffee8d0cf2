import { task } from "hardhat/config";
import { FROM_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/** `pool:withdraw`: Take back invested capital in full after a failed raise (burns all your shares; `--class` on a classed pool). */
export const poolWithdrawTask = task(
  "pool:withdraw",
  "Take back invested capital in full after a failed raise (burns all your shares)",
)
  .addOption(POOL_OPTION)
  .addOption({
    name: "class",
    description: "investor class of a classed pool: its index, name or symbol (required there only)",
    defaultValue: "",
  })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool"], async () => (await import("../actions/pool-money.js")).withdraw))
  .build();
