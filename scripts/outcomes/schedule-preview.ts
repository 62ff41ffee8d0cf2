/**
 * TypeScript mirror of settling one payment point (`ScheduleLib`, docs/payment-schedules.md "Settling point i"), on
 * bigints, to the wei: per-term raw entitlement, term caps, trigger, cumulative true-up, point / overall / funds caps,
 * the payer-tier split and the ledger update. Pure: the slot results come in classified (`SlotResult`), as the
 * library reads them at settlement time. Used by previews, the terms-file checker and the worked examples of
 * schemas/README.md.
 */
import type { PointStruct, ScheduleStruct, ScheduleTermStruct } from "../formats/schedule-structs.js";
import { NO_CAP, TermKind, UnitSource } from "../formats/schedule-structs.js";
import { achievementWad, reached } from "./payout-curves.js";
import { min, mulDivDown, saturatingSub, WAD, wMulDown } from "./wad.js";

/** `IPaymentSchedule.CapHit`, in Solidity order: the cap that bound a term or a point. */
export const CAP_HITS = ["None", "TermPerPoint", "TermOverall", "Point", "Overall", "Funds"] as const;
export type CapHit = (typeof CAP_HITS)[number];

/** `OutcomeLib.Resolution` of a point. */
export type Resolution = "Pending" | "Achieved" | "NoData";

/**
 * A slot as the library classifies it when the point settles: `final` with its value; `pending` (Proposed or
 * Disputed, or no value yet and the cut-off not passed); `unresolved`; `noValue` (no value and the cut-off passed).
 */
export type SlotResult =
  { status: "final"; value: bigint } | { status: "pending" } | { status: "unresolved" } | { status: "noValue" };

/** Slot results by `slotKey`; a slot missing from the map reads `pending`. */
export type SlotResults = ReadonlyMap<string, SlotResult>;

/** The key of a slot in `SlotResults`. */
export const slotKey = (missionId: bigint, goalId: number, period: number): string =>
  `${missionId}/${goalId}/${period}`;

/** `IPaymentSchedule.Ledger`: what the schedule has paid so far. */
export interface Ledger {
  totalPaid: bigint;
  /** Bit `i` set once point `i` is settled. */
  settled: number;
  /** What counts against each key's cap (16; tracked for capped keys only, as the library does). */
  keyPaid: bigint[];
  /** Committed per payer tier (4). */
  tierCommitted: bigint[];
  /** Paid per payer tier (4). */
  tierPaid: bigint[];
}

/** A fresh ledger with each tier's commitments (a tier's total of deposits or commitments). */
export function newLedger(tierCommitted: bigint[]): Ledger {
  const four = [0, 1, 2, 3].map((t) => tierCommitted[t] ?? 0n);
  return {
    totalPaid: 0n,
    settled: 0,
    keyPaid: Array<bigint>(16).fill(0n),
    tierCommitted: four,
    tierPaid: [0n, 0n, 0n, 0n],
  };
}

/** One term's figures (`PointSettled.terms`): units (a rate card's units, a curve's achievement, both WAD), raw, paid, cap. */
export interface TermPreview {
  termIndex: number;
  key: number;
  unitsWad: bigint;
  raw: bigint;
  paid: bigint;
  capHit: CapHit;
}

/** A point's figures (`PointSettled` and `previewPayment`). */
export interface PointPreview {
  index: number;
  resolution: Resolution;
  /** The trigger's verdict (also on a NoData point, as the library reports it); false when Pending. */
  triggerHeld: boolean;
  /** Each condition's verdict, in order. */
  conditions: boolean[];
  terms: TermPreview[];
  /** Σ paid_t, less everything paid before for a cumulative point: the entitlement before point caps. */
  entitlement: bigint;
  /** What the point pays (Σ parts). */
  amount: bigint;
  capHit: CapHit;
  /** Paid by each payer tier, in tier order. */
  parts: bigint[];
}

/**
 * A call the library would revert, by its custom error's name and arguments (`PointIndex(i, count)`,
 * `PointAlreadySettled(i)`, `EarlierPointOpen(i, j)`, `PointPending(i)`).
 */
export class ScheduleError extends Error {
  constructor(
    readonly errorName: string,
    readonly args: number[],
  ) {
    super(`${errorName}(${args.join(", ")})`);
  }
}

const resultOf = (results: SlotResults, s: { missionId: bigint; goalId: number; period: number }): SlotResult =>
  results.get(slotKey(s.missionId, s.goalId, s.period)) ?? { status: "pending" };

const valueOf = (r: SlotResult): bigint | undefined => (r.status === "final" ? r.value : undefined);

/**
 * Step 2: the point's resolution. Pending wins: any term or condition slot that can still change makes the point
 * Pending (the library reverts `PointPending`), even when another term slot is already Unresolved; otherwise a term
 * slot Unresolved or without a value after the cut-off makes it NoData. A condition without data is only false.
 */
