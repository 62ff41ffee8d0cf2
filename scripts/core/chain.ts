/**
 * The one chain module of the CLI: the network connection a task uses, the signer it sends from, the ERC-20 calls it
 * makes (the generated `erc20Abi`), and the one revert decoder, built from the errors of every ABI in the suite and
 * printed through the one table of `errors.ts`.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  AbiCoder,
  Contract,
  dataSlice,
  ErrorFragment,
  Interface,
  isError,
  ZeroAddress,
  type BaseContract,
  type ContractRunner,
  type ContractTransactionReceipt,
  type ErrorDescription,
  type Provider,
} from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { BaseError as ViemError, HttpRequestError, TimeoutError } from "viem";
import * as suiteAbis from "./abis.js";
import { erc20Abi } from "./abis.js";
import { CliError } from "./cli.js";
import { describeError, type RevertContext, type SuiteContract } from "./errors.js";
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
/* Revert decoding                                                                                             */
/* ---------------------------------------------------------------------------------------------------------- */

/** Every ABI of the suite (generated `as const` from the artifacts), ERC-20 errors included. */
const SUITE_ABIS = Object.values(suiteAbis);

let suiteErrors: Interface | undefined;

/** One interface holding every custom error of every contract in the suite (deduplicated by signature). */
export function suiteErrorInterface(): Interface {
  if (suiteErrors !== undefined) return suiteErrors;
  const bySignature = new Map<string, ErrorFragment>();
  for (const abi of SUITE_ABIS) {
    for (const entry of abi) {
      if (entry.type !== "error") continue;
      const fragment = ErrorFragment.from(entry);
      bySignature.set(fragment.format("sighash"), fragment);
    }
  }
  suiteErrors = new Interface([...bySignature.values()]);
  return suiteErrors;
}

/**
 * The revert data of a failed call: ethers' CALL_EXCEPTION (JSON-RPC), Hardhat's in-process error (`data`), or a viem
 * error (`raw` / `data` somewhere down its `cause` chain).
 */
export function revertData(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; typeof e === "object" && e !== null && depth < 8; depth++) {
    if (isError(e, "CALL_EXCEPTION") && e.data !== null && e.data !== undefined) return e.data;
    for (const key of ["data", "raw"] as const) {
      const value: unknown = key in e ? Reflect.get(e, key) : undefined;
      if (typeof value === "string" && /^0x[0-9a-fA-F]*$/.test(value)) return value;
    }
    e = "cause" in e ? e.cause : undefined;
  }
  return undefined;
}

const ERROR_STRING = "0x08c379a0"; // Error(string)
const PANIC = "0x4e487b71"; // Panic(uint256)

/** The suite's custom error a call reverted with, or undefined when `err` is not one (nor a custom error at all). */
export function decodeRevert(err: unknown): ErrorDescription | undefined {
  const data = revertData(err);
  if (data === undefined || data.length < 10 || data.startsWith(ERROR_STRING) || data.startsWith(PANIC)) {
    return undefined;
  }
  return suiteErrorInterface().parseError(data) ?? undefined;
}

/**
 * A decoded suite error as one sentence in units a person reads (the table of `core/errors.ts`), ending in the
 * error's name; `context` names the token of amounts, the goal decimals of metric values and the contract called.
 */
export function formatRevert(error: ErrorDescription, context: RevertContext = {}): string {
  return describeError(error, context);
}

/**
 * Why a call reverted, as one sentence: a suite error through the table of `core/errors.ts`, a `require` message, a
 * panic code, or a revert without data; undefined when `err` is not a revert.
 */
export function revertReason(err: unknown, context: RevertContext = {}): string | undefined {
  const decoded = decodeRevert(err);
  if (decoded !== undefined) return formatRevert(decoded, context);
  const data = revertData(err);
  if (data === undefined) return isError(err, "CALL_EXCEPTION") ? "the call reverted without a reason" : undefined;
  const coder = AbiCoder.defaultAbiCoder();
  if (data.startsWith(ERROR_STRING)) return `reverted: ${String(coder.decode(["string"], dataSlice(data, 4))[0])}`;
  if (data.startsWith(PANIC)) {
    const code = BigInt(String(coder.decode(["uint256"], dataSlice(data, 4))[0]));
    return `reverted with panic 0x${code.toString(16)}${code === 0x11n ? " (arithmetic overflow)" : ""}`;
  }
  if (data === "0x") return "the call reverted without a reason";
  return `reverted with unknown error data ${data.slice(0, 10)}`;
}

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
