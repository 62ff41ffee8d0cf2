import { readFileSync } from "node:fs";
import { formatUnits } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import {
  CliError,
  describeZodError,
  flags,
  parseAmountFlag,
  parseFlag,
  progressBar,
  runTask,
  type TaskResult,
} from "../../core/cli.js";
import { resolveAddress } from "../../core/address-book.js";
import {
  approveIfNeeded,
  erc20,
  latestTime,
  openChain,
  requireClone,
  requireKind,
  senderOf,
  simulateThenSend,
  type Chain,
} from "../../core/chain.js";
import { missionRef } from "../../core/mission-ops.js";
import { ENUMS } from "../../core/errors.js";
import { goalFacts, outcomeLines } from "../../core/terms-view.js";
import {
  durationText,
  formatTokens,
  isoTime,
  metricText,
  percentBps,
  percentWad,
  tokenText,
} from "../../core/units.js";
import { buildPoolTerms, encodeBasket, encodeSchedule, poolTermsSchema } from "../../formats/pool-terms.js";
import { checkTermSlots, termsToken } from "../../core/terms-checks.js";

type Args = Record<string, string>;
const PHASES = ENUMS["IImpactPool.Phase"];
const RESOLUTIONS = ENUMS["OutcomeLib.Resolution"];
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
    basketTerms: terms.basket,
    registry: await factory.registry(),
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
    // The file's shape first (one line naming the field), before any chain read.
    const shape = poolTermsSchema.safeParse(raw);
    if (!shape.success) throw new CliError(describeZodError(shape.error, `${file}: `));
    const s = await senderOf(c, args.from);
    const token = await termsToken(s, c.chainId, shape.data.token, tokenFlag);
    const now = await latestTime(c.ethers.provider);
    const terms = withFile(file, () => buildPoolTerms(raw, { now, decimals: token.decimals, token: token.address }));
    const factoryAddress = resolveAddress("ImpactPoolFactory", c.chainId, "factory", args.factory);
    const factory = await poolFactoryAt(c, factoryAddress, s);
    // Milestones first, then the basket: the factory's order.
    const milestones = terms.schedule.tranches.flatMap((tr, i) =>
      tr.hasMilestone
        ? [
            {
              field: `tranches.${i}.milestone`,
              missionField: `tranches.${i}.milestone.missionId`,
              missionId: tr.missionId,
              goalId: tr.goalId,
              period: tr.period,
            },
          ]
        : [],
    );
    const basket = terms.basket.map((o, i) => ({
      field: `basket.${i}`,
      missionField: `basket.${i}.missionId`,
      missionId: o.missionId,
      goalId: o.goalId,
      period: o.period,
      lowerIsBetter: o.curve.lowerIsBetter,
    }));
    await checkTermSlots(
      s,
      factory,
      [...milestones, ...basket],
      { noDataAfter: terms.settlementDeadline + terms.gracePeriod, noDataField: "settlementDeadline" },
      `${file}: `,
    );
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

/** Runs `build`, prefixing a one-line error with the terms file's name (as escrow terms errors are). */
function withFile<T>(file: string, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof CliError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
}

/** `invest` / `commit`: approve exactly the amount, simulate, send; returns what the pool credited the sender. */
async function payIn(args: Args, hre: HardhatRuntimeEnvironment, method: "invest" | "commit") {
  const c = await openChain(hre);
  const { pool, config, decimals, units } = await openPool(c, args.pool);
  const amount = amountFlag("amount", args.amount, decimals);
  const s = await senderOf(c, args.from);
  // Every check that can fail comes before the approval, and the approval is exactly what the pool will take.
  const taken = await amountTaken(c, pool, config, method, amount);
  const token = erc20(config.token, s);
  const held = await token.balanceOf(s.address);
  if (held < taken) {
    const fmt = (v: bigint) => formatTokens(v, units);
    throw new CliError(`--amount: ${s.address} holds ${fmt(held)}, less than the ${fmt(taken)} to pay in`);
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
  // The raise takes payments up to its deadline second; the next block is at least one second after the latest.
  const raiseOver = now >= config.raiseDeadline;
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
    const { pool, units } = await openPool(c, args.pool);
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
      `tranche #${index} disbursed to ${provider}; disbursed so far ${formatTokens(state.disbursed, units)} (tx ${receipt.hash})`,
    );
  });
}

