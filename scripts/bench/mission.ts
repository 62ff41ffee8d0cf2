import { network } from "hardhat";
import { gasOf, type GasRecord } from "./lib.js";

/** A realistic goal: a percentage with one decimal, yearly periods over three years, a 30-day reporting window. */
function goal(metricKey: string, firstPeriodEnd: number) {
  return {
    metricKey: `0x${Buffer.from(metricKey, "utf8").toString("hex").padEnd(64, "0")}`,
    baseline: 620n,
    target: 750n,
    firstPeriodEnd,
    periodLength: 365 * 24 * 3600,
    periodCount: 3,
    reportingWindow: 30 * 24 * 3600,
    decimals: 1,
  };
}

const URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/mission.json";
const HASH = "0x8f3c1a8e2b7d4c6f9a0e1d2c3b4a5968778695a4b3c2d1e0f9e8d7c6b5a49382";

/**
 * Mission registry gas: creation (one and three goals), join and endorse. Every figure is measured on a second
 * mission, so the mission counter slot is already non-zero (the steady state of a live registry).
 */
export async function benchMission(): Promise<GasRecord> {
  const { ethers } = await network.create();
  const [steward, alice, bob] = await ethers.getSigners();
  if (steward === undefined || alice === undefined || bob === undefined) throw new Error("bench: need 3 signers");
  const registry = await ethers.deployContract("MissionRegistry");
  const latest = await ethers.provider.getBlock("latest");
  const end = (latest?.timestamp ?? 0) + 365 * 24 * 3600;

  await (await registry.createMission("#WarmUp", steward.address, URI, HASH, [goal("warm_up", end)])).wait();
  const gas: GasRecord = {};
  gas["mission.create"] = await gasOf(
    registry.createMission("#ReadingForAll", steward.address, URI, HASH, [goal("reading_attainment_ks2", end)]),
  );
  gas["mission.create3"] = await gasOf(
    registry.createMission("#HealthyAgeingLeith", steward.address, URI, HASH, [
      goal("falls_admissions_65plus", end),
      goal("loneliness_score", end),
      goal("active_minutes_weekly", end),
    ]),
  );
  gas["mission.join"] = await gasOf(registry.connect(alice).join(2, 1));
  await (await registry.connect(bob).join(2, 2)).wait();
  gas["mission.endorse"] = await gasOf(registry.connect(alice).endorse(2, bob.address, HASH));
  return gas;
}
