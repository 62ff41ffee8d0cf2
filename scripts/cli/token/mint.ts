import { task } from "hardhat/config";
import { AMOUNT_OPTION, FROM_OPTION, lazyAction } from "../options.js";

/** `token:mint`: The local faucet: mint the example token of a local deployment (refused on other networks). */
export const tokenMintTask = task(
  "token:mint",
  "Local faucet: mint the example token of a local deployment to --to (refused on any network but chain 31337)",
)
  .addOption({ name: "to", description: "recipient address", defaultValue: "" })
  .addOption(AMOUNT_OPTION)
  .addOption({
    name: "token",
    description: "token with an open mint(address,uint256) (default: the example deployment's token)",
    defaultValue: "",
  })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["to", "amount"], async () => (await import("../actions/token.js")).mintAction))
  .build();
