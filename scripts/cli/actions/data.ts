import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { createPublicClient, http, type Address, type PublicClient } from "viem";
import { z } from "zod";
import { CliError, flags, parseFlag, runTask, type TaskResult } from "../../core/cli.js";
import path from "node:path";
import { deploymentFile, deploymentId, readAddressBook, resolveAddress } from "../../core/address-book.js";
import { isUnreachable } from "../../core/chain.js";
import { deploymentStartBlock } from "../../../indexer/src/suite.js";
import { exportOpenData, writeOpenData, type SuiteAddresses } from "../../open-data/index.js";

export interface ExportArgs {
  out: string;
  fromBlock: string;
  toBlock: string;
  chunk: string;
  rpc: string;
  registry: string;
  oracle: string;
  escrowFactory: string;
  /** Optional: a deployment without an ImpactPoolFactory still exports (without pools). */
  poolFactory?: string;
  /** Optional: a deployment without a ScheduledEscrowFactory (before issue #12) still exports (without them). */
  scheduledEscrowFactory?: string;
  /** Optional: the base URL of a running indexer to download the files from (indexer/). */
  fromIndexer?: string;
}

const url = z
  .string()
  .url("must be an http(s) URL")
  .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");

/** Validates every flag before any request; returns the parsed options. */
export function parseExportArgs(args: ExportArgs) {
  if (args.out.trim() === "") throw new CliError("--out: required (a directory)");
  return {
    out: args.out,
    fromBlock: args.fromBlock === "" ? undefined : parseFlag("from-block", flags.uint, args.fromBlock),
    toBlock: args.toBlock === "" ? undefined : parseFlag("to-block", flags.uint, args.toBlock),
    chunkSize: parseFlag("chunk", flags.positiveUint, args.chunk),
    rpc: args.rpc === "" ? undefined : parseFlag("rpc", url, args.rpc),
  };
}

/**
 * The suite addresses of `chainId`: flags first, else the Ignition address book. The pool factory and the scheduled
 * escrow factory are optional: an older deployment without one exports everything else (a bad `--pool-factory` or
 * `--scheduled-escrow-factory` flag is still an error).
 */
export function suiteAddresses(chainId: number, args: ExportArgs): SuiteAddresses {
  const book = Object.keys(readAddressBook(chainId));
  const optional = (contract: string, flag: string, value = ""): Address | undefined =>
    value !== "" || book.some((key) => key.endsWith(`#${contract}`))
      ? (resolveAddress(contract, chainId, flag, value) as Address)
      : undefined;
  return {
    registry: resolveAddress("MissionRegistry", chainId, "registry", args.registry) as Address,
    oracle: resolveAddress("MetricOracle", chainId, "oracle", args.oracle) as Address,
    escrowFactory: resolveAddress("OutcomeEscrowFactory", chainId, "escrow-factory", args.escrowFactory) as Address,
    scheduledEscrowFactory: optional("ScheduledEscrowFactory", "scheduled-escrow-factory", args.scheduledEscrowFactory),
    poolFactory: optional("ImpactPoolFactory", "pool-factory", args.poolFactory),
  };
}

/**
 * The first block to read when `--from-block` is not given: the first block of the Ignition deployment the addresses
 * come from (its journal, as the indexer reads it: `deploymentStartBlock`), so no request covers the blocks before
 * the suite existed; 0 when an address is given by flag (another deployment) or there is no journal.
 */
export function defaultFromBlock(chainId: number, args: ExportArgs): { block: bigint; from: string } {
  const flagged = [
    args.registry,
    args.oracle,
    args.escrowFactory,
    args.poolFactory ?? "",
    args.scheduledEscrowFactory ?? "",
  ].some((a) => a !== "");
  if (flagged) return { block: 0n, from: "an address given by flag" };
  const dir = path.dirname(deploymentFile(chainId));
  return { block: BigInt(deploymentStartBlock(dir)), from: `deployment ${deploymentId(chainId)}` };
}

