/** What every `escrow:*` action shares: the connection, the code check, the provider, a token's units. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { Provider, Signer } from "ethers";
import { CliError } from "../../core/cli.js";
import { erc20, openChain, senderOf } from "../../core/chain.js";
import type { TokenUnits } from "../../core/units.js";

/** What the core functions need from a network connection (the task's own, or a test's). */
export interface EscrowConn {
  signer: Signer;
  chainId: bigint;
}

/** A connection sending from the `--from` account (`""`: the first account; read-only tasks pass `""`). */
export async function connect(hre: HardhatRuntimeEnvironment, fromFlag = ""): Promise<EscrowConn> {
  const chain = await openChain(hre);
  return { signer: await senderOf(chain, fromFlag), chainId: chain.chainId };
}

/** Fails with a one-line error naming the flag when nothing is deployed at `address`. */
export async function requireCode(conn: EscrowConn, flag: string, address: string): Promise<string> {
  const code = await provider(conn).getCode(address);
  if (code === "0x") throw new CliError(`--${flag}: no contract at ${address} on chain ${conn.chainId}`);
  return address;
}

export function provider(conn: EscrowConn): Provider {
  if (conn.signer.provider === null) throw new CliError("the signer is not connected to a network");
  return conn.signer.provider;
}

/** The decimals and symbol of the token at `address`, for printing amounts. */
export async function unitsOf(conn: EscrowConn, address: string): Promise<TokenUnits> {
  const token = erc20(address, conn.signer);
  return { decimals: await token.decimals(), symbol: await token.symbol() };
}
