/**
 * Mission documents from files, for the CLI, the demo and the deployments: read the file and the schema from disk,
 * then check with the browser-safe rules of `mission-doc-rules.ts` (the same the web app's steward page uses). Every
 * error is a one-line CliError `<file>: <JSON pointer>: <message>`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { CliError } from "../core/cli.js";
import {
  checkMissionDoc,
  checkMissionText,
  compileMissionSchema,
  type LoadedMission,
  type LoadOptions,
  type MissionDoc,
} from "./mission-doc-rules.js";

export * from "./mission-doc-rules.js";

const SCHEMA_PATH = fileURLToPath(new URL("../../schemas/mission.schema.json", import.meta.url));

let validator: ValidateFunction | undefined;
function schema(): ValidateFunction {
  validator ??= compileMissionSchema(JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as object);
  return validator;
}

/** Validates a parsed document against the schema and the cross-field rules. Throws `<pointer>: <message>`. */
export function validateMissionDoc(value: unknown, options: LoadOptions): MissionDoc {
  return checkMissionDoc(schema(), value, options);
}

/** Parses and validates document text; errors are prefixed with `label` (the file name). */
export function parseMissionDoc(text: string, label: string, options: LoadOptions): LoadedMission {
  try {
    return { file: label, ...checkMissionText(schema(), text, options) };
  } catch (err) {
    if (err instanceof CliError) throw new CliError(`${label}: ${err.message}`);
    throw err;
  }
}

/** Loads a mission document file: read → parse → validate → hash → `GoalInput[]`. */
export function loadMissionDoc(file: string, options: LoadOptions): LoadedMission {
  const label = file;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`--file: cannot read ${label}${code === undefined ? "" : ` (${code})`}`);
  }
  return parseMissionDoc(text, label, options);
}
