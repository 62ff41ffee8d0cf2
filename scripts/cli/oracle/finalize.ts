import { task } from "hardhat/config";
import { FROM_OPTION, lazyAction, withSlotOptions } from "../options.js";

/** `oracle:finalize`: Finalise a proposed value after its challenge window. */
export const oracleFinalizeTask = withSlotOptions(
  task("oracle:finalize", "Finalise a proposed value after its challenge window"),
)
  .addOption(FROM_OPTION)
  .setAction(
    lazyAction(
      ["mission", "goal", "period"],
      async () => (await import("../actions/oracle-reports.js")).finalizeAction,
    ),
  )
  .build();
