import { expect } from "chai";
import { type ExportResult, type Row } from "../../../scripts/open-data/index.js";
import { exportedStory } from "../helpers/open-data-story.js";

const WAD = 10n ** 18n;
const E18 = 10n ** 18n;
const sum = (rows: Row[], pick: (r: Row) => boolean): bigint =>
  rows.filter(pick).reduce((acc, r) => acc + BigInt(r.amount as bigint), 0n);

describe("open-data exporter: the tables equal the contracts' views", function () {
  let world: Awaited<ReturnType<typeof exportedStory>>["world"];
  let full: ExportResult;
  let addresses: Awaited<ReturnType<typeof exportedStory>>["addresses"];

  before(async function () {
    ({ world, full, addresses } = await exportedStory());
  });

  it("discovers every escrow clone from the factory's events", async function () {
    expect(full.manifest.contracts.escrows).to.deep.equal(
      await world.factory.escrows(0, await world.factory.escrowCount()),
    );
    expect(full.tables.escrows).to.have.length(2);
  });

  it("escrow totals from events equal the on-chain balances and views, to the wei", async function () {
    const t = full.tables;
    for (const escrow of world.escrows) {
      const address = await escrow.getAddress();
      const row = t.escrows.find((e) => e.escrow === address)!;
      const deposited = sum(t.deposits, (d) => d.contract === address);
      const claimed = sum(t.payouts, (p) => p.contract === address && p.kind === "claim");
      const refunded = sum(t.payouts, (p) => p.contract === address && p.kind === "refund");
      const balance = await world.token.balanceOf(address);
      expect(deposited - claimed - refunded).to.equal(balance);
      expect(row.balance).to.equal(balance);
      const [totalDeposited, beneficiaryPot, refundPot, compositeWad] = await escrow.totals();
      expect(row.totalDeposited).to.equal(totalDeposited);
      expect(row.status).to.equal(["Open", "Achieved", "Refunding"][Number(await escrow.status())]);
      if (row.status !== "Open") {
        expect(row.beneficiaryPot).to.equal(beneficiaryPot);
        expect(row.refundPot).to.equal(refundPot);
        expect(row.compositeWad).to.equal(compositeWad);
      }
      // Per funder: credited deposits minus refunds equal depositOf (0 after a refund).
      for (const funder of new Set(t.deposits.filter((d) => d.contract === address).map((d) => d.account as string))) {
        const credited = sum(t.deposits, (d) => d.contract === address && d.account === funder);
        const refundedTo = sum(t.payouts, (p) => p.contract === address && p.account === funder && p.kind === "refund");
        expect(refundedTo === 0n ? credited : 0n).to.equal(await escrow.depositOf(funder));
      }
      const terms = await escrow.terms();
      const outcomes = t.escrow_outcomes.filter((o) => o.escrow === address);
      expect(outcomes.map((o) => [o.goalId, o.weightWad, o.curveKind])).to.deep.equal(
        terms.outcomes.map((o) => [Number(o.goalId), o.weightWad, "linear"]),
      );
      const bens = t.escrow_beneficiaries.filter((b) => b.escrow === address);
      expect(bens.map((b) => [b.account, b.weight])).to.deep.equal(
        terms.beneficiaries.map((b) => [b.account, b.weight]),
      );
    }
    const payer = t.deposits.find((d) => d.payer !== d.account)!;
    expect(payer.amount).to.equal(5n * E18);
  });

  it("discovers the pool and rebuilds its terms from PoolCreated", async function () {
    const t = full.tables;
    const address = await world.pool.getAddress();
    expect(full.manifest.contracts.pools).to.deep.equal([address]);
    expect(await world.poolFactory.poolAt(0)).to.equal(address);
    const row = t.pools[0]!;
    const c = await world.pool.config();
    expect([row.token, row.capitalTarget, row.fundCap, row.raiseDeadline, row.settlementDeadline]).to.deep.equal([
      c.token,
      c.capitalTarget,
      c.fundCap,
      c.raiseDeadline,
      c.settlementDeadline,
    ]);
    expect([
      row.gracePeriod,
      row.repaymentThresholdWad,
      row.repaymentPrincipalAtWad,
      row.repaymentMaxReturnWad,
    ]).to.deep.equal([c.gracePeriod, c.repayment.thresholdWad, c.repayment.principalAtWad, c.repayment.maxReturnWad]);
    expect([row.name, row.symbol, row.outcomeCount, row.trancheCount, row.providerCount]).to.deep.equal([
      await world.pool.name(),
      await world.pool.symbol(),
      2,
      3,
      2,
    ]);
    const outcomes = t.pool_outcomes.filter((o) => o.pool === address);
    expect(
      outcomes.map((o) => [o.missionId, o.goalId, o.period, o.weightWad, o.curveKind, o.baseline, o.target]),
    ).to.deep.equal([
      [world.missions[0], 0, 1, WAD / 2n, "linear", 624n, 750n],
      [world.missions[0], 1, 1, WAD / 2n, "linear", 38n, 55n],
    ]);
    // Tranche amounts from the terms, and the disbursed bits from the events, equal the pool's state.
    const st = await world.pool.state();
    const tranches = t.pool_tranches.filter((r) => r.pool === address);
    expect(tranches.map((r) => r.disbursed)).to.deep.equal(
      [0, 1, 2].map((i) => ((st.disbursedTranches >> BigInt(i)) & 1n) === 1n),
    );
    expect(tranches.map((r) => r.disbursed)).to.deep.equal([true, true, false]);
    expect(sum(tranches, (r) => r.disbursed === true)).to.equal(st.disbursed);
    expect(tranches[1]).to.include({ hasMilestone: true, minValue: 600n, goalId: 0, period: 1 });
  });

  it("pool flows from events equal the pool's balance, state and share balances, to the wei", async function () {
    const t = full.tables;
    const address = await world.pool.getAddress();
    const row = t.pools.find((p) => p.pool === address)!;
    const ins = t.deposits.filter((d) => d.contract === address);
    const outs = t.payouts.filter((p) => p.contract === address);
    expect(ins.every((d) => d.contractKind === "pool")).to.equal(true);
    expect(new Set(ins.map((d) => d.kind))).to.deep.equal(new Set(["invest", "commit"]));
    expect(new Set(outs.map((p) => p.kind))).to.deep.equal(new Set(["disburse", "redeem", "refund"]));
    const balance = await world.token.balanceOf(address);
    expect(sum(ins, () => true) - sum(outs, () => true)).to.equal(balance);
    expect(row.balance).to.equal(balance);
    const st = await world.pool.state();
    expect(row.phase).to.equal(["Raising", "Funded", "RaiseFailed", "Settled"][Number(st.phase)]);
    expect(row.phase).to.equal("Settled");
    expect(sum(ins, (d) => d.kind === "invest")).to.equal((await world.pool.config()).capitalTarget);
    expect(row.totalInvested).to.equal(sum(ins, (d) => d.kind === "invest"));
    expect(row.totalCommitted).to.equal(sum(ins, (d) => d.kind === "commit"));
    expect(row.totalDisbursed).to.equal(st.disbursed);
    expect(row.compositeWad).to.equal(st.compositeWad);
    expect(row.outcomePayment).to.equal(st.outcomePayment);
    expect(row.resolution).to.equal("Achieved");
    expect((row.investorPot as bigint) - row.totalRedeemed).to.equal(st.investorPotRemaining);
    expect((row.refundPot as bigint) - row.totalRefunded).to.equal(st.refundPotRemaining);
    expect((row.investorPot as bigint) + (row.refundPot as bigint)).to.equal(
      row.totalInvested - row.totalDisbursed + row.totalCommitted,
    );
    expect(row.sharesOutstanding).to.equal(st.totalShares);
    expect(row.sharesOutstanding).to.equal(await world.pool.totalSupply());
    const settlement = t.settlements.find((s) => s.contract === address)!;
    expect(settlement).to.include({ contractKind: "pool", reason: "Achieved", outcomePayment: st.outcomePayment });
    expect(settlement.multipleWad).to.be.a("bigint");
    // Shares per holder, from pool_share_transfers alone, equal balanceOf; the one transfer is there.
    const transfers = t.pool_share_transfers.filter((r) => r.pool === address);
    expect(transfers.filter((r) => r.kind === "transfer")).to.have.length(1);
    for (const holder of world.holders) {
      const held =
        transfers.filter((r) => r.to === holder).reduce((a, r) => a + r.shares, 0n) -
        transfers.filter((r) => r.from === holder).reduce((a, r) => a + r.shares, 0n);
      expect(held, holder).to.equal(await world.pool.balanceOf(holder));
    }
    const burned = transfers.filter((r) => r.kind === "burn").reduce((a, r) => a + r.shares, 0n);
    expect(burned).to.equal(outs.filter((p) => p.kind === "redeem").reduce((a, p) => a + (p.shares as bigint), 0n));
    // Per payer: commitments minus refunds; a payer who has not refunded still has the full commitment.
    for (const payer of world.payers) {
      const refunded = sum(outs, (p) => p.kind === "refund" && p.account === payer);
      const committed = sum(ins, (d) => d.kind === "commit" && d.account === payer);
      expect(refunded === 0n ? committed : 0n).to.equal(await world.pool.commitmentOf(payer));
    }
  });

  it("missions, goals and participants equal the registry views", async function () {
    const t = full.tables;
    expect(BigInt(t.missions.length)).to.equal(await world.registry.missionCount());
    for (const m of t.missions) {
      const view = await world.registry.getMission(m.missionId);
      expect(m.participantCount).to.equal(Number(view.participantCount));
      expect(m.goalCount).to.equal(Number(view.goalCount));
      expect(m.versionCount).to.equal(Number(view.versionCount));
      expect(m.steward).to.equal(view.steward);
      expect(m.status).to.equal("Active");
      expect(await world.registry.missionIdOf(m.hashtag)).to.equal(m.missionId);
    }
    for (const g of t.goals) {
      const goal = await world.registry.getGoal(g.missionId as bigint, g.goalId as number);
      expect([g.baseline, g.target, g.firstPeriodEnd, g.periodCount, g.decimals]).to.deep.equal([
        goal.baseline,
        goal.target,
        goal.firstPeriodEnd,
        Number(goal.periodCount),
        Number(goal.decimals),
      ]);
    }
    for (const p of t.participants) {
      const view = await world.registry.getParticipant(p.missionId, p.account);
      expect([p.roles, p.pledgeCount, p.endorsementsReceived, p.endorsementsGiven]).to.deep.equal([
        Number(view.roles),
        Number(view.pledgeCount),
        Number(view.endorsementsReceived),
        Number(view.endorsementsGiven),
      ]);
    }
    expect(t.pledges).to.have.length(2);
    expect(t.endorsements).to.have.length(2);
  });

  it("metric values, reports, disputes and bonds equal the oracle views", async function () {
    const t = full.tables;
    const STATUS = ["None", "Collecting", "Proposed", "Disputed", "Final", "Unresolved"];
    for (const s of t.metric_values) {
      const [missionId, goalId, period] = [s.missionId, s.goalId, s.period];
      expect(s.status).to.equal(STATUS[Number(await world.oracle.slotStatus(missionId, 1, goalId, period))]);
      if (s.status === "Final") {
        const [value, finalizedAt] = await world.oracle.finalValue(missionId, 1, goalId, period);
        expect(s.finalValue).to.equal(value);
        expect(BigInt(s.finalizedAt as number)).to.equal(finalizedAt);
      }
      expect(s.reportCount).to.equal(Number((await world.oracle.getSlot(missionId, 1, goalId, period)).reportCount));
    }
    expect(t.metric_values.filter((s) => s.status === "Final")).to.have.length(2);
    expect(t.reports).to.have.length(5);
    expect(t.reports.filter((r) => r.via !== r.reporter)).to.have.length(4); // relayed
    expect(t.disputes).to.have.length(1);
    expect(t.disputes[0]).to.include({ outcome: "resolved", disputerWon: false });
    const bondToken = await world.bond.getAddress();
    const held = sum(t.bonds, (b) => b.kind === "posted") - sum(t.bonds, (b) => b.kind === "withdrawn");
    expect(held).to.equal(await world.oracle.bondsHeld(bondToken));
    expect(held).to.equal(await world.bond.balanceOf(addresses.oracle));
    expect(t.committees.map((c) => [c.missionId, c.quorum, c.size])).to.deep.equal([
      [world.missions[0], 2, 3],
      [world.missions[1], 2, 3],
    ]);
  });
});
