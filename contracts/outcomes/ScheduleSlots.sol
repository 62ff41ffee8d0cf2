// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {IPaymentSchedule} from "./IPaymentSchedule.sol";
import {IOutcomeTermChecks} from "./IOutcomeTermChecks.sol";
import {OutcomeTermChecks} from "./OutcomeTermChecks.sol";
import {ScheduleLib} from "./ScheduleLib.sol";

/// @title ScheduleSlots
/// @notice The slot walk of the one schedule validation path both factories run (`ScheduledEscrowFactory`,
/// `ImpactPoolFactory`): every slot a schedule reads — each point's terms, then its trigger conditions — with the
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

    /// @notice Every slot `s` reads, point by point: the terms in order, then the conditions in order.
    function list(IPaymentSchedule.Schedule memory s, uint256 gracePeriod) internal pure returns (Slot[] memory slots) {
        uint256 n;
        for (uint256 i; i < s.points.length; ++i) n += s.points[i].terms.length + s.points[i].trigger.conditions.length;
        slots = new Slot[](n);
        uint256 k;
        for (uint256 i; i < s.points.length; ++i) {
            IPaymentSchedule.Point memory p = s.points[i];
            uint256 noDataAfter = uint256(p.deadline) + gracePeriod;
            for (uint256 j; j < p.terms.length; ++j) {
                IPaymentSchedule.ScheduleTerm memory term = p.terms[j];
                bool curve = term.kind == IPaymentSchedule.TermKind.Curve;
                // A rate card on a count has no direction; a curve or an improvement must run the goal's way.
                slots[k++] = Slot(
                    LANES * i + j,
                    term.missionId,
                    term.goalId,
                    term.period,
                    curve || term.source == IPaymentSchedule.UnitSource.Improvement,
                    curve ? term.curve.lowerIsBetter : term.lowerIsBetter,
                    noDataAfter
                );
            }
            for (uint256 c; c < p.trigger.conditions.length; ++c) {
                IPaymentSchedule.Condition memory cond = p.trigger.conditions[c];
                slots[k++] = Slot(
                    LANES * i + ScheduleLib.CONDITION_LANE + c,
                    cond.missionId,
                    cond.goalId,
                    cond.period,
                    true,
                    cond.lowerIsBetter,
                    noDataAfter
                );
            }
        }
    }

    /// @notice The goal of `slot`, reverting unless it exists with the period in range (`OutcomeTermChecks.checkSlot`)
    /// and, for a directed read, runs the goal's way (`CurveDirectionMismatch`).
    function check(IMissionRegistry registry, Slot memory slot) internal view returns (IMissionRegistry.Goal memory goal) {
        goal = OutcomeTermChecks.checkSlot(registry, slot.index, slot.missionId, slot.goalId, slot.period);
        if (slot.directed && slot.lowerIsBetter != OutcomeTermChecks.falls(goal)) {
            revert IOutcomeTermChecks.CurveDirectionMismatch(slot.index, slot.lowerIsBetter);
        }
    }
}
