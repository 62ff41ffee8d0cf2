// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IEscrowPayouts
/// @notice The pull payments both escrow kinds share (`IOutcomeEscrow`, `IScheduledEscrow`): a beneficiary claims its
/// share, a funder its refund, each by itself or triggered by anyone for it. What a share and a refund are is the
/// escrow kind's (see its `claimable` and `refundable`); the money goes only ever to the account named.
interface IEscrowPayouts {
    /// @notice Pays the caller its beneficiary share (what `claimable(msg.sender)` shows).
    function claim() external returns (uint256 amount);

    /// @notice Pays `account` (never anyone else) its beneficiary share; anyone may trigger it.
    function claimFor(address account) external returns (uint256 amount);

    /// @notice Pays the caller its refund (what `refundable(msg.sender)` shows).
    function refund() external returns (uint256 amount);

    /// @notice Pays `account` (never anyone else) its refund; anyone may trigger it.
    function refundFor(address account) external returns (uint256 amount);
}
