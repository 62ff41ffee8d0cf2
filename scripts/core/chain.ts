/**
 * The one chain module of the CLI: the network connection a task uses, the signer it sends from, the ERC-20 calls it
 * makes (the generated `erc20Abi`), and the one revert decoder (implemented in `errors.ts` next to its table of the
 * suite's errors, re-exported here).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  Contract,
  isError,
  ZeroAddress,
  type BaseContract,
  type ContractRunner,
  type ContractTransactionReceipt,
  type Provider,
} from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { BaseError as ViemError, HttpRequestError, TimeoutError } from "viem";
import { erc20Abi } from "./abis.js";
import { CliError } from "./cli.js";
import {
  decodeRevert,
  formatRevert,
  revertData,
  revertReason,
  suiteErrorInterface,
  type RevertContext,
  type SuiteContract,
} from "./errors.js";
import { checkAccountKeys, resolveSigner } from "./signer.js";

/* ---------------------------------------------------------------------------------------------------------- */
/* Connection and signer                                                                                       */
/* ---------------------------------------------------------------------------------------------------------- */

type NetworkConnection = Awaited<ReturnType<HardhatRuntimeEnvironment["network"]["getOrCreate"]>>;

/** A task's network connection: Hardhat's ethers and viem helpers and the chain id. */
export interface Chain {
  connection: NetworkConnection;
  ethers: NetworkConnection["ethers"];
  chainId: bigint;
}

/**
 * The task's connection. `getOrCreate`: tasks run in-process (tests) share the caller's network; on a live network
 * it is one connection. The private keys the network sends from are checked first (one line for a malformed one).
 */
export async function openChain(hre: HardhatRuntimeEnvironment): Promise<Chain> {
  const connection = await hre.network.getOrCreate();
  if (connection.networkConfig.type === "http") {
    await checkAccountKeys(connection.networkName, connection.networkConfig.accounts);
  }
  const chainId = (await connection.ethers.provider.getNetwork()).chainId;
  return { connection, ethers: connection.ethers, chainId };
}

/** The `--from` account of a chain (see `FROM_OPTION`; undefined or `""`: the first account). */
export function senderOf(chain: Chain, fromFlag: string | undefined): Promise<HardhatEthersSigner> {
  return resolveSigner(chain.ethers, fromFlag ?? "");
}

/** Fails with a one-line error naming the flag when nothing is deployed at `address`; returns the address. */
export async function requireCode(chain: Chain, flag: string, address: string): Promise<string> {
  if ((await chain.ethers.provider.getCode(address)) === "0x") {
    throw new CliError(`--${flag}: no contract at ${address} on chain ${chain.chainId}`);
  }
  return address;
}

/**
 * Checks by one cheap view call (`probe`) that the contract at `address` is a `kind` (an OutcomeEscrow, a
 * MetricOracle…): another kind of contract — the call reverts or returns nothing a `kind` would — is one line naming
 * the flag, e.g. `--escrow: 0x… is not an OutcomeEscrow`. Returns what the probe read.
 */
export async function requireKind<T>(
  flag: string,
  address: string,
  kind: string,
  probe: () => Promise<T>,
  context: RevertContext = {},
): Promise<T> {
  try {
    return await probe();
  } catch (err) {
    if (!isRevertOrBadData(err)) throw err;
    const decoded = decodeRevert(err);
    const why = decoded === undefined ? "" : ` (${formatRevert(decoded, context)})`;
    throw new CliError(`--${flag}: ${address} is not ${/^[AEIOU]/.test(kind) ? "an" : "a"} ${kind}${why}`);
  }
}

/** True when `err` (a viem error) says a JSON-RPC URL could not be reached or did not answer (`--rpc`). */
export function isUnreachable(err: unknown): boolean {
  return (
    err instanceof ViemError && err.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError) !== null
  );
}

/** The latest block's time in unix seconds (the clock relative times and deadlines are measured against). */
export async function latestTime(runner: { getBlock(tag: "latest"): Promise<{ timestamp: number } | null> }) {
  const latest = await runner.getBlock("latest");
  return BigInt(latest?.timestamp ?? Math.floor(Date.now() / 1000));
}

/* ---------------------------------------------------------------------------------------------------------- */
/* ERC-20                                                                                                      */
/* ---------------------------------------------------------------------------------------------------------- */

