import { classedPoolChapter } from "./classed-pool.js";
import type { DemoContext } from "./context.js";
import { crowdChapter } from "./crowd.js";
import { escrowChapter, settlementChapter } from "./escrows.js";
import { missionChapter } from "./missions.js";
import { committeeChapter, evidenceChapter } from "./oracle.js";
import { poolChapter, poolEvidence, poolSettlementChapter } from "./pool.js";
import { scheduledEscrowChapter } from "./scheduled.js";
import { scheduledPoolChapter } from "./scheduled-pool.js";

/**
 * The demo's story up to its open data: chapters 1–6e in order (missions, the crowd, the committee, escrows, the
 * pool, evidence, settlements, the rate-card escrow, the yearly pool, the classed pool). One list, run by the demo
 * (main.ts) and by the open-data fingerprint test, so the two cannot drift apart.
 */
export async function storyChapters(ctx: DemoContext): Promise<void> {
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
  await classedPoolChapter(ctx);
}
