/**
 * The state the reducers rebuild: one typed row per entity (missions, slots, escrows, pools …) with running counters
 * and totals, and the event rows of each table. `tables()` returns them in the shape of `TABLES`.
 */
import type { Address, Hex } from "viem";
import type { Meta } from "./decode.js";
import { ClassBooks } from "./reducers/classes.js";
import { ScheduleBooks } from "./reducers/schedule.js";
import { newSlot } from "./reducers/shared.js";
import type { Row, TableName } from "./tables.js";

export type MissionRow = {
  missionId: bigint;
  hashtag: string;
  steward: Address;
  status: string;
  metadataURI: string;
  contentHash: Hex;
  versionCount: number;
  goalCount: number;
  participantCount: number;
  pledgeCount: number;
  endorsementCount: number;
  createdBlock: bigint;
  createdAt: bigint | null;
};

export type ParticipantRow = {
  missionId: bigint;
  account: Address;
  roles: number;
  roleNames: string;
  joinedBlock: bigint;
  pledgeCount: number;
  endorsementsReceived: number;
  endorsementsGiven: number;
};

export type ReportRow = {
  missionId: bigint;
  goalId: number;
  period: number;
  reporter: Address;
  value: bigint;
  evidenceHash: Hex;
  via: Address;
  withdrawn: boolean;
} & Meta;

export type SlotRow = {
  missionId: bigint;
  goalId: number;
  period: number;
  status: string;
  committeeVersion: number | null;
  reportCount: number;
  proposedValue: bigint | null;
  challengeEnd: number | null;
  disputed: boolean;
  finalValue: bigint | null;
  finalizedAt: number | null;
  unresolvedReason: string | null;
};

export type DisputeRow = {
  missionId: bigint;
  goalId: number;
  period: number;
  disputer: Address;
  bondToken: Address;
  bond: bigint;
  outcome: "pending" | "resolved" | "invalid" | "expired";
  arbiter: Address | null;
  resolvedValue: bigint | null;
  disputerWon: boolean | null;
} & Meta;

/** What the rows of both escrow kinds (`escrows`, `scheduled_escrows`) have: identity, creation and the totals. */
export type EscrowRowBase = {
  escrow: Address;
  missionId: bigint;
  index: bigint;
  creator: Address;
  token: Address;
  goalVersion: number;
  fundingDeadline: bigint;
  gracePeriod: number;
  beneficiaryCount: number;
  depositCount: number;
  totalDeposited: bigint;
  totalClaimed: bigint;
  totalRefunded: bigint;
  balance: bigint;
  createdBlock: bigint;
};

export type EscrowRow = EscrowRowBase & {
  minFunding: bigint;
  settlementDeadline: bigint;
  outcomeCount: number;
  status: string;
  settleReason: string | null;
  compositeWad: bigint | null;
  beneficiaryPot: bigint | null;
  refundPot: bigint | null;
};

export type PoolRow = {
  pool: Address;
  poolIndex: bigint;
  creator: Address;
  name: string;
  symbol: string;
  token: Address;
  capitalTarget: bigint;
  raiseDeadline: bigint;
  fundCap: bigint;
  settlementDeadline: bigint;
  gracePeriod: bigint;
  repaymentThresholdWad: bigint | null;
  repaymentPrincipalAtWad: bigint | null;
  repaymentMaxReturnWad: bigint | null;
  providerCount: number;
  trancheCount: number;
  outcomeCount: number;
  scheduled: boolean;
  pointCount: number;
  tierCount: number;
  scheduleCap: bigint | null;
  phase: "Raising" | "Funded" | "Settled";
  totalInvested: bigint;
  totalWithdrawn: bigint;
  totalCommitted: bigint;
  totalDisbursed: bigint;
  pointsSettled: number;
  totalPaid: bigint;
  resolution: string | null;
  compositeWad: bigint | null;
  multipleWad: bigint | null;
  outcomePayment: bigint | null;
  investorPot: bigint | null;
  refundPot: bigint | null;
  totalRedeemed: bigint;
  totalRefunded: bigint;
  sharesOutstanding: bigint;
  balance: bigint;
  createdBlock: bigint;
};

export type TrancheRow = {
  pool: Address;
  trancheIndex: number;
  provider: Address | null;
  dueAt: bigint;
  shareBps: number;
  amount: bigint;
  hasMilestone: boolean;
  missionId: bigint;
  goalId: number;
  period: number;
  minValue: bigint;
  disbursed: boolean;
  disbursedBlock: bigint | null;
};

/** The columns of one outcome term (escrow outcomes and pool baskets), after the escrow or pool column. */
export type OutcomeTermRow = {
  termIndex: number;
  missionId: bigint;
  goalId: number;
  period: number;
  weightWad: bigint;
  curveKind: string;
  lowerIsBetter: boolean;
  baseline: bigint;
  target: bigint;
  threshold: bigint;
  capWad: bigint;
  steps: string;
};

/** Which contract a money row belongs to: an outcome escrow, a scheduled escrow or an impact pool. */
export type MoneyContractKind = "escrow" | "scheduledEscrow" | "pool";

/** Money in (escrow deposits, pool investments and commitments, a classed pool's guarantee). */
export type DepositRow = {
  contract: Address;
  contractKind: MoneyContractKind;
  kind: "deposit" | "invest" | "commit" | "guarantee";
  account: Address;
  payer: Address;
  amount: bigint;
} & Meta;

/**
 * Money out (escrow claims and refunds; pool disbursements, withdrawals, redemptions and refunds; a classed pool's
 * class claims, provider incentives and guarantee returned).
 */
