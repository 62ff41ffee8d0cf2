// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";
import {IMetricOracle} from "../oracle/IMetricOracle.sol";
import {IMissionRegistry} from "../registry/IMissionRegistry.sol";

/// @title IMetricFeedAggregator
/// @notice A Chainlink `AggregatorV3Interface` view over one (mission, goal) series of the metric oracle:
/// round id = period, answer = final value, startedAt = the period's end, updatedAt = finalisation time,
/// answeredInRound = round id. Only final values are ever returned; anything else reverts.
interface IMetricFeedAggregator is AggregatorV3Interface {
    /// @notice The round id does not name a period (0 or above uint16).
    error RoundOutOfRange(uint80 roundId);
    /// @notice No period of the series is final yet.
    error NoFinalValue(uint256 missionId, uint8 goalId);

    /// @notice The committee version this feed reads (the mission's current one when the feed was deployed).
    function committeeVersion() external view returns (uint16);

    /// @notice The oracle whose final values this feed reads.
    function oracle() external view returns (IMetricOracle);

    /// @notice The oracle's mission registry (periods and decimals).
    function registry() external view returns (IMissionRegistry);

    /// @notice The mission of the series.
    function missionId() external view returns (uint256);

    /// @notice The goal of the series.
    function goalId() external view returns (uint8);
}
