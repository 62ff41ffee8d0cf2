import { expect } from "chai";
import { getAddress } from "viem";
import { z } from "zod";
import { exportOpenData } from "../../../scripts/open-data/index.js";
import type { RunningIndexer } from "./ponder-process.js";
import { cellText, exporterFiles, gql, rowsOf, type World } from "./world.js";

/**
 * The typed rows `items` (GraphQL) equal the exporter's `table` in `expected`, every exact column (the human ones,
 * `<column>_iso` and `<column>_tokens`, are derived when files are written), in any order; `addressKeys` compared
 * checksummed (Ponder stores addresses in lower case). The exported table must have rows.
 */
export function expectSameRows(
  items: Record<string, unknown>[],
  expected: Map<string, string>,
  table: string,
  addressKeys: readonly string[],
): void {
  const cell = (v: unknown, address: boolean): string | null =>
    v === null || v === undefined ? null : address ? getAddress(cellText(v)) : cellText(v);
  const exported = rowsOf(expected, table);
  expect(exported.length, table).to.be.greaterThan(0);
  const keys = Object.keys(exported[0]!).filter((k) => !/_(iso|tokens)$/.test(k));
  const norm = (r: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(keys.map((k) => [k, cell(r[k], addressKeys.includes(k))])));
  // Both sides in one order (the exporter's is emission order, GraphQL's the primary key's).
  expect(items.map(norm).sort(), table).to.deep.equal(exported.map(norm).sort());
}

