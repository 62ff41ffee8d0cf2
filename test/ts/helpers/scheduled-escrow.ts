/**
 * The schedule examples on a local chain, for the scheduled-escrow tests (escrow:create, escrow:settle --point,
 * escrow:show): a `ScheduledEscrowFactory` over a mock registry holding the examples' missions and a mock feed, an
 * example escrow created through the CLI's core function, funded, and the clock moved past a point's cut-off.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { CliError } from "../../../scripts/core/cli.js";
import { toScheduledTerms } from "../../../scripts/formats/escrow-terms.js";
import { readEscrowTerms } from "../../../scripts/formats/escrow-terms-file.js";
import { createScheduledEscrow } from "../../../scripts/cli/actions/escrow-scheduled-send.js";

export const E18 = 10n ** 18n;
export const RATE_CARD = "examples/escrows/rate-card-escrow.json";
export const COHORT_BOND = "examples/escrows/cohort-bond-escrow.json";
const YEAR = 365 * 86_400;
/** 2031-06-30T00:00:00Z: the first period of the examples' goals ends after their funding deadline (2030-06-30). */
const FIRST_PERIOD_END = 1_940_544_000n;

/** The message of the CliError `p` rejects with (fails the test if it resolves or rejects otherwise). */
export async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CliError) return err.message;
    throw err;
  }
  throw new Error("expected a CliError");
}

/**
 * A factory over a registry with the examples' missions, both Active, goals of version 1 in two yearly periods (30
 * days to report): mission 3 (rate card) goal 0 a rising count 0 → 40, goal 1 a falling one 400 → 200; mission 4
 * (cohort bond) two falling goals 600 → 480.
 */
export async function scheduleExamplesWorld(ethers: HardhatEthers) {
  const registry = await ethers.deployContract("MockRegistryForEscrow");
  const feed = await ethers.deployContract("MockMetricFeed");
  const factory = await ethers.deployContract("ScheduledEscrowFactory", [
    await registry.getAddress(),
    await feed.getAddress(),
  ]);
  const goal = (baseline: bigint, target: bigint) => ({
    baseline,
    target,
    firstPeriodEnd: FIRST_PERIOD_END,
    periodLength: YEAR,
    periodCount: 2,
    reportingWindow: 30 * 86_400,
    decimals: 0,
    version: 1,
  });
  await registry.setMission(3n, 2);
  await registry.setGoal(3n, 0, goal(0n, 40n));
  await registry.setGoal(3n, 1, goal(400n, 200n));
  await registry.setMission(4n, 2);
  await registry.setGoal(4n, 0, goal(600n, 480n));
  await registry.setGoal(4n, 1, goal(600n, 480n));
  return { registry, feed, factory };
}

/** The example `file` as a scheduled escrow of a fresh 18-decimal token, created by the first signer through `escrow:create`'s core function. */
export async function createExampleEscrow(ethers: HardhatEthers, file: string) {
  const world = await scheduleExamplesWorld(ethers);
  const [signer] = await ethers.getSigners();
  if (signer === undefined) throw new Error("no signer");
  const token = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
  const terms = toScheduledTerms(readEscrowTerms(file), 0n, 18, file, await token.getAddress());
  const conn = { signer, chainId: (await ethers.provider.getNetwork()).chainId };
  const escrow = await createScheduledEscrow(conn, terms, await world.factory.getAddress());
  return { ...world, signer, token, terms, conn, escrow };
}

/** The first signer deposits `amount` (base units, minted first) into the last payer tier of the scheduled escrow. */
export async function depositInto(
  ethers: HardhatEthers,
  created: Awaited<ReturnType<typeof createExampleEscrow>>,
  amount: bigint,
) {
  const e = await ethers.getContractAt("ScheduledEscrow", created.escrow);
  await created.token.mint(created.signer.address, amount);
  await created.token.approve(created.escrow, amount);
  // The last tier pays whatever a co-payment tier before it does not (the rate-card example's tier 1; the cohort
  // bond's one tier): with it alone funded, every point pays as with one pro-rata tier.
  const tiers = BigInt(created.terms.paymentSchedule.tiers.length);
  await e.deposit(tiers - 1n, amount);
  return e;
}

/** Mines a block 31 days after point `i`'s deadline: past its 30 days of reporting, so its slots can be final. */
export async function pastPoint(
  ethers: HardhatEthers,
  terms: { paymentSchedule: { points: { deadline: bigint }[] } },
  i: number,
) {
  await ethers.provider.send("evm_setNextBlockTimestamp", [
    Number(terms.paymentSchedule.points[i]!.deadline) + 31 * 86_400,
  ]);
  await ethers.provider.send("evm_mine", []);
}
