/** Signed reports: `oracle:sign` (online or fully offline) and `oracle:relay` (one batch, by anyone). */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { z } from "zod";
import { getAddress } from "viem";
import { CliError, flags, parseFlag, runTask, type TaskResult } from "../../core/cli.js";
import { resolveAddress } from "../../core/address-book.js";
import { isUnreachable, latestTime, openChain, senderOf } from "../../core/chain.js";
import { type MetricReport, type MetricRow, readMetricFile, toMetricReport } from "../../reporter/metric-file.js";
import { firstFreeNonce, reporterAccount, type SignedReport, signReports } from "../../reporter/signing.js";
import { readSignedFile, writeSignedFile } from "../../reporter/signed-file.js";
import { refusalOf, type Refused, relaySignedReports, rpcClients, skippedEntries } from "../../reporter/relay.js";
import { connect, goalDecimals as decimalsOfGoal } from "./oracle-slot.js";

export async function signAction(
  args: { oracle: string; file: string; out: string; key: string; nonce: string; ttl: string; chainId: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const rows = readMetricFile(args.file);
    const account = reporterAccount(args.key === "" ? undefined : args.key);
    const ttl = parseFlag("ttl", flags.positiveUint, args.ttl);
    const { chainId, oracleAddress, nonce, deadline, goalDecimals } =
      args.chainId === ""
        ? await signingContextOnline(hre, args, account.address, ttl)
        : signingContextOffline(args, ttl);
    // Values are written in each goal's unit (`72.5`); they are signed scaled with its decimals (725).
    const reports: MetricReport[] = [];
    for (const [i, row] of rows.entries()) reports.push(toMetricReport(row, i, await goalDecimals?.(row)));
    const signed = await signReports(account, { chainId, oracle: oracleAddress }, reports, nonce, deadline);
    writeSignedFile(args.out, { chainId, oracle: oracleAddress, reports: signed });
    console.log(
      `signed ${signed.length} report(s) as ${account.address} (nonces ${nonce}…${nonce + BigInt(signed.length) - 1n}) → ${args.out}`,
    );
  });
}

interface SigningContext {
  chainId: bigint;
  oracleAddress: `0x${string}`;
  nonce: bigint;
  deadline: bigint;
  /** The decimals of a row's goal, read from the registry; offline, undefined (the file's `decimals` column). */
  goalDecimals?: (row: MetricRow) => Promise<number>;
}

/** With a network: the chain id, the oracle's next nonce for the signer, the chain's clock and goals come from it. */
async function signingContextOnline(
  hre: HardhatRuntimeEnvironment,
  args: { oracle: string; nonce: string },
  signer: string,
  ttl: bigint,
): Promise<SigningContext> {
  const { ethers, chainId, oracle } = await connect(hre, args.oracle);
  const nonce =
    args.nonce === ""
      ? await firstFreeNonce((w) => oracle.nonceBitmap(signer, w))
      : parseFlag("nonce", flags.uint, args.nonce);
  const deadline = (await latestTime(ethers.provider)) + ttl;
  return {
    chainId,
    oracleAddress: getAddress(await oracle.getAddress()),
    nonce,
    deadline,
    goalDecimals: (row) => decimalsOfGoal(oracle, { mission: row.missionId, goal: row.goalId }),
  };
}

/**
 * Offline (`--chain-id`): nothing touches a network. The oracle is `--oracle` or the address book of that chain, the
 * first nonce must be given, the deadline is this machine's clock + `--ttl`, and each goal's decimals come from the
 * file's `decimals` column.
 */
function signingContextOffline(args: { oracle: string; nonce: string; chainId: string }, ttl: bigint): SigningContext {
  const chainId = parseFlag("chainId", flags.positiveUint, args.chainId);
  const oracleAddress = getAddress(resolveAddress("MetricOracle", chainId, "oracle", args.oracle));
  if (args.nonce === "") {
    throw new CliError("--nonce: required with --chain-id (offline, the oracle's next nonce cannot be read)");
  }
  const nonce = parseFlag("nonce", flags.uint, args.nonce);
  const deadline = BigInt(Math.floor(Date.now() / 1000)) + ttl;
  return { chainId, oracleAddress, nonce, deadline };
}

