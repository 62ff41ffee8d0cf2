import { readFileSync } from "node:fs";
import { formatUnits } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { CliError, flags, parseAmountFlag, parseFlag, progressBar, runTask, type TaskResult } from "../../core/cli.js";
import { resolveAddress } from "../../core/address-book.js";
import {
  approveIfNeeded,
  erc20,
  latestTime,
  openChain,
  requireErc20,
  requireKind,
  senderOf,
  simulateThenSend,
  type Chain,
} from "../../core/chain.js";
import { missionRef } from "../../core/mission-ops.js";
import { buildPoolTerms, encodeBasket, encodeSchedule } from "../../formats/pool-terms.js";

type Args = Record<string, string>;
const PHASES = ["Raising", "Funded", "RaiseFailed", "Settled"] as const;
const RESOLUTIONS = ["Pending", "Achieved", "NoData"] as const;
const WAD = 10n ** 18n;

type Conn = Chain;

function required(flag: string, value: string | undefined): string {
  if (value === undefined || value === "") throw new CliError(`--${flag}: required`);
  return value;
}

function amountFlag(flag: string, value: string | undefined, decimals: number): bigint {
  return parseAmountFlag(flag, required(flag, value), decimals);
}

async function openPool(c: Conn, poolFlag: string | undefined) {
  const address = parseFlag("pool", flags.address, required("pool", poolFlag));
  if ((await c.ethers.provider.getCode(address)) === "0x") throw new CliError(`--pool: no contract at ${address}`);
  const pool = await c.ethers.getContractAt("ImpactPool", address);
  const config = await requireKind("pool", address, "ImpactPool", () => pool.config(), { contract: "ImpactPool" });
  const token = erc20(config.token, c.ethers.provider);
  const decimals = await token.decimals();
  return { pool, config, token, decimals };
}

/** The ImpactPoolFactory at `address` (`--factory`), checked to be one. */
async function poolFactoryAt(c: Conn, address: string, runner?: Awaited<ReturnType<typeof senderOf>>) {
  if ((await c.ethers.provider.getCode(address)) === "0x") throw new CliError(`--factory: no contract at ${address}`);
  const factory = await c.ethers.getContractAt("ImpactPoolFactory", address, runner);
  await requireKind("factory", address, "ImpactPoolFactory", () => factory.poolCount());
  return factory;
}

/** The terms a pool was created with, from the factory's PoolCreated event. */
async function creationTerms(c: Conn, poolAddress: string, factoryFlag: string | undefined) {
  const pool = await c.ethers.getContractAt("ImpactPool", poolAddress);
  const factoryAddress =
    factoryFlag !== undefined && factoryFlag !== ""
      ? resolveAddress("ImpactPoolFactory", c.chainId, "factory", factoryFlag)
      : await pool.factory();
  const factory = await poolFactoryAt(c, factoryAddress);
  const logs = await factory.queryFilter(factory.filters.PoolCreated(poolAddress), 0);
  const log = logs[0];
  if (log === undefined)
    throw new CliError(`--pool: no PoolCreated event for ${poolAddress} from factory ${factoryAddress}`);
  const terms = log.args.terms;
  // Decoded event values are frozen ethers Results; calls need plain (mutable) arrays.
  return {
    schedule: plain(terms.schedule),
    basket: plain(terms.basket),
    tranches: terms.schedule.tranches,
    providers: terms.schedule.providers,
  };
}

/** A deep copy of a decoded ABI value with every Result turned into a plain array. */
function plain(value: unknown): unknown {
  return Array.isArray(value) ? Array.from(value, plain) : value;
}

