/**
 * The bridge from the zod schemas (the one source of the terms formats) to the JSON Schemas in `schemas/`. A zod
 * refinement or transform has no JSON Schema of its own, so every primitive that uses one declares its JSON Schema
 * fragment here, next to its zod definition (`withJsonSchema`); the generator (`generateTermsSchemas`) refuses a
 * refinement that declares nothing, so no rule is silently dropped from the published schemas.
 */
import type { ZodTypeAny, ZodTypeDef } from "zod";

/** A JSON Schema fragment (draft 2020-12), written as it appears in the published file. */
export type JsonSchemaFragment = { description?: string } & Record<string, unknown>;

/** What a zod schema declares about its JSON Schema form. */
export interface JsonSchemaDeclaration {
  /** A shared definition: `outcome-terms.schema.json#/$defs/<name>`, referenced wherever the schema is used. */
  name?: string;
  /** The JSON Schema of a refined or transformed schema (the zod checks it cannot be derived from). */
  fragment?: JsonSchemaFragment;
  /** For a refinement JSON Schema cannot express: the rule, checked by the loader only (added to the description). */
  loaderOnly?: string;
  /**
   * For a document's own refinement that JSON Schema can express across fields (e.g. exactly one of two fields, as
   * a `oneOf` of `required`s): keywords added to the generated structure of the top-level schema.
   */
  also?: JsonSchemaFragment;
}

const DECLARATION = Symbol("jsonSchema");
/** The declaration, and the object shape it was made for (`.extend()` copies the definition with a new shape). */
type Declared = ZodTypeDef & {
  shape?: unknown;
  [DECLARATION]?: { declaration: JsonSchemaDeclaration; shape: unknown };
};

/**
 * Attaches the JSON Schema declaration to `schema` and returns it. Kept on the zod definition, so it survives
 * `.describe()` (which copies the definition); `.optional()`, `.default()` and `.refine()` wrap it.
 */
export function withJsonSchema<T extends ZodTypeAny>(schema: T, declaration: JsonSchemaDeclaration): T {
  const def = schema._def as Declared;
  def[DECLARATION] = { declaration, shape: def.shape };
  return schema;
}

/** The declaration attached to a zod definition, if any. */
export function declarationOf(def: ZodTypeDef): JsonSchemaDeclaration | undefined {
  const declared = (def as Declared)[DECLARATION];
  return declared?.shape === (def as Declared).shape ? declared?.declaration : undefined;
}

/** The fragment of a value written as a JSON number (`number`: its type and bounds) or a string matching `pattern`. */
export function numberOrText(
  description: string,
  number: JsonSchemaFragment,
  pattern: RegExp | string,
): JsonSchemaFragment {
  const source = typeof pattern === "string" ? pattern : pattern.source;
  return { description, oneOf: [number, { type: "string", pattern: source }] };
}

/** A regular expression source matching the decimal strings (leading zeros allowed) of 0 … `max`. */
export function decimalAtMostPattern(max: bigint): string {
  const digits = max.toString();
  const alternatives: string[] = digits.length > 1 ? [`[0-9]{1,${digits.length - 1}}`] : [];
  [...digits].forEach((d, i) => {
    const rest = digits.length - i - 1;
    if (d !== "0") alternatives.push(`${digits.slice(0, i)}[0-${Number(d) - 1}]${rest > 0 ? `[0-9]{${rest}}` : ""}`);
  });
  alternatives.push(digits);
  return `^0*(${alternatives.join("|")})$`;
}

/** JSON Schema of a JSON integer (below 2^53, as zod reads it) or decimal string from 0 to `max`. */
export function uintAtMost(max: bigint, description: string): JsonSchemaFragment {
  const safe = BigInt(Number.MAX_SAFE_INTEGER);
  const number = { type: "integer", minimum: 0, maximum: Number(max < safe ? max : safe) };
  return numberOrText(description, number, decimalAtMostPattern(max));
}
