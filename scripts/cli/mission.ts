import { task } from "hardhat/config";
import type { TaskDefinition } from "hardhat/types/tasks";
import { FROM_OPTION } from "../core/signer.js";

const actions = () => import("./actions/mission.js");
const registry = {
  name: "registry",
  description: "MissionRegistry address (default: the address book)",
  defaultValue: "",
} as const;
const mission = { name: "mission", description: "Mission id or #hashtag", defaultValue: "" } as const;

/** `mission:*` — create, amend, steer and join missions of the MissionRegistry. */
export const missionTasks: TaskDefinition[] = [
  task("mission:create", "Create a mission from a JSON mission document (validated, hashed, checked before sending)")
    .addOption({ name: "file", description: "Mission document (schemas/mission.schema.json)", defaultValue: "" })
    .addOption({
      name: "steward",
      description: "Steward address (default: the document's, else the sender)",
      defaultValue: "",
    })
    .addOption({ name: "uri", description: "Metadata URI (default: the document's metadata.uri)", defaultValue: "" })
    .addOption(registry)
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await actions()).createAction }))
    .build(),
  task("mission:amend", "Add a goal version to a mission from a JSON mission document (steward only)")
    .addOption(mission)
    .addOption({ name: "file", description: "Mission document with the new goals", defaultValue: "" })
    .addOption({ name: "uri", description: "Metadata URI (default: the document's metadata.uri)", defaultValue: "" })
    .addOption(registry)
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await actions()).amendAction }))
    .build(),
  task("mission:show", "Show a mission: status, versions, goals in human units, participants")
    .addPositionalArgument({ name: "ref", description: "Mission id or #hashtag", defaultValue: "" })
    .addOption(registry)
    .setAction(async () => ({ default: (await actions()).showAction }))
    .build(),
  task("mission:list", "List every mission of the registry")
    .addOption(registry)
    .setAction(async () => ({ default: (await actions()).listAction }))
    .build(),
  task("mission:join", "Join a mission with roles (or add roles)")
    .addOption(mission)
    .addOption({
      name: "roles",
      description: "Comma-separated: funder,provider,evaluator,investor,supporter",
      defaultValue: "",
    })
    .addOption(registry)
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await actions()).joinAction }))
    .build(),
  task("mission:pledge", "Record a pledge: what you will contribute")
    .addOption(mission)
    .addOption({ name: "uri", description: "Where the pledge is described", defaultValue: "" })
    .addOption({ name: "content", description: "Pledge text (hashed) or its 0x… keccak256 hash", defaultValue: "" })
    .addOption(registry)
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await actions()).pledgeAction }))
    .build(),
  task("mission:endorse", "Endorse another participant's contribution")
    .addOption(mission)
    .addOption({ name: "participant", description: "Address of the participant endorsed", defaultValue: "" })
    .addOption({ name: "contribution", description: "Contribution text (hashed) or its 0x… hash", defaultValue: "" })
    .addOption(registry)
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await actions()).endorseAction }))
    .build(),
  task("mission:activate", "Draft → Active (steward only); goals are hard-wired from now on")
    .addOption(mission)
    .addOption(registry)
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await actions()).activateAction }))
    .build(),
  task("mission:conclude", "Active → Concluded (steward only)")
    .addOption(mission)
    .addOption(registry)
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await actions()).concludeAction }))
    .build(),
];
