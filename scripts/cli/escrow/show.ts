import { task } from "hardhat/config";
import { ESCROW_OPTION, lazyAction } from "../options.js";

/**
 * `escrow:show`: Shows an escrow: full terms, funding and achievement, and with --account that account's position; a
 * scheduled escrow point by point (trigger, terms, payment settled or previewed, paid vs still possible).
 */
export const escrowShowTask = task(
  "escrow:show",
  "Shows an escrow: full terms, funding and achievement, or each point of a scheduled escrow (with --account: that account's position)",
)
  .addOption(ESCROW_OPTION)
  .addOption({
    name: "account",
    description: "also show this account's deposit, claimable and refundable amounts",
    defaultValue: "",
  })
  .setAction(lazyAction(["escrow"], async () => (await import("../actions/escrow.js")).showAction))
  .build();
