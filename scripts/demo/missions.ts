/** Demo chapter 1: the mission registry — two missions, their goals, and the people who rally around them. */
import { keccak256, toUtf8Bytes } from "ethers";
import { loadMissionDoc } from "../formats/mission-doc.js";
import { createMissionFromDoc, formatMission, readMission, readParticipants } from "../core/mission-ops.js";
import { actor, registryOf, type DemoContext } from "./context.js";

export const EXAMPLES = {
  reading: { file: "examples/missions/reading-for-all.json", steward: "council" },
  ageing: { file: "examples/missions/healthy-ageing.json", steward: "healthBoard" },
} as const;

export async function deployRegistry(ctx: DemoContext): Promise<void> {
  ctx.registry = await ctx.ethers.deployContract("MissionRegistry");
  ctx.say(`The MissionRegistry is deployed at ${await ctx.registry.getAddress()}.`);
}

export async function createExampleMissions(ctx: DemoContext): Promise<void> {
  const registry = registryOf(ctx);
  const now = (await ctx.ethers.provider.getBlock("latest"))?.timestamp ?? 0;
  for (const [key, example] of Object.entries(EXAMPLES)) {
    const steward = actor(ctx, example.steward);
    const loaded = loadMissionDoc(example.file, { now });
    const asSteward = registry.connect(steward.signer);
    const id = await createMissionFromDoc(asSteward, loaded, {
      steward: steward.signer.address,
      uri: loaded.doc.metadata?.uri ?? "",
    });
    await (await asSteward.activate(id)).wait();
    ctx.missions[key] = { id, loaded };
    ctx.say(
      `${steward.name} (${steward.organisation}) publishes ${loaded.doc.hashtag} — "${loaded.doc.title}" — as mission ${id} ` +
        `with ${loaded.goals.length} goals, document hash ${loaded.contentHash.slice(0, 10)}…, and activates it.`,
    );
  }
}

/** Who joins which mission, in which roles (bit mask: funder 1, provider 2, evaluator 4, investor 8, supporter 16). */
const JOINS: [mission: string, who: string, roles: number][] = [
  ["reading", "foundation", 1],
  ["reading", "buddies", 2],
  ["reading", "university", 4],
  ["reading", "fund", 8],
  ["reading", "neighbour", 16],
  ["ageing", "foundation", 1],
  ["ageing", "befrienders", 2],
  ["ageing", "university", 4],
  ["ageing", "neighbour", 16 | 2],
];

const PLEDGES: [mission: string, who: string, text: string][] = [
  ["reading", "foundation", "£250,000 outcome fund for attainment gains, paid only on verified results"],
  ["reading", "buddies", "120 trained reading buddies, two sessions a week in 14 schools"],
  ["reading", "university", "Independent annual evaluation of the reading metrics"],
  ["ageing", "befrienders", "Weekly lunch clubs and phone befriending for 300 residents"],
  ["ageing", "neighbour", "Leading the Tuesday walking group along the Water of Leith"],
];

const ENDORSEMENTS: [mission: string, from: string, to: string, text: string][] = [
  ["reading", "university", "buddies", "120 trained reading buddies, two sessions a week in 14 schools"],
  ["reading", "neighbour", "buddies", "120 trained reading buddies, two sessions a week in 14 schools"],
  ["reading", "buddies", "foundation", "£250,000 outcome fund for attainment gains, paid only on verified results"],
  ["ageing", "befrienders", "neighbour", "Leading the Tuesday walking group along the Water of Leith"],
  ["ageing", "university", "befrienders", "Weekly lunch clubs and phone befriending for 300 residents"],
];

function missionId(ctx: DemoContext, key: string): bigint {
  const mission = ctx.missions[key];
  if (mission === undefined) throw new Error(`demo: mission "${key}" not created`);
  return mission.id;
}

export async function gatherParticipants(ctx: DemoContext): Promise<void> {
  const registry = registryOf(ctx);
  for (const [mission, who, roles] of JOINS) {
    await (await registry.connect(actor(ctx, who).signer).join(missionId(ctx, mission), roles)).wait();
  }
  for (const [mission, who, text] of PLEDGES) {
    const hash = keccak256(toUtf8Bytes(text));
    await (await registry.connect(actor(ctx, who).signer).pledge(missionId(ctx, mission), "", hash)).wait();
    ctx.say(`${actor(ctx, who).name} pledges to ${ctx.missions[mission]?.loaded.doc.hashtag}: ${text}.`);
  }
  for (const [mission, from, to, text] of ENDORSEMENTS) {
    const hash = keccak256(toUtf8Bytes(text));
    const target = actor(ctx, to).signer.address;
    await (await registry.connect(actor(ctx, from).signer).endorse(missionId(ctx, mission), target, hash)).wait();
    ctx.say(
      `${actor(ctx, from).name} endorses ${actor(ctx, to).name}'s contribution to ${ctx.missions[mission]?.loaded.doc.hashtag}.`,
    );
  }
}

export async function printMissions(ctx: DemoContext): Promise<void> {
  const registry = registryOf(ctx);
  const names = new Map(Object.values(ctx.cast).map((a) => [a.signer.address, `${a.name}, ${a.organisation}`]));
  for (const { id, loaded } of Object.values(ctx.missions)) {
    const units = Object.fromEntries(loaded.doc.goals.map((g) => [g.metricKey, g.unit]));
    ctx.say();
    ctx.say(`«${loaded.doc.title}» — ${loaded.doc.summary}`);
    ctx.say(formatMission(await readMission(registry, id), units).join("\n"));
    for (const p of await readParticipants(registry, id)) {
      ctx.say(
        `    ${names.get(p.account) ?? p.account} — ${p.roles.join(", ")}; ` +
          `${p.pledgeCount} pledge(s), endorsed ${p.endorsementsReceived}×, endorsed others ${p.endorsementsGiven}×`,
      );
    }
  }
}

/** The whole registry chapter. */
export async function missionChapter(ctx: DemoContext): Promise<void> {
  ctx.say("Chapter 1 — missions: a hashtag, open goals, and everyone who rallies around them");
  await deployRegistry(ctx);
  await createExampleMissions(ctx);
  await gatherParticipants(ctx);
  await printMissions(ctx);
}
