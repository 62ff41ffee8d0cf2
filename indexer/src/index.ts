/**
 * Indexing functions: one per event of every contract of the suite (a test checks this against the ABIs). Every
 * event is recorded in `event`; money and lifecycle events also update the dashboard tables, with the same
 * arithmetic as the exporter (scripts/open-data) so the numbers agree to the wei.
 */
import { ponder, type Context, type Event } from "ponder:registry";
import {
  deposit,
  escrow,
  event as eventTable,
  metricValue,
  mission,
  participant,
  payout,
  pool,
  poolMission,
  position,
  report,
  settlement,
} from "ponder:schema";
import { and, asc, eq, replaceBigInts } from "ponder";
import { getAddress, hexToString, type Address } from "viem";

const ESCROW_STATUS = ["Open", "Achieved", "Refunding"] as const;
const SETTLE_REASON = ["Achieved", "NoData", "Underfunded"] as const;
const RESOLUTION = ["Pending", "Achieved", "NoData"] as const;
const MISSION_STATUS = ["None", "Draft", "Active", "Concluded"] as const;
const UNRESOLVED = ["NoQuorum", "ArbiterInvalid", "ArbitrationExpired"] as const;
const ZERO = "0x0000000000000000000000000000000000000000";
const label = (names: readonly string[], v: number): string => names[v] ?? `#${v}`;

type AnyEvent = Event;
type Ctx = Context;

/** Records `e` in the `event` table (every event of the suite goes through here). */
async function record(e: AnyEvent, context: Ctx, source: `${string}:${string}`): Promise<void> {
  const [contract = "", eventName = ""] = source.split(":");
  const args = "args" in e ? (e as { args: unknown }).args : {};
  const log = (
    e as { log: { address: Address; logIndex: number; topics: readonly (`0x${string}` | null)[]; data: `0x${string}` } }
  ).log;
  await context.db.insert(eventTable).values({
    id: e.id,
    blockNumber: e.block.number,
    logIndex: log.logIndex,
    timestamp: e.block.timestamp,
    txHash: (e as { transaction: { hash: `0x${string}` } }).transaction.hash,
    address: getAddress(log.address),
    contract,
    eventName,
    args: JSON.stringify(replaceBigInts(args, (v) => String(v))),
    // Ponder pads topics with null up to four; the raw log has only the real ones.
    topics: log.topics.filter((t): t is `0x${string}` => t !== null),
    data: log.data,
  });
}

/** Where a money row comes from (the exporter's event columns). */
function meta(e: AnyEvent) {
  const ev = e as unknown as { log: { logIndex: number }; transaction: { hash: `0x${string}` } };
  return {
    id: e.id,
    blockNumber: e.block.number,
    timestamp: e.block.timestamp,
    txHash: ev.transaction.hash,
    logIndex: ev.log.logIndex,
  };
}

const emptyPosition = {
  deposited: 0n,
  weight: 0n,
  claimed: 0n,
  refunded: 0n,
  invested: 0n,
  committed: 0n,
  shares: 0n,
  redeemed: 0n,
  withdrawn: 0n,
  disbursed: 0n,
};
type PositionDelta = Partial<typeof emptyPosition>;

/** Adds `delta` to the account's position in `contract` (creating it); `reset` columns are set to 0 first. */
async function bump(
  context: Ctx,
  account: Address,
  contract: Address,
  contractKind: "escrow" | "pool",
  delta: PositionDelta,
  reset: (keyof typeof emptyPosition)[] = [],
): Promise<void> {
  const add = (row: typeof emptyPosition) =>
    Object.fromEntries(
      (Object.keys(emptyPosition) as (keyof typeof emptyPosition)[]).map((k) => [
        k,
        (reset.includes(k) ? 0n : row[k]) + (delta[k] ?? 0n),
      ]),
    ) as typeof emptyPosition;
  await context.db
    .insert(position)
    .values({ account: getAddress(account), contract, contractKind, ...add(emptyPosition) })
    .onConflictDoUpdate((row) => add(row));
}

