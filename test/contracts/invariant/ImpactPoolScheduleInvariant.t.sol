// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduledPoolFixture} from "../fixtures/ScheduledPoolFixture.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {ScheduleLib} from "../../../contracts/outcomes/ScheduleLib.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {ScheduledPoolHandler} from "./handlers/ScheduledPoolHandler.sol";

/// @notice One impact pool paid by a payment schedule (a triggered curve point, a capped rate card under an OR
/// trigger, a cumulative true-up; a 20 % co-payment tier and an ordered tier) under random investments, commitments,
/// time, oracle moves, disbursals, settlements, redemptions, withdrawals and refunds. Invariants: conservation (in =
/// out + held), solvency (the balance covers everything the pool owes in its phase), the books (paid ≤ committed, per
/// tier too; committed = what the payers paid in), a point settles once and never on a value that can still change,
/// and nothing is stuck after the last cut-off (dust: at most one wei per payer and tier).
contract ImpactPoolScheduleInvariantTest is ScheduledPoolFixture {
    ScheduledPoolHandler internal handler;
    ImpactPool internal pool;

    function _schedule() internal returns (IPaymentSchedule.Point[] memory ps) {
        _topUpTiers();
        keyCaps.push(NONE);
        keyCaps.push(30_000);
        IPaymentSchedule.Point memory cohort = _point(
            0,
            false,
            0.4e18,
            _terms(_curveTerm(0, 1, 0, 1e18, _linear(0, 400)))
        );
        cohort.trigger.conditions = new IPaymentSchedule.Condition[](1);
        cohort.trigger.conditions[0] = _cond(0, 1, 100, false);
        IPaymentSchedule.ScheduleTerm memory count = _countTerm(1, 2, 1, 100);
        count.capPerPoint = 25_000;
        IPaymentSchedule.Point memory rate = _point(1, false, 0, _terms(count));
        rate.trigger.any = true;
        rate.trigger.conditions = new IPaymentSchedule.Condition[](2);
        rate.trigger.conditions[0] = _cond(0, 1, 200, false);
        rate.trigger.conditions[1] = _cond(1, 2, 100, false);
        IPaymentSchedule.Point memory trueUp = _point(
            2,
            true,
            1e18,
            _terms(_curveTerm(0, 1, 0, 0.5e18, _linear(0, 400)), _curveTerm(0, 3, 0, 0.5e18, _linear(0, 400)))
        );
        trueUp.cap = 60_000;
        ps = _points(cohort, rate, trueUp);
    }

    function setUp() public override {
        super.setUp();
        IPaymentSchedule.Point[] memory ps = _schedule();
        pool = _createPool(ps);
        handler = new ScheduledPoolHandler(
            token,
            feed,
            pool,
            MISSION,
            VERSION,
            uint256(DEADLINE) + 2 days + GRACE,
            _scheduleAbi(ps)
        );
        for (uint256 p; p < 3; ++p) handler.setPoint(p, ScheduleLib.encodePoint(ps[p]), h.pointProof(ps, p));
        targetContract(address(handler));
        bytes4[] memory s = new bytes4[](12);
        s[0] = ScheduledPoolHandler.invest.selector;
        s[1] = ScheduledPoolHandler.invest.selector;
        s[2] = ScheduledPoolHandler.commit.selector;
        s[3] = ScheduledPoolHandler.commit.selector;
        s[4] = ScheduledPoolHandler.warp.selector;
        s[5] = ScheduledPoolHandler.setResult.selector;
        s[6] = ScheduledPoolHandler.disburse.selector;
        s[7] = ScheduledPoolHandler.settle.selector;
        s[8] = ScheduledPoolHandler.settle.selector;
        s[9] = ScheduledPoolHandler.redeem.selector;
        s[10] = ScheduledPoolHandler.withdraw.selector;
        s[11] = ScheduledPoolHandler.refund.selector;
        targetSelector(address(handler), s);
    }

    /// @dev What the pool owes now, by phase: the investor pot left and every payer's refund once settled; shares 1:1
    /// and every commitment after a failed raise; before that, the capital not disbursed and every commitment.
    function _owed() internal view returns (uint256 owed) {
        IImpactPool.State memory st = pool.state();
        for (uint256 j; j < handler.PAYERS(); ++j) owed += pool.previewRefund(handler.payer(j));
        if (st.phase == IImpactPool.Phase.Settled) return owed + st.investorPotRemaining;
        if (st.phase == IImpactPool.Phase.RaiseFailed) return owed + st.totalShares;
        return st.totalShares - st.disbursed + pool.ledger().totalCommitted;
    }

    function invariant_ConservationSolvencyAndBooks() public view {
        uint256 balance = token.balanceOf(address(pool));
        assertEq(balance, handler.gIn() - handler.gOut(), "in = out + held");
        assertGe(balance, _owed(), "solvency");
        IPaymentSchedule.Ledger memory l = pool.ledger();
        assertEq(l.totalCommitted, handler.gCommitted(), "committed = what the payers paid in");
        assertLe(l.totalPaid, l.totalCommitted, "paid <= committed");
        assertLe(l.tierBooks[0].paid, l.tierBooks[0].committed, "tier 0 paid <= committed");
        assertLe(l.tierBooks[1].paid, l.tierBooks[1].committed, "tier 1 paid <= committed");
        assertEq(uint256(l.tierBooks[0].paid) + l.tierBooks[1].paid, l.totalPaid, "tiers sum to the total");
        for (uint256 p; p < 3; ++p) {
            assertLe(handler.gSettles(p), 1, "a point settles once");
            assertEq((l.settled >> p) & 1, handler.gSettles(p), "settled bit = settlements");
        }
        bool allSettled = l.settled == 7;
        assertTrue(allSettled == (pool.phase() == IImpactPool.Phase.Settled), "settled exactly after the last point");
    }

    function invariant_NeverSettledOnAChangingValue() public view {
        assertEq(handler.gSettledWhileChanging(), 0, "settled while a slot could change");
    }

    /// @dev Past the last cut-off, once the oracle decides what is still proposed or disputed, every open point of a
    /// funded pool settles, every investor redeems (or withdraws, after a failed raise) and every payer is refunded,
    /// leaving at most one wei per payer and tier.
    function invariant_NeverStuckAfterTheLastCutOff() public {
        if (block.timestamp <= handler.lastCutOff()) return;
        uint256 snap = vm.snapshotState();
        for (uint256 s; s < 3; ++s) {
            if (handler.changing(s)) feed.setFinal(MISSION, VERSION, s == 1 ? 1 : 0, uint16(s + 1), 150);
        }
        IImpactPool.Phase phase = pool.phase();
        if (phase == IImpactPool.Phase.Funded) {
            for (uint256 p; p < 3; ++p) {
                if ((pool.ledger().settled >> p) & 1 == 0) pool.settlePoint(p, handler.pointBytes(p), handler.proof(p));
            }
        }
        for (uint256 i; i < handler.INVESTORS(); ++i) {
            address who = handler.investor(i);
            uint256 shares = pool.balanceOf(who);
            if (shares == 0) continue;
            vm.prank(who);
            if (phase == IImpactPool.Phase.RaiseFailed) pool.withdraw();
            else pool.redeem(shares);
        }
        for (uint256 j; j < handler.PAYERS(); ++j) {
            if (pool.previewRefund(handler.payer(j)) == 0) continue;
            vm.prank(handler.payer(j));
            pool.refund();
        }
        assertLe(token.balanceOf(address(pool)), handler.PAYERS(), "only dust left");
        vm.revertToState(snap);
    }

    /// @dev A run of reverts proves nothing: every run that called the pool made a successful call.
    function afterInvariant() public view {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful pool call in this run");
    }

    /// @dev Every handler action can succeed (none is dead code): a scripted run through each of them.
    function test_Handler_EveryActionSucceeds() public {
        handler.invest(0, 60_000);
        handler.invest(1, 60_000); // clamped to 40,000: the raise is met
        handler.invest(0, 1); // full: predicted
        handler.commit(0, 20_000);
        handler.commit(1, 10_000);
        handler.commit(2, 50_000);
        handler.settle(0); // commitments still open: allowed
        handler.redeem(0); // not settled: predicted
        handler.refund(0); // not settled: predicted
        handler.withdraw(0); // the raise did not fail: predicted
        handler.warp(1 days);
        handler.commit(2, 1); // commitments closed: predicted
        handler.disburse();
        handler.disburse(); // already disbursed: allowed
        handler.setResult(0, 300, 0); // cohort: 300 >= 100 → 80,000 × 0.4 × 0.75 = 24,000
        handler.setResult(1, 400, 2); // proposed: point 1 pending
        handler.settle(0);
        handler.settle(1); // pending: allowed
        handler.setResult(1, 400, 0); // 400 × 100 = 40,000 → 25,000 (its cap per point)
        handler.setResult(2, 200, 0);
        handler.settle(1);
        handler.settle(2);
        handler.settle(2); // the pool is settled: allowed
        handler.redeem(0);
        handler.redeem(1);
        handler.refund(0);
        handler.refund(1);
        handler.refund(2);
        handler.refund(2); // nothing left: predicted
        string[7] memory actions = ["invest", "commit", "disburse", "settle", "redeem", "refund", "commit"];
        for (uint256 i; i < actions.length; ++i) assertGt(handler.succeeded(actions[i]), 0, actions[i]);
        assertTrue(pool.phase() == IImpactPool.Phase.Settled, "settled");
        invariant_ConservationSolvencyAndBooks();
        invariant_NeverSettledOnAChangingValue();
        assertEq(uint256(feed.slotStatus(MISSION, VERSION, 1, 2)), uint256(IMetricFeed.SlotStatus.Final), "final");
    }

    /// @dev The withdraw action succeeds after a failed raise.
    function test_Handler_WithdrawSucceedsAfterAFailedRaise() public {
        handler.invest(0, 30_000);
        handler.commit(0, 5_000);
        handler.warp(1 days);
        handler.withdraw(0);
        handler.refund(0);
        assertGt(handler.succeeded("withdraw"), 0, "withdraw");
        invariant_ConservationSolvencyAndBooks();
        assertEq(token.balanceOf(address(pool)), 0, "everything back");
    }
}
