/** MissionRegistry tables: missions, goals, participants, pledges, endorsements. */
import { EVENT_COLUMNS, iso, type TableSpec } from "./columns.js";

export const REGISTRY_TABLES = {
  missions: {
    about: "One row per mission (MissionCreated), with its latest status, steward and counters.",
    columns: [
      ["missionId", "Mission id (from 1)"],
      ["hashtag", "Normalised hashtag (lower case, without #)"],
      ["steward", "Current steward (after any StewardTransferred)"],
      ["status", "Latest status: Draft, Active or Concluded"],
      ["metadataURI", "URI of the goal document of version 1"],
      ["contentHash", "keccak256 of the canonical JSON of the version-1 document"],
      ["versionCount", "Goal versions added"],
      ["goalCount", "Goals over all versions"],
      ["participantCount", "Distinct accounts that joined"],
      ["pledgeCount", "Pledges made"],
      ["endorsementCount", "Endorsements made"],
      ["createdBlock", "Block of MissionCreated"],
      ["createdAt", "Timestamp of MissionCreated"],
      iso("createdAt"),
    ],
  },
  goals: {
    about: "One row per goal (from GoalVersionAdded); goal ids are mission-wide and never reused.",
    columns: [
      ["missionId", "Mission id"],
      ["goalId", "Mission-wide goal id"],
      ["version", "Goal version the goal belongs to"],
      ["metricKey", "Metric key of the goal document (bytes32 text)"],
      ["decimals", "Decimals of baseline, target and reported values"],
      ["baseline", "Baseline value (scaled integer)"],
      ["target", "Target value (scaled integer)"],
      ["direction", "increase when target > baseline, else decrease"],
      ["firstPeriodEnd", "End of period 1 (unix seconds)"],
      iso("firstPeriodEnd"),
      ["periodLength", "Seconds between period ends"],
      ["periodCount", "Number of reporting periods"],
      ["reportingWindow", "Seconds after a period end during which reports are accepted"],
      ["versionURI", "Metadata URI of the version's document"],
      ["versionContentHash", "Content hash of the version's document"],
      ["blockNumber", "Block of GoalVersionAdded"],
    ],
  },
  participants: {
    about: "One row per (mission, account) that joined, with role mask and counters.",
    columns: [
      ["missionId", "Mission id"],
      ["account", "Participant address"],
      ["roles", "Role bit mask (funder 1, provider 2, evaluator 4, investor 8, supporter 16)"],
      ["roleNames", "Roles as names, separated by |"],
      ["joinedBlock", "Block of the first ParticipantJoined"],
      ["pledgeCount", "Pledges by the participant"],
      ["endorsementsReceived", "Endorsements received"],
      ["endorsementsGiven", "Endorsements given"],
    ],
  },
  pledges: {
    about: "One row per Pledged event.",
    columns: [
      ["missionId", "Mission id"],
      ["account", "Who pledged"],
      ["pledgeIndex", "0-based index among the account's pledges"],
      ["uri", "Where the pledge is described"],
      ["contentHash", "Hash of the pledge text"],
      ...EVENT_COLUMNS,
    ],
  },
  endorsements: {
    about: "One row per Endorsed event.",
    columns: [
      ["missionId", "Mission id"],
      ["endorser", "Who endorsed"],
      ["participant", "Whose contribution was endorsed"],
      ["contributionHash", "Hash identifying the contribution"],
      ...EVENT_COLUMNS,
    ],
  },
} as const satisfies Record<string, TableSpec>;
