// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";

/// @notice The oracle handlers' ghost slot (a five-member committee) and its report rule, written from
/// `IMetricOracle`'s rules and not from the contract: a first report binds the slot to its reporting window; at the
/// quorum, and on every later report while Proposed, the lower middle of every report is proposed; a new or moved
/// value restarts the challenge window from now. The median is found by counting (no sorting, unlike `MedianLib`).
library MetricOracleGhost {
    struct Slot {
        IMetricFeed.SlotStatus status;
        uint8 count;
        uint16 mask;
        uint64 value;
        uint40 deadline;
        uint40 challengeEnd;
        uint40 finalizedAt;
        address disputer;
        uint96 bond;
        uint64[5] values;
    }

    /// @dev An accepted report of member `idx` (< 5) in slot `m`, whose reporting deadline is `deadline`.
    function applyReport(
        Slot storage m,
        uint256 idx,
        uint64 value,
        uint40 deadline,
        uint256 quorum,
        uint256 challengeWindow
    ) internal {
        if (m.status == IMetricFeed.SlotStatus.None) {
            m.status = IMetricFeed.SlotStatus.Collecting;
            m.deadline = deadline;
        }
        m.mask |= uint16(1 << idx); // cast: idx < 5
        ++m.count;
        m.values[idx] = value;
        bool proposed = m.status == IMetricFeed.SlotStatus.Proposed;
        if (!proposed && m.count != quorum) return;
        uint64 median = lowerMiddle(m.values, m.mask, m.count);
        if (proposed && median == m.value) return;
        m.value = median;
        m.status = IMetricFeed.SlotStatus.Proposed;
        m.challengeEnd = uint40(block.timestamp + challengeWindow); // cast: test timestamps stay below 2^40
    }

    /// @dev The lower middle of the values of the members in `mask` (`values[i]` is member `i`'s report when bit `i`
    /// is set; `count` set bits): for each value, count the values below and equal to it.
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
