/**
 * The query examples of indexer/README.md as the tests run them, read from the README itself so the doc and the
 * tests cannot drift: each ```graphql block, each statement of the ```sql blocks (SQL over HTTP), each `curl` line
 * of the ```sh blocks (the REST examples) and each path of the `## API` table.
 */
import { readFileSync } from "node:fs";

export const INDEXER_README = "indexer/README.md";

export const readIndexerReadme = (): string => readFileSync(INDEXER_README, "utf8");

const blocks = (readme: string, language: string): string[] =>
  [...readme.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1] ?? "");

/** Every ```graphql block. */
export const graphqlExamples = (readme: string): string[] => blocks(readme, "graphql");

/**
 * Whether a GraphQL example reads a classed pool's tables (issue #13): queries.test.ts fills its pool with the demo
 * story's classed pool (chapter 6e); classes.test.ts runs them against its own four classed pools too.
 */
export const isClassExample = (example: string): boolean => /\b(poolClass\w*|poolGuarantees)\(/.test(example);

/** Every statement of every ```sql block (one per `;`), without its `;`. */
export const sqlExamples = (readme: string): string[] =>
  blocks(readme, "sql").flatMap((b) =>
    b
      .split(";")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  );

/** The path (with its query string) of every `curl http://localhost:42069/…` line of the ```sh blocks. */
export const restExamples = (readme: string): string[] =>
  blocks(readme, "sh").flatMap((b) =>
    [...b.matchAll(/^curl\s+(?:-\S+\s+)*http:\/\/localhost:42069(\/\S*)/gm)].map((m) => m[1] ?? ""),
  );

/** Every backticked path in the first cell of the `## API` table (`/missions/<id>`, `/sql/*`, …). */
export function apiPaths(readme: string): string[] {
  const section = readme.split(/^## API$/m)[1]?.split(/^#/m)[0];
  if (section === undefined) throw new Error(`${INDEXER_README} has no \`## API\` section`);
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `/"))
    .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`(\/[^`]*)`/g)].map((m) => m[1] ?? ""));
}

/**
 * A README path with its placeholders filled: `<name>` from `values` (`<id>`, `<address>`, `<table>`) and `0x…` from
 * `values.address`. Throws on a placeholder without a value, so a new kind of example needs a value here.
 */
export function fillPath(example: string, values: Record<string, string>): string {
  return example
    .replace(/<(\w+)>/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`README example ${example}: no value for <${name}>`);
      return value;
    })
    .replace(/0x…/g, () => {
      const value = values.address;
      if (value === undefined) throw new Error(`README example ${example}: no value for 0x…`);
      return value;
    });
}
