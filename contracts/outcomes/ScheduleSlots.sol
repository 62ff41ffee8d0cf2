// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {IPaymentSchedule} from "./IPaymentSchedule.sol";
import {IOutcomeTermChecks} from "./IOutcomeTermChecks.sol";
import {OutcomeTermChecks} from "./OutcomeTermChecks.sol";
import {ScheduleLib} from "./ScheduleLib.sol";

/// @title ScheduleSlots
/// @notice The slot walk of the one schedule validation path both factories run (`ScheduledEscrowFactory`,
/// `ImpactPoolFactory`, each looping `count` / `load` over the points): every slot a schedule reads — each point's
/// terms, then its trigger conditions — with the
/// index errors name it by (`16 × point + lane`: lane `t` for term `t`, `8 + c` for condition `c`, as in
/// `IPaymentSchedule.Header.versions`), its direction and its point's no-data cut-off; and the registry check each
/// slot gets (`check`). What a factory adds on top (one mission or several, funding timing) stays its own.
library ScheduleSlots {
    /// @dev Lanes per point in a slot index.
    uint256 internal constant LANES = 16;

    /// @notice One slot read by a schedule.
    /// @param index `16 × point + lane`. @param directed Whether the read has a direction (a curve, an improvement
    /// rate card, a condition; a count rate card has none). @param noDataAfter The point's `deadline + gracePeriod`.
    struct Slot {
        uint256 index;
        uint256 missionId;
        uint8 goalId;
        uint16 period;
        bool directed;
        bool lowerIsBetter;
        uint256 noDataAfter;
    }

    /// @notice How many slots point `p` reads: its terms, then its trigger conditions.
    function count(IPaymentSchedule.Point memory p) internal pure returns (uint256) {
        return p.terms.length + p.trigger.conditions.length;
    }

    /// @notice Writes into `slot` the `j`-th slot (`j < count(p)`: the terms in order, then the conditions) of point
    /// `i` (`p`), whose no-data cut-off is `p.deadline + gracePeriod`. One `Slot` is reused for a whole walk: building a list
    /// of every slot instead cost the bench's 16-point escrow creation 54,000 gas more.
    function load(
        IPaymentSchedule.Point memory p,
        uint256 i,
        uint256 j,
        uint256 gracePeriod,
        Slot memory slot
    ) internal pure {
        slot.noDataAfter = uint256(p.deadline) + gracePeriod;
        uint256 nt = p.terms.length;
        if (j < nt) {
            IPaymentSchedule.ScheduleTerm memory term = p.terms[j];
            bool curve = term.kind == IPaymentSchedule.TermKind.Curve;
            slot.index = LANES * i + j;
            slot.missionId = term.missionId;
            slot.goalId = term.goalId;
            slot.period = term.period;
            // A rate card on a count has no direction; a curve or an improvement must run the goal's way.
            slot.directed = curve || term.source == IPaymentSchedule.UnitSource.Improvement;
            slot.lowerIsBetter = curve ? term.curve.lowerIsBetter : term.lowerIsBetter;
        } else {
            IPaymentSchedule.Condition memory cond = p.trigger.conditions[j - nt];
            slot.index = LANES * i + ScheduleLib.CONDITION_LANE + (j - nt);
            slot.missionId = cond.missionId;
            slot.goalId = cond.goalId;
            slot.period = cond.period;
            slot.directed = true;
            slot.lowerIsBetter = cond.lowerIsBetter;
        }
    }

    /// @notice The goal of `slot`, reverting unless it exists with the period in range (`OutcomeTermChecks.checkSlot`)
    /// and, for a directed read, runs the goal's way (`CurveDirectionMismatch`).
    function check(
        IMissionRegistry registry,
        Slot memory slot
    ) internal view returns (IMissionRegistry.Goal memory goal) {
        goal = OutcomeTermChecks.checkSlot(registry, slot.index, slot.missionId, slot.goalId, slot.period);
        if (slot.directed && slot.lowerIsBetter != OutcomeTermChecks.falls(goal)) {
            revert IOutcomeTermChecks.CurveDirectionMismatch(slot.index, slot.lowerIsBetter);
        }
    }
}
