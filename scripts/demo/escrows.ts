/**
 * Demo chapters 4 and 6: outcome escrows — money in (a foundation, 50 citizen funders with EIP-2612 permits, three
 * outcome payers), then settlement from the oracle, beneficiary claims and funder refunds.
 */
import type { HDNodeWallet } from "ethers";
import { permitContext, signPermit } from "../core/chain.js";
import type { OutcomeEscrow } from "../../typechain-types/index.js";
import type { ContractTerms } from "../formats/escrow-terms.js";
import { curveOf } from "../formats/outcome-terms.js";
import { actor, day, formatGbp, gbp, mint, missionOf, need, registryOf, type DemoContext } from "./context.js";

const WAD = 10n ** 18n;
const STATUS = ["Open", "Achieved", "Refunding"] as const;
const REASON = ["Achieved", "NoData", "Underfunded"] as const;

async function createEscrow(
  ctx: DemoContext,
  key: string,
  creator: string,
  terms: ContractTerms,
): Promise<OutcomeEscrow> {
  const factory = need(ctx.escrowFactory, "escrow factory");
  const asCreator = factory.connect(actor(ctx, creator).signer);
  const address = await asCreator.createEscrow.staticCall(terms);
  await (await asCreator.createEscrow(terms)).wait();
  const escrow = await ctx.ethers.getContractAt("OutcomeEscrow", address);
  ctx.escrows[key] = escrow;
  return escrow;
}

/** A funder signs an EIP-2612 permit (the CLI's `permitContext`/`signPermit`) and deposits in one transaction. */
async function depositWithPermit(ctx: DemoContext, escrow: OutcomeEscrow, wallet: HDNodeWallet, amount: bigint) {
  const token = need(ctx.token, "token");
  const chainId = (await ctx.ethers.provider.getNetwork()).chainId;
  const context = await permitContext(await token.getAddress(), ctx.ethers.provider, wallet.address, chainId);
  if (context === undefined) throw new Error("demo: the example token has no EIP-2612 permit");
  const deadline = BigInt(await ctx.conn.networkHelpers.time.latest()) + 3_600n;
  const { v, r, s } = await signPermit(wallet, context, await escrow.getAddress(), amount, deadline);
  await (await escrow.connect(wallet).depositWithPermit(amount, deadline, v, r, s)).wait();
}

/** What the 50 citizen funders give: £100 … £1,913 (deterministic). */
export const funderAmount = (i: number): bigint => gbp(100 + ((i * 37) % 50) * 37);

