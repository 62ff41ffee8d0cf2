import { task } from "hardhat/config";
import { FROM_OPTION, GOAL_OPTION, MISSION_OPTION, ORACLE_OPTION, PERIOD_OPTION, lazyAction } from "../options.js";

/** `oracle:resolve`: Resolve a dispute as the arbiter: --value N or --invalid. */
export const oracleResolveTask = task("oracle:resolve", "Resolve a dispute as the arbiter: --value N or --invalid")
  .addOption(ORACLE_OPTION)
  .addOption(MISSION_OPTION)
  .addOption(GOAL_OPTION)
  .addOption(PERIOD_OPTION)
  .addOption({ name: "value", description: "the correct value", defaultValue: "" })
  .addFlag({ name: "invalid", description: "declare the slot invalid (Unresolved)" })
  .addOption(FROM_OPTION)
  .setAction(
    lazyAction(["mission", "goal", "period"], async () => (await import("../actions/oracle.js")).resolveAction),
  )
  .build();
