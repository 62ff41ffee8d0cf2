/**
 * The README's command blocks as a test reads them: each ```sh block, its lines split into words as a shell would
 * (quotes group, a `#` starting a word begins a comment), and its two stories — the blocks that follow a
 * `<!-- readme-e2e -->` line (the walkthrough) and those that follow `<!-- readme-e2e-second -->` (the second story:
 * a dispute and a failed raise, on a fresh chain), which `test/ts/e2e/readme-commands.test.ts` runs in order.
 */

/** The marker line before each walkthrough block. */
export const MARKER = "<!-- readme-e2e -->";
/** The marker line before each block of the second story. */
export const SECOND_MARKER = "<!-- readme-e2e-second -->";

export interface ReadmeCommand {
  /** The line as written. */
  line: string;
  /** Its words, quotes removed, comment dropped. */
  words: string[];
}

/** Splits a shell line into words: double and single quotes group, a `#` starting a word begins a comment. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const ch of line) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= "";
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "#" && word === undefined) {
      break;
    } else {
      word = (word ?? "") + ch;
    }
  }
  if (quote !== undefined) throw new Error(`unterminated ${quote} in: ${line}`);
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * A story: each block marked with `marker` (the walkthrough's by default), its commands as written, one per non-empty
 * line, in README order.
 */
export function walkthrough(readme: string, marker = MARKER): ReadmeCommand[][] {
  const blocks: ReadmeCommand[][] = [];
  for (const part of readme.split(marker).slice(1)) {
    const block = /^\s*```sh\n([\s\S]*?)```/.exec(part);
    if (block?.[1] === undefined)
      throw new Error(`${marker} must be followed by a \`\`\`sh block:\n${part.slice(0, 200)}`);
    blocks.push(
      block[1]
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => ({ line, words: shellWords(line) })),
    );
  }
  return blocks;
}

/** Every command of every ```sh block of the README (marked or not), in order. */
export function allCommands(readme: string): ReadmeCommand[] {
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] ?? "")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => ({ line, words: shellWords(line) })),
  );
}
