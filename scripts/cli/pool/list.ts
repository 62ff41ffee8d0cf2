import { task } from "hardhat/config";
import { POOL_FACTORY_OPTION, lazyAction } from "../options.js";

/** `pool:list`: List pools (all, or those with a term on --mission). */
export const poolListTask = task("pool:list", "List pools (all, or those with a term on --mission)")
  .addOption({ name: "mission", description: "Mission id or #hashtag (default: all)", defaultValue: "" })
  .addOption(POOL_FACTORY_OPTION)
  .setAction(lazyAction([], async () => (await import("../actions/pool-view.js")).list))
  .build();