export function settle(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, units } = await openPool(c, args.pool);
    const terms = await creationTerms(c, await pool.getAddress(), args.factory);
    const s = await senderOf(c, args.from);
    const receipt = await simulateThenSend(pool.connect(s), "settle", [encodeBasket(terms.basket)]);
    const [ev] = await pool.queryFilter(pool.filters.Settled(), receipt.blockNumber, receipt.blockNumber);
    if (ev !== undefined) {
      const a = ev.args;
      console.log(
        `settled: ${RESOLUTIONS[Number(a.resolution)]}, achievement ${percentWad(a.compositeWad)}, repayment ×${tokenText(a.multipleWad, 18)}, ` +
          `outcome payment ${formatTokens(a.outcomePayment, units)}, investor pot ${formatTokens(a.investorPot, units)}, refund pot ${formatTokens(a.refundPot, units)}`,
      );
    }
  });
}

export function redeem(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, token, decimals, units } = await openPool(c, args.pool);
    const s = await senderOf(c, args.from);
    const balance = await pool.balanceOf(s.address);
    const shares =
      args.shares === undefined || args.shares === "" ? balance : amountFlag("shares", args.shares, decimals);
    if (shares === 0n) throw new CliError(`--shares: ${s.address} holds no shares`);
    if (shares > balance) {
      throw new CliError(`--shares: ${s.address} holds only ${tokenText(balance, decimals)} shares`);
    }
    const before = await token.balanceOf(s.address);
    const receipt = await simulateThenSend(pool.connect(s), "redeem", [shares]);
    const got = (await token.balanceOf(s.address)) - before;
    console.log(`redeemed ${tokenText(shares, decimals)} shares for ${formatTokens(got, units)} (tx ${receipt.hash})`);
  });
}

/** After a failed raise: burn all the sender's shares for the same capital. */
export function withdraw(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, token, decimals, units } = await openPool(c, args.pool);
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
    console.log(`withdrew ${formatTokens(got, units)} for ${tokenText(balance, decimals)} shares (tx ${receipt.hash})`);
  });
}

export function refund(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, token, units } = await openPool(c, args.pool);
    const s = await senderOf(c, args.from);
    const before = await token.balanceOf(s.address);
    const receipt = await simulateThenSend(pool.connect(s), "refund", []);
    const got = (await token.balanceOf(s.address)) - before;
    console.log(`refunded ${formatTokens(got, units)} (tx ${receipt.hash})`);
  });
}

const ratio = (num: bigint, den: bigint): number => (den === 0n ? 0 : Number((num * 1_000_000n) / den) / 1_000_000);

/**
 * `pool:show`: the pool's full terms (token, capital target, raise and settlement deadlines, repayment curve,
 * providers, tranches with their milestones, the outcome basket's curves in each goal's unit), its raise,
 * disbursement, outcome fund and achievement bars, and with `--account` that account's position: shares and what
 * they redeem for now, commitment to the outcome fund and what it refunds now.
 */
