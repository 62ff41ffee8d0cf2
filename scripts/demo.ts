/**
 * The end-to-end story of the suite on an in-process network: `npx hardhat run scripts/demo.ts` (or `npm run demo`).
 * Each chapter is a small function in `scripts/demo/` sharing one DemoContext; later chapters (oracle reports,
 * outcome escrows, impact pools) plug in after the mission chapter.
 */
import { network } from "hardhat";
import { createContext } from "./demo/context.js";
import { missionChapter } from "./demo/missions.js";

const { ethers } = await network.create();
const ctx = await createContext(ethers);
const started = Date.now();
await missionChapter(ctx);
ctx.say();
ctx.say(`demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
