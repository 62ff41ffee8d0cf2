/**
 * Demo chapters 4b, 5b and 6b: an impact pool (a social-impact bond over a basket of both missions' goals). Ten
 * investors pre-finance three providers and hold the pool's shares; three outcome payers commit the outcome fund;
 * tranches are disbursed, shares change hands, the oracle finalises the basket (reports relayed as signed batches),
 * the pool settles on the repayment curve, investors redeem and the payers take back the unused fund.
 */
import { id, type HDNodeWallet } from "ethers";
import { curveOf } from "../formats/outcome-terms.js";
import { encodeBasket, encodeSchedule, type PoolTermsStruct } from "../formats/pool-terms.js";
import { actor, day, formatGbp, gbp, mint, missionOf, need, registryOf, type DemoContext } from "./context.js";
import { CHALLENGE_WINDOW, relay, sign } from "./oracle.js";
import { deployPoolFactory } from "../core/pool-factory.js";

const WAD = 10n ** 18n;
const PHASE = ["Raising", "Funded", "RaiseFailed", "Settled"] as const;
const RESOLUTION = ["Pending", "Achieved", "NoData"] as const;
const pct = (wad: bigint): string => `${(Number((wad * 10_000n) / WAD) / 100).toFixed(2)} %`;

/** What investor i puts in: £5,000 … £14,000 (together exactly the capital target). */
export const investorAmount = (i: number): bigint => gbp(5_000 + i * 1_000);
/** The outcome fund covers the maximum return on 90 % disbursed: £95,000 × 0.9 × 1.2 = £102,600 (cap £105,000). */
const PAYER_COMMITMENTS = [gbp(60_000), gbp(30_000), gbp(15_000)];
/** The ageing goal in the basket: weekly active minutes (goal 2), quarter 2. */
const AGEING_GOAL = 2;
const AGEING_PERIOD = 2;

function poolOf(ctx: DemoContext) {
  return need(ctx.pool, "impact pool");
}