export function createPool(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const file = required("file", args.file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new CliError(`--file: cannot read JSON from ${file} (${(err as Error).message.split("\n")[0]})`);
    }
    const c = await openChain(hre);
    const tokenFlag =
      args.token !== undefined && args.token !== "" ? parseFlag("token", flags.address, args.token) : undefined;
    const tokenAddress =
      tokenFlag ?? (typeof raw === "object" && raw !== null && "token" in raw ? String(raw.token) : undefined);
    if (tokenAddress === undefined) throw new CliError("token: required (in the file or with --token)");
    const tokenChecked = parseFlag("token", flags.address, tokenAddress);
    const { decimals } = await requireErc20(
      c.ethers.provider,
      tokenFlag === undefined ? "token" : "--token",
      tokenChecked,
    );
    const latest = await c.ethers.provider.getBlock("latest");
    const terms = buildPoolTerms(raw, { now: BigInt(latest?.timestamp ?? 0), decimals, token: tokenChecked });
    const factoryAddress = resolveAddress("ImpactPoolFactory", c.chainId, "factory", args.factory);
    const factory = await poolFactoryAt(c, factoryAddress, await senderOf(c, args.from));
    const receipt = await simulateThenSend(factory, "createPool", [terms]);
    const event = receipt.logs
      .map((l) => {
        try {
          return factory.interface.parseLog(l);
        } catch {
          return null;
        }
      })
      .find((e) => e?.name === "PoolCreated");
    console.log(`pool created: ${String(event?.args.pool)} (${terms.name}, ${terms.symbol}) tx ${receipt.hash}`);
  });
}

/** `invest` / `commit`: approve exactly the amount, simulate, send; returns what the pool credited the sender. */
async function payIn(args: Args, hre: HardhatRuntimeEnvironment, method: "invest" | "commit") {
  const c = await openChain(hre);
  const { pool, config, decimals } = await openPool(c, args.pool);
  const amount = amountFlag("amount", args.amount, decimals);
  const s = await senderOf(c, args.from);
  // Every check that can fail comes before the approval, and the approval is exactly what the pool will take.
  const taken = await amountTaken(c, pool, config, method, amount);
  const token = erc20(config.token, s);
  const held = await token.balanceOf(s.address);
  if (held < taken) {
    throw new CliError(
      `--amount: ${s.address} holds ${formatUnits(held, decimals)}, less than the ${formatUnits(taken, decimals)} to pay in`,
    );
  }
  await approveIfNeeded(token, s.address, await pool.getAddress(), taken);
  const credited = () => (method === "invest" ? pool.balanceOf(s.address) : pool.commitmentOf(s.address));
  const before = await credited();
  const receipt = await simulateThenSend(pool.connect(s), method, [amount]);
  return { added: (await credited()) - before, decimals, hash: receipt.hash };
}

/**
 * What `invest`/`commit` will take from the sender: the amount clamped to the room left (capital target or fund
 * cap), as the pool computes it; a closed raise, a full pool or a settled one is refused in one line first.
 */
async function amountTaken(
  c: Conn,
  pool: Awaited<ReturnType<typeof openPool>>["pool"],
  config: Awaited<ReturnType<typeof openPool>>["config"],
  method: "invest" | "commit",
  amount: bigint,
): Promise<bigint> {
  const now = await latestTime(c.ethers.provider);
  const st = await pool.state();
  const when = (t: bigint) => new Date(Number(t) * 1000).toISOString();
  const raiseOver = now > config.raiseDeadline;
  if (method === "invest") {
    if (raiseOver) throw new CliError(`--pool: the raise closed at ${when(config.raiseDeadline)}`);
    if (st.totalShares >= config.capitalTarget) throw new CliError("--pool: the raise is full (capital target met)");
    const room = config.capitalTarget - st.totalShares;
    return amount < room ? amount : room;
  }
  if (Number(st.phase) === 3) throw new CliError("--pool: the pool is settled; commitments are closed");
  if (raiseOver && st.totalShares < config.capitalTarget) {
    throw new CliError(`--pool: the raise failed at ${when(config.raiseDeadline)}; commitments are closed`);
  }
  if (st.fundCommitted >= config.fundCap) throw new CliError("--pool: the outcome fund is full (its cap is met)");
  const room = config.fundCap - st.fundCommitted;
  return amount < room ? amount : room;
}

export function invest(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const { added, decimals, hash } = await payIn(args, hre, "invest");
    console.log(`invested ${formatUnits(added, decimals)} → ${formatUnits(added, decimals)} shares (tx ${hash})`);
  });
}

