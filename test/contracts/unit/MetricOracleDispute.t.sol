// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "../fixtures/OracleFixture.sol";
import {IMetricOracle} from "../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {WeirdERC20} from "../../mocks/tokens/WeirdERC20.sol";

contract MetricOracleDisputeTest is OracleFixture {
    function _expectStatus(uint16 period, IMetricFeed.SlotStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.WrongState.selector, MISSION, GOAL, period, status));
    }

    function test_Dispute_PostsBond() public {
        _proposed();
        vm.expectEmit(address(oracle));
        emit IMetricOracle.ValueDisputed(MISSION, GOAL, 1, disputer, address(token), BOND, V1);
        vm.prank(disputer);
        oracle.dispute(MISSION, V1, GOAL, 1);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Disputed), "disputed");
        assertEq(token.balanceOf(address(oracle)), BOND, "bond held");
        assertEq(oracle.bondsHeld(address(token)), BOND, "bondsHeld");
        IMetricOracle.Dispute memory d = oracle.getDispute(MISSION, V1, GOAL, 1);
        assertEq(d.disputer, disputer, "disputer");
        assertEq(d.bond, BOND, "bond");
    }

    function test_Dispute_AtWindowEnd_ThenClosed() public {
        _proposed();
        uint40 end = oracle.getSlot(MISSION, V1, GOAL, 1).challengeEnd;
        vm.warp(end + 1);
        vm.prank(disputer);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ChallengeWindowClosed.selector, MISSION, GOAL, 1, end));
        oracle.dispute(MISSION, V1, GOAL, 1);
        vm.warp(end);
        vm.prank(disputer);
        oracle.dispute(MISSION, V1, GOAL, 1);
    }

    function test_Dispute_RevertWhen_NotProposed() public {
        _setCommittee(5, 3);
        _expectStatus(1, IMetricFeed.SlotStatus.None);
        oracle.dispute(MISSION, V1, GOAL, 1);
        _disputed();
        _expectStatus(1, IMetricFeed.SlotStatus.Disputed);
        oracle.dispute(MISSION, V1, GOAL, 1);
    }

    function test_Dispute_RevertWhen_CollectingPastDeadline_ReadsUnresolved() public {
        _setCommittee(5, 3);
        _openWindow(1);
        vm.prank(members[0]);
        oracle.report(_r(1, 1));
        vm.warp(_periodEnd(1) + REPORTING_WINDOW + 1);
        _expectStatus(1, IMetricFeed.SlotStatus.Unresolved);
        oracle.dispute(MISSION, V1, GOAL, 1);
    }

    function test_Dispute_FeeOnTransferCreditsWhatArrived() public {
        token.setFeeBps(100); // 1 %
        _disputed();
        assertEq(oracle.getDispute(MISSION, V1, GOAL, 1).bond, 99e18, "credited");
        assertEq(oracle.bondsHeld(address(token)), 99e18, "held");
        assertEq(token.balanceOf(address(oracle)), 99e18, "balance");
    }

    function test_Resolve_DifferentValue_DisputerWins() public {
        _disputed();
        vm.warp(block.timestamp + 10);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.DisputeResolved(MISSION, GOAL, 1, arbiter, 25, true, V1);
        vm.prank(arbiter);
        oracle.resolve(MISSION, V1, GOAL, 1, 25);
        (uint64 value, uint40 at) = oracle.finalValue(MISSION, V1, GOAL, 1);
        assertEq(value, 25, "arbiter value");
        assertEq(at, block.timestamp, "finalized at");
        assertEq(oracle.claimableBond(address(token), disputer), BOND, "bond back");
        assertEq(oracle.latestFinalPeriod(MISSION, V1, GOAL), 1, "latest");
        uint256 before = token.balanceOf(disputer);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.BondWithdrawn(address(token), disputer, BOND);
        vm.prank(disputer);
        oracle.withdrawBond(address(token));
        assertEq(token.balanceOf(disputer) - before, BOND, "paid");
        assertEq(oracle.bondsHeld(address(token)), 0, "none held");
    }

    function test_Resolve_SameValue_BondToSteward() public {
        _disputed();
        vm.expectEmit(address(oracle));
        emit IMetricOracle.BondCredited(address(token), steward, BOND);
        vm.prank(arbiter);
        oracle.resolve(MISSION, V1, GOAL, 1, 20);
        assertEq(oracle.claimableBond(address(token), steward), BOND, "steward");
        assertEq(oracle.claimableBond(address(token), disputer), 0, "disputer");
        vm.prank(steward);
        oracle.withdrawBond(address(token));
        assertEq(token.balanceOf(steward), BOND, "steward paid");
    }

    function test_Resolve_BlockedRecipientDoesNotBlockResolution() public {
        token.setBlocked(steward, true);
        _disputed();
        vm.prank(arbiter);
        oracle.resolve(MISSION, V1, GOAL, 1, 20);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Final), "final despite blocked steward");
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(WeirdERC20.Blocked.selector, steward));
        oracle.withdrawBond(address(token));
        assertEq(oracle.claimableBond(address(token), steward), BOND, "still claimable");
    }

    function test_Resolve_RevertWhen_NotArbiter() public {
        _disputed();
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NotArbiter.selector, MISSION, 1, address(this)));
        oracle.resolve(MISSION, V1, GOAL, 1, 25);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NotArbiter.selector, MISSION, 1, address(this)));
        oracle.resolveInvalid(MISSION, V1, GOAL, 1);
    }

    function test_Resolve_RevertWhen_NotDisputed() public {
        _proposed();
        vm.prank(arbiter);
        _expectStatus(1, IMetricFeed.SlotStatus.Proposed);
        oracle.resolve(MISSION, V1, GOAL, 1, 25);
        vm.prank(arbiter);
        _expectStatus(1, IMetricFeed.SlotStatus.Proposed);
        oracle.resolveInvalid(MISSION, V1, GOAL, 1);
    }

    function test_ResolveInvalid_Unresolved_BondBack() public {
        _disputed();
        vm.expectEmit(address(oracle));
        emit IMetricOracle.SlotUnresolved(MISSION, GOAL, 1, IMetricOracle.UnresolvedReason.ArbiterInvalid, V1);
        vm.prank(arbiter);
        oracle.resolveInvalid(MISSION, V1, GOAL, 1);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Unresolved), "unresolved");
        assertEq(oracle.claimableBond(address(token), disputer), BOND, "bond back");
        vm.expectRevert(
            abi.encodeWithSelector(
                IMetricFeed.ValueNotFinal.selector,
                MISSION,
                GOAL,
                1,
                IMetricFeed.SlotStatus.Unresolved
            )
        );
        oracle.finalValue(MISSION, V1, GOAL, 1);
    }

    function test_ExpireDispute_AfterArbitrationPeriod() public {
        _disputed();
        uint256 expiresAt = uint256(oracle.getSlot(MISSION, V1, GOAL, 1).challengeEnd) + 30 days;
        vm.warp(expiresAt);
        vm.expectRevert(
            abi.encodeWithSelector(IMetricOracle.ArbitrationNotExpired.selector, MISSION, GOAL, 1, expiresAt)
        );
        oracle.expireDispute(MISSION, V1, GOAL, 1);
        vm.warp(expiresAt + 1);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.SlotUnresolved(MISSION, GOAL, 1, IMetricOracle.UnresolvedReason.ArbitrationExpired, V1);
        oracle.expireDispute(MISSION, V1, GOAL, 1);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Unresolved), "unresolved");
        assertEq(oracle.claimableBond(address(token), disputer), BOND, "bond back");
    }

    function test_ExpireDispute_RevertWhen_NotDisputed() public {
        _proposed();
        _expectStatus(1, IMetricFeed.SlotStatus.Proposed);
        oracle.expireDispute(MISSION, V1, GOAL, 1);
    }

    function test_WithdrawBond_RevertWhen_Nothing() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMetricOracle.NothingToWithdraw.selector, address(token), address(this))
        );
        oracle.withdrawBond(address(token));
    }

    function test_Finalize_AfterWindow() public {
        _proposed();
        uint40 end = oracle.getSlot(MISSION, V1, GOAL, 1).challengeEnd;
        vm.warp(end);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ChallengeWindowOpen.selector, MISSION, GOAL, 1, end));
        oracle.finalize(MISSION, V1, GOAL, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMetricFeed.ValueNotFinal.selector,
                MISSION,
                GOAL,
                1,
                IMetricFeed.SlotStatus.Proposed
            )
        );
        oracle.finalValue(MISSION, V1, GOAL, 1);
        vm.warp(end + 1);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.ValueFinalized(MISSION, GOAL, 1, 20, end + 1, V1);
        oracle.finalize(MISSION, V1, GOAL, 1);
        (uint64 value, uint40 at) = oracle.finalValue(MISSION, V1, GOAL, 1);
        assertEq(value, 20, "value");
        assertEq(at, end + 1, "at");
        _expectStatus(1, IMetricFeed.SlotStatus.Final);
        oracle.finalize(MISSION, V1, GOAL, 1);
    }

    function test_Finalize_RevertWhen_Disputed() public {
        _disputed();
        vm.warp(block.timestamp + CHALLENGE + 1);
        _expectStatus(1, IMetricFeed.SlotStatus.Disputed);
        oracle.finalize(MISSION, V1, GOAL, 1);
    }

    function test_LatestFinalPeriod_OnlyMovesUp() public {
        _setCommittee(1, 1);
        _openWindow(2);
        vm.prank(members[0]);
        oracle.report(_r(2, 7));
        vm.warp(block.timestamp + CHALLENGE + 1);
        oracle.finalize(MISSION, V1, GOAL, 2);
        assertEq(oracle.latestFinalPeriod(MISSION, V1, GOAL), 2, "2");
        // Period 3 then period... period 1's window is closed; use a goal with a long reporting window.
        registry.addGoal(
            MISSION,
            IMissionRegistry.Goal({
                baseline: 0,
                target: 1,
                firstPeriodEnd: FIRST_END,
                periodLength: PERIOD_LENGTH,
                periodCount: 3,
                reportingWindow: 1 days,
                decimals: 0,
                version: 1
            })
        );
        vm.warp(_periodEnd(3) + 1);
        IMetricOracle.Report memory r = _r(3, 1);
        r.goalId = 1;
        vm.prank(members[0]);
        oracle.report(r);
        r.period = 2;
        vm.prank(members[0]);
        oracle.report(r);
        vm.warp(block.timestamp + CHALLENGE + 1);
        oracle.finalize(MISSION, V1, 1, 3);
        oracle.finalize(MISSION, V1, 1, 2);
        assertEq(oracle.latestFinalPeriod(MISSION, V1, 1), 3, "stays 3");
    }

    function test_MarkUnresolved_NoQuorumByDeadline() public {
        _setCommittee(5, 3);
        _openWindow(1);
        vm.prank(members[0]);
        oracle.report(_r(1, 1));
        _expectStatus(1, IMetricFeed.SlotStatus.Collecting);
        oracle.markUnresolved(MISSION, V1, GOAL, 1);
        vm.warp(_periodEnd(1) + REPORTING_WINDOW + 1);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Unresolved), "reads unresolved");
        vm.expectEmit(address(oracle));
        emit IMetricOracle.SlotUnresolved(MISSION, GOAL, 1, IMetricOracle.UnresolvedReason.NoQuorum, V1);
        oracle.markUnresolved(MISSION, V1, GOAL, 1);
        _expectStatus(1, IMetricFeed.SlotStatus.Unresolved);
        oracle.markUnresolved(MISSION, V1, GOAL, 1);
        // A report to the marked slot is refused.
        vm.prank(members[1]);
        _expectStatus(1, IMetricFeed.SlotStatus.Unresolved);
        oracle.report(_r(1, 1));
    }

    function test_MarkUnresolved_EmptySlot() public {
        vm.warp(_periodEnd(1) + REPORTING_WINDOW);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.None), "none at deadline");
        _expectStatus(1, IMetricFeed.SlotStatus.None);
        oracle.markUnresolved(MISSION, V1, GOAL, 1);
        vm.warp(_periodEnd(1) + REPORTING_WINDOW + 1);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Unresolved), "unresolved");
        oracle.markUnresolved(MISSION, V1, GOAL, 1);
        assertEq(
            uint256(oracle.getSlot(MISSION, V1, GOAL, 1).status),
            uint256(IMetricFeed.SlotStatus.Unresolved),
            "stored"
        );
    }

    function test_MarkUnresolved_RevertWhen_PeriodOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.PeriodOutOfRange.selector, MISSION, GOAL, 9));
        oracle.markUnresolved(MISSION, V1, GOAL, 9);
    }

    function test_SlotStatus_UnknownSlotReadsNone() public view {
        assertEq(uint256(oracle.slotStatus(MISSION, V1, GOAL, 9)), 0, "bad period");
        assertEq(uint256(oracle.slotStatus(MISSION, V1, 5, 1)), 0, "bad goal");
        assertEq(uint256(oracle.slotStatus(42, V1, GOAL, 1)), 0, "bad mission");
    }

    function test_FinalValue_RevertWhen_None() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMetricFeed.ValueNotFinal.selector, MISSION, GOAL, 1, IMetricFeed.SlotStatus.None)
        );
        oracle.finalValue(MISSION, V1, GOAL, 1);
    }

    function test_OptimisticOracle_KOneWithWindow() public {
        _setCommittee(3, 1);
        _openWindow(1);
        vm.prank(members[2]);
        oracle.report(_r(1, 64));
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Proposed), "one report proposes");
        vm.warp(block.timestamp + CHALLENGE + 1);
        oracle.finalize(MISSION, V1, GOAL, 1);
        (uint64 value, ) = oracle.finalValue(MISSION, V1, GOAL, 1);
        assertEq(value, 64, "final");
    }
}
