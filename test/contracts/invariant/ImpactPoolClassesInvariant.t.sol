// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClassedPoolFixture} from "../fixtures/ClassedPoolFixture.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {ScheduleLib} from "../../../contracts/outcomes/ScheduleLib.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {PoolShareClass} from "../../../contracts/pool/PoolShareClass.sol";
import {ClassedPoolHandler} from "./handlers/ClassedPoolHandler.sol";

/// @notice The classed pool of `docs/capital-structure.md` (senior 75,000 at 1.2×, junior 25,000 at 1.1×, a 56,250
/// guarantee, a 10 % provider incentive, three yearly points) under random class investments, commitments, a posted
/// guarantee, time, oracle moves, the disbursal, settlements, share transfers between distributions, claims,
/// withdrawals and refunds. Invariants: per class Σ claimed + Σ claimable ≤ Σ distributed (dust as the docs bound it);
/// per holder claimed + claimable equals what it is owed (Σ amount × its balance at each distribution / supply) less
/// under one wei, so no transfer lets a holder claim a distribution twice; the waterfall of the cumulative paid P to
/// the wei (the junior class gets nothing while the senior principal and return are unpaid); solvency; conservation
/// (in = out + held) to the wei; and nothing stuck after the last cut-off.
contract ImpactPoolClassesInvariantTest is ClassedPoolFixture {
    ClassedPoolHandler internal handler;
    ImpactPool internal pool;

    function setUp() public override {
        super.setUp();
        IPaymentSchedule.Point[] memory ps = _yearly();
        pool = _createClassed(ps, _capital());
        handler = new ClassedPoolHandler(
            token,
            feed,
            pool,
            MISSION,
            VERSION,
            uint256(DEADLINE) + 2 days + GRACE,
            abi.encode(_classedTerms(ps).schedule)
        );
        for (uint256 p; p < 3; ++p) handler.setPoint(p, ScheduleLib.encodePoint(ps[p]), h.pointProof(ps, p));
        targetContract(address(handler));
        bytes4[] memory s = new bytes4[](16);
        s[0] = ClassedPoolHandler.invest.selector;
        s[1] = ClassedPoolHandler.fill.selector;
        s[2] = ClassedPoolHandler.commit.selector;
        s[3] = ClassedPoolHandler.postGuarantee.selector;
        s[4] = ClassedPoolHandler.warp.selector;
        s[5] = ClassedPoolHandler.warp.selector;
        s[6] = ClassedPoolHandler.setResult.selector;
        s[7] = ClassedPoolHandler.disburse.selector;
        s[8] = ClassedPoolHandler.settle.selector;
        s[9] = ClassedPoolHandler.settle.selector;
        s[10] = ClassedPoolHandler.transfer.selector;
        s[11] = ClassedPoolHandler.transfer.selector;
        s[12] = ClassedPoolHandler.claim.selector;
        s[13] = ClassedPoolHandler.claim.selector;
        s[14] = ClassedPoolHandler.withdraw.selector;
        s[15] = ClassedPoolHandler.refund.selector;
        targetSelector(address(handler), s);
    }

    function _sumClaimable(uint256 c) internal view returns (uint256 sum) {
        PoolShareClass share = handler.cls(c);
        for (uint256 i; i < handler.HOLDERS(); ++i) sum += share.claimable(handler.holder(i));
    }

    function _sumClaimed(uint256 c) internal view returns (uint256 sum) {
        for (uint256 i; i < handler.HOLDERS(); ++i) sum += handler.gClaimed(c, i);
    }

    /// @dev Per class: Σ claimed + Σ claimable ≤ Σ distributed, short by at most one wei per distribution and one per
    /// holder (the accumulator's rounding down, `docs/capital-structure.md`).
    function invariant_ClaimsNeverExceedDistributions() public view {
        for (uint256 c; c < 2; ++c) {
            uint256 got = _sumClaimed(c) + _sumClaimable(c);
            uint256 distributed = handler.gDistributed(c);
            assertLe(got, distributed, "claimed + claimable <= distributed");
            assertGe(got + handler.gDistributions(c) + handler.HOLDERS(), distributed, "dust bounded");
        }
    }

    /// @dev Per holder and class: claimed + claimable ≤ owed exactly (no transfer lets a distribution be claimed
    /// twice) and > owed − 1 wei (a transfer moves no entitlement away either).
    function invariant_NoDoubleClaimByTransferring() public view {
        for (uint256 c; c < 2; ++c) {
            PoolShareClass share = handler.cls(c);
            uint256 supply = handler.targets(c);
            if (handler.gDistributed(c) != 0) assertEq(share.totalSupply(), supply, "supply fixed once distributing");
            for (uint256 i; i < handler.HOLDERS(); ++i) {
                uint256 got = handler.gClaimed(c, i) + share.claimable(handler.holder(i));
                uint256 owed = handler.owedNum(c, i);
                assertLe(got * supply, owed, "never more than owed");
                assertGe((got + 1) * supply, owed, "less than one wei short of what is owed");
            }
        }
    }

    /// @dev The waterfall of the cumulative paid P to the wei: senior principal [0, 75,000), senior return [75,000,
    /// 90,000), junior principal [90,000, 115,000), junior return [115,000, 117,500), the provider 10 % of each return
    /// (rounded down), the rest capped back. So the junior class receives nothing while any senior principal is unpaid.
    function invariant_SeniorityWaterfall() public view {
        uint256 paid = pool.ledger().totalPaid;
        uint256 sp = _band(paid, 0, 75_000);
        uint256 sr = _band(paid, 75_000, 15_000);
        uint256 jp = _band(paid, 90_000, 25_000);
        uint256 jr = _band(paid, 115_000, 2_500);
        uint256 senior = handler.gDistributed(0) - handler.gUndrawn(0) - handler.gCalled(0);
        uint256 junior = handler.gDistributed(1) - handler.gUndrawn(1) - handler.gCalled(1);
        assertEq(senior, sp + sr - (sr * 1_000) / 10_000, "senior = its bands less the cut");
        assertEq(junior, jp + jr - (jr * 1_000) / 10_000, "junior = its bands less the cut");
        if (junior != 0) assertEq(sp, 75_000, "junior principal only after the senior principal");
        assertEq(handler.gProviderCut(), (sr * 1_000) / 10_000 + (jr * 1_000) / 10_000, "provider cut");
        assertEq(handler.gCappedBack(), paid > 117_500 ? paid - 117_500 : 0, "capped back");
        assertEq(handler.gCalled(1), 0, "the junior class is never guaranteed");
        if (pool.phase() == IImpactPool.Phase.Settled) {
            uint256 got = sp + handler.gUndrawn(0);
            uint256 shortfall = got >= 75_000 ? 0 : 75_000 - got;
            uint256 posted = handler.gPosted();
            assertEq(handler.gCalled(0), shortfall < posted ? shortfall : posted, "guarantee called = shortfall");
            assertEq(handler.gGuaranteeReturned(), posted - handler.gCalled(0), "the rest of the guarantee returned");
        }
    }

    /// @dev What the pool owes now, by phase, on top of every holder's claimable: the payers' refunds once settled
    /// (and each class's capital after a failed raise); before that the capital not disbursed, the commitments not yet
    /// paid out, what the caps held back so far and the guarantee posted.
    function _owed() internal view returns (uint256 owed) {
        owed = _sumClaimable(0) + _sumClaimable(1);
        IImpactPool.Phase phase = pool.phase();
        if (phase == IImpactPool.Phase.Settled || phase == IImpactPool.Phase.RaiseFailed) {
            for (uint256 j; j < handler.PAYERS(); ++j) owed += pool.previewRefund(handler.payer(j));
            if (phase == IImpactPool.Phase.RaiseFailed) {
                owed += handler.cls(0).totalSupply() + handler.cls(1).totalSupply();
            }
            return owed;
        }
        IImpactPool.State memory st = pool.state();
        IPaymentSchedule.Ledger memory l = pool.ledger();
        owed += st.totalShares - st.disbursed + l.totalCommitted - l.totalPaid + handler.gCappedBack();
        owed += handler.gPosted();
    }

    function invariant_ConservationAndSolvency() public view {
        uint256 balance = token.balanceOf(address(pool));
        assertEq(balance, handler.gIn() - handler.gOut(), "in = out + held");
        assertGe(balance, _owed(), "solvency");
        assertEq(pool.ledger().totalCommitted, handler.gCommitted(), "committed = what the payers paid in");
        assertEq(
            pool.state().totalShares,
            handler.cls(0).totalSupply() + handler.cls(1).totalSupply(),
            "totalShares = the classes' raise = the classes' shares"
        );
        assertEq(pool.totalSupply(), 0, "a classed pool mints no pool shares");
    }

    /// @dev Past the last cut-off, once the oracle decides what is still proposed or disputed, every open point of a
    /// funded pool settles, every holder claims (or withdraws, after a failed raise) and every payer is refunded: what
    /// is left is the accumulator's dust (one wei per distribution and per holder, per class) and one wei per payer.
    function invariant_NeverStuckAfterTheLastPoint() public {
        if (block.timestamp <= handler.lastCutOff()) return;
        uint256 snap = vm.snapshotState();
        for (uint256 s; s < 3; ++s) {
            if (handler.changing(s)) feed.setFinal(MISSION, VERSION, 0, uint16(s + 1), 150);
        }
        IImpactPool.Phase phase = pool.phase();
        if (phase == IImpactPool.Phase.Funded) {
            for (uint256 p; p < 3; ++p) {
                if ((pool.ledger().settled >> p) & 1 == 0) handler.settlePoint(p);
            }
            assertTrue(pool.phase() == IImpactPool.Phase.Settled, "settled after the last point");
        }
        for (uint256 c; c < 2; ++c) {
            PoolShareClass share = handler.cls(c);
            for (uint256 i; i < handler.HOLDERS(); ++i) {
                address who = handler.holder(i);
                if (phase == IImpactPool.Phase.RaiseFailed && share.balanceOf(who) != 0) {
                    vm.prank(who);
                    share.withdraw();
                }
                if (share.claimable(who) == 0) continue;
                vm.prank(who);
                share.claim();
            }
        }
        for (uint256 j; j < handler.PAYERS(); ++j) {
            if (pool.previewRefund(handler.payer(j)) == 0) continue;
            vm.prank(handler.payer(j));
            pool.refund();
        }
        uint256 dust = 2 * (3 + handler.HOLDERS()) + handler.PAYERS();
        assertLe(token.balanceOf(address(pool)), dust, "only dust left");
        vm.revertToState(snap);
    }

    /// @dev A run of reverts proves nothing: every run that called the pool made a successful call.
    function afterInvariant() public view {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful pool call in this run");
    }

    function _band(uint256 paid, uint256 floor_, uint256 size) internal pure returns (uint256) {
        if (paid <= floor_) return 0;
        return paid - floor_ < size ? paid - floor_ : size;
    }

    function _checkAll() internal view {
        invariant_ClaimsNeverExceedDistributions();
        invariant_NoDoubleClaimByTransferring();
        invariant_SeniorityWaterfall();
        invariant_ConservationAndSolvency();
    }

    /// @dev Every handler action can succeed (none is dead code): a scripted run through each of them, with transfers
    /// between the three distributions.
    function test_Handler_EveryActionSucceeds() public {
        handler.invest(0, 0, 45_000);
        handler.invest(1, 0, 40_000); // clamped to 30,000: the senior class is full
        handler.invest(2, 1, 25_000);
        handler.invest(3, 1, 1); // full: predicted
        handler.postGuarantee();
        handler.commit(0, 70_000);
        handler.commit(1, 70_000); // clamped to 50,000: the fund cap
        handler.refund(0); // not settled: predicted
        handler.withdraw(0, 0); // the raise did not fail: predicted
        handler.claim(0, 0); // nothing yet: predicted
        handler.warp(1 days);
        handler.disburse();
        vm.warp(DEADLINE + 2 days);
        handler.setResult(0, 400, 0);
        handler.setResult(1, 400, 3); // disputed: point 1 pending
        handler.setResult(2, 400, 0);
        handler.settle(0); // 39,999: all senior principal
        handler.transfer(0, 0, 3, 20_000);
        handler.settle(1); // pending: allowed
        handler.setResult(1, 400, 1);
        handler.settle(1);
        handler.claim(0, 3);
        handler.transfer(0, 3, 1, 5_000);
        handler.transfer(1, 2, 0, 10_000);
        handler.settle(2);
        for (uint256 i; i < 4; ++i) {
            handler.claim(0, i);
            handler.claim(1, i);
        }
        handler.refund(0);
        handler.refund(1);
        string[9] memory actions = [
            "invest",
            "postGuarantee",
            "commit",
            "disburse",
            "settle",
            "transfer",
            "claim",
            "refund",
            "invest"
        ];
        for (uint256 i; i < actions.length; ++i) assertGt(handler.succeeded(actions[i]), 0, actions[i]);
        assertTrue(pool.phase() == IImpactPool.Phase.Settled, "settled");
        _checkAll();
        assertLe(token.balanceOf(address(pool)), 2 * (3 + 4) + 2, "only dust left");
    }

    /// @dev `fill` raises both classes to their targets and commits the rest of the fund cap in one call (the pool is
    /// Funded); a second fill finds both classes and the fund full, and each of its three errors is predicted.
    function test_Handler_FillFundsBothClassesInOneCall() public {
        handler.invest(0, 0, 9_999); // bound(9,999, 1, 60,000) = 10,000
        handler.fill(1); // senior 65,000 from holder 1, junior 25,000 from holder 2, 120,000 from payer 1
        assertEq(handler.cls(0).totalSupply(), 75_000, "senior full");
        assertEq(handler.cls(1).totalSupply(), 25_000, "junior full");
        assertEq(handler.cls(0).balanceOf(handler.holder(1)), 65_000, "senior rest from holder 1");
        assertEq(handler.cls(1).balanceOf(handler.holder(2)), 25_000, "junior from holder 2");
        assertEq(handler.gCommitted(), handler.fundCap(), "fund full");
        assertTrue(pool.phase() == IImpactPool.Phase.Funded, "funded");
        assertEq(handler.succeeded("invest"), 3, "three investments");
        assertEq(handler.succeeded("commit"), 1, "one commitment");
        handler.fill(type(uint256).max); // RaiseFull twice, FundFull: predicted, so the call itself does not revert
        assertEq(handler.succeeded("invest"), 3, "no investment into full classes");
        assertEq(handler.gIn(), 100_000 + handler.fundCap(), "in: capital and commitments");
    }

    /// @dev The raise's last second is reached on purpose: an investment then still counts; one a step later is
    /// refused.
    function test_Handler_InvestsAtTheRaiseDeadline() public {
        handler.invest(0, 0, 1_000);
        handler.warp(3); // 3 % 4 == 3: exactly the raise deadline
        assertEq(block.timestamp, handler.raiseDeadline(), "the last second of the raise");
        handler.invest(1, 1, 2_000);
        assertEq(handler.succeeded("invest"), 2, "still open");
        handler.warp(3); // at the deadline already: a 3-second step
        handler.invest(1, 1, 2_000); // RaiseClosed, predicted
        assertEq(handler.calls(), 3, "every call counted");
        _checkAll();
    }

    /// @dev The withdraw action succeeds after a failed raise, and the guarantee cannot be posted then.
    function test_Handler_WithdrawSucceedsAfterAFailedRaise() public {
        handler.invest(0, 0, 30_000);
        handler.invest(1, 1, 5_000);
        handler.commit(0, 5_000);
        handler.postGuarantee(); // raising: predicted
        handler.warp(1 days);
        handler.postGuarantee(); // the raise failed: predicted
        handler.withdraw(0, 0);
        handler.withdraw(1, 1);
        handler.refund(0);
        assertGt(handler.succeeded("withdraw"), 0, "withdraw");
        _checkAll();
        assertEq(token.balanceOf(address(pool)), 0, "everything back");
    }
}
