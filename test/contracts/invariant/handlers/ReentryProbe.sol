// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {HandlerBase} from "./HandlerBase.sol";
import {WeirdERC20} from "../../../mocks/tokens/WeirdERC20.sol";

/// @notice Re-entry by a token with a transfer hook, for the invariant handlers: the token itself calls the contract
/// under test again in the middle of one of its transfers. The token holds and has approved `amount`, so that an
/// unguarded deposit, invest or commit would go through and be credited twice by the balance delta. Every
/// state-changing entry point of the suite is `nonReentrant`, so the inner call must fail with exactly
/// `ReentrancyGuardReentrantCall` (any other outcome — a success, or another error because the outer call held no
/// lock — fails the run), and the outer call must then behave exactly as the handler's model predicts.
abstract contract ReentryProbe is HandlerBase {
    error ReentryNotRefused(string action, bool reentered, bytes innerRevert);

    /// @notice Re-entries that fired during a transfer and were refused by the guard.
    uint256 public reentriesRefused;

    /// @dev Arms `token`'s one-shot hook to call `target` with `data`, funded with `amount`; returns the hook's call
    /// count before, for `_requireReentryRefused`.
    function _armReentry(
        WeirdERC20 token,
        address target,
        bytes memory data,
        uint256 amount
    ) internal returns (uint256 hookCallsBefore) {
        token.mint(address(token), amount);
        vm.prank(address(token));
        token.approve(target, amount);
        hookCallsBefore = token.hookCalls();
        token.setHook(target, data);
    }

    /// @dev After the outer call: disarms the hook when no transfer fired it (the outer call reverted before moving
    /// tokens), else requires that the re-entry was refused by the guard.
    function _requireReentryRefused(WeirdERC20 token, string memory action, uint256 hookCallsBefore) internal {
        if (token.hookCalls() == hookCallsBefore) {
            token.setHook(address(0), "");
            return;
        }
        bytes memory inner = token.lastRevert();
        bool refused =
            !token.reentered() &&
                inner.length == 4 &&
                bytes4(inner) == ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector;
        if (!refused) revert ReentryNotRefused(action, token.reentered(), inner);
        ++reentriesRefused;
    }
}
