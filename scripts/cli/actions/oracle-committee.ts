/** `oracle:committee`: show a mission's committee, or (with `--members`) install a new committee version. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { CliError, parseAmountFlag, runTask, type TaskResult } from "../../core/cli.js";
import { requireErc20 } from "../../core/chain.js";
import { missionRef } from "../../core/mission-ops.js";
import { parseCommitteeFields, type CommitteeFields } from "../../formats/committee-input.js";
import { durationText } from "../../core/units.js";
import { bondToken, connect, registryOf } from "./oracle-slot.js";

export async function committeeAction(
  args: CommitteeFields & { oracle: string; mission: string; from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const mission = await missionRef(args.mission, async () => registryOf((await connect(hre, args.oracle)).oracle));
    if (args.members === "") {
      const { oracle, signer } = await connect(hre, args.oracle, args.from);
      const version = await oracle.committeeVersion(mission);
      if (version === 0n) throw new CliError(`--mission: mission ${mission} has no committee`);
      const c = await oracle.getCommittee(mission, version);
      const bond = (await bondToken(signer, c.bondToken)).format(c.bondAmount);
      console.log(`mission ${mission} committee v${version}: ${c.quorum} of ${c.members.length}`);
      for (const m of c.members) console.log(`  member ${m}`);
      console.log(`  challenge window ${durationText(c.challengeWindow)}, bond ${bond} (token ${c.bondToken})`);
      console.log(`  arbiter ${c.arbiter}, adapter ${c.adapter}`);
      return;
    }
    const input = parseCommitteeFields(args);
    const { oracle, signer } = await connect(hre, args.oracle, args.from);
    const bondUnits = await requireErc20(signer, "--bondToken", input.bondToken);
    // The bond is in whole tokens of the bond token; the oracle stores it as a uint96 of base units.
    const bondAmount = parseAmountFlag("bond", input.bondText, bondUnits.decimals, {
      value: 2n ** 96n - 1n,
      symbol: bondUnits.symbol,
    });
    const { bondText: _text, ...committee } = input;
    const receipt = await (await oracle.setCommittee(mission, { ...committee, bondAmount })).wait();
    const version = await oracle.committeeVersion(mission);
    console.log(`committee v${version} set for mission ${mission} (tx ${receipt?.hash})`);
  });
}
