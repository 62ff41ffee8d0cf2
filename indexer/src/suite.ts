/**
 * Which chain and which contracts the indexer reads, from the environment and the Ignition address book — no
 * address is typed by hand. Read by ponder.config.ts (and by the tests and the CLI).
 *
 *  - `INDEXER_NETWORK`: a network of hardhat.config.ts (default `localhost`); its chain id comes from NETWORKS.
 *  - `INDEXER_RPC_URL`: the JSON-RPC URL; default: the network's own variable (`LOCALHOST_RPC_URL`,
 *    `SEPOLIA_RPC_URL`, …), and http://127.0.0.1:8545 for localhost.
 *  - `IGNITION_DEPLOYMENT_ID`: the deployment folder under deploy/deployments (default `chain-<chainId>`), as for
 *    every CLI task.
 *  - start block: the first block of the deployment (Ignition's journal), or `INDEXER_START_BLOCK`.
 *  - `DATABASE_URL`: Postgres; without it PGlite in `INDEXER_DATA_DIR` (default indexer/.ponder/pglite).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getAddress, type Address } from "viem";
import { z } from "zod";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Networks of hardhat.config.ts the indexer knows: chain id and the variable holding the RPC URL. */
export const NETWORKS = {
  localhost: { chainId: 31337, rpcVariable: "LOCALHOST_RPC_URL", defaultRpc: "http://127.0.0.1:8545" },
  sepolia: { chainId: 11155111, rpcVariable: "SEPOLIA_RPC_URL", defaultRpc: undefined },
  baseSepolia: { chainId: 84532, rpcVariable: "BASE_SEPOLIA_RPC_URL", defaultRpc: undefined },
  opSepolia: { chainId: 11155420, rpcVariable: "OP_SEPOLIA_RPC_URL", defaultRpc: undefined },
} as const;
export type NetworkName = keyof typeof NETWORKS;

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 20-byte 0x address")
  .transform((a) => getAddress(a));
const addressBookSchema = z.record(z.string(), address);
/** The lines of Ignition's journal.jsonl we read: confirmed transactions and their block. */
const journalLine = z.object({ type: z.string(), receipt: z.object({ blockNumber: z.number() }).optional() });
const env = z.object({
  INDEXER_NETWORK: z.enum(Object.keys(NETWORKS) as [NetworkName, ...NetworkName[]]).default("localhost"),
  INDEXER_RPC_URL: z.string().url().optional(),
  INDEXER_START_BLOCK: z.coerce.number().int().nonnegative().optional(),
  IGNITION_DEPLOYMENT_ID: z.string().min(1).optional(),
  DATABASE_URL: z.string().url().optional(),
  INDEXER_DATA_DIR: z.string().min(1).optional(),
});

export interface Suite {
  network: NetworkName;
  chainId: number;
  rpcUrl: string;
  deploymentDir: string;
  registry: Address;
  oracle: Address;
  escrowFactory: Address;
  /** Absent in a deployment from before issue #12 (then no scheduled escrow is indexed). */
  scheduledEscrowFactory: Address | undefined;
  poolFactory: Address | undefined;
  easResolver: Address | undefined;
  startBlock: number;
  database: { kind: "postgres"; connectionString: string } | { kind: "pglite"; directory: string };
}

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

/** The suite to index, from `source` (default process.env). Throws one line naming what is missing. */
export function loadSuite(source: NodeJS.ProcessEnv = process.env): Suite {
  const parsed = env.safeParse(emptyToUndefined(source));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`indexer: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const e = parsed.data;
  const net = NETWORKS[e.INDEXER_NETWORK];
  const rpcUrl = e.INDEXER_RPC_URL ?? source[net.rpcVariable] ?? net.defaultRpc;
  if (rpcUrl === undefined || rpcUrl === "") {
    throw new Error(`indexer: set INDEXER_RPC_URL or ${net.rpcVariable} for network ${e.INDEXER_NETWORK}`);
  }
  const deploymentId = e.IGNITION_DEPLOYMENT_ID ?? `chain-${net.chainId}`;
  const deploymentDir = path.join(ROOT, "deploy", "deployments", deploymentId);
  const bookFile = path.join(deploymentDir, "deployed_addresses.json");
  if (!existsSync(bookFile)) {
    throw new Error(
      `indexer: no address book at ${path.relative(ROOT, bookFile)}; deploy with \`npm run deploy -- --network ${e.INDEXER_NETWORK}\` or set IGNITION_DEPLOYMENT_ID`,
    );
  }
  const book = addressBookSchema.parse(JSON.parse(readFileSync(bookFile, "utf8")));
  const find = (contract: string): Address | undefined =>
    Object.entries(book).find(([key]) => key.endsWith(`#${contract}`))?.[1];
  const need = (contract: string): Address => {
    const found = find(contract);
    if (found === undefined) throw new Error(`indexer: no ${contract} in ${path.relative(ROOT, bookFile)}`);
    return found;
  };
  return {
    network: e.INDEXER_NETWORK,
    chainId: net.chainId,
    rpcUrl,
    deploymentDir,
    registry: need("MissionRegistry"),
    oracle: need("MetricOracle"),
    escrowFactory: need("OutcomeEscrowFactory"),
    scheduledEscrowFactory: find("ScheduledEscrowFactory"),
    poolFactory: find("ImpactPoolFactory"),
    easResolver: find("EASReportResolver"),
    startBlock: e.INDEXER_START_BLOCK ?? deploymentStartBlock(deploymentDir),
    database:
      e.DATABASE_URL !== undefined
        ? { kind: "postgres", connectionString: e.DATABASE_URL }
        : { kind: "pglite", directory: e.INDEXER_DATA_DIR ?? path.join(ROOT, "indexer", ".ponder", "pglite") },
  };
}

/** The lowest block of a confirmed transaction in the deployment's journal; 0 when there is no journal. */
export function deploymentStartBlock(deploymentDir: string): number {
  const journal = path.join(deploymentDir, "journal.jsonl");
  if (!existsSync(journal)) return 0;
  let lowest: number | undefined;
  for (const line of readFileSync(journal, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const parsed = journalLine.safeParse(JSON.parse(line));
    if (!parsed.success || parsed.data.type !== "TRANSACTION_CONFIRM" || parsed.data.receipt === undefined) continue;
    const block = parsed.data.receipt.blockNumber;
    lowest = lowest === undefined ? block : Math.min(lowest, block);
  }
  return lowest ?? 0;
}
