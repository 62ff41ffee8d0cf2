import { task } from "hardhat/config";
import { POOL_OPTION, lazyAction } from "../options.js";

/** `pool:show`: Show a pool: terms, raise, disbursement, achievement, pots. */
export const poolShowTask = task("pool:show", "Show a pool: terms, raise, disbursement, achievement, pots")
  .addOption(POOL_OPTION)
  .addOption({ name: "account", description: "also show this account's position", defaultValue: "" })
  .setAction(lazyAction(["pool"], async () => (await import("../actions/pool-view.js")).show))
  .build();
