// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOutcomeEscrow} from "./IOutcomeEscrow.sol";
import {IEscrowFactory} from "./IEscrowFactory.sol";

/// @title IOutcomeEscrowFactory
/// @notice Creates outcome escrows as EIP-1167 clones with immutable arguments, after checking their terms
/// against the mission registry, and indexes them per mission. The factory has no owner and no funds.
/// @dev Errors, lookup and listing: `IEscrowFactory` (shared with the scheduled escrow factory). Registry errors
/// (mission not active, goal version, period, curve direction) are `IOutcomeTermChecks`'s, shared with the pool factory.
interface IOutcomeEscrowFactory is IEscrowFactory {
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

    /// @notice Validates `terms` and creates an escrow for them. Anyone may create an escrow.
    function createEscrow(IOutcomeEscrow.Terms calldata terms) external returns (address escrow);
}