async function missionOfEscrow(context: Ctx, address: Address): Promise<bigint> {
  const row = await context.db.find(escrow, { address });
  if (row === null) throw new Error(`indexer: escrow ${address} has no EscrowCreated row`);
  return row.missionId;
}

/* ---------------------------------------------- MissionRegistry ---------------------------------------------- */

ponder.on("MissionRegistry:MissionCreated", async ({ event, context }) => {
  await record(event, context, "MissionRegistry:MissionCreated");
  await context.db.insert(mission).values({
    missionId: event.args.missionId,
    hashtag: hexToString(event.args.hashtag, { size: 32 }).replace(/\0+$/, ""),
    steward: getAddress(event.args.steward),
    status: "Draft",
    metadataURI: event.args.metadataURI,
    participantCount: 0,
    pledgeCount: 0,
    endorsementCount: 0,
    reportCount: 0,
    escrowCount: 0,
    funded: 0n,
    paid: 0n,
    refunded: 0n,
    pending: 0n,
    createdBlock: event.block.number,
    createdAt: event.block.timestamp,
  });
});
ponder.on("MissionRegistry:GoalVersionAdded", async ({ event, context }) => {
  await record(event, context, "MissionRegistry:GoalVersionAdded");
});
ponder.on("MissionRegistry:MissionStatusChanged", async ({ event, context }) => {
  await record(event, context, "MissionRegistry:MissionStatusChanged");
  await context.db
    .update(mission, { missionId: event.args.missionId })
    .set({ status: label(MISSION_STATUS, event.args.to) });
});
ponder.on("MissionRegistry:StewardTransferred", async ({ event, context }) => {
  await record(event, context, "MissionRegistry:StewardTransferred");
  await context.db
    .update(mission, { missionId: event.args.missionId })
    .set({ steward: getAddress(event.args.newSteward) });
});
ponder.on("MissionRegistry:ParticipantJoined", async ({ event, context }) => {
  await record(event, context, "MissionRegistry:ParticipantJoined");
  const key = { missionId: event.args.missionId, account: getAddress(event.args.account) };
  const existing = await context.db.find(participant, key);
  if (existing === null) {
    await context.db.insert(participant).values({ ...key, roles: event.args.roles });
    await context.db
      .update(mission, { missionId: event.args.missionId })
      .set((m) => ({ participantCount: m.participantCount + 1 }));
  } else {
    await context.db.update(participant, key).set({ roles: existing.roles | event.args.roles });
  }
});
ponder.on("MissionRegistry:Pledged", async ({ event, context }) => {
  await record(event, context, "MissionRegistry:Pledged");
  await context.db
    .update(mission, { missionId: event.args.missionId })
    .set((m) => ({ pledgeCount: m.pledgeCount + 1 }));
});
ponder.on("MissionRegistry:Endorsed", async ({ event, context }) => {
  await record(event, context, "MissionRegistry:Endorsed");
  await context.db
    .update(mission, { missionId: event.args.missionId })
    .set((m) => ({ endorsementCount: m.endorsementCount + 1 }));
});

/* ------------------------------------------------ MetricOracle ------------------------------------------------ */

type SlotKey = { missionId: bigint; goalId: number; period: number };
type SlotRow = typeof metricValue.$inferInsert;

/** Applies `change` to a metric slot, creating it (Collecting, no report) on its first event — as the exporter does. */
async function slot(context: Ctx, key: SlotKey, change: (row: SlotRow) => Partial<SlotRow>): Promise<void> {
  const fresh: SlotRow = {
    ...key,
    status: "Collecting",
    committeeVersion: null,
    reportCount: 0,
    proposedValue: null,
    challengeEnd: null,
    disputed: false,
    finalValue: null,
    finalizedAt: null,
    unresolvedReason: null,
  };
  await context.db
    .insert(metricValue)
    .values({ ...fresh, ...change(fresh) })
    .onConflictDoUpdate((row) => change(row));
}

