/**
 * Demo chapter 6e: a classed impact pool (issue #13, docs/capital-structure.md) — the classed example
 * (`examples/pools/classed-outcomes-pool.json`) through `ImpactPoolFactory.createClassedPool`: two banks buy the
 * senior class (45,000 + 30,000, capped at 1.2× principal), Amara's foundation the junior class (25,000, capped at
 * 1.1×), a philanthropy posts a guarantee of 75 % of the senior capital (56,250), Priya's council commits the 120,000
 * outcome fund; the committee reports each year, anyone settles each point down the waterfall, holders claim per
 * class, and the waterfall is printed as `pool:show` draws it.
 *
 * Figures, by hand: each year's pot is wMulDown(120,000e18, 0.333333333333333333) = 39,999.99999999999996; years of
 * 200, 400 and 100 of 400 people pay 19,999.99999999999998 + 39,999.99999999999996 + 9,999.99999999999999 =
 * 69,999.99999999999993, all senior principal (its band is the first 75,000): the junior class takes the first loss
 * (0), the guarantee covers the senior shortfall 5,000.00000000000007 and 51,249.99999999999993 goes back to the
 * philanthropy; the council gets back 120,000 − 69,999.99999999999993 = 50,000.00000000000007.
 *
 * It runs before chapter 7, so the open data holds the classed pool's tables (pool_classes, pool_class_points,
 * pool_guarantees) and the conservation check counts its money.
 */
import { Wallet, id } from "ethers";
import { classedPoolLines } from "../cli/actions/pool-classes-view.js";
import { pointCall } from "../cli/actions/escrow-scheduled.js";
import { buildClassedPoolTerms, encodeSchedule } from "../formats/pool-terms.js";
import type { ImpactPool } from "../../typechain-types/index.js";
import { PoolShareClass__factory } from "../../typechain-types/index.js";
import { actor, formatGbp, gbp, mint, need, type DemoContext } from "./context.js";
import { adaptedFile, createdPool, reportYear, shiftFor, yearlyMission } from "./scheduled-pool.js";

export const CLASSED_POOL_FILE = "examples/pools/classed-outcomes-pool.json";
const YEAR = 365n * 86_400n;
/** People living independently each year (of the target 400). */
const RESULTS = [200n, 400n, 100n] as const;

