import { expect } from "chai";
import { network } from "hardhat";
import { showEscrow } from "../../../scripts/cli/actions/escrow.js";
import { settleScheduledPoint } from "../../../scripts/cli/actions/escrow-scheduled-send.js";
import {
  COHORT_BOND,
  createExampleEscrow,
  depositInto,
  E18,
  failure,
  pastPoint,
  RATE_CARD,
} from "../helpers/scheduled-escrow.js";

describe("escrow:show on a scheduled escrow (issue #12)", function () {
  it("prints each point of the rate-card example: trigger, terms, settled payment or pending, paid vs still possible", async function () {
    const { ethers } = await network.create();
    const [signer, beneficiary] = await ethers.getSigners();
    if (signer === undefined || beneficiary === undefined) throw new Error("no signers");
    const created = await createExampleEscrow(ethers, RATE_CARD);
    const { feed, token, terms, conn, escrow } = created;
    await depositInto(ethers, created, 100_000n * E18);
    await pastPoint(ethers, terms, 0);
    await feed.setFinal(3n, 0, 1, 20n);
    await feed.setFinal(3n, 1, 1, 380n);
    expect(await settleScheduledPoint(conn, escrow, 0)).to.equal(29_000n * E18);

    // Hand-computed: cohort 1 has 20 children reading (20 units × 1,200 = 24,000, under the 30,000 per point) and
    // avoided (400 − 380) × 0.1 = 2 years of special education (2 × 2,500 = 5,000, under key 1's 20,000): 29,000, under
    // the point's 40,000. Still possible overall: min(60,000 cap, 100,000 deposited) − 29,000 = 31,000 (bar 29/60);
    // for cohort 2: min(its 40,000 cap, 31,000) = 31,000. Only tier 1 (the rest after tier 0's 25 % co-payment) was
    // funded: tier 0 pays 25 % of every payment up to its 0, so tier 1 pays all and keeps 100,000 − 29,000 = 71,000.
    const funder = signer.address;
    const header = [
      `escrow      ${escrow} (scheduled: 2 points)`,
      `token       USD (${await token.getAddress()}, 18 decimals)`,
      "mission     3, goal version 1",
      "funding     100000 USD deposited, funding closed 2030-06-30T23:59:59Z; grace 30 d after each point's deadline",
      "caps        overall 60000 USD; keys 0: none, 1: 20000 USD",
      "paid        [████████████░░░░░░░░░░░░]  48.3 %  29000 USD paid, still possible 31000 USD",
      "tiers",
      "  tier 0 co-pay 25 %: committed 0 USD, paid 0 USD, refundable 0 USD until the last point settles (0 USD unused so far)",
      "  tier 1 ordered: committed 100000 USD, paid 29000 USD, refundable 0 USD until the last point settles (71000 USD unused so far)",
      "beneficiaries",
      `  ${beneficiary.address} weight 1 (100 %)`,
      "point 0     deadline 2031-10-31T00:00:00Z, no data after 2031-11-30T00:00:00Z; cap 40000 USD",
      "  trigger   none (always holds)",
      "  term 0    mission 3 goal 0 period 1 key 0: rate card, count, 1200 USD per unit; cap per point 30000 USD",
      "  term 1    mission 3 goal 1 period 1 key 1: rate card, improvement on 400 (falling) × 0.1, 2500 USD per unit; cap per point none, key 1 cap 20000 USD (5000 USD counted so far)",
      "  payment   settled Achieved: paid 29000 USD; cap that bound: None",
      "    term 0: units 20, 24000 USD before caps, 24000 USD after (cap that bound: None)",
      "    term 1: units 2, 5000 USD before caps, 5000 USD after (cap that bound: None)",
      "  paid      [████████████████████████] 100.0 %  29000 USD paid, still possible 0 USD",
      "point 1     deadline 2032-10-31T00:00:00Z, no data after 2032-11-30T00:00:00Z; cap 40000 USD",
      "  trigger   none (always holds)",
      "  term 0    mission 3 goal 0 period 2 key 0: rate card, count, 1200 USD per unit; cap per point 30000 USD",
      "  term 1    mission 3 goal 1 period 2 key 1: rate card, improvement on 400 (falling) × 0.1, 2500 USD per unit; cap per point none, key 1 cap 20000 USD (5000 USD counted so far)",
      "  payment   pending: slot mission 3 goal 0 period 2 (None), mission 3 goal 1 period 2 (None) not final (no data after 2032-11-30T00:00:00Z)",
      "  paid      [░░░░░░░░░░░░░░░░░░░░░░░░]   0.0 %  0 USD paid, still possible 31000 USD",
    ];
    expect((await showEscrow(conn, escrow)).split("\n")).to.deep.equal(header);
    expect((await showEscrow(conn, escrow, funder)).split("\n")).to.deep.equal([
      ...header,
      `account     ${funder}: deposits tier 0 0 USD, tier 1 100000 USD; refundable 0 USD`,
    ]);
    expect((await showEscrow(conn, escrow, beneficiary.address)).split("\n")).to.deep.equal([
      ...header,
      `account     ${beneficiary.address}: deposits tier 0 0 USD, tier 1 0 USD; refundable 0 USD; beneficiary weight 1, claimable 29000 USD, claimed 0 USD`,
    ]);

    // Neither an outcome escrow nor a scheduled one: one line naming the flag.
    const tokenAddress = await token.getAddress();
    expect(await failure(showEscrow(conn, tokenAddress))).to.equal(
      `--escrow: ${tokenAddress} is not an OutcomeEscrow or ScheduledEscrow`,
    );
  });

  it("prints the cohort bond's triggers (each condition holds, fails or is pending) and a curve point's preview", async function () {
    const { ethers } = await network.create();
    const created = await createExampleEscrow(ethers, COHORT_BOND);
    const { feed, token, terms, conn, escrow } = created;
    await depositInto(ethers, created, 100_000n * E18);
    await pastPoint(ethers, terms, 0);
    await feed.setFinal(4n, 0, 1, 510n);
    await feed.setFinal(4n, 1, 1, 570n);
    // Cohort 1 fell from 600 to 510: 90 of the 120 to the target, achievement 0.75 on the point's pot of
    // 40 % × 100,000 = 40,000 → 30,000. Its trigger (≤ 540) holds; the catch-up's second condition (both cohorts
    // ≤ 555) fails at 570, and cohort 2's slot has no data yet.
    const point0 = (payment: string[], paid: string) => [
      "point 0     deadline 2031-12-31T00:00:00Z, no data after 2032-01-30T00:00:00Z; cap none; pot 40 % of the funds",
      "  trigger   all of",
      "    mission 4 goal 0 period 1 <= 540: holds (value 510)",
      "  term 0    mission 4 goal 0 period 1 key 0: curve Linear 600 → 480, weight 100 %, ceiling 100 %; cap per point none",
      ...payment,
      paid,
    ];
    const before = (await showEscrow(conn, escrow)).split("\n");
    expect(
      before.slice(
        before.indexOf(
          "point 0     deadline 2031-12-31T00:00:00Z, no data after 2032-01-30T00:00:00Z; cap none; pot 40 % of the funds",
        ),
        before.indexOf(
          "point 1     deadline 2032-12-31T00:00:00Z, no data after 2033-01-30T00:00:00Z; cap none; pot 40 % of the funds",
        ),
      ),
    ).to.deep.equal(
      point0(
        [
          "  payment   preview now (Achieved): would pay 30000 USD; cap that bound: None",
          "    term 0: units 0.75, 30000 USD before caps, 30000 USD after (cap that bound: None)",
        ],
        "  paid      [░░░░░░░░░░░░░░░░░░░░░░░░]   0.0 %  0 USD paid, still possible 40000 USD",
      ),
    );
    expect(await settleScheduledPoint(conn, escrow, 0)).to.equal(30_000n * E18);

    // After it: 30,000 paid of 100,000; still possible min(100,000 − 30,000, cohort 2's 40,000 + the catch-up's
    // 80 % × 100,000 − 30,000 = 50,000) = 70,000 (bar 30 / 100).
    expect((await showEscrow(conn, escrow)).split("\n")).to.deep.equal([
      `escrow      ${escrow} (scheduled: 3 points)`,
      `token       USD (${await token.getAddress()}, 18 decimals)`,
      "mission     4, goal version 1",
      "funding     100000 USD deposited, funding closed 2030-06-30T23:59:59Z; grace 30 d after each point's deadline",
      "caps        overall none; keys 0: none, 1: none",
      "paid        [███████░░░░░░░░░░░░░░░░░]  30.0 %  30000 USD paid, still possible 70000 USD",
      "tiers",
      "  tier 0 ordered: committed 100000 USD, paid 30000 USD, refundable 0 USD until the last point settles (70000 USD unused so far)",
      "beneficiaries",
      "  0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC weight 1 (100 %)",
      ...point0(
        [
          "  payment   settled Achieved: paid 30000 USD; cap that bound: None",
          "    term 0: units 0.75, 30000 USD before caps, 30000 USD after (cap that bound: None)",
        ],
        "  paid      [████████████████████████] 100.0 %  30000 USD paid, still possible 0 USD",
      ),
      "point 1     deadline 2032-12-31T00:00:00Z, no data after 2033-01-30T00:00:00Z; cap none; pot 40 % of the funds",
      "  trigger   all of",
      "    mission 4 goal 0 period 2 <= 540: pending (None)",
      "  term 0    mission 4 goal 0 period 2 key 0: curve Linear 600 → 480, weight 100 %, ceiling 100 %; cap per point none",
      "  payment   pending: slot mission 4 goal 0 period 2 (None) not final (no data after 2033-01-30T00:00:00Z)",
      "  paid      [░░░░░░░░░░░░░░░░░░░░░░░░]   0.0 %  0 USD paid, still possible 40000 USD",
      "point 2     deadline 2033-06-30T00:00:00Z, no data after 2033-07-30T00:00:00Z; cap none; cumulative (true-up); pot 80 % of the funds",
      "  trigger   any of",
      "    mission 4 goal 0 period 1 <= 540: holds (value 510)",
      "    mission 4 goal 1 period 1 <= 555: fails (value 570)",
      "  term 0    mission 4 goal 0 period 1 key 0: curve Linear 600 → 480, weight 50 %, ceiling 100 %; cap per point none",
      "  term 1    mission 4 goal 0 period 2 key 1: curve Linear 600 → 480, weight 50 %, ceiling 100 %; cap per point none",
      "  payment   pending: point 2 is cumulative and needs every earlier point settled; point 1 is not (EarlierPointOpen)",
      "  paid      [░░░░░░░░░░░░░░░░░░░░░░░░]   0.0 %  0 USD paid, still possible 50000 USD",
    ]);
  });
});
