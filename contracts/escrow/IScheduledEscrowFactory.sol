// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScheduledEscrow} from "./IScheduledEscrow.sol";
import {IEscrowFactory} from "./IEscrowFactory.sol";

/// @title IScheduledEscrowFactory
/// @notice Creates scheduled escrows (`IScheduledEscrow`) as EIP-1167 clones with immutable arguments, after the
/// same checks as `OutcomeEscrowFactory` (shared code: `EscrowChecks`, `OutcomeTermChecks`) applied to every slot
/// every point reads, plus `ScheduleLib.validate`. No owner, no funds.
/// @dev A slot is named in errors by `16 × point + lane`: lane `t` for term `t`, `8 + c` for condition `c` (the lanes
/// of `IPaymentSchedule.Header.versions`). Errors, lookup and listing: `IEscrowFactory` (shared with the outcome
/// escrow factory); errors of the schedule are `IPaymentSchedule`'s.
interface IScheduledEscrowFactory is IEscrowFactory {
    /// @notice Escrow `escrow` (number `index` of mission `missionId`) was created by `creator` with `terms`.
    event ScheduledEscrowCreated(
        uint256 indexed missionId,
        address indexed escrow,
        address indexed creator,
        uint256 index,
        IScheduledEscrow.ScheduledTerms terms
    );

    /// @notice Validates `terms` and creates a scheduled escrow for them. Anyone may.
    function createEscrow(IScheduledEscrow.ScheduledTerms calldata terms) external returns (address escrow);
}
