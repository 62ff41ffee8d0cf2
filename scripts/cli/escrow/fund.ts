import { task } from "hardhat/config";
import { ESCROW_OPTION, FROM_OPTION, lazyAction } from "../options.js";

/** `escrow:fund`: Approves and deposits into an escrow (amount in token units, e.g. 12.5). */
export const escrowFundTask = task(
  "escrow:fund",
  "Approves and deposits into an escrow (amount in token units, e.g. 12.5)",
)
  .addOption(ESCROW_OPTION)
  .addOption({ name: "amount", description: "Amount in whole token units", defaultValue: "" })
  .addOption({ name: "for", description: "Credit this funder instead of the --from account", defaultValue: "" })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["escrow", "amount"], async () => (await import("../actions/escrow.js")).fundAction))
  .build();
