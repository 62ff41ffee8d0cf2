// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMissionRegistry} from "../registry/IMissionRegistry.sol";

/// @title IOutcomeTermChecks
/// @notice The errors of the one validation path (`OutcomeTermChecks`) both factories run on outcome terms and pool
/// milestones against the mission registry. `IOutcomeEscrowFactory` and `IImpactPoolFactory` inherit them.
interface IOutcomeTermChecks {
    /// @notice Mission `missionId` is in `status`; escrows and pools need an Active mission.
    error MissionNotActive(uint256 missionId, IMissionRegistry.MissionStatus status);
    /// @notice Outcome term `index` refers to goal `goalId` of version `goalVersion`, not the pinned `pinnedVersion`.
    error GoalNotInVersion(uint256 index, uint8 goalId, uint8 goalVersion, uint8 pinnedVersion);
    /// @notice Outcome term (or milestone) `index` has a period outside 1…`periodCount`.
    error TermPeriodOutOfRange(uint256 index, uint16 period, uint8 periodCount);
    /// @notice Outcome term `index`'s curve direction (`lowerIsBetter`) disagrees with the goal's direction.
    error CurveDirectionMismatch(uint256 index, bool lowerIsBetter);
    /// @notice The no-data cut-off `noDataAfter` (settlement deadline + grace) is earlier than `earliest`, the time by
    /// which the oracle makes outcome term `index`'s slot terminal under the pinned committee version (reporting
    /// deadline + challenge window + arbitration period): settling at the cut-off could turn a value still inside
    /// its reporting, challenge or arbitration window into no data.
    error NoDataCutOffTooEarly(uint256 index, uint256 noDataAfter, uint256 earliest);
}
