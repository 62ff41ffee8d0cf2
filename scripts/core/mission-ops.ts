/**
 * Mission registry operations shared by the `mission:*` tasks and the demo: resolve a mission reference, create or
 * amend from a validated document (with every check done by views / static calls BEFORE a transaction is sent),
 * and read a mission back as a structured, human-unit description.
 */
import { decodeBytes32String, type ContractRunner } from "ethers";
import { type MissionRegistry } from "../../typechain-types/index.js";
import { CliError } from "./cli.js";
import { decodeRevert, revertReason } from "./chain.js";

import { formatScaled, roleNames, type LoadedMission } from "../formats/mission-doc.js";
import { STATUS_NAMES } from "../formats/roles.js";

export { STATUS_NAMES };

/** Runs a static call as a preflight: a revert becomes a one-line CliError prefixed with `what`. */
export async function preflight<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const reason = revertReason(err);
    if (reason === undefined) throw err;
    throw new CliError(`${what}: the registry refuses: ${reason}`);
  }
}

/** A mission reference: a decimal id or a hashtag (`#Tag` or `tag`). Throws a CliError naming `flag`. */
export async function resolveMissionId(registry: MissionRegistry, ref: string, flag = "mission"): Promise<bigint> {
  const text = ref.trim();
  if (text === "") throw new CliError(`--${flag}: give a mission id or #hashtag`);
  if (/^[0-9]+$/.test(text)) {
    const id = BigInt(text);
    const count = await registry.missionCount();
    if (id === 0n || id > count) throw new CliError(`--${flag}: no mission ${text} (missions are 1 … ${count})`);
    return id;
  }
  try {
    return await registry.missionIdOf(text);
  } catch (err) {
    const reason = revertReason(err);
    if (reason === undefined) throw err;
    if (decodeRevert(err)?.name === "HashtagNotFound") throw new CliError(`--${flag}: no mission with hashtag ${text}`);
    throw new CliError(`--${flag}: "${text}" is not a valid hashtag: ${reason}`);
  }
}

/**
 * A `--mission` flag that may be a decimal id or a hashtag, for tasks that reach the registry only through another
 * contract (the oracle, a factory): a decimal id is taken as it is (a positive integer), a hashtag is looked up in
 * the registry that `registryOf` returns (asked only then).
 */
export async function missionRef(
  ref: string,
  registryOf: () => Promise<MissionRegistry>,
  flag = "mission",
): Promise<bigint> {
  const checked = checkMissionRef(ref, flag);
  return typeof checked === "bigint" ? checked : resolveMissionId(await registryOf(), checked, flag);
}

/** Checks a `--mission` flag without the network: the id (a positive integer) or the `#hashtag` text. */
export function checkMissionRef(ref: string, flag = "mission"): bigint | string {
  const text = ref.trim();
  if (/^[0-9]+$/.test(text) && BigInt(text) !== 0n) return BigInt(text);
  if (!/^#[A-Za-z0-9_]+$/.test(text)) {
    throw new CliError(`--${flag}: must be a mission id ≥ 1 or a #hashtag (got "${ref}")`);
  }
  return text;
}

/** The mission id already using `hashtag`, or undefined when it is free. */
export async function missionIdOfHashtag(registry: MissionRegistry, hashtag: string): Promise<bigint | undefined> {
  try {
    return await registry.missionIdOf(hashtag);
  } catch (err) {
    if (decodeRevert(err)?.name === "HashtagNotFound") return undefined;
    const reason = revertReason(err);
    if (reason !== undefined) throw new CliError(`/hashtag: ${reason}`);
    throw err;
  }
}

export interface CreateOptions {
  steward: string;
  uri: string;
}

/** Creates a mission from a loaded document. Checks the hashtag and a static call first; returns the new id. */
export async function createMissionFromDoc(
  registry: MissionRegistry,
  mission: LoadedMission,
  options: CreateOptions,
): Promise<bigint> {
  const taken = await missionIdOfHashtag(registry, mission.doc.hashtag);
  if (taken !== undefined) {
    throw new CliError(`${mission.file}: /hashtag: ${mission.doc.hashtag} is already mission ${taken}`);
  }
  const args = [mission.doc.hashtag, options.steward, options.uri, mission.contentHash, mission.goals] as const;
  const id = await preflight(mission.file, () => registry.createMission.staticCall(...args));
  const receipt = await (await registry.createMission(...args)).wait();
  if (receipt === null) throw new Error("createMission: no receipt");
  return id;
}

/** Adds a goal version from a loaded document. Checks with a static call first; returns the new version. */
export async function amendMissionFromDoc(
  registry: MissionRegistry,
  missionId: bigint,
  mission: LoadedMission,
  uri: string,
): Promise<bigint> {
  // The document must be this mission's own: its hashtag names this mission, not another one or none.
  const owner = await missionIdOfHashtag(registry, mission.doc.hashtag);
  if (owner !== missionId) {
    const is = owner === undefined ? "no registered mission" : `mission ${owner}`;
    throw new CliError(`${mission.file}: /hashtag: ${mission.doc.hashtag} is ${is}, not mission ${missionId}`);
  }
  const args = [missionId, uri, mission.contentHash, mission.goals] as const;
  const version = await preflight(mission.file, () => registry.amendGoals.staticCall(...args));
  await (await registry.amendGoals(...args)).wait();
  return version;
}

export interface GoalView {
  goalId: number;
  version: number;
  metricKey: string;
  decimals: number;
  baseline: string;
  target: string;
  direction: "increase" | "decrease";
  firstPeriodEnd: number;
  periodLength: number;
  periodCount: number;
  reportingWindow: number;
}

export interface VersionView {
  version: number;
  contentHash: string;
  metadataURI: string;
  firstGoalId: number;
  goalIds: number[];
}

