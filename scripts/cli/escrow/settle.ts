import { task } from "hardhat/config";
import { ESCROW_OPTION, FROM_OPTION, lazyAction } from "../options.js";

/** `escrow:settle`: Settles an escrow from the oracle (permissionless); `--point N`: point N of a scheduled escrow. */
export const escrowSettleTask = task("escrow:settle", "Settles an escrow from the oracle (permissionless)")
  .addOption(ESCROW_OPTION)
  .addOption({
    name: "point",
    description: "Point of a scheduled escrow's payment schedule to settle (0-based; default: a plain escrow)",
    defaultValue: "",
  })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["escrow"], async () => (await import("../actions/escrow.js")).settleAction))
  .build();
