/**
 * Pure pieces of the reducers that the indexer's handlers (indexer/src/handlers/) use as well, so the two sources of
 * the same rows cannot drift apart: text of a bytes32, the first rows of missions, participants, escrows and pools,
 * the rows of goals, committees, reports, disputes, bonds,
 * escrow and pool outcome terms, beneficiaries, tranches and share transfers, a slot's first row, the settlement row
 * of an escrow or a pool. At run time it imports
 * only viem and the enum names (nothing generated, no Hardhat). Rows come without the event columns (`Meta`), which
 * each side adds from its own view of the log.
 */
import { getAddress, hexToString, zeroAddress, type Address, type Hex } from "viem";
import { enumName } from "../../core/errors/enums.js";
import type { EventOf, Kind, Meta } from "../decode.js";
import { capCell, escrowHead } from "./schedule-rows.js";
import type { BondRow, DisputeRow, OutcomeTermRow, ReportRow, ShareTransferRow, TrancheRow } from "../state.js";

/** The decoded arguments of event `N` of contract kind `K` (what both the exporter and Ponder hand over). */
type Args<K extends Kind, N extends EventOf<K>["eventName"]> = Extract<EventOf<K>, { eventName: N }>["args"];

/** A bytes32 holding left-aligned text (hashtags, metric keys) as a string. */
export const text32 = (v: Hex): string => hexToString(v, { size: 32 }).replace(/\0+$/, "");

