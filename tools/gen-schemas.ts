/**
 * `npm run schemas`: writes the terms JSON Schemas generated from their zod source (scripts/formats/terms-schemas.ts)
 * into schemas/. Run after changing a terms zod schema; a test fails while the committed files differ.
 */
import { writeFileSync } from "node:fs";
import { generateTermsSchemas } from "../scripts/formats/terms-schemas.js";

for (const [name, text] of Object.entries(generateTermsSchemas())) {
  writeFileSync(new URL(`../schemas/${name}`, import.meta.url), text);
  console.log(`schemas/${name}`);
}
