import { task } from "hardhat/config";
import { FROM_OPTION, GOAL_OPTION, MISSION_OPTION, ORACLE_OPTION, PERIOD_OPTION, lazyAction } from "../options.js";

/** `oracle:report`: Report a value directly as a committee member (the --from account). */
export const oracleReportTask = task(
  "oracle:report",
  "Report a value directly as a committee member (the --from account)",
)
  .addOption(ORACLE_OPTION)
  .addOption(MISSION_OPTION)
  .addOption(GOAL_OPTION)
  .addOption(PERIOD_OPTION)
  .addOption({ name: "value", description: "metric value (uint64, goal decimals)", defaultValue: "" })
  .addOption({ name: "evidenceHash", description: "bytes32 hash of the evidence", defaultValue: "" })
  .addOption(FROM_OPTION)
  .setAction(
    lazyAction(["mission", "goal", "period", "value"], async () => (await import("../actions/oracle.js")).reportAction),
  )
  .build();
