/** Demo chapter 2: the crowd — 50 funders, 10 investors and 3 outcome payers join the missions. */
import { HDNodeWallet, Mnemonic, id } from "ethers";
import { missionOf, registryOf, type DemoContext } from "./context.js";

export const CROWD_SIZE = { funders: 50, investors: 10, payers: 3 } as const;

/** A fixed mnemonic, so the crowd (and the open data of every run) is the same each time. */
const DEMO_PHRASE = Mnemonic.entropyToPhrase(id("collective-impact-contracts demo crowd").slice(0, 34));
const PAYER_NAMES = ["Riverside Health Trust", "Leith Housing Association", "Scottish Wellbeing Fund"];

export async function assembleCrowd(ctx: DemoContext): Promise<void> {
  const root = HDNodeWallet.fromPhrase(DEMO_PHRASE, undefined, "m/44'/60'/7'/0");
  const provider = ctx.ethers.provider;
  const make = (offset: number, n: number) =>
    Array.from({ length: n }, (_, i) => root.deriveChild(offset + i).connect(provider));
  ctx.crowd = {
    funders: make(0, CROWD_SIZE.funders),
    investors: make(100, CROWD_SIZE.investors),
    payers: make(200, CROWD_SIZE.payers),
  };
  const everyone = [...ctx.crowd.funders, ...ctx.crowd.investors, ...ctx.crowd.payers];
  for (const wallet of everyone) await ctx.conn.networkHelpers.setBalance(wallet.address, 10n ** 20n);
  ctx.crowd.funders.forEach((w, i) => ctx.labels.set(w.address, `funder ${i + 1}`));
  ctx.crowd.investors.forEach((w, i) => ctx.labels.set(w.address, `investor ${i + 1}`));
  ctx.crowd.payers.forEach((w, i) => ctx.labels.set(w.address, PAYER_NAMES[i] ?? `payer ${i + 1}`));
  ctx.say(
    `${everyone.length} more people arrive with fresh wallets: ${CROWD_SIZE.funders} citizen funders, ` +
      `${CROWD_SIZE.investors} social investors and ${CROWD_SIZE.payers} outcome payers (${PAYER_NAMES.join(", ")}).`,
  );

  const registry = registryOf(ctx);
  const reading = missionOf(ctx, "reading").id;
  const ageing = missionOf(ctx, "ageing").id;
  const joins: [wallet: HDNodeWallet, mission: bigint, roles: number][] = [
    ...ctx.crowd.funders.map((w) => [w, reading, 1] as [HDNodeWallet, bigint, number]),
    ...ctx.crowd.investors.map((w) => [w, reading, 8] as [HDNodeWallet, bigint, number]),
    ...ctx.crowd.payers.map((w) => [w, ageing, 1] as [HDNodeWallet, bigint, number]),
  ];
  let done = 0;
  for (const [wallet, mission, roles] of joins) {
    await (await registry.connect(wallet).join(mission, roles)).wait();
    ctx.progress("joining the missions", ++done, joins.length);
  }
  const readingCount = (await registry.getMission(reading)).participantCount;
  const ageingCount = (await registry.getMission(ageing)).participantCount;
  ctx.say(
    `#ReadingForAll now has ${readingCount} participants, #HealthyAgeingLeith ${ageingCount} — nobody asked permission.`,
  );
}

export async function crowdChapter(ctx: DemoContext): Promise<void> {
  ctx.say();
  ctx.say("Chapter 2 — the crowd: an open invitation, answered");
  await assembleCrowd(ctx);
}
