import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { network } from "hardhat";
import { parseAbi, type PublicClient } from "viem";
import { z } from "zod";
import { exportOpenData, writeOpenData, type SuiteAddresses } from "../../../scripts/open-data/index.js";
import { runDemoStory, writeAddressBook, type StoryAddresses } from "../../../indexer/scripts/story.js";
import { startHardhatNode, type RunningNode } from "../helpers/hardhat-cli.js";
import { startIndexer, waitForBlock, type RunningIndexer } from "./ponder-process.js";

/**
 * The indexer end to end, shared by the indexer test files (open-data files, typed tables, schedules, queries, live
 * and reorg): the demo story on a real `hardhat node`, Ponder indexing it (PGlite; and Postgres when
 * INDEXER_TEST_DATABASE_URL names one — .ci/run starts a throwaway cluster). Started once per test run, by the first
 * file that asks (`indexerWorld()`), and stopped after the last test (a root `after` hook).
 */

/** A connected node-postgres client (pg comes with Ponder; typed here with the three calls the test makes). */
export async function postgresClient(connectionString: string) {
  type Client = { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> };
  const pg = (await import("pg")) as { default: { Client: new (o: { connectionString: string }) => Client } };
  const client = new pg.default.Client({ connectionString });
  await client.connect();
  return client;
}

export const REGISTRY_ABI = parseAbi(["function join(uint256 missionId, uint8 roles)"]);

/** The exporter's files for the node's current chain (the reference every indexer result is compared with). */
export async function exporterFiles(client: PublicClient, addresses: SuiteAddresses): Promise<Map<string, string>> {
  const dir = mkdtempSync(path.join(tmpdir(), "cic-exporter-"));
  try {
    const written = writeOpenData(dir, await exportOpenData(client, addresses, { fromBlock: 0n, chunkSize: 5000n }));
    return new Map(
      written
        .filter((f) => !f.endsWith("manifest.json"))
        .map((f) => [path.basename(f), readFileSync(f, "utf8")] as const),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same files, downloaded from the indexer's /open-data. */
export async function indexerFiles(indexer: RunningIndexer, names: Iterable<string>): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of names) {
    const res = await fetch(`${indexer.url}/open-data/${name}`);
    if (!res.ok) throw new Error(`GET /open-data/${name}: ${res.status} ${await res.text()}`);
    files.set(name, await res.text());
  }
  return files;
}

export function expectSameFiles(actual: Map<string, string>, expected: Map<string, string>): void {
  expect([...actual.keys()].sort()).to.deep.equal([...expected.keys()].sort());
  for (const [name, body] of expected) expect(actual.get(name), name).to.equal(body);
}

export const gql = async (indexer: RunningIndexer, query: string): Promise<unknown> => {
  const res = await fetch(`${indexer.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = z.object({ data: z.unknown(), errors: z.array(z.unknown()).optional() }).parse(await res.json());
  if (body.errors !== undefined) throw new Error(`graphql: ${JSON.stringify(body.errors)}`);
  return body.data;
};

export const rowsOf = (files: Map<string, string>, table: string): Record<string, unknown>[] =>
  z.array(z.record(z.string(), z.unknown())).parse(JSON.parse(files.get(`${table}.json`) ?? "null"));

/** A table cell as text: numbers, bigints and strings as themselves, anything else as JSON. */
export const cellText = (v: unknown): string =>
  typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean"
    ? String(v)
    : JSON.stringify(v);

/** What every indexer test file shares: the node, the story's contracts and the indexer following them. */
export interface World {
  node: RunningNode;
  conn: Awaited<ReturnType<typeof network.create>>;
  client: PublicClient;
  story: StoryAddresses;
  addresses: SuiteAddresses;
  indexer: RunningIndexer;
  deploymentId: string;
  /** A scratch folder for PGlite directories and exported files. */
  work: string;
  head(): Promise<number>;
}

let shared: Promise<World> | undefined;
let bookDir: string | undefined;

async function startWorld(): Promise<World> {
  const deploymentId = `indexer-e2e-${process.pid}-${Date.now()}`;
  const work = mkdtempSync(path.join(tmpdir(), "cic-indexer-"));
  const node = await startHardhatNode();
  const conn = await network.create({ network: "localhost", override: { url: node.url } });
  const client = await conn.viem.getPublicClient();
  const story = await runDemoStory(conn);
  bookDir = writeAddressBook(deploymentId, story);
  const addresses: SuiteAddresses = {
    registry: story.registry,
    oracle: story.oracle,
    escrowFactory: story.escrowFactory,
    scheduledEscrowFactory: story.scheduledEscrowFactory,
    poolFactory: story.poolFactory,
  };
  const head = async (): Promise<number> => Number(await client.getBlockNumber());
  const indexer = await startIndexer({ rpcUrl: node.url, deploymentId, dataDir: path.join(work, "pglite-a") });
  await waitForBlock(indexer, await head());
  return { node, conn, client, story, addresses, indexer, deploymentId, work, head };
}

/** The shared world, started on first use. */
export function indexerWorld(): Promise<World> {
  shared ??= startWorld();
  return shared;
}

after(async function () {
  this.timeout(60_000);
  if (shared === undefined) return;
  const w = await shared;
  await w.indexer.stop();
  await w.conn.close();
  await w.node.stop();
  if (bookDir !== undefined) rmSync(bookDir, { recursive: true, force: true });
  rmSync(w.work, { recursive: true, force: true });
});
