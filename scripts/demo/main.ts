/**
 * The end-to-end story of the suite on an in-process network: `npx hardhat run scripts/demo/main.ts` (or `npm run demo`).
 * Each chapter is a small function in `scripts/demo/` sharing one DemoContext. No set-up: everything is deployed,
 * funded and time-travelled here. Writes the run's open data to `out/` and exits non-zero if any token is
 * unaccounted for.
 */
import { network } from "hardhat";
import { createContext } from "./context.js";
import { openDataChapter, summaryChapter } from "./open-data.js";
import { storyChapters } from "./story.js";

const started = Date.now();
const conn = await network.create();
const ctx = await createContext(conn);
await storyChapters(ctx);
const data = await openDataChapter(ctx);
const conserved = await summaryChapter(ctx, data);
ctx.say();
const blocks = BigInt(await ctx.ethers.provider.getBlockNumber()) - ctx.startBlock;
ctx.say(`demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s (${blocks} blocks)`);
if (!conserved) {
  console.error("error: conservation check failed: some tokens are unaccounted for");
  process.exitCode = 1;
}
