import { task } from "hardhat/config";
import { FROM_OPTION, lazyAction, withSlotOptions } from "../options.js";

/** `oracle:report`: Report a value directly as a committee member (the --from account). */
export const oracleReportTask = withSlotOptions(
  task("oracle:report", "Report a value directly as a committee member (the --from account)"),
)
  .addOption({ name: "value", description: "metric value in the goal's own decimals, e.g. 70.1", defaultValue: "" })
  .addOption({ name: "evidenceHash", description: "bytes32 hash of the evidence", defaultValue: "" })
  .addOption(FROM_OPTION)
  .setAction(
    lazyAction(
      ["mission", "goal", "period", "value"],
      async () => (await import("../actions/oracle-reports.js")).reportAction,
    ),
  )
  .build();
