// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {AddressList} from "../../../contracts/libraries/AddressList.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {IImpactPoolFactory} from "../../../contracts/pool/IImpactPoolFactory.sol";
import {ImpactPoolFactoryHandler} from "./handlers/ImpactPoolFactoryHandler.sol";

/// @notice The pool factory driven by `ImpactPoolFactoryHandler` (valid and faulty creations, an outsider's calls).
/// After every call: the factory's index (count, each entry, every page of the whole list and of each mission's list,
/// the first index past the end refused) equals the handler's ghost lists; every pool it indexed is its own, live and
/// pinned the committee versions the model expects, lane by lane; nothing else is taken for one of its pools; and the
/// implementation was never initialised.
contract ImpactPoolFactoryInvariantTest is TestBase {
    ImpactPoolFactoryHandler internal handler;
    IImpactPoolFactory internal factory;

    function setUp() public {
        handler = new ImpactPoolFactoryHandler();
        factory = IImpactPoolFactory(handler.factoryAddress());
        targetContract(address(handler));
        bytes4[] memory s = new bytes4[](7);
        s[0] = ImpactPoolFactoryHandler.create.selector;
        s[1] = ImpactPoolFactoryHandler.create.selector;
        s[2] = ImpactPoolFactoryHandler.createInvalid.selector;
        s[3] = ImpactPoolFactoryHandler.createInvalid.selector;
        s[4] = ImpactPoolFactoryHandler.attack.selector;
        s[5] = ImpactPoolFactoryHandler.attack.selector;
        s[6] = ImpactPoolFactoryHandler.probeSettlement.selector;
        targetSelector(address(handler), s);
    }

    /// @dev `ghost[offset : offset + limit]` clipped to its end (empty past it), the spec of `pools` / `missionPools`.
    function _checkPage(address[] memory ghost, address[] memory got, uint256 offset, uint256 limit) internal pure {
        uint256 n = ghost.length;
        uint256 start = offset < n ? offset : n;
        uint256 stop = limit < n - start ? start + limit : n;
        assertEq(got.length, stop - start, "page length");
        for (uint256 i; i < got.length; ++i) assertEq(got[i], ghost[start + i], "page entry");
    }

    /// @dev Pages (offset, limit) of the whole list: (0, 0), (0, 1), (0, n), (0, no limit), (1, n), (n - 1, 1),
    /// (n - 1, no limit), (n, 1), (n + 1, 1); of a mission's list the first four of those (a CI run stays short).
    function _checkPages(address[] memory ghost, uint256 missionId, bool all) internal view {
        uint256 n = ghost.length;
        uint256 last = n == 0 ? 0 : n - 1;
        uint256 max = type(uint256).max;
        uint256[9] memory offsets = [0, 0, 0, 0, 1, last, last, n, n + 1];
        uint256[9] memory limits = [0, 1, n, max, n, 1, max, 1, 1];
        for (uint256 k; k < (all ? 9 : 4); ++k) {
            address[] memory got =
                all ? factory.pools(offsets[k], limits[k]) : factory.missionPools(missionId, offsets[k], limits[k]);
            _checkPage(ghost, got, offsets[k], limits[k]);
        }
    }

    /// @dev One invariant (one campaign at CI budget) over both checks.
    function invariant_IndexAndPoolsMatchGhosts() public view {
        _checkIndex();
        _checkPools();
    }

    /// @dev The index: count, each entry, the first index past the end, every page of the list and of each mission's.
    function _checkIndex() internal view {
        uint256 n = handler.poolCount();
        assertEq(factory.poolCount(), n, "pool count");
        address[] memory ghost = new address[](n);
        for (uint256 i; i < n; ++i) {
            ghost[i] = handler.gPools(i);
            assertEq(factory.poolAt(i), ghost[i], "poolAt");
        }
        (bool ok, bytes memory ret) = address(factory).staticcall(abi.encodeCall(factory.poolAt, (n)));
        assertTrue(!ok, "poolAt past the end");
        assertEq(
            keccak256(ret),
            keccak256(abi.encodeWithSelector(AddressList.IndexOutOfBounds.selector, n, n)),
            "poolAt past the end: IndexOutOfBounds"
        );
        _checkPages(ghost, 0, true);
        for (uint256 m = 1; m <= handler.MISSIONS(); ++m) {
            address[] memory mine = handler.missionPools(m);
            assertEq(factory.missionPoolCount(m), mine.length, "mission pool count");
            _checkPages(mine, m, false);
        }
    }

    /// @dev Every indexed pool is the factory's, live and pinned as the model says; nothing else is a pool;
    /// the implementation was never initialised.
    function _checkPools() internal view {
        for (uint256 i; i < handler.poolCount(); ++i) {
            ImpactPool pool = ImpactPool(handler.gPools(i));
            assertTrue(factory.isPool(address(pool)), "a created pool is the factory's");
            IImpactPool.Config memory c = pool.config();
            assertEq(c.basketVersions, handler.gBasketVersions(address(pool)), "basket versions, lane per term");
            assertEq(c.milestoneVersions, handler.gMilestoneVersions(address(pool)), "milestone versions");
            assertEq(uint256(pool.phase()), uint256(IImpactPool.Phase.Raising), "live and raising");
        }
        address impl = handler.implementation();
        assertTrue(!factory.isPool(impl), "the implementation is not a pool");
        assertTrue(!factory.isPool(handler.tokenAddress()), "the token is not a pool");
        assertTrue(!factory.isPool(address(handler)), "the handler is not a pool");
        assertTrue(!factory.isPool(address(factory)), "the factory is not a pool");
        (bool ok, bytes memory ret) = impl.staticcall(abi.encodeCall(IImpactPool.phase, ()));
        assertTrue(!ok, "the implementation has no phase");
        assertEq(keccak256(ret), keccak256(abi.encodeWithSelector(IImpactPool.NotAClone.selector)), "NotAClone");
    }

    /// @dev A run of reverts proves nothing: every run that called the factory made a successful call.
    function afterInvariant() public view {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful call in this run");
    }

    /// @dev Every action can succeed or meet its predicted error: the three basket shapes (one late, at the earliest
    /// cut-off; a version bumped before the third), each of the twelve faults, each of the six attacks, a settlement
    /// probe on each pool.
    function test_Handler_EveryActionSucceeds() public {
        handler.attack(0, 1 << 8, 5, true); // the first call creates the fixture's pool (versions 3, 3, 5, 5) first
        handler.create(1 | (1 << 4) | (1 << 8)); // mission 2's terms, late: cut-off at the earliest second
        handler.create(2); // (2 >> 8) % 4 == 0: mission 1 moves to version 4 first
        assertEq(handler.gVersion(1), 4, "version bumped");
        for (uint256 f; f < 12; ++f) handler.createInvalid(f, f);
        for (uint256 k; k < 6; ++k) handler.attack(k, 1 | (2 << 8), 7, k % 2 == 1);
        for (uint256 p; p < 3; ++p) handler.probeSettlement(p, 1); // each shape under its pins (no jump curve)
        handler.create(2 | (1 << 5) | (1 << 8)); // shape 2 with the jump curve: composite 50 % pays the principal
        handler.probeSettlement(3, 1);
        handler.probeSettlement(3, 0);
        handler.probeSettlement(0, 4); // a fund of 50,000: the payment (120,000) capped to it
        handler.create(3 | (1 << 8)); // the curves basket
        for (uint256 m; m < 3; ++m) handler.probeSettlement(4, m); // every mark exactly, above, below
        assertEq(block.timestamp, 1_700_000_000, "the clock back at T0");
        assertEq(handler.succeeded("create"), 5, "created");
        assertEq(handler.calls(), 5 + 12 + 7 + 9, "every call counted");
        assertEq(factory.missionPoolCount(1), 4, "mission 1: shapes 0, 2 (twice) and 3");
        assertEq(factory.missionPoolCount(2), 3, "mission 2: shapes 0, 1 and 3");
        assertEq(ImpactPool(handler.gPools(0)).config().basketVersions, 3 | (3 << 16) | (5 << 32) | (5 << 48), "pins");
        invariant_IndexAndPoolsMatchGhosts();
    }
}
