import { task } from "hardhat/config";
import { REGISTRY_OPTION, lazyAction } from "../options.js";

/** `mission:list`: List every mission of the registry. */
export const missionListTask = task("mission:list", "List every mission of the registry")
  .addOption(REGISTRY_OPTION)
  .setAction(lazyAction([], async () => (await import("../actions/mission.js")).listAction))
  .build();
