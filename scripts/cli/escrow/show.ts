import { task } from "hardhat/config";
import { ESCROW_OPTION, lazyAction } from "../options.js";

/** `escrow:show`: Shows an escrow: terms, funding and achievement. */
export const escrowShowTask = task("escrow:show", "Shows an escrow: terms, funding and achievement")
  .addOption(ESCROW_OPTION)
  .setAction(lazyAction(["escrow"], async () => (await import("../actions/escrow.js")).showAction))
  .build();