export async function classedPoolChapter(ctx: DemoContext): Promise<ImpactPool> {
  ctx.say();
  ctx.say("Chapter 6e — a bond in layers: two banks senior, a foundation junior, a philanthropy's guarantee");
  const token = need(ctx.token, "token");
  const factory = need(ctx.poolFactory, "pool factory");
  const steward = actor(ctx, "healthBoard").signer;
  const now = BigInt((await ctx.ethers.provider.getBlock("latest"))?.timestamp ?? 0);
  const shift = shiftFor(now);
  const missionId = await yearlyMission(ctx, "homeForGood", "#HomeForGood", "Home for good", now, shift);

  // Newcomers with wallets of their own (fixed keys: the same addresses every run).
  const newcomer = async (name: string) => {
    const wallet = new Wallet(id(`collective-impact-contracts demo ${name}`), ctx.ethers.provider);
    await ctx.conn.networkHelpers.setBalance(wallet.address, 10n ** 20n);
    ctx.labels.set(wallet.address, name);
    return wallet;
  };
  const bank1 = await newcomer("Clydeside Community Bank");
  const bank2 = await newcomer("Forth Ethical Bank");
  const philanthropy = await newcomer("Hearth Philanthropy");
  const foundation = actor(ctx, "foundation").signer;
  const council = actor(ctx, "council").signer;

  const raw = adaptedFile(missionId, actor(ctx, "befrienders").signer.address, shift, CLASSED_POOL_FILE) as {
    capital: { guarantee: { guarantor: string } };
  };
  raw.capital.guarantee.guarantor = philanthropy.address;
  const { terms, capital } = buildClassedPoolTerms(raw, { now, decimals: 18, token: await token.getAddress() });
  const receipt = await (await factory.connect(steward).createClassedPool(terms, capital)).wait();
  const pool = await createdPool(ctx, receipt, "classed pool #HomeForGood");
  const address = await pool.getAddress();
  ctx.say(
    `Morag creates ${CLASSED_POOL_FILE} as a classed pool (${address}), its dates ${shift / YEAR} years on: a ` +
      `senior class capped at 1.2× principal, a junior one at 1.1×, 10 % of every return above principal for ` +
      `Eilidh's befrienders.`,
  );

  const invest = async (who: typeof bank1 | typeof foundation, classId: number, amount: bigint) => {
    await mint(ctx, token, who.address, amount);
    await (await token.connect(who).approve(address, amount)).wait();
    await (await pool.connect(who).investClass(classId, amount)).wait();
  };
  await invest(bank1, 0, gbp(45_000));
  await invest(bank2, 0, gbp(30_000));
  await invest(foundation, 1, gbp(25_000));
  await mint(ctx, token, philanthropy.address, capital.guarantee);
  await (await token.connect(philanthropy).approve(address, capital.guarantee)).wait();
  await (await pool.connect(philanthropy).postGuarantee()).wait();
  await mint(ctx, token, council.address, gbp(120_000));
  await (await token.connect(council).approve(address, gbp(120_000))).wait();
  await (await pool.connect(council).commitTier(0, gbp(120_000))).wait();
  ctx.say(
    `  The banks buy the senior class (${formatGbp(gbp(45_000))} + ${formatGbp(gbp(30_000))}), Amara's foundation ` +
      `the junior class (${formatGbp(gbp(25_000))}); Hearth Philanthropy posts its guarantee of ` +
      `${formatGbp(capital.guarantee)} (75 % of the senior capital); Priya's council commits ${formatGbp(gbp(120_000))}.`,
  );
  await ctx.conn.networkHelpers.time.increaseTo(terms.raiseDeadline + 1n);
  const keeper = actor(ctx, "neighbour").signer;
  await (await pool.connect(keeper).disburse(0, encodeSchedule(terms.schedule))).wait();

  for (const [i, value] of RESULTS.entries()) {
    await reportYear(ctx, missionId, i + 1, value);
    const { bytes, proof } = pointCall(terms.paymentSchedule.points, i);
    const settled = await (await pool.connect(keeper).settlePoint(i, bytes, proof)).wait();
    const parsed = settled?.logs.map((l) => pool.interface.parseLog(l)).find((e) => e?.name === "Distributed");
    const toClasses = Array.from((parsed?.args.toClasses ?? []) as ArrayLike<bigint>);
    ctx.say(
      `  Year ${i + 1}: ${value} of 400 people; Femi settles point ${i}: senior ${formatGbp(toClasses[0] ?? 0n)}, ` +
        `junior ${formatGbp(toClasses[1] ?? 0n)} down the waterfall.`,
    );
  }
  const [called] = await pool.queryFilter(pool.filters.GuaranteeCalled());
  const [back] = await pool.queryFilter(pool.filters.GuaranteeReturned());
  ctx.say(
    `  The senior principal fell short: the guarantee covers ${formatGbp(called?.args.toClasses[0] ?? 0n)} of it ` +
      `and ${formatGbp(back?.args.amount ?? 0n)} goes back to Hearth Philanthropy; the junior class takes the first loss.`,
  );

  const claims: string[] = [];
  for (const [who, classId, name] of [
    [bank1, 0, "Clydeside"],
    [bank2, 0, "Forth"],
  ] as const) {
    const cls = PoolShareClass__factory.connect(await pool.classToken(classId), who);
    const due = await cls.claimable(who.address);
    await (await cls.claim()).wait();
    claims.push(`${name} ${formatGbp(due)}`);
  }
  const junior = PoolShareClass__factory.connect(await pool.classToken(1), foundation);
  const juniorDue = await junior.claimable(foundation.address);
  const before = await token.balanceOf(council.address);
  await (await pool.connect(council).refund()).wait();
  const refunded = (await token.balanceOf(council.address)) - before;
  ctx.say(
    `  The banks claim ${claims.join(" and ")}; the foundation has ${formatGbp(juniorDue)} to claim; the council ` +
      `takes back ${formatGbp(refunded)}. The waterfall, as pool:show draws it:`,
  );
  const chain = { connection: ctx.conn, ethers: ctx.ethers, chainId: (await ctx.ethers.provider.getNetwork()).chainId };
  const term = terms.settlementDeadline - terms.raiseDeadline;
  const units = { decimals: 18, symbol: "dGBP" };
  for (const line of await classedPoolLines(chain, pool, units, term)) ctx.say(line);
  return pool;
}
