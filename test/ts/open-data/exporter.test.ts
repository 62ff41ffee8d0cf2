import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { ZeroAddress, formatUnits, id } from "ethers";
import type { Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { CliError } from "../../../scripts/core/cli.js";
import { loadMissionDoc } from "../../../scripts/formats/mission-doc.js";
import { createMissionFromDoc } from "../../../scripts/core/mission-ops.js";
import { relaySignedReports, signReports } from "../../../scripts/reporter/reporter.js";
import { curveOf } from "../../../scripts/formats/outcome-terms.js";
import { encodeBasket, encodeSchedule, type PoolTermsStruct } from "../../../scripts/formats/pool-terms.js";
import { humanRow } from "../../../scripts/open-data/tables.js";
import {
  TABLES,
  exportOpenData,
  writeOpenData,
  type ExportResult,
  type Row,
  type TableName,
} from "../../../scripts/open-data/index.js";
import { parseExportArgs, runExport, type ExportArgs } from "../../../scripts/cli/actions/data.js";
import { deployPoolFactory } from "../../../scripts/core/pool-factory.js";

const WAD = 10n ** 18n;
const E18 = 10n ** 18n;
const MNEMONIC = "test test test test test test test test test test test junk";
const sum = (rows: Row[], pick: (r: Row) => boolean): bigint =>
  rows.filter(pick).reduce((acc, r) => acc + BigInt(r.amount as bigint), 0n);

/**
 * A compact story on the in-process network: two missions, participants, pledges and endorsements, a 2-of-3
 * committee, two escrows (one settled and partly paid out, one still open), signed reports relayed in a batch, a
 * dispute resolved by the arbiter, a finalised value and a withdrawn bond; and an impact pool over the two reading
 * slots: invested to target, committed, one share transfer, two tranches disbursed (one on a milestone), one never
 * due, settled, partly redeemed and partly refunded.
 */
async function story() {
  const conn = await network.create();
  const { ethers, networkHelpers, viem } = conn;
  const s = await ethers.getSigners();
  const at = (i: number) => {
    const signer = s[i];
    if (signer === undefined) throw new Error("need 12 signers");
    return signer;
  };
  const [steward, arbiter, e1, e2, e3, b1, b2, f1, f2, f3, f4, disputer] = [
    at(0),
    at(1),
    at(2),
    at(3),
    at(4),
    at(5),
    at(6),
    at(7),
    at(8),
    at(9),
    at(10),
    at(11),
  ];
  const registry = await ethers.deployContract("MissionRegistry");
  const oracle = await ethers.deployContract("MetricOracle", [await registry.getAddress()]);
  const factory = await ethers.deployContract("OutcomeEscrowFactory", [
    await registry.getAddress(),
    await oracle.getAddress(),
  ]);
  const poolFactory = await deployPoolFactory(ethers, await registry.getAddress(), await oracle.getAddress());
  const token = await ethers.deployContract("MockERC20", ["Pound", "GBP", 18]);
  const bond = await ethers.deployContract("MockERC20", ["Bond", "BND", 18]);
  const now = await networkHelpers.time.latest();
  const ids: bigint[] = [];
  for (const file of ["examples/missions/reading-for-all.json", "examples/missions/healthy-ageing.json"]) {
    const loaded = loadMissionDoc(file, { now });
    const asSteward = registry.connect(steward);
    const missionId = await createMissionFromDoc(asSteward, loaded, { steward: steward.address, uri: "ipfs://x" });
    await (await asSteward.activate(missionId)).wait();
    ids.push(missionId);
  }
  const [m1, m2] = ids as [bigint, bigint];
  for (const [who, mission, roles] of [
    [b1, m1, 2],
    [b2, m1, 2],
    [f1, m1, 1],
    [f2, m1, 1],
    [f1, m1, 17],
    [e1, m1, 4],
    [f3, m2, 1],
  ] as const) {
    await (await registry.connect(who).join(mission, roles)).wait();
  }
  await (await registry.connect(b1).pledge(m1, "ipfs://pledge", id("buddies"))).wait();
  await (await registry.connect(b1).pledge(m1, "", id("more buddies"))).wait();
  await (await registry.connect(f1).endorse(m1, b1.address, id("buddies"))).wait();
  await (await registry.connect(e1).endorse(m1, b1.address, id("buddies"))).wait();
  await (await registry.connect(steward).transferSteward(m2, arbiter.address)).wait();

  for (const mission of [m1, m2]) {
    const who = mission === m1 ? steward : arbiter;
    await (
      await oracle.connect(who).setCommittee(mission, {
        members: [e1.address, e2.address, e3.address],
        quorum: 2,
        challengeWindow: 86_400,
        bondToken: await bond.getAddress(),
        bondAmount: 100n * E18,
        // The arbiter may not be the mission's steward: mission 2 (stewarded by `arbiter`) is arbitrated by `steward`.
        arbiter: mission === m1 ? arbiter.address : steward.address,
        adapter: ZeroAddress,
      })
    ).wait();
  }

  const [periodEnd, reportingDeadline] = await registry.periodWindow(m1, 0, 1);
  // The factories' no-data cut-off: settlement deadline + grace ≥ a slot's reporting deadline + the pinned committee
  // version's challenge window + arbitration period (oracle.slotTimeline), for every slot the terms read.
  let settledBy = 0n;
  for (const goalId of [0, 1]) {
    const [deadline, challengeWindow, arbitrationPeriod] = await oracle.slotTimeline(m1, 1, goalId, 1);
    const t = deadline + challengeWindow + arbitrationPeriod;
    if (t > settledBy) settledBy = t;
  }
  const graceFor = (settlementDeadline: bigint) =>
    settledBy > settlementDeadline ? settledBy - settlementDeadline : 0n;
  const terms = (mission: bigint, beneficiaries: { account: string; weight: bigint }[]) => ({
    token: token.getAddress(),
    missionId: mission,
    goalVersion: 1,
    fundingDeadline: BigInt(now) + 86_400n,
    minFunding: 0n,
    settlementDeadline: reportingDeadline + 86_400n,
    gracePeriod: graceFor(reportingDeadline + 86_400n),
    outcomes: [
      {
        missionId: mission,
        goalId: 0,
        period: 1,
        weightWad: WAD / 2n,
        curve: curveOf({ kind: "linear", baseline: 624, target: 750 }),
      },
      {
        missionId: mission,
        goalId: 1,
        period: 1,
        weightWad: WAD / 2n,
        curve: curveOf({ kind: "linear", baseline: 38, target: 55 }),
      },
    ],
    beneficiaries,
  });
  const escrows = [];
  for (const t of [
    terms(m1, [
      { account: b1.address, weight: 2n },
      { account: b2.address, weight: 1n },
    ]),
    terms(m1, [{ account: b2.address, weight: 1n }]),
  ]) {
    const resolved = { ...t, token: await t.token };
    const address = await factory.createEscrow.staticCall(resolved);
    await (await factory.createEscrow(resolved)).wait();
    escrows.push(await ethers.getContractAt("OutcomeEscrow", address));
  }
  const [escrowA, escrowB] = escrows as [(typeof escrows)[number], (typeof escrows)[number]];
  const deposits: [typeof f1, typeof escrowA, bigint][] = [
    [f1, escrowA, 1_000n * E18 + 7n],
    [f2, escrowA, 333n * E18],
    [f3, escrowA, 1n],
    [f1, escrowA, 10n * E18],
    [f4, escrowB, 500n * E18],
  ];
  for (const [funder, escrow, amount] of deposits) {
    await (await token.mint(funder.address, amount)).wait();
    await (await token.connect(funder).approve(await escrow.getAddress(), amount)).wait();
    await (await escrow.connect(funder).deposit(amount)).wait();
  }
  // depositFor: f4 pays, f2 is credited.
  await (await token.mint(f4.address, 5n * E18)).wait();
  await (await token.connect(f4).approve(await escrowA.getAddress(), 5n * E18)).wait();
  await (await escrowA.connect(f4).depositFor(f2.address, 5n * E18)).wait();

  // An impact pool on the two reading slots: f1 and f2 invest to the target, f3 and f4 commit the outcome fund.
  const poolNow = BigInt(await networkHelpers.time.latest());
  const basket = [0, 1].map((goalId) => ({
    missionId: m1,
    version: 1,
    goalId,
    period: 1,
    weightWad: WAD / 2n,
    curve:
      goalId === 0
        ? curveOf({ kind: "linear", baseline: 624, target: 750 })
        : curveOf({ kind: "linear", baseline: 38, target: 55 }),
  }));
  const schedule = {
    providers: [b1.address, b2.address],
    tranches: [
      {
        provider: 0,
        dueAt: poolNow + 10n,
        shareBps: 4_000,
        hasMilestone: false,
        missionId: 0n,
        goalId: 0,
        period: 0,
        minValue: 0n,
      },
      {
        provider: 1,
        dueAt: periodEnd,
        shareBps: 3_333,
        hasMilestone: true,
        missionId: m1,
        goalId: 0,
        period: 1,
        minValue: 600n,
      },
      {
        provider: 1,
        dueAt: periodEnd + 3n * 86_400n,
        shareBps: 1_000,
        hasMilestone: false,
        missionId: 0n,
        goalId: 0,
        period: 0,
        minValue: 0n,
      },
    ],
  };
  const poolTerms: PoolTermsStruct = {
    name: "Reading Bond",
    symbol: "RB1",
    token: await token.getAddress(),
    capitalTarget: 1_000n * E18 + 3n,
    raiseDeadline: poolNow + 86_400n,
    fundCap: 800n * E18,
    settlementDeadline: periodEnd + 3n * 86_400n,
    gracePeriod: graceFor(periodEnd + 3n * 86_400n),
    repayment: { thresholdWad: WAD / 5n, principalAtWad: WAD / 2n, maxReturnWad: WAD / 4n },
    schedule,
    basket,
  };
  const poolAddress = await poolFactory.connect(f3).createPool.staticCall(poolTerms);
  await (await poolFactory.connect(f3).createPool(poolTerms)).wait();
  const pool = await ethers.getContractAt("ImpactPool", poolAddress);
  const fund = async (who: typeof f1, amount: bigint) => {
    await (await token.mint(who.address, amount)).wait();
    await (await token.connect(who).approve(poolAddress, amount)).wait();
  };
  await fund(f1, 700n * E18);
  await (await pool.connect(f1).invest(700n * E18)).wait();
  await fund(f2, 400n * E18); // clamped: only 300 + 3 wei are left of the target
  await (await pool.connect(f2).invest(400n * E18)).wait();
  await fund(f3, 500n * E18);
  await (await pool.connect(f3).commit(500n * E18)).wait();
  await fund(f4, 250n * E18 + 1n);
  await (await pool.connect(f4).commit(250n * E18 + 1n)).wait();
  await networkHelpers.time.increase(11);
  await (await pool.disburse(0, encodeSchedule(schedule))).wait();
  await (await pool.connect(f1).transfer(b2.address, 123n * E18 + 7n)).wait();

  // A lone direct report on mission 2 (quorum 2): no quorum by the deadline, recorded as Unresolved.
  const [end2, deadline2] = await registry.periodWindow(m2, 0, 1);
  await networkHelpers.time.increaseTo(end2 + 1n);
  await (
    await oracle
      .connect(e1)
      .report({ missionId: m2, version: 1, goalId: 0, period: 1, value: 200n, evidenceHash: id("x") })
  ).wait();
  await networkHelpers.time.increaseTo(deadline2 + 1n);
  await (await oracle.markUnresolved(m2, 1, 0, 1)).wait();

  // Signed reports, relayed in one batch.
  await networkHelpers.time.increaseTo(periodEnd + 1n);
  const chainId = BigInt(await viem.getPublicClient().then((c) => c.getChainId()));
  const domain = { chainId, oracle: (await oracle.getAddress()) as Address };
  const acct = (i: number) => mnemonicToAccount(MNEMONIC, { addressIndex: i });
  const r = (goalId: number, value: bigint) => ({
    missionId: m1,
    version: 1,
    goalId,
    period: 1,
    value,
    evidenceHash: id("e") as `0x${string}`,
  });
  const deadline = periodEnd + 86_400n * 30n;
  const batch = [
    ...(await signReports(acct(2), domain, [r(0, 700n), r(1, 50n)], 0n, deadline)),
    ...(await signReports(acct(3), domain, [r(0, 690n)], 0n, deadline)),
    ...(await signReports(acct(4), domain, [r(1, 44n)], 0n, deadline)),
  ];
  const [wallet] = await viem.getWalletClients();
  await relaySignedReports(wallet!, await viem.getPublicClient(), domain.oracle, batch, 3);

  // Dispute goal 1, arbiter resolves with the proposed value: the bond goes to the steward.
  await (await bond.mint(disputer.address, 100n * E18)).wait();
  await (await bond.connect(disputer).approve(await oracle.getAddress(), 100n * E18)).wait();
  await (await oracle.connect(disputer).dispute(m1, 1, 1, 1)).wait();
  const proposed = (await oracle.getSlot(m1, 1, 1, 1)).value;
  await (await oracle.connect(arbiter).resolve(m1, 1, 1, 1, proposed)).wait();
  await (await oracle.connect(steward).withdrawBond(await bond.getAddress())).wait();
  await networkHelpers.time.increase(86_401);
  await (await oracle.finalize(m1, 1, 0, 1)).wait();

  // The pool: the milestone tranche, settlement, redemptions and a refund; tranche 2 is never disbursed.
  await (await pool.disburse(1, encodeSchedule(schedule))).wait();
  await networkHelpers.time.increaseTo(poolTerms.settlementDeadline);
  await (await pool.settle(encodeBasket(basket))).wait();
  await (await pool.connect(f1).redeem(await pool.balanceOf(f1.address))).wait();
  await (await pool.connect(b2).redeem(50n * E18)).wait();
  await (await pool.connect(f3).refund()).wait();

  // Settle A; one beneficiary claims, two funders refund; B stays open… then is left as it is.
  await (await escrowA.settle()).wait();
  await (await escrowA.connect(b1).claim()).wait();
  await (await escrowA.refundFor(f1.address)).wait();
  await (await escrowA.connect(f2).refund()).wait();
  return {
    conn,
    registry,
    oracle,
    factory,
    poolFactory,
    pool,
    token,
    bond,
    escrows,
    missions: [m1, m2],
    escrowA,
    escrowB,
    holders: [f1.address, f2.address, b2.address],
    payers: [f3.address, f4.address],
  };
}

describe("open-data exporter", function () {
  let world: Awaited<ReturnType<typeof story>>;
  let full: ExportResult;
  let addresses: { registry: Address; oracle: Address; escrowFactory: Address; poolFactory: Address };

  before(async function () {
    world = await story();
    addresses = {
      registry: (await world.registry.getAddress()) as Address,
      oracle: (await world.oracle.getAddress()) as Address,
      escrowFactory: (await world.factory.getAddress()) as Address,
      poolFactory: (await world.poolFactory.getAddress()) as Address,
    };
    full = await exportOpenData(await world.conn.viem.getPublicClient(), addresses);
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

  it("chunked fetching (1, 2 and 3 blocks per request) gives the same tables as one range", async function () {
    const client = await world.conn.viem.getPublicClient();
    for (const chunkSize of [1n, 2n, 3n]) {
      const chunked = await exportOpenData(client, addresses, { chunkSize });
      expect(chunked.tables).to.deep.equal(full.tables);
      expect(chunked.manifest.logCount).to.equal(full.manifest.logCount);
      expect(chunked.manifest.requests).to.be.greaterThan(full.manifest.requests);
    }
  });

  it("a block range exports only the events inside it", async function () {
    const client = await world.conn.viem.getPublicClient();
    const firstDeposit = full.tables.deposits[0]!.blockNumber;
    const part = await exportOpenData(client, addresses, { toBlock: firstDeposit, timestamps: false });
    expect(part.tables.deposits).to.have.length(1);
    expect(part.tables.payouts).to.have.length(0);
    expect(part.tables.pools).to.have.length(0);
    expect(part.tables.pledges[0]!.timestamp).to.equal(null);
  });

  it("writes JSON, CSV and a manifest whose row counts match", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "open-data-"));
    const files = writeOpenData(dir, full);
    const tables = Object.keys(TABLES) as TableName[];
    expect(files).to.have.length(tables.length * 2 + 1);
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as {
      chainId: number;
      tables: Record<string, { rows: number }>;
    };
    expect(manifest.chainId).to.equal(31337);
    for (const table of tables) {
      const json = JSON.parse(readFileSync(path.join(dir, `${table}.json`), "utf8")) as unknown[];
      const csv = readFileSync(path.join(dir, `${table}.csv`), "utf8")
        .trimEnd()
        .split("\n");
      expect(json).to.have.length(full.tables[table].length);
      expect(manifest.tables[table]!.rows).to.equal(json.length);
      expect(csv[0]).to.equal(TABLES[table].columns.map(([c]) => c).join(","));
      expect(csv.length).to.equal(json.length + 1);
    }
  });

  it("writes a whole-token column after each amount and an ISO column after each unix time, keeping the exact ones", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "open-data-human-"));
    writeOpenData(dir, full);
    const read = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    const manifest = read("manifest.json") as { tokens: Record<string, { decimals: number; symbol: string | null }> };
    const gbp = full.tables.escrows[0]!.token;
    expect(manifest.tokens[gbp]).to.deep.equal({ decimals: 18, symbol: "GBP" });
    expect(manifest.tokens[full.tables.bonds[0]!.token]).to.deep.equal({ decimals: 18, symbol: "BND" });
    const whole = (v: bigint) => formatUnits(v, 18).replace(/\.0$/, "");
    const iso = (t: bigint | null) =>
      t === null ? null : new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");
    const deposits = read("deposits.json") as Record<string, unknown>[];
    expect(deposits).to.have.length(full.tables.deposits.length);
    for (const [i, row] of full.tables.deposits.entries()) {
      const written = deposits[i]!;
      expect(written.amount).to.equal(row.amount.toString()); // the exact base units stay
      expect(written.amount_tokens).to.equal(whole(row.amount));
      expect(written.timestamp_iso).to.equal(iso(row.timestamp));
      const keys = Object.keys(written);
      expect(keys.indexOf("amount_tokens")).to.equal(keys.indexOf("amount") + 1);
      expect(keys.indexOf("timestamp_iso")).to.equal(keys.indexOf("timestamp") + 1);
    }
    const payouts = read("payouts.json") as Record<string, unknown>[];
    for (const [i, row] of full.tables.payouts.entries()) {
      expect(payouts[i]!.amount_tokens).to.equal(whole(row.amount));
      expect(payouts[i]!.shares_tokens).to.equal(row.shares === null ? null : whole(row.shares));
    }
    const escrows = read("escrows.json") as Record<string, unknown>[];
    expect(escrows[0]!.fundingDeadline_iso).to.equal(iso(full.tables.escrows[0]!.fundingDeadline));
    expect(escrows[0]!.totalDeposited_tokens).to.equal(whole(full.tables.escrows[0]!.totalDeposited));
    const header = readFileSync(path.join(dir, "deposits.csv"), "utf8").split("\n")[0]!;
    expect(header).to.include("amount,amount_tokens").and.include("timestamp,timestamp_iso");
  });

  it("the human columns: exact whole tokens of any decimals, empty for an unknown token or an empty cell", function () {
    const units = {
      decimalsOf: (token: string) => (token === "0xUSD" ? 6 : undefined),
      tokenOfContract: (contract: string) => (contract === "0xPool" ? "0xUSD" : undefined),
    };
    const deposit = { contract: "0xPool", amount: 1_000_500_000n, timestamp: 1_909_871_999n, blockNumber: 1n };
    expect(humanRow("deposits", deposit, units)).to.deep.equal({
      contract: "0xPool",
      amount: 1_000_500_000n,
      amount_tokens: "1000.5",
      timestamp: 1_909_871_999n,
      timestamp_iso: "2030-07-09T23:59:59Z",
      blockNumber: 1n,
    });
    expect(humanRow("deposits", { ...deposit, contract: "0xOther", timestamp: null }, units)).to.deep.include({
      amount_tokens: null,
      timestamp_iso: null,
    });
    expect(humanRow("bonds", { token: "0xUSD", amount: 1n }, units)).to.deep.include({ amount_tokens: "0.000001" });
  });

  it("docs/open-data.md documents every table and column", function () {
    const docs = readFileSync("docs/open-data.md", "utf8");
    for (const [table, def] of Object.entries(TABLES)) {
      expect(docs, table).to.include(`### \`${table}\``);
      for (const [column] of def.columns)
        expect(docs, `${table}.${column}`).to.match(new RegExp(`\\|\\s*\`${column}\`\\s*\\|`));
    }
  });

  describe("data:export", function () {
    const base: ExportArgs = {
      out: "out",
      fromBlock: "",
      toBlock: "",
      chunk: "2000",
      rpc: "",
      registry: "",
      oracle: "",
      escrowFactory: "",
      poolFactory: "",
    };
    const oneLine = (fn: () => unknown, text: string): void => {
      try {
        fn();
      } catch (err) {
        expect(err).to.be.instanceOf(CliError);
        expect((err as Error).message)
          .to.include(text)
          .and.not.include("\n");
        return;
      }
      throw new Error("expected a CliError");
    };

    it("rejects bad flags with one line naming the flag", function () {
      oneLine(() => parseExportArgs({ ...base, chunk: "0" }), "--chunk");
      oneLine(() => parseExportArgs({ ...base, fromBlock: "x" }), "--from-block");
      oneLine(() => parseExportArgs({ ...base, toBlock: "-1" }), "--to-block");
      oneLine(() => parseExportArgs({ ...base, rpc: "localhost:8545" }), "--rpc");
      oneLine(() => parseExportArgs({ ...base, out: " " }), "--out");
      expect(parseExportArgs({ ...base, rpc: "http://127.0.0.1:8545", chunk: "3" })).to.include({ chunkSize: 3n });
    });

    it("exports through a client with addresses from flags, and names a missing address", async function () {
      const client = await world.conn.viem.getPublicClient();
      const out = mkdtempSync(path.join(tmpdir(), "data-export-"));
      const args = { ...base, out, chunk: "5", ...addresses };
      const lines: string[] = [];
      await runExport(client, args, (line) => lines.push(line));
      expect(lines[0]).to.match(/^chain 31337, blocks 0–\d+, \d+ events in \d+ requests/);
      const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as {
        tables: { payouts: { rows: number } };
      };
      expect(manifest.tables.payouts.rows).to.equal(full.tables.payouts.length);
      // Without a pool factory (an older deployment) the rest still exports, with no pools.
      const older = mkdtempSync(path.join(tmpdir(), "data-export-"));
      await runExport(client, { ...args, out: older, poolFactory: "" }, () => undefined);
      const olderManifest = JSON.parse(readFileSync(path.join(older, "manifest.json"), "utf8")) as {
        contracts: { pools: string[] };
        tables: { pools: { rows: number }; escrows: { rows: number } };
      };
      expect(olderManifest.contracts.pools).to.deep.equal([]);
      expect(olderManifest.tables.pools.rows).to.equal(0);
      expect(olderManifest.tables.escrows.rows).to.equal(2);
      let failed: unknown;
      try {
        await runExport(client, { ...args, registry: "" });
      } catch (err) {
        failed = err;
      }
      expect(failed).to.be.instanceOf(CliError);
      expect((failed as Error).message).to.match(/^--registry: no MissionRegistry deployed on chain 31337/);
      failed = undefined;
      try {
        await runExport(client, { ...args, toBlock: "999999" });
      } catch (err) {
        failed = err;
      }
      expect((failed as Error).message).to.match(/^--to-block: 999999 is after the latest block/);
      failed = undefined;
      try {
        await runExport(client, { ...args, poolFactory: "0x12" });
      } catch (err) {
        failed = err;
      }
      expect((failed as Error).message).to.match(/^--pool-factory: must be a 0x-prefixed 20-byte address/);
    });
  });
});
