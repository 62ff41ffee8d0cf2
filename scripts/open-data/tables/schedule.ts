/**
 * Payment-schedule tables (issue #12): scheduled escrows, and per point, per point and term, per point and payer tier,
 * per funder and tier. The per-point tables name their contract by (`contract`, `contractKind`), so every consumer of
 * `IPaymentSchedule` (the scheduled escrow, and the impact pool in scheduled mode) shares them.
 */
import { escrowPayoutColumns, EVENT_COLUMNS, iso, tokens, type TableSpec } from "./columns.js";

/** The columns that name a schedule's contract (the first of every per-point table). */
const CONTRACT_COLUMNS: [string, string][] = [
  ["contract", "Address of the contract that settles the schedule (a scheduled escrow, or a pool in scheduled mode)"],
  ["contractKind", "scheduledEscrow, or pool (a row of pools with scheduled = true)"],
];

export const SCHEDULE_TABLES = {
  scheduled_escrows: {
    about:
      "One row per scheduled escrow created by the ScheduledEscrowFactory (ScheduledEscrowCreated): its terms in " +
      "brief, and running totals from its events. Its points are rows of schedule_points.",
    columns: [
      ["escrow", "Scheduled escrow (clone) address"],
      ["missionId", "Mission id"],
      ["index", "Index among the mission's scheduled escrows"],
      ["creator", "Who created it"],
      ["token", "Deposit token"],
      ["goalVersion", "Pinned goal version"],
      ["fundingDeadline", "Last second deposits are accepted (no point settles before it)"],
      iso("fundingDeadline"),
      ["gracePeriod", "Seconds after a point's deadline before its missing data counts as NoData"],
      ["pointCount", "Points of the schedule (rows in schedule_points)"],
      ["tierCount", "Payer tiers a deposit may name"],
      ["cap", "Overall cap over all points (empty: none)"],
      tokens("cap"),
      ["beneficiaryCount", "Beneficiaries (rows in escrow_beneficiaries)"],
      ["depositCount", "Deposited events"],
      ["totalDeposited", "Σ credited deposits"],
      tokens("totalDeposited"),
      ["pointsSettled", "PointSettled events"],
      ["totalPaid", "Σ amount of the settled points: what the beneficiaries are owed in all"],
      tokens("totalPaid"),
      ...escrowPayoutColumns("ScheduledEscrowCreated"),
    ],
  },
  schedule_points: {
    about:
      "One row per point of every payment schedule, from its creation event; the settlement columns and the event " +
      "columns (of PointSettled) are empty until the point settles.",
    columns: [
      ...CONTRACT_COLUMNS,
      ["pointIndex", "Index of the point (0–15)"],
      ["deadline", "The point's deadline; its no-data cut-off is deadline + gracePeriod"],
      iso("deadline"),
      ["cumulative", "A true-up: pays its entitlement less everything paid before"],
      ["potWad", "Share of the funds its curve terms divide (1e18 = 100 %)"],
      ["cap", "The point's cap (empty: none)"],
      tokens("cap"),
      ["triggerAny", "Trigger is OR of its conditions (false: AND)"],
      ["conditionCount", "Trigger conditions (none: the trigger always holds)"],
      ["termCount", "Terms (rows in schedule_point_terms)"],
      ["settled", "Whether PointSettled was emitted for it"],
      ["resolution", "Achieved, or NoData (a term slot had no data by the cut-off: the point pays 0)"],
      ["triggerHeld", "Whether the trigger held (false: the point pays 0 and its terms are not evaluated)"],
      ["amount", "What the point paid (Σ of schedule_point_tiers.paid)"],
      tokens("amount"),
      ["capHit", "The cap that bound: None, TermPerPoint, TermOverall, Point, Overall or Funds"],
      ...EVENT_COLUMNS,
    ],
  },
  schedule_point_terms: {
    about:
      "One row per term of every point: its slot and price from the creation event, and the figures PointSettled " +
      "carries for it (empty until its point settles with the trigger held and data).",
    columns: [
      ...CONTRACT_COLUMNS,
      ["pointIndex", "Index of the point"],
      ["termIndex", "Index of the term in the point"],
      ["missionId", "Mission of the slot"],
      ["goalId", "Goal of the slot"],
      ["period", "Period of the slot"],
      ["key", "Term key (0–15) its key cap counts against"],
      ["kind", "curve (a share of the point's pot) or rateCard (a price per unit)"],
      ["weightWad", "Curve: weight of the pot (1e18 = 100 %; empty for a rate card)"],
      ["curveKind", "Curve: binary, linear, thresholdLinear or stepped (empty for a rate card)"],
      ["baseline", "Curve baseline (empty for a rate card)"],
      ["target", "Curve target (empty for a rate card)"],
      ["ceilingWad", "Curve: over-achievement ceiling (1e18 = clamped at the target; empty for a rate card)"],
      ["source", "Rate card: count (units = the value) or improvement (against referenceValue); empty for a curve"],
      ["referenceValue", "Rate card: the reference an improvement is measured from (empty for a curve)"],
      ["lowerIsBetter", "Whether the metric must fall (the curve's direction, or the rate card's)"],
      ["scaleWad", "Rate card: units per metric unit (1e18 = 1; empty for a curve)"],
      ["price", "Rate card: price per unit (empty for a curve)"],
      tokens("price"),
      ["capPerPoint", "The term's cap at this point (empty: none)"],
      tokens("capPerPoint"),
      ["unitsWad", "Rate card: units (1e18 = 1); curve: the achievement (1e18 = 100 %)"],
      ["raw", "Entitlement before the term's caps"],
      tokens("raw"),
      ["paid", "Entitlement after the term's caps (before the point's caps and the cumulative deduction)"],
      tokens("paid"),
      ["capHit", "The term cap that bound: None, TermPerPoint or TermOverall"],
    ],
  },
  schedule_point_tiers: {
    about: "What each payer tier paid of each settled point (PointSettled's parts), one row per tier of the schedule.",
    columns: [
      ...CONTRACT_COLUMNS,
      ["pointIndex", "Index of the point"],
      ["tier", "Payer tier"],
      ["coPayWad", "The tier's co-payment share (0: an ordered tier, paying in tier order)"],
      ["paid", "What the tier paid of the point"],
      tokens("paid"),
      ...EVENT_COLUMNS,
    ],
  },
  schedule_tier_deposits: {
    about:
      "Deposits per funder and payer tier of each scheduled escrow (its Deposited events summed), and commitments " +
      "per outcome payer and tier of each scheduled pool (its TierCommitted events summed); each event is also a " +
      "row of deposits. A funder's or payer's refund spans its tiers: it is a row of payouts.",
    columns: [
      ...CONTRACT_COLUMNS,
      ["funder", "Who is credited (gets any refund): the funder of an escrow, the outcome payer of a pool"],
      ["tier", "Payer tier deposited (committed) into"],
      ["depositCount", "Deposited (TierCommitted) events"],
      ["deposited", "Σ credited deposits (commitments)"],
      tokens("deposited"),
    ],
  },
} as const satisfies Record<string, TableSpec>;
