import { task } from "hardhat/config";
import { ORACLE_OPTION, lazyAction } from "../options.js";

/** `oracle:sign`: Sign EIP-712 reports from a JSON/CSV file of metric values and write them to a file. */
export const oracleSignTask = task(
  "oracle:sign",
  "Sign EIP-712 reports from a JSON/CSV file of metric values and write them to a file",
)
  .addOption(ORACLE_OPTION)
  .addOption({
    name: "file",
    description: "metric values in each goal's unit, e.g. 72.5 (.json or .csv; a decimals column to sign offline)",
    defaultValue: "",
  })
  .addOption({ name: "out", description: "signed reports file to write (.json)", defaultValue: "" })
  .addOption({ name: "key", description: "private key (default: ORACLE_PRIVATE_KEY from .env)", defaultValue: "" })
  .addOption({ name: "nonce", description: "first nonce (default: read from the oracle)", defaultValue: "" })
  .addOption({
    name: "chainId",
    description:
      "sign offline for this chain id (no network; needs --nonce, and --oracle unless the address book has it)",
    defaultValue: "",
  })
  .addOption({ name: "ttl", description: "signature lifetime in seconds", defaultValue: "604800" })
  .setAction(lazyAction(["file", "out"], async () => (await import("../actions/oracle-signing.js")).signAction))
  .build();