ponder.on("MetricOracle:ReportSubmitted", async ({ event, context }) => {
  await record(event, context, "MetricOracle:ReportSubmitted");
  const a = event.args;
  await context.db.insert(report).values({
    ...meta(event),
    missionId: a.missionId,
    goalId: a.goalId,
    period: a.period,
    reporter: getAddress(a.reporter),
    value: a.value,
    evidenceHash: a.evidenceHash,
    via: getAddress(a.via),
    withdrawn: false,
  });
  await slot(context, a, (s) => ({ reportCount: (s.reportCount ?? 0) + 1 }));
  await context.db.update(mission, { missionId: a.missionId }).set((m) => ({ reportCount: m.reportCount + 1 }));
});
ponder.on("MetricOracle:ReportWithdrawn", async ({ event, context }) => {
  await record(event, context, "MetricOracle:ReportWithdrawn");
  const a = event.args;
  // The member's report on the slot that is not yet withdrawn (one at a time: a member reports once per slot).
  const [open] = await context.db.sql
    .select({ id: report.id })
    .from(report)
    .where(
      and(
        eq(report.missionId, a.missionId),
        eq(report.goalId, a.goalId),
        eq(report.period, a.period),
        eq(report.reporter, getAddress(a.reporter)),
        eq(report.withdrawn, false),
      ),
    )
    .orderBy(asc(report.blockNumber), asc(report.logIndex))
    .limit(1);
  if (open !== undefined) await context.db.update(report, { id: open.id }).set({ withdrawn: true });
  await slot(context, a, (s) => ({ reportCount: (s.reportCount ?? 0) - 1 }));
  await context.db.update(mission, { missionId: a.missionId }).set((m) => ({ reportCount: m.reportCount - 1 }));
});
ponder.on("MetricOracle:ValueProposed", async ({ event, context }) => {
  await record(event, context, "MetricOracle:ValueProposed");
  const a = event.args;
  await slot(context, a, () => ({
    status: "Proposed",
    proposedValue: a.value,
    challengeEnd: BigInt(a.challengeEnd),
    committeeVersion: a.version,
  }));
});
ponder.on("MetricOracle:ValueDisputed", async ({ event, context }) => {
  await record(event, context, "MetricOracle:ValueDisputed");
  await slot(context, event.args, () => ({ status: "Disputed", disputed: true }));
});
ponder.on("MetricOracle:ValueFinalized", async ({ event, context }) => {
  await record(event, context, "MetricOracle:ValueFinalized");
  const a = event.args;
  await slot(context, a, () => ({ status: "Final", finalValue: a.value, finalizedAt: BigInt(a.finalizedAt) }));
});
ponder.on("MetricOracle:SlotUnresolved", async ({ event, context }) => {
  await record(event, context, "MetricOracle:SlotUnresolved");
  const a = event.args;
  await slot(context, a, () => ({ status: "Unresolved", unresolvedReason: label(UNRESOLVED, a.reason) }));
});
ponder.on("MetricOracle:CommitteeSet", async ({ event, context }) =>
  record(event, context, "MetricOracle:CommitteeSet"),
);
ponder.on("MetricOracle:DisputeResolved", async ({ event, context }) =>
  record(event, context, "MetricOracle:DisputeResolved"),
);
ponder.on("MetricOracle:BatchEntrySkipped", async ({ event, context }) =>
  record(event, context, "MetricOracle:BatchEntrySkipped"),
);
ponder.on("MetricOracle:NoncesInvalidated", async ({ event, context }) =>
  record(event, context, "MetricOracle:NoncesInvalidated"),
);
ponder.on("MetricOracle:BondCredited", async ({ event, context }) =>
  record(event, context, "MetricOracle:BondCredited"),
);
ponder.on("MetricOracle:BondWithdrawn", async ({ event, context }) =>
  record(event, context, "MetricOracle:BondWithdrawn"),
);
ponder.on("MetricOracle:EIP712DomainChanged", async ({ event, context }) =>
  record(event, context, "MetricOracle:EIP712DomainChanged"),
);

