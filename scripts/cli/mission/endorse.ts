import { task } from "hardhat/config";
import { FROM_OPTION, MISSION_OPTION, REGISTRY_OPTION, lazyAction } from "../options.js";

/** `mission:endorse`: Endorse another participant's contribution. */
export const missionEndorseTask = task("mission:endorse", "Endorse another participant's contribution")
  .addOption(MISSION_OPTION)
  .addOption({ name: "participant", description: "Address of the participant endorsed", defaultValue: "" })
  .addOption({ name: "contribution", description: "Contribution text (hashed) or its 0x\u2026 hash", defaultValue: "" })
  .addOption(REGISTRY_OPTION)
  .addOption(FROM_OPTION)
  .setAction(
    lazyAction(
      ["mission", "participant", "contribution"],
      async () => (await import("../actions/mission.js")).endorseAction,
    ),
  )
  .build();
