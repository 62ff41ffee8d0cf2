// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IOutcomeEscrow} from "./IOutcomeEscrow.sol";

/// @title EscrowFunding
/// @notice The money moves both escrow kinds share (`OutcomeEscrow`, `ScheduledEscrow`): a deposit's checks and
/// pull, crediting what actually arrived, and a pull payment out. Errors are `IOutcomeEscrow`'s (the scheduled
/// escrow declares the same ones, so the selectors are equal).
library EscrowFunding {
    using SafeERC20 for IERC20;

    /// @notice Pulls `amount` of `token` from the caller once the deposit is allowed (funding open until `deadline`
    /// inclusive, `amount` non-zero) and returns what it credits: everything held beyond `recorded`, the deposits
    /// already booked. While funding is open nothing leaves an escrow, so that is what arrived now (less a
    /// fee-on-transfer token's fee) — or earlier by plain transfer, which this deposit then credits instead of
    /// leaving it stranded.
    function pull(
        IERC20 token,
        uint256 deadline,
        uint256 amount,
        uint256 recorded
    ) internal returns (uint256 credited) {
        // Deposits are accepted up to and including the funding deadline second.
        if (block.timestamp > deadline) revert IOutcomeEscrow.FundingClosed(deadline, block.timestamp);
        if (amount == 0) revert IOutcomeEscrow.ZeroDeposit();
        token.safeTransferFrom(msg.sender, address(this), amount);
        credited = token.balanceOf(address(this)) - recorded;
        if (credited == 0) revert IOutcomeEscrow.ZeroDeposit();
    }

    /// @notice Pays `amount` of `token` to `account` (a claim or a refund: the caller booked it first).
    function pay(IERC20 token, address account, uint256 amount) internal {
        token.safeTransfer(account, amount);
    }
}
