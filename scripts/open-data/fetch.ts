/**
 * Reading the chain: logs in block-range chunks (`chunkSize` blocks per eth_getLogs). In each chunk the core
 * contracts' logs are fetched first; the factories' creation events in them reveal new clones (escrows, scheduled
 * escrows, pools, and a classed pool's class share tokens), whose logs are then fetched for the same chunk and every
 * later one. Each chunk's logs are decoded
 * and handed over in (block, log index) order, so the result does not depend on the chunk size.
 */
import { getAddress, zeroAddress, type Address, type PublicClient } from "viem";
import { decode, type Kind, type Meta, type MinedLog } from "./decode.js";

/** The suite's core addresses; clones are discovered from the factories' events. */
export interface SuiteAddresses {
  registry?: Address;
  oracle?: Address;
  escrowFactory?: Address;
  /** Optional: a deployment from before issue #12 has no ScheduledEscrowFactory. */
  scheduledEscrowFactory?: Address;
  poolFactory?: Address;
}
const CORE_KINDS = [
  "registry",
  "oracle",
  "escrowFactory",
  "scheduledEscrowFactory",
  "poolFactory",
] as const satisfies readonly (Kind & keyof SuiteAddresses)[];

export interface FetchRange {
  fromBlock: bigint;
  toBlock: bigint;
  chunkSize: bigint;
  /** Fetch block timestamps for the blocks that have events. */
  timestamps: boolean;
}

export interface FetchStats {
  requests: number;
  logCount: number;
  /** Clones discovered, in order of discovery. */
  escrows: Address[];
  scheduledEscrows: Address[];
  pools: Address[];
  /** Class share tokens of classed pools (`CapitalStructureCreated.classTokens`, zero addresses left out). */
  poolClasses: Address[];
}

/** A log of the suite with the kind of contract that emitted it and where it comes from. */
export interface SuiteLog {
  kind: Kind;
  address: Address;
  log: MinedLog;
  meta: Meta;
}

type CloneKind = "escrow" | "scheduledEscrow" | "pool" | "poolClass";

/** The clones a factory's creation event reveals, if `l` is one (a classed pool's event: its class tokens). */
function discovered(l: SuiteLog): { kind: CloneKind; address: Address }[] {
  if (l.kind === "escrowFactory") {
    const d = decode(l.kind, l.address, l.log, l.meta);
    return d?.event.eventName === "EscrowCreated" ? [{ kind: "escrow", address: getAddress(d.event.args.escrow) }] : [];
  }
  if (l.kind === "scheduledEscrowFactory") {
    const d = decode(l.kind, l.address, l.log, l.meta);
    return d?.event.eventName === "ScheduledEscrowCreated"
      ? [{ kind: "scheduledEscrow", address: getAddress(d.event.args.escrow) }]
      : [];
  }
  if (l.kind === "poolFactory") {
    const d = decode(l.kind, l.address, l.log, l.meta);
    if (d === undefined) return [];
    const e = d.event;
    // A pool in scheduled mode (ScheduledPoolCreated) is the same contract kind as a basket pool.
    if (e.eventName === "PoolCreated" || e.eventName === "ScheduledPoolCreated") {
      return [{ kind: "pool", address: getAddress(e.args.pool) }];
    }
    // A classed pool's class share tokens (zero past its class count).
    return e.args.classTokens
      .map((t) => getAddress(t))
      .filter((t) => t !== zeroAddress)
      .map((address) => ({ kind: "poolClass" as const, address }));
  }
  return [];
}

/**
 * Reads every log of the suite in `range`, chunk by chunk: `onChunk` gets each chunk's logs in (block, log index)
 * order, with their contract kinds and block times, and the last block of the chunk.
 */
export async function fetchEvents(
  client: PublicClient,
  addresses: SuiteAddresses,
  range: FetchRange,
  onChunk: (logs: SuiteLog[], to: bigint) => void,
): Promise<FetchStats> {
  const kindOf = new Map<Address, Kind>();
  const core: Address[] = [];
  for (const kind of CORE_KINDS) {
    const address = addresses[kind];
    if (address === undefined) continue;
    kindOf.set(getAddress(address), kind);
    core.push(getAddress(address));
  }
  const clones: Address[] = [];
  const timestamps = new Map<bigint, bigint>();
  const stats: FetchStats = {
    requests: 0,
    logCount: 0,
    escrows: [],
    scheduledEscrows: [],
    pools: [],
    poolClasses: [],
  };

  const getLogs = async (address: Address[], from: bigint, to: bigint): Promise<MinedLog[]> => {
    if (address.length === 0) return [];
    stats.requests += 1;
    return client.getLogs({ address, fromBlock: from, toBlock: to });
  };
  const suiteLog = (log: MinedLog): SuiteLog | undefined => {
    const address = getAddress(log.address);
    const kind = kindOf.get(address);
    if (kind === undefined) return undefined;
    const meta: Meta = {
      blockNumber: log.blockNumber,
      timestamp: timestamps.get(log.blockNumber) ?? null,
      txHash: log.transactionHash,
      logIndex: log.logIndex,
    };
    return { kind, address, log, meta };
  };

  for (let from = range.fromBlock; from <= range.toBlock; from += range.chunkSize) {
    const to = from + range.chunkSize - 1n < range.toBlock ? from + range.chunkSize - 1n : range.toBlock;
    const coreLogs = await getLogs(core, from, to);
    for (const log of coreLogs) {
      const l = suiteLog(log);
      for (const found of l === undefined ? [] : discovered(l)) {
        if (kindOf.has(found.address)) continue;
        kindOf.set(found.address, found.kind);
        clones.push(found.address);
        const list = {
          escrow: stats.escrows,
          scheduledEscrow: stats.scheduledEscrows,
          pool: stats.pools,
          poolClass: stats.poolClasses,
        };
        list[found.kind].push(found.address);
      }
    }
    const cloneLogs = await getLogs(clones, from, to);
    const logs = [...coreLogs, ...cloneLogs].sort(
      (x, y) => Number(x.blockNumber - y.blockNumber) || x.logIndex - y.logIndex,
    );
    stats.logCount += logs.length;
    if (range.timestamps) {
      const blocks = [...new Set(logs.map((l) => l.blockNumber))].filter((b) => !timestamps.has(b));
      const fetched = await Promise.all(blocks.map((blockNumber) => client.getBlock({ blockNumber })));
      fetched.forEach((b) => timestamps.set(b.number, b.timestamp));
      stats.requests += blocks.length;
    }
    onChunk(
      logs.map(suiteLog).filter((l) => l !== undefined),
      to,
    );
  }
  return stats;
}
