// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title AggregatorV3Interface
/// @notice Chainlink's price-feed read interface, declared locally (same selectors and return shapes) so that
/// protocols built for Chainlink feeds can read finalised mission metrics.
// Chainlink's own name, kept so integrators recognise it.
// solhint-disable-next-line interface-starts-with-i
interface AggregatorV3Interface {
    function decimals() external view returns (uint8);

    function description() external view returns (string memory);

    function version() external view returns (uint256);

    function getRoundData(
        uint80 roundId
    )
        external
        view
        returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
