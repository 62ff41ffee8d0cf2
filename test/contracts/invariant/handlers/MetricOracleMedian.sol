// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The oracle handlers' own median (not the contract's `MedianLib`): the lower middle of the values of the
/// members in `mask`, found by counting, for each value, the values below and equal to it (no sorting).
library MetricOracleMedian {
    /// @dev `values[i]` is member `i`'s report when bit `i` of `mask` is set; `count` is the number of set bits.
    function lowerMiddle(uint64[5] memory values, uint16 mask, uint8 count) internal pure returns (uint64) {
        uint256 k = (uint256(count) - 1) / 2; // the k-th smallest, 0-based
        for (uint256 i; i < 5; ++i) {
            if (mask & (1 << i) == 0) continue;
            uint256 below;
            uint256 equal;
            for (uint256 j; j < 5; ++j) {
                if (mask & (1 << j) == 0) continue;
                if (values[j] < values[i]) ++below;
                else if (values[j] == values[i]) ++equal;
            }
            if (below <= k && k < below + equal) return values[i];
        }
        revert("median: no value");
    }
}
