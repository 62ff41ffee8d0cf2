// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IMetricFeed
/// @notice The consumer side of the metric oracle: what escrows, pools and adapters read. Values are the
/// mission goal's unsigned integers in the goal's own decimals. A (mission, committee version, goal, period)
/// quadruple is a "slot": each committee version of a mission has its own slots, so a consumer that pins a version
/// at creation reads only values reported by that version's members, disputed under that version's bond and
/// resolved by that version's arbiter — whatever the steward installs later.
interface IMetricFeed {
    /// @notice Where a slot stands. `Unresolved` is terminal: no quorum before the reporting deadline, the arbiter
    /// declared the proposed value invalid, or the arbitration period expired; consumers treat it as "no data".
    /// `Proposed` and `Disputed` can still change: consumers must treat them as pending, never as "no data".
    /// @dev A slot still `Collecting` (or never reported to) after its reporting deadline reads as `Unresolved`
    /// without a transaction.
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

    /// @notice The committee version a consumer created now pins for `missionId` (0: no committee yet).
    function committeeVersion(uint256 missionId) external view returns (uint16);

    /// @notice The status of a slot of committee `version` at the current block time.
    function slotStatus(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (SlotStatus);

    /// @notice The final value of a slot of committee `version` and when it became final. Reverts with
    /// `ValueNotFinal` otherwise.
    function finalValue(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (uint64 value, uint40 finalizedAt);

    /// @notice The timeline the oracle applies to a slot of committee `version`: the goal period's reporting
    /// deadline, the version's challenge window and the arbitration period. A slot is terminal (Final or
    /// Unresolved), or can be made so by anyone, once `reportingDeadline + challengeWindow + arbitrationPeriod` has
    /// passed: factories refuse a no-data cut-off earlier than that. Reverts for an unknown version or period.
    function slotTimeline(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (uint40 reportingDeadline, uint32 challengeWindow, uint32 arbitrationPeriod);
}
