import { task } from "hardhat/config";
import { FROM_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/** `pool:claim`: Claim what a classed pool distributed to your shares of one investor class (issue #13). */
export const poolClaimTask = task(
  "pool:claim",
  "Claim what a classed pool's points distributed to your shares of one investor class (the class token pays)",
)
  .addOption(POOL_OPTION)
  .addOption({
    name: "class",
    description: "investor class: its index (0 = most senior), name or symbol",
    defaultValue: "",
  })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool", "class"], async () => (await import("../actions/pool-classes.js")).claim))
  .build();
