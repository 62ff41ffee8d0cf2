// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title MedianLib
/// @notice Median of a small list of uint64 values (at most a committee: 16).
/// @dev For an even count the LOWER middle value is returned: `sorted[(n - 1) / 2]`. It is always a value a
/// member actually reported (no averaging, so no rounding at all), and for goals whose metric must rise — the common
/// case — the lower middle is the conservative side for the outcome payer. For metrics that must fall it favours the
/// provider; stewards who want the payer-side rule there choose an odd quorum, for which the median is exact.
library MedianLib {
    /// @notice Thrown for an empty list.
    error EmptyList();

    /// @notice Sorts `values` in place (ascending, insertion sort: O(n²), cheapest for n ≤ 16) and returns the
    /// median, the lower middle for an even length.
    function medianInPlace(uint64[] memory values) internal pure returns (uint64) {
        uint256 n = values.length;
        if (n == 0) revert EmptyList();
        for (uint256 i = 1; i < n; ++i) {
            uint64 key = values[i];
            uint256 j = i;
            while (j > 0 && values[j - 1] > key) {
                values[j] = values[j - 1];
                --j;
            }
            values[j] = key;
        }
        return values[(n - 1) / 2];
    }
}
