// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {OutcomeLib} from "./OutcomeLib.sol";
import {PayoutCurves} from "./PayoutCurves.sol";

/// @title IPaymentSchedule
/// @notice The shapes, errors and events of a payment schedule (issue #12, `docs/payment-schedules.md`): up to 16
/// payment points, each with its own terms (curves on a pot share, or rate cards at a price per unit), an AND/OR
/// trigger, caps per term, per key, per point and overall, cumulative true-up points, and up to 4 payer tiers.
/// `ScheduleLib` validates, evaluates and settles them; escrows and pools both settle through it.
/// @dev All fractions are WAD (1e18 = 100 %), amounts are token base units, every division rounds down (favours
/// the payer).
interface IPaymentSchedule {
    /// @notice How a term is paid. `Curve`: a weighted share of the point's pot, by a payout curve's achievement.
    /// `RateCard`: a price per unit, units counted from the metric or from an improvement against a reference.
    enum TermKind {
        Curve,
        RateCard
    }

    /// @notice Where a rate card's units come from. `Count`: the metric value itself. `Improvement`: how far the
    /// value is past `referenceValue` in the term's direction (never negative).
    enum UnitSource {
        Count,
        Improvement
    }

    /// @notice Which cap bound a payment (the tightest; on a tie the first in this order). Term level:
    /// `TermPerPoint` (the term's `capPerPoint`), `TermOverall` (its key's cap over all points). Point level:
    /// `Point` (the point's cap), `Overall` (the schedule's cap), `Funds` (what is left of the funds, or what the
    /// payer tiers can still cover).
    enum CapHit {
        None,
        TermPerPoint,
        TermOverall,
        Point,
        Overall,
        Funds
    }

    /// @notice Holds when slot (missionId, goalId, period)'s final value reaches `threshold` in the metric's
    /// direction (`>=` when it must rise, `<=` when it must fall). A slot without data at the cut-off is false.
    struct Condition {
        uint256 missionId;
        uint8 goalId;
        uint16 period;
        uint64 threshold;
        bool lowerIsBetter;
    }

    /// @notice A point's trigger: OR of the conditions when `any`, AND otherwise; no condition = always holds.
    struct Trigger {
        bool any;
        Condition[] conditions;
    }

    /// @notice One term of a point, paid on slot (missionId, goalId, period). Fields of the other kind stay zero.
    /// @param key Which key cap (0–15) and key ledger the term counts against.
    /// @param weightWad Curve: weight of the term in the point's pot; a point's curve weights sum to WAD.
    /// @param curve Curve: the payout curve.
    /// @param ceilingWad Curve: highest achievement, ≥ WAD (WAD: clamped at the target; above: linear kinds run
    /// past the target up to it).
    /// @param source RateCard: where units come from.
    /// @param referenceValue RateCard (Improvement): the value improvements are measured from.
    /// @param lowerIsBetter RateCard (Improvement): the metric must fall (units = reference − value).
    /// @param scaleWad RateCard: units per unit of base (WAD: one unit per metric unit).
    /// @param price RateCard: token base units paid per unit (per WAD of units).
    /// @param capPerPoint Most this term pays at this point (`type(uint128).max` = none).
    struct ScheduleTerm {
        uint256 missionId;
        uint8 goalId;
        uint16 period;
        uint8 key;
        TermKind kind;
        uint64 weightWad;
        PayoutCurves.Curve curve;
        uint64 ceilingWad;
        UnitSource source;
        uint64 referenceValue;
        bool lowerIsBetter;
        uint128 scaleWad;
        uint128 price;
        uint128 capPerPoint;
    }

    /// @notice One payment point (a cohort, a year, a quarter).
    /// @param deadline The point's settlement deadline; its no-data cut-off is `deadline + gracePeriod`.
    /// @param cumulative True-up: the point pays its entitlement on all results so far minus everything paid.
    /// @param potWad Share of the funds the point's curve terms divide (Σ over non-cumulative points ≤ WAD).
    /// @param cap Most the point pays (`type(uint128).max` = none).
    struct Point {
        uint40 deadline;
        bool cumulative;
        uint64 potWad;
        uint128 cap;
        Trigger trigger;
        ScheduleTerm[] terms;
    }

    /// @notice A payer tier. `coPayWad == 0`: an ordered tier, paying in tier order up to its commitment. `> 0`: a
    /// co-payment tier, paying that fraction of every payment up to its commitment.
    struct PayerTier {
        uint64 coPayWad;
    }

    /// @notice A whole schedule, as the factory validates it (`ScheduleLib.validate`) and commits to it
    /// (`ScheduleLib.pointsRoot`).
    /// @param keyCaps Cap per term key over all points (missing entries and `type(uint128).max` = none).
    /// @param cap Overall cap (`type(uint128).max` = none).
    struct Schedule {
        Point[] points;
        uint128[] keyCaps;
        uint128 cap;
        PayerTier[] tiers;
    }

    /// @notice What a consumer (escrow, pool) keeps of a schedule and passes to every settlement: the Merkle root of
    /// the points and the header, plus its own frozen figures.
    /// @param versions The pinned committee version of each slot read: term `t` in 16-bit lane `t` (0–7), condition
    /// `c` in lane `8 + c` (`ScheduleLib.uniformVersions` for a one-mission consumer).
    /// @param funds Total deposited (escrow) or committed (pool), frozen before the first point can settle.
    struct Header {
        IMetricFeed feed;
        bytes32 pointsRoot;
        uint8 pointCount;
        uint40 gracePeriod;
        uint128 funds;
        uint128 cap;
        uint256 versions;
        uint128[] keyCaps;
        PayerTier[] tiers;
    }

