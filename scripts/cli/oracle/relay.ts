import { task } from "hardhat/config";
import { FROM_OPTION, lazyAction } from "../options.js";

/** `oracle:relay`: Relay a signed reports file with reportBatch (to the network, or to any --rpc). */
export const oracleRelayTask = task(
  "oracle:relay",
  "Relay a signed reports file with reportBatch (to the network, or to any --rpc)",
)
  .addOption({ name: "file", description: "signed reports file (.json)", defaultValue: "" })
  .addOption({ name: "rpc", description: "JSON-RPC URL (default: the selected network)", defaultValue: "" })
  .addOption({ name: "key", description: "relayer key with --rpc (default: ORACLE_PRIVATE_KEY)", defaultValue: "" })
  .addOption({ name: "batchSize", description: "reports per transaction", defaultValue: "16" })
  .addOption({ ...FROM_OPTION, description: `${FROM_OPTION.description}; not with --rpc, which uses --key` })
  .setAction(lazyAction(["file"], async () => (await import("../actions/oracle-signing.js")).relayAction))
  .build();
