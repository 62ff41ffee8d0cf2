import { task } from "hardhat/config";
import { AMOUNT_OPTION, FROM_OPTION, POOL_OPTION, lazyAction } from "../options.js";

/** `pool:commit`: Commit tokens to a pool's outcome fund; like `pool:invest`, approves first (pools take no permit). */
export const poolCommitTask = task(
  "pool:commit",
  "Commit tokens to a pool's outcome fund; approves exactly the amount taken first (pools take no permit)",
)
  .addOption(POOL_OPTION)
  .addOption(AMOUNT_OPTION)
  .addOption({
    name: "tier",
    description: "Payer tier of a scheduled pool's payment schedule to commit into (0-based; default: a basket pool)",
    defaultValue: "",
  })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["pool", "amount"], async () => (await import("../actions/pool-money.js")).commit))
  .build();
