// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "./IOutcomeEscrow.sol";

/// @title IOutcomeEscrowFactory
/// @notice Creates outcome escrows as EIP-1167 clones with immutable arguments, after checking their terms
/// against the mission registry, and indexes them per mission. The factory has no owner and no funds.
/// @dev Only escrows created (and listed) by this factory have validated terms: anyone can clone the
/// implementation with arbitrary arguments, but such clones are not in the index.
interface IOutcomeEscrowFactory {
    /// @notice The token is the zero address.
    error ZeroToken();
    /// @notice Mission `missionId` is in `status`; escrows need an Active mission.
    error MissionNotActive(uint256 missionId, IMissionRegistry.MissionStatus status);
    /// @notice Outcome term `index` is about mission `termMissionId`, not the escrow's mission.
    error TermMissionMismatch(uint256 index, uint256 termMissionId);
    /// @notice Outcome term `index` refers to goal `goalId` of version `goalVersion`, not the pinned `pinnedVersion`.
    error GoalNotInVersion(uint256 index, uint8 goalId, uint8 goalVersion, uint8 pinnedVersion);
    /// @notice Outcome term `index` has a period outside 1…`periodCount`.
    error TermPeriodOutOfRange(uint256 index, uint16 period, uint8 periodCount);
    /// @notice Outcome term `index`'s curve direction (`lowerIsBetter`) disagrees with the goal's direction.
    error CurveDirectionMismatch(uint256 index, bool lowerIsBetter);
    /// @notice Between 1 and `max` beneficiaries are required; `count` were given.
    error BeneficiaryCount(uint256 count, uint256 max);
    /// @notice Beneficiary `index` is the zero address.
    error ZeroBeneficiary(uint256 index);
    /// @notice Beneficiary `index` has weight 0.
    error ZeroBeneficiaryWeight(uint256 index);
    /// @notice `account` is listed twice among the beneficiaries.
    error DuplicateBeneficiary(address account);
    /// @notice The funding deadline `fundingDeadline` is before the current time.
    error FundingDeadlinePassed(uint256 fundingDeadline, uint256 timestamp);
    /// @notice The settlement deadline is before the funding deadline.
    error SettlementBeforeFunding(uint256 settlementDeadline, uint256 fundingDeadline);

    /// @notice Escrow `escrow` (number `index` of mission `missionId`) was created by `creator` with `terms`.
    event EscrowCreated(
        uint256 indexed missionId,
        address indexed escrow,
        address indexed creator,
        uint256 index,
        IOutcomeEscrow.Terms terms
    );

    /// @notice Most beneficiaries per escrow (their claim flags share one storage word).
    function MAX_BENEFICIARIES() external view returns (uint256);

    /// @notice The registry the terms are checked against.
    function registry() external view returns (IMissionRegistry);

    /// @notice The feed every escrow settles from.
    function feed() external view returns (IMetricFeed);

    /// @notice The escrow implementation the clones delegate to.
    function implementation() external view returns (address);

    /// @notice Validates `terms` and creates an escrow for them. Anyone may create an escrow.
    function createEscrow(IOutcomeEscrow.Terms calldata terms) external returns (address escrow);

    /// @notice Number of escrows created.
    function escrowCount() external view returns (uint256);

    /// @notice Escrow number `index` (creation order).
    function escrowAt(uint256 index) external view returns (address);

    /// @notice Up to `limit` escrows from `offset` (creation order).
    function escrows(uint256 offset, uint256 limit) external view returns (address[] memory);

    /// @notice Number of escrows of `missionId`.
    function missionEscrowCount(uint256 missionId) external view returns (uint256);

    /// @notice Up to `limit` escrows of `missionId` from `offset` (creation order).
    function missionEscrows(uint256 missionId, uint256 offset, uint256 limit) external view returns (address[] memory);
}
