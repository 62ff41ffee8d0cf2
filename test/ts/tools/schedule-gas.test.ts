import { expect } from "chai";
import { network } from "hardhat";
import type { ContractTransactionResponse } from "ethers";

/**
 * Whole-transaction gas of `ScheduleLib.settlePoint` through `test/mocks/ScheduleHarness.sol` (the header in calldata,
 * as a consumer reads it from its clone arguments; `settlePointQuiet`, no return data; a fresh ledger whose tiers are
 * committed; `MockMetricFeed`, one storage read per slot). These figures guide the
 * escrow/pool integration of issue #12, whose own benchmarks (`schedule.settlePoint…` in bench/gas.json) measure the
 * integrated contracts; this test only prints them and checks that point 16 costs what point 1 costs.
 */
const WAD = 10n ** 18n;
const NONE = 2n ** 128n - 1n;
const MISSION = 7n;

type Curve = ReturnType<typeof linear>;
const linear = (baseline: bigint, target: bigint) => ({
  kind: 1,
  lowerIsBetter: false,
  baseline,
  target,
  threshold: 0n,
  capWad: 0n,
  stepValues: [] as bigint[],
  stepRatiosWad: [] as bigint[],
});
const noCurve: Curve = { ...linear(0n, 0n), kind: 0 };

const term = (over: Partial<ReturnType<typeof baseTerm>>) => ({ ...baseTerm(), ...over });
const baseTerm = () => ({
  missionId: MISSION,
  goalId: 1,
  period: 1,
  key: 0,
  kind: 0,
  weightWad: 0n,
  curve: noCurve,
  ceilingWad: 0n,
  source: 0,
  referenceValue: 0n,
  lowerIsBetter: false,
  scaleWad: 0n,
  price: 0n,
  capPerPoint: NONE,
});

/** Four linear terms (25 % each) on goal 1, periods 4i+1…4i+4, keys 0–3, half the funds, one condition on goal 5. */
const curvePoint = (i: number, cumulative = false) => ({
  deadline: 1_000_000n + BigInt(i) * 86_400n,
  cumulative,
  potWad: cumulative ? WAD : WAD / 32n,
  cap: NONE,
  trigger: {
    any: false,
    conditions: [{ missionId: MISSION, goalId: 5, period: i + 1, threshold: 20n, lowerIsBetter: false }],
  },
  terms: [0, 1, 2, 3].map((t) =>
    term({ period: 4 * i + t + 1, key: t, kind: 0, weightWad: WAD / 4n, curve: linear(0n, 100n), ceilingWad: WAD }),
  ),
});

/** Four rate cards (goal 3) with per-point caps on capped keys 0–3, a point cap; one condition. */
const rateCardPoint = (i: number) => ({
  ...curvePoint(i),
  potWad: 0n,
  cap: 400_000n,
  terms: [0, 1, 2, 3].map((t) =>
    term({ goalId: 3, period: 4 * i + t + 1, key: t, kind: 1, scaleWad: WAD, price: 500n, capPerPoint: 15_000n }),
  ),
});

describe("ScheduleLib.settlePoint gas (whole transactions, through ScheduleHarness)", function () {
  async function measure(points: ReturnType<typeof curvePoint>[], order: number[], keyCaps: bigint[], cap: bigint) {
    const { ethers } = await network.create();
    const feed = await ethers.deployContract("MockMetricFeed");
    const harness = await ethers.deployContract("ScheduleHarness");
    await (await harness.commit(0, 1_000_000n)).wait();
    for (const p of points) {
      for (const t of p.terms) await (await feed.setFinal(MISSION, t.goalId, t.period, 80n)).wait();
      for (const c of p.trigger.conditions) await (await feed.setFinal(MISSION, c.goalId, c.period, 25n)).wait();
    }
    const header = {
      feed: await feed.getAddress(),
      pointsRoot: await harness.pointsRoot(points),
      pointCount: points.length,
      gracePeriod: 864_000n,
      funds: 1_000_000n,
      cap,
      versions: 0n,
      keyCaps,
      tiers: [{ coPayWad: 0n }],
    };
    const gas: number[] = [];
    for (const i of order) {
      const proof = [...(await harness.pointProof(points, i))];
      const pointBytes = await harness.encodePoint(points[i]!);
      const tx: ContractTransactionResponse = await harness.settlePointQuiet(header, i, pointBytes, proof);
      const receipt = await tx.wait();
      gas.push(Number(receipt!.gasUsed));
    }
    return gas;
  }

  it("prints settlePoint, rate card, true-up, @1 and @16", async function () {
    const sixteen = Array.from({ length: 16 }, (_, i) => curvePoint(i));
    const [at1] = await measure(sixteen, [0], [], NONE);
    const [at16] = await measure(sixteen, [15], [], NONE);
    const rates = Array.from({ length: 2 }, (_, i) => rateCardPoint(i));
    const [rateCard, rateCardKeysPaid] = await measure(rates, [0, 1], [60_000n, 60_000n, 60_000n, 60_000n], 900_000n);
    // The cohort shape: the trigger on a term's own slot (one read serves both).
    const ownSlot = Array.from({ length: 2 }, (_, i) => {
      const p = curvePoint(i);
      p.trigger.conditions[0]!.goalId = 1;
      p.trigger.conditions[0]!.period = 4 * i + 1;
      return p;
    });
    const [ownSlotTrigger] = await measure(ownSlot, [0], [], NONE);
    const trueUpPoints = [curvePoint(0), curvePoint(1, true)];
    const [, trueUp] = await measure(trueUpPoints, [0, 1], [], NONE);
    const figures = {
      "settlePoint (4 terms, 1 trigger) @1": at1!,
      "@16": at16!,
      "trigger on a term's own slot": ownSlotTrigger!,
      rateCard: rateCard!,
      rateCardKeysPaid: rateCardKeysPaid!,
      trueUp: trueUp!,
    };
    console.log(figures);
    expect(Math.abs(at16! - at1!) / at1!).to.be.lessThan(0.05);
  });
});
