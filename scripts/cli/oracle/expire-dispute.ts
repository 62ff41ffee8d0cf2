import { task } from "hardhat/config";
import { FROM_OPTION, lazyAction, withSlotOptions } from "../options.js";

/** `oracle:expire-dispute`: Anyone ends a dispute the arbiter left unresolved past the arbitration period. */
export const oracleExpireDisputeTask = withSlotOptions(
  task(
    "oracle:expire-dispute",
    "End a dispute the arbiter left unresolved past the arbitration period (anyone): the slot becomes Unresolved and the bond is credited back to the disputer",
  ),
)
  .addOption(FROM_OPTION)
  .setAction(
    lazyAction(
      ["mission", "goal", "period"],
      async () => (await import("../actions/oracle-disputes.js")).expireDisputeAction,
    ),
  )
  .build();