function resolve(point: PointStruct, results: SlotResults): Resolution {
  const terms = point.terms.map((t) => resultOf(results, t));
  const all = [...terms, ...point.trigger.conditions.map((c) => resultOf(results, c))];
  if (all.some((r) => r.status === "pending")) return "Pending";
  return terms.some((r) => r.status !== "final") ? "NoData" : "Achieved";
}

/** `type(uint256).max`: a rate card's entitlement when units × price overflows 256 bits (it saturates). */
export const UINT256_MAX = (1n << 256n) - 1n;

/** Step 4: a term's entitlement before caps, and its units (WAD). */
function rawOf(t: ScheduleTermStruct, value: bigint, funds: bigint, potWad: bigint): { unitsWad: bigint; raw: bigint } {
  if (t.kind === TermKind.Curve) {
    const achieved = achievementWad(t.curve, value, t.ceilingWad);
    return { unitsWad: achieved, raw: mulDivDown(wMulDown(funds, potWad), t.weightWad * achieved, WAD * WAD) };
  }
  let base = value;
  if (t.source === UnitSource.Improvement)
    base = t.lowerIsBetter ? saturatingSub(t.referenceValue, value) : saturatingSub(value, t.referenceValue);
  const unitsWad = base * t.scaleWad;
  // The library saturates where units × price overflows 256 bits (above every cap and all funds).
  return { unitsWad, raw: unitsWad * t.price > UINT256_MAX ? UINT256_MAX : mulDivDown(unitsWad, t.price, WAD) };
}

/**
 * Lowers `amount` to each cap below it, in order; the last cap that lowered it is the tightest (ties: the first). A
 * cap of `NO_CAP` (`type(uint128).max`) still clamps (an entitlement above it) but is never named.
 */
function capped(amount: bigint, caps: [bigint, CapHit][], otherwise: CapHit): { value: bigint; hit: CapHit } {
  let value = amount;
  let hit = otherwise;
  for (const [cap, name] of caps) {
    if (cap < value) {
      value = cap;
      if (cap !== NO_CAP) hit = name;
    }
  }
  return { value, hit };
}

/** Step 6: splits `amount` across the tiers — co-payment tiers first, the rest on the ordered tiers in order. */
function splitTiers(schedule: ScheduleStruct, ledger: Ledger, amount: bigint): bigint[] {
  const left = schedule.tiers.map((_, t) => saturatingSub(ledger.tierCommitted[t] ?? 0n, ledger.tierPaid[t] ?? 0n));
  const parts = schedule.tiers.map((tier, t) =>
    tier.coPayWad > 0n ? min(wMulDown(amount, tier.coPayWad), left[t] ?? 0n) : 0n,
  );
  let rest = amount - parts.reduce((a, b) => a + b, 0n);
  schedule.tiers.forEach((tier, t) => {
    if (tier.coPayWad > 0n) return;
    const part = min(rest, left[t] ?? 0n);
    parts[t] = part;
    rest -= part;
  });
  return parts;
}

/** Whether point `index`'s trigger holds, and each condition (no data at the cut-off is false). */
function triggerOf(point: PointStruct, results: SlotResults): { held: boolean; conditions: boolean[] } {
  const conditions = point.trigger.conditions.map((c) => {
    const value = valueOf(resultOf(results, c));
    return value !== undefined && reached(value, c.threshold, c.lowerIsBetter);
  });
  if (conditions.length === 0) return { held: true, conditions };
  return { held: point.trigger.any ? conditions.some(Boolean) : conditions.every(Boolean), conditions };
}

/**
 * What settling point `index` pays now (`previewPayment`): the library's order of operations on `ledger`, with
 * `funds` the total deposited (escrow) or committed (pool). Pending, NoData and a failed trigger pay 0. Throws a
 * `ScheduleError` where the library reverts before reading (no such point, settled, an earlier point open).
 */
