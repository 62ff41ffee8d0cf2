#!/usr/bin/env node
/**
 * The indexer's entry to the one ABI generator (`tools/gen-abis.mjs`), which writes `indexer/generated/abis.ts`
 * (one `as const` ABI per contract kind, so Ponder types every event's arguments) together with the CLI's
 * `scripts/core/abis.generated.ts`. Generated, never committed; `npm run indexer`, the indexer's typecheck and its
 * tests run this first (after `npx hardhat build`).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CONTRACTS, LIBRARY_EVENTS, NOT_INDEXED_EVENTS, generateAbis } from "../../tools/gen-abis.mjs";

/** Events linked libraries emit in a kind's context (the scheduled pool's `PointSettled`): see `tools/gen-abis.mjs`. */
export { LIBRARY_EVENTS };

/** Events of followed kinds the indexer does not handle (none today; the mechanism stays): see `tools/gen-abis.mjs`. */
export { NOT_INDEXED_EVENTS };

/** Contract kinds the indexer follows: every contract of the suite (the CLI's list). */
export const KINDS = Object.values(CONTRACTS);

/** Writes both generated ABI files; returns the indexer's, and each kind's artifact file under artifacts/. */
export function writeAbis() {
  const { indexerOut, files } = generateAbis();
  return { out: indexerOut, files };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { out } = writeAbis();
    console.log(`indexer: wrote ${path.relative(process.cwd(), out)} (${KINDS.length} ABIs)`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
