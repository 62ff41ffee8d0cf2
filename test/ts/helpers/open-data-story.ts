/**
 * The open-data exporter's story (test/ts/open-data/exporter*.test.ts) and its export: built once per test run and
 * shared by both files, which only read it.
 */
import { network } from "hardhat";
import { ZeroAddress, id } from "ethers";
import type { Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { loadMissionDoc } from "../../../scripts/formats/mission-doc.js";
import { createMissionFromDoc } from "../../../scripts/core/mission-ops.js";
import { signReports } from "../../../scripts/reporter/signing.js";
import { relaySignedReports } from "../../../scripts/reporter/relay.js";
import { curveOf } from "../../../scripts/formats/outcome-terms.js";
import { encodeBasket, encodeSchedule, type PoolTermsStruct } from "../../../scripts/formats/pool-terms.js";
import { exportOpenData, type ExportResult } from "../../../scripts/open-data/index.js";
import { deployPoolFactory } from "../../../scripts/core/pool-factory.js";

const WAD = 10n ** 18n;
const E18 = 10n ** 18n;
const MNEMONIC = "test test test test test test test test test test test junk";

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

/** The story, the suite's addresses and the export of everything it emitted (one range, no chunking). */
async function exportStory() {
  const world = await story();
  const addresses = {
    registry: (await world.registry.getAddress()) as Address,
    oracle: (await world.oracle.getAddress()) as Address,
    escrowFactory: (await world.factory.getAddress()) as Address,
    poolFactory: (await world.poolFactory.getAddress()) as Address,
  };
  const full: ExportResult = await exportOpenData(await world.conn.viem.getPublicClient(), addresses);
  return { world, addresses, full };
}

let exported: ReturnType<typeof exportStory> | undefined;
/** The story and its export, built by the first file that asks. */
export function exportedStory(): ReturnType<typeof exportStory> {
  exported ??= exportStory();
  return exported;
}
