// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";
import {IMetricOracle} from "../oracle/IMetricOracle.sol";
import {IMissionRegistry} from "../registry/IMissionRegistry.sol";

/// @title MetricFeedAggregator
/// @notice A Chainlink `AggregatorV3Interface` view over one (mission, goal) series of the metric oracle:
/// round id = period, answer = final value, startedAt = the period's end, updatedAt = finalisation time,
/// answeredInRound = round id. Only final values are ever returned; anything else reverts.
contract MetricFeedAggregator is AggregatorV3Interface {
    /// @notice The round id does not name a period (0 or above uint16).
    error RoundOutOfRange(uint80 roundId);
    /// @notice No period of the series is final yet.
    error NoFinalValue(uint256 missionId, uint8 goalId);

    IMetricOracle public immutable oracle;
    IMissionRegistry public immutable registry;
    uint256 public immutable missionId;
    uint8 public immutable goalId;
    uint8 private immutable _decimals;

    /// @dev Reads the goal once: goals never change, so its decimals are fixed (and the goal must exist).
    constructor(IMetricOracle oracle_, uint256 missionId_, uint8 goalId_) {
        oracle = oracle_;
        registry = IMissionRegistry(oracle_.registry());
        missionId = missionId_;
        goalId = goalId_;
        _decimals = registry.getGoal(missionId_, goalId_).decimals;
    }

    /// @notice The goal's decimals.
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @notice "mission <id> goal <id>".
    function description() external view returns (string memory) {
        return string.concat("mission ", Strings.toString(missionId), " goal ", Strings.toString(goalId));
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
        uint16 period = oracle.latestFinalPeriod(missionId, goalId);
        if (period == 0) revert NoFinalValue(missionId, goalId);
        return _round(period);
    }

    function _round(uint16 period) private view returns (uint80, int256, uint256, uint256, uint80) {
        (uint64 value, uint40 finalizedAt) = oracle.finalValue(missionId, goalId, period);
        (uint40 periodEnd, ) = registry.periodWindow(missionId, goalId, period);
        // cast: a uint64 always fits int256
        return (period, int256(uint256(value)), periodEnd, finalizedAt, period);
    }
}
