import { task } from "hardhat/config";
import { ESCROW_OPTION, FROM_OPTION, lazyAction } from "../options.js";

/** `escrow:refund`: Refunds a funder's share. */
export const escrowRefundTask = task("escrow:refund", "Refunds a funder's share")
  .addOption(ESCROW_OPTION)
  .addOption({ name: "account", description: "Funder to pay (default: the --from account)", defaultValue: "" })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["escrow"], async () => (await import("../actions/escrow.js")).refundAction))
  .build();
