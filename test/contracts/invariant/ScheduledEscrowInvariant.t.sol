// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduledEscrowFixture} from "../fixtures/ScheduledEscrowFixture.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IScheduledEscrow} from "../../../contracts/escrow/IScheduledEscrow.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {ScheduleLib} from "../../../contracts/outcomes/ScheduleLib.sol";
import {ScheduledEscrowHandler} from "./handlers/ScheduledEscrowHandler.sol";

/// @notice One scheduled escrow (a triggered cohort point, a capped rate card under an OR trigger, a cumulative
/// true-up; an ordered tier and a 20 % co-payment tier) under random deposits, time, oracle moves, settlements, claims
/// and refunds. Invariants: conservation (in = out + held), solvency (the balance covers every claim and refund owed),
/// the books (paid ≤ committed, per tier too; claims ≤ paid), a point settles once and never on a value that can
/// still change, and nothing is stuck after the last cut-off.
contract ScheduledEscrowInvariantTest is ScheduledEscrowFixture {
    ScheduledEscrowHandler internal handler;
    IScheduledEscrow internal escrow;

    function _schedule() internal returns (IPaymentSchedule.Point[] memory ps) {
        tiers.push(IPaymentSchedule.PayerTier(0));
        tiers.push(IPaymentSchedule.PayerTier(0.2e18));
        keyCaps.push(NONE);
        keyCaps.push(500_000);
        IPaymentSchedule.Point memory cohort = _point(0, false, 0.4e18, _terms(_curveTerm(1, 0, 1e18)));
        cohort.trigger.conditions = new IPaymentSchedule.Condition[](1);
        cohort.trigger.conditions[0] = _atLeast(1, 30);
        IPaymentSchedule.Point memory rate = _point(1, false, 0, _terms(_goal2CountTerm(2, 1, 1_000, 300_000)));
        rate.trigger.any = true;
        rate.trigger.conditions = new IPaymentSchedule.Condition[](2);
        rate.trigger.conditions[0] = _atLeast(1, 60);
        rate.trigger.conditions[1] = IPaymentSchedule.Condition(MISSION, 2, 2, 100, false);
        IPaymentSchedule.Point memory trueUp = _point(
            2,
            true,
            1e18,
            _terms(_curveTerm(1, 0, 0.5e18), _curveTerm(3, 0, 0.5e18))
        );
        trueUp.cap = 2_000_000;
        ps = _points(cohort, rate, trueUp);
    }

    function setUp() public override {
        super.setUp();
        IPaymentSchedule.Point[] memory ps = _schedule();
        escrow = _create(ps);
        handler = new ScheduledEscrowHandler(
            token,
            feed,
            escrow,
            MISSION,
            VERSION,
            FUNDING_DEADLINE,
            _cutOff(2),
            [PROVIDER, PARTNER]
        );
        for (uint256 p; p < 3; ++p) handler.setPoint(p, ScheduleLib.encodePoint(ps[p]), roots.pointProof(ps, p));
        targetContract(address(handler));
        bytes4[] memory s = new bytes4[](8);
        s[0] = ScheduledEscrowHandler.deposit.selector;
        s[1] = ScheduledEscrowHandler.deposit.selector;
        s[2] = ScheduledEscrowHandler.warp.selector;
        s[3] = ScheduledEscrowHandler.setResult.selector;
        s[4] = ScheduledEscrowHandler.settle.selector;
        s[5] = ScheduledEscrowHandler.settle.selector;
        s[6] = ScheduledEscrowHandler.claim.selector;
        s[7] = ScheduledEscrowHandler.refund.selector;
        targetSelector(address(handler), s);
    }

    /// @dev What the escrow owes now: every beneficiary's claimable and every funder's refundable.
    function _owed() internal view returns (uint256 owed) {
        for (uint256 i; i < handler.BENEFICIARIES(); ++i) owed += escrow.claimable(handler.beneficiary(i));
        for (uint256 i; i < handler.FUNDERS(); ++i) owed += escrow.refundable(handler.funder(i));
    }

    function invariant_ConservationSolvencyAndBooks() public view {
        uint256 balance = token.balanceOf(address(escrow));
        assertEq(balance, handler.gIn() - handler.gOut(), "in = out + held");
        assertGe(balance, _owed(), "solvency");
        IPaymentSchedule.Ledger memory l = escrow.ledger();
        assertEq(l.totalCommitted, handler.gIn(), "committed = deposited");
        assertLe(l.totalPaid, l.totalCommitted, "paid <= committed");
        assertLe(l.tierBooks[0].paid, l.tierBooks[0].committed, "tier 0 paid <= committed");
        assertLe(l.tierBooks[1].paid, l.tierBooks[1].committed, "tier 1 paid <= committed");
        assertEq(uint256(l.tierBooks[0].paid) + l.tierBooks[1].paid, l.totalPaid, "tiers sum to the total");
        uint256 claimed = escrow.claimedOf(PROVIDER) + escrow.claimedOf(PARTNER);
        assertLe(claimed, l.totalPaid, "claims <= paid");
        for (uint256 p; p < 3; ++p) {
            assertLe(handler.gSettles(p), 1, "a point settles once");
            assertEq((l.settled >> p) & 1, handler.gSettles(p), "settled bit = settlements");
        }
    }

    function invariant_NeverSettledOnAChangingValue() public view {
        assertEq(handler.gSettledWhileChanging(), 0, "settled while a slot could change");
    }

    /// @dev Past the last cut-off, once the oracle decides what is still proposed or disputed, every open point
    /// settles, every beneficiary claims and every funder is refunded, leaving at most one wei per participant.
    function invariant_NeverStuckAfterTheLastCutOff() public {
        if (block.timestamp <= handler.lastCutOff()) return;
        uint256 snap = vm.snapshotState();
        for (uint256 s; s < 3; ++s) {
            if (handler.changing(s)) feed.setFinal(MISSION, VERSION, s == 1 ? 2 : 0, uint16(s + 1), 50);
        }
        for (uint256 p; p < 3; ++p) {
            if ((escrow.ledger().settled >> p) & 1 == 0) escrow.settlePoint(p, handler.pointBytes(p), handler.proof(p));
        }
        for (uint256 i; i < handler.BENEFICIARIES(); ++i) {
            if (escrow.claimable(handler.beneficiary(i)) > 0) escrow.claimFor(handler.beneficiary(i));
        }
        for (uint256 i; i < handler.FUNDERS(); ++i) {
            if (escrow.refundable(handler.funder(i)) > 0) escrow.refundFor(handler.funder(i));
        }
        assertLe(token.balanceOf(address(escrow)), handler.FUNDERS() + handler.BENEFICIARIES(), "only dust left");
        vm.revertToState(snap);
    }

    /// @dev A run of reverts proves nothing: every run that called the escrow made a successful call.
    function afterInvariant() public view {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful escrow call in this run");
    }

    /// @dev Every handler action can succeed (none is dead code): a scripted run through each of them.
    function test_Handler_EveryActionSucceeds() public {
        handler.deposit(0, 600_000);
        handler.deposit(3, 300_000);
        handler.deposit(1, 100_000);
        handler.setResult(0, 70, 0); // cohort: 70 ≥ 30 → 1,000,000 × 0.4 × 0.7 = 280,000
        handler.setResult(1, 250, 2); // proposed: point 1 pending
        handler.warp(30 days);
        handler.settle(0);
        handler.settle(1); // pending: allowed
        handler.claim(0);
        handler.refund(0); // points open: predicted
        handler.setResult(1, 250, 0); // final 250: 250,000 (under its caps)
        handler.setResult(2, 100, 0);
        handler.warp(40 days);
        handler.warp(40 days);
        handler.settle(1);
        handler.settle(2);
        handler.settle(2); // already settled: allowed
        handler.claim(0);
        handler.claim(1);
        handler.refund(0);
        handler.refund(3);
        handler.deposit(2, 5); // funding closed: predicted
        string[4] memory actions = ["deposit", "settle", "claim", "refund"];
        for (uint256 i; i < actions.length; ++i) assertGt(handler.succeeded(actions[i]), 0, actions[i]);
        assertEq(handler.gSettles(2), 1, "true-up settled once");
        invariant_ConservationSolvencyAndBooks();
        invariant_NeverSettledOnAChangingValue();
        assertEq(uint256(feed.slotStatus(MISSION, VERSION, 2, 2)), uint256(IMetricFeed.SlotStatus.Final), "final");
    }
}
