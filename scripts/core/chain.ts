/**
 * The one chain module of the CLI: the network connection a task uses, the signer it sends from, the ERC-20 calls it
 * makes (the generated `erc20Abi`), and the one revert decoder (implemented in `errors.ts` next to its table of the
 * suite's errors, re-exported here).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  Contract,
  isError,
  Signature,
  TypedDataEncoder,
  ZeroAddress,
  type BaseContract,
  type ContractRunner,
  type ContractTransactionReceipt,
  type Provider,
  type Signer,
  type TypedDataDomain,
} from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { BaseError as ViemError, HttpRequestError, TimeoutError } from "viem";
import { erc20Abi, impactPoolAbi, impactPoolFactoryAbi, outcomeEscrowAbi, outcomeEscrowFactoryAbi } from "./abis.js";
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

export type NetworkConnection = Awaited<ReturnType<HardhatRuntimeEnvironment["network"]["getOrCreate"]>>;

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
  return chainOf(connection);
}

/** The `Chain` of a network connection (a task's own, or one a test created). */
export async function chainOf(connection: NetworkConnection): Promise<Chain> {
  const chainId = (await connection.ethers.provider.getNetwork()).chainId;
  return { connection, ethers: connection.ethers, chainId };
}

/** The chain id of Hardhat's local networks: the in-process one and `npx hardhat node`. */
export const LOCAL_CHAIN_ID = 31337n;

/**
 * Refuses, in one line naming `--network`, a task that only makes sense on a local network (a faucet, moving the
 * clock): any chain whose id is not Hardhat's local 31337.
 */
