/**
 * Open data from the indexer: the exporter's own reducer (`exportOpenData`, scripts/open-data) replays the events
 * stored in the `event` table instead of fetching them over RPC, so every table has the exporter's rows and columns
 * by construction; `writeOpenData` writes the very same files. The indexer is the log source: a read-only
 * `PublicClient` subset (chain id, head, logs, block timestamps) answered from the database; the exporter's only
 * view calls (each token's `decimals()` and `symbol()`, for the whole-token columns) go to the chain's RPC.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, count, gte, inArray, lte, max, sql } from "ponder";
import { createPublicClient, getAddress, http, type Address, type Hex, type Log, type PublicClient } from "viem";
import { exportOpenData, writeOpenData } from "../../../scripts/open-data/index.js";
import { event } from "../../ponder.schema.js";
import type { Suite } from "../suite.js";

/** The read-only Drizzle database of `ponder:api` (only `select` is used). */
type Db = (typeof import("ponder:api"))["db"];

/** The PublicClient calls the exporter makes: logs, head and block times from the `event` table, token reads by RPC. */
export function indexedLogSource(db: Db, chainId: number, head: bigint, rpcUrl: string) {
  const rpc = createPublicClient({ transport: http(rpcUrl) });
  return {
    readContract: rpc.readContract,
    getChainId: async () => chainId,
    getBlockNumber: async () => head,
    getLogs: async ({ address, fromBlock, toBlock }: { address: Address[]; fromBlock: bigint; toBlock: bigint }) => {
      const rows = await db
        .select()
        .from(event)
        .where(
          and(
            inArray(
              event.address,
              address.map((a) => a.toLowerCase() as Address),
            ),
            gte(event.blockNumber, fromBlock),
            lte(event.blockNumber, toBlock),
          ),
        )
        .orderBy(asc(event.blockNumber), asc(event.logIndex));
      return rows.map((r): Log => ({
        address: getAddress(r.address),
        blockNumber: r.blockNumber,
        blockHash: null,
        logIndex: r.logIndex,
        transactionHash: r.txHash,
        transactionIndex: null,
        topics: r.topics as [Hex, ...Hex[]],
        data: r.data,
        removed: false,
      }));
    },
    getBlock: async ({ blockNumber }: { blockNumber: bigint }) => {
      const [row] = await db
        .select({ timestamp: event.timestamp })
        .from(event)
        .where(sql`${event.blockNumber} = ${blockNumber}`)
        .limit(1);
      if (row === undefined) throw new Error(`indexer: no indexed event in block ${blockNumber}`);
      return { number: blockNumber, timestamp: row.timestamp };
    },
  };
}

/** Files of one export: `<table>.json`, `<table>.csv`, `manifest.json`, as the exporter writes them. */
export type OpenDataFiles = Map<string, string>;

let cached: { key: string; files: Promise<OpenDataFiles> } | undefined;

/**
 * The exporter's files for everything indexed so far, cached until the indexed events change (a new block, or a
 * reorg that replaced events: the key is the count, the head and a digest of every event id).
 */
export async function openDataFiles(db: Db, suite: Suite): Promise<OpenDataFiles> {
  const [state] = await db
    .select({
      rows: count(),
      head: max(event.blockNumber),
      digest: sql<string>`md5(coalesce(string_agg(${event.id}, ',' order by ${event.id}), ''))`,
    })
    .from(event);
  const head = state?.head === null || state?.head === undefined ? BigInt(suite.startBlock) : BigInt(state.head);
  const key = `${state?.rows}:${head}:${state?.digest}`;
  if (cached?.key === key) return cached.files;
  const files = build(db, suite, head);
  cached = { key, files };
  files.catch(() => {
    if (cached?.files === files) cached = undefined; // never cache a failure
  });
  return files;
}

async function build(db: Db, suite: Suite, head: bigint): Promise<OpenDataFiles> {
  const fromBlock = BigInt(suite.startBlock);
  const source = indexedLogSource(db, suite.chainId, head, suite.rpcUrl);
  // The exporter asks only for the calls above; the cast narrows PublicClient to the subset it uses.
  const result = await exportOpenData(
    source as unknown as PublicClient,
    {
      registry: suite.registry,
      oracle: suite.oracle,
      escrowFactory: suite.escrowFactory,
      scheduledEscrowFactory: suite.scheduledEscrowFactory,
      poolFactory: suite.poolFactory,
    },
    { fromBlock, toBlock: head < fromBlock ? fromBlock : head, chunkSize: head - fromBlock + 1n },
  );
  const dir = mkdtempSync(path.join(tmpdir(), "cic-indexer-open-data-"));
  try {
    const files: OpenDataFiles = new Map();
    for (const file of writeOpenData(dir, result)) files.set(path.basename(file), readFileSync(file, "utf8"));
    return files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
