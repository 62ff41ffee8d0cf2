import { task } from "hardhat/config";
import { FROM_OPTION, MISSION_OPTION, REGISTRY_OPTION, lazyAction } from "../options.js";

/** `mission:join`: Join a mission with roles (or add roles). */
export const missionJoinTask = task("mission:join", "Join a mission with roles (or add roles)")
  .addOption(MISSION_OPTION)
  .addOption({
    name: "roles",
    description: "Comma-separated: funder,provider,evaluator,investor,supporter",
    defaultValue: "",
  })
  .addOption(REGISTRY_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["mission", "roles"], async () => (await import("../actions/mission.js")).joinAction))
  .build();
