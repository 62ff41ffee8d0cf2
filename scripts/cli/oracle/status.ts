import { task } from "hardhat/config";
import { GOAL_OPTION, MISSION_OPTION, ORACLE_OPTION, PERIOD_OPTION, lazyAction } from "../options.js";

/** `oracle:status`: Show a slot: status, committee version, reports per member, value, dispute. */
export const oracleStatusTask = task(
  "oracle:status",
  "Show a slot: status, committee version, reports per member, value, dispute",
)
  .addOption(ORACLE_OPTION)
  .addOption(MISSION_OPTION)
  .addOption(GOAL_OPTION)
  .addOption(PERIOD_OPTION)
  .setAction(lazyAction(["mission", "goal", "period"], async () => (await import("../actions/oracle.js")).statusAction))
  .build();
