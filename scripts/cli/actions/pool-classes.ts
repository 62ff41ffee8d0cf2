/**
 * A classed pool (issue #13, docs/capital-structure.md) through the CLI: its capital structure read back from the
 * factory's `CapitalStructureCreated` event, `--class <index|name>`, `pool:invest --class` (exactly the amount taken
 * approved, then `investClass`), `pool:claim --class` (the class token's `claim`), `pool:guarantee` (approve, then
 * `postGuarantee`), and the waterfall lines `pool:settle --point` prints. `pool:show`'s block: pool-classes-view.ts.
 */
import { ZeroAddress, type ContractTransactionReceipt } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { CliError, runTask, type TaskResult } from "../../core/cli.js";
import { erc20, latestTime, openChain, senderOf, simulateThenSend, type Chain } from "../../core/chain.js";
import { formatTokens, isoTime, tokenText, type TokenUnits } from "../../core/units.js";
import type { ImpactPool } from "../../../typechain-types/index.js";
import { PoolShareClass__factory } from "../../../typechain-types/index.js";
import { amountFlag, approveTaken, openPool, PHASES, poolFactoryAt, type Args } from "./pool-common.js";

/** Whether `pool` has investor classes (its class 0 token is set). */
export async function isClassed(pool: ImpactPool): Promise<boolean> {
  return (await pool.classToken(0)) !== ZeroAddress;
}

/** One investor class as the CLI reads it back from the chain. */
export interface ClassInfo {
  index: number;
  name: string;
  symbol: string;
  target: bigint;
  maxMultipleWad: bigint;
  maxRateWad: bigint;
  token: string;
}

/** A classed pool's capital structure, from the factory's `CapitalStructureCreated` event. */
export async function capitalOf(c: Chain, pool: ImpactPool) {
  const address = await pool.getAddress();
  const factory = await poolFactoryAt(c, await pool.factory());
  const [created] = await factory.queryFilter(factory.filters.CapitalStructureCreated(address), 0);
  if (created === undefined) throw new CliError(`--pool: ${address} has no investor classes`);
  const cs = created.args.capital;
  const classes: ClassInfo[] = cs.classes.map((k, index) => ({
    index,
    name: k.name,
    symbol: k.symbol,
    target: k.target,
    maxMultipleWad: k.maxMultipleWad,
    maxRateWad: k.maxRateWad,
    token: created.args.classTokens[index] ?? ZeroAddress,
  }));
  return {
    classes,
    guarantor: cs.guarantor,
    guarantee: cs.guarantee,
    provider: cs.provider,
    providerBps: cs.providerBps,
  };
}

/** The classes as a flag's error lists them: `0 Senior (LIVE-SNR), 1 Junior (LIVE-JNR)`. */
const classList = (classes: ClassInfo[]): string => classes.map((k) => `${k.index} ${k.name} (${k.symbol})`).join(", ");

/** The class `--class` names: its index, or its name or symbol (case-insensitive); one line naming the flag. */
export function classFlag(classes: ClassInfo[], text: string | undefined): ClassInfo {
  if (text === undefined || text === "")
    throw new CliError(`--class: required for a classed pool (its classes: ${classList(classes)})`);
  const wanted = text.toLowerCase();
  const found = /^[0-9]+$/.test(text)
    ? classes[Number(text)]
    : classes.find((k) => k.name.toLowerCase() === wanted || k.symbol.toLowerCase() === wanted);
  if (found === undefined) throw new CliError(`--class: no class "${text}" (its classes: ${classList(classes)})`);
  return found;
}

/** `pool:invest` on a classed pool (`--class` required): exactly the amount taken approved, then `investClass`. */
export async function investInClass(c: Chain, args: Args): Promise<void> {
  const { pool, config, decimals, units } = await openPool(c, args.pool);
  const k = classFlag((await capitalOf(c, pool)).classes, args.class);
  const amount = amountFlag("amount", args.amount, decimals);
  const fmt = (v: bigint) => formatTokens(v, units);
  if ((await latestTime(c.ethers.provider)) >= config.raiseDeadline)
    throw new CliError(`--pool: the raise closed at ${isoTime(config.raiseDeadline)}`);
  // The class's raise so far, stored by the pool (`investClass` clamps to the rest of its target).
  const raised = await pool.classRaised(k.index);
  if (raised >= k.target) throw new CliError(`--class: class ${k.index} (${k.name}) is full: ${fmt(k.target)} raised`);
  const room = k.target - raised;
  const s = await senderOf(c, args.from);
  await approveTaken(s, config.token, await pool.getAddress(), amount < room ? amount : room, units);
  const shares = PoolShareClass__factory.connect(k.token, c.ethers.provider);
  const before = await shares.balanceOf(s.address);
  const receipt = await simulateThenSend(pool.connect(s), "investClass", [k.index, amount]);
  const added = (await shares.balanceOf(s.address)) - before;
  console.log(
    `invested ${fmt(added)} in class ${k.index} (${k.name}) → ${tokenText(added, decimals)} ${k.symbol} shares (tx ${receipt.hash})`,
  );
}

