import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { createPublicClient, http, type Address, type PublicClient } from "viem";
import { z } from "zod";
import { CliError, flags, parseFlag, runTask, type TaskResult } from "../../core/cli.js";
import { readAddressBook, resolveAddress } from "../../core/address-book.js";
import { isUnreachable } from "../../core/chain.js";
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
 * The suite addresses of `chainId`: flags first, else the Ignition address book. The pool factory is optional: an
 * older deployment without one exports everything else (a bad `--pool-factory` flag is still an error).
 */
export function suiteAddresses(chainId: number, args: ExportArgs): SuiteAddresses {
  const poolFlag = args.poolFactory ?? "";
  const hasPoolFactory =
    poolFlag !== "" || Object.keys(readAddressBook(chainId)).some((key) => key.endsWith("#ImpactPoolFactory"));
  return {
    registry: resolveAddress("MissionRegistry", chainId, "registry", args.registry) as Address,
    oracle: resolveAddress("MetricOracle", chainId, "oracle", args.oracle) as Address,
    escrowFactory: resolveAddress("OutcomeEscrowFactory", chainId, "escrow-factory", args.escrowFactory) as Address,
    poolFactory: hasPoolFactory
      ? (resolveAddress("ImpactPoolFactory", chainId, "pool-factory", poolFlag) as Address)
      : undefined,
  };
}

/** Exports through `client`; prints one line per table and the manifest path. */
export async function runExport(
  client: PublicClient,
  args: ExportArgs,
  log: (line: string) => void = console.log,
): Promise<void> {
  const parsed = parseExportArgs(args);
  const chainId = await client.getChainId();
  const addresses = suiteAddresses(chainId, args);
  const latest = await client.getBlockNumber();
  if (parsed.toBlock !== undefined && parsed.toBlock > latest) {
    throw new CliError(`--to-block: ${parsed.toBlock} is after the latest block ${latest}`);
  }
  if (parsed.fromBlock !== undefined && parsed.fromBlock > (parsed.toBlock ?? latest)) {
    throw new CliError(`--from-block: ${parsed.fromBlock} is after --to-block ${parsed.toBlock ?? latest}`);
  }
  const result = await exportOpenData(client, addresses, {
    fromBlock: parsed.fromBlock,
    toBlock: parsed.toBlock ?? latest,
    chunkSize: parsed.chunkSize,
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
