import { task } from "hardhat/config";
import { FROM_OPTION, REGISTRY_OPTION, lazyAction } from "../options.js";

/** `mission:create`: Create a mission from a JSON mission document (validated, hashed, checked before sending). */
export const missionCreateTask = task(
  "mission:create",
  "Create a mission from a JSON mission document (validated, hashed, checked before sending)",
)
  .addOption({ name: "file", description: "Mission document (schemas/mission.schema.json)", defaultValue: "" })
  .addOption({
    name: "steward",
    description: "Steward address (default: the document's, else the sender)",
    defaultValue: "",
  })
  .addOption({ name: "uri", description: "Metadata URI (default: the document's metadata.uri)", defaultValue: "" })
  .addOption(REGISTRY_OPTION)
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["file"], async () => (await import("../actions/mission.js")).createAction))
  .build();
