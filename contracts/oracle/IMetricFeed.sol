// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IMetricFeed
/// @notice The consumer side of the metric oracle: what escrows, pools and adapters read. Values are the
/// mission goal's unsigned integers in the goal's own decimals. A (mission, goal, period) triple is a "slot".
interface IMetricFeed {
    /// @notice Where a slot stands. `Unresolved` is terminal: no quorum before the reporting deadline, or the
    /// arbiter declared the proposed value invalid; consumers treat it as "no data" (refund).
    /// @dev A slot still `Collecting` after its reporting deadline reads as `Unresolved` without a transaction.
    enum SlotStatus {
        None,
        Collecting,
        Proposed,
        Disputed,
        Final,
        Unresolved
    }

    /// @notice Thrown by `finalValue` when the slot is not final.
    error ValueNotFinal(uint256 missionId, uint8 goalId, uint16 period, SlotStatus status);

    /// @notice The status of a slot at the current block time.
    function slotStatus(uint256 missionId, uint8 goalId, uint16 period) external view returns (SlotStatus);

    /// @notice The final value of a slot and when it became final. Reverts with `ValueNotFinal` otherwise.
    function finalValue(
        uint256 missionId,
        uint8 goalId,
        uint16 period
    ) external view returns (uint64 value, uint40 finalizedAt);
}
