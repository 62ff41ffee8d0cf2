// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {IOutcomeTermChecks} from "../outcomes/IOutcomeTermChecks.sol";

/// @title IEscrowFactory
/// @notice What both escrow factories share (`IOutcomeEscrowFactory`, `IScheduledEscrowFactory`): the errors of the
/// one escrow validation path (`EscrowChecks`; the registry's are `IOutcomeTermChecks`'s) and the lookup and paginated
/// listing of the escrows created. Each factory adds its own terms, `createEscrow` and creation event.
/// @dev Only escrows created by a factory have validated terms. Anyone can clone an implementation with arbitrary
/// arguments, but such a clone is never initialised (only its factory may), so every entry point of it reverts with
/// `NotAClone`, and `isEscrow` answers false for it.
interface IEscrowFactory is IOutcomeTermChecks {
    /// @notice The token is the zero address.
    error ZeroToken();
    /// @notice Outcome term (or slot) `index` is about mission `termMissionId`, not the escrow's mission.
    error TermMissionMismatch(uint256 index, uint256 termMissionId);
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
    /// @notice The funding deadline is after `periodEnd`, the end of outcome term (or slot) `index`'s period: its slot
    /// could be final (the outcome known) while deposits are still accepted. Funding must close by the first period end.
    error FundingAfterPeriodEnd(uint256 index, uint256 fundingDeadline, uint256 periodEnd);

    /// @notice The registry the terms are checked against.
    function registry() external view returns (IMissionRegistry);

    /// @notice The feed every escrow settles from.
    function feed() external view returns (IMetricFeed);

    /// @notice The escrow implementation the clones delegate to.
    function implementation() external view returns (address);

    /// @notice Whether `account` is an escrow this factory created (and initialised). Storage-free: escrows are
    /// created with CREATE2 (salt 0) and their packed arguments end with their creation index, so the address is
    /// recomputed from the clone's own arguments.
    function isEscrow(address account) external view returns (bool);

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
