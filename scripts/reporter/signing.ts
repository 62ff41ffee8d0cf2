/**
 * Oracle reporter, signing: the MetricOracle's EIP-712 report type and domain, digests, the first free nonce, signing
 * with viem, and the signing key.
 */
import { hashTypedData, type Address, type Hex, type LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { CliError } from "../core/cli.js";
import {
  firstFreeNonce,
  reportTypedData,
  reportTypes,
  type MetricReport,
  type OracleDomain,
  type SignedReport,
} from "../formats/signed-reports.js";

export { firstFreeNonce, reportTypes, type OracleDomain, type SignedReport };

/** The EIP-712 digest of a report, as the contract's `reportDigest` computes it. */
export function reportDigest(
  d: OracleDomain,
  r: MetricReport,
  reporter: Address,
  nonce: bigint,
  deadline: bigint,
): Hex {
  return hashTypedData(reportTypedData(d, r, reporter, nonce, deadline));
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
    const signature = await account.signTypedData(reportTypedData(d, report, account.address, nonce, deadline));
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
