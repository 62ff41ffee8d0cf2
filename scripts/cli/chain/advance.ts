import { task } from "hardhat/config";
import { lazyAction } from "../options.js";

/** `chain:advance`: Move a local network's clock: mine one block --days later (refused on other networks). */
export const chainAdvanceTask = task(
  "chain:advance",
  "Move a local network's clock: mine one block --days after the latest (refused on any network but chain 31337)",
)
  .addOption({ name: "days", description: "days to move forward, e.g. 30 or 1.5", defaultValue: "" })
  .setAction(lazyAction(["days"], async () => (await import("../actions/chain.js")).advanceAction))
  .build();