/* ------------------------------------------ escrows (factory + clones) ------------------------------------------ */

ponder.on("OutcomeEscrowFactory:EscrowCreated", async ({ event, context }) => {
  await record(event, context, "OutcomeEscrowFactory:EscrowCreated");
  const t = event.args.terms;
  const address = getAddress(event.args.escrow);
  await context.db.insert(escrow).values({
    address,
    missionId: event.args.missionId,
    index: event.args.index,
    creator: getAddress(event.args.creator),
    token: getAddress(t.token),
    fundingDeadline: BigInt(t.fundingDeadline),
    settlementDeadline: BigInt(t.settlementDeadline),
    totalWeight: t.beneficiaries.reduce((sum, b) => sum + BigInt(b.weight), 0n),
    depositCount: 0,
    totalDeposited: 0n,
    status: "Open",
    totalClaimed: 0n,
    totalRefunded: 0n,
    balance: 0n,
    createdBlock: event.block.number,
  });
  for (const b of t.beneficiaries) {
    await bump(context, getAddress(b.account), address, "escrow", { weight: BigInt(b.weight) });
  }
  await context.db
    .update(mission, { missionId: event.args.missionId })
    .set((m) => ({ escrowCount: m.escrowCount + 1 }));
});

ponder.on("OutcomeEscrow:Deposited", async ({ event, context }) => {
  await record(event, context, "OutcomeEscrow:Deposited");
  const contract = getAddress(event.log.address);
  const amount = event.args.credited;
  await context.db.insert(deposit).values({
    ...meta(event),
    contract,
    contractKind: "escrow",
    kind: "deposit",
    account: getAddress(event.args.funder),
    payer: getAddress(event.args.payer),
    amount,
  });
  await context.db.update(escrow, { address: contract }).set((e) => ({
    depositCount: e.depositCount + 1,
    totalDeposited: e.totalDeposited + amount,
    balance: e.balance + amount,
  }));
  await bump(context, event.args.funder, contract, "escrow", { deposited: amount });
  await context.db
    .update(mission, { missionId: await missionOfEscrow(context, contract) })
    .set((m) => ({ funded: m.funded + amount, pending: m.pending + amount }));
});

ponder.on("OutcomeEscrow:Settled", async ({ event, context }) => {
  await record(event, context, "OutcomeEscrow:Settled");
  const contract = getAddress(event.log.address);
  const status = label(ESCROW_STATUS, event.args.status);
  const reason = label(SETTLE_REASON, event.args.reason);
  await context.db.update(escrow, { address: contract }).set({
    status,
    settleReason: reason,
    compositeWad: event.args.compositeWad,
    beneficiaryPot: event.args.beneficiaryPot,
    refundPot: event.args.refundPot,
  });
  await context.db.insert(settlement).values({
    ...meta(event),
    contract,
    contractKind: "escrow",
    status,
    reason,
    compositeWad: event.args.compositeWad,
    payoutPot: event.args.beneficiaryPot,
    refundPot: event.args.refundPot,
    multipleWad: null,
    outcomePayment: null,
  });
});

