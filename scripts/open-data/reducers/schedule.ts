/**
 * ScheduledEscrowFactory and ScheduledEscrow events (issue #12) → scheduled_escrows, the per-point tables
 * (schedule_points, schedule_point_terms, schedule_point_tiers), schedule_tier_deposits, escrow_beneficiaries and the
 * shared money tables (`deposits`, `payouts` with contractKind `scheduledEscrow`). `ScheduleBooks` keeps the
 * payment-schedule rows of every consumer: the impact pool's reducer (`pool.ts`) fills the same per-point and per-tier
 * rows of a pool in scheduled mode through it (contractKind `pool`). Row arithmetic is in `schedule-rows.ts`, which the
 * indexer's handlers use too.
 */
import type { Address } from "viem";
import type { Decoded, Meta } from "../decode.js";
import type { State } from "../state.js";
import { escrowDeposit, escrowPayout } from "./escrow.js";
import { beneficiaryRows } from "./shared.js";
import {
  coPaysOf,
  pointSettlement,
  schedulePointRows,
  scheduledEscrowRow,
  type PointSettledArgs,
  type Schedule,
  type ScheduleContractKind,
  type ScheduledEscrowRow,
  type SchedulePointRow,
  type SchedulePointTermRow,
  type SchedulePointTierRow,
  type ScheduleTierDepositRow,
} from "./schedule-rows.js";

/** The rows of the payment-schedule tables being rebuilt, with their lookups. */
export class ScheduleBooks {
  escrows = new Map<Address, ScheduledEscrowRow>();
  points: SchedulePointRow[] = [];
  terms: SchedulePointTermRow[] = [];
  tiers: (SchedulePointTierRow & Meta)[] = [];
  tierDeposits = new Map<string, ScheduleTierDepositRow>();
  private coPays = new Map<Address, bigint[]>();
  private pointAt = new Map<string, SchedulePointRow>();
  private termsAt = new Map<string, SchedulePointTermRow[]>();

  escrow(address: Address): ScheduledEscrowRow {
    const e = this.escrows.get(address);
    if (e === undefined) throw new Error(`exporter: event from unknown scheduled escrow ${address}`);
    return e;
  }

  /** Adds the points and terms of `contract`'s payment schedule at its creation, and its tiers' co-payment shares. */
  created(contract: Address, contractKind: ScheduleContractKind, schedule: Schedule): void {
    const rows = schedulePointRows(contract, contractKind, schedule);
    this.coPays.set(contract, coPaysOf(schedule));
    for (const p of rows.points) {
      this.points.push(p);
      this.pointAt.set(`${p.contract}:${p.pointIndex}`, p);
    }
    for (const t of rows.terms) {
      this.terms.push(t);
      const key = `${t.contract}:${t.pointIndex}`;
      this.termsAt.set(key, [...(this.termsAt.get(key) ?? []), t]);
    }
  }

  /**
   * Applies a `PointSettled` of `contract`: the point's settlement, its terms' figures, one row per payer tier, and
   * the contract row's running totals (`pointsSettled`, `totalPaid`).
   */
  settled(
    contract: Address,
    contractKind: ScheduleContractKind,
    args: PointSettledArgs,
    m: Meta,
    totals: { pointsSettled: number; totalPaid: bigint },
  ): void {
    const coPays = this.coPays.get(contract);
    if (coPays === undefined) throw new Error(`exporter: PointSettled from ${contract}, which has no schedule`);
    const settlement = pointSettlement(contract, contractKind, args, coPays);
    const key = `${contract}:${settlement.pointIndex}`;
    const point = this.pointAt.get(key);
    if (point === undefined) throw new Error(`exporter: PointSettled for unknown point ${key}`);
    Object.assign(point, settlement.point, m);
    const terms = this.termsAt.get(key) ?? [];
    settlement.terms.forEach((figures, t) => {
      const term = terms[t];
      if (term === undefined) throw new Error(`exporter: PointSettled for unknown term ${t} of point ${key}`);
      Object.assign(term, figures);
    });
    for (const tier of settlement.tiers) this.tiers.push({ ...tier, ...m });
    totals.pointsSettled += 1;
    totals.totalPaid += args.amount;
  }

  /** Adds a deposit (or a pool's tier commitment) of `funder` into `tier` to its (contract, funder, tier) row. */
  deposited(contract: Address, contractKind: ScheduleContractKind, funder: Address, tier: number, amount: bigint) {
    const key = `${contract}:${funder}:${tier}`;
    const row = this.tierDeposits.get(key) ?? { contract, contractKind, funder, tier, depositCount: 0, deposited: 0n };
    row.depositCount += 1;
    row.deposited += amount;
    this.tierDeposits.set(key, row);
  }
}

export function reduceScheduledEscrowFactory(state: State, { event: e, meta: m }: Decoded<"scheduledEscrowFactory">) {
  if (e.eventName !== "ScheduledEscrowCreated") return;
  const row = scheduledEscrowRow(e.args, m.blockNumber);
  state.schedule.escrows.set(row.escrow, row);
  state.schedule.created(row.escrow, "scheduledEscrow", e.args.terms.paymentSchedule);
  state.escrowBeneficiaries.push(...beneficiaryRows(row.escrow, e.args.terms.beneficiaries));
}

export function reduceScheduledEscrow(state: State, { address, event: e, meta: m }: Decoded<"scheduledEscrow">): void {
  const books = state.schedule;
  const row = { contract: address, contractKind: "scheduledEscrow" } as const;
  switch (e.eventName) {
    case "Deposited": {
      const funder = escrowDeposit(state, row, e.args, m, books.escrow(address));
      books.deposited(address, row.contractKind, funder, Number(e.args.tier), e.args.credited);
      return;
    }
    case "PointSettled":
      books.settled(address, row.contractKind, e.args, m, books.escrow(address));
      return;
    case "Claimed":
    case "Refunded":
      escrowPayout(state, row, e, m, books.escrow(address));
  }
}
