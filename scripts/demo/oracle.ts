/**
 * Demo chapters 3 and 5: the evaluation committee, then the evidence — EIP-712 reports signed by the evaluators
 * (viem) and relayed in one batch, a dispute resolved by the arbiter, finalisation, and a slot without quorum.
 */
import { ZeroAddress, id } from "ethers";
import type { Address, LocalAccount } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import type { MetricReport } from "../reporter/metric-file.js";
import { firstFreeNonce, type SignedReport, signReports } from "../reporter/signing.js";
import { relaySignedReports } from "../reporter/relay.js";
import { actor, day, formatGbp, gbp, mint, missionOf, need, registryOf, type DemoContext } from "./context.js";

const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";
export const EVALUATORS = ["university", "statistician", "auditor"] as const;
export const QUORUM = 2;
export const CHALLENGE_WINDOW = 3 * 86_400;
export const BOND = gbp(250);

/** The viem signing account of a cast member (Hardhat's default mnemonic, same index). */
function signingAccount(ctx: DemoContext, key: string): LocalAccount {
  const a = actor(ctx, key);
  const account = mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: a.index });
  if (account.address !== a.signer.address) throw new Error(`demo: ${key} is not Hardhat account #${a.index}`);
  return account;
}

export async function committeeChapter(ctx: DemoContext): Promise<void> {
  ctx.say();
  ctx.say("Chapter 3 — the committee: who says whether a goal was met");
  const registry = registryOf(ctx);
  ctx.oracle = await ctx.ethers.deployContract("MetricOracle", [await registry.getAddress()]);
  ctx.bondToken = await ctx.ethers.deployContract("MockERC20", ["Dispute Bond Pound", "bGBP", 18]);
  ctx.labels.set(await ctx.oracle.getAddress(), "MetricOracle (bonds)");
  ctx.say(`The MetricOracle is deployed at ${await ctx.oracle.getAddress()}; disputes are bonded in bGBP.`);
  for (const [key, steward] of [
    ["reading", "council"],
    ["ageing", "healthBoard"],
  ] as const) {
    await appointCommittee(ctx, key, steward);
  }
}

/**
 * The steward `stewardKey` of mission `missionKey` appoints the demo's committee (version 1): the three evaluators,
 * quorum 2, a 3-day challenge window, a 250 bGBP dispute bond, Okafor arbitrates.
 */
export async function appointCommittee(ctx: DemoContext, missionKey: string, stewardKey: string): Promise<void> {
  const oracle = need(ctx.oracle, "oracle");
  const members = EVALUATORS.map((k) => actor(ctx, k));
  const arbiter = actor(ctx, "arbiter");
  const mission = missionOf(ctx, missionKey);
  await (
    await oracle.connect(actor(ctx, stewardKey).signer).setCommittee(mission.id, {
      members: members.map((m) => m.signer.address),
      quorum: QUORUM,
      challengeWindow: CHALLENGE_WINDOW,
      bondToken: await need(ctx.bondToken, "bond token").getAddress(),
      bondAmount: BOND,
      arbiter: arbiter.signer.address,
      adapter: ZeroAddress,
    })
  ).wait();
  ctx.say(
    `${actor(ctx, stewardKey).name} appoints ${members.map((m) => m.name).join(", ")} to evaluate ${mission.loaded.doc.hashtag}: ` +
      `quorum ${QUORUM} of ${members.length}, ${CHALLENGE_WINDOW / 86_400}-day challenge window, ` +
      `${formatGbp(BOND).replace("£", "")} bGBP bond, ${arbiter.name} arbitrates.`,
  );
}

/** Signs `reports` as `key` (consecutive nonces from the oracle) — the off-chain half of the reporter. */
export async function sign(ctx: DemoContext, key: string, reports: MetricReport[]): Promise<SignedReport[]> {
  const oracle = need(ctx.oracle, "oracle");
  const account = signingAccount(ctx, key);
  const nonce = await firstFreeNonce((w) => oracle.nonceBitmap(account.address, w));
  const chainId = (await ctx.ethers.provider.getNetwork()).chainId;
  const deadline = BigInt(await ctx.conn.networkHelpers.time.latest()) + 30n * 86_400n;
  return signReports(account, { chainId, oracle: (await oracle.getAddress()) as Address }, reports, nonce, deadline);
}

export async function relay(ctx: DemoContext, reports: SignedReport[]): Promise<number> {
  const relayer = actor(ctx, "neighbour");
  const publicClient = await ctx.conn.viem.getPublicClient();
  const wallet = await ctx.conn.viem.getWalletClient(relayer.signer.address as Address);
  const oracle = (await need(ctx.oracle, "oracle").getAddress()) as Address;
  return (await relaySignedReports(wallet, publicClient, oracle, reports, 16)).length;
}

const evidence = (text: string) => id(text) as `0x${string}`;

