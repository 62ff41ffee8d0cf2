import { task } from "hardhat/config";
import { FROM_OPTION, GOAL_OPTION, MISSION_OPTION, ORACLE_OPTION, PERIOD_OPTION, lazyAction } from "../options.js";

/** `oracle:finalize`: Finalise a proposed value after its challenge window. */
export const oracleFinalizeTask = task("oracle:finalize", "Finalise a proposed value after its challenge window")
  .addOption(ORACLE_OPTION)
  .addOption(MISSION_OPTION)
  .addOption(GOAL_OPTION)
  .addOption(PERIOD_OPTION)
  .addOption(FROM_OPTION)
  .setAction(
    lazyAction(["mission", "goal", "period"], async () => (await import("../actions/oracle.js")).finalizeAction),
  )
  .build();