/** A metric slot's row before its first event applies: Collecting, no report, nothing proposed. */
export function newSlot<K extends { missionId: bigint; goalId: number; period: number }>(key: K) {
  return {
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
}

/** The `reports` row of a `ReportSubmitted` event (without the event columns): not withdrawn, yet. */
export function reportRow(a: Omit<ReportRow, "withdrawn" | keyof Meta>) {
  return {
    missionId: a.missionId,
    goalId: a.goalId,
    period: a.period,
    reporter: getAddress(a.reporter),
    value: a.value,
    evidenceHash: a.evidenceHash,
    via: getAddress(a.via),
    withdrawn: false,
  };
}

/** One `OutcomeLib.OutcomeTerm` as the factories' creation events carry it (escrow outcomes; pool baskets alike). */
type OutcomeTerm = Args<"escrowFactory", "EscrowCreated">["terms"]["outcomes"][number];

/**
 * The columns of one outcome term at `termIndex`; its curve kind named as terms files write it (`binary`, `linear`,
 * `thresholdLinear`, `stepped`: PayoutCurves.Kind with a lower-case first letter), `#<code>` for an unknown one.
 */
export function outcomeTerm(termIndex: number, o: OutcomeTerm): OutcomeTermRow {
  const c = o.curve;
  const kind = enumName("PayoutCurves.Kind", c.kind);
  return {
    termIndex,
    missionId: o.missionId,
    goalId: o.goalId,
    period: o.period,
    weightWad: o.weightWad,
    curveKind: kind.charAt(0).toLowerCase() + kind.slice(1),
    lowerIsBetter: c.lowerIsBetter,
    baseline: c.baseline,
    target: c.target,
    threshold: c.threshold,
    capWad: c.capWad,
    steps: c.stepValues.map((v, i) => `${v}:${c.stepRatiosWad[i] ?? 0n}`).join("|"),
  };
}

/** The `escrow_beneficiaries` rows of an escrow (outcome or scheduled: both creation events carry this list). */
export function beneficiaryRows(escrow: Address, list: readonly { account: Address; weight: bigint | number }[]) {
  return list.map((b) => ({ escrow, account: getAddress(b.account), weight: BigInt(b.weight) }));
}

/** The `escrow_outcomes` and `escrow_beneficiaries` rows of an `EscrowCreated` event. */
export function escrowTermRows(escrow: Address, t: Args<"escrowFactory", "EscrowCreated">["terms"]) {
  return {
    outcomes: t.outcomes.map((o, termIndex) => ({ escrow, ...outcomeTerm(termIndex, o) })),
    beneficiaries: beneficiaryRows(escrow, t.beneficiaries),
  };
}

/** The `pool_outcomes` rows of a `PoolCreated` event: its basket, one row per term. */
export function poolOutcomeRows(pool: Address, t: Args<"poolFactory", "PoolCreated">["terms"]) {
  return t.basket.map((o, termIndex) => ({ pool, ...outcomeTerm(termIndex, o) }));
}

/** A mission's `missions` row at its `MissionCreated` event: Draft, no goal, no participant yet. */
export function newMission<T extends bigint | null>(
  a: Args<"registry", "MissionCreated">,
  createdBlock: bigint,
  createdAt: T,
) {
  return {
    missionId: a.missionId,
    hashtag: text32(a.hashtag),
    steward: getAddress(a.steward),
    status: "Draft",
    metadataURI: a.metadataURI,
    contentHash: a.contentHash,
    versionCount: 0,
    goalCount: 0,
    participantCount: 0,
    pledgeCount: 0,
    endorsementCount: 0,
    createdBlock,
    createdAt,
  };
}

const ROLE_NAMES = ["funder", "provider", "evaluator", "investor", "supporter"] as const;

/** A role mask as names separated by `|` (funder 1, provider 2, evaluator 4, investor 8, supporter 16). */
export const roleNames = (roles: number): string => ROLE_NAMES.filter((_, i) => (roles & (1 << i)) !== 0).join("|");

/** A participant's `participants` row at its first `ParticipantJoined` event. */
export function newParticipant(a: Args<"registry", "ParticipantJoined">, joinedBlock: bigint) {
  return {
    missionId: a.missionId,
    account: getAddress(a.account),
    roles: a.roles,
    roleNames: roleNames(a.roles),
    joinedBlock,
    pledgeCount: 0,
    endorsementsReceived: 0,
    endorsementsGiven: 0,
  };
}

/** The columns of an `escrows` row that come from its `EscrowCreated` event (after the escrow's address). */
export function escrowTerms(a: Args<"escrowFactory", "EscrowCreated">) {
  const t = a.terms;
  return {
    ...escrowHead(a),
    minFunding: t.minFunding,
    settlementDeadline: BigInt(t.settlementDeadline),
    gracePeriod: t.gracePeriod,
    outcomeCount: t.outcomes.length,
    beneficiaryCount: t.beneficiaries.length,
  };
}

/** The columns of a `pools` row that come from its `PoolCreated` event (after the pool's address). */
export function poolTerms(a: Args<"poolFactory", "PoolCreated" | "ScheduledPoolCreated">) {
  const t = a.terms;
  // A pool in scheduled mode (ScheduledPoolCreated) has a payment schedule instead of a basket and a repayment curve.
  const paid = "paymentSchedule" in t ? t.paymentSchedule : undefined;
  const curve = "repayment" in t ? t.repayment : undefined;
  return {
    poolIndex: a.poolIndex,
    creator: getAddress(a.creator),
    name: t.name,
    symbol: t.symbol,
    token: getAddress(t.token),
    capitalTarget: t.capitalTarget,
    raiseDeadline: BigInt(t.raiseDeadline),
    fundCap: t.fundCap,
    settlementDeadline: BigInt(t.settlementDeadline),
    gracePeriod: BigInt(t.gracePeriod),
    repaymentThresholdWad: curve?.thresholdWad ?? null,
    repaymentPrincipalAtWad: curve?.principalAtWad ?? null,
    repaymentMaxReturnWad: curve?.maxReturnWad ?? null,
    providerCount: t.schedule.providers.length,
    trancheCount: t.schedule.tranches.length,
    outcomeCount: "basket" in t ? t.basket.length : 0,
    scheduled: paid !== undefined,
    pointCount: paid?.points.length ?? 0,
    tierCount: paid?.tiers.length ?? 0,
    scheduleCap: paid === undefined ? null : capCell(paid.cap),
  };
}

/** A pool's `pools` row at its creation (`PoolCreated` or `ScheduledPoolCreated`): Raising, nothing moved yet. */
export function newPool(
  pool: Address,
  a: Args<"poolFactory", "PoolCreated" | "ScheduledPoolCreated">,
  createdBlock: bigint,
) {
  return {
    pool,
    ...poolTerms(a),
    phase: "Raising" as const,
    totalInvested: 0n,
    totalWithdrawn: 0n,
    totalCommitted: 0n,
    totalDisbursed: 0n,
    pointsSettled: 0,
    totalPaid: 0n,
    resolution: null,
    compositeWad: null,
    multipleWad: null,
    outcomePayment: null,
    investorPot: null,
    refundPot: null,
    totalRedeemed: 0n,
    totalRefunded: 0n,
    sharesOutstanding: 0n,
    balance: 0n,
    createdBlock,
  };
}

/** The `goals` rows of a `GoalVersionAdded` event: one per goal, ids from `firstGoalId` on. */
export function goalRows(a: Args<"registry", "GoalVersionAdded">, blockNumber: bigint) {
  return a.goals.map((g, i) => ({
    missionId: a.missionId,
    goalId: a.firstGoalId + i,
    version: a.version,
    metricKey: text32(g.metricKey),
    decimals: g.decimals,
    baseline: BigInt(g.baseline),
    target: BigInt(g.target),
    direction: g.target > g.baseline ? "increase" : "decrease",
    firstPeriodEnd: BigInt(g.firstPeriodEnd),
    periodLength: BigInt(g.periodLength),
    periodCount: g.periodCount,
    reportingWindow: BigInt(g.reportingWindow),
    versionURI: a.metadataURI,
    versionContentHash: a.contentHash,
    blockNumber,
  }));
}

/** The `committees` row of a `CommitteeSet` event (without the event columns). */
export function committeeRow(a: Args<"oracle", "CommitteeSet">) {
  const members = a.members.map((x) => getAddress(x));
  return {
    missionId: a.missionId,
    version: a.version,
    members: members.join("|"),
    size: members.length,
    quorum: a.quorum,
    challengeWindow: a.challengeWindow,
    bondToken: getAddress(a.bondToken),
    bondAmount: a.bondAmount,
    arbiter: getAddress(a.arbiter),
    adapter: getAddress(a.adapter),
  };
}

/** The `disputes` row of a `ValueDisputed` event (without the event columns): pending until resolved or unresolved. */
export function disputeRow(a: Args<"oracle", "ValueDisputed">): Omit<DisputeRow, keyof Meta> {
  return {
    missionId: a.missionId,
    goalId: a.goalId,
    period: a.period,
    disputer: getAddress(a.disputer),
    bondToken: getAddress(a.bondToken),
    bond: a.bond,
    outcome: "pending",
    arbiter: null,
    resolvedValue: null,
    disputerWon: null,
  };
}

/** What a `DisputeResolved` event sets on its dispute's row. */
export function disputeResolution(a: Args<"oracle", "DisputeResolved">) {
  return {
    outcome: "resolved",
    arbiter: getAddress(a.arbiter),
    resolvedValue: a.value,
    disputerWon: a.disputerWon,
  } satisfies Partial<DisputeRow>;
}

/** The outcome of a still pending dispute whose slot became Unresolved: the arbiter declared it invalid, or expired. */
export const unresolvedDisputeOutcome = (reason: number): DisputeRow["outcome"] =>
  reason === 1 ? "invalid" : "expired";

/** A `bonds` row (without the event columns): posted by a dispute, credited back or forfeited, withdrawn. */
export function bondRow(kind: BondRow["kind"], token: Address, account: Address, amount: bigint) {
  return { token: getAddress(token), account: getAddress(account), kind, amount };
}

const BPS = 10_000n;

/** The `pool_tranches` rows of a `PoolCreated` event: the schedule, none disbursed yet. */
export function trancheRows(
  pool: Address,
  t: Args<"poolFactory", "PoolCreated" | "ScheduledPoolCreated">["terms"],
): TrancheRow[] {
  const providers = t.schedule.providers.map((p) => getAddress(p));
  return t.schedule.tranches.map((tr, trancheIndex) => ({
    pool,
    trancheIndex,
    provider: providers[tr.provider] ?? null,
    dueAt: BigInt(tr.dueAt),
    shareBps: tr.shareBps,
    // Rounded down, as ImpactPool's MathLib.bpsMulDown.
    amount: (t.capitalTarget * BigInt(tr.shareBps)) / BPS,
    hasMilestone: tr.hasMilestone,
    missionId: tr.missionId,
    goalId: tr.goalId,
    period: tr.period,
    minValue: BigInt(tr.minValue),
    disbursed: false,
    disbursedBlock: null,
  }));
}

/** The `pool_share_transfers` row of a pool's ERC-20 `Transfer` event (without the event columns). */
export function shareTransferRow(pool: Address, a: Args<"pool", "Transfer">): Omit<ShareTransferRow, keyof Meta> {
  const from = getAddress(a.from);
  const to = getAddress(a.to);
  return { pool, kind: shareTransferKind(from, to), from, to, shares: a.value };
}

/** Why a slot ended Unresolved, by name. */
export const unresolvedReason = (reason: number): string => enumName("IMetricOracle.UnresolvedReason", reason);

/** A mission status code by name (Draft, Active, Concluded). */
export const missionStatus = (status: number): string => enumName("IMissionRegistry.MissionStatus", status);

/** The `settlements` row of an escrow's `Settled` event (without the contract and event columns). */
export function escrowSettlement(a: {
  status: number;
  reason: number;
  compositeWad: bigint;
  beneficiaryPot: bigint;
  refundPot: bigint;
}) {
  return {
    status: enumName("IOutcomeEscrow.Status", a.status),
    reason: enumName("IOutcomeEscrow.SettleReason", a.reason),
    compositeWad: a.compositeWad,
    payoutPot: a.beneficiaryPot,
    refundPot: a.refundPot,
    multipleWad: null,
    outcomePayment: null,
  };
}

/** The `settlements` row of a pool's `Settled` event (without the contract and event columns). */
export function poolSettlement(a: {
  resolution: number;
  compositeWad: bigint;
  multipleWad: bigint;
  outcomePayment: bigint;
  investorPot: bigint;
  refundPot: bigint;
}) {
  return {
    status: "Settled",
    reason: enumName("OutcomeLib.Resolution", a.resolution),
    compositeWad: a.compositeWad,
    payoutPot: a.investorPot,
    refundPot: a.refundPot,
    multipleWad: a.multipleWad,
    outcomePayment: a.outcomePayment,
  };
}

/**
 * The `settlements` row of a scheduled pool's `ScheduleSettled` (its last point settled): no resolution nor composite
 * of its own (each point has its resolution in schedule_points), the points' total as the outcome payment.
 */
export function scheduleSettlement(a: { totalPaid: bigint; investorPot: bigint; refundPot: bigint }) {
  return {
    status: "Settled",
    reason: null,
    compositeWad: null,
    payoutPot: a.investorPot,
    refundPot: a.refundPot,
    multipleWad: null,
    outcomePayment: a.totalPaid,
  };
}

/** A pool share transfer: a mint (from the zero address), a burn (to it) or a transfer between holders. */
export const shareTransferKind = (from: string, to: string): "mint" | "burn" | "transfer" =>
  from === zeroAddress ? "mint" : to === zeroAddress ? "burn" : "transfer";