async function escrowPayout(
  event: AnyEvent & { args: { account: Address; amount: bigint }; log: { address: Address } },
  context: Ctx,
  kind: "claim" | "refund",
): Promise<void> {
  await record(event, context, kind === "claim" ? "OutcomeEscrow:Claimed" : "OutcomeEscrow:Refunded");
  const contract = getAddress(event.log.address);
  const amount = event.args.amount;
  await context.db.insert(payout).values({
    ...meta(event),
    contract,
    contractKind: "escrow",
    kind,
    account: getAddress(event.args.account),
    amount,
    shares: null,
  });
  await context.db.update(escrow, { address: contract }).set((e) => ({
    totalClaimed: e.totalClaimed + (kind === "claim" ? amount : 0n),
    totalRefunded: e.totalRefunded + (kind === "refund" ? amount : 0n),
    balance: e.balance - amount,
  }));
  if (kind === "claim") await bump(context, event.args.account, contract, "escrow", { claimed: amount });
  // The escrow zeroes the funder's deposit on refund (its refund basis).
  else await bump(context, event.args.account, contract, "escrow", { refunded: amount }, ["deposited"]);
  await context.db.update(mission, { missionId: await missionOfEscrow(context, contract) }).set((m) => ({
    paid: m.paid + (kind === "claim" ? amount : 0n),
    refunded: m.refunded + (kind === "refund" ? amount : 0n),
    pending: m.pending - amount,
  }));
}
ponder.on("OutcomeEscrow:Claimed", async ({ event, context }) => escrowPayout(event, context, "claim"));
ponder.on("OutcomeEscrow:Refunded", async ({ event, context }) => escrowPayout(event, context, "refund"));

/* ------------------------------------------ pools (factory + clones) ------------------------------------------ */

ponder.on("ImpactPoolFactory:PoolCreated", async ({ event, context }) => {
  await record(event, context, "ImpactPoolFactory:PoolCreated");
  const t = event.args.terms;
  const address = getAddress(event.args.pool);
  await context.db.insert(pool).values({
    address,
    poolIndex: event.args.poolIndex,
    creator: getAddress(event.args.creator),
    name: t.name,
    symbol: t.symbol,
    token: getAddress(t.token),
    capitalTarget: BigInt(t.capitalTarget),
    phase: "Raising",
    totalInvested: 0n,
    totalWithdrawn: 0n,
    totalCommitted: 0n,
    totalDisbursed: 0n,
    totalRedeemed: 0n,
    totalRefunded: 0n,
    sharesOutstanding: 0n,
    fundCommitted: 0n,
    balance: 0n,
    createdBlock: event.block.number,
  });
  for (const missionId of new Set(t.basket.map((o) => o.missionId))) {
    await context.db.insert(poolMission).values({ pool: address, missionId }).onConflictDoNothing();
  }
});

ponder.on("ImpactPool:Invested", async ({ event, context }) => {
  await record(event, context, "ImpactPool:Invested");
  const contract = getAddress(event.log.address);
  const account = getAddress(event.args.investor);
  const amount = event.args.amount;
  await context.db
    .insert(deposit)
    .values({ ...meta(event), contract, contractKind: "pool", kind: "invest", account, payer: account, amount });
  await context.db.update(pool, { address: contract }).set((p) => ({
    totalInvested: p.totalInvested + amount,
    phase: p.totalInvested + amount >= p.capitalTarget ? "Funded" : p.phase,
    balance: p.balance + amount,
  }));
  await bump(context, account, contract, "pool", { invested: amount });
});
ponder.on("ImpactPool:Committed", async ({ event, context }) => {
  await record(event, context, "ImpactPool:Committed");
  const contract = getAddress(event.log.address);
  const account = getAddress(event.args.payer);
  const amount = event.args.amount;
  await context.db
    .insert(deposit)
    .values({ ...meta(event), contract, contractKind: "pool", kind: "commit", account, payer: account, amount });
  await context.db.update(pool, { address: contract }).set((p) => ({
    totalCommitted: p.totalCommitted + amount,
    fundCommitted: p.fundCommitted + amount,
    balance: p.balance + amount,
  }));
  await bump(context, account, contract, "pool", { committed: amount });
});

