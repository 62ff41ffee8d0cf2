/** Oracle reporter, relay: sends signed reports in batches to any RPC and says which the oracle refused, and why. */
import {
  createPublicClient,
  createWalletClient,
  http,
  parseEventLogs,
  type Account,
  type Address,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type WalletClient,
} from "viem";
import { CliError } from "../core/cli.js";
import { metricOracleAbi } from "../core/abis.js";
import { revertReason, suiteErrorInterface } from "../core/chain.js";
import type { SignedReport } from "./signing.js";

/** Relays signed reports with `reportBatch`, `batchSize` per transaction; returns the transaction hashes. */
export async function relaySignedReports(
  wallet: WalletClient,
  publicClient: PublicClient,
  oracle: Address,
  reports: SignedReport[],
  batchSize = 16,
): Promise<Hex[]> {
  const account: Account | undefined = wallet.account;
  if (account === undefined) throw new CliError("relayer: the wallet client has no account");
  const hashes: Hex[] = [];
  for (let i = 0; i < reports.length; i += batchSize) {
    const chunk = reports.slice(i, i + batchSize);
    const hash = await wallet.writeContract({
      address: oracle,
      abi: metricOracleAbi,
      functionName: "reportBatch",
      args: [chunk],
      account,
      chain: wallet.chain ?? null,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`reportBatch reverted: ${hash}`);
    hashes.push(hash);
  }
  return hashes;
}

/** A signed report the oracle would refuse, with why (the contract's error as one sentence). */
export interface Refused {
  /** Index of the report in the signed file. */
  index: number;
  reason: string;
}

/**
 * Why the oracle would refuse signed report `s` now if it came alone (`reportSigned` simulated by `relayer`): the
 * contract's error as one sentence, or undefined when it would be accepted. A report refused alone — a used nonce,
 * an expired signature, a non-member, a period not ended — is refused in a batch too.
 */
export async function refusalOf(
  publicClient: PublicClient,
  oracle: Address,
  s: SignedReport,
  relayer: Address,
): Promise<string | undefined> {
  try {
    await publicClient.simulateContract({
      address: oracle,
      abi: metricOracleAbi,
      functionName: "reportSigned",
      args: [s],
      account: relayer,
    });
    return undefined;
  } catch (err) {
    const reason = revertReason(err);
    if (reason === undefined) throw err;
    return reason;
  }
}

/**
 * The entries `reportBatch` skipped in the transactions `hashes` (its `BatchEntrySkipped` events), as indexes into
 * `sent` (the reports relayed, `batchSize` per transaction), with why: the refusal now when the oracle still refuses
 * the report alone, else the error the event names.
 */
export async function skippedEntries(
  publicClient: PublicClient,
  oracle: Address,
  sent: { index: number; report: SignedReport }[],
  hashes: Hex[],
  batchSize: number,
  relayer: Address,
): Promise<Refused[]> {
  const out: Refused[] = [];
  for (const [batch, hash] of hashes.entries()) {
    const receipt = await publicClient.getTransactionReceipt({ hash });
    const events = parseEventLogs({ abi: metricOracleAbi, logs: receipt.logs, eventName: "BatchEntrySkipped" });
    for (const event of events) {
      const entry = sent[batch * batchSize + Number(event.args.index)];
      if (entry === undefined) continue;
      const name = suiteErrorInterface().getError(event.args.reason)?.name ?? event.args.reason;
      const now = await refusalOf(publicClient, oracle, entry.report, relayer);
      out.push({ index: entry.index, reason: now ?? `refused in the batch (${name})` });
    }
  }
  return out;
}

/** Clients for any JSON-RPC URL, signing with `account`. */
export function rpcClients(url: string, account: LocalAccount): { wallet: WalletClient; publicClient: PublicClient } {
  return {
    wallet: createWalletClient({ account, transport: http(url) }),
    publicClient: createPublicClient({ transport: http(url) }),
  };
}
