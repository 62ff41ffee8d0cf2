// The `/accounts` arithmetic of a scheduled pool's payer (indexer/src/api/positions.ts): its refund per payer tier,
// as `ImpactPool.previewRefund` computes it (Σ over tiers of ScheduleLib.payerRefund), not pro rata over the whole
// outcome fund. Pure: figures of the demo's yearly pool (chapter 6d), hand-computed.
import { expect } from "chai";
import { scheduledPoolRefundable, type PositionState } from "../../../indexer/src/api/positions.js";

const E18 = 10n ** 18n;
const position = (committed: bigint): PositionState => ({
  deposited: 0n,
  weight: 0n,
  claimed: 0n,
  committed,
  shares: 0n,
});

describe("indexer /accounts: a scheduled pool payer's refund per tier", function () {
  // The yearly pool: tier 0 (a 20 % co-payer) committed 20,000, tier 1 100,000; the three points paid tier 0
  // 3,999.999999999999996 + 7,999.999999999999992 + 1,999.999999999999998 = 13,999.999999999999986 and tier 1
  // 69,999.99999999999993 − 13,999.999999999999986 = 55,999.999999999999944.
  const tier0 = { committed: 20_000n * E18, paid: 13_999_999999999999986000n };
  const tier1 = { committed: 100_000n * E18, paid: 55_999_999999999999944000n };

  it("refunds the co-payer its own tier's unused commitment: 20,000 − 13,999.999999999999986", function () {
    const got = scheduledPoolRefundable(position(20_000n * E18), "Settled", [
      { ...tier0, own: 20_000n * E18 },
      { ...tier1, own: 0n },
    ]);
    expect(got).to.equal(6_000_000000000000014000n);
    // Pro rata over the whole fund it would have been 50,000.00000000000007 × 20,000 / 120,000 = 8,333.33…
    expect(got).to.not.equal((50_000_000000000000070000n * 20_000n) / 120_000n);
  });

  it("splits a tier's unused commitment among its payers, rounded down: 44,000.000000000000056 × 33,333 / 100,000", function () {
    const got = scheduledPoolRefundable(position(33_333n * E18), "Settled", [
      { ...tier0, own: 0n },
      { ...tier1, own: 33_333n * E18 },
    ]);
    // 44,000,000,000,000,000,056,000 × 33,333 / 100,000 = 14,666,520,000,000,000,018,666.48 → …18,666.
    expect(got).to.equal(14_666_520000000000018666n);
  });

  it("adds both tiers for a payer in both", function () {
    const got = scheduledPoolRefundable(position(70_000n * E18), "Settled", [
      { ...tier0, own: 20_000n * E18 },
      { ...tier1, own: 50_000n * E18 },
    ]);
    expect(got).to.equal(6_000_000000000000014000n + 22_000_000000000000028000n);
  });

  it("owes nothing before settlement or once the payer has refunded (its open commitment is then 0)", function () {
    const tiers = [
      { ...tier0, own: 20_000n * E18 },
      { ...tier1, own: 0n },
    ];
    expect(scheduledPoolRefundable(position(20_000n * E18), "Funded", tiers)).to.equal(0n);
    expect(scheduledPoolRefundable(position(0n), "Settled", tiers)).to.equal(0n);
  });
});
