import { task } from "hardhat/config";
import { FROM_OPTION, lazyAction, withSlotOptions } from "../options.js";

/** `oracle:resolve`: Resolve a dispute as the arbiter: --value N or --invalid. */
export const oracleResolveTask = withSlotOptions(
  task("oracle:resolve", "Resolve a dispute as the arbiter: --value N or --invalid"),
)
  .addOption({
    name: "value",
    description: "the correct value, in the goal's own decimals (e.g. 70.1)",
    defaultValue: "",
  })
  .addFlag({ name: "invalid", description: "declare the slot invalid (Unresolved)" })
  .addOption(FROM_OPTION)
  .setAction(
    lazyAction(
      ["mission", "goal", "period"],
      async () => (await import("../actions/oracle-disputes.js")).resolveAction,
    ),
  )
  .build();
