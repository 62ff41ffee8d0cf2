import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { CliError } from "./cli.js";
import { isAddressShape } from "../formats/primitives.js";

/**
 * The one rule for choosing who sends, shared by every task that sends a transaction: `--from` is empty (the
 * network's first account), a local account index (`3`) or the address of one of the network's configured
 * accounts. Read-only tasks have no `--from`.
 */
export const FROM_OPTION = {
  name: "from",
  description: "sending account: index or address (default: the first account)",
  defaultValue: "",
} as const;

/** What `resolveSigner` needs from a connection's `ethers` (the Hardhat ethers helpers satisfy it). */
export interface SignerSource {
  getSigners(): Promise<HardhatEthersSigner[]>;
}

const INDEX = /^[0-9]+$/;

/**
 * The signer chosen by `--from` (see FROM_OPTION). Checks the flag's shape before asking the network anything;
 * bad input is a CliError of one line naming `--from`, so no transaction is sent.
 */
export async function resolveSigner(ethers: SignerSource, fromFlag: string): Promise<HardhatEthersSigner> {
  const from = fromFlag.trim();
  if (from !== "" && !INDEX.test(from) && !isAddressShape(from)) {
    throw new CliError(`--from: must be an account index or a 0x-prefixed 20-byte address (got "${fromFlag}")`);
  }
  const signers = await ethers.getSigners();
  const count = `this network has ${signers.length} account${signers.length === 1 ? "" : "s"}`;
  const first = signers[0];
  if (first === undefined) throw new CliError(`--from: ${count} (set DEPLOYER_PRIVATE_KEY)`);
  if (from === "") return first;
  if (INDEX.test(from)) {
    const index = Number(from);
    const signer = Number.isSafeInteger(index) ? signers[index] : undefined;
    if (signer === undefined) throw new CliError(`--from: ${from} is out of range (${count})`);
    return signer;
  }
  const wanted = from.toLowerCase();
  const signer = signers.find((s) => s.address.toLowerCase() === wanted);
  if (signer === undefined) throw new CliError(`--from: ${from} is not an account of this network`);
  return signer;
}
