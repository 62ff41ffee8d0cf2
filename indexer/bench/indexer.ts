/**
 * `npm run bench:indexer` (= `hardhat run indexer/bench/indexer.ts`): the indexer against the exporter on one chain of
 * ≥ 100,000 events, side by side, written to bench/indexer.json.
 *
 *  1. A `hardhat node`; the demo's first chapters (registry, missions, crowd, committee, two escrows), then
 *     BENCH_ESCROWS more escrows with the terms of the first one (copied from its EscrowCreated event) and
 *     BENCH_FUNDERS deposits into each (`depositFor`, many transactions per block: automine off).
 *  2. The exporter from RPC (exportOpenData over HTTP): events per second.
 *  3. The indexer's catch-up from an empty PGlite (process start → /ready at the head): events per second.
 *  4. p50 / p95 latency of the mission dashboard (`/missions/1`: the mission, its escrows and pools) and an account's
 *     positions (`/accounts/<funder>`, with what it can claim), sequential requests on the same machine.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { decodeEventLog, encodeFunctionData, getAddress, parseAbi, type Address, type Hex, type PublicClient } from "viem";
import { z } from "zod";
import { createContext, need } from "../../scripts/demo/context.js";
import { crowdChapter } from "../../scripts/demo/crowd.js";
import { escrowChapter } from "../../scripts/demo/escrows.js";
import { missionChapter } from "../../scripts/demo/missions.js";
import { committeeChapter } from "../../scripts/demo/oracle.js";
import { exportOpenData } from "../../scripts/open-data/index.js";
import { startHardhatNode } from "../../test/ts/helpers/hardhat-cli.js";
import { startIndexer, waitForBlock } from "../../test/ts/indexer/ponder-process.js";
import { writeAddressBook } from "../scripts/story.js";
import { OutcomeEscrowFactoryAbi } from "../generated/abis.js";

const settings = z
  .object({
    BENCH_ESCROWS: z.coerce.number().int().positive().default(100),
    BENCH_FUNDERS: z.coerce.number().int().positive().default(1000),
    BENCH_QUERIES: z.coerce.number().int().positive().default(200),
    /** Also time the catch-up on this Postgres (e.g. the throwaway cluster of .ci/run). */
    BENCH_DATABASE_URL: z.string().url().optional(),
    /**
     * Empty blocks mined after the deposits, before either side is measured (both read the same head). Ponder
     * treats the last 30 blocks of a chain id it does not know (31337) as unfinalized and indexes them live, one
     * block at a time; this chain packs 500 deposits into each block, so without them 15% of all events (20,000-event
     * chain: 75%) would sit in that window, which on a real chain holds its last minutes, a sliver of its history.
     * 0 measures that case.
     */
    BENCH_EMPTY_BLOCKS: z.coerce.number().int().nonnegative().default(30),
    /** Where the figures go (a smaller profiling chain should not overwrite the committed ones). */
    BENCH_OUT: z.string().min(1).default(path.join("bench", "indexer.json")),
    /** Also write Ponder's log and its /metrics after the catch-up here (profiling). */
    BENCH_PONDER_LOG: z.string().min(1).optional(),
  })
  .parse(process.env);
