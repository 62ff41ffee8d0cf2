import { task } from "hardhat/config";
import { ESCROW_OPTION, FROM_OPTION, lazyAction } from "../options.js";

/** `escrow:settle`: Settles an escrow from the oracle (permissionless). */
export const escrowSettleTask = task("escrow:settle", "Settles an escrow from the oracle (permissionless)")
  .addOption(ESCROW_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["escrow"], async () => (await import("../actions/escrow.js")).settleAction))
  .build();
