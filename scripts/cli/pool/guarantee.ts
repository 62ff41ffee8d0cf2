import { task } from "hardhat/config";
import { FROM_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/** `pool:guarantee`: The named guarantor posts a classed pool's guarantee while it is Funded (issue #13). */
export const poolGuaranteeTask = task(
  "pool:guarantee",
  "Post a classed pool's guarantee as its named guarantor, while the pool is Funded; approves exactly the amount first",
)
  .addOption(POOL_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool"], async () => (await import("../actions/pool-classes.js")).guarantee))
  .build();
