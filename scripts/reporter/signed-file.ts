/** Oracle reporter, output: the signed-reports file (zod-validated), bound to one chain and one oracle. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { CliError, describeZodError } from "../core/cli.js";
import { eip55Address } from "../formats/primitives.js";
import { bigintLike, hexOf, metricRowSchema, uint } from "./metric-file.js";
import type { SignedReport } from "./signing.js";

/** A checksummed address, typed for viem. */
const hexAddress = eip55Address.transform((a): Address => getAddress(a));

/** The signed-reports file: chain and oracle the signatures are bound to, plus the reports (numbers as strings). */
/** A report as signed: its value is the scaled uint64 integer the oracle stores (725 for 72.5 with 1 decimal). */
const signedReportSchema = metricRowSchema
  .omit({ value: true, decimals: true })
  .extend({ value: uint(2n ** 64n - 1n, "uint64") });

const signedFileSchema = z.object({
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

export interface SignedFile {
  chainId: bigint;
  oracle: Address;
  reports: SignedReport[];
}

const stringify = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n";

/** Writes the signed reports to `file`, creating its folder (`--out out/signed.json` in a fresh clone). */
export function writeSignedFile(file: string, signed: SignedFile): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, stringify(signed));
  } catch (err) {
    const code = err instanceof Error && "code" in err ? String(err.code) : undefined;
    if (code === undefined) throw err;
    throw new CliError(`--out: cannot write ${file} (${code})`);
  }
}

export function readSignedFile(file: string): SignedFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new CliError(`--file: cannot read JSON from "${file}"`);
  }
  const parsed = signedFileSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(describeZodError(parsed.error, "signed."));
  return {
    chainId: parsed.data.chainId,
    oracle: parsed.data.oracle,
    reports: parsed.data.reports.map((s) => ({
      report: { ...s.report, evidenceHash: hexOf(s.report.evidenceHash) },
      reporter: s.reporter,
      nonce: s.nonce,
      deadline: s.deadline,
      signature: s.signature as Hex,
    })),
  };
}
