import { task } from "hardhat/config";
import { FROM_OPTION, POOL_FACTORY_OPTION, lazyAction } from "../options.js";

/** `pool:create`: Create an impact pool from a JSON terms file (schemas/pool-terms.schema.json). */
export const poolCreateTask = task(
  "pool:create",
  "Create an impact pool from a JSON terms file (schemas/pool-terms.schema.json)",
)
  .addOption({ name: "file", description: "terms file", defaultValue: "" })
  .addOption({
    name: "token",
    description: "capital/fund token (overrides the file; default: the file's, else the example deployment's eUSD)",
    defaultValue: "",
  })
  .addOption(POOL_FACTORY_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["file"], async () => (await import("../actions/pool-create.js")).createPool))
  .build();