const ESCROW_ABI = parseAbi(["function depositFor(address funder, uint256 amount) returns (uint256)"]);
const TOKEN_ABI = parseAbi([
  "function mint(address to, uint256 amount)",
  "function approve(address spender, uint256 amount) returns (bool)",
]);
const log = (line: string) => console.log(`[bench:indexer] ${line}`);
/** Ponder's own durations from its log (as it prints them, e.g. "46s", "1m 19s"): RPC fetch and whole backfill. */
const ponderPhases = (text: string) => ({
  rpcFetch: /Finished fetching backfill JSON-RPC data[^(]*\(([^)]+)\)/.exec(text)?.[1] ?? null,
  backfill: /Completed backfill indexing across all chains \(([^)]+)\)/.exec(text)?.[1] ?? null,
});
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const node = await startHardhatNode();
const work = mkdtempSync(path.join(tmpdir(), "cic-bench-indexer-"));
const deploymentId = `indexer-bench-${process.pid}`;
let bookDir: string | undefined;
try {
  const rpc = async (method: string, params: unknown[] = []): Promise<unknown> => {
    const res = await fetch(node.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = z.object({ result: z.unknown().optional(), error: z.unknown().optional() }).parse(await res.json());
    if (body.error !== undefined) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.result;
  };
  /** Sends many transactions in JSON-RPC batches (the node queues them: automine is off). */
  const sendAll = async (txs: { from: Address; to: Address; data: Hex }[], gas = "0x30000") => {
    for (let i = 0; i < txs.length; i += 500) {
      const batch = txs.slice(i, i + 500).map((tx, j) => ({
        jsonrpc: "2.0",
        id: i + j,
        method: "eth_sendTransaction",
        params: [{ ...tx, gas }],
      }));
      const res = await fetch(node.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(batch) });
      const answers = z.array(z.object({ error: z.unknown().optional() })).parse(await res.json());
      const failed = answers.find((a) => a.error !== undefined);
      if (failed !== undefined) throw new Error(`eth_sendTransaction: ${JSON.stringify(failed.error)}`);
      await rpc("evm_mine");
    }
  };

  const conn = await network.create({ network: "localhost", override: { url: node.url } });
  const client = (await conn.viem.getPublicClient()) as unknown as PublicClient;
  const ctx = await createContext(conn, () => {});
  await missionChapter(ctx);
  await crowdChapter(ctx);
  await committeeChapter(ctx);
  await escrowChapter(ctx);
  const registry = (await need(ctx.registry, "registry").getAddress()) as Address;
  const oracle = (await need(ctx.oracle, "oracle").getAddress()) as Address;
  const escrowFactory = (await need(ctx.escrowFactory, "escrow factory").getAddress()) as Address;
  const token = (await need(ctx.token, "token").getAddress()) as Address;
  bookDir = writeAddressBook(deploymentId, { registry, oracle, escrowFactory, poolFactory: "0x0000000000000000000000000000000000000000" });

  // More escrows with the first escrow's terms, read back from its EscrowCreated event.
  const [created] = await client.getLogs({ address: escrowFactory, fromBlock: 0n });
  if (created === undefined) throw new Error("bench: no EscrowCreated");
  const first = decodeEventLog({ abi: OutcomeEscrowFactoryAbi, data: created.data, topics: created.topics });
  if (first.eventName !== "EscrowCreated") throw new Error("bench: unexpected first factory event");
  const accounts = z.array(z.string()).parse(await rpc("eth_accounts")).map((a) => getAddress(a)).slice(0, 10);
  await rpc("evm_setAutomine", [false]);
  await rpc("evm_setBlockGasLimit", ["0x3B9ACA00"]);
  await sendAll(
    Array.from({ length: settings.BENCH_ESCROWS }, () => ({
      from: accounts[0]!,
      to: escrowFactory,
      data: encodeFunctionData({ abi: OutcomeEscrowFactoryAbi, functionName: "createEscrow", args: [first.args.terms] }),
    })),
    "0x1000000",
  );
  const escrows = (await client.getLogs({ address: escrowFactory, fromBlock: 0n }))
    .map((l) => decodeEventLog({ abi: OutcomeEscrowFactoryAbi, data: l.data, topics: l.topics }))
    .flatMap((d) => (d.eventName === "EscrowCreated" ? [getAddress(d.args.escrow)] : []))
    .slice(2);
  if (escrows.length !== settings.BENCH_ESCROWS) {
    throw new Error(`bench: ${escrows.length} of ${settings.BENCH_ESCROWS} escrows were created (a create reverted)`);
  }
  log(`${escrows.length} escrows created; funding them from ${accounts.length} payers`);
  const amount = 10n ** 18n;
  await sendAll([
    ...accounts.map((from) => ({
      from: accounts[0]!,
      to: token,
      data: encodeFunctionData({ abi: TOKEN_ABI, functionName: "mint", args: [from, amount * 10n ** 9n] }),
    })),
    ...accounts.flatMap((from) =>
      escrows.map((escrow) => ({
        from,
        to: token,
        data: encodeFunctionData({ abi: TOKEN_ABI, functionName: "approve", args: [escrow, 2n ** 255n] }),
      })),
    ),
  ]);
  const started = Date.now();
  for (const [e, escrow] of escrows.entries()) {
    await sendAll(
      Array.from({ length: settings.BENCH_FUNDERS }, (_, f) => ({
        from: accounts[f % accounts.length]!,
        to: escrow,
        data: encodeFunctionData({
          abi: ESCROW_ABI,
          functionName: "depositFor",
          args: [getAddress(`0x${(0xf00d0000n * 2n ** 128n + BigInt(f + 1)).toString(16).padStart(40, "0")}`), amount],
        }),
      })),
    );
    if ((e + 1) % 10 === 0) log(`deposits: ${e + 1}/${escrows.length} escrows (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await rpc("evm_setAutomine", [true]);
  // One evm_mine each: Ponder's live sync did not follow hardhat_mine's batch of blocks (it stayed at the first).
  for (let i = 0; i < settings.BENCH_EMPTY_BLOCKS; i++) await rpc("evm_mine");
  const head = await client.getBlockNumber();
  const depositLogs = await client.getLogs({ address: escrows, fromBlock: 0n, toBlock: head });
  if (depositLogs.length !== escrows.length * settings.BENCH_FUNDERS) {
    throw new Error(`bench: ${depositLogs.length} of ${escrows.length * settings.BENCH_FUNDERS} deposits succeeded`);
  }

  // The exporter from RPC.
  const exportStart = performance.now();
  const exported = await exportOpenData(client, { registry, oracle, escrowFactory }, { fromBlock: 0n, toBlock: head });
  const exportSeconds = (performance.now() - exportStart) / 1000;
  const events = exported.manifest.logCount;
  log(`exporter: ${events} events in ${exportSeconds.toFixed(1)} s`);

  // The indexer's catch-up from an empty database.
  const indexStart = performance.now();
  const indexer = await startIndexer({ rpcUrl: node.url, deploymentId, dataDir: path.join(work, "pglite") }, 600_000);
  // startIndexer returns once Ponder's server answers /health: build, database and migrations are done.
  const startupSeconds = (performance.now() - indexStart) / 1000;
  try {
    await waitForBlock(indexer, Number(head), 1_800_000, 200);
    const indexSeconds = (performance.now() - indexStart) / 1000;
    log(`indexer: caught up in ${indexSeconds.toFixed(1)} s (${startupSeconds.toFixed(1)} s of it before /health)`);
    if (settings.BENCH_PONDER_LOG !== undefined) {
      const metrics = await fetch(`${indexer.url}/metrics`).then((r) => r.text());
      writeFileSync(settings.BENCH_PONDER_LOG, `${indexer.log()}\n--- /metrics ---\n${metrics}`);
    }

    const time = async (url: string): Promise<number> => {
      const t = performance.now();
      const res = await fetch(url);
      if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
      await res.arrayBuffer();
      return performance.now() - t;
    };
    const dashboard: number[] = [];
    const account: number[] = [];
    const funder = (i: number) => getAddress(`0x${(0xf00d0000n * 2n ** 128n + BigInt((i % settings.BENCH_FUNDERS) + 1)).toString(16).padStart(40, "0")}`);
    await time(`${indexer.url}/missions/1`); // warm-up
    for (let i = 0; i < settings.BENCH_QUERIES; i++) {
      dashboard.push(await time(`${indexer.url}/missions/1`));
      account.push(await time(`${indexer.url}/accounts/${funder(i * 7919)}`));
    }
    dashboard.sort((a, b) => a - b);
    account.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    const result = {
      generatedAt: new Date().toISOString(),
      chain: {
        blocks: Number(head) + 1,
        escrows: escrows.length + 2,
        fundersPerEscrow: settings.BENCH_FUNDERS,
        emptyBlocksAtHead: settings.BENCH_EMPTY_BLOCKS,
      },
      events,
      exporter: { seconds: round(exportSeconds), eventsPerSec: Math.round(events / exportSeconds) },
      indexer: {
        database: "pglite",
        seconds: round(indexSeconds),
        eventsPerSec: Math.round(events / indexSeconds),
        note: "from process start (build, migrations) to /ready at the head block",
        startupSeconds: round(startupSeconds),
        afterStartupEventsPerSec: Math.round(events / (indexSeconds - startupSeconds)),
        ...ponderPhases(indexer.log()),
      },
      query: {
        samples: settings.BENCH_QUERIES,
        dashboard: { path: "/missions/1", p50Ms: round(percentile(dashboard, 50)), p95Ms: round(percentile(dashboard, 95)) },
        account: { path: "/accounts/<funder>", p50Ms: round(percentile(account, 50)), p95Ms: round(percentile(account, 95)) },
      },
    };
    mkdirSync(path.dirname(settings.BENCH_OUT), { recursive: true });
    const write = (value: object) => writeFileSync(settings.BENCH_OUT, JSON.stringify(value, null, 2) + "\n");
    write(result);
    log(JSON.stringify(result));
    if (settings.BENCH_DATABASE_URL !== undefined) {
      await indexer.stop(); // one indexer at a time on the node
      const pgStart = performance.now();
      const pg = await startIndexer(
        { rpcUrl: node.url, deploymentId, databaseUrl: settings.BENCH_DATABASE_URL, schema: `bench_${process.pid}` },
        600_000,
      );
      try {
        await waitForBlock(pg, Number(head), 1_800_000, 200);
        const pgSeconds = (performance.now() - pgStart) / 1000;
        const postgres = { seconds: round(pgSeconds), eventsPerSec: Math.round(events / pgSeconds), ...ponderPhases(pg.log()) };
        log(`indexer on Postgres: caught up in ${pgSeconds.toFixed(1)} s`);
        write({ ...result, indexerPostgres: postgres });
      } finally {
        await pg.stop();
      }
    }

  } finally {
    await indexer.stop();
  }
  await conn.close();
} finally {
  await node.stop();
  if (bookDir !== undefined) rmSync(bookDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}
