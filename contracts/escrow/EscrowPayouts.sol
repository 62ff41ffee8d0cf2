// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IEscrowPayouts} from "./IEscrowPayouts.sol";

/// @title EscrowPayouts
/// @notice The four payout entry points of both escrow kinds, each behind the reentrancy guard, over the escrow's own
/// `_claim` and `_refund` (which book the payment before paying it).
abstract contract EscrowPayouts is IEscrowPayouts, ReentrancyGuardTransient {
    /// @inheritdoc IEscrowPayouts
    function claim() external nonReentrant returns (uint256) {
        return _claim(msg.sender);
    }

    /// @inheritdoc IEscrowPayouts
    function claimFor(address account) external nonReentrant returns (uint256) {
        return _claim(account);
    }

    /// @inheritdoc IEscrowPayouts
    function refund() external nonReentrant returns (uint256) {
        return _refund(msg.sender);
    }

    /// @inheritdoc IEscrowPayouts
    function refundFor(address account) external nonReentrant returns (uint256) {
        return _refund(account);
    }

    /// @dev Books and pays `account`'s beneficiary share; reverts when there is nothing to claim.
    function _claim(address account) internal virtual returns (uint256 amount);

    /// @dev Books and pays `account`'s refund; reverts when there is nothing to refund.
    function _refund(address account) internal virtual returns (uint256 amount);
}
