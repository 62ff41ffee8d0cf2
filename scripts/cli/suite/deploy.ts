import { task } from "hardhat/config";
import { lazyAction } from "../options.js";

/** `suite:deploy`: Deploy the core suite (and --example) with Ignition; parameters from deploy/parameters/<network>.json. */
export const suiteDeployTask = task(
  "suite:deploy",
  "Deploy the core suite (and --example) with Ignition; parameters from deploy/parameters/<network>.json",
)
  .addFlag({ name: "example", description: "Also deploy the example mission, its committee and an escrow" })
  .addOption({
    name: "parameters",
    description: "Parameters file (default: deploy/parameters/<network>.json)",
    defaultValue: "",
  })
  .addOption({
    name: "deploymentId",
    description: "Ignition deployment id (default: IGNITION_DEPLOYMENT_ID, else chain-<chainId>)",
    defaultValue: "",
  })
  .addFlag({ name: "reset", description: "Wipe the existing deployment state first" })
  .addFlag({ name: "verify", description: "Verify the contracts on the block explorer afterwards (hardhat-verify)" })
  .setAction(lazyAction([], async () => (await import("../actions/deploy.js")).deployAction))
  .build();
