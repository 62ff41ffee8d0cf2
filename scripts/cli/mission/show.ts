import { task } from "hardhat/config";
import { REGISTRY_OPTION, lazyAction } from "../options.js";

/** `mission:show`: Show a mission: status, versions, goals in human units, participants. */
export const missionShowTask = task(
  "mission:show",
  "Show a mission: status, versions, goals in human units, participants",
)
  .addPositionalArgument({ name: "ref", description: "Mission id or #hashtag", defaultValue: "" })
  .addOption(REGISTRY_OPTION)
  .setAction(lazyAction([], async () => (await import("../actions/mission.js")).showAction))
  .build();