export async function poolChapter(ctx: DemoContext): Promise<void> {
  ctx.say();
  ctx.say("Chapter 4b — an impact pool: investors pre-finance the work, outcome payers pay for results");
  const registry = registryOf(ctx);
  const token = need(ctx.token, "token");
  ctx.poolFactory = await deployPoolFactory(
    ctx.ethers,
    await registry.getAddress(),
    await need(ctx.oracle, "oracle").getAddress(),
  );
  const now = BigInt(await ctx.conn.networkHelpers.time.latest());
  const reading = missionOf(ctx, "reading").id;
  const ageing = missionOf(ctx, "ageing").id;
  const [readingEnd] = await registry.periodWindow(reading, 0, 1);
  const capitalTarget = ctx.crowd.investors.reduce((acc, _, i) => acc + investorAmount(i), 0n);
  const schedule = {
    providers: ["buddies", "libraries", "befrienders"].map((k) => actor(ctx, k).signer.address),
    tranches: [
      {
        provider: 0,
        dueAt: now + 7n * 86_400n,
        shareBps: 4_000,
        hasMilestone: false,
        missionId: 0n,
        goalId: 0,
        period: 0,
        minValue: 0n,
      },
      {
        provider: 2,
        dueAt: now + 7n * 86_400n,
        shareBps: 3_000,
        hasMilestone: false,
        missionId: 0n,
        goalId: 0,
        period: 0,
        minValue: 0n,
      },
      // Sol's libraries are paid once year-1 attainment is final at ≥ 65 %.
      {
        provider: 1,
        dueAt: readingEnd,
        shareBps: 2_000,
        hasMilestone: true,
        missionId: reading,
        goalId: 0,
        period: 1,
        minValue: 650n,
      },
    ],
  };
  const basket = [
    {
      missionId: reading,
      goalId: 0,
      period: 1,
      weightWad: (4n * WAD) / 10n,
      curve: curveOf({ kind: "linear", baseline: 624, target: 750 }),
    },
    {
      missionId: reading,
      goalId: 1,
      period: 1,
      weightWad: (2n * WAD) / 10n,
      curve: curveOf({ kind: "thresholdLinear", baseline: 38, target: 55, threshold: 42, cap: "1" }),
    },
    {
      missionId: ageing,
      goalId: AGEING_GOAL,
      period: AGEING_PERIOD,
      weightWad: (4n * WAD) / 10n,
      curve: curveOf({ kind: "linear", baseline: 95, target: 150 }),
    },
  ];
  const terms: PoolTermsStruct = {
    name: "Riverside & Leith Impact Bond",
    symbol: "RLIB",
    token: await token.getAddress(),
    capitalTarget,
    raiseDeadline: now + 30n * 86_400n,
    fundCap: PAYER_COMMITMENTS.reduce((a, b) => a + b, 0n),
    settlementDeadline: readingEnd + 21n * 86_400n,
    // The no-data cut-off (deadline + grace) must not come before the ageing slot's reporting deadline + challenge
    // window + 30-day arbitration period (the factory refuses it otherwise).
    gracePeriod: 72n * 86_400n,
    repayment: { thresholdWad: (3n * WAD) / 10n, principalAtWad: (6n * WAD) / 10n, maxReturnWad: WAD / 5n },
    schedule,
    basket,
  };
  const asFund = ctx.poolFactory.connect(actor(ctx, "fund").signer);
  const address = await asFund.createPool.staticCall(terms);
  await (await asFund.createPool(terms)).wait();
  const pool = await ctx.ethers.getContractAt("ImpactPool", address);
  ctx.pool = { contract: pool, terms };
  ctx.labels.set(address, "impact pool RLIB");
  ctx.say(
    `Dara's Commons Impact Fund opens the RLIB pool (${address}): raise ${formatGbp(capitalTarget)} by ` +
      `${day(terms.raiseDeadline)}; basket 40 % attainment, 20 % daily reading, 40 % Leith active minutes ` +
      `(quarter ${AGEING_PERIOD}); investors get principal back at 60 % achievement, +20 % at 100 %, less below.`,
  );

  let done = 0;
  for (const [i, wallet] of ctx.crowd.investors.entries()) {
    const amount = investorAmount(i);
    await mint(ctx, token, wallet.address, amount);
    await (await token.connect(wallet).approve(address, amount)).wait();
    await (await pool.connect(wallet).invest(amount)).wait();
    ctx.progress("investors buy RLIB shares", ++done, ctx.crowd.investors.length);
  }
  ctx.say(
    `${ctx.crowd.investors.length} investors invest ${formatGbp(await pool.totalSupply())}: the pool is ` +
      `${PHASE[Number(await pool.phase())]}.`,
  );
  for (const [i, payer] of ctx.crowd.payers.entries()) {
    const amount = PAYER_COMMITMENTS[i] ?? 0n;
    await mint(ctx, token, payer.address, amount);
    await (await token.connect(payer).approve(address, amount)).wait();
    await (await pool.connect(payer).commit(amount)).wait();
  }
  ctx.say(`The ${ctx.crowd.payers.length} outcome payers commit ${formatGbp((await pool.state()).fundCommitted)}.`);

  await ctx.conn.networkHelpers.time.increaseTo(now + 7n * 86_400n);
  const keeper = actor(ctx, "neighbour").signer;
  for (const index of [0, 1]) {
    await (await pool.connect(keeper).disburse(index, encodeSchedule(schedule))).wait();
  }
  const [t0, t1] = [schedule.tranches[0]!, schedule.tranches[1]!];
  ctx.say(
    `A week later Femi releases the first tranches: ${formatGbp((capitalTarget * BigInt(t0.shareBps)) / 10_000n)} ` +
      `to Ben's volunteers and ${formatGbp((capitalTarget * BigInt(t1.shareBps)) / 10_000n)} to Eilidh's befrienders.`,
  );
  const [seller, buyer] = [ctx.crowd.investors[0]!, ctx.crowd.investors[1]!];
  const sold = (await pool.balanceOf(seller.address)) / 2n;
  await (await pool.connect(seller).transfer(buyer.address, sold)).wait();
  ctx.say(`Investor 1 sells half of their shares (${formatGbp(sold).replace("£", "")} RLIB) to investor 2.`);
}

