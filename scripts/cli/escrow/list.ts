import { task } from "hardhat/config";
import { ESCROW_FACTORY_OPTION, lazyAction } from "../options.js";

/** `escrow:list`: Lists escrows (of one mission, or all), one line each: status, funded, funding deadline. */
export const escrowListTask = task(
  "escrow:list",
  "Lists escrows (of one mission, or all), one line each: status, funded, funding deadline",
)
  .addOption({ name: "mission", description: "Mission id or #hashtag (default: all)", defaultValue: "" })
  .addOption(ESCROW_FACTORY_OPTION)
  .setAction(lazyAction([], async () => (await import("../actions/escrow.js")).listAction))
  .build();
