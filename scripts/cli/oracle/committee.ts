import { task } from "hardhat/config";
import { FROM_OPTION, MISSION_OPTION, ORACLE_OPTION, lazyAction } from "../options.js";

/** `oracle:committee`: Show a mission's committee, or set a new version (steward) when --members is given. */
export const oracleCommitteeTask = task(
  "oracle:committee",
  "Show a mission's committee, or set a new version (steward) when --members is given",
)
  .addOption(ORACLE_OPTION)
  .addOption(MISSION_OPTION)
  .addOption({
    name: "members",
    description: "comma-separated member addresses (sets a new version)",
    defaultValue: "",
  })
  .addOption({ name: "quorum", description: "reports needed (1 \u2264 k \u2264 n)", defaultValue: "" })
  .addOption({ name: "window", description: "challenge window in seconds", defaultValue: "86400" })
  .addOption({ name: "bondToken", description: "ERC-20 of the dispute bond", defaultValue: "" })
  .addOption({ name: "bond", description: "dispute bond in whole tokens, e.g. 100", defaultValue: "" })
  .addOption({ name: "arbiter", description: "who resolves disputes", defaultValue: "" })
  .addOption({
    name: "adapter",
    description: "adapter: a contract member that reports as itself and may withdraw its report (e.g. EAS resolver)",
    defaultValue: "",
  })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["mission"], async () => (await import("../actions/oracle-committee.js")).committeeAction))
  .build();
