import { task } from "hardhat/config";
import { FROM_OPTION, GOAL_OPTION, MISSION_OPTION, ORACLE_OPTION, PERIOD_OPTION, lazyAction } from "../options.js";

/** `oracle:dispute`: Dispute a proposed value, posting the bond (approves it first). */
export const oracleDisputeTask = task(
  "oracle:dispute",
  "Dispute a proposed value, posting the bond (approves it first)",
)
  .addOption(ORACLE_OPTION)
  .addOption(MISSION_OPTION)
  .addOption(GOAL_OPTION)
  .addOption(PERIOD_OPTION)
  .addOption(FROM_OPTION)
  .setAction(
    lazyAction(["mission", "goal", "period"], async () => (await import("../actions/oracle.js")).disputeAction),
  )
  .build();
