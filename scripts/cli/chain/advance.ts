import { task } from "hardhat/config";
import { lazyAction } from "../options.js";

/** `chain:advance`: Move a local network's clock: mine one block --days later or at --to (refused on other networks). */
export const chainAdvanceTask = task(
  "chain:advance",
  "Move a local network's clock: mine one block --days after the latest, or at --to (refused on any network but chain 31337)",
)
  .addOption({ name: "days", description: "days to move forward, e.g. 30 or 1.5", defaultValue: "" })
  .addOption({
    name: "to",
    description: "or the time to move to: an ISO date-time (2030-08-01T00:00:00Z) or unix seconds",
    defaultValue: "",
  })
  .setAction(lazyAction([], async () => (await import("../actions/chain.js")).advanceAction))
  .build();
