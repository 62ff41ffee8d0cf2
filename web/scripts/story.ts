/**
 * The demo story up to the point where a funder still has something to do: the missions, (the crowd, the impact
 * pool,) the committee and the two outcome escrows, open for deposits for 60 days — the demo's own chapters
 * (scripts/demo), stopped before any evidence, settlement or time travel. The app's funder (Hardhat account
 * #`FUNDER_INDEX`, the demo's neighbour Femi) gets `FUNDER_TOKENS` dGBP to fund with.
 */
import { getAddress, type Address } from "viem";
import { actor, gbp, mint, need, createContext, type Connection } from "../../scripts/demo/context.js";
import { crowdChapter } from "../../scripts/demo/crowd.js";
import { escrowChapter } from "../../scripts/demo/escrows.js";
import { missionChapter } from "../../scripts/demo/missions.js";
import { committeeChapter } from "../../scripts/demo/oracle.js";
import { poolChapter } from "../../scripts/demo/pool.js";

/** The funder of the app's story: Hardhat's default account #7 (the demo's neighbour, who holds no role yet). */
export const FUNDER_INDEX = 7;
/** What the funder holds to fund with, in whole dGBP. */
export const FUNDER_TOKENS = 5_000;

export interface WebStory {
  registry: Address;
  oracle: Address;
  escrowFactory: Address;
  poolFactory: Address | undefined;
  /** The escrows' token (the demo's dGBP, 18 decimals). */
  token: Address;
  /** The two open escrows: #ReadingForAll (min. funding £10,000) and #HealthyAgeingLeith. */
  escrows: { reading: Address; ageing: Address };
  readingMissionId: bigint;
  funder: Address;
}

/**
 * Runs the story through `conn`. `crowd`: also the demo's 63 crowd wallets and the impact pool (what `npm run app`
 * shows); without it the story is ~6× shorter (what the browser tests need).
 */
export async function seedWebStory(
  conn: Connection,
  options: { crowd: boolean; say?: (line?: string) => void },
): Promise<WebStory> {
  const ctx = await createContext(conn, options.say ?? (() => {}));
  await missionChapter(ctx);
  if (options.crowd) await crowdChapter(ctx);
  await committeeChapter(ctx);
  await escrowChapter(ctx);
  if (options.crowd) await poolChapter(ctx);
  const funder = actor(ctx, "neighbour");
  if (funder.index !== FUNDER_INDEX) throw new Error(`web story: the funder is account #${funder.index}`);
  const token = need(ctx.token, "token");
  await mint(ctx, token, funder.signer.address, gbp(FUNDER_TOKENS));
  const at = async (c: { getAddress(): Promise<string> } | undefined, what: string): Promise<Address> =>
    getAddress(await need(c, what).getAddress());
  return {
    registry: await at(ctx.registry, "registry"),
    oracle: await at(ctx.oracle, "oracle"),
    escrowFactory: await at(ctx.escrowFactory, "escrow factory"),
    poolFactory: ctx.poolFactory === undefined ? undefined : await at(ctx.poolFactory, "pool factory"),
    token: await at(token, "token"),
    escrows: {
      reading: await at(ctx.escrows.reading, "reading escrow"),
      ageing: await at(ctx.escrows.ageing, "ageing escrow"),
    },
    readingMissionId: ctx.missions.reading?.id ?? 0n,
    funder: getAddress(funder.signer.address),
  };
}