async function poolPayout(
  event: AnyEvent & { log: { address: Address } },
  context: Ctx,
  kind: "disburse" | "withdraw" | "redeem" | "refund",
  account: Address,
  amount: bigint,
  shares: bigint | null,
): Promise<void> {
  const names = { disburse: "Disbursed", withdraw: "Withdrawn", redeem: "Redeemed", refund: "Refunded" } as const;
  await record(event, context, `ImpactPool:${names[kind]}`);
  const contract = getAddress(event.log.address);
  await context.db
    .insert(payout)
    .values({ ...meta(event), contract, contractKind: "pool", kind, account: getAddress(account), amount, shares });
  await context.db.update(pool, { address: contract }).set((p) => ({
    balance: p.balance - amount,
    totalDisbursed: p.totalDisbursed + (kind === "disburse" ? amount : 0n),
    totalWithdrawn: p.totalWithdrawn + (kind === "withdraw" ? amount : 0n),
    totalRedeemed: p.totalRedeemed + (kind === "redeem" ? amount : 0n),
    totalRefunded: p.totalRefunded + (kind === "refund" ? amount : 0n),
  }));
  if (kind === "disburse") await bump(context, account, contract, "pool", { disbursed: amount });
  if (kind === "withdraw") await bump(context, account, contract, "pool", { withdrawn: amount });
  if (kind === "redeem") await bump(context, account, contract, "pool", { redeemed: amount });
  if (kind === "refund") {
    const row = await context.db.find(position, { account: getAddress(account), contract });
    const committed = row?.committed ?? 0n;
    await bump(context, account, contract, "pool", { refunded: amount }, ["committed"]);
    await context.db.update(pool, { address: contract }).set((p) => ({ fundCommitted: p.fundCommitted - committed }));
  }
}
ponder.on("ImpactPool:Disbursed", async ({ event, context }) =>
  poolPayout(event, context, "disburse", event.args.provider, event.args.amount, null),
);
// Withdrawals after a failed raise return capital 1:1 for shares.
ponder.on("ImpactPool:Withdrawn", async ({ event, context }) =>
  poolPayout(event, context, "withdraw", event.args.investor, event.args.shares, event.args.shares),
);
ponder.on("ImpactPool:Redeemed", async ({ event, context }) =>
  poolPayout(event, context, "redeem", event.args.account, event.args.amount, event.args.shares),
);
ponder.on("ImpactPool:Refunded", async ({ event, context }) =>
  poolPayout(event, context, "refund", event.args.payer, event.args.amount, null),
);

ponder.on("ImpactPool:Settled", async ({ event, context }) => {
  await record(event, context, "ImpactPool:Settled");
  const contract = getAddress(event.log.address);
  const resolution = label(RESOLUTION, event.args.resolution);
  await context.db.update(pool, { address: contract }).set({
    phase: "Settled",
    resolution,
    compositeWad: event.args.compositeWad,
    multipleWad: event.args.multipleWad,
    outcomePayment: event.args.outcomePayment,
    investorPot: event.args.investorPot,
    refundPot: event.args.refundPot,
  });
  await context.db.insert(settlement).values({
    ...meta(event),
    contract,
    contractKind: "pool",
    status: "Settled",
    reason: resolution,
    compositeWad: event.args.compositeWad,
    payoutPot: event.args.investorPot,
    refundPot: event.args.refundPot,
    multipleWad: event.args.multipleWad,
    outcomePayment: event.args.outcomePayment,
  });
});

ponder.on("ImpactPool:Transfer", async ({ event, context }) => {
  await record(event, context, "ImpactPool:Transfer");
  const contract = getAddress(event.log.address);
  const from = getAddress(event.args.from);
  const to = getAddress(event.args.to);
  const shares = event.args.value;
  if (from !== ZERO) await bump(context, from, contract, "pool", { shares: -shares });
  if (to !== ZERO) await bump(context, to, contract, "pool", { shares });
  const delta = from === ZERO ? shares : to === ZERO ? -shares : 0n;
  if (delta !== 0n) {
    await context.db
      .update(pool, { address: contract })
      .set((p) => ({ sharesOutstanding: p.sharesOutstanding + delta }));
  }
});
ponder.on("ImpactPool:Approval", async ({ event, context }) => record(event, context, "ImpactPool:Approval"));
ponder.on("ImpactPool:EIP712DomainChanged", async ({ event, context }) =>
  record(event, context, "ImpactPool:EIP712DomainChanged"),
);
