/**
 * Oracle reporter, signing: the MetricOracle's EIP-712 report type and domain, digests, the first free nonce, signing
 * with viem, and the signing key.
 */
import { hashTypedData, type Address, type Hex, type LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { CliError } from "../core/cli.js";
import type { MetricReport } from "./metric-file.js";

/** EIP-712 types of a report; the order matches the contract's REPORT_TYPEHASH. */
export const reportTypes = {
  Report: [
    { name: "missionId", type: "uint256" },
    { name: "version", type: "uint16" },
    { name: "goalId", type: "uint8" },
    { name: "period", type: "uint16" },
    { name: "value", type: "uint64" },
    { name: "evidenceHash", type: "bytes32" },
    { name: "reporter", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export interface OracleDomain {
  chainId: bigint;
  oracle: Address;
}

function domainOf(d: OracleDomain) {
  return { name: "MetricOracle", version: "1", chainId: d.chainId, verifyingContract: d.oracle } as const;
}

/** The EIP-712 digest of a report, as the contract's `reportDigest` computes it. */
export function reportDigest(
  d: OracleDomain,
  r: MetricReport,
  reporter: Address,
  nonce: bigint,
  deadline: bigint,
): Hex {
  return hashTypedData({
    domain: domainOf(d),
    types: reportTypes,
    primaryType: "Report",
    message: { ...r, reporter, nonce, deadline },
  });
}

/** A signed report, as the contract's `SignedReport` struct. */
export interface SignedReport {
  report: MetricReport;
  reporter: Address;
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
}

/**
 * The lowest nonce `reporter` has not used. Nonces are unordered (a bitmap: bit `n % 256` of word `n / 256`), so any
 * unused one is valid; `readWord(wordPos)` reads the oracle's `nonceBitmap(reporter, wordPos)`.
 */
export async function firstFreeNonce(readWord: (wordPos: bigint) => Promise<bigint>): Promise<bigint> {
  for (let wordPos = 0n; ; wordPos++) {
    const word = await readWord(wordPos);
    if (word === 2n ** 256n - 1n) continue;
    let bit = 0n;
    while ((word >> bit) & 1n) bit++;
    return wordPos * 256n + bit;
  }
}

/** Signs `reports` with consecutive nonces from `startNonce`, all valid until `deadline`. */
export async function signReports(
  account: LocalAccount,
  d: OracleDomain,
  reports: MetricReport[],
  startNonce: bigint,
  deadline: bigint,
): Promise<SignedReport[]> {
  const out: SignedReport[] = [];
  let nonce = startNonce;
  for (const report of reports) {
    const signature = await account.signTypedData({
      domain: domainOf(d),
      types: reportTypes,
      primaryType: "Report",
      message: { ...report, reporter: account.address, nonce, deadline },
    });
    out.push({ report, reporter: account.address, nonce, deadline, signature });
    nonce += 1n;
  }
  return out;
}

/** The signing key: `--key` when given, else `ORACLE_PRIVATE_KEY` from the environment (`.env`). */
export function loadReporterKey(flag?: string): Hex {
  const fromFlag = flag !== undefined && flag !== "";
  const key = fromFlag ? flag : process.env.ORACLE_PRIVATE_KEY;
  const name = fromFlag ? "--key" : "ORACLE_PRIVATE_KEY";
  if (key === undefined || key === "") throw new CliError(`ORACLE_PRIVATE_KEY: not set; add it to .env or pass --key`);
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new CliError(`${name}: must be a 0x-prefixed 32-byte hex private key`);
  return key as Hex;
}

export function reporterAccount(flag?: string): LocalAccount {
  return privateKeyToAccount(loadReporterKey(flag));
}
