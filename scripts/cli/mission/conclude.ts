import { task } from "hardhat/config";
import { FROM_OPTION, MISSION_OPTION, REGISTRY_OPTION, lazyAction } from "../options.js";

/** `mission:conclude`: Active → Concluded (steward only). */
export const missionConcludeTask = task("mission:conclude", "Active \u2192 Concluded (steward only)")
  .addOption(MISSION_OPTION)
  .addOption(REGISTRY_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["mission"], async () => (await import("../actions/mission.js")).concludeAction))
  .build();