export function show(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const account =
      args.account === undefined || args.account === "" ? undefined : parseFlag("account", flags.address, args.account);
    const c = await openChain(hre);
    const { pool, config, decimals } = await openPool(c, args.pool);
    const address = await pool.getAddress();
    const st = await pool.state();
    const units = { decimals, symbol: await erc20(config.token, c.ethers.provider).symbol() };
    const fmt = (n: bigint) => formatTokens(n, units);
    const terms = await creationTerms(c, address, args.factory);
    const facts = await goalFacts(c.ethers.provider, terms.registry, terms.basketTerms);
    const settled = Number(st.phase) === 3;
    const raised = settled ? config.capitalTarget : st.totalShares;
    const lines = [
      `${await pool.name()} (${await pool.symbol()}) at ${address}`,
      `  phase        ${PHASES[Number(st.phase)]}`,
      `  token        ${units.symbol} (${config.token}, ${decimals} decimals)`,
      `  raise        ${progressBar(ratio(raised, config.capitalTarget))}  ${fmt(raised)} of ${fmt(config.capitalTarget)} by ${isoTime(config.raiseDeadline)}`,
      `  disbursed    ${progressBar(ratio(st.disbursed, config.capitalTarget))}  ${fmt(st.disbursed)}`,
      `  outcome fund ${progressBar(ratio(st.fundCommitted, config.fundCap))}  ${fmt(st.fundCommitted)} of ${fmt(config.fundCap)}${settled ? " outstanding" : ""}`,
      `  achievement  ${settled ? progressBar(ratio(st.compositeWad, WAD)) : "(not settled)"}`,
      `  repayment    0 below ${percentWad(config.repayment.thresholdWad)} achievement, the principal at ${percentWad(config.repayment.principalAtWad)}, +${percentWad(config.repayment.maxReturnWad)} at 100 %`,
      `  settlement   from ${isoTime(config.settlementDeadline)}, no data after ${isoTime(config.settlementDeadline + config.gracePeriod)} (+${durationText(config.gracePeriod)})`,
    ];
    if (settled) {
      lines.push(
        `  outcome payment ${fmt(st.outcomePayment)}; investor pot left ${fmt(st.investorPotRemaining)}; refund pot left ${fmt(st.refundPotRemaining)}`,
      );
    }
    lines.push("  providers", ...terms.providers.map((p, i) => `    ${i}: ${p}`));
    lines.push("  tranches");
    for (const [i, t] of terms.tranches.entries()) {
      const amount = (config.capitalTarget * t.shareBps) / 10_000n;
      const paid = ((st.disbursedTranches >> BigInt(i)) & 1n) === 1n ? "disbursed" : "not disbursed";
      let milestone = "";
      if (t.hasMilestone) {
        const [goal] = await goalFacts(c.ethers.provider, terms.registry, [
          { missionId: t.missionId, goalId: t.goalId, period: t.period, weightWad: 0n, curve: NO_CURVE },
        ]);
        milestone = `, once mission ${t.missionId} goal ${t.goalId} period ${t.period} is final at ${metricText(t.minValue, goal?.decimals)} or better`;
      }
      lines.push(
        `    ${i}: ${percentBps(t.shareBps)} (${fmt(amount)}) to provider ${t.provider} from ${isoTime(t.dueAt)}${milestone} — ${paid}`,
      );
    }
    lines.push("  basket", ...outcomeLines(terms.basketTerms, facts).map((line) => `  ${line}`));
    if (account !== undefined) {
      const shares = await pool.balanceOf(account);
      const commitment = await pool.commitmentOf(account);
      lines.push(
        `  account      ${account}: ${tokenText(shares, decimals)} shares (redeemable now for ${fmt(await pool.previewRedeem(shares))}), commitment ${fmt(commitment)} (refundable now ${fmt(await pool.previewRefund(account))})`,
      );
    }
    console.log(lines.join("\n"));
  });
}

/** A placeholder curve for a milestone's goal lookup (only its slot is read). */
const NO_CURVE = {
  kind: 0n,
  lowerIsBetter: false,
  baseline: 0n,
  target: 0n,
  threshold: 0n,
  capWad: 0n,
  stepValues: [],
  stepRatiosWad: [],
};

/** `pool:list`: one line per pool — name and symbol, address, phase by name, raised of target in tokens, raise deadline. */
export function list(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const factory = await poolFactoryAt(c, resolveAddress("ImpactPoolFactory", c.chainId, "factory", args.factory));
    const mission =
      args.mission === undefined || args.mission === ""
        ? undefined
        : await missionRef(args.mission, async () =>
            c.ethers.getContractAt("MissionRegistry", await factory.registry()),
          );
    const count = mission === undefined ? await factory.poolCount() : await factory.missionPoolCount(mission);
    const pools = mission === undefined ? await factory.pools(0, count) : await factory.missionPools(mission, 0, count);
    console.log(`${pools.length} pool(s)${mission === undefined ? "" : ` with a term on mission ${mission}`}`);
    for (const address of pools) {
      const pool = await c.ethers.getContractAt("ImpactPool", address);
      const [st, config] = [await pool.state(), await pool.config()];
      const token = erc20(config.token, c.ethers.provider);
      const units = { decimals: await token.decimals(), symbol: await token.symbol() };
      const raised = Number(st.phase) === 3 ? config.capitalTarget : st.totalShares;
      console.log(
        `  ${await pool.name()} (${await pool.symbol()})  ${address}  ${PHASES[Number(st.phase)]}  raised ${formatTokens(raised, units)} of ${formatTokens(config.capitalTarget, units)}  raise deadline ${isoTime(config.raiseDeadline)}`,
      );
    }
  });
}
