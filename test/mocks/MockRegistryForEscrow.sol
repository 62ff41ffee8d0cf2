// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMissionRegistry} from "../../contracts/registry/IMissionRegistry.sol";

/// @notice The two registry reads the escrow factory makes (`getMission`, `getGoal`), with settable answers and the
/// real registry's errors for unknown ids. Not a full `IMissionRegistry`.
contract MockRegistryForEscrow {
    mapping(uint256 missionId => IMissionRegistry.MissionStatus status) private _status;
    mapping(uint256 missionId => mapping(uint8 goalId => IMissionRegistry.Goal goal)) private _goals;

    function setMission(uint256 missionId, IMissionRegistry.MissionStatus status) external {
        _status[missionId] = status;
    }

    function setGoal(uint256 missionId, uint8 goalId, IMissionRegistry.Goal calldata goal) external {
        _goals[missionId][goalId] = goal;
    }

    function getMission(uint256 missionId) external view returns (IMissionRegistry.Mission memory m) {
        if (_status[missionId] == IMissionRegistry.MissionStatus.None) {
            revert IMissionRegistry.MissionNotFound(missionId);
        }
        m.status = _status[missionId];
    }

    function getGoal(uint256 missionId, uint8 goalId) external view returns (IMissionRegistry.Goal memory goal) {
        goal = _goals[missionId][goalId];
        if (goal.version == 0) revert IMissionRegistry.GoalNotFound(missionId, goalId);
    }
}
