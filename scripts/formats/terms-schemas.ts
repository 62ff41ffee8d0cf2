/**
 * Generates the JSON Schemas of the terms formats (`schemas/{outcome,escrow,pool}-terms.schema.json`) from their zod
 * schemas, the one source (`npm run schemas` writes them; a test checks the committed files are this output).
 * Structure (objects, arrays, bounds, literals, defaults, descriptions) comes from zod-to-json-schema; a refined or
 * transformed schema contributes the fragment it declares with `withJsonSchema`, and a named one becomes a `$ref` to
 * the shared `$defs` of outcome-terms.schema.json. A refinement that declares nothing stops the generation.
 */
import type { ZodType, ZodTypeDef } from "zod";
import { ignoreOverride, zodToJsonSchema } from "zod-to-json-schema";
import { escrowTermsSchema } from "./escrow-terms.js";
import { declarationOf, type JsonSchemaFragment } from "./json-schema.js";
import { curveSchema, fraction, missionId, outcomeTermSchema, uint64, unitFraction } from "./outcome-terms.js";
import { poolTermsSchema } from "./pool-terms.js";
import { duration, eip55Address, time, uint } from "./primitives.js";
import { schedulePointSchema, scheduleSchema, scheduleTermSchema, triggerSchema } from "./schedule-terms.js";

const BASE_ID = "https://collective-impact.example/schemas/";
const SHARED = "outcome-terms.schema.json";

/** The shared definitions, in the order they are written. */
const SHARED_DEFS: ZodType<unknown>[] = [
  eip55Address,
  uint,
  uint64,
  missionId,
  fraction,
  unitFraction,
  time,
  duration,
  curveSchema,
  outcomeTermSchema,
  scheduleTermSchema,
  triggerSchema,
  schedulePointSchema,
  scheduleSchema,
];

let descriptions: Map<string, string | undefined> | undefined;
/** The description of each shared definition, by name. */
function sharedDescriptions(): Map<string, string | undefined> {
  descriptions ??= new Map(
    SHARED_DEFS.map((s) => {
      const declared = declarationOf(s._def);
      return [declared?.name ?? "", s._def.description ?? declared?.fragment?.description];
    }),
  );
  return descriptions;
}

/** A zod definition's type name (`ZodEffects`, `ZodObject`, …). */
const typeName = (def: ZodTypeDef): unknown => (def as { typeName?: unknown }).typeName;

/**
 * The JSON Schema of `schema`. `refPrefix` is how a shared definition is referenced from this file; `root` is the
 * name of the shared definition being written (written out, not referenced).
 */
function toJsonSchema(schema: ZodType<unknown>, refPrefix: string, root?: string): JsonSchemaFragment {
  const override = (def: ZodTypeDef, refs: { currentPath: string[] }) => {
    const declared = declarationOf(def);
    if (declared === undefined) {
      if (typeName(def) === "ZodEffects")
        throw new Error(`no JSON Schema declared for a zod refinement at ${refs.currentPath.join("/")}`);
      return ignoreOverride;
    }
    if (declared.name !== undefined && declared.name !== root) {
      // A reference carries a description only where the use says more than the shared definition.
      const own = def.description !== undefined && def.description !== sharedDescriptions().get(declared.name);
      return { $ref: `${refPrefix}${declared.name}`, ...(own ? { description: def.description } : {}) };
    }
    if (declared.fragment === undefined) return ignoreOverride;
    const description = def.description ?? declared.fragment.description;
    const loaderOnly = declared.loaderOnly === undefined ? "" : `; ${declared.loaderOnly} (checked by the loader)`;
    if (description === undefined) return declared.fragment;
    return { ...declared.fragment, description: `${description.replace(/\.$/, "")}${loaderOnly}.` };
  };
  const out = zodToJsonSchema(schema, {
    $refStrategy: "none",
    effectStrategy: "input",
    override,
  }) as JsonSchemaFragment;
  delete out.$schema;
  return { ...out, ...declarationOf(schema._def)?.also };
}

/** The JSON Schema of one zod schema, shared definitions referenced as `#/$defs/<name>`. */
export const jsonSchemaOf = (schema: ZodType<unknown>): JsonSchemaFragment => toJsonSchema(schema, "#/$defs/");

/** One published schema file: the draft, its id, title and description, then the generated body. */
function file(name: string, title: string, body: JsonSchemaFragment): string {
  const doc = { $schema: "https://json-schema.org/draft/2020-12/schema", $id: `${BASE_ID}${name}`, title, ...body };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The generated schema files, by file name under `schemas/`. */
export function generateTermsSchemas(): Record<string, string> {
  const defs: Record<string, JsonSchemaFragment> = {};
  for (const schema of SHARED_DEFS) {
    const name = declarationOf(schema._def)?.name;
    if (name === undefined) throw new Error("a shared definition must be named");
    defs[name] = toJsonSchema(schema, "#/$defs/", name);
  }
  const shared = {
    description:
      "The one format of outcome terms, payout curves, payment schedules, fractions and times, referenced by escrow-terms.schema.json and pool-terms.schema.json (`outcome-terms.schema.json#/$defs/<name>`). Parsed and converted by scripts/formats/outcome-terms.ts and scripts/formats/schedule-terms.ts, from whose zod schemas this file is generated (`npm run schemas`). Not a document on its own.",
    $defs: defs,
  };
  return {
    [SHARED]: file(SHARED, "Outcome terms (shared definitions)", shared),
    "escrow-terms.schema.json": file(
      "escrow-terms.schema.json",
      "Outcome escrow terms",
      toJsonSchema(escrowTermsSchema, `${SHARED}#/$defs/`),
    ),
    "pool-terms.schema.json": file(
      "pool-terms.schema.json",
      "Impact pool terms",
      toJsonSchema(poolTermsSchema, `${SHARED}#/$defs/`),
    ),
  };
}
