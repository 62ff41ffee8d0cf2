import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { CliError } from "./cli-error.js";
import { eip55Address, isAddressShape } from "../formats/primitives.js";

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
  if (isAddressShape(from)) {
    const checked = eip55Address.safeParse(from);
    if (!checked.success) throw new CliError(`--from: ${checked.error.issues[0]?.message} (got "${fromFlag}")`);
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

/** secp256k1's group order: a private key is an integer 1 … n − 1. */
const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const PRIVATE_KEY_TEXT = /^(0x)?[0-9a-fA-F]{64}$/;

/** True for 32 bytes of hex (0x optional, as Hardhat takes it) that is a valid secp256k1 private key. */
export function isPrivateKey(text: string): boolean {
  if (!PRIVATE_KEY_TEXT.test(text)) return false;
  const key = BigInt(text.startsWith("0x") ? text : `0x${text}`);
  return key > 0n && key < SECP256K1_ORDER;
}

/** What `checkAccountKeys` needs from a network's resolved `accounts` entry (a configuration variable). */
interface KeySource {
  get(): Promise<string>;
}

/**
 * Checks the private keys a network sends from (its config's `accounts`, e.g. `[configVariable("DEPLOYER_PRIVATE_KEY")]`)
 * before any request signs with them: a malformed key is one line naming its variable — never the key itself —
 * instead of a stack trace from the signer. Other account kinds (remote, mnemonic) are left to Hardhat.
 */
export async function checkAccountKeys(networkName: string, accounts: unknown): Promise<void> {
  if (!Array.isArray(accounts)) return;
  for (const [index, account] of accounts.entries()) {
    const source: unknown = account;
    const name =
      typeof source === "object" && source !== null && "name" in source && typeof source.name === "string"
        ? source.name
        : `networks.${networkName}.accounts.${index}`;
    const value = typeof source === "string" ? source : isKeySource(source) ? await source.get() : undefined;
    if (value !== undefined && !isPrivateKey(value.trim())) {
      throw new CliError(
        `${name}: not a private key (must be 32 bytes of hex, 0x followed by 64 hex digits) for network ${networkName}`,
      );
    }
  }
}

function isKeySource(value: unknown): value is KeySource {
  return typeof value === "object" && value !== null && "get" in value && typeof value.get === "function";
}
