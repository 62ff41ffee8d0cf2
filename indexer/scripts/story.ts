/**
 * The demo story (scripts/demo/story.ts: chapters 1–6e, up to the classed pool) on any Hardhat network connection — e.g. a `hardhat node` — and an
 * Ignition-format address book of what it deployed, so the indexer and the exporter read the same contracts from
 * the same place. The demo deploys with `deployContract` rather than Ignition; the address book it gets here has the
 * same shape (`deploy/deployments/<id>/deployed_addresses.json`, `<Module>#<Contract>` keys).
 *
 * CLI: `IGNITION_DEPLOYMENT_ID=demo-story npx hardhat run --network localhost indexer/scripts/story.ts`
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Address } from "viem";
import { createContext, need, type Connection } from "../../scripts/demo/context.js";
import { storyChapters } from "../../scripts/demo/story.js";

export interface StoryAddresses {
  registry: Address;
  oracle: Address;
  escrowFactory: Address;
  scheduledEscrowFactory: Address;
  poolFactory: Address;
  /** The block before the story's first transaction. */
  startBlock: bigint;
}

/** Runs the demo's chapters 1–6e through `conn`; returns the suite's addresses. */
export async function runDemoStory(conn: Connection, say: (line?: string) => void = () => {}): Promise<StoryAddresses> {
  const ctx = await createContext(conn, say);
  await storyChapters(ctx);
  return {
    registry: (await need(ctx.registry, "registry").getAddress()) as Address,
    oracle: (await need(ctx.oracle, "oracle").getAddress()) as Address,
    escrowFactory: (await need(ctx.escrowFactory, "escrow factory").getAddress()) as Address,
    scheduledEscrowFactory: (await need(
      ctx.scheduledEscrowFactory,
      "scheduled escrow factory",
    ).getAddress()) as Address,
    poolFactory: (await need(ctx.poolFactory, "pool factory").getAddress()) as Address,
    startBlock: ctx.startBlock,
  };
}

/**
 * Writes `deploy/deployments/<deploymentId>/deployed_addresses.json` for `addresses` (the pool factory and the
 * scheduled escrow factory only when the story deployed them); returns its folder.
 */
export function writeAddressBook(
  deploymentId: string,
  addresses: Omit<StoryAddresses, "startBlock" | "poolFactory" | "scheduledEscrowFactory"> & {
    poolFactory?: Address;
    scheduledEscrowFactory?: Address;
  },
): string {
  const dir = path.join("deploy", "deployments", deploymentId);
  mkdirSync(dir, { recursive: true });
  const book = {
    "DemoStory#MissionRegistry": addresses.registry,
    "DemoStory#MetricOracle": addresses.oracle,
    "DemoStory#OutcomeEscrowFactory": addresses.escrowFactory,
    ...(addresses.poolFactory === undefined ? {} : { "DemoStory#ImpactPoolFactory": addresses.poolFactory }),
    ...(addresses.scheduledEscrowFactory === undefined
      ? {}
      : { "DemoStory#ScheduledEscrowFactory": addresses.scheduledEscrowFactory }),
  };
  writeFileSync(path.join(dir, "deployed_addresses.json"), JSON.stringify(book, null, 2) + "\n");
  return dir;
}

// `hardhat run indexer/scripts/story.ts`: the story on the chosen network, then its address book.
if (process.argv.some((a) => a.endsWith("story.ts"))) {
  const { network } = await import("hardhat");
  const conn = await network.create();
  const id =
    process.env.IGNITION_DEPLOYMENT_ID ?? `chain-${await conn.ethers.provider.getNetwork().then((n) => n.chainId)}`;
  const addresses = await runDemoStory(conn, console.log);
  console.log(
    `address book: ${writeAddressBook(id, addresses)}/deployed_addresses.json (start block ${addresses.startBlock})`,
  );
}