export type PayoutRow = {
  contract: Address;
  contractKind: MoneyContractKind;
  kind: "claim" | "refund" | "disburse" | "withdraw" | "redeem" | "incentive" | "guarantee";
  account: Address;
  amount: bigint;
  shares: bigint | null;
} & Meta;

export type SettlementRow = {
  contract: Address;
  contractKind: "escrow" | "pool";
  status: string;
  reason: string | null;
  compositeWad: bigint | null;
  payoutPot: bigint;
  refundPot: bigint;
  multipleWad: bigint | null;
  outcomePayment: bigint | null;
} & Meta;

/** Dispute bond bookkeeping of the oracle. */
export type BondRow = {
  token: Address;
  account: Address;
  kind: "posted" | "credited" | "withdrawn";
  amount: bigint;
} & Meta;

/** A transfer of pool shares (mint, burn or transfer between holders). */
export type ShareTransferRow = {
  pool: Address;
  kind: "mint" | "burn" | "transfer";
  from: Address;
  to: Address;
  shares: bigint;
} & Meta;

/** Key of a metric slot (mission, goal, period). */
export const slotKey = (missionId: bigint, goalId: number, period: number): string =>
  `${missionId}:${goalId}:${period}`;

export class State {
  missions = new Map<bigint, MissionRow>();
  goals: Row[] = [];
  participants = new Map<string, ParticipantRow>();
  pledges: Row[] = [];
  endorsements: Row[] = [];
  committees: Row[] = [];
  reports: ReportRow[] = [];
  slots = new Map<string, SlotRow>();
  disputes = new Map<string, DisputeRow>();
  bonds: BondRow[] = [];
  escrows = new Map<Address, EscrowRow>();
  escrowOutcomes: ({ escrow: Address } & OutcomeTermRow)[] = [];
  escrowBeneficiaries: Row[] = [];
  pools = new Map<Address, PoolRow>();
  poolOutcomes: ({ pool: Address } & OutcomeTermRow)[] = [];
  poolTranches: TrancheRow[] = [];
  poolShareTransfers: ShareTransferRow[] = [];
  deposits: DepositRow[] = [];
  settlements: SettlementRow[] = [];
  payouts: PayoutRow[] = [];
  /** Scheduled escrows, and the payment schedules of scheduled escrows and pools (issue #12). */
  schedule = new ScheduleBooks();
  /** Classed pools' classes, points, guarantees and class share transfers (issue #13). */
  classes = new ClassBooks();

  mission(id: bigint): MissionRow {
    const m = this.missions.get(id);
    if (m === undefined) throw new Error(`exporter: event for unknown mission ${id} (is fromBlock too late?)`);
    return m;
  }

  participant(missionId: bigint, account: Address): ParticipantRow {
    const key = `${missionId}:${account}`;
    const p = this.participants.get(key);
    if (p === undefined) throw new Error(`exporter: event for a participant that never joined: ${key}`);
    return p;
  }

  /** The slot's row, created (Collecting) on its first event. */
  slot(missionId: bigint, goalId: number, period: number): SlotRow {
    const key = slotKey(missionId, goalId, period);
    let s = this.slots.get(key);
    if (s === undefined) {
      s = newSlot({ missionId, goalId, period });
      this.slots.set(key, s);
    }
    return s;
  }

  escrow(address: Address): EscrowRow {
    const e = this.escrows.get(address);
    if (e === undefined) throw new Error(`exporter: event from unknown escrow ${address}`);
    return e;
  }

  pool(address: Address): PoolRow {
    const p = this.pools.get(address);
    if (p === undefined) throw new Error(`exporter: event from unknown pool ${address}`);
    return p;
  }

  tables() {
    const bySlot = (x: SlotRow, y: SlotRow) =>
      Number(x.missionId - y.missionId) || x.goalId - y.goalId || x.period - y.period;
    return {
      missions: [...this.missions.values()],
      goals: this.goals,
      participants: [...this.participants.values()],
      pledges: this.pledges,
      endorsements: this.endorsements,
      committees: this.committees,
      reports: this.reports,
      metric_values: [...this.slots.values()].sort(bySlot),
      disputes: [...this.disputes.values()],
      bonds: this.bonds,
      escrows: [...this.escrows.values()],
      escrow_outcomes: this.escrowOutcomes,
      escrow_beneficiaries: this.escrowBeneficiaries,
      scheduled_escrows: [...this.schedule.escrows.values()],
      schedule_points: this.schedule.points,
      schedule_point_terms: this.schedule.terms,
      schedule_point_tiers: this.schedule.tiers,
      schedule_tier_deposits: [...this.schedule.tierDeposits.values()],
      pools: [...this.pools.values()],
      pool_outcomes: this.poolOutcomes,
      pool_tranches: this.poolTranches,
      pool_share_transfers: this.poolShareTransfers,
      pool_classes: [...this.classes.classes.values()],
      pool_class_points: this.classes.points,
      pool_guarantees: [...this.classes.guarantees.values()],
      pool_class_transfers: this.classes.transfers,
      deposits: this.deposits,
      settlements: this.settlements,
      payouts: this.payouts,
    } satisfies Record<TableName, Row[]>;
  }
}

/**
 * The exported tables, one array of rows per table. Rows of the tables that carry money (and of the entities with
 * running totals) are typed, so a consumer reads `amount` as a bigint without a cast; all are `Row`s.
 */
export type Tables = ReturnType<State["tables"]>;
