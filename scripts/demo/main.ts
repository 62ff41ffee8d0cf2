/**
 * The end-to-end story of the suite on an in-process network: `npx hardhat run scripts/demo/main.ts` (or `npm run demo`).
 * Each chapter is a small function in `scripts/demo/` sharing one DemoContext. No set-up: everything is deployed,
 * funded and time-travelled here. Writes the run's open data to `out/` and exits non-zero if any token is
 * unaccounted for.
 */
import { network } from "hardhat";
import { createContext } from "./context.js";
import { crowdChapter } from "./crowd.js";
import { escrowChapter, settlementChapter } from "./escrows.js";
import { missionChapter } from "./missions.js";
import { openDataChapter, summaryChapter } from "./open-data.js";
import { committeeChapter, evidenceChapter } from "./oracle.js";
import { poolChapter, poolEvidence, poolSettlementChapter } from "./pool.js";
import { scheduledEscrowChapter } from "./scheduled.js";
import { scheduledPoolChapter } from "./scheduled-pool.js";
import { classedPoolChapter } from "./classed-pool.js";

const started = Date.now();
const conn = await network.create();
const ctx = await createContext(conn);
await missionChapter(ctx);
await crowdChapter(ctx);
await committeeChapter(ctx);
await escrowChapter(ctx);
await poolChapter(ctx);
await evidenceChapter(ctx, () => poolEvidence(ctx));
await settlementChapter(ctx);
await poolSettlementChapter(ctx);
await scheduledEscrowChapter(ctx);
await scheduledPoolChapter(ctx);
const data = await openDataChapter(ctx);
const conserved = await summaryChapter(ctx, data);
// After the open data: the exporter does not read a classed pool's events yet (scripts/demo/classed-pool.ts).
await classedPoolChapter(ctx);
ctx.say();
const blocks = BigInt(await ctx.ethers.provider.getBlockNumber()) - ctx.startBlock;
ctx.say(`demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s (${blocks} blocks)`);
if (!conserved) {
  console.error("error: conservation check failed: some tokens are unaccounted for");
  process.exitCode = 1;
}
