import { task } from "hardhat/config";
import { FROM_OPTION, MISSION_OPTION, REGISTRY_OPTION, lazyAction } from "../options.js";

/** `mission:activate`: Draft → Active (steward only); goals are hard-wired from now on. */
export const missionActivateTask = task(
  "mission:activate",
  "Draft \u2192 Active (steward only); goals are hard-wired from now on",
)
  .addOption(MISSION_OPTION)
  .addOption(REGISTRY_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["mission"], async () => (await import("../actions/mission.js")).activateAction))
  .build();
