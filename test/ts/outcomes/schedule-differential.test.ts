import { expect } from "chai";
import { network } from "hardhat";
import { scheduleOf } from "../../../scripts/formats/schedule-terms.js";
import {
  CAP_HITS,
  newLedger,
  payerPosition,
  previewPoint,
  applyPoint,
  ScheduleError,
  UINT256_MAX,
} from "../../../scripts/outcomes/schedule-preview.js";
import { pointBytes, pointLeaf, pointProof, pointsRoot } from "../../../scripts/outcomes/schedule-root.js";
import { revertOf, type Block } from "../helpers/schedule-faults.js";
import { generator, randomCase } from "../helpers/schedule-random.js";

/**
 * Differential test of the TypeScript mirror against `ScheduleLib` (through `test/mocks/ScheduleHarness.sol` and
 * `MockMetricFeed`, on the in-process network): seeded random schedules (the generator of the property test), each
 * point settled on chain and in the mirror, comparing to the wei the resolution (Pending ↔ `PointPending`), trigger,
 * entitlement, amount, cap hit, per-tier parts, per-term units / raw / paid / cap hit, every other revert, and the
 * whole ledger after every point, then each payer's paid and refund. The points root and proofs are the TypeScript
 * ones (`schedule-root.ts`): the harness verifies them, and they equal its own. The terms-file checker and
 * `ScheduleLib.validate` accept every generated schedule (the bad inputs: schedule-validate-differential.test.ts).
 */
const CASES = 120;
const MISSION = 1n;
/** IMetricFeed.SlotStatus. */
const Status = { Proposed: 2, Final: 4, Unresolved: 5 } as const;
const RESOLUTIONS = ["Pending", "Achieved", "NoData"] as const;

/**
 * Widens a generated schedule where the mirror and the library could part (the property generator keeps keys distinct
 * and curves linear): two terms of a point on one key, a second capped key, thresholdLinear (cap 1, over-achieving),
 * binary and stepped curves, and rate cards whose units × price overflow 256 bits (the entitlement saturates).
 */
function widen(b: Block, r: (n: number) => number): void {
  if (r(3) === 0) b.keyCaps = [...b.keyCaps, { key: 0, cap: String(5_000 + r(20_000)) }];
  for (const p of b.points) {
    p.terms.forEach((t, j) => {
      if (j > 0 && r(4) === 0) t.key = p.terms[j - 1]!.key;
      if (t.kind === "curve") {
        const roll = r(5);
        if (roll === 0) t.curve = { kind: "thresholdLinear", baseline: 20, target: 120, threshold: 50, cap: "1" };
        else if (roll === 1) Object.assign(t, { ceiling: "1", curve: { kind: "binary", threshold: 100 } });
        else if (roll === 2)
          Object.assign(t, {
            ceiling: "1",
            curve: {
              kind: "stepped",
              steps: [
                { value: 60, ratio: "0.5" },
                { value: 110, ratio: "1" },
              ],
            },
          });
      } else if (r(30) === 0) {
        Object.assign(t, { scale: "100000000000000000000", price: "100000000000000000000" });
      }
    });
  }
}

