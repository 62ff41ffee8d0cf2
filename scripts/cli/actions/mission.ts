import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { resolveAddress } from "../../core/address-book.js";
import { CliError, flags, parseFlag, runTask, type TaskResult } from "../../core/cli.js";
import { latestTime, openChain, requireCode, requireKind, senderOf } from "../../core/chain.js";
import { textHash } from "../../formats/content-hash.js";
import { loadMissionDoc, parseRoles, roleNames } from "../../formats/mission-doc.js";
import {
  amendMissionFromDoc,
  createMissionFromDoc,
  formatMission,
  preflight,
  readMission,
  readParticipants,
  resolveMissionId,
} from "../../core/mission-ops.js";
import { MissionRegistry__factory, type MissionRegistry } from "../../../typechain-types/index.js";

interface Common {
  registry: string;
  /** The sending account (read-only tasks have none: the first account). */
  from?: string;
}

/** The chain's latest block time and signer; the registry is resolved only when asked (after input checks). */
async function open(hre: HardhatRuntimeEnvironment, args: Common) {
  const chain = await openChain(hre);
  const now = Number(await latestTime(chain.ethers.provider));
  const signer = await senderOf(chain, args.from);
  const registry = async (): Promise<MissionRegistry> => {
    const address = resolveAddress("MissionRegistry", chain.chainId, "registry", args.registry);
    const registry = MissionRegistry__factory.connect(await requireCode(chain, "registry", address), signer);
    await requireKind("registry", address, "MissionRegistry", () => registry.missionCount());
    return registry;
  };
  return { signer, now, registry };
}

/** The registry (signed by `--from`) and the signer. */
async function connect(hre: HardhatRuntimeEnvironment, args: Common) {
  const session = await open(hre, args);
  return { ...session, registry: await session.registry() };
}

/** Text → keccak256 of its UTF-8 bytes; a 0x-prefixed 32-byte hex string is taken as the hash itself. */
function hashOrText(flag: string, value: string): string {
  if (value === "") throw new CliError(`--${flag}: is required (text, or a 0x… 32-byte hash)`);
  if (value.startsWith("0x")) return parseFlag(flag, flags.bytes32, value);
  return textHash(value);
}

function requireFlag(flag: string, value: string): string {
  if (value.trim() === "") throw new CliError(`--${flag}: is required`);
  return value.trim();
}

/**
 * What `mission:create` and `mission:amend` share: the `--file` document loaded (relative times against the chain's
 * clock), the registry, and the metadata URI (`--uri`, else the document's `metadata.uri`).
 */
async function openDocument(hre: HardhatRuntimeEnvironment, args: Common & { file: string; uri: string }) {
  const file = requireFlag("file", args.file);
  const session = await open(hre, args);
  const loaded = loadMissionDoc(file, { now: session.now });
  const uri = args.uri !== "" ? args.uri : (loaded.doc.metadata?.uri ?? "");
  return { session, loaded, registry: await session.registry(), uri };
}

export async function createAction(
  args: Common & { file: string; steward: string; uri: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const { session, loaded, registry, uri } = await openDocument(hre, args);
    const steward =
      args.steward !== ""
        ? parseFlag("steward", flags.address, args.steward)
        : (loaded.doc.steward ?? (await session.signer.getAddress()));
    const id = await createMissionFromDoc(registry, loaded, { steward, uri });
    console.log(`mission ${id} ${loaded.doc.hashtag} created (Draft), document ${loaded.contentHash}`);
  });
}

export async function amendAction(
  args: Common & { mission: string; file: string; uri: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const { loaded, registry, uri } = await openDocument(hre, args);
    const id = await resolveMissionId(registry, requireFlag("mission", args.mission));
    const version = await amendMissionFromDoc(registry, id, loaded, uri);
    console.log(`mission ${id}: goal version ${version} added, document ${loaded.contentHash}`);
  });
}

export async function showAction(args: Common & { ref: string }, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const { registry } = await connect(hre, args);
    const id = await resolveMissionId(registry, requireFlag("ref", args.ref), "ref");
    const view = await readMission(registry, id);
    const lines = formatMission(view);
    for (const p of await readParticipants(registry, id)) {
      lines.push(
        `  participant ${p.account} [${p.roles.join(", ")}] pledges ${p.pledgeCount}, endorsements +${p.endorsementsReceived}/-${p.endorsementsGiven}`,
      );
    }
    console.log(lines.join("\n"));
  });
}

export async function listAction(args: Common, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const { registry } = await connect(hre, args);
    const count = await registry.missionCount();
    if (count === 0n) console.log("no missions yet");
    for (let id = 1n; id <= count; id++) {
      const m = await registry.getMission(id);
      const tag = Buffer.from(m.hashtag.slice(2), "hex").toString("utf8").replace(/\0+$/, "");
      const status = ["None", "Draft", "Active", "Concluded"][Number(m.status)];
      console.log(
        `${id}\t#${tag}\t${status}\tgoals ${m.goalCount} (v${m.versionCount})\tparticipants ${m.participantCount}\tsteward ${m.steward}`,
      );
    }
  });
}

export async function joinAction(
  args: Common & { mission: string; roles: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const roles = parseRoles(args.roles);
    const { registry, signer } = await connect(hre, args);
    const id = await resolveMissionId(registry, requireFlag("mission", args.mission));
    await preflight("--mission", () => registry.join.staticCall(id, roles));
    await (await registry.join(id, roles)).wait();
    const held = await registry.getParticipant(id, await signer.getAddress());
    console.log(`${await signer.getAddress()} joined mission ${id} as ${roleNames(Number(held.roles)).join(", ")}`);
  });
}

export async function pledgeAction(
  args: Common & { mission: string; uri: string; content: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const hash = hashOrText("content", args.content);
    const { registry, signer } = await connect(hre, args);
    const id = await resolveMissionId(registry, requireFlag("mission", args.mission));
    await preflight("--mission", () => registry.pledge.staticCall(id, args.uri, hash));
    await (await registry.pledge(id, args.uri, hash)).wait();
    console.log(`${await signer.getAddress()} pledged to mission ${id}: ${hash}`);
  });
}

export async function endorseAction(
  args: Common & { mission: string; participant: string; contribution: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const participant = parseFlag("participant", flags.address, args.participant);
    const hash = hashOrText("contribution", args.contribution);
    const { registry, signer } = await connect(hre, args);
    const id = await resolveMissionId(registry, requireFlag("mission", args.mission));
    await preflight("--participant", () => registry.endorse.staticCall(id, participant, hash));
    await (await registry.endorse(id, participant, hash)).wait();
    console.log(`${await signer.getAddress()} endorsed ${participant} in mission ${id} for ${hash}`);
  });
}

async function advance(
  args: Common & { mission: string },
  hre: HardhatRuntimeEnvironment,
  to: "activate" | "conclude",
): Promise<TaskResult> {
  return runTask(async () => {
    const { registry } = await connect(hre, args);
    const id = await resolveMissionId(registry, requireFlag("mission", args.mission));
    await preflight("--mission", () => registry[to].staticCall(id));
    await (await registry[to](id)).wait();
    const view = await readMission(registry, id);
    console.log(`mission ${id} ${view.hashtag} is now ${view.status}`);
  });
}

export const activateAction = (args: Common & { mission: string }, hre: HardhatRuntimeEnvironment) =>
  advance(args, hre, "activate");
export const concludeAction = (args: Common & { mission: string }, hre: HardhatRuntimeEnvironment) =>
  advance(args, hre, "conclude");
