import { task } from "hardhat/config";
import { FROM_OPTION, MISSION_OPTION, REGISTRY_OPTION, lazyAction } from "../options.js";

/** `mission:amend`: Add a goal version to a mission from a JSON mission document (steward only). */
export const missionAmendTask = task(
  "mission:amend",
  "Add a goal version to a mission from a JSON mission document (steward only)",
)
  .addOption(MISSION_OPTION)
  .addOption({ name: "file", description: "Mission document with the new goals", defaultValue: "" })
  .addOption({ name: "uri", description: "Metadata URI (default: the document's metadata.uri)", defaultValue: "" })
  .addOption(REGISTRY_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["mission", "file"], async () => (await import("../actions/mission.js")).amendAction))
  .build();
