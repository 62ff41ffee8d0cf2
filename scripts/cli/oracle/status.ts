import { task } from "hardhat/config";
import { lazyAction, withSlotOptions } from "../options.js";

/** `oracle:status`: Show a slot: status, committee version, reports per member, value, dispute, withdrawable bonds. */
export const oracleStatusTask = withSlotOptions(
  task(
    "oracle:status",
    "Show a slot: status, committee version, reports per member, value, dispute, and the bonds --account can withdraw",
  ),
)
  .addOption({
    name: "account",
    description: "whose withdrawable bonds to show (default: the first account)",
    defaultValue: "",
  })
  .setAction(
    lazyAction(["mission", "goal", "period"], async () => (await import("../actions/oracle-reports.js")).statusAction),
  )
  .build();
