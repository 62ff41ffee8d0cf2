// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";

/// @dev What both escrow factories answer about their clones.
interface IKnowsItsEscrows {
    function isEscrow(address account) external view returns (bool);
}

/// @notice The base of the escrow suites' factory probes: a creation through a factory, and a call into a clone of
/// the implementation that someone else deployed (`rogueClone`), each with the outcome the probe predicted — a
/// created escrow is one the factory knows; the rogue clone never is, and every call into it reverts exactly.
abstract contract CloneGateProbe is HandlerBase {
    address public immutable factory;
    address public immutable rogueClone;
    /// @notice Escrows the probe created.
    uint256 public created;

    constructor(address factory_, address rogueClone_) {
        factory = factory_;
        rogueClone = rogueClone_;
    }

    /// @dev Calls the factory with `data` (a `createEscrow`): it must create an escrow the factory knows when
    /// `expected` is empty, else revert with exactly `expected`.
    function _create(bytes memory data, bytes memory expected) internal {
        (bool ok, bytes memory ret) = factory.call(data);
        if (ok) {
            if (expected.length != 0) revert UnexpectedSuccess("create");
            assertTrue(IKnowsItsEscrows(factory).isEscrow(abi.decode(ret, (address))), "create: the factory knows it");
            ++created;
            _ok("create");
        } else {
            if (expected.length == 0) revert UnexpectedRevert("create", ret);
            _expectExactRevert("create", ret, expected);
        }
    }

    /// @dev Calls the rogue clone with `data`: it must revert with exactly `expected`, and the factory must not know it.
    function _rogue(bytes memory data, bytes memory expected) internal {
        if (IKnowsItsEscrows(factory).isEscrow(rogueClone)) revert UnexpectedSuccess("rogue: isEscrow");
        (bool ok, bytes memory ret) = rogueClone.call(data);
        if (ok) revert UnexpectedSuccess("rogue");
        _expectExactRevert("rogue", ret, expected);
    }
}
