// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ScheduledPoolFixture} from "../fixtures/ScheduledPoolFixture.sol";
import {ReentrancyAttacker, ReentrancyChecks} from "../fixtures/ReentrancyAttacker.sol";
import {WeirdERC20} from "../../mocks/tokens/WeirdERC20.sol";
import {IImpactPoolFactory} from "../../../contracts/pool/IImpactPoolFactory.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";

/// @notice The scheduled pool's own money paths under a token whose transfer calls back into the pool: a commitment
/// into a tier and a payer's tier refund are each refused re-entry by the guard, and each pays exactly once.
contract ImpactPoolScheduleMoneyPathsTest is ScheduledPoolFixture, ReentrancyChecks {
    WeirdERC20 internal weird;
    ReentrancyAttacker internal attacker;
    ImpactPool internal pool;

    function setUp() public override {
        super.setUp();
        weird = new WeirdERC20("Weird", "WRD", 18);
        IImpactPoolFactory.ScheduledPoolTerms memory t = _poolTerms(_yearly());
        t.token = IERC20(address(weird));
        pool = ImpactPool(factory.createScheduledPool(t));
        attacker = new ReentrancyAttacker();
        attacker.approve(weird, address(pool));
    }

    function _pay(address who, uint256 amount) internal {
        weird.mint(who, amount);
        vm.prank(who);
        weird.approve(address(pool), type(uint256).max);
    }

    function test_CommitTier_ReentryRefused() public {
        weird.mint(address(attacker), 1_000);
        _pay(COMMISSIONER, 5_000);
        uint256 calls = weird.hookCalls();
        _arm(weird, attacker, address(pool), abi.encodeCall(IImpactPool.commitTier, (0, 1_000)));
        vm.prank(COMMISSIONER);
        assertEq(pool.commitTier(0, 5_000), 5_000, "committed");
        _assertRefusedByGuard(weird, calls);
        assertEq(pool.ledger().totalCommitted, 5_000, "funds = what arrived");
        assertEq(pool.tierCommitmentOf(address(attacker), 0), 0, "attacker committed nothing");
    }

    function test_Refund_ReentryRefused_PaysOnce() public {
        _pay(COMMISSIONER, 5_000);
        vm.prank(COMMISSIONER);
        pool.commitTier(0, 5_000);
        weird.mint(address(attacker), 1_000);
        vm.prank(address(attacker));
        pool.commitTier(0, 1_000);
        vm.warp(RAISE + 1); // the raise failed: commitments come back in full
        uint256 calls = weird.hookCalls();
        _arm(weird, attacker, address(pool), abi.encodeCall(IImpactPool.refund, ()));
        vm.prank(COMMISSIONER);
        assertEq(pool.refund(), 5_000, "refunded once");
        _assertRefusedByGuard(weird, calls);
        assertEq(pool.tierCommitmentOf(address(attacker), 0), 1_000, "attacker's commitment untouched");
        assertEq(weird.balanceOf(address(pool)), 1_000, "only the attacker's commitment is left");
    }
}