/** `pool:withdraw` on a classed pool after a failed raise: the class token burns the sender's shares for their capital. */
export async function withdrawFromClass(
  c: Chain,
  pool: ImpactPool,
  args: Args,
  s: Awaited<ReturnType<typeof senderOf>>,
  units: TokenUnits,
): Promise<void> {
  const k = classFlag((await capitalOf(c, pool)).classes, args.class);
  const shares = PoolShareClass__factory.connect(k.token, s);
  const held = await shares.balanceOf(s.address);
  if (held === 0n) throw new CliError(`--from: ${s.address} holds no ${k.symbol} shares`);
  const token = erc20((await pool.config()).token, c.ethers.provider);
  const before = await token.balanceOf(s.address);
  const receipt = await simulateThenSend(shares, "withdraw", []);
  const got = (await token.balanceOf(s.address)) - before;
  console.log(
    `withdrew ${formatTokens(got, units)} for ${tokenText(held, units.decimals)} ${k.symbol} shares (tx ${receipt.hash})`,
  );
}

/** `--class` on a pool without classes: one line before anything is sent. */
export function refuseClassFlag(args: Args): void {
  if (args.class !== undefined && args.class !== "")
    throw new CliError("--class: this pool has no investor classes (leave --class out)");
}

/** `pool:claim --class`: what accrued to the sender's shares of the class, paid by the pool. */
export function claim(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, token, units } = await openPool(c, args.pool);
    if (!(await isClassed(pool)))
      throw new CliError("--class: this pool has no investor classes (its investors redeem with pool:redeem)");
    const k = classFlag((await capitalOf(c, pool)).classes, args.class);
    const s = await senderOf(c, args.from);
    const shares = PoolShareClass__factory.connect(k.token, s);
    if ((await shares.claimable(s.address)) === 0n)
      throw new CliError(`--from: ${s.address} has nothing to claim in class ${k.index} (${k.name})`);
    const before = await token.balanceOf(s.address);
    const receipt = await simulateThenSend(shares, "claim", []);
    const got = (await token.balanceOf(s.address)) - before;
    console.log(`claimed ${formatTokens(got, units)} from class ${k.index} (${k.name}) (tx ${receipt.hash})`);
  });
}

/** `pool:guarantee`: the named guarantor posts the guarantee (exactly its amount approved) while the pool is Funded. */
export function guarantee(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const c = await openChain(hre);
    const { pool, config, units } = await openPool(c, args.pool);
    if (!(await isClassed(pool))) throw new CliError("--pool: this pool has no investor classes, so no guarantee");
    const cs = await capitalOf(c, pool);
    const fmt = (v: bigint) => formatTokens(v, units);
    if (cs.guarantee === 0n) throw new CliError("--pool: this pool's capital structure has no guarantee");
    const s = await senderOf(c, args.from);
    if (s.address.toLowerCase() !== cs.guarantor.toLowerCase())
      throw new CliError(`--from: only the named guarantor ${cs.guarantor} posts the guarantee, not ${s.address}`);
    const phase = PHASES[Number((await pool.state()).phase)];
    if (phase !== "Funded")
      throw new CliError(`--pool: the guarantee is posted while the pool is Funded (it is ${phase ?? "?"})`);
    if ((await pool.queryFilter(pool.filters.GuaranteeCommitted(), 0)).length > 0)
      throw new CliError("--pool: the guarantee is already posted");
    await approveTaken(s, config.token, await pool.getAddress(), cs.guarantee, units);
    const receipt = await simulateThenSend(pool.connect(s), "postGuarantee", []);
    console.log(
      `posted the guarantee of ${fmt(cs.guarantee)}: it covers the senior classes' principal shortfall at the last point (tx ${receipt.hash})`,
    );
  });
}

/** What a settled point did down the waterfall, from its receipt: one line each (none on a pool without classes). */
export async function waterfallLines(
  pool: ImpactPool,
  receipt: ContractTransactionReceipt,
  units: TokenUnits,
): Promise<string[]> {
  const fmt = (v: unknown) => formatTokens(BigInt(String(v)), units);
  const perClass = (amounts: unknown) =>
    Array.from(amounts as ArrayLike<unknown>)
      .map((v, i) => ({ v: BigInt(String(v)), i }))
      .filter(({ v, i }) => v !== 0n || i === 0)
      .map(({ v, i }) => `class ${i} ${fmt(v)}`)
      .join(", ");
  const lines: string[] = [];
  const address = (await pool.getAddress()).toLowerCase();
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== address) continue;
    const parsed = pool.interface.parseLog(log);
    const a = parsed?.args;
    if (parsed === null || a === undefined) continue;
    if (parsed.name === "Distributed")
      lines.push(
        `waterfall: ${perClass(a.toClasses)}; provider ${fmt(a.providerCut)}; capped back to the payers ${fmt(a.cappedBack)}`,
      );
    else if (parsed.name === "UndrawnReturned") lines.push(`undrawn capital back: ${perClass(a.toClasses)}`);
    else if (parsed.name === "GuaranteeCalled") lines.push(`guarantee called: ${perClass(a.toClasses)}`);
    else if (parsed.name === "GuaranteeReturned") lines.push(`guarantee returned to ${a.guarantor}: ${fmt(a.amount)}`);
  }
  return lines;
}
