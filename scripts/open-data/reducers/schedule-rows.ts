/**
 * Pure row builders of the payment-schedule tables (issue #12), shared by the exporter's reducer
 * (`reducers/schedule.ts`) and the indexer's handlers (indexer/src/handlers/schedule.ts), so the two sources of the
 * same rows cannot drift apart. Like `shared.ts`, it imports only viem and the enum names at run time; rows come
 * without the event columns (`Meta`), which each side adds from its own view of the log.
 *
 * The per-point tables (`schedule_points`, `schedule_point_terms`, `schedule_point_tiers`) are keyed by
 * (`contract`, `contractKind`, point…): every consumer of `IPaymentSchedule` — the scheduled escrow and the impact pool
 * in scheduled mode — emits the same `PointSettled` and fills the same rows, told apart by `contractKind`
 * (`scheduledEscrow`, `pool`).
 */
import { getAddress, type Address } from "viem";
import { enumName } from "../../core/errors/enums.js";
import type { EventOf, Kind } from "../decode.js";
import type { EscrowRowBase } from "../state.js";

/** The decoded arguments of event `N` of contract kind `K`. */
type Args<K extends Kind, N extends EventOf<K>["eventName"]> = Extract<EventOf<K>, { eventName: N }>["args"];
type Created = Args<"scheduledEscrowFactory", "ScheduledEscrowCreated">;
/** A payment schedule as a creation event carries it (the scheduled escrow's and the scheduled pool's are the same). */
export type Schedule = Created["terms"]["paymentSchedule"];
/** The arguments of `IPaymentSchedule.PointSettled` (a scheduled escrow's and a scheduled pool's are the same). */
export type PointSettledArgs = Args<"scheduledEscrow", "PointSettled">;

/** Which consumer of a payment schedule a row belongs to: a scheduled escrow, or an impact pool in scheduled mode. */
export type ScheduleContractKind = "scheduledEscrow" | "pool";

/** `type(uint128).max`: a cap of this value is none (docs/payment-schedules.md). */
export const NO_CAP = 2n ** 128n - 1n;
/** A cap as a cell: empty when it is none. */
export const capCell = (cap: bigint): bigint | null => (cap === NO_CAP ? null : cap);

/** A `scheduled_escrows` row. */
export type ScheduledEscrowRow = EscrowRowBase & {
  pointCount: number;
  tierCount: number;
  cap: bigint | null;
  pointsSettled: number;
  totalPaid: bigint;
};

/** A `schedule_points` row: the point's terms from creation, its settlement once `PointSettled` was emitted. */
export type SchedulePointRow = {
  contract: Address;
  contractKind: ScheduleContractKind;
  pointIndex: number;
  deadline: bigint;
  cumulative: boolean;
  potWad: bigint;
  cap: bigint | null;
  triggerAny: boolean;
  conditionCount: number;
  termCount: number;
  settled: boolean;
  resolution: string | null;
  triggerHeld: boolean | null;
  amount: bigint | null;
  capHit: string | null;
  blockNumber: bigint | null;
  timestamp: bigint | null;
  txHash: `0x${string}` | null;
  logIndex: number | null;
};

/** A `schedule_point_terms` row: one term of a point, its figures once the point settled with its terms evaluated. */
export type SchedulePointTermRow = {
  contract: Address;
  contractKind: ScheduleContractKind;
  pointIndex: number;
  termIndex: number;
  missionId: bigint;
  goalId: number;
  period: number;
  key: number;
  kind: string;
  weightWad: bigint | null;
  curveKind: string | null;
  baseline: bigint | null;
  target: bigint | null;
  ceilingWad: bigint | null;
  source: string | null;
  referenceValue: bigint | null;
  lowerIsBetter: boolean;
  scaleWad: bigint | null;
  price: bigint | null;
  capPerPoint: bigint | null;
  unitsWad: bigint | null;
  raw: bigint | null;
  paid: bigint | null;
  capHit: string | null;
};

/** A `schedule_point_tiers` row (without the event columns): what one payer tier paid of a settled point. */
export type SchedulePointTierRow = {
  contract: Address;
  contractKind: ScheduleContractKind;
  pointIndex: number;
  tier: number;
  coPayWad: bigint;
  paid: bigint;
};

/**
 * A `schedule_tier_deposits` row: what one funder deposited into one payer tier of a scheduled escrow, or one outcome
 * payer committed into one payer tier of a scheduled pool.
 */
export type ScheduleTierDepositRow = {
  contract: Address;
  contractKind: ScheduleContractKind;
  funder: Address;
  tier: number;
  depositCount: number;
  deposited: bigint;
};

/**
 * The columns every escrow row (`escrows`, `scheduled_escrows`) takes first from its creation event, after the
 * escrow's address, in the files' column order.
 */
