/**
 * Open data: rebuilds the suite's public state from events ALONE through any viem `PublicClient` —
 * an RPC URL or Hardhat's in-process network — and writes one JSON and one CSV file per table plus a
 * `manifest.json`. Every table and column is documented in `docs/open-data.md` (and in `tables.ts`). The only view
 * calls are each token's `decimals()` and `symbol()` (once per token), for the whole-token human columns.
 *
 * Modules: `fetch.ts` reads logs in chunks and discovers clones, `decode.ts` decodes them with the generated
 * `as const` ABIs, `reducers/` (one per domain: registry, oracle, escrow, schedule, pool, classes) apply them to `state.ts`, `tables.ts`
 * defines the tables and `write.ts` writes them.
 *
 * Adding a contract kind = its ABI in `decode.ts` (`ABIS`), a creation event in `fetch.ts` (`discovered`), a reducer
 * in `reducers/` listed in `REDUCERS` below, and its tables in `tables.ts`.
 */
import { getAddress, type Address, type PublicClient } from "viem";
import { decode, type Decoded, type Kind } from "./decode.js";
import { fetchEvents, type SuiteAddresses, type SuiteLog } from "./fetch.js";
import { reduceEscrow, reduceEscrowFactory } from "./reducers/escrow.js";
import { reduceOracle } from "./reducers/oracle.js";
import { reducePoolClass } from "./reducers/classes.js";
import { reducePool, reducePoolFactory } from "./reducers/pool.js";
import { reduceRegistry } from "./reducers/registry.js";
import { reduceScheduledEscrow, reduceScheduledEscrowFactory } from "./reducers/schedule.js";
import { State, type Tables } from "./state.js";
import { perTable, type TableName } from "./tables.js";
import { tokenUnit } from "./tokens.js";

export { TABLES, TABLE_NAMES, type Cell, type Row, type TableName } from "./tables.js";
export type { BondRow, DepositRow, EscrowRow, PayoutRow, PoolRow, ShareTransferRow, Tables } from "./state.js";
export type { PoolClassPointRow, PoolClassRow, PoolClassTransferRow, PoolGuaranteeRow } from "./reducers/class-rows.js";
export type { ScheduledEscrowRow, SchedulePointRow, SchedulePointTermRow } from "./reducers/schedule-rows.js";
export type { SuiteAddresses } from "./fetch.js";
export { writeOpenData } from "./write.js";

export interface ExportOptions {
  fromBlock?: bigint;
  /** Default: the latest block. */
  toBlock?: bigint;
  /** Blocks per eth_getLogs request (default 2000). */
  chunkSize?: bigint;
  /** Fetch block timestamps for the blocks that have events (default true). */
  timestamps?: boolean;
  /** Called after each chunk with (blocks done, blocks total, events read so far). */
  onProgress?: (done: bigint, total: bigint, events: number) => void;
}

export interface Manifest {
  generator: string;
  chainId: number;
  fromBlock: string;
  toBlock: string;
  chunkSize: string;
  requests: number;
  logCount: number;
  contracts: {
    registry?: Address;
    oracle?: Address;
    escrowFactory?: Address;
    scheduledEscrowFactory?: Address;
    poolFactory?: Address;
    escrows: Address[];
    scheduledEscrows: Address[];
    pools: Address[];
    /** Class share tokens of classed pools (issue #13). */
    poolClasses: Address[];
  };
  /** Every token the tables move (escrow, pool and bond tokens): its decimals and symbol, for the human columns. */
  tokens: Record<string, { decimals: number; symbol: string | null }>;
  tables: Record<TableName, { rows: number; json: string; csv: string }>;
}

export interface ExportResult {
  tables: Tables;
  manifest: Manifest;
}

/** The reducer of each contract kind. */
const REDUCERS: { [K in Kind]: (state: State, d: Decoded<K>) => void } = {
  registry: reduceRegistry,
  oracle: reduceOracle,
  escrowFactory: reduceEscrowFactory,
  escrow: reduceEscrow,
  scheduledEscrowFactory: reduceScheduledEscrowFactory,
  scheduledEscrow: reduceScheduledEscrow,
  poolFactory: reducePoolFactory,
  pool: reducePool,
  poolClass: reducePoolClass,
};

/** Decodes one log with the ABI of its kind and applies it with that kind's reducer (typed arguments throughout). */
function apply<K extends Kind>(state: State, l: SuiteLog & { kind: K }): void {
  const decoded = decode(l.kind, l.address, l.log, l.meta);
  if (decoded !== undefined) REDUCERS[l.kind](state, decoded);
}

/** Rebuilds the open-data tables from events in [fromBlock, toBlock]. */
export async function exportOpenData(
  client: PublicClient,
  addresses: SuiteAddresses,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const fromBlock = options.fromBlock ?? 0n;
  const toBlock = options.toBlock ?? (await client.getBlockNumber());
  const chunkSize = options.chunkSize ?? 2000n;
  if (chunkSize < 1n) throw new Error("exporter: chunkSize must be at least 1");
  if (toBlock < fromBlock) throw new Error(`exporter: toBlock ${toBlock} is before fromBlock ${fromBlock}`);
  const chainId = await client.getChainId();

  const state = new State();
  const range = { fromBlock, toBlock, chunkSize, timestamps: options.timestamps !== false };
  let events = 0;
  const stats = await fetchEvents(client, addresses, range, (logs, to) => {
    for (const l of logs) apply(state, l);
    events += logs.length;
    options.onProgress?.(to - fromBlock + 1n, toBlock - fromBlock + 1n, events);
  });

  const tables = state.tables();
  const tokens = await tokenUnits(client, [
    ...tables.escrows.map((e) => e.token),
    ...tables.scheduled_escrows.map((e) => e.token),
    ...tables.pools.map((p) => p.token),
    ...tables.bonds.map((b) => b.token),
    ...[...state.disputes.values()].map((d) => d.bondToken),
    ...tables.committees.flatMap((c) => (typeof c.bondToken === "string" ? [c.bondToken] : [])),
  ]);
  const manifest: Manifest = {
    generator: "collective-impact-contracts open-data exporter",
    chainId,
    fromBlock: fromBlock.toString(),
    toBlock: toBlock.toString(),
    chunkSize: chunkSize.toString(),
    requests: stats.requests,
    logCount: stats.logCount,
    contracts: {
      registry: addresses.registry,
      oracle: addresses.oracle,
      escrowFactory: addresses.escrowFactory,
      scheduledEscrowFactory: addresses.scheduledEscrowFactory,
      poolFactory: addresses.poolFactory,
      escrows: stats.escrows,
      scheduledEscrows: stats.scheduledEscrows,
      pools: stats.pools,
      poolClasses: stats.poolClasses,
    },
    tokens,
    tables: perTable((t) => ({ rows: tables[t].length, json: `${t}.json`, csv: `${t}.csv` })),
  };
  return { tables, manifest };
}

/** The units of each distinct token (one read each, in order of appearance); tokens without `decimals()` left out. */
async function tokenUnits(client: PublicClient, tokens: string[]): Promise<Manifest["tokens"]> {
  const out: Manifest["tokens"] = {};
  for (const token of new Set(tokens)) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(token)) continue;
    const address = getAddress(token);
    const unit = await tokenUnit(client, address);
    if (unit !== undefined) out[address] = unit;
  }
  return out;
}
