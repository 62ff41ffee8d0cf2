// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IMetricFeedAggregator} from "./IMetricFeedAggregator.sol";
import {IMetricOracle} from "../oracle/IMetricOracle.sol";
import {IMissionRegistry} from "../registry/IMissionRegistry.sol";

/// @title MetricFeedAggregator
/// @notice See {IMetricFeedAggregator}.
contract MetricFeedAggregator is IMetricFeedAggregator {
    // Immutables are UPPER_SNAKE_CASE and private; the getters below keep the public names.
    IMetricOracle private immutable _ORACLE;
    IMissionRegistry private immutable _REGISTRY;
    uint256 private immutable _MISSION_ID;
    uint8 private immutable _GOAL_ID;
    uint8 private immutable _DECIMALS;
    uint16 private immutable _COMMITTEE_VERSION;

    /// @dev Reads the goal once: goals never change, so its decimals are fixed (and the goal must exist).
    constructor(IMetricOracle oracle_, uint256 missionId_, uint8 goalId_) {
        IMissionRegistry registry_ = IMissionRegistry(oracle_.registry());
        _ORACLE = oracle_;
        _REGISTRY = registry_;
        _MISSION_ID = missionId_;
        _GOAL_ID = goalId_;
        _DECIMALS = registry_.getGoal(missionId_, goalId_).decimals;
        _COMMITTEE_VERSION = oracle_.committeeVersion(missionId_);
    }

    /// @inheritdoc IMetricFeedAggregator
    function oracle() external view returns (IMetricOracle) {
        return _ORACLE;
    }

    /// @inheritdoc IMetricFeedAggregator
    function registry() external view returns (IMissionRegistry) {
        return _REGISTRY;
    }

    /// @inheritdoc IMetricFeedAggregator
    function missionId() external view returns (uint256) {
        return _MISSION_ID;
    }

    /// @inheritdoc IMetricFeedAggregator
    function goalId() external view returns (uint8) {
        return _GOAL_ID;
    }

    /// @inheritdoc IMetricFeedAggregator
    function committeeVersion() external view returns (uint16) {
        return _COMMITTEE_VERSION;
    }

    /// @notice The goal's decimals.
    function decimals() external view returns (uint8) {
        return _DECIMALS;
    }

    /// @notice "mission <id> goal <id>".
    function description() external view returns (string memory) {
        return string.concat("mission ", Strings.toString(_MISSION_ID), " goal ", Strings.toString(_GOAL_ID));
    }

    /// @notice Version of this adapter.
    function version() external pure returns (uint256) {
        return 1;
    }

    /// @notice The final value of period `roundId`; reverts `RoundOutOfRange` or the oracle's `ValueNotFinal`.
    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        if (roundId == 0 || roundId > type(uint16).max) revert RoundOutOfRange(roundId);
        return _round(uint16(roundId)); // cast: checked ≤ uint16 max above
    }

    /// @notice The final value of the highest final period; reverts `NoFinalValue` when none is final.
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        uint16 period = _ORACLE.latestFinalPeriod(_MISSION_ID, _COMMITTEE_VERSION, _GOAL_ID);
        if (period == 0) revert NoFinalValue(_MISSION_ID, _GOAL_ID);
        return _round(period);
    }

    function _round(uint16 period) private view returns (uint80, int256, uint256, uint256, uint80) {
        (uint64 value, uint40 finalizedAt) = _ORACLE.finalValue(_MISSION_ID, _COMMITTEE_VERSION, _GOAL_ID, period);
        (uint40 periodEnd, ) = _REGISTRY.periodWindow(_MISSION_ID, _GOAL_ID, period);
        // cast: a uint64 always fits int256
        return (period, int256(uint256(value)), periodEnd, finalizedAt, period);
    }
}