export function escrowHead(a: {
  missionId: bigint;
  index: bigint;
  creator: string;
  terms: { token: string; goalVersion: number; fundingDeadline: number | bigint };
}) {
  const t = a.terms;
  return {
    missionId: a.missionId,
    index: a.index,
    creator: getAddress(a.creator),
    token: getAddress(t.token),
    goalVersion: t.goalVersion,
    fundingDeadline: BigInt(t.fundingDeadline),
  };
}

/** The columns of a `scheduled_escrows` row that come from its `ScheduledEscrowCreated` event, and the zero totals. */
export function scheduledEscrowRow(a: Created, createdBlock: bigint): ScheduledEscrowRow {
  const t = a.terms;
  return {
    escrow: getAddress(a.escrow),
    ...escrowHead(a),
    gracePeriod: t.gracePeriod,
    pointCount: t.paymentSchedule.points.length,
    tierCount: t.paymentSchedule.tiers.length,
    cap: capCell(t.paymentSchedule.cap),
    beneficiaryCount: t.beneficiaries.length,
    depositCount: 0,
    totalDeposited: 0n,
    pointsSettled: 0,
    totalPaid: 0n,
    totalClaimed: 0n,
    totalRefunded: 0n,
    balance: 0n,
    createdBlock,
  };
}

/** The `schedule_points` and `schedule_point_terms` rows of a schedule at creation: nothing settled yet. */
export function schedulePointRows(contract: Address, contractKind: ScheduleContractKind, schedule: Schedule) {
  const points: SchedulePointRow[] = [];
  const terms: SchedulePointTermRow[] = [];
  schedule.points.forEach((p, pointIndex) => {
    points.push({
      contract,
      contractKind,
      pointIndex,
      deadline: BigInt(p.deadline),
      cumulative: p.cumulative,
      potWad: p.potWad,
      cap: capCell(p.cap),
      triggerAny: p.trigger.any,
      conditionCount: p.trigger.conditions.length,
      termCount: p.terms.length,
      settled: false,
      resolution: null,
      triggerHeld: null,
      amount: null,
      capHit: null,
      blockNumber: null,
      timestamp: null,
      txHash: null,
      logIndex: null,
    });
    p.terms.forEach((t, termIndex) => {
      const curve = enumName("IPaymentSchedule.TermKind", t.kind) === "Curve";
      const kind = enumName("PayoutCurves.Kind", t.curve.kind);
      terms.push({
        contract,
        contractKind,
        pointIndex,
        termIndex,
        missionId: t.missionId,
        goalId: t.goalId,
        period: t.period,
        key: t.key,
        kind: curve ? "curve" : "rateCard",
        weightWad: curve ? t.weightWad : null,
        curveKind: curve ? kind.charAt(0).toLowerCase() + kind.slice(1) : null,
        baseline: curve ? t.curve.baseline : null,
        target: curve ? t.curve.target : null,
        ceilingWad: curve ? t.ceilingWad : null,
        source: curve ? null : enumName("IPaymentSchedule.UnitSource", t.source).toLowerCase(),
        referenceValue: curve ? null : t.referenceValue,
        lowerIsBetter: curve ? t.curve.lowerIsBetter : t.lowerIsBetter,
        scaleWad: curve ? null : t.scaleWad,
        price: curve ? null : t.price,
        capPerPoint: capCell(t.capPerPoint),
        unitsWad: null,
        raw: null,
        paid: null,
        capHit: null,
      });
    });
  });
  return { points, terms };
}

/**
 * What a `PointSettled` event sets: the point row's settlement columns, each evaluated term's figures (in term order;
 * none when the terms were not evaluated: no data, or the trigger did not hold), and one tier row per payer tier of the
 * schedule (`coPays`: each tier's `coPayWad`, from creation).
 */
export function pointSettlement(
  contract: Address,
  contractKind: ScheduleContractKind,
  a: PointSettledArgs,
  coPays: readonly bigint[],
) {
  const pointIndex = Number(a.index);
  return {
    pointIndex,
    point: {
      settled: true,
      resolution: enumName("OutcomeLib.Resolution", a.resolution),
      triggerHeld: a.triggerHeld,
      amount: a.amount,
      capHit: enumName("IPaymentSchedule.CapHit", a.capHit),
    },
    terms: a.terms.map((t) => ({
      unitsWad: t.unitsWad,
      raw: t.raw,
      paid: t.paid,
      capHit: enumName("IPaymentSchedule.CapHit", t.capHit),
    })),
    tiers: coPays.map((coPayWad, tier): SchedulePointTierRow => ({
      contract,
      contractKind,
      pointIndex,
      tier,
      coPayWad,
      paid: a.parts[tier] ?? 0n,
    })),
  };
}

/** The tiers' co-payment shares of a schedule at creation (what `pointSettlement` needs for its tier rows). */
export const coPaysOf = (schedule: Schedule): bigint[] => schedule.tiers.map((t) => t.coPayWad);