export function requireLocalChain(chain: Pick<Chain, "chainId">, task: string): void {
  if (chain.chainId !== LOCAL_CHAIN_ID) {
    throw new CliError(
      `--network: ${task} works only on a local network (chain ${LOCAL_CHAIN_ID}); this is chain ${chain.chainId}`,
    );
  }
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

/**
 * The factory kinds whose clones the CLI acts on: the contract, the cheap view that tells one (`probe`), and the
 * factory's membership view (`check`).
 */
const CLONE_KINDS = {
  escrow: {
    contract: "OutcomeEscrow",
    abi: outcomeEscrowAbi,
    probe: "status",
    factoryAbi: outcomeEscrowFactoryAbi,
    check: "isEscrow",
  },
  pool: {
    contract: "ImpactPool",
    abi: impactPoolAbi,
    probe: "config",
    factoryAbi: impactPoolFactoryAbi,
    check: "isPool",
  },
} as const;

/**
 * Refuses an `--escrow` / `--pool` address that is not a clone created and initialised by a factory, one line naming
 * the flag, nothing sent: no code; another kind of contract (`requireKind` with the kind's cheap view: `--escrow: 0x…
 * is not an OutcomeEscrow`, with the contract's reason when it gives one, e.g. NotAClone on an implementation); then
 * not created by `factory` (the `--factory` flag or the address book) when given, else by the factory the contract
 * names (`factory()`), which must answer `isEscrow` / `isPool` true.
 */
export async function requireClone(
  provider: Provider,
  kind: keyof typeof CLONE_KINDS,
  address: string,
  factory?: string,
): Promise<string> {
  if ((await provider.getCode(address)) === "0x") throw new CliError(`--${kind}: no contract at ${address}`);
  const { contract, abi, probe, factoryAbi, check } = CLONE_KINDS[kind];
  const clone = new Contract(address, abi, provider);
  await requireKind(kind, address, contract, () => clone.getFunction(probe)(), { contract });
  const named = await requireKind(kind, address, contract, async () => String(await clone.getFunction("factory")()), {
    contract,
  });
  const maker = factory ?? named;
  let created: unknown;
  try {
    created = await new Contract(maker, factoryAbi, provider).getFunction(check)(address);
  } catch (err) {
    throw new CliError(
      `--${kind}: ${address} names ${maker} as its factory, which cannot answer ${check} (${revertReason(err) ?? "call failed"})`,
    );
  }
  if (created !== true) {
    throw new CliError(
      `--${kind}: ${address} was not created by the ${kind} factory at ${maker}; refusing to act on it`,
    );
  }
  return address;
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

/** Whether a failed call reverted (JSON-RPC or in-process) or returned data that does not decode. */
export function isRevertOrBadData(err: unknown): boolean {
  return isError(err, "CALL_EXCEPTION") || isError(err, "BAD_DATA") || revertData(err) !== undefined;
}

/** Approves `amount` for `spender` unless `owner` has already allowed at least that much. */
export async function approveIfNeeded(token: Erc20, owner: string, spender: string, amount: bigint): Promise<void> {
  if ((await token.allowance(owner, spender)) < amount) await token.approve(spender, amount);
}

/* ---------------------------------------------------------------------------------------------------------- */
/* EIP-2612 permits                                                                                            */
/* ---------------------------------------------------------------------------------------------------------- */

const PERMIT_ABI = [
  "function nonces(address owner) view returns (uint256)",
  "function DOMAIN_SEPARATOR() view returns (bytes32)",
  "function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)",
  "function name() view returns (string)",
];

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** What signing a permit for a token needs: its EIP-712 domain and the owner's next permit nonce. */
export interface PermitContext {
  domain: TypedDataDomain;
  nonce: bigint;
}

/** A signed EIP-2612 permit, split as `permit(…, deadline, v, r, s)` takes it. */
export interface SignedPermit {
  deadline: bigint;
  v: number;
  r: string;
  s: string;
}

/** The result of a view the token may not have: undefined when it reverts or returns undecodable data. */
async function optionalCall(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (err) {
    if (isRevertOrBadData(err)) return undefined;
    throw err;
  }
}

/**
 * The permit context of an EIP-2612 token, or undefined when it has none. A token has a usable permit when
 * `nonces(owner)` and `DOMAIN_SEPARATOR()` answer and a domain hashing to that separator is known: the token's own
 * EIP-5267 `eip712Domain()`, else `name()` with version "1" (OpenZeppelin's default). A token whose domain cannot be
 * rebuilt would refuse the signature, so it counts as having no permit.
 */
export async function permitContext(
  address: string,
  runner: ContractRunner,
  owner: string,
  chainId: bigint,
): Promise<PermitContext | undefined> {
  const token = new Contract(address, PERMIT_ABI, runner);
  const nonce = await optionalCall(() => token.getFunction("nonces")(owner));
  const separator = await optionalCall(() => token.getFunction("DOMAIN_SEPARATOR")());
  if (typeof nonce !== "bigint" || typeof separator !== "string") return undefined;
  const candidates: TypedDataDomain[] = [];
  const eip5267 = await optionalCall(() => token.getFunction("eip712Domain")());
  if (Array.isArray(eip5267)) {
    const parts: unknown[] = eip5267;
    const [fields, name, version, id, verifyingContract, salt] = parts;
    if (
      typeof fields === "string" &&
      typeof name === "string" &&
      typeof version === "string" &&
      typeof id === "bigint" &&
      typeof verifyingContract === "string" &&
      typeof salt === "string"
    ) {
      const bits = Number(fields);
      candidates.push({
        ...(bits & 0x01 ? { name } : {}),
        ...(bits & 0x02 ? { version } : {}),
        ...(bits & 0x04 ? { chainId: id } : {}),
        ...(bits & 0x08 ? { verifyingContract } : {}),
        ...(bits & 0x10 ? { salt } : {}),
      });
    }
  }
  const name = await optionalCall(() => token.getFunction("name")());
  if (typeof name === "string") candidates.push({ name, version: "1", chainId, verifyingContract: address });
  const domain = candidates.find((d) => TypedDataEncoder.hashDomain(d).toLowerCase() === separator.toLowerCase());
  return domain === undefined ? undefined : { domain, nonce };
}

/** Signs (EIP-712, with `signer`, the owner) a permit letting `spender` take `value` until `deadline`. */
export async function signPermit(
  signer: Signer,
  context: PermitContext,
  spender: string,
  value: bigint,
  deadline: bigint,
): Promise<SignedPermit> {
  const owner = await signer.getAddress();
  const message = { owner, spender, value, nonce: context.nonce, deadline };
  const signature = Signature.from(await signer.signTypedData(context.domain, PERMIT_TYPES, message));
  return { deadline, v: signature.v, r: signature.r, s: signature.s };
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
