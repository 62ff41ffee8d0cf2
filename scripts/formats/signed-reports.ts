/**
 * Signed metric reports, shared by the CLI's reporter (`oracle:sign`, `oracle:relay`, scripts/reporter) and the web
 * app's evaluator console: the MetricOracle's EIP-712 report type and domain (the one typed-data builder, matching
 * contracts/oracle/SignatureVerifier.sol), the first free nonce of the oracle's bitmap, and the signed-reports file
 * (its zod schema and its JSON text). viem and zod only — no Node built-in, no ethers — so the browser bundles it.
 */
import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { bytes32, eip55Address, uint as jsonUint } from "./primitives.js";

/** An integer as a JSON number, a decimal string or (built in code) a bigint. */
export const bigintLike = z.union([jsonUint, z.bigint()]);
/** An integer of at most `max` (`name`: the Solidity type, for the message). */
export const uintAtMost = (max: bigint, name: string) =>
  bigintLike.refine((v) => v <= max, `must be at most ${max} (${name})`);
/** A small integer (goal id, period, version, decimals) as a number. */
export const smallInt = (max: number) =>
  jsonUint.refine((v) => v <= BigInt(max), `must be at most ${max}`).transform((v) => Number(v));

/** Which slot a report is for: mission, committee version (default 1), goal and period (the report's key fields). */
export const reportSlotShape = {
  missionId: uintAtMost(2n ** 256n - 1n, "uint256").refine((v) => v > 0n, "must be greater than zero"),
  /** The oracle committee version the report is for (the one the escrows and pools read pinned); default 1. */
  version: smallInt(65_535)
    .refine((v) => v > 0, "must be greater than zero")
    .default(1),
  goalId: smallInt(255),
  period: smallInt(65_535).refine((p) => p > 0, "must be greater than zero"),
};
/** The hash of the evidence behind a report; zero when none is named. */
export const evidenceHashField = bytes32.default(`0x${"0".repeat(64)}`);

/** A report as signed: its value is the scaled uint64 integer the oracle stores (725 for 72.5 with 1 decimal). */
const signedReportSchema = z.object({
  ...reportSlotShape,
  value: uintAtMost(2n ** 64n - 1n, "uint64"),
  evidenceHash: evidenceHashField,
});

/** A checksummed address, typed for viem. */
const hexAddress = eip55Address.transform((a): Address => getAddress(a));

/** The signed-reports file: chain and oracle the signatures are bound to, plus the reports (numbers as strings). */
export const signedFileSchema = z.object({
  chainId: bigintLike,
  oracle: hexAddress,
  reports: z
    .array(
      z.object({
        report: signedReportSchema,
        reporter: hexAddress,
        nonce: bigintLike,
        deadline: bigintLike,
        signature: z.string().regex(/^0x[0-9a-fA-F]+$/, "must be 0x-prefixed hex"),
      }),
    )
    .min(1, "the file holds no signed report"),
});

/** One report, as the contract's `Report` struct. */
export type MetricReport = {
  missionId: bigint;
  version: number;
  goalId: number;
  period: number;
  value: bigint;
  evidenceHash: Hex;
};

/** A signed report, as the contract's `SignedReport` struct. */
export interface SignedReport {
  report: MetricReport;
  reporter: Address;
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
}

export interface SignedFile {
  chainId: bigint;
  oracle: Address;
  reports: SignedReport[];
}

/** A 0x string the schema already checked, typed for viem. */
const hexOf = (text: string): Hex => `0x${text.slice(2)}`;

/** A parsed signed-reports file as the typed structs the oracle takes. */
export function toSignedFile(data: z.infer<typeof signedFileSchema>): SignedFile {
  return {
    chainId: data.chainId,
    oracle: data.oracle,
    reports: data.reports.map((s) => ({
      report: { ...s.report, evidenceHash: hexOf(s.report.evidenceHash) },
      reporter: s.reporter,
      nonce: s.nonce,
      deadline: s.deadline,
      signature: hexOf(s.signature),
    })),
  };
}

/** The file's text: JSON with integers as decimal strings, two-space indented, one trailing newline. */
export function signedFileText(signed: SignedFile): string {
  return JSON.stringify(signed, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n";
}

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

/**
 * The EIP-712 typed data `reporter` signs for `report` with `nonce` and `deadline` — what a local key signs (viem's
 * `signTypedData`), what a browser wallet is asked to sign (`eth_signTypedData_v4`) and what `hashTypedData` digests.
 */
export function reportTypedData(
  d: OracleDomain,
  report: MetricReport,
  reporter: Address,
  nonce: bigint,
  deadline: bigint,
) {
  return {
    domain: { name: "MetricOracle", version: "1", chainId: d.chainId, verifyingContract: d.oracle },
    types: reportTypes,
    primaryType: "Report",
    message: { ...report, reporter, nonce, deadline },
  } as const;
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