/** Leith, quarter 2: two evaluators (the quorum) report weekly active minutes; relayed in one batch, finalised. */
export async function poolEvidence(ctx: DemoContext): Promise<void> {
  const registry = registryOf(ctx);
  const oracle = need(ctx.oracle, "oracle");
  const mission = missionOf(ctx, "ageing").id;
  const [periodEnd] = await registry.periodWindow(mission, AGEING_GOAL, AGEING_PERIOD);
  await ctx.conn.networkHelpers.time.increaseTo(periodEnd + 86_400n);
  const report = (value: bigint, source: string) => ({
    missionId: mission,
    version: 1,
    goalId: AGEING_GOAL,
    period: AGEING_PERIOD,
    value,
    evidenceHash: id(source) as `0x${string}`,
  });
  const batch = [
    ...(await sign(ctx, "university", [report(128n, "activity trackers Q2 2030, CU lab")])),
    ...(await sign(ctx, "statistician", [report(134n, "activity diaries Q2 2030, TS")])),
  ];
  const txs = await relay(ctx, batch);
  const proposed = await oracle.getSlot(mission, 1, AGEING_GOAL, AGEING_PERIOD);
  await ctx.conn.networkHelpers.time.increase(CHALLENGE_WINDOW + 1);
  await (await oracle.connect(actor(ctx, "neighbour").signer).finalize(mission, 1, AGEING_GOAL, AGEING_PERIOD)).wait();
  ctx.say(
    `${day(periodEnd)}: Leith quarter ${AGEING_PERIOD} ends. Chen and Tomasz sign weekly active minutes ` +
      `(128 and 134: the quorum); Femi relays ${batch.length} reports in ${txs} transaction; the median ${proposed.value} is final ` +
      `after the challenge window (for the RLIB pool's basket).`,
  );
}

export async function poolSettlementChapter(ctx: DemoContext): Promise<void> {
  ctx.say();
  ctx.say("Chapter 6b — the impact pool settles: investors repaid on the curve, the unused fund goes back");
  const { contract: pool, terms } = poolOf(ctx);
  const keeper = actor(ctx, "neighbour").signer;
  const [, , milestone] = terms.schedule.tranches;
  const [value] = await need(ctx.oracle, "oracle").finalValue(
    milestone!.missionId,
    1,
    milestone!.goalId,
    milestone!.period,
  );
  await (await pool.connect(keeper).disburse(2, encodeSchedule(terms.schedule))).wait();
  ctx.say(
    `Year-1 attainment is final at ${Number(value) / 10} % (≥ 65 %): Femi releases Sol's milestone tranche of ` +
      `${formatGbp((terms.capitalTarget * BigInt(milestone!.shareBps)) / 10_000n)}.`,
  );
  await ctx.conn.networkHelpers.time.increaseTo(terms.settlementDeadline);
  await (await pool.connect(keeper).settle(encodeBasket(terms.basket))).wait();
  const settled = (await pool.queryFilter(pool.filters.Settled()))[0];
  const st = await pool.state();
  ctx.say(
    `${day(terms.settlementDeadline)}: the pool settles ${RESOLUTION[Number(settled?.args.resolution ?? 0)]}: basket ` +
      `achievement ${pct(st.compositeWad)}, repayment multiple ${pct(settled?.args.multipleWad ?? 0n)} of the ` +
      `${formatGbp(st.disbursed)} disbursed → ${formatGbp(st.outcomePayment)} from the outcome fund to investors; ` +
      `investor pot ${formatGbp(st.investorPotRemaining)}, refund pot ${formatGbp(st.refundPotRemaining)}.`,
  );
  let done = 0;
  const holders: HDNodeWallet[] = ctx.crowd.investors;
  for (const wallet of holders) {
    const shares = await pool.balanceOf(wallet.address);
    if (shares > 0n) await (await pool.connect(wallet).redeem(shares)).wait();
    ctx.progress("investors redeem RLIB shares", ++done, holders.length);
  }
  for (const payer of ctx.crowd.payers) await (await pool.connect(payer).refund()).wait();
  const after = await pool.state();
  ctx.say(
    `Every investor redeems; the ${ctx.crowd.payers.length} payers take back their share of the unused fund. ` +
      `Shares left ${after.totalShares}, pots left ${after.investorPotRemaining} + ${after.refundPotRemaining} wei.`,
  );
}
