/** Errors of payment schedules (`IPaymentSchedule`: `ScheduleLib`'s validation and settlement, both escrows and pools). */
import { count, entry, type ErrorFormat } from "./kinds.js";

export const SCHEDULE_ERRORS: Record<string, ErrorFormat> = {
  /* ---- Validation (the factory and the terms-file checker say the same) ---- */
  PointCount: entry(
    { count: "plain", max: "plain" },
    (f) => `a schedule has 1 to ${f.max} payment points; ${f.count} were given`,
  ),
  PointOrder: entry(
    { index: "plain", deadline: "time", previous: "time" },
    (f) => `point ${f.index}'s deadline ${f.deadline} is before the previous point's ${f.previous}`,
  ),
  PointTermCount: entry(
    { index: "plain", count: "plain", max: "plain" },
    (f) => `point ${f.index} has ${count(f.count, "term")}; 1 to ${f.max} are allowed`,
  ),
  ConditionCount: entry(
    { index: "plain", count: "plain", max: "plain" },
    (f) => `point ${f.index}'s trigger has ${count(f.count, "condition")}; at most ${f.max} are allowed`,
  ),
  KeyCapCount: entry(
    { count: "plain", max: "plain" },
    (f) => `the schedule has ${count(f.count, "key cap")}; at most ${f.max} are allowed`,
  ),
  TermKey: entry(
    { index: "plain", term: "plain", key: "plain" },
    (f) => `point ${f.index} term ${f.term}: key ${f.key} is out of range (keys are 0 to 15)`,
  ),
  ZeroPrice: entry(
    { index: "plain", term: "plain" },
    (f) => `point ${f.index} term ${f.term}: a rate card needs a price above zero`,
  ),
  ZeroScale: entry(
    { index: "plain", term: "plain" },
    (f) => `point ${f.index} term ${f.term}: a rate card needs a scale above zero`,
  ),
  CapConflict: entry(
    { index: "plain", term: "plain", capPerPoint: "amount", keyCap: "amount" },
    (f) =>
      `point ${f.index} term ${f.term}: its cap per point ${f.capPerPoint} is zero, or its key's cap ${f.keyCap} is zero or below it`,
  ),
  TermCeiling: entry(
    { index: "plain", term: "plain", ceilingWad: "wad" },
    (f) =>
      `point ${f.index} term ${f.term}: the ceiling ${f.ceilingWad} is below 100 %, or above it on a curve that cannot run past its target`,
  ),
  PotSum: entry({ sumWad: "wad" }, (f) => `the pots of the non-cumulative points sum to ${f.sumWad}, above 100 %`),
  TierConfig: entry(
    { count: "plain", coPaySumWad: "wad" },
    (f) =>
      `${count(f.count, "payer tier")} with co-payments summing to ${f.coPaySumWad}: 1 to 4 tiers are allowed, co-payments below 100 % and at least one ordered tier`,
  ),

  /* ---- Settlement ---- */
  PointIndex: entry(
    { index: "plain", count: "plain" },
    (f) => `there is no point ${f.index} (the schedule has ${count(f.count, "point")})`,
  ),
  PointAlreadySettled: entry({ index: "plain" }, (f) => `point ${f.index} is already settled`),
  PointProof: entry(
    { index: "plain" },
    (f) => `the point given for ${f.index} is not the one committed in the schedule's points root`,
  ),
  EarlierPointOpen: entry(
    { index: "plain", open: "plain" },
    (f) => `point ${f.index} is cumulative and needs every earlier point settled; point ${f.open} is not`,
  ),
  PointPending: entry(
    { index: "plain" },
    (f) =>
      `a slot point ${f.index} reads can still change (proposed, disputed, or no value before its cut-off); settle it later`,
  ),
};
