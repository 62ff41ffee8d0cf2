/** Reports and what they lead to: `oracle:report`, `oracle:finalize`, `oracle:status`. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { ZeroAddress } from "ethers";
import { flags, parseFlag, parseMetricFlag, runTask, type TaskResult } from "../../core/cli.js";
import { isoTime, metricText } from "../../core/units.js";
import { bondToken, goalDecimals, metricValue, openSlot, STATUS, type SlotArgs } from "./oracle-slot.js";

export async function reportAction(
  args: SlotArgs & { value: string; evidenceHash: string; from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const valueText = parseFlag("value", metricValue, args.value);
    const evidenceHash =
      args.evidenceHash === "" ? `0x${"0".repeat(64)}` : parseFlag("evidenceHash", flags.bytes32, args.evidenceHash);
    const { oracle, slot, name } = await openSlot(hre, args, args.from);
    const decimals = await goalDecimals(oracle, slot);
    const value = parseMetricFlag("value", valueText, decimals);
    const receipt = await (
      await oracle.report({
        missionId: slot.mission,
        version: slot.version,
        goalId: slot.goal,
        period: slot.period,
        value,
        evidenceHash,
      })
    ).wait();
    console.log(`reported ${metricText(value, decimals)} for ${name} (tx ${receipt?.hash})`);
  });
}

export async function finalizeAction(
  args: SlotArgs & { from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const { oracle, slot, key, name } = await openSlot(hre, args, args.from);
    const receipt = await (await oracle.finalize(...key)).wait();
    const [value] = await oracle.finalValue(...key);
    const shown = metricText(value, await goalDecimals(oracle, slot));
    console.log(`finalized ${name} = ${shown} (tx ${receipt?.hash})`);
  });
}

export async function statusAction(
  args: SlotArgs & { account?: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const account =
      args.account === undefined || args.account === "" ? undefined : parseFlag("account", flags.address, args.account);
    const { oracle, signer, slot, key, name } = await openSlot(hre, args);
    const status = STATUS[Number(await oracle.slotStatus(...key))];
    const s = await oracle.getSlot(...key);
    console.log(`${name}: ${status}`);
    const c = await oracle.getCommittee(slot.mission, slot.version);
    const bond = await bondToken(signer, c.bondToken);
    if (s.committeeVersion !== 0n) {
      const decimals = await goalDecimals(oracle, slot);
      const metric = (v: bigint) => metricText(v, decimals);
      console.log(
        `  committee v${s.committeeVersion}: ${s.reportCount} of ${c.quorum} reports, deadline ${isoTime(s.reportingDeadline)}`,
      );
      for (const m of c.members) {
        const [reported, value] = await oracle.reportOf(...key, m);
        console.log(`  ${m}: ${reported ? metric(value) : "-"}`);
      }
      if (status === "Proposed" || status === "Disputed")
        console.log(`  proposed ${metric(s.value)}, challenge until ${isoTime(s.challengeEnd)}`);
      if (status === "Final") console.log(`  final ${metric(s.value)} at ${isoTime(s.finalizedAt)}`);
      const d = await oracle.getDispute(...key);
      if (d.disputer !== ZeroAddress) console.log(`  disputed by ${d.disputer}, bond ${bond.format(d.bond)}`);
      if (status === "Disputed") {
        const expiresAt = s.challengeEnd + (await oracle.ARBITRATION_PERIOD());
        console.log(`  the arbiter may resolve until ${isoTime(expiresAt)}; then anyone: oracle:expire-dispute`);
      }
    }
    const who = account ?? signer.address;
    const claimable = await oracle.claimableBond(c.bondToken, who);
    console.log(`  ${who} can withdraw ${bond.format(claimable)} of bonds (oracle:withdraw-bond)`);
  });
}
