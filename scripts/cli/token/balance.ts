import { task } from "hardhat/config";
import { lazyAction } from "../options.js";

/** `token:balance`: An account's balance of a token, in whole tokens with the symbol. */
export const tokenBalanceTask = task("token:balance", "Show an account's balance of a token, in whole tokens")
  .addOption({
    name: "token",
    description: "ERC-20 address (default: the example deployment's token)",
    defaultValue: "",
  })
  .addOption({ name: "account", description: "whose balance (default: the first account)", defaultValue: "" })
  .setAction(lazyAction([], async () => (await import("../actions/token.js")).balanceAction))
  .build();
