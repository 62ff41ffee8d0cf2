import { task } from "hardhat/config";
import { ESCROW_OPTION, FROM_OPTION, lazyAction } from "../options.js";

/** `escrow:claim`: Claims a beneficiary's share. */
export const escrowClaimTask = task("escrow:claim", "Claims a beneficiary's share")
  .addOption(ESCROW_OPTION)
  .addOption({ name: "account", description: "Beneficiary to pay (default: the --from account)", defaultValue: "" })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["escrow"], async () => (await import("../actions/escrow.js")).claimAction))
  .build();
