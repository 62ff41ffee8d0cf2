/** The MissionRegistry's errors. */
import { entry, fixed, type ErrorFormat } from "./kinds.js";

/** What `GoalField` codes mean, from the NatSpec of the enum. */
const GOAL_FIELD_PROBLEM: Record<string, string> = {
  BaselineTarget: "its baseline equals its target",
  PeriodCount: "its period count is zero",
  PeriodLength: "its period length is zero while it has several periods",
  ReportingWindow: "its reporting window is zero",
  FirstPeriodEnd: "its first period end is not after the current block",
  Decimals: "its decimals are above 18",
  Schedule: "its last reporting deadline is beyond 2^40 - 1",
};

export const REGISTRY_ERRORS: Record<string, ErrorFormat> = {
  /* ---- MissionRegistry ---- */
  HashtagLength: entry({ length: "plain" }, (f) => `a hashtag has 3 to 32 characters; this one has ${f.length}`),
  HashtagInvalidCharacter: entry(
    { index: "plain", character: "char" },
    (f) => `the hashtag has "${f.character}" at index ${f.index}; only a-z, 0-9 and _ are allowed`,
  ),
  HashtagTaken: entry(
    { hashtag: "hashtag", missionId: "plain" },
    (f) => `${f.hashtag} is already mission ${f.missionId}`,
  ),
  MissionNotFound: entry({ missionId: "plain" }, (f) => `there is no mission ${f.missionId}`),
  HashtagNotFound: entry({ hashtag: "hashtag" }, (f) => `no mission has the hashtag ${f.hashtag}`),
  NotSteward: entry(
    { missionId: "plain", caller: "address" },
    (f) => `${f.caller} is not the steward of mission ${f.missionId}`,
  ),
  ZeroSteward: fixed("the steward is the zero address"),
  ZeroContentHash: fixed("the goal document's content hash is zero"),
  GoalCount: entry(
    { count: "plain", max: "plain" },
    (f) => `a goal list has 1 to ${f.max} goals; this one has ${f.count}`,
  ),
  InvalidGoal: entry(
    { index: "plain", field: { enum: "IMissionRegistry.GoalField" } },
    (f) => `goal ${f.index} is invalid: ${GOAL_FIELD_PROBLEM[f.field] ?? "see its field"} (field ${f.field})`,
  ),
  TooManyVersions: entry({ missionId: "plain" }, (f) => `mission ${f.missionId} already has 255 goal versions`),
  GoalNotFound: entry({ missionId: "plain", goalId: "plain" }, (f) => `mission ${f.missionId} has no goal ${f.goalId}`),
  VersionNotFound: entry(
    { missionId: "plain", version: "plain" },
    (f) => `mission ${f.missionId} has no goal version ${f.version}`,
  ),
  InvalidRoles: entry(
    { roles: "plain" },
    (f) => `role mask ${f.roles} is zero or has bits above the five roles (funder 1 … supporter 16)`,
  ),
  NotParticipant: entry(
    { missionId: "plain", account: "address" },
    (f) => `${f.account} has not joined mission ${f.missionId}`,
  ),
  SelfEndorsement: entry({ account: "address" }, (f) => `${f.account} cannot endorse itself`),
  AlreadyEndorsed: entry(
    { missionId: "plain", endorser: "address", participant: "address", contributionHash: "plain" },
    (f) =>
      `${f.endorser} already endorsed contribution ${f.contributionHash} of ${f.participant} in mission ${f.missionId}`,
  ),
  PeriodOutOfRange: entry(
    { missionId: "plain", goalId: "plain", period: "plain" },
    (f) => `mission ${f.missionId} goal ${f.goalId} has no period ${f.period}`,
  ),
};
