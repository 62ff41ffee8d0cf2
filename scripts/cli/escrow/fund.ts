import { task } from "hardhat/config";
import { ESCROW_OPTION, FROM_OPTION, lazyAction } from "../options.js";

/** `escrow:fund`: Deposits into an escrow, with a permit when the token has one, else approving exactly the amount. */
export const escrowFundTask = task(
  "escrow:fund",
  "Deposits into an escrow (whole tokens, e.g. 12.5): with an EIP-2612 permit when the token has one, else approving exactly the amount",
)
  .addOption(ESCROW_OPTION)
  .addOption({ name: "amount", description: "Amount in whole token units", defaultValue: "" })
  .addOption({ name: "for", description: "Credit this funder instead of the --from account", defaultValue: "" })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["escrow", "amount"], async () => (await import("../actions/escrow.js")).fundAction))
  .build();
