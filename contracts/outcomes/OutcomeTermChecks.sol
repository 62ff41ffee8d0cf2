// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {IOutcomeTermChecks} from "./IOutcomeTermChecks.sol";
import {OutcomeLib} from "./OutcomeLib.sol";

/// @title OutcomeTermChecks
/// @notice The one registry validation path of both factories: an outcome term (escrow term or pool basket term)
/// or a pool milestone must name a goal that exists on an Active mission, a period in 1…periodCount, and — for
/// curves — the goal's direction. Errors: `IOutcomeTermChecks`.
library OutcomeTermChecks {
    /// @notice Whether the goal must fall (its target is below its baseline).
    function falls(IMissionRegistry.Goal memory goal) internal pure returns (bool) {
        return goal.target < goal.baseline;
    }

    /// @notice End of `period` (1-based, already range-checked) of `goal`: no report, so no final value, before it.
    function periodEnd(IMissionRegistry.Goal memory goal, uint16 period) internal pure returns (uint256) {
        return uint256(goal.firstPeriodEnd) + uint256(period - 1) * goal.periodLength;
    }

    /// @notice End of the reporting window of `period` (1-based, already range-checked) of `goal`.
    function reportingDeadline(IMissionRegistry.Goal memory goal, uint16 period) internal pure returns (uint256) {
        return periodEnd(goal, period) + goal.reportingWindow;
    }

    /// @notice The challenge window plus the arbitration period the oracle applies to mission `missionId`'s slots
    /// under committee `version` (one read per mission: both are per version, not per slot).
    function settlingTime(
        IMetricFeed feed,
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) internal view returns (uint256) {
        (, uint32 challengeWindow, uint32 arbitrationPeriod) = feed.slotTimeline(missionId, version, goalId, period);
        return uint256(challengeWindow) + arbitrationPeriod;
    }

    /// @notice Reverts unless the no-data cut-off is at or after term `index`'s slot can last change: its reporting
    /// deadline plus the pinned version's challenge window and arbitration period (`settling`).
    function checkCutOff(uint256 index, uint256 deadline, uint256 settling, uint256 noDataAfter) internal pure {
        uint256 earliest = deadline + settling;
        if (noDataAfter < earliest) revert IOutcomeTermChecks.NoDataCutOffTooEarly(index, noDataAfter, earliest);
    }

    /// @notice Reverts unless mission `missionId` is Active.
    function checkMission(IMissionRegistry registry, uint256 missionId) internal view {
        IMissionRegistry.MissionStatus status = registry.getMission(missionId).status;
        if (status != IMissionRegistry.MissionStatus.Active) {
            revert IOutcomeTermChecks.MissionNotActive(missionId, status);
        }
    }

    /// @notice The goal of slot (missionId, goalId, period), reverting unless it exists (`GoalNotFound` from the
    /// registry) and `period` is in range. Item `index` is named in the error.
    function checkSlot(
        IMissionRegistry registry,
        uint256 index,
        uint256 missionId,
        uint8 goalId,
        uint16 period
    ) internal view returns (IMissionRegistry.Goal memory goal) {
        goal = registry.getGoal(missionId, goalId);
        if (period == 0 || period > goal.periodCount) {
            revert IOutcomeTermChecks.TermPeriodOutOfRange(index, period, goal.periodCount);
        }
    }

    /// @notice Checks outcome term `index` (slot and curve direction) and returns its goal. The caller checks the
    /// mission once per distinct mission (`checkMission`), and the goal version where it pins one (escrows).
    function checkTerm(
        IMissionRegistry registry,
        uint256 index,
        OutcomeLib.OutcomeTerm calldata o
    ) internal view returns (IMissionRegistry.Goal memory goal) {
        goal = checkSlot(registry, index, o.missionId, o.goalId, o.period);
        if (o.curve.lowerIsBetter != falls(goal)) {
            revert IOutcomeTermChecks.CurveDirectionMismatch(index, o.curve.lowerIsBetter);
        }
    }
}