/**
 * Progress of a range longer than one chunk, one line on `write` (stderr): blocks done of the total and events so far,
 * at most every `intervalMs` (the first after `intervalMs`), and the last chunk's line once any was printed.
 */
export function progressPrinter(
  chunks: bigint,
  write: (line: string) => void,
  intervalMs: number,
  clock: () => number = Date.now,
): (done: bigint, total: bigint, events: number) => void {
  let last = clock();
  let printed = false;
  return (done, total, events) => {
    if (chunks <= 1n) return;
    const now = clock();
    if (now - last < intervalMs && !(done === total && printed)) return;
    last = now;
    printed = true;
    const percent = total === 0n ? 100n : (done * 100n) / total;
    write(`data:export: ${done} of ${total} blocks read (${percent} %), ${events} events so far`);
  };
}

/** Exports through `client`; prints one line per table and the manifest path, and progress on `progress`. */
export async function runExport(
  client: PublicClient,
  args: ExportArgs,
  log: (line: string) => void = console.log,
  progress: { write: (line: string) => void; intervalMs: number } = {
    write: (line) => process.stderr.write(`${line}\n`),
    intervalMs: 1000,
  },
): Promise<void> {
  const parsed = parseExportArgs(args);
  const chainId = await client.getChainId();
  const addresses = suiteAddresses(chainId, args);
  const latest = await client.getBlockNumber();
  if (parsed.toBlock !== undefined && parsed.toBlock > latest) {
    throw new CliError(`--to-block: ${parsed.toBlock} is after the latest block ${latest}`);
  }
  const toBlock = parsed.toBlock ?? latest;
  if (parsed.fromBlock !== undefined && parsed.fromBlock > toBlock) {
    throw new CliError(`--from-block: ${parsed.fromBlock} is after --to-block ${toBlock}`);
  }
  const start = parsed.fromBlock === undefined ? defaultFromBlock(chainId, args) : undefined;
  if (start !== undefined && start.block > toBlock) {
    throw new CliError(
      `--from-block: ${start.from} starts at block ${start.block}, after the last block to read ${toBlock} (a restarted node? deploy again, or pass --from-block)`,
    );
  }
  const fromBlock = parsed.fromBlock ?? start?.block ?? 0n;
  const chunks = (toBlock - fromBlock) / parsed.chunkSize + 1n;
  const result = await exportOpenData(client, addresses, {
    fromBlock,
    toBlock,
    chunkSize: parsed.chunkSize,
    onProgress: progressPrinter(chunks, progress.write, progress.intervalMs),
  });
  writeOpenData(parsed.out, result);
  const m = result.manifest;
  log(
    `chain ${m.chainId}, blocks ${m.fromBlock}–${m.toBlock}, ${m.logCount} events in ${m.requests} requests → ${parsed.out}/`,
  );
  for (const [table, info] of Object.entries(m.tables)) log(`  ${table.padEnd(22)} ${info.rows} rows`);
}

export const exportAction = (args: ExportArgs, hre: HardhatRuntimeEnvironment): Promise<TaskResult> =>
  runTask(async () => {
    const parsed = parseExportArgs(args);
    if (args.fromIndexer !== undefined && args.fromIndexer !== "") {
      const { downloadOpenData } = await import("../../../indexer/scripts/open-data-client.js");
      await downloadOpenData(parseFlag("from-indexer", url, args.fromIndexer), parsed.out);
      return;
    }
    if (parsed.rpc !== undefined) {
      try {
        await runExport(createPublicClient({ transport: http(parsed.rpc) }), args);
      } catch (err) {
        if (isUnreachable(err))
          throw new CliError(`--rpc: cannot reach ${parsed.rpc} (is the node running? is the URL right?)`);
        throw err;
      }
      return;
    }
    const { viem } = await hre.network.getOrCreate();
    await runExport(await viem.getPublicClient(), args);
  });
