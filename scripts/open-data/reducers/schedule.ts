/**
 * ScheduledEscrowFactory and ScheduledEscrow events (issue #12) → scheduled_escrows, the per-point tables
 * (schedule_points, schedule_point_terms, schedule_point_tiers), schedule_tier_deposits, escrow_beneficiaries and the
 * shared money tables (`deposits`, `payouts` with contractKind `scheduledEscrow`). Row arithmetic is in
 * `schedule-rows.ts`, which the indexer's handlers use too.
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

  created(row: ScheduledEscrowRow, rows: ReturnType<typeof schedulePointRows>, coPays: bigint[]): void {
    this.escrows.set(row.escrow, row);
    this.coPays.set(row.escrow, coPays);
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

  /** Applies a `PointSettled` of `contract`: the point's settlement, its terms' figures, one row per payer tier. */
  settled(contract: Address, settlement: ReturnType<typeof pointSettlement>, m: Meta): void {
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
  }

  coPaysOf(contract: Address): bigint[] {
    const coPays = this.coPays.get(contract);
    if (coPays === undefined) throw new Error(`exporter: event from unknown scheduled escrow ${contract}`);
    return coPays;
  }

  /** Adds a deposit of `funder` into `tier` to its (contract, funder, tier) row. */
  deposited(contract: Address, funder: Address, tier: number, amount: bigint): void {
    const key = `${contract}:${funder}:${tier}`;
    const row = this.tierDeposits.get(key) ?? {
      contract,
      contractKind: "scheduledEscrow",
      funder,
      tier,
      depositCount: 0,
      deposited: 0n,
    };
    row.depositCount += 1;
    row.deposited += amount;
    this.tierDeposits.set(key, row);
  }
}

export function reduceScheduledEscrowFactory(state: State, { event: e, meta: m }: Decoded<"scheduledEscrowFactory">) {
  if (e.eventName !== "ScheduledEscrowCreated") return;
  const row = scheduledEscrowRow(e.args, m.blockNumber);
  const schedule = e.args.terms.paymentSchedule;
  state.schedule.created(row, schedulePointRows(row.escrow, "scheduledEscrow", schedule), coPaysOf(schedule));
  state.escrowBeneficiaries.push(...beneficiaryRows(row.escrow, e.args.terms.beneficiaries));
}

export function reduceScheduledEscrow(state: State, { address, event: e, meta: m }: Decoded<"scheduledEscrow">): void {
  const books = state.schedule;
  const row = { contract: address, contractKind: "scheduledEscrow" } as const;
  switch (e.eventName) {
    case "Deposited": {
      const funder = escrowDeposit(state, row, e.args, m, books.escrow(address));
      books.deposited(address, funder, Number(e.args.tier), e.args.credited);
      return;
    }
    case "PointSettled": {
      const escrow = books.escrow(address);
      books.settled(address, pointSettlement(address, "scheduledEscrow", e.args, books.coPaysOf(address)), m);
      escrow.pointsSettled += 1;
      escrow.totalPaid += e.args.amount;
      return;
    }
    case "Claimed":
    case "Refunded":
      escrowPayout(
        state,
        { ...row, kind: e.eventName === "Claimed" ? "claim" : "refund" },
        e.args,
        m,
        books.escrow(address),
      );
  }
}