    /// @notice A payer tier's books: what its payers committed and what it has paid so far (one storage word).
    struct TierBook {
        uint128 committed;
        uint128 paid;
    }

    /// @notice The consumer's storage of a schedule. The first word (settled, totalPaid, totalCommitted) is written at
    /// the first commitment, so settling a point never writes a fresh storage word there.
    /// @param settled Bit `i` set once point `i` settled. @param totalPaid Σ of every point's amount (= Σ tier paid).
    /// @param totalCommitted Σ of every tier's commitment (at most 2^120 − 1).
    /// @param tierBooks Per tier: committed and paid. @param keyPaid Per capped key: what counts against its cap, plus
    /// one once `ScheduleLib.initKeys` initialised it (read it through `keyPaidOf`, or `books` for the whole ledger;
    /// uncapped keys are not tracked: their `PointSettled` events carry their payments).
    struct Ledger {
        uint16 settled;
        uint120 totalPaid;
        uint120 totalCommitted;
        TierBook[4] tierBooks;
        uint128[16] keyPaid;
    }

    /// @notice One term's figures at one point (`previewPayment`, `PointSettled`).
    /// @param unitsWad RateCard: units (WAD). Curve: the achievement (WAD).
    /// @param raw Entitlement before caps. @param paid After the term's caps.
    struct TermResult {
        uint256 unitsWad;
        uint256 raw;
        uint256 paid;
        CapHit capHit;
    }

    /// @notice The settlement of one point, as `previewPayment` shows it and `settlePoint` books it.
    /// @param entitlement Σ of the terms' paid (less everything paid earlier, for a cumulative point).
    /// @param amount What the point pays (Σ parts). @param parts What each payer tier pays of it.
    struct PointResult {
        OutcomeLib.Resolution resolution;
        bool triggerHeld;
        CapHit capHit;
        uint256 entitlement;
        uint256 amount;
        uint256[4] parts;
        TermResult[] terms;
    }

    /// @notice A schedule has `count` points; 1 to `max` are allowed.
    error PointCount(uint256 count, uint256 max);
    /// @notice Point `index`'s deadline is earlier than the previous point's (`previous`).
    error PointOrder(uint256 index, uint40 deadline, uint40 previous);
    /// @notice Point `index` has `count` terms; 1 to `max` are allowed.
    error PointTermCount(uint256 index, uint256 count, uint256 max);
    /// @notice Point `index`'s trigger has `count` conditions; at most `max` are allowed.
    error ConditionCount(uint256 index, uint256 count, uint256 max);
    /// @notice The schedule has `count` key caps; at most `max` are allowed.
    error KeyCapCount(uint256 count, uint256 max);
    /// @notice Term `term` of point `index` names key `key`; keys are 0–15.
    error TermKey(uint256 index, uint256 term, uint8 key);
    /// @notice Rate card `term` of point `index` has a price of zero.
    error ZeroPrice(uint256 index, uint256 term);
    /// @notice Rate card `term` of point `index` has a scale of zero.
    error ZeroScale(uint256 index, uint256 term);
    /// @notice Term `term` of point `index` has `capPerPoint` 0, or above its key's cap `keyCap`.
    error CapConflict(uint256 index, uint256 term, uint128 capPerPoint, uint128 keyCap);
    /// @notice Curve term `term` of point `index` has a ceiling below WAD, or above WAD on a curve that cannot run
    /// past its target (Binary, Stepped, ThresholdLinear capped below WAD).
    error TermCeiling(uint256 index, uint256 term, uint64 ceilingWad);
    /// @notice The curve weights of point `index` sum to `sumWad`, not WAD.
    error TermWeightSum(uint256 index, uint256 sumWad);
    /// @notice The pots of the non-cumulative points sum to `sumWad`, above WAD.
    error PotSum(uint256 sumWad);
    /// @notice `count` tiers (1–4 allowed) whose co-payments sum to `coPaySumWad` (must stay below WAD, with at
    /// least one ordered tier to pay the rest).
    error TierConfig(uint256 count, uint256 coPaySumWad);
    /// @notice Point `index` does not exist (the schedule has `count`).
    error PointIndex(uint256 index, uint256 count);
    /// @notice Point `index` is already settled.
    error PointAlreadySettled(uint256 index);
    /// @notice The point given for `index` is not the one committed in the points root.
    error PointProof(uint256 index);
    /// @notice Cumulative point `index` needs every earlier point settled; point `open` is not.
    error EarlierPointOpen(uint256 index, uint256 open);
    /// @notice A slot point `index` reads can still change (Proposed, Disputed, or no value before its cut-off).
    error PointPending(uint256 index);

    /// @notice Point `index` settled: `amount` paid (Σ `parts`, per payer tier), `capHit` the cap that bound, and
    /// `terms` each term's figures in term order (`unitsWad` units, or a curve's achievement; `raw` before the term's
    /// caps, `paid` after them, `capHit` the term cap that bound; the term's key is in the point). `terms` is empty
    /// when the terms were not evaluated (no data, or the trigger did not hold). One event per point: settling costs
    /// one log, whatever the number of terms.
    event PointSettled(
        uint256 indexed index,
        OutcomeLib.Resolution resolution,
        bool triggerHeld,
        uint256 amount,
        CapHit capHit,
        uint256[4] parts,
        TermResult[] terms
    );
}
