import { expect } from "chai";
import { getAddress } from "viem";
import { z } from "zod";
import { exporterFiles, gql, indexerWorld, rowsOf, type World } from "./world.js";

const E18 = 10n ** 18n;
const items = <T extends z.ZodTypeAny>(row: T) => z.object({ items: z.array(row) });

/**
 * The demo's scheduled escrow (chapter 6c: the rate-card example, two tiers, two cohorts) as the indexer keeps it,
 * in figures computed by hand in test/ts/cli/escrow-scheduled-demo.test.ts: cohort 1 pays £29,000 (council £7,250,
 * foundation £21,750), cohort 2 £31,000 (Overall cap; £7,750 and £23,250), refunds £1,000 and £5,000.
 */
describe("indexer end to end: a scheduled escrow's and a scheduled pool's points, terms and tiers (issue #12)", function () {
  this.timeout(600_000);
  let w: World;

  before(async function () {
    w = await indexerWorld();
  });

  it("follows the ScheduledEscrowFactory of the address book and its clone: points, terms and tiers by GraphQL", async function () {
    const data = z
      .object({
        scheduledEscrows: items(
          z.object({
            address: z.string(),
            missionId: z.string(),
            totalDeposited: z.string(),
            totalPaid: z.string(),
            totalClaimed: z.string(),
            totalRefunded: z.string(),
            balance: z.string(),
            tierCoPayWads: z.array(z.string()),
            tokenUnit: z.object({ symbol: z.string() }),
            points: items(
              z.object({
                pointIndex: z.number(),
                amount: z.string(),
                capHit: z.string(),
                terms: items(z.object({ termIndex: z.number(), paid: z.string(), capHit: z.string() })),
                tiers: items(z.object({ tier: z.number(), paid: z.string() })),
              }),
            ),
            tierDeposits: items(z.object({ funder: z.string(), tier: z.number(), deposited: z.string() })),
          }),
        ),
        mission: z.object({ funded: z.string(), paid: z.string(), refunded: z.string(), pending: z.string() }),
      })
      .parse(
        await gql(
          w.indexer,
          `{ scheduledEscrows { items { address missionId totalDeposited totalPaid totalClaimed totalRefunded balance
               tierCoPayWads tokenUnit { symbol }
               points(orderBy: "pointIndex") { items { pointIndex amount capHit
                 terms(orderBy: "termIndex") { items { termIndex paid capHit } }
                 tiers(orderBy: "tier") { items { tier paid } } } }
               tierDeposits(orderBy: "tier") { items { funder tier deposited } } } }
             mission(missionId: "3") { funded paid refunded pending } }`,
        ),
      );
    const [escrow, ...more] = data.scheduledEscrows.items;
    expect(more).to.deep.equal([]);
    const gbp = (whole: bigint) => String(whole * E18);
    expect(escrow).to.deep.include({
      missionId: "3",
      totalDeposited: gbp(66_000n),
      totalPaid: gbp(60_000n),
      totalClaimed: gbp(60_000n),
      totalRefunded: gbp(6_000n),
      balance: "0",
      tierCoPayWads: [String(E18 / 4n), "0"],
      tokenUnit: { symbol: "dGBP" },
    });
    expect(
      escrow!.points.items.map((p) => ({
        point: p.pointIndex,
        amount: p.amount,
        capHit: p.capHit,
        terms: p.terms.items.map((t) => [t.paid, t.capHit]),
        tiers: p.tiers.items.map((t) => t.paid),
      })),
    ).to.deep.equal([
      {
        point: 0,
        amount: gbp(29_000n),
        capHit: "None",
        terms: [
          [gbp(24_000n), "None"],
          [gbp(5_000n), "None"],
        ],
        tiers: [gbp(7_250n), gbp(21_750n)],
      },
      {
        point: 1,
        amount: gbp(31_000n),
        capHit: "Overall",
        terms: [
          [gbp(30_000n), "TermPerPoint"],
          [gbp(15_000n), "TermOverall"],
        ],
        tiers: [gbp(7_750n), gbp(23_250n)],
      },
    ]);
    expect(escrow!.tierDeposits.items.map((d) => [d.tier, d.deposited])).to.deep.equal([
      [0, gbp(16_000n)],
      [1, gbp(50_000n)],
    ]);
    // The mission's money aggregates count its scheduled escrow: 66,000 in, 60,000 claimed, 6,000 refunded.
    expect(data.mission).to.deep.equal({
      funded: gbp(66_000n),
      paid: gbp(60_000n),
      refunded: gbp(6_000n),
      pending: "0",
    });
    // The same escrow as the exporter finds it from events.
    const exported = rowsOf(await exporterFiles(w.client, w.addresses), "scheduled_escrows");
    expect(exported.map((e) => e.escrow)).to.deep.equal([getAddress(escrow!.address)]);
  });
  /**
   * The demo's scheduled pool (chapter 6d: the yearly example, mission 4): funds 120,000 (tier 0 20,000, tier 1
   * 100,000); each year's pot wMulDown(120,000e18, 0.333333333333333333) = 39,999.99999999999996, paid at 0.5, 1 and
   * 0.25 (200, 400, 100 of 400 people); tier 0 pays exactly 20 % of each; the investor redeems 100,000 + 69,999.99999999999993,
   * the payers get back 6,000.000000000000014 and 44,000.000000000000056 (test/ts/open-data/scheduled-pool-export.test.ts).
   */
  it("follows the pools of ScheduledPoolCreated: points, tier payments, commitments per tier, settlement, refunds", async function () {
    const data = z
      .object({
        pools: items(
          z.object({
            address: z.string(),
            phase: z.string(),
            pointCount: z.number(),
            pointsSettled: z.number(),
            totalPaid: z.string(),
            totalCommitted: z.string(),
            investorPot: z.string(),
            refundPot: z.string(),
            totalRefunded: z.string(),
            balance: z.string(),
            points: items(
              z.object({
                pointIndex: z.number(),
                contractKind: z.string(),
                amount: z.string(),
                tiers: items(z.object({ tier: z.number(), paid: z.string() })),
              }),
            ),
            tierDeposits: items(z.object({ tier: z.number(), deposited: z.string() })),
            missions: items(z.object({ missionId: z.string() })),
          }),
        ),
        settlements: items(
          z.object({ contract: z.string(), reason: z.string().nullable(), outcomePayment: z.string() }),
        ),
        payouts: items(z.object({ contract: z.string(), kind: z.string(), amount: z.string() })),
      })
      .parse(
        await gql(
          w.indexer,
          `{ pools(where: { scheduled: true }) { items { address phase pointCount pointsSettled totalPaid totalCommitted
               investorPot refundPot totalRefunded balance
               points(orderBy: "pointIndex") { items { pointIndex contractKind amount tiers(orderBy: "tier") { items { tier paid } } } }
               tierDeposits(orderBy: "tier") { items { tier deposited } }
               missions { items { missionId } } } }
             settlements(where: { contractKind: "pool" }) { items { contract reason outcomePayment } }
             payouts(where: { kind_in: ["refund", "redeem"], contractKind: "pool" }, orderBy: "blockNumber") { items { contract kind amount } } }`,
        ),
      );
    // Two scheduled pools in the story: the yearly pool (chapter 6d, mission 4) and the classed pool (6e, mission 5).
    expect(data.pools.items.map((p) => p.missions.items.map((m) => m.missionId)).sort()).to.deep.equal([["4"], ["5"]]);
    const [pool, ...more] = data.pools.items.filter((p) => p.missions.items.some((m) => m.missionId === "4"));
    expect(more).to.deep.equal([]);
    const total = 69_999_999999999999930000n;
    expect(pool).to.deep.include({
      phase: "Settled",
      pointCount: 3,
      pointsSettled: 3,
      totalPaid: String(total),
      totalCommitted: String(120_000n * E18),
      investorPot: String(100_000n * E18 + total),
      refundPot: String(120_000n * E18 - total),
      totalRefunded: String(120_000n * E18 - total),
      balance: "0",
    });
    const point = [19_999_999999999999980000n, 39_999_999999999999960000n, 9_999_999999999999990000n];
    const tier0 = [3_999_999999999999996000n, 7_999_999999999999992000n, 1_999_999999999999998000n];
    expect(
      pool!.points.items.map((p) => [p.pointIndex, p.contractKind, p.amount, p.tiers.items.map((t) => t.paid)]),
    ).to.deep.equal(point.map((a, i) => [i, "pool", String(a), [String(tier0[i]), String(a - tier0[i]!)]]));
    expect(pool!.tierDeposits.items.map((d) => [d.tier, d.deposited])).to.deep.equal([
      [0, String(20_000n * E18)],
      [1, String(100_000n * E18)],
    ]);
    expect(pool!.missions.items).to.deep.equal([{ missionId: "4" }]);
    expect(data.settlements.items.filter((x) => x.contract === pool!.address)).to.deep.equal([
      { contract: pool!.address, reason: null, outcomePayment: String(total) },
    ]);
    // The redemption, then the two payers' refunds (6,000.000000000000014 and 44,000.000000000000056): the basket
    // pool of chapter 4b settled earlier, its rows come first (and the classed pool's refund is another contract's).
    const own = data.payouts.items
      .filter((x) => x.contract === pool!.address)
      .map(({ kind, amount }) => ({ kind, amount }));
    expect(own.slice(-3)).to.deep.equal([
      { kind: "redeem", amount: String(100_000n * E18 + total) },
      { kind: "refund", amount: "6000000000000000014000" },
      { kind: "refund", amount: "44000000000000000056000" },
    ]);
  });
});
