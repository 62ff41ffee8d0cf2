import { task } from "hardhat/config";
import { lazyAction, withSlotOptions } from "../options.js";

/** `oracle:status`: Show a slot: status, committee version, reports per member, value, dispute. */
export const oracleStatusTask = withSlotOptions(
  task("oracle:status", "Show a slot: status, committee version, reports per member, value, dispute"),
)
  .setAction(lazyAction(["mission", "goal", "period"], async () => (await import("../actions/oracle.js")).statusAction))
  .build();
