import { task } from "hardhat/config";
import { FROM_OPTION, ORACLE_OPTION, lazyAction } from "../options.js";

/** `oracle:withdraw-bond`: Withdraw the dispute bonds credited to the --from account in one token. */
export const oracleWithdrawBondTask = task(
  "oracle:withdraw-bond",
  "Withdraw the dispute bonds credited to the --from account (returned, or forfeited to it) in one token",
)
  .addOption(ORACLE_OPTION)
  .addOption({
    name: "token",
    description: "bond token (default: the example deployment's token)",
    defaultValue: "",
  })
  .addOption(FROM_OPTION)
  .setAction(lazyAction([], async () => (await import("../actions/oracle-disputes.js")).withdrawBondAction))
  .build();
