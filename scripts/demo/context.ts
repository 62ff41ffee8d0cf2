import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { network } from "hardhat";
import type { MissionRegistry } from "../../typechain-types/index.js";
import type { LoadedMission } from "../lib/mission-doc.js";

type Connection = Awaited<ReturnType<typeof network.create>>;

/** A named actor of the story. */
export interface Actor {
  name: string;
  organisation: string;
  signer: HardhatEthersSigner;
}

/** Everything the demo chapters share; later chapters (oracle, escrow, pool) add their contracts here. */
export interface DemoContext {
  ethers: Connection["ethers"];
  cast: Record<string, Actor>;
  registry?: MissionRegistry;
  missions: Record<string, { id: bigint; loaded: LoadedMission }>;
  say: (line?: string) => void;
}

/** The people of the story, one local account each. */
export const CAST: [key: string, name: string, organisation: string][] = [
  ["council", "Priya", "Riverside Council (steward of #ReadingForAll)"],
  ["healthBoard", "Morag", "Leith Health Board (steward of #HealthyAgeingLeith)"],
  ["foundation", "Amara", "Northern Lights Foundation (funder)"],
  ["buddies", "Ben", "Riverside Volunteer Network (provider)"],
  ["university", "Chen", "City University evaluation lab (evaluator)"],
  ["fund", "Dara", "Commons Impact Fund (investor)"],
  ["befrienders", "Eilidh", "Leith Befrienders (provider)"],
  ["neighbour", "Femi", "a neighbour (supporter)"],
];

export async function createContext(ethers: Connection["ethers"], say = console.log): Promise<DemoContext> {
  const signers = await ethers.getSigners();
  const cast: Record<string, Actor> = {};
  CAST.forEach(([key, name, organisation], i) => {
    const signer = signers[i];
    if (signer === undefined) throw new Error(`demo: need ${CAST.length} local accounts`);
    cast[key] = { name, organisation, signer };
  });
  return { ethers, cast, missions: {}, say };
}

export function actor(ctx: DemoContext, key: string): Actor {
  const found = ctx.cast[key];
  if (found === undefined) throw new Error(`demo: no actor "${key}"`);
  return found;
}

export function registryOf(ctx: DemoContext): MissionRegistry {
  if (ctx.registry === undefined) throw new Error("demo: the registry chapter has not run");
  return ctx.registry;
}