export function previewPoint(
  schedule: ScheduleStruct,
  ledger: Ledger,
  index: number,
  results: SlotResults,
  funds: bigint,
): PointPreview {
  const point = schedule.points[index];
  if (point === undefined) throw new ScheduleError("PointIndex", [index, schedule.points.length]);
  if ((ledger.settled >> index) & 1) throw new ScheduleError("PointAlreadySettled", [index]);
  if (point.cumulative) {
    for (let j = 0; j < index; j++)
      if (((ledger.settled >> j) & 1) === 0) throw new ScheduleError("EarlierPointOpen", [index, j]);
  }
  const zero = {
    index,
    triggerHeld: false,
    conditions: [],
    terms: [],
    entitlement: 0n,
    amount: 0n,
    capHit: "None" as const,
  };
  const noParts = schedule.tiers.map(() => 0n);
  const resolution = resolve(point, results);
  if (resolution === "Pending") return { ...zero, resolution, parts: noParts };
  const trigger = triggerOf(point, results);
  if (resolution === "NoData" || !trigger.held)
    return { ...zero, resolution, triggerHeld: trigger.held, conditions: trigger.conditions, parts: noParts };

  // This point's payments per capped key so far: two terms on one key share its cap.
  const added = new Map<number, bigint>();
  const terms = point.terms.map((t, termIndex): TermPreview => {
    const value = valueOf(resultOf(results, t)) ?? 0n;
    const { unitsWad, raw } = rawOf(t, value, funds, point.potWad);
    let paid = capped(raw, [[t.capPerPoint, "TermPerPoint"]], "None");
    const keyCap = schedule.keyCaps[t.key] ?? NO_CAP;
    if (keyCap !== NO_CAP) {
      // A cumulative term is already an entitlement on all results: only this point's own payments on the key
      // count against its cap (the point deducts everything paid earlier as a whole).
      const own = added.get(t.key) ?? 0n;
      const counted = point.cumulative ? own : own + (ledger.keyPaid[t.key] ?? 0n);
      const keyLeft = saturatingSub(keyCap, counted);
      if (paid.value > keyLeft) paid = { value: keyLeft, hit: "TermOverall" };
      added.set(t.key, own + paid.value);
    }
    return { termIndex, key: t.key, unitsWad, raw, paid: paid.value, capHit: paid.hit };
  });
  const sum = terms.reduce((acc, t) => acc + t.paid, 0n);
  const entitlement = point.cumulative ? saturatingSub(sum, ledger.totalPaid) : sum;
  const termHit = terms.find((t) => t.capHit !== "None")?.capHit ?? "None";
  // Point caps in the library's order; a `NO_CAP` point or overall cap does not bind, the funds always do.
  let value = entitlement;
  let hit = termHit;
  if (point.cap !== NO_CAP && value > point.cap) [value, hit] = [point.cap, "Point"];
  const capLeft = saturatingSub(schedule.cap, ledger.totalPaid);
  if (schedule.cap !== NO_CAP && value > capLeft) [value, hit] = [capLeft, "Overall"];
  const fundsLeft = saturatingSub(funds, ledger.totalPaid);
  if (value > fundsLeft) [value, hit] = [fundsLeft, "Funds"];
  const parts = splitTiers(schedule, ledger, value);
  const amount = parts.reduce((a, b) => a + b, 0n);
  // What no tier can cover is not paid: the amount shrinks to Σ parts, and the funds are the cap that bound.
  const capHit: CapHit = amount < value ? "Funds" : hit;
  return {
    index,
    resolution,
    triggerHeld: true,
    conditions: trigger.conditions,
    terms,
    entitlement,
    amount,
    capHit,
    parts,
  };
}

/** Step 7: the ledger after `preview` (of a point of `schedule`) is settled; `ledger` is not changed. */
export function applyPoint(schedule: ScheduleStruct, ledger: Ledger, preview: PointPreview): Ledger {
  if (preview.resolution === "Pending") throw new ScheduleError("PointPending", [preview.index]);
  const cumulative = schedule.points[preview.index]?.cumulative ?? false;
  const keyPaid = [...ledger.keyPaid];
  // Capped keys only. A cumulative point raises a key's ledger to its own payments on the key (never under-counts).
  const added = new Map<number, bigint>();
  for (const t of preview.terms) {
    if ((schedule.keyCaps[t.key] ?? NO_CAP) === NO_CAP) continue;
    const before = keyPaid[t.key] ?? 0n;
    const own = (added.get(t.key) ?? 0n) + t.paid;
    added.set(t.key, own);
    keyPaid[t.key] = cumulative ? (own > before ? own : before) : before + t.paid;
  }
  return {
    totalPaid: ledger.totalPaid + preview.amount,
    settled: ledger.settled | (1 << preview.index),
    keyPaid,
    tierCommitted: [...ledger.tierCommitted],
    tierPaid: ledger.tierPaid.map((p, t) => p + (preview.parts[t] ?? 0n)),
  };
}

/** Previews point `index` and applies it: the figures and the ledger after. */
export function settlePoint(
  schedule: ScheduleStruct,
  ledger: Ledger,
  index: number,
  results: SlotResults,
  funds: bigint,
): { preview: PointPreview; ledger: Ledger } {
  const preview = previewPoint(schedule, ledger, index, results, funds);
  return { preview, ledger: applyPoint(schedule, ledger, preview) };
}

/**
 * One payer's position in tier `tier` with `commitment` (its deposit or commitment): paid so far,
 * `mulDivDown(tierPaid, commitment, tierCommitted)`, and its refund after the last point, the unpaid share rounded
 * down (`mulDivDown(tierCommitted − tierPaid, commitment, tierCommitted)`), so the refunds never exceed what is held.
 */
export function payerPosition(ledger: Ledger, tier: number, commitment: bigint): { paid: bigint; refund: bigint } {
  const committed = ledger.tierCommitted[tier] ?? 0n;
  if (committed === 0n) return { paid: 0n, refund: 0n };
  const tierPaid = ledger.tierPaid[tier] ?? 0n;
  return {
    paid: mulDivDown(tierPaid, commitment, committed),
    refund: mulDivDown(committed - tierPaid, commitment, committed),
  };
}
