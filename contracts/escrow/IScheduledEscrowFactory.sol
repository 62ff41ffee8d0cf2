// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {IScheduledEscrow} from "./IScheduledEscrow.sol";
import {IOutcomeTermChecks} from "../outcomes/IOutcomeTermChecks.sol";

/// @title IScheduledEscrowFactory
/// @notice Creates scheduled escrows (`IScheduledEscrow`) as EIP-1167 clones with immutable arguments, after the
/// same checks as `OutcomeEscrowFactory` (shared code: `EscrowChecks`, `OutcomeTermChecks`) applied to every slot
/// every point reads, plus `ScheduleLib.validate`. No owner, no funds.
/// @dev A slot is named in errors by `16 × point + lane`: lane `t` for term `t`, `8 + c` for condition `c` (the lanes
/// of `IPaymentSchedule.Header.versions`). Errors of the escrow checks are `IOutcomeEscrowFactory`'s (the same
/// selectors), of the schedule `IPaymentSchedule`'s.
interface IScheduledEscrowFactory is IOutcomeTermChecks {
    /// @notice Escrow `escrow` (number `index` of mission `missionId`) was created by `creator` with `terms`.
    event ScheduledEscrowCreated(
        uint256 indexed missionId,
        address indexed escrow,
        address indexed creator,
        uint256 index,
        IScheduledEscrow.ScheduledTerms terms
    );

    /// @notice The registry the terms are checked against.
    function registry() external view returns (IMissionRegistry);

    /// @notice The feed every escrow settles from.
    function feed() external view returns (IMetricFeed);

    /// @notice The escrow implementation the clones delegate to.
    function implementation() external view returns (address);

    /// @notice Validates `terms` and creates a scheduled escrow for them. Anyone may.
    function createEscrow(IScheduledEscrow.ScheduledTerms calldata terms) external returns (address escrow);

    /// @notice Whether `account` is an escrow this factory created (recomputed from its CREATE2 arguments).
    function isEscrow(address account) external view returns (bool);

    /// @notice Number of escrows created.
    function escrowCount() external view returns (uint256);

    /// @notice Number of escrows of `missionId`.
    function missionEscrowCount(uint256 missionId) external view returns (uint256);

    /// @notice Up to `limit` escrows of `missionId` from `offset` (creation order).
    function missionEscrows(uint256 missionId, uint256 offset, uint256 limit) external view returns (address[] memory);
}
