// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMissionRegistry} from "../../contracts/registry/IMissionRegistry.sol";

/// @notice Test double of the registry for what the oracle and its adapters read: `getMission(id).steward`,
/// `getGoal`, `periodWindow` (with the interface's `PeriodOutOfRange`, `MissionNotFound`, `GoalNotFound` errors).
contract MockMissionRegistry {
    mapping(uint256 missionId => IMissionRegistry.Mission) private _missions;
    mapping(uint256 missionId => mapping(uint8 goalId => IMissionRegistry.Goal)) private _goals;
    mapping(uint256 missionId => uint8 count) private _goalCount;

    function setMission(uint256 missionId, address steward) external {
        _missions[missionId].steward = steward;
        _missions[missionId].status = IMissionRegistry.MissionStatus.Active;
    }

    function addGoal(uint256 missionId, IMissionRegistry.Goal calldata goal) external returns (uint8 goalId) {
        goalId = _goalCount[missionId]++;
        _goals[missionId][goalId] = goal;
        _missions[missionId].goalCount = _goalCount[missionId];
    }

    function getMission(uint256 missionId) external view returns (IMissionRegistry.Mission memory) {
        if (_missions[missionId].status == IMissionRegistry.MissionStatus.None) {
            revert IMissionRegistry.MissionNotFound(missionId);
        }
        return _missions[missionId];
    }

    function getGoal(uint256 missionId, uint8 goalId) public view returns (IMissionRegistry.Goal memory) {
        if (goalId >= _goalCount[missionId]) revert IMissionRegistry.GoalNotFound(missionId, goalId);
        return _goals[missionId][goalId];
    }

    function periodWindow(
        uint256 missionId,
        uint8 goalId,
        uint16 period
    ) external view returns (uint40 periodEnd, uint40 reportingDeadline) {
        IMissionRegistry.Goal memory g = getGoal(missionId, goalId);
        if (period == 0 || period > g.periodCount) revert IMissionRegistry.PeriodOutOfRange(missionId, goalId, period);
        periodEnd = g.firstPeriodEnd + uint40(period - 1) * g.periodLength;
        reportingDeadline = periodEnd + g.reportingWindow;
    }
}
