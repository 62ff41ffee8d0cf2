import { task } from "hardhat/config";
import { FROM_OPTION, lazyAction, withSlotOptions } from "../options.js";

/** `oracle:dispute`: Dispute a proposed value, posting the bond (approves it first). */
export const oracleDisputeTask = withSlotOptions(
  task("oracle:dispute", "Dispute a proposed value, posting the bond (approves it first)"),
)
  .addOption(FROM_OPTION)
  .setAction(
    lazyAction(
      ["mission", "goal", "period"],
      async () => (await import("../actions/oracle-disputes.js")).disputeAction,
    ),
  )
  .build();
