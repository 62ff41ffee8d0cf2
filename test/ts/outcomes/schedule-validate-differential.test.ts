import { expect } from "chai";
import { network } from "hardhat";
import { CliError } from "../../../scripts/core/cli.js";
import { scheduleOf, type ScheduleStruct } from "../../../scripts/formats/schedule-terms.js";
import { FAULTS, keyCapsWith, revertOf } from "../helpers/schedule-faults.js";
import { randomCase } from "../helpers/schedule-random.js";

/**
 * The terms-file checker against `ScheduleLib.validate` (through `test/mocks/ScheduleHarness.sol`, on the in-process
 * network): each bad input of `FAULTS` applied to seeded random schedules (the generator of the property test) is
 * refused by both with the same error — or accepted by both, the checker's struct being the one the library sees.
 */
const MISSION = 1n;

describe("payment schedules: the checker against ScheduleLib.validate (differential)", function () {
  let harness: Awaited<ReturnType<typeof deployHarness>>;
  async function deployHarness() {
    const { ethers } = await network.create();
    return ethers.deployContract("ScheduleHarness");
  }
  before(async () => {
    harness = await deployHarness();
  });

  const PER_FAULT = 6;
  it(`the checker and ScheduleLib.validate refuse the same bad inputs with the same error (${FAULTS.length} rules × ${PER_FAULT} schedules)`, async function () {
    for (const fault of FAULTS) {
      let found = 0;
      for (let seed = 1; seed <= 200 && found < PER_FAULT; seed++) {
        const block = randomCase(seed).schedule;
        const at = fault.site(block);
        if (at === undefined) continue;
        found++;
        const struct = scheduleOf(block, { decimals: 18, now: 0n, missionId: MISSION });
        fault.block(block, at);
        fault.struct(struct, at);
        const where = `${fault.what} (seed ${seed})`;
        let message: string | undefined;
        try {
          const converted = scheduleOf(block, { decimals: 18, now: 0n, missionId: MISSION });
          // Accepted: the checker's struct is the one the library sees.
          // (keyCaps compared as the library reads them: a missing entry is no cap)
          const pad = (x: ScheduleStruct) => ({ ...x, keyCaps: keyCapsWith(-1, 0n).map((c, k) => x.keyCaps[k] ?? c) });
          expect(pad(converted), `${where}: the struct`).to.deep.equal(pad(struct));
        } catch (e) {
          if (!(e instanceof CliError)) throw e;
          message = e.message;
        }
        const onChain = await revertOf(harness.interface, () => harness.validate(struct));
        expect(onChain, `${where}: ScheduleLib.validate (checker: ${message ?? "accepted"})`).to.equal(fault.error);
        if (fault.message === undefined) expect(message, where).to.equal(undefined);
        else expect(message, where).to.match(fault.message);
      }
      expect(found, `${fault.what}: schedules it applies to`).to.equal(PER_FAULT);
    }
  });
});