export async function escrowChapter(ctx: DemoContext): Promise<void> {
  ctx.say();
  ctx.say("Chapter 4 — money in: outcome escrows that pay only for verified results");
  const registry = registryOf(ctx);
  const oracle = need(ctx.oracle, "oracle");
  ctx.token = await ctx.ethers.deployContract("MockERC20", ["Demo Pound", "dGBP", 18]);
  ctx.escrowFactory = await ctx.ethers.deployContract("OutcomeEscrowFactory", [
    await registry.getAddress(),
    await oracle.getAddress(),
  ]);
  ctx.say(
    `The OutcomeEscrowFactory is deployed at ${await ctx.escrowFactory.getAddress()}; money is dGBP (18 decimals).`,
  );
  const now = BigInt(await ctx.conn.networkHelpers.time.latest());
  const token = await ctx.token.getAddress();

  // #ReadingForAll: 70 % on attainment (linear 62.4 → 75 %), 30 % on daily reading (from 42 %, full at 55 %).
  const reading = missionOf(ctx, "reading");
  const [readingEnd, readingDeadline] = await registry.periodWindow(reading.id, 0, 1);
  const escrowA = await createEscrow(ctx, "reading", "foundation", {
    token,
    missionId: reading.id,
    goalVersion: 1,
    fundingDeadline: now + 60n * 86_400n,
    minFunding: gbp(10_000),
    settlementDeadline: readingDeadline + 30n * 86_400n,
    gracePeriod: 14 * 86_400,
    outcomes: [
      {
        missionId: reading.id,
        goalId: 0,
        period: 1,
        weightWad: (7n * WAD) / 10n,
        curve: curveOf({ kind: "linear", baseline: 624, target: 750 }),
      },
      {
        missionId: reading.id,
        goalId: 1,
        period: 1,
        weightWad: (3n * WAD) / 10n,
        curve: curveOf({ kind: "thresholdLinear", baseline: 38, target: 55, threshold: 42, cap: "1" }),
      },
    ],
    beneficiaries: [
      { account: actor(ctx, "buddies").signer.address, weight: 3n },
      { account: actor(ctx, "libraries").signer.address, weight: 1n },
    ],
  });
  ctx.labels.set(await escrowA.getAddress(), "escrow #ReadingForAll");
  ctx.say(
    `Amara opens an escrow for #ReadingForAll year 1 (${await escrowA.getAddress()}): 70 % attainment 62.4→75 %, ` +
      `30 % daily reading 42→55 %; Ben's network gets 3 parts, Sol's libraries 1. Results due ${day(readingEnd)}.`,
  );

  // #HealthyAgeingLeith: loneliness must fall from 21 % to 15 % in quarter 1.
  const ageing = missionOf(ctx, "ageing");
  const [, ageingDeadline] = await registry.periodWindow(ageing.id, 1, 1);
  const escrowB = await createEscrow(ctx, "ageing", "healthBoard", {
    token,
    missionId: ageing.id,
    goalVersion: 1,
    fundingDeadline: now + 60n * 86_400n,
    minFunding: 0n,
    settlementDeadline: ageingDeadline + 30n * 86_400n,
    gracePeriod: 14 * 86_400,
    outcomes: [
      {
        missionId: ageing.id,
        goalId: 1,
        period: 1,
        weightWad: WAD,
        curve: curveOf({ kind: "linear", baseline: 21, target: 15 }),
      },
    ],
    beneficiaries: [{ account: actor(ctx, "befrienders").signer.address, weight: 1n }],
  });
  ctx.labels.set(await escrowB.getAddress(), "escrow #HealthyAgeingLeith");
  ctx.say(
    `Morag opens an escrow for #HealthyAgeingLeith quarter 1: loneliness 21 → 15 %, paid to Eilidh's befrienders.`,
  );

  // Money in.
  const foundation = actor(ctx, "foundation").signer;
  await mint(ctx, ctx.token, foundation.address, gbp(20_000));
  await (await ctx.token.connect(foundation).approve(await escrowA.getAddress(), gbp(20_000))).wait();
  await (await escrowA.connect(foundation).deposit(gbp(20_000))).wait();
  ctx.say(`Amara's foundation deposits ${formatGbp(gbp(20_000))}.`);
  let done = 0;
  for (const [i, wallet] of ctx.crowd.funders.entries()) {
    await mint(ctx, ctx.token, wallet.address, funderAmount(i));
    await depositWithPermit(ctx, escrowA, wallet, funderAmount(i));
    ctx.progress("citizen funders deposit (permit)", ++done, ctx.crowd.funders.length);
  }
  const [totalA] = await escrowA.totals();
  ctx.say(
    `${ctx.crowd.funders.length} citizens sign permits and deposit; the reading escrow holds ${formatGbp(totalA)}.`,
  );
  const payerAmounts = [gbp(25_000), gbp(15_000), gbp(10_000)];
  for (const [i, payer] of ctx.crowd.payers.entries()) {
    const amount = payerAmounts[i] ?? gbp(5_000);
    await mint(ctx, ctx.token, payer.address, amount);
    await depositWithPermit(ctx, escrowB, payer, amount);
  }
  const [totalB] = await escrowB.totals();
  ctx.say(`The ${ctx.crowd.payers.length} outcome payers commit ${formatGbp(totalB)} to the ageing escrow.`);
}

async function payOut(ctx: DemoContext, key: string): Promise<void> {
  const escrow = need(ctx.escrows[key], `escrow ${key}`);
  const keeper = actor(ctx, "neighbour").signer;
  await (await escrow.connect(keeper).settle()).wait();
  const [total, pot, refundPot, composite] = await escrow.totals();
  const status = STATUS[Number(await escrow.status())] ?? "?";
  const settled = (await escrow.queryFilter(escrow.filters.Settled()))[0];
  const reason = REASON[Number(settled?.args.reason ?? 0)] ?? "?";
  ctx.say(
    `${ctx.labels.get(await escrow.getAddress())} settles ${status}${reason === status ? "" : ` (${reason})`}: achievement ` +
      `${(Number((composite * 10_000n) / WAD) / 100).toFixed(2)} %, ${formatGbp(pot)} to providers, ` +
      `${formatGbp(refundPot)} back to funders (of ${formatGbp(total)}).`,
  );
  const terms = await escrow.terms();
  for (const b of terms.beneficiaries) {
    const amount = await escrow.claimable(b.account);
    if (amount === 0n) continue;
    const signer = await ctx.ethers.getSigner(b.account);
    await (await escrow.connect(signer).claim()).wait();
    ctx.say(`  ${ctx.labels.get(b.account)} claims ${formatGbp(amount)}.`);
  }
  const funders = (await escrow.queryFilter(escrow.filters.Deposited())).map((e) => e.args.funder);
  let done = 0;
  for (const funder of funders) {
    const crowd = [...ctx.crowd.funders, ...ctx.crowd.payers].find((w) => w.address === funder);
    const signer = crowd ?? (await ctx.ethers.getSigner(funder));
    await (await escrow.connect(signer).refund()).wait();
    ctx.progress(`refunds from ${key} escrow`, ++done, funders.length);
  }
}

export async function settlementChapter(ctx: DemoContext): Promise<void> {
  ctx.say();
  ctx.say("Chapter 6 — settlement: the oracle decides, everyone pulls what is theirs");
  await payOut(ctx, "ageing");
  await payOut(ctx, "reading");
}