export function commit(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const { added, decimals, hash } = await payIn(args, hre, "commit");
    console.log(`committed ${formatUnits(added, decimals)} to the outcome fund (tx ${hash})`);
  });
}

export function disburse(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, decimals } = await openPool(c, args.pool);
    const index = parseFlag("tranche", flags.uint, required("tranche", args.tranche));
    const terms = await creationTerms(c, await pool.getAddress(), args.factory);
    const count = BigInt(terms.tranches.length);
    if (index >= count) throw new CliError(`--tranche: no tranche #${index} (${count} tranches)`);
    const s = await senderOf(c, args.from);
    const receipt = await simulateThenSend(pool.connect(s), "disburse", [index, encodeSchedule(terms.schedule)]);
    const tranche = terms.tranches[Number(index)];
    const provider = tranche === undefined ? "?" : terms.providers[Number(tranche.provider)];
    const state = await pool.state();
    console.log(
      `tranche #${index} disbursed to ${provider}; disbursed so far ${formatUnits(state.disbursed, decimals)} (tx ${receipt.hash})`,
    );
  });
}

export function settle(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, decimals } = await openPool(c, args.pool);
    const terms = await creationTerms(c, await pool.getAddress(), args.factory);
    const s = await senderOf(c, args.from);
    const receipt = await simulateThenSend(pool.connect(s), "settle", [encodeBasket(terms.basket)]);
    const [ev] = await pool.queryFilter(pool.filters.Settled(), receipt.blockNumber, receipt.blockNumber);
    if (ev !== undefined) {
      const a = ev.args;
      console.log(
        `settled: ${RESOLUTIONS[Number(a.resolution)]}, achievement ${formatUnits(a.compositeWad, 16)} %, repayment ×${formatUnits(a.multipleWad, 18)}, ` +
          `outcome payment ${formatUnits(a.outcomePayment, decimals)}, investor pot ${formatUnits(a.investorPot, decimals)}, refund pot ${formatUnits(a.refundPot, decimals)}`,
      );
    }
  });
}

export function redeem(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, token, decimals } = await openPool(c, args.pool);
    const s = await senderOf(c, args.from);
    const balance = await pool.balanceOf(s.address);
    const shares =
      args.shares === undefined || args.shares === "" ? balance : amountFlag("shares", args.shares, decimals);
    if (shares === 0n) throw new CliError(`--shares: ${s.address} holds no shares`);
    if (shares > balance) throw new CliError(`--shares: ${s.address} holds only ${formatUnits(balance, decimals)}`);
    const before = await token.balanceOf(s.address);
    const receipt = await simulateThenSend(pool.connect(s), "redeem", [shares]);
    const got = (await token.balanceOf(s.address)) - before;
    console.log(
      `redeemed ${formatUnits(shares, decimals)} shares for ${formatUnits(got, decimals)} (tx ${receipt.hash})`,
    );
  });
}

/** After a failed raise: burn all the sender's shares for the same capital. */
export function withdraw(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, token, decimals } = await openPool(c, args.pool);
    const s = await senderOf(c, args.from);
    const phase = Number((await pool.state()).phase);
    if (PHASES[phase] !== "RaiseFailed") {
      throw new CliError(
        `--pool: the raise has not failed (phase ${PHASES[phase] ?? phase}); use pool:redeem after settlement`,
      );
    }
    const balance = await pool.balanceOf(s.address);
    if (balance === 0n) throw new CliError(`--from: ${s.address} holds no shares`);
    const before = await token.balanceOf(s.address);
    const receipt = await simulateThenSend(pool.connect(s), "withdraw", []);
    const got = (await token.balanceOf(s.address)) - before;
    console.log(
      `withdrew ${formatUnits(got, decimals)} for ${formatUnits(balance, decimals)} shares (tx ${receipt.hash})`,
    );
  });
}

