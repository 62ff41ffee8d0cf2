/**
 * Mission documents in the browser, checked exactly as `mission:create` checks a file: the repo's
 * `schemas/mission.schema.json` (bundled) through the CLI's own rules and content hash
 * (`scripts/formats/mission-doc-rules.ts`), and the example documents of `examples/missions/` as written.
 */
import schema from "../../schemas/mission.schema.json";
import { CliError } from "../../scripts/core/cli-error.js";
import {
  checkMissionText,
  compileMissionSchema,
  type CheckedMission,
  type GoalInput,
} from "../../scripts/formats/mission-doc-rules.js";

export type { CheckedMission, MissionDoc } from "../../scripts/formats/mission-doc-rules.js";

const check = compileMissionSchema(schema);

/** The examples, by file name, as their text (the hash is of the document as written, whitespace aside). */
export const EXAMPLES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>("../../examples/missions/*.json", { query: "?raw", import: "default", eager: true }),
  ).map(([file, text]) => [file.replace(/^.*\//, ""), text]),
);

/** A document's text checked at chain time `now` (relative schedules resolve against it): the mission or the error. */
export type DocumentCheck = { ok: true; mission: CheckedMission } | { ok: false; error: string };

export function checkDocument(text: string, now: number): DocumentCheck {
  try {
    return { ok: true, mission: checkMissionText(check, text, { now }) };
  } catch (err) {
    if (err instanceof CliError) return { ok: false, error: err.message };
    throw err; // not the document's fault: a bug, left to surface
  }
}

/** A hashtag as the registry stores it: no leading `#`, lower case (the registry rejects anything else). */
export const normalHashtag = (hashtag: string): string => hashtag.replace(/^#/, "").toLowerCase();

/** The registry's `GoalInput[]` as viem encodes it: the uint40/uint32 fields as numbers (all below 2^53). */
export function goalArgs(goals: readonly GoalInput[]) {
  return goals.map((g) => ({
    ...g,
    firstPeriodEnd: Number(g.firstPeriodEnd),
    periodLength: Number(g.periodLength),
    reportingWindow: Number(g.reportingWindow),
  }));
}
