// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../../utils/TestBase.sol";

/// @notice The strict harness every invariant handler builds on (after Morpho Blue's `test/InvariantTest.sol`):
/// - no error is swallowed: a call that reverts goes through `_expectRevert`, which lets it pass only when its
///   selector is in the allowlist given for that call, and otherwise reverts with `UnexpectedRevert` (with
///   `failOnRevert: true` in hardhat.config.ts, any revert of a handler fails the run);
/// - a call that the handler's ghost model says must revert but succeeded fails with `UnexpectedSuccess`;
/// - every action counts its calls, successes and expected reverts; the suites' `afterInvariant` checks that each run
///   that called the contract under test made at least one successful call (`calls() == 0 || successes() > 0`;
///   EDR also runs `afterInvariant` after an empty sequence), and a scripted test checks
///   that every action can succeed.
abstract contract HandlerBase is TestBase {
    error UnexpectedRevert(string action, bytes reason);
    error UnexpectedSuccess(string action);

    mapping(bytes32 action => uint256 count) public callsOf;
    mapping(bytes32 action => uint256 count) public successesOf;
    mapping(bytes32 action => uint256 count) public expectedRevertsOf;
    /// @notice Successful calls into the contract under test, over every action.
    uint256 public successes;
    /// @notice Calls into the contract under test (successful or with an allowed revert), over every action.
    uint256 public calls;

    function _key(string memory action) private pure returns (bytes32) {
        return keccak256(bytes(action));
    }

    /// @notice Successful calls of `action` so far.
    function succeeded(string memory action) external view returns (uint256) {
        return successesOf[_key(action)];
    }

    /// @dev Records a successful call of `action`.
    function _ok(string memory action) internal {
        bytes32 k = _key(action);
        ++callsOf[k];
        ++successesOf[k];
        ++successes;
        ++calls;
    }

    /// @dev Lets a revert of `action` through only when its selector is one of `allowed`; otherwise re-raises it.
    function _expectRevert(string memory action, bytes memory reason, bytes4[] memory allowed) internal {
        bytes4 selector = reason.length >= 4 ? bytes4(reason) : bytes4(0);
        for (uint256 i; i < allowed.length; ++i) {
            if (selector == allowed[i]) {
                bytes32 k = _key(action);
                ++callsOf[k];
                ++expectedRevertsOf[k];
                ++calls;
                return;
            }
        }
        revert UnexpectedRevert(action, reason);
    }

    /// @dev A revert of `action` that the ghost model predicted: it must be exactly `expected` (selector and args).
    function _expectExactRevert(string memory action, bytes memory reason, bytes memory expected) internal {
        if (keccak256(reason) != keccak256(expected)) revert UnexpectedRevert(action, reason);
        bytes32 k = _key(action);
        ++callsOf[k];
        ++expectedRevertsOf[k];
        ++calls;
    }

    /// @dev The outcome of a call the ghost model predicted: success when `expected` is empty (else the revert is
    /// unexpected), otherwise exactly the revert `expected` (a success is `UnexpectedSuccess`).
    function _outcome(string memory action, bool ok, bytes memory ret, bytes memory expected) internal {
        if (expected.length == 0) {
            if (!ok) revert UnexpectedRevert(action, ret);
            _ok(action);
        } else {
            if (ok) revert UnexpectedSuccess(action);
            _expectExactRevert(action, ret, expected);
        }
    }

    function _sel(bytes4 a) internal pure returns (bytes4[] memory r) {
        r = new bytes4[](1);
        r[0] = a;
    }

    function _sel(bytes4 a, bytes4 b) internal pure returns (bytes4[] memory r) {
        r = new bytes4[](2);
        (r[0], r[1]) = (a, b);
    }

    function _sel(bytes4 a, bytes4 b, bytes4 c) internal pure returns (bytes4[] memory r) {
        r = new bytes4[](3);
        (r[0], r[1], r[2]) = (a, b, c);
    }

    function _sel(bytes4 a, bytes4 b, bytes4 c, bytes4 d) internal pure returns (bytes4[] memory r) {
        r = new bytes4[](4);
        (r[0], r[1], r[2], r[3]) = (a, b, c, d);
    }

    function _sel(bytes4 a, bytes4 b, bytes4 c, bytes4 d, bytes4 e) internal pure returns (bytes4[] memory r) {
        r = new bytes4[](5);
        (r[0], r[1], r[2], r[3], r[4]) = (a, b, c, d, e);
    }
}