/** Every exporter table equals its typed twin in `target` (every exact column), and its `token` rows the manifest's. */
export async function expectTypedTablesEqual(w: World, target: RunningIndexer): Promise<void> {
  const expected = await exporterFiles(w.client, w.addresses);
  const page = z.object({ items: z.array(z.record(z.string(), z.unknown())) });
  const data = z
    .object({
      goals: page,
      committees: page,
      disputes: page,
      bonds: page,
      poolTranches: page,
      poolShareTransfers: page,
      poolMissions: page,
      escrowOutcomes: page,
      beneficiaryWeights: page,
      poolOutcomes: page,
      tokens: z.object({
        items: z.array(z.object({ address: z.string(), decimals: z.number(), symbol: z.string() })),
      }),
      escrows: page,
      pools: page,
      missions: page,
      participants: page,
      deposits: page,
      payouts: page,
      settlements: page,
      scheduledEscrows: page,
      schedulePoints: page,
      schedulePointTerms: page,
      schedulePointTiers: page,
      scheduleTierDeposits: page,
    })
    .parse(
      await gql(
        target,
        `{ goals(limit: 1000) { items { missionId goalId version metricKey decimals baseline target direction firstPeriodEnd periodLength periodCount reportingWindow versionURI versionContentHash blockNumber } }
           committees(limit: 1000) { items { missionId version members size quorum challengeWindow bondToken bondAmount arbiter adapter blockNumber timestamp txHash logIndex } }
           disputes(limit: 1000) { items { missionId goalId period disputer bondToken bond outcome arbiter resolvedValue disputerWon blockNumber timestamp txHash logIndex } }
           bonds(limit: 1000) { items { token account kind amount blockNumber timestamp txHash logIndex } }
           poolTranches(limit: 1000) { items { pool trancheIndex provider dueAt shareBps amount hasMilestone missionId goalId period minValue disbursed disbursedBlock } }
           poolShareTransfers(limit: 1000) { items { pool kind from to shares blockNumber timestamp txHash logIndex } }
           poolMissions(limit: 1000) { items { pool missionId impactPool { address } } }
           escrowOutcomes(limit: 1000) { items { escrow termIndex missionId goalId period weightWad curveKind lowerIsBetter baseline target threshold capWad steps } }
           beneficiaryWeights(limit: 1000) { items { escrow account weight } }
           poolOutcomes(limit: 1000) { items { pool termIndex missionId goalId period weightWad curveKind lowerIsBetter baseline target threshold capWad steps } }
           tokens(limit: 1000) { items { address decimals symbol } }
           escrows(limit: 1000) { items { escrow: address missionId index creator token goalVersion fundingDeadline minFunding settlementDeadline gracePeriod outcomeCount beneficiaryCount depositCount totalDeposited status settleReason compositeWad beneficiaryPot refundPot totalClaimed totalRefunded balance createdBlock tokenUnit { address } } }
           pools(limit: 1000) { items { pool: address poolIndex creator name symbol token capitalTarget raiseDeadline fundCap settlementDeadline gracePeriod repaymentThresholdWad repaymentPrincipalAtWad repaymentMaxReturnWad providerCount trancheCount outcomeCount scheduled pointCount tierCount scheduleCap phase totalInvested totalWithdrawn totalCommitted totalDisbursed pointsSettled totalPaid resolution compositeWad multipleWad outcomePayment investorPot refundPot totalRedeemed totalRefunded sharesOutstanding balance createdBlock } }
           missions(limit: 1000) { items { missionId hashtag steward status metadataURI contentHash versionCount goalCount participantCount pledgeCount endorsementCount createdBlock createdAt } }
           participants(limit: 1000) { items { missionId account roles roleNames joinedBlock pledgeCount endorsementsReceived endorsementsGiven } }
           deposits(limit: 1000) { items { contract contractKind kind account payer amount blockNumber timestamp txHash logIndex } }
           payouts(limit: 1000) { items { contract contractKind kind account amount shares blockNumber timestamp txHash logIndex } }
           settlements(limit: 1000) { items { contract contractKind status reason compositeWad payoutPot refundPot multipleWad outcomePayment blockNumber timestamp txHash logIndex } }
         scheduledEscrows(limit: 1000) { items { escrow: address missionId index creator token goalVersion fundingDeadline gracePeriod pointCount tierCount cap beneficiaryCount depositCount totalDeposited pointsSettled totalPaid totalClaimed totalRefunded balance createdBlock } }
         schedulePoints(limit: 1000) { items { contract contractKind pointIndex deadline cumulative potWad cap triggerAny conditionCount termCount settled resolution triggerHeld amount capHit blockNumber timestamp txHash logIndex } }
         schedulePointTerms(limit: 1000) { items { contract contractKind pointIndex termIndex missionId goalId period key kind weightWad curveKind baseline target ceilingWad source referenceValue lowerIsBetter scaleWad price capPerPoint unitsWad raw paid capHit } }
         schedulePointTiers(limit: 1000) { items { contract contractKind pointIndex tier coPayWad paid blockNumber timestamp txHash logIndex } }
         scheduleTierDeposits(limit: 1000) { items { contract contractKind funder tier depositCount deposited } } }`,
      ),
    );
  const sameRows = (items: Record<string, unknown>[], table: string, addressKeys: string[]) =>
    expectSameRows(items, expected, table, addressKeys);
  sameRows(data.missions.items, "missions", ["steward"]);
  sameRows(data.participants.items, "participants", ["account"]);
  sameRows(data.escrows.items, "escrows", ["escrow", "creator", "token"]);
  sameRows(data.pools.items, "pools", ["pool", "creator", "token"]);
  sameRows(data.goals.items, "goals", []);
  sameRows(data.deposits.items, "deposits", ["contract", "account", "payer"]);
  sameRows(data.payouts.items, "payouts", ["contract", "account"]);
  sameRows(data.settlements.items, "settlements", ["contract"]);
  sameRows(data.committees.items, "committees", ["bondToken", "arbiter", "adapter"]);
  sameRows(data.disputes.items, "disputes", ["disputer", "bondToken", "arbiter"]);
  sameRows(data.bonds.items, "bonds", ["token", "account"]);
  sameRows(data.escrowOutcomes.items, "escrow_outcomes", ["escrow"]);
  sameRows(data.beneficiaryWeights.items, "escrow_beneficiaries", ["escrow", "account"]);
  sameRows(data.poolOutcomes.items, "pool_outcomes", ["pool"]);
  sameRows(data.poolTranches.items, "pool_tranches", ["pool", "provider"]);
  sameRows(data.poolShareTransfers.items, "pool_share_transfers", ["pool", "from", "to"]);
  sameRows(data.scheduledEscrows.items, "scheduled_escrows", ["escrow", "creator", "token"]);
  sameRows(data.schedulePoints.items, "schedule_points", ["contract"]);
  sameRows(data.schedulePointTerms.items, "schedule_point_terms", ["contract"]);
  sameRows(data.schedulePointTiers.items, "schedule_point_tiers", ["contract"]);
  sameRows(data.scheduleTierDeposits.items, "schedule_tier_deposits", ["contract", "funder"]);
  // The story exercises each row kind: a resolved dispute, a bond posted, credited and withdrawn, a tranche paid,
  // shares minted and changing hands.
  expect(data.disputes.items.map((d) => d.outcome)).to.include("resolved");
  expect(new Set(data.bonds.items.map((b) => b.kind))).to.deep.equal(new Set(["posted", "credited", "withdrawn"]));
  expect(data.poolTranches.items.some((t) => t.disbursed === true)).to.equal(true);
  expect(new Set(data.poolShareTransfers.items.map((t) => t.kind))).to.include.members(["mint", "transfer"]);
  // Each token's units, as the exporter's manifest has them; an escrow reaches its token's row.
  const { manifest } = await exportOpenData(w.client, w.addresses, {
    fromBlock: 0n,
    chunkSize: 5000n,
    timestamps: false,
  });
  expect(
    Object.fromEntries(
      data.tokens.items.map((t) => [getAddress(t.address), { decimals: t.decimals, symbol: t.symbol }]),
    ),
  ).to.deep.equal(manifest.tokens);
  expect(Object.keys(manifest.tokens).length).to.be.greaterThan(1);
  for (const e of data.escrows.items) {
    const { token, tokenUnit } = z.object({ token: z.string(), tokenUnit: z.object({ address: z.string() }) }).parse(e);
    expect(tokenUnit.address).to.equal(token);
  }
  // A row's `pool` column is the address (its relation to the pool row is `impactPool`).
  expect(data.poolMissions.items.length).to.be.greaterThan(0);
  for (const link of data.poolMissions.items) {
    expect(z.object({ address: z.string() }).parse(link.impactPool).address).to.equal(link.pool);
    expect(rowsOf(expected, "pools").map((p) => p.pool)).to.include(getAddress(cellText(link.pool)));
  }
}
