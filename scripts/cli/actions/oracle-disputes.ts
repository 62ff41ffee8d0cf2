/** Disputes and their bonds: `oracle:dispute`, `oracle:resolve`, `oracle:expire-dispute`, `oracle:withdraw-bond`. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { CliError, flags, parseFlag, parseMetricFlag, runTask, type TaskResult } from "../../core/cli.js";
import { exampleTokenAddress } from "../../core/address-book.js";
import { approveIfNeeded, latestTime, requireErc20, simulateThenSend } from "../../core/chain.js";
import { formatTokens, isoTime, metricText } from "../../core/units.js";
import { bondToken, connect, goalDecimals, metricValue, openSlot, STATUS, type SlotArgs } from "./oracle-slot.js";

/**
 * The slot a dispute command acts on, checked to be `expected` (Proposed to dispute, Disputed to expire), with the
 * committee's bond token, the slot's challenge end and the latest block time.
 */
async function slotInStatus(
  hre: HardhatRuntimeEnvironment,
  args: SlotArgs & { from: string },
  expected: "Proposed" | "Disputed",
) {
  const { oracle, signer, ethers, slot, key, name } = await openSlot(hre, args, args.from);
  const status = STATUS[Number(await oracle.slotStatus(...key))];
  if (status !== expected) throw new CliError(`--period: slot is ${status}, not ${expected}`);
  const { challengeEnd } = await oracle.getSlot(...key);
  const c = await oracle.getCommittee(slot.mission, slot.version);
  const bond = await bondToken(signer, c.bondToken);
  const now = await latestTime(ethers.provider);
  return { oracle, signer, key, name, challengeEnd, bondAmount: c.bondAmount, bond, now };
}

/**
 * Disputes a proposed value, posting the committee's bond. Every check that can fail comes before the approval —
 * the slot is Proposed, its challenge window is open, the sender holds the bond — and the approval is exactly the
 * bond, which the oracle takes in full.
 */
export async function disputeAction(
  args: SlotArgs & { from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const { oracle, signer, key, name, challengeEnd, bondAmount, bond, now } = await slotInStatus(
      hre,
      args,
      "Proposed",
    );
    // The window includes its last second; the next block is at least one second after the latest.
    if (now >= challengeEnd) throw new CliError(`--period: the challenge window closed at ${isoTime(challengeEnd)}`);
    const held = await bond.token.balanceOf(signer.address);
    if (held < bondAmount) {
      throw new CliError(
        `--from: ${signer.address} holds ${bond.format(held)}, less than the ${bond.format(bondAmount)} bond`,
      );
    }
    await approveIfNeeded(bond.token, signer.address, await oracle.getAddress(), bondAmount);
    const receipt = await simulateThenSend(oracle, "dispute", key);
    console.log(`disputed ${name}, bond ${bond.format(bondAmount)} (tx ${receipt.hash})`);
  });
}

/**
 * Anyone ends a dispute the arbiter left unresolved past the arbitration period: the slot becomes Unresolved and the
 * bond is credited back to the disputer (who then withdraws it with `oracle:withdraw-bond`).
 */
export async function expireDisputeAction(
  args: SlotArgs & { from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const { oracle, key, name, challengeEnd, bond, now } = await slotInStatus(hre, args, "Disputed");
    const expiresAt = challengeEnd + (await oracle.ARBITRATION_PERIOD());
    // Expirable once a block is later than expiresAt; the next block is at least one second after the latest.
    if (now < expiresAt) {
      throw new CliError(`--period: the arbiter may still resolve the dispute until ${isoTime(expiresAt)}`);
    }
    const d = await oracle.getDispute(...key);
    const receipt = await simulateThenSend(oracle, "expireDispute", key);
    console.log(
      `dispute on ${name} expired: slot Unresolved, bond ${bond.format(d.bond)} credited back to ${d.disputer} (tx ${receipt.hash})`,
    );
  });
}

/** Withdraws every bond of `--token` the sender was credited (a returned bond, or a forfeited one it received). */
export async function withdrawBondAction(
  args: { oracle: string; token: string; from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    if (args.token !== "") parseFlag("token", flags.address, args.token);
    const { oracle, signer, chainId } = await connect(hre, args.oracle, args.from);
    const address = exampleTokenAddress(chainId, "token", args.token);
    const units = await requireErc20(signer, "--token", address);
    const claimable = await oracle.claimableBond(address, signer.address);
    if (claimable === 0n)
      throw new CliError(`--from: ${signer.address} has no ${units.symbol} bond to withdraw (${address})`);
    const receipt = await simulateThenSend(oracle, "withdrawBond", [address]);
    console.log(
      `withdrew ${formatTokens(claimable, units)} of dispute bonds to ${signer.address} (tx ${receipt.hash})`,
    );
  });
}

export async function resolveAction(
  args: SlotArgs & { value: string; invalid: boolean; from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    if (args.invalid === (args.value !== "")) throw new CliError("--value: give either --value N or --invalid");
    const valueText = args.invalid ? "0" : parseFlag("value", metricValue, args.value);
    const { oracle, slot, key, name } = await openSlot(hre, args, args.from);
    const decimals = await goalDecimals(oracle, slot);
    const value = parseMetricFlag("value", valueText, decimals);
    const tx = args.invalid ? await oracle.resolveInvalid(...key) : await oracle.resolve(...key, value);
    const receipt = await tx.wait();
    console.log(`resolved ${name}: ${args.invalid ? "invalid" : metricText(value, decimals)} (tx ${receipt?.hash})`);
  });
}
