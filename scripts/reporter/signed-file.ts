/** Oracle reporter, output: the signed-reports file (zod-validated), bound to one chain and one oracle. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CliError, describeZodError } from "../core/cli.js";
import { signedFileSchema, signedFileText, toSignedFile, type SignedFile } from "../formats/signed-reports.js";

export type { SignedFile };

/** Writes the signed reports to `file`, creating its folder (`--out out/signed.json` in a fresh clone). */
export function writeSignedFile(file: string, signed: SignedFile): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, signedFileText(signed));
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
  return toSignedFile(parsed.data);
}
