/** What every `pool:*` action shares: required flags, the pool and its token, its factory, its creation terms. */
import { CliError, flags, parseAmountFlag, parseFlag } from "../../core/cli.js";
import { resolveAddress } from "../../core/address-book.js";
import { approveIfNeeded, erc20, requireClone, requireKind, senderOf, type Chain } from "../../core/chain.js";
import { formatTokens, type TokenUnits } from "../../core/units.js";
import { ENUMS } from "../../core/errors.js";

export type Args = Record<string, string>;
export const PHASES = ENUMS["IImpactPool.Phase"];

export function required(flag: string, value: string | undefined): string {
  if (value === undefined || value === "") throw new CliError(`--${flag}: required`);
  return value;
}

export function amountFlag(flag: string, value: string | undefined, decimals: number): bigint {
  return parseAmountFlag(flag, required(flag, value), decimals);
}

export async function openPool(c: Chain, poolFlag: string | undefined) {
  const address = await requireClone(
    c.ethers.provider,
    "pool",
    parseFlag("pool", flags.address, required("pool", poolFlag)),
  );
  const pool = await c.ethers.getContractAt("ImpactPool", address);
  const config = await pool.config();
  const token = erc20(config.token, c.ethers.provider);
  const decimals = await token.decimals();
  const units = { decimals, symbol: await token.symbol() };
  return { pool, config, token, decimals, units };
}

/** The ImpactPoolFactory at `address` (`--factory`), checked to be one. */
export async function poolFactoryAt(c: Chain, address: string, runner?: Awaited<ReturnType<typeof senderOf>>) {
  if ((await c.ethers.provider.getCode(address)) === "0x") throw new CliError(`--factory: no contract at ${address}`);
  const factory = await c.ethers.getContractAt("ImpactPoolFactory", address, runner);
  await requireKind("factory", address, "ImpactPoolFactory", () => factory.poolCount());
  return factory;
}

/** The terms a pool was created with, from the factory's PoolCreated event (ScheduledPoolCreated: no basket). */
export async function creationTerms(c: Chain, poolAddress: string, factoryFlag: string | undefined) {
  const pool = await c.ethers.getContractAt("ImpactPool", poolAddress);
  const factoryAddress =
    factoryFlag !== undefined && factoryFlag !== ""
      ? resolveAddress("ImpactPoolFactory", c.chainId, "factory", factoryFlag)
      : await pool.factory();
  const factory = await poolFactoryAt(c, factoryAddress);
  const logs = await factory.queryFilter(factory.filters.PoolCreated(poolAddress), 0);
  const log = logs[0];
  if (log === undefined) {
    // A pool paid by a payment schedule (a classed one too): its tranches are in ScheduledPoolCreated; no basket.
    const [scheduled] = await factory.queryFilter(factory.filters.ScheduledPoolCreated(poolAddress), 0);
    if (scheduled === undefined)
      throw new CliError(`--pool: no PoolCreated event for ${poolAddress} from factory ${factoryAddress}`);
    const t = scheduled.args.terms;
    const schedule = t.schedule;
    return {
      schedule: plain(schedule),
      basket: [],
      tranches: schedule.tranches,
      providers: schedule.providers,
      basketTerms: [],
      registry: await factory.registry(),
    };
  }
  const terms = log.args.terms;
  // Decoded event values are frozen ethers Results; calls need plain (mutable) arrays.
  return {
    schedule: plain(terms.schedule),
    basket: plain(terms.basket),
    tranches: terms.schedule.tranches,
    providers: terms.schedule.providers,
    basketTerms: terms.basket,
    registry: await factory.registry(),
  };
}

/** A deep copy of a decoded ABI value with every Result turned into a plain array. */
function plain(value: unknown): unknown {
  return Array.isArray(value) ? Array.from(value, plain) : value;
}

/** Refuses in one line a sender holding less than `taken`, then approves exactly `taken` to the pool. */
export async function approveTaken(
  s: Awaited<ReturnType<typeof senderOf>>,
  tokenAddress: string,
  pool: string,
  taken: bigint,
  units: TokenUnits,
) {
  const token = erc20(tokenAddress, s);
  const held = await token.balanceOf(s.address);
  if (held < taken) {
    const fmt = (v: bigint) => formatTokens(v, units);
    throw new CliError(`--amount: ${s.address} holds ${fmt(held)}, less than the ${fmt(taken)} to pay in`);
  }
  await approveIfNeeded(token, s.address, pool, taken);
}