/** The ERC-20 calls the tasks make, with their results checked at run time (no casts). */
export interface Erc20 {
  address: string;
  decimals(): Promise<number>;
  symbol(): Promise<string>;
  balanceOf(account: string): Promise<bigint>;
  allowance(owner: string, spender: string): Promise<bigint>;
  approve(spender: string, amount: bigint): Promise<ContractTransactionReceipt | null>;
}

function expectBigint(value: unknown, what: string): bigint {
  if (typeof value !== "bigint") throw new TypeError(`ERC-20 ${what} returned ${typeof value}, not an integer`);
  return value;
}

/** An ERC-20 at `address`, read (and, with a signer, sent) through `runner`. */
export function erc20(address: string, runner: ContractRunner): Erc20 {
  const token = new Contract(address, erc20Abi, runner);
  return {
    address,
    decimals: async () => Number(expectBigint(await token.getFunction("decimals")(), "decimals")),
    symbol: async () => String(await token.getFunction("symbol")()),
    balanceOf: async (account) => expectBigint(await token.getFunction("balanceOf")(account), "balanceOf"),
    allowance: async (owner, spender) =>
      expectBigint(await token.getFunction("allowance")(owner, spender), "allowance"),
    approve: async (spender, amount) => (await token.getFunction("approve").send(spender, amount)).wait(),
  };
}

/**
 * Checks that `address` is an ERC-20 token on this chain — a contract answering `decimals()` and `balanceOf()` — and
 * returns its decimals and symbol. Anything else (no code, another kind of contract) is a one-line CliError naming
 * `field`, so a wrong token address is refused before any transaction.
 */
export async function requireErc20(
  runner: ContractRunner & { provider: Provider | null },
  field: string,
  address: string,
): Promise<{ decimals: number; symbol: string }> {
  const provider = runner.provider;
  if (provider === null) throw new CliError(`${field}: no network to check the token ${address} on`);
  if ((await provider.getCode(address)) === "0x") throw new CliError(`${field}: no contract at ${address}`);
  const token = erc20(address, runner);
  try {
    const decimals = await token.decimals();
    await token.balanceOf(ZeroAddress);
    const symbol = await token.symbol().catch((err: unknown) => {
      if (isRevertOrBadData(err)) return "tokens"; // symbol() is optional
      throw err;
    });
    return { decimals, symbol };
  } catch (err) {
    // A revert (JSON-RPC or in-process), undecodable return data, or a non-integer result: not a token.
    if (isRevertOrBadData(err) || err instanceof TypeError) {
      throw new CliError(`${field}: ${address} is not an ERC-20 token (no decimals()/balanceOf())`);
    }
    throw err;
  }
}

function isRevertOrBadData(err: unknown): boolean {
  return isError(err, "CALL_EXCEPTION") || isError(err, "BAD_DATA") || revertData(err) !== undefined;
}

/** Approves `amount` for `spender` unless `owner` has already allowed at least that much. */
export async function approveIfNeeded(token: Erc20, owner: string, spender: string, amount: bigint): Promise<void> {
  if ((await token.allowance(owner, spender)) < amount) await token.approve(spender, amount);
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Revert decoding (the one decoder lives in errors.ts, next to its table, so core/cli.ts can use it without the   */
/* Hardhat connection types of this module)                                                                     */
/* ---------------------------------------------------------------------------------------------------------- */

export { decodeRevert, formatRevert, revertData, revertReason, suiteErrorInterface };

/** The suite contract a typed contract object is (by its functions), to name the status of a shared error. */
function suiteContractOf(contract: BaseContract): SuiteContract | undefined {
  const has = (name: string): boolean => contract.interface.hasFunction(name);
  if (has("invest") && has("disburse")) return "ImpactPool";
  if (has("depositFor") && has("claimable")) return "OutcomeEscrow";
  return undefined;
}

/** Runs a static call first so that a revert becomes one line naming the contract error; then sends and waits. */
export async function simulateThenSend(
  contract: BaseContract,
  method: string,
  args: unknown[],
  context: RevertContext = {},
): Promise<ContractTransactionReceipt> {
  const fn = contract.getFunction(method);
  try {
    await fn.staticCall(...args);
  } catch (err) {
    const reason = revertReason(err, { contract: suiteContractOf(contract), ...context });
    if (reason !== undefined) throw new CliError(`${method}: ${reason}`);
    throw err;
  }
  const receipt = await (await fn.send(...args)).wait();
  if (receipt === null) throw new CliError(`${method}: the transaction was dropped`);
  return receipt;
}
