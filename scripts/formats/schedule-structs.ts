/**
 * The on-chain shapes of payment schedules (`IPaymentSchedule`, docs/payment-schedules.md) as TypeScript types whose
 * field names are the Solidity struct fields, with the model's limits and enums. Produced by `toSchedule`
 * (schedule-terms.ts) from a terms file, read by the settlement mirror (scripts/outcomes/schedule-preview.ts).
 */
import type { CurveStruct } from "./outcome-terms.js";
import { uintMax } from "./primitives.js";

/** `type(uint128).max`: "no cap" in the on-chain structs. */
export const NO_CAP = uintMax(128);
/** Limits of the model. */
export const MAX_POINTS = 16;
export const MAX_TERMS = 8;
export const MAX_CONDITIONS = 4;
export const MAX_KEYS = 16;
export const MAX_TIERS = 4;

/** `IPaymentSchedule.TermKind` and `UnitSource`, in their Solidity order. */
export const TermKind = { Curve: 0, RateCard: 1 } as const;
export const UnitSource = { Count: 0, Improvement: 1 } as const;

/** The curve of a rate-card term: every field zero (unused fields are zero, so equal terms encode equally). */
export const EMPTY_CURVE: CurveStruct = {
  kind: 0,
  lowerIsBetter: false,
  baseline: 0n,
  target: 0n,
  threshold: 0n,
  capWad: 0n,
  stepValues: [],
  stepRatiosWad: [],
};

/** `IPaymentSchedule.Condition`. */
export interface ConditionStruct {
  missionId: bigint;
  goalId: number;
  period: number;
  threshold: bigint;
  lowerIsBetter: boolean;
}
/** `IPaymentSchedule.Trigger`. */
export interface TriggerStruct {
  any: boolean;
  conditions: ConditionStruct[];
}
/** `IPaymentSchedule.ScheduleTerm`: the fields of the other kind are zero. */
export interface ScheduleTermStruct {
  missionId: bigint;
  goalId: number;
  period: number;
  key: number;
  kind: number;
  weightWad: bigint;
  curve: CurveStruct;
  ceilingWad: bigint;
  source: number;
  referenceValue: bigint;
  lowerIsBetter: boolean;
  scaleWad: bigint;
  price: bigint;
  capPerPoint: bigint;
}
/** `IPaymentSchedule.Point`. */
export interface PointStruct {
  deadline: bigint;
  cumulative: boolean;
  potWad: bigint;
  cap: bigint;
  trigger: TriggerStruct;
  terms: ScheduleTermStruct[];
}
/** `IPaymentSchedule.PayerTier`. */
export interface PayerTierStruct {
  coPayWad: bigint;
}
/** `IPaymentSchedule.Schedule`. */
export interface ScheduleStruct {
  points: PointStruct[];
  keyCaps: bigint[];
  cap: bigint;
  tiers: PayerTierStruct[];
}