/** Healthy Ageing, period 1: only one evaluator reports loneliness before the window closes → no quorum. */
export async function ageingEvidence(ctx: DemoContext): Promise<void> {
  const registry = registryOf(ctx);
  const oracle = need(ctx.oracle, "oracle");
  const mission = missionOf(ctx, "ageing").id;
  const [periodEnd, deadline] = await registry.periodWindow(mission, 1, 1);
  await ctx.conn.networkHelpers.time.increaseTo(periodEnd + 86_400n);
  ctx.say(`${day(periodEnd)}: quarter 1 of #HealthyAgeingLeith ends; the reporting window runs to ${day(deadline)}.`);
  const signed = await sign(ctx, "statistician", [
    {
      missionId: mission,
      version: 1,
      goalId: 1,
      period: 1,
      value: 19n,
      evidenceHash: evidence("panel survey Q1 2030"),
    },
  ]);
  await relay(ctx, signed);
  ctx.say(`Tomasz signs a report (loneliness 19 %) and Femi relays it. Nobody else reports: quorum is ${QUORUM}.`);
  await ctx.conn.networkHelpers.time.increaseTo(deadline + 1n);
  await (await oracle.connect(actor(ctx, "neighbour").signer).markUnresolved(mission, 1, 1, 1)).wait();
  ctx.say(`${day(deadline + 1n)}: the window closed without quorum; Femi records the slot as Unresolved (no data).`);
}

/** Reading for All, year 1: four signed reports in one batch, a dispute, the arbiter, finalisation. */
export async function readingEvidence(ctx: DemoContext): Promise<void> {
  const registry = registryOf(ctx);
  const oracle = need(ctx.oracle, "oracle");
  const helpers = ctx.conn.networkHelpers;
  const mission = missionOf(ctx, "reading").id;
  const [periodEnd] = await registry.periodWindow(mission, 0, 1);
  await helpers.time.increaseTo(periodEnd + 7n * 86_400n);
  ctx.say(`${day(periodEnd)}: school year 1 of #ReadingForAll ends. A week later the results are in.`);
  const r = (goalId: number, value: bigint, source: string): MetricReport => ({
    missionId: mission,
    version: 1,
    goalId,
    period: 1,
    value,
    evidenceHash: evidence(source),
  });
  const batch = [
    ...(await sign(ctx, "university", [
      r(0, 701n, "district extract 2030, CU lab"),
      r(1, 49n, "pupil survey 2030, CU lab"),
    ])),
    ...(await sign(ctx, "statistician", [r(0, 713n, "district extract 2030, TS")])),
    ...(await sign(ctx, "auditor", [r(1, 52n, "pupil survey 2030, parents' panel")])),
  ];
  const txs = await relay(ctx, batch);
  ctx.say(
    `Chen, Tomasz and Grace sign ${batch.length} EIP-712 reports off-chain; Femi relays them in ${txs} transaction (reportBatch).`,
  );
  for (const goalId of [0, 1]) {
    const slot = await oracle.getSlot(mission, 1, goalId, 1);
    ctx.say(`  goal ${goalId}: quorum reached, median ${slot.value} proposed until ${day(slot.challengeEnd)}.`);
  }

  const disputer = actor(ctx, "neighbour");
  const bondToken = need(ctx.bondToken, "bond token");
  await mint(ctx, bondToken, disputer.signer.address, BOND);
  await (await bondToken.connect(disputer.signer).approve(await oracle.getAddress(), BOND)).wait();
  await (await oracle.connect(disputer.signer).dispute(mission, 1, 1, 1)).wait();
  ctx.say(`Femi disputes goal 1 (reading daily, 49 %): two schools' surveys were counted twice. He posts the bond.`);
  const arbiter = actor(ctx, "arbiter");
  await (await oracle.connect(arbiter.signer).resolve(mission, 1, 1, 1, 47n)).wait();
  ctx.say(`${arbiter.name} re-counts: 47 %. The value is final at 47 and Femi's bond is returned to him.`);
  await (await oracle.connect(disputer.signer).withdrawBond(await bondToken.getAddress())).wait();

  await helpers.time.increase(CHALLENGE_WINDOW + 1);
  await (await oracle.connect(disputer.signer).finalize(mission, 1, 0, 1)).wait();
  const [value] = await oracle.finalValue(mission, 1, 0, 1);
  ctx.say(
    `Nobody disputes goal 0; after the challenge window anyone finalises it: attainment ${Number(value) / 10} %.`,
  );
}

/** Chapter 5; `between` runs after the ageing quarter-1 evidence and before the reading year ends (the pool's). */
export async function evidenceChapter(ctx: DemoContext, between?: () => Promise<void>): Promise<void> {
  ctx.say();
  ctx.say("Chapter 5 — evidence: signed reports, a dispute, and a slot without quorum");
  await ageingEvidence(ctx);
  await between?.();
  await readingEvidence(ctx);
}
