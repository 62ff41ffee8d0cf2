// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "../fixtures/OracleFixture.sol";
import {ReentrancyAttacker, ReentrancyChecks} from "../fixtures/ReentrancyAttacker.sol";
import {IMetricOracle} from "../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";

/// @notice Issue 16 for the oracle: a bond withdrawn twice (the second reverts, the other disputers' bonds stay held
/// and payable), re-entry into `dispute` and `withdrawBond` by a hook token (refused by the guard), and the report
/// window and quorum hit exactly. Bond = 100; a 3-of-5 committee; period 1 proposed 20 (median of 10, 30, 20).
contract MetricOracleBondsTest is OracleFixture, ReentrancyChecks {
    address internal constant DISPUTER2 = address(0xD2);
    ReentrancyAttacker internal attacker;

    function setUp() public override {
        super.setUp();
        attacker = new ReentrancyAttacker();
        attacker.approve(token, address(oracle));
        token.mint(DISPUTER2, 1_000e18);
        vm.prank(DISPUTER2);
        token.approve(address(oracle), type(uint256).max);
    }

    /// @dev Period 1 disputed by `disputer`, period 2 (proposed 20 as well) disputed by DISPUTER2: 200 held.
    function _twoDisputes() internal {
        _disputed();
        _openWindow(2);
        uint64[] memory v = new uint64[](3);
        (v[0], v[1], v[2]) = (10, 30, 20);
        _reportAll(2, v);
        vm.prank(DISPUTER2);
        oracle.dispute(MISSION, V1, GOAL, 2);
        assertEq(oracle.bondsHeld(address(token)), 200e18, "two bonds held");
    }

    function _nothing(address account) internal view returns (bytes memory) {
        return abi.encodeWithSelector(IMetricOracle.NothingToWithdraw.selector, address(token), account);
    }

    function test_WithdrawBond_RevertWhen_Twice() public {
        _twoDisputes();
        vm.prank(arbiter);
        oracle.resolve(MISSION, V1, GOAL, 1, 25); // 25 ≠ 20: the disputer was right, bond back
        vm.prank(disputer);
        oracle.withdrawBond(address(token));
        assertEq(token.balanceOf(disputer), 1_000e18, "900 + 100 back");
        vm.prank(disputer);
        vm.expectRevert(_nothing(disputer));
        oracle.withdrawBond(address(token));
        // The other disputer's bond is intact: still held, still recorded, still payable.
        assertEq(oracle.bondsHeld(address(token)), 100e18, "disputer 2's bond held");
        assertEq(token.balanceOf(address(oracle)), 100e18, "and in the balance");
        IMetricOracle.Dispute memory d = oracle.getDispute(MISSION, V1, GOAL, 2);
        assertEq(d.disputer, DISPUTER2, "recorded disputer");
        assertEq(d.bond, BOND, "recorded bond");
        vm.prank(arbiter);
        oracle.resolveInvalid(MISSION, V1, GOAL, 2);
        vm.prank(DISPUTER2);
        oracle.withdrawBond(address(token));
        assertEq(token.balanceOf(DISPUTER2), 1_000e18, "disputer 2 paid in full");
        assertEq(token.balanceOf(address(oracle)), 0, "emptied");
    }

    function test_WithdrawBond_RevertWhen_StewardWithdrawsForfeitTwice() public {
        _twoDisputes();
        vm.prank(arbiter);
        oracle.resolve(MISSION, V1, GOAL, 1, 20); // the proposed value stands: bond forfeited to the steward
        vm.prank(steward);
        oracle.withdrawBond(address(token));
        assertEq(token.balanceOf(steward), 100e18, "forfeited bond");
        vm.prank(steward);
        vm.expectRevert(_nothing(steward));
        oracle.withdrawBond(address(token));
        vm.prank(disputer);
        vm.expectRevert(_nothing(disputer));
        oracle.withdrawBond(address(token));
        assertEq(oracle.bondsHeld(address(token)), 100e18, "disputer 2's bond untouched");
    }

    function test_WithdrawBond_RevertWhen_TwiceAfterExpiry() public {
        _twoDisputes();
        uint256 expiresAt = uint256(oracle.getSlot(MISSION, V1, GOAL, 2).challengeEnd) + oracle.ARBITRATION_PERIOD();
        vm.warp(expiresAt + 1);
        oracle.expireDispute(MISSION, V1, GOAL, 2);
        vm.prank(DISPUTER2);
        oracle.withdrawBond(address(token));
        vm.prank(DISPUTER2);
        vm.expectRevert(_nothing(DISPUTER2));
        oracle.withdrawBond(address(token));
        assertEq(token.balanceOf(DISPUTER2), 1_000e18, "paid once");
        assertEq(oracle.bondsHeld(address(token)), 100e18, "period 1's bond still held");
        assertEq(oracle.getDispute(MISSION, V1, GOAL, 1).bond, BOND, "period 1's dispute intact");
    }

    /*//////////////////////////////////////////////////////////////
                     RE-ENTRY BY A HOOK TOKEN: REFUSED
    //////////////////////////////////////////////////////////////*/

    /// @dev While `disputer`'s bond moves in, the attacker (funded, approved) tries to dispute period 2 as well.
    function test_Dispute_ReentryRefused() public {
        _proposed();
        _openWindow(2);
        uint64[] memory v = new uint64[](3);
        (v[0], v[1], v[2]) = (1, 2, 3);
        _reportAll(2, v);
        token.mint(address(attacker), BOND);
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(oracle), abi.encodeCall(IMetricOracle.dispute, (MISSION, V1, GOAL, 2)));
        vm.warp(_periodEnd(2) + 2);
        vm.prank(disputer);
        oracle.dispute(MISSION, V1, GOAL, 1);
        _assertRefusedByGuard(token, calls);
        assertEq(
            uint256(oracle.slotStatus(MISSION, V1, GOAL, 2)),
            uint256(IMetricFeed.SlotStatus.Proposed),
            "period 2"
        );
        assertEq(oracle.bondsHeld(address(token)), BOND, "one bond");
    }

    /// @dev The attacker is owed a bond and re-enters `withdrawBond` while its payout is being transferred.
    function test_WithdrawBond_ReentryRefused() public {
        _proposed();
        token.mint(address(attacker), BOND);
        attacker.exec(address(oracle), abi.encodeCall(IMetricOracle.dispute, (MISSION, V1, GOAL, 1)));
        vm.prank(arbiter);
        oracle.resolveInvalid(MISSION, V1, GOAL, 1); // bond back to the attacker
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(oracle), abi.encodeCall(IMetricOracle.withdrawBond, (address(token))));
        attacker.exec(address(oracle), abi.encodeCall(IMetricOracle.withdrawBond, (address(token))));
        _assertRefusedByGuard(token, calls);
        assertEq(token.balanceOf(address(attacker)), BOND, "paid once");
        assertEq(token.balanceOf(address(oracle)), 0, "nothing more to take");
    }

    /*//////////////////////////////////////////////////////////////
                        THRESHOLDS HIT EXACTLY
    //////////////////////////////////////////////////////////////*/

    /// @dev k − 1 reports collect; the k-th proposes the median of exactly k values.
    function test_Quorum_ExactlyK_Proposes() public {
        _setCommittee(5, 3);
        _openWindow(1);
        uint64[] memory v = new uint64[](2);
        (v[0], v[1]) = (40, 10);
        _reportAll(1, v);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Collecting), "2 of 3: collecting");
        vm.prank(members[2]);
        oracle.report(_r(1, 25));
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Proposed), "3 of 3: proposed");
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).value, 25, "median of 10, 25, 40");
    }

    /// @dev Reports open one second after the period end and close after the reporting deadline second.
    function test_Report_WindowBoundaries() public {
        _setCommittee(5, 3);
        uint40 periodEnd = uint40(_periodEnd(1));
        uint40 deadline = periodEnd + REPORTING_WINDOW;
        vm.warp(periodEnd);
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.PeriodNotEnded.selector, MISSION, GOAL, 1, periodEnd));
        oracle.report(_r(1, 10));
        vm.warp(periodEnd + 1);
        vm.prank(members[0]);
        oracle.report(_r(1, 10));
        vm.warp(deadline);
        vm.prank(members[1]);
        oracle.report(_r(1, 20));
        vm.warp(deadline + 1);
        vm.prank(members[2]);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ReportingClosed.selector, MISSION, GOAL, 1, deadline));
        oracle.report(_r(1, 30));
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Unresolved), "no quorum by the deadline");
    }
}
