import { task } from "hardhat/config";
import { FROM_OPTION, MISSION_OPTION, REGISTRY_OPTION, lazyAction } from "../options.js";

/** `mission:pledge`: Record a pledge: what you will contribute. */
export const missionPledgeTask = task("mission:pledge", "Record a pledge: what you will contribute")
  .addOption(MISSION_OPTION)
  .addOption({ name: "uri", description: "Where the pledge is described", defaultValue: "" })
  .addOption({ name: "content", description: "Pledge text (hashed) or its 0x\u2026 keccak256 hash", defaultValue: "" })
  .addOption(REGISTRY_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["mission", "content"], async () => (await import("../actions/mission.js")).pledgeAction))
  .build();