export function refund(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, token, decimals } = await openPool(c, args.pool);
    const s = await senderOf(c, args.from);
    const before = await token.balanceOf(s.address);
    const receipt = await simulateThenSend(pool.connect(s), "refund", []);
    const got = (await token.balanceOf(s.address)) - before;
    console.log(`refunded ${formatUnits(got, decimals)} (tx ${receipt.hash})`);
  });
}

const ratio = (num: bigint, den: bigint): number => (den === 0n ? 0 : Number((num * 1_000_000n) / den) / 1_000_000);

export function show(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, config, decimals } = await openPool(c, args.pool);
    const st = await pool.state();
    const fmt = (n: bigint) => formatUnits(n, decimals);
    const date = (t: bigint) => new Date(Number(t) * 1000).toISOString();
    const settled = Number(st.phase) === 3;
    const raised = settled ? config.capitalTarget : st.totalShares;
    console.log(`${await pool.name()} (${await pool.symbol()}) at ${await pool.getAddress()}`);
    console.log(`  phase        ${PHASES[Number(st.phase)]}`);
    console.log(`  token        ${config.token}`);
    console.log(
      `  raise        ${progressBar(ratio(raised, config.capitalTarget))}  ${fmt(raised)} / ${fmt(config.capitalTarget)} by ${date(config.raiseDeadline)}`,
    );
    console.log(
      `  disbursed    ${progressBar(ratio(st.disbursed, config.capitalTarget))}  ${fmt(st.disbursed)} (tranche bitmap 0b${st.disbursedTranches.toString(2)})`,
    );
    console.log(
      `  outcome fund ${progressBar(ratio(st.fundCommitted, config.fundCap))}  ${fmt(st.fundCommitted)} / ${fmt(config.fundCap)}${settled ? " outstanding" : ""}`,
    );
    console.log(`  achievement  ${settled ? progressBar(ratio(st.compositeWad, WAD)) : "(not settled)"}`);
    console.log(
      `  repayment    0 below ${formatUnits(config.repayment.thresholdWad, 16)} %, principal at ${formatUnits(config.repayment.principalAtWad, 16)} %, +${formatUnits(config.repayment.maxReturnWad, 16)} % at 100 %`,
    );
    console.log(`  settlement   from ${date(config.settlementDeadline)}, no data after +${config.gracePeriod} s`);
    if (settled) {
      console.log(
        `  outcome payment ${fmt(st.outcomePayment)}; investor pot left ${fmt(st.investorPotRemaining)}; refund pot left ${fmt(st.refundPotRemaining)}`,
      );
    }
    if (args.account !== undefined && args.account !== "") {
      const who = parseFlag("account", flags.address, args.account);
      const shares = await pool.balanceOf(who);
      console.log(
        `  ${who}: ${fmt(shares)} shares (redeem now: ${fmt(await pool.previewRedeem(shares))}), commitment ${fmt(await pool.commitmentOf(who))} (refund now: ${fmt(await pool.previewRefund(who))})`,
      );
    }
  });
}

export function list(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const factory = await poolFactoryAt(c, resolveAddress("ImpactPoolFactory", c.chainId, "factory", args.factory));
    const mission =
      args.mission === undefined || args.mission === ""
        ? undefined
        : await missionRef(args.mission, async () => {
            const oracle = await c.ethers.getContractAt("MetricOracle", await factory.feed());
            return c.ethers.getContractAt("MissionRegistry", await oracle.registry());
          });
    const count = mission === undefined ? await factory.poolCount() : await factory.missionPoolCount(mission);
    const pools = mission === undefined ? await factory.pools(0, count) : await factory.missionPools(mission, 0, count);
    console.log(`${pools.length} pool(s)${mission === undefined ? "" : ` with a term on mission ${mission}`}`);
    for (const address of pools) {
      const pool = await c.ethers.getContractAt("ImpactPool", address);
      const st = await pool.state();
      const config = await pool.config();
      console.log(
        `  ${address}  ${await pool.symbol()}  ${PHASES[Number(st.phase)]}  raise ${progressBar(ratio(Number(st.phase) === 3 ? config.capitalTarget : st.totalShares, config.capitalTarget), 12)}`,
      );
    }
  });
}