describe("payment schedules: the TypeScript mirror against ScheduleLib (differential)", function () {
  let ethers: Awaited<ReturnType<typeof network.create>>["ethers"];
  before(async () => {
    ({ ethers } = await network.create());
  });

  it(`${CASES} random schedules settle to the same figures and ledgers on chain and in the mirror`, async function () {
    let paying = 0;
    let pending = 0;
    let points = 0;
    const seen = new Set<string>();
    for (let seed = 1; seed <= CASES; seed++) {
      const { schedule, results, commitments } = randomCase(seed);
      const r = generator(seed * 7919);
      widen(schedule, r);
      const s = scheduleOf(schedule, { decimals: 18, now: 0n, missionId: MISSION });
      // Some slots can still change (Proposed): the mirror's "pending", the library's PointPending.
      const world = new Map(results);
      for (const [k, v] of world) if (v.status === "final" && r(25) === 0) world.set(k, { status: "pending" });
      // A fresh feed and ledger per case; a slot left unset reads None: no value, and the cut-off (deadline + 0) is past.
      const feed = await ethers.deployContract("MockMetricFeed");
      const harness = await ethers.deployContract("ScheduleHarness");
      await harness.validate(s); // ScheduleLib.validate accepts what the checker accepted
      for (const [k, v] of world) {
        const [, goal, period] = k.split("/").map(Number);
        if (v.status !== "noValue") {
          const status =
            v.status === "final" ? Status.Final : v.status === "pending" ? Status.Proposed : Status.Unresolved;
          await feed.setSlot(MISSION, goal!, period!, status, v.status === "final" ? v.value : 0n, 0n);
        }
      }
      for (const [t, c] of commitments.entries()) if (c > 0n) await harness.commit(t, c);
      const funds = commitments.reduce((a, b) => a + b, 0n);
      const root = pointsRoot(s.points);
      expect(await harness.pointsRoot(s.points), `seed ${seed}: root`).to.equal(root);
      const header = {
        feed: await feed.getAddress(),
        pointsRoot: root,
        pointCount: s.points.length,
        gracePeriod: 0n,
        funds,
        cap: s.cap,
        versions: 0n,
        keyCaps: s.keyCaps,
        tiers: s.tiers,
      };
      let ledger = newLedger(commitments);
      await compareLedger(seed, -1);
      // Settle in a random order (a cumulative point may find an earlier one open), then the open ones again.
      const order = [...s.points.keys()].sort(() => r(3) - 1);
      for (const i of [...order, ...s.points.keys()]) {
        const at = `seed ${seed} point ${i}`;
        const point = s.points[i]!;
        const proof = pointProof(s.points, i);
        if (seed % 25 === 0) {
          expect([...(await harness.pointProof(s.points, i))], `${at}: proof`).to.deep.equal(proof);
          expect(await harness.leaf(i, point), `${at}: leaf`).to.equal(pointLeaf(i, point));
          expect(await harness.encodePoint(point), `${at}: packed point`).to.equal(pointBytes(point));
        }
        const bytes = pointBytes(point);
        let mirror;
        try {
          mirror = previewPoint(s, ledger, i, world, funds);
        } catch (e) {
          if (!(e instanceof ScheduleError)) throw e;
          const onChain = await revertOf(harness.interface, () => harness.previewPayment(header, i, bytes, proof));
          expect(onChain, at).to.equal(e.errorName);
          continue;
        }
        if (mirror.resolution === "Pending") {
          pending++;
          const onChain = await revertOf(harness.interface, () => harness.previewPayment(header, i, bytes, proof));
          expect(onChain, at).to.equal("PointPending");
          continue;
        }
        const chain = await harness.previewPayment(header, i, bytes, proof);
        expect(RESOLUTIONS[Number(chain.resolution)], `${at}: resolution`).to.equal(mirror.resolution);
        expect(chain.triggerHeld, `${at}: trigger`).to.equal(mirror.triggerHeld);
        expect(CAP_HITS[Number(chain.capHit)], `${at}: cap hit`).to.equal(mirror.capHit);
        expect(chain.entitlement, `${at}: entitlement`).to.equal(mirror.entitlement);
        expect(chain.amount, `${at}: amount`).to.equal(mirror.amount);
        expect([...chain.parts], `${at}: parts`).to.deep.equal([0, 1, 2, 3].map((t) => mirror.parts[t] ?? 0n));
        expect(
          chain.terms.map((t) => [t.unitsWad, t.raw, t.paid, CAP_HITS[Number(t.capHit)]]),
          `${at}: terms`,
        ).to.deep.equal(mirror.terms.map((t) => [t.unitsWad, t.raw, t.paid, t.capHit]));
        await harness.settlePoint(header, i, bytes, proof);
        ledger = applyPoint(s, ledger, mirror);
        points++;
        if (mirror.amount > 0n) paying++;
        seen.add(mirror.capHit);
        for (const t of mirror.terms) seen.add(`term ${t.capHit}`);
        if (mirror.terms.some((t) => t.raw === UINT256_MAX)) seen.add("saturated");
        if (point.cumulative && mirror.amount > 0n) seen.add("true-up");
        if (!mirror.triggerHeld) seen.add("trigger failed");
        if (mirror.resolution === "NoData") seen.add("NoData");
        await compareLedger(seed, i);
      }
      for (const [t, c] of commitments.entries()) {
        for (const commitment of [c / 3n, c - c / 3n]) {
          const mine = payerPosition(ledger, t, commitment);
          expect([await harness.payerPaid(t, commitment), await harness.payerRefund(t, commitment)]).to.deep.equal([
            mine.paid,
            mine.refund,
          ]);
        }
      }

      async function compareLedger(sd: number, i: number) {
        const l = await harness.ledger();
        const at = `seed ${sd} after point ${i}: ledger`;
        expect(Number(l.settled), at).to.equal(ledger.settled);
        expect(l.totalPaid, at).to.equal(ledger.totalPaid);
        expect(l.totalCommitted, at).to.equal(funds);
        expect(
          l.tierBooks.map((b) => [b.committed, b.paid]),
          at,
        ).to.deep.equal([0, 1, 2, 3].map((t) => [ledger.tierCommitted[t] ?? 0n, ledger.tierPaid[t] ?? 0n]));
        expect([...l.keyPaid], at).to.deep.equal(ledger.keyPaid);
      }
    }
    console.log(`      ${CASES} schedules, ${points} points settled (${paying} paying), ${pending} pending`);
    expect(paying, "the generator reaches paying points").to.be.greaterThan(CASES / 2);
    expect(pending, "and pending ones").to.be.greaterThan(10);
    // Every cap hit, saturation, true-ups, failed triggers and NoData occur.
    expect([...seen].sort()).to.include.members([
      "Funds",
      "None",
      "Overall",
      "Point",
      "term TermOverall",
      "term TermPerPoint",
      "saturated",
      "true-up",
      "trigger failed",
      "NoData",
    ]);
  });
});