export interface ParticipantView {
  account: string;
  roles: string[];
  joinedAt: number;
  pledgeCount: number;
  endorsementsReceived: number;
  endorsementsGiven: number;
}

export interface MissionView {
  id: bigint;
  hashtag: string;
  status: (typeof STATUS_NAMES)[number];
  steward: string;
  createdAt: number;
  participantCount: number;
  versions: VersionView[];
  goals: GoalView[];
}

/** Reads a mission: record, versions (with URIs and metric keys from the GoalVersionAdded trail) and goals. */
export async function readMission(registry: MissionRegistry, missionId: bigint): Promise<MissionView> {
  const m = await registry.getMission(missionId);
  const events = await registry.queryFilter(registry.filters.GoalVersionAdded(missionId), 0);
  const metricKeys = new Map<number, string>();
  const uris = new Map<number, string>();
  for (const event of events) {
    const first = Number(event.args.firstGoalId);
    uris.set(Number(event.args.version), event.args.metadataURI);
    event.args.goals.forEach((g, i) => metricKeys.set(first + i, decodeBytes32String(g.metricKey)));
  }
  const versions: VersionView[] = [];
  for (let v = 1; v <= Number(m.versionCount); v++) {
    const [contentHash, firstGoalId, count] = await registry.getVersion(missionId, v);
    const first = Number(firstGoalId);
    versions.push({
      version: v,
      contentHash,
      metadataURI: uris.get(v) ?? "",
      firstGoalId: first,
      goalIds: Array.from({ length: Number(count) }, (_, i) => first + i),
    });
  }
  const goals: GoalView[] = [];
  for (let id = 0; id < Number(m.goalCount); id++) {
    const g = await registry.getGoal(missionId, id);
    const decimals = Number(g.decimals);
    goals.push({
      goalId: id,
      version: Number(g.version),
      metricKey: metricKeys.get(id) ?? `goal_${id}`,
      decimals,
      baseline: formatScaled(g.baseline, decimals),
      target: formatScaled(g.target, decimals),
      direction: g.target > g.baseline ? "increase" : "decrease",
      firstPeriodEnd: Number(g.firstPeriodEnd),
      periodLength: Number(g.periodLength),
      periodCount: Number(g.periodCount),
      reportingWindow: Number(g.reportingWindow),
    });
  }
  return {
    id: missionId,
    hashtag: `#${decodeBytes32String(m.hashtag)}`,
    status: STATUS_NAMES[Number(m.status)] ?? "None",
    steward: m.steward,
    createdAt: Number(m.createdAt),
    participantCount: Number(m.participantCount),
    versions,
    goals,
  };
}

/** Participants of a mission in joining order (from ParticipantJoined events), with their counters. */
export async function readParticipants(registry: MissionRegistry, missionId: bigint): Promise<ParticipantView[]> {
  const events = await registry.queryFilter(registry.filters.ParticipantJoined(missionId), 0);
  const accounts = [...new Set(events.map((e) => e.args.account))];
  const out: ParticipantView[] = [];
  for (const account of accounts) {
    const p = await registry.getParticipant(missionId, account);
    out.push({
      account,
      roles: roleNames(Number(p.roles)),
      joinedAt: Number(p.joinedAt),
      pledgeCount: Number(p.pledgeCount),
      endorsementsReceived: Number(p.endorsementsReceived),
      endorsementsGiven: Number(p.endorsementsGiven),
    });
  }
  return out;
}

const isoDate = (t: number): string => new Date(t * 1000).toISOString().replace(".000Z", "Z");
const duration = (s: number): string =>
  s % 86_400 === 0 ? `${s / 86_400} d` : s % 3600 === 0 ? `${s / 3600} h` : `${s} s`;

/** A mission as readable lines: header, versions and goals in human units. */
export function formatMission(view: MissionView, units: Record<string, string> = {}): string[] {
  const lines = [
    `mission ${view.id} ${view.hashtag} — ${view.status}`,
    `  steward       ${view.steward}`,
    `  created       ${isoDate(view.createdAt)}`,
    `  participants  ${view.participantCount}`,
  ];
  for (const v of view.versions) {
    const ids = v.goalIds.length === 1 ? `${v.goalIds[0]}` : `${v.goalIds[0]}–${v.goalIds[v.goalIds.length - 1]}`;
    lines.push(
      `  version ${v.version}: goals ${ids}, document ${v.contentHash}${v.metadataURI ? ` (${v.metadataURI})` : ""}`,
    );
    for (const g of view.goals.filter((goal) => goal.version === v.version)) {
      const unit = units[g.metricKey] ?? "";
      const arrow = g.direction === "increase" ? "↑" : "↓";
      const periods =
        g.periodCount === 1
          ? `deadline ${isoDate(g.firstPeriodEnd)}`
          : `${g.periodCount} periods of ${duration(g.periodLength)} from ${isoDate(g.firstPeriodEnd)}`;
      lines.push(
        `    goal ${g.goalId} ${g.metricKey}: ${g.baseline} → ${g.target}${unit ? ` ${unit}` : ""} ${arrow}; ${periods}; reporting window ${duration(g.reportingWindow)}`,
      );
    }
  }
  return lines;
}

/** Connects the typed registry at `address` for `runner`, checking that code exists there. */
export async function registryAt(
  ethers: {
    getContractAt(name: "MissionRegistry", address: string, runner?: ContractRunner): Promise<MissionRegistry>;
  },
  provider: { getCode(address: string): Promise<string> },
  address: string,
  flag = "registry",
): Promise<MissionRegistry> {
  if ((await provider.getCode(address)) === "0x") throw new CliError(`--${flag}: no contract at ${address}`);
  return ethers.getContractAt("MissionRegistry", address);
}