export async function relayAction(
  args: { file: string; rpc: string; key: string; batchSize: string; from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    if (args.file === "") throw new CliError("--file: required (a signed reports file)");
    if (args.rpc !== "" && args.from !== "")
      throw new CliError("--from: not used with --rpc (the relayer there is --key)");
    const batchSize = Number(
      parseFlag(
        "batchSize",
        flags.positiveUint.refine((b) => b <= 256n, "must be at most 256"),
        args.batchSize,
      ),
    );
    const signed = readSignedFile(args.file);
    const { wallet, publicClient } =
      args.rpc === "" ? await networkRelayer(hre, args.from, signed.chainId) : await rpcRelayer(args, signed.chainId);
    const relayer = wallet.account?.address;
    if (relayer === undefined) throw new CliError("relayer: the wallet client has no account");
    // A report the oracle refuses alone (a used nonce, an expired signature, a non-member…) is refused in a batch
    // too: it is explained, not sent; when none is left, nothing is sent.
    const sendable: { index: number; report: SignedReport }[] = [];
    const refused: Refused[] = [];
    for (const [index, report] of signed.reports.entries()) {
      const reason = await refusalOf(publicClient, signed.oracle, report, relayer);
      if (reason === undefined) sendable.push({ index, report });
      else refused.push({ index, reason });
    }
    const first = refused[0];
    if (sendable.length === 0 && first !== undefined) {
      if (refused.length === 1) throw new CliError(`report ${first.index}: ${first.reason}`);
      for (const r of refused) console.log(`report ${r.index} not relayed: ${r.reason}`);
      throw new CliError(
        `none of the ${refused.length} reports can be relayed (report ${first.index}: ${first.reason})`,
      );
    }
    for (const r of refused) console.log(`report ${r.index} not relayed: ${r.reason}`);
    const reports = sendable.map((entry) => entry.report);
    const hashes = await relaySignedReports(wallet, publicClient, signed.oracle, reports, batchSize);
    // Reports refused only in the batch (a second report of one member, a slot the batch itself proposed…).
    const skipped = await skippedEntries(publicClient, signed.oracle, sendable, hashes, batchSize, relayer);
    for (const r of skipped) console.log(`report ${r.index} skipped by the oracle: ${r.reason}`);
    const accepted = sendable.length - skipped.length;
    const count = accepted === signed.reports.length ? `${accepted}` : `${accepted} of ${signed.reports.length}`;
    console.log(`relayed ${count} report(s) in ${hashes.length} transaction(s): ${hashes.join(", ")}`);
  });
}

/** The relayer on the selected network: its `--from` account; the network must be the chain the reports are for. */
async function networkRelayer(hre: HardhatRuntimeEnvironment, fromFlag: string, signedFor: bigint) {
  const chain = await openChain(hre);
  if (chain.chainId !== signedFor) {
    throw new CliError(`chainId: reports were signed for chain ${signedFor}, the network is chain ${chain.chainId}`);
  }
  const publicClient = await chain.connection.viem.getPublicClient();
  const sender = await senderOf(chain, fromFlag);
  const wallet = await chain.connection.viem.getWalletClient(getAddress(sender.address));
  return { wallet, publicClient };
}

/** The relayer on any JSON-RPC URL (`--rpc`), signing with `--key`; an unreachable URL is one line naming the flag. */
async function rpcRelayer(args: { rpc: string; key: string }, signedFor: bigint) {
  const url = parseFlag("rpc", z.string().url("must be a URL"), args.rpc);
  const { wallet, publicClient } = rpcClients(url, reporterAccount(args.key === "" ? undefined : args.key));
  let chainId: bigint;
  try {
    chainId = BigInt(await publicClient.getChainId());
  } catch (err) {
    if (isUnreachable(err)) throw new CliError(`--rpc: cannot reach ${url} (is the node running? is the URL right?)`);
    throw err;
  }
  if (chainId !== signedFor) {
    throw new CliError(`chainId: reports were signed for chain ${signedFor}, the RPC is chain ${chainId}`);
  }
  return { wallet, publicClient };
}
