// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduledPoolFixture} from "../fixtures/ScheduledPoolFixture.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";

/// @notice An impact pool paid by a payment schedule, end to end: investors raise the capital, outcome payers commit
/// into payer tiers until the raise deadline, the capital goes to the provider, anyone settles each point once its
/// slots are final (or its cut-off passed), and after the last point investors redeem the capital left plus what the
/// points paid while each payer gets its tier's unused share back. Figures are hand-computed, to the wei.
contract ImpactPoolScheduleTest is ScheduledPoolFixture {
    /*//////////////////////////////////////////////////////////////
                 THE YEARLY POOL: TWO PAYERS, A 20 % TOP-UP
    //////////////////////////////////////////////////////////////*/

    /// @dev Alice 60,000 and Bob 40,000 of capital, all disbursed to the provider; the top-up fund commits 20,000 to
    /// tier 0 (20 % of every payment), the commissioner 100,000 to tier 1 (the rest): funds 120,000. Each year's pot
    /// is wMulDown(120,000, 0.333333333333333333) = 39,999.
    function test_Yearly_EveryBalanceToTheWei() public {
        _topUpTiers();
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createPool(ps);
        _raise(pool);
        _commitTier(pool, TOPUP, 0, 20_000);
        _commitTier(pool, COMMISSIONER, 1, 100_000);
        vm.warp(RAISE + 1);
        pool.disburse(0, _scheduleAbi(ps));
        assertEq(token.balanceOf(PROVIDER), 100_000, "provider: all the capital");

        vm.warp(DEADLINE + 2 days);
        _final(0, 1, 200); // year 1: 200 of 400 → 0.5 × 39,999 = 19,999 (rounded down)
        _final(0, 2, 400); // year 2: 1.0 → 39,999
        _final(0, 3, 100); // year 3: 0.25 × 39,999 = 9,999 (rounded down)
        IPaymentSchedule.PointResult memory r = _previewPool(pool, ps, 0);
        assertEq(r.amount, 19_999, "preview year 1");
        assertEq(r.parts[0], 3_999, "top-up: wMulDown(19,999, 0.2) = 3,999");
        assertEq(r.parts[1], 16_000, "commissioner: the rest");
        assertEq(_settlePool(pool, ps, 0), 19_999, "year 1");
        assertEq(_settlePool(pool, ps, 1), 39_999, "year 2: top-up 7,999, commissioner 32,000");
        assertTrue(pool.phase() == IImpactPool.Phase.Funded, "open until the last point");
        vm.expectEmit(address(pool));
        emit IImpactPool.ScheduleSettled(69_997, 69_997, 50_003);
        assertEq(_settlePool(pool, ps, 2), 9_999, "year 3: top-up 1,999, commissioner 8,000");
        assertTrue(pool.phase() == IImpactPool.Phase.Settled, "settled after the last point");

        IPaymentSchedule.Ledger memory l = pool.ledger();
        assertEq(l.totalPaid, 69_997, "paid: 19,999 + 39,999 + 9,999");
        assertEq(l.tierBooks[0].paid, 13_997, "top-up paid 3,999 + 7,999 + 1,999");
        assertEq(l.tierBooks[1].paid, 56_000, "commissioner paid 16,000 + 32,000 + 8,000");
        IImpactPool.State memory s = pool.state();
        assertEq(s.outcomePayment, 69_997, "outcome payment");
        assertEq(s.investorPotRemaining, 69_997, "investor pot: 100,000 - 100,000 disbursed + 69,997");
        assertEq(s.refundPotRemaining, 50_003, "refund pot: 120,000 - 69,997");

        // Alice: 69,997 × 60,000 / 100,000 = 41,998 (rounded down); Bob, the last, the remaining 27,999.
        assertEq(_redeemAll(pool, ALICE), 41_998, "Alice");
        assertEq(_redeemAll(pool, BOB), 27_999, "Bob");
        // Top-up: 20,000 - 13,997 = 6,003; commissioner: 100,000 - 56,000 = 44,000.
        assertEq(pool.previewRefund(TOPUP), 6_003, "top-up preview");
        assertEq(_refund(pool, TOPUP), 6_003, "top-up refund");
        assertEq(_refund(pool, COMMISSIONER), 44_000, "commissioner refund");
        assertEq(token.balanceOf(ALICE), 41_998, "Alice's wallet");
        assertEq(token.balanceOf(BOB), 27_999, "Bob's wallet");
        assertEq(token.balanceOf(TOPUP), 6_003, "top-up's wallet");
        assertEq(token.balanceOf(COMMISSIONER), 44_000, "commissioner's wallet");
        // 100,000 + 41,998 + 27,999 + 6,003 + 44,000 = 220,000: everything in went out.
        assertEq(token.balanceOf(address(pool)), 0, "nothing left in the pool");
        assertEq(pool.state().refundPotRemaining, 0, "refund pot paid out");
    }

    function test_Yearly_CommitEventNamesTheTier() public {
        _topUpTiers();
        ImpactPool pool = _createPool(_yearly());
        _give(TOPUP, 5_000, address(pool));
        vm.expectEmit(address(pool));
        emit IImpactPool.TierCommitted(TOPUP, 0, 5_000);
        vm.prank(TOPUP);
        pool.commitTier(0, 5_000);
        assertEq(pool.tierCommitmentOf(TOPUP, 0), 5_000, "tier 0");
        assertEq(pool.tierCommitmentOf(TOPUP, 1), 0, "tier 1");
        assertEq(pool.state().fundCommitted, 5_000, "funds so far");
        assertEq(pool.pointHeader(0).funds, 5_000, "the header's funds");
    }

    function test_Commit_ClampsToTheFundCap() public {
        ImpactPool pool = _createPool(_yearly());
        _commitTier(pool, COMMISSIONER, 0, 100_000);
        _give(TOPUP, 50_000, address(pool));
        vm.prank(TOPUP);
        assertEq(pool.commitTier(0, 50_000), 20_000, "only what is left of 120,000");
        assertEq(token.balanceOf(TOPUP), 30_000, "the rest stays with the payer");
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.FundFull.selector, FUND_CAP));
        vm.prank(TOPUP);
        pool.commitTier(0, 1);
    }

    /*//////////////////////////////////////////////////////////////
               RATE CARD, TRIGGER, TRUE-UP, NO DATA, PENDING
    //////////////////////////////////////////////////////////////*/

    /// @dev A funded pool on `ps` with one ordered tier: the commissioner commits 120,000; the capital is disbursed.
    function _fundedPool(IPaymentSchedule.Point[] memory ps) internal returns (ImpactPool pool) {
        pool = _createPool(ps);
        _raise(pool);
        _commitTier(pool, COMMISSIONER, 0, 120_000);
        vm.warp(RAISE + 1);
        pool.disburse(0, _scheduleAbi(ps));
    }

    function test_RateCard_PaysPerUnitUpToItsCap() public {
        IPaymentSchedule.ScheduleTerm memory perPerson = _countTerm(1, 1, 0, 150); // 150 per person counted
        perPerson.capPerPoint = 30_000;
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 0, _terms(perPerson)));
        ImpactPool pool = _fundedPool(ps);
        _final(1, 1, 260); // 260 × 150 = 39,000 → 30,000 (the per-point cap)
        IPaymentSchedule.PointResult memory r = _previewPool(pool, ps, 0);
        assertEq(r.terms[0].raw, 39_000, "raw");
        assertEq(uint256(r.terms[0].capHit), uint256(IPaymentSchedule.CapHit.TermPerPoint), "per-point cap binds");
        assertEq(_settlePool(pool, ps, 0), 30_000, "paid");
        assertEq(pool.state().investorPotRemaining, 30_000, "investors: no capital left + 30,000");
        assertEq(_redeemAll(pool, ALICE), 18_000, "Alice: 60 %");
        assertEq(_redeemAll(pool, BOB), 12_000, "Bob: 40 %");
        assertEq(_refund(pool, COMMISSIONER), 90_000, "commissioner: 120,000 - 30,000");
        assertEq(token.balanceOf(address(pool)), 0, "nothing left");
    }

    function test_Trigger_FalsePaysNothing() public {
        IPaymentSchedule.Point memory p = _point(0, false, 1e18, _terms(_curveTerm(0, 1, 0, 1e18, _linear(0, 400))));
        p.trigger.conditions = new IPaymentSchedule.Condition[](1);
        p.trigger.conditions[0] = _cond(2, 1, 30, true); // goal 2 (falling) at most 30 in period 1
        IPaymentSchedule.Point[] memory ps = _points(p);
        ImpactPool pool = _fundedPool(ps);
        _final(0, 1, 400);
        _final(2, 1, 35); // above 30: the trigger fails
        IPaymentSchedule.PointResult memory r = _previewPool(pool, ps, 0);
        assertTrue(!r.triggerHeld, "trigger false");
        assertEq(r.terms.length, 0, "terms not evaluated");
        assertEq(_settlePool(pool, ps, 0), 0, "pays nothing");
        assertEq(pool.state().investorPotRemaining, 0, "investors: capital spent, nothing paid");
        assertEq(_refund(pool, COMMISSIONER), 120_000, "commissioner: everything back");
    }

    function test_TrueUp_PaysOnlyWhatWasHeldBack() public {
        // Year 1 pays on half the funds; the cumulative year 2 on all of them, less what year 1 paid.
        IPaymentSchedule.Point[] memory ps = _points(
            _point(0, false, 0.5e18, _terms(_curveTerm(0, 1, 0, 1e18, _linear(0, 400)))),
            _point(1, true, 1e18, _terms(_curveTerm(0, 2, 0, 1e18, _linear(0, 400))))
        );
        ImpactPool pool = _fundedPool(ps);
        vm.warp(DEADLINE + 1 days);
        _final(0, 1, 100); // 60,000 × 0.25 = 15,000
        _final(0, 2, 300); // 120,000 × 0.75 = 90,000 - 15,000 = 75,000
        _expectPoolSettleRevert(pool, ps, 1, abi.encodeWithSelector(IPaymentSchedule.EarlierPointOpen.selector, 1, 0));
        assertEq(_settlePool(pool, ps, 0), 15_000, "year 1");
        assertEq(_settlePool(pool, ps, 1), 75_000, "true-up");
        assertEq(pool.state().investorPotRemaining, 90_000, "investors: 90,000");
        assertEq(_refund(pool, COMMISSIONER), 30_000, "commissioner: 120,000 - 90,000");
    }

    function test_NoData_PaysNothingAfterTheCutOff() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _fundedPool(ps);
        vm.warp(uint256(DEADLINE) + GRACE + 1); // point 0's cut-off has passed without a value
        _expectPoolSettleRevert(pool, ps, 1, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 1));
        IPaymentSchedule.PointResult memory r = _previewPool(pool, ps, 0);
        assertEq(uint256(r.resolution), uint256(OutcomeLib.Resolution.NoData), "no data");
        assertEq(_settlePool(pool, ps, 0), 0, "pays nothing");
        _status(0, 2, IMetricFeed.SlotStatus.Unresolved); // an Unresolved slot is NoData at once
        assertEq(_settlePool(pool, ps, 1), 0, "unresolved: pays nothing");
    }

    function test_Pending_RevertsWhileASlotCanChange() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _fundedPool(ps);
        _status(0, 1, IMetricFeed.SlotStatus.Proposed);
        _expectPoolSettleRevert(pool, ps, 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
        vm.warp(uint256(DEADLINE) + GRACE + 1);
        _status(0, 1, IMetricFeed.SlotStatus.Disputed);
        _expectPoolSettleRevert(pool, ps, 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
        _final(0, 1, 400);
        assertEq(_settlePool(pool, ps, 0), 39_999, "settles once final");
    }

    function test_Settle_ReadsThePinnedVersionOnly() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _fundedPool(ps);
        feed.setCommitteeVersion(MISSION, VERSION + 1); // a later committee: not the pool's
        feed.setFinal(MISSION, VERSION + 1, 0, 1, 400);
        _expectPoolSettleRevert(pool, ps, 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
        _final(0, 1, 200);
        assertEq(_settlePool(pool, ps, 0), 19_999, "the pinned committee's value");
    }

    /*//////////////////////////////////////////////////////////////
                              FAILED RAISE
    //////////////////////////////////////////////////////////////*/

    function test_FailedRaise_RefundsCommitmentsInFull() public {
        _topUpTiers();
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createPool(ps);
        _invest(pool, ALICE, 60_000);
        _commitTier(pool, TOPUP, 0, 20_000);
        _commitTier(pool, TOPUP, 1, 5_000);
        _commitTier(pool, COMMISSIONER, 1, 95_000); // the rest of the 120,000 cap
        vm.warp(RAISE + 1);
        assertTrue(pool.phase() == IImpactPool.Phase.RaiseFailed, "raise failed");
        _expectPoolSettleRevert(
            pool,
            ps,
            0,
            abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.RaiseFailed)
        );
        assertEq(pool.previewRefund(TOPUP), 25_000, "top-up: both tiers");
        assertEq(_refund(pool, TOPUP), 25_000, "top-up refund");
        assertEq(_refund(pool, COMMISSIONER), 95_000, "commissioner refund");
        vm.prank(ALICE);
        assertEq(pool.withdraw(), 60_000, "Alice's capital");
        assertEq(token.balanceOf(address(pool)), 0, "nothing left");
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.NothingToRefund.selector, TOPUP));
        vm.prank(TOPUP);
        pool.refund();
    }

    /*//////////////////////////////////////////////////////////////
                               BAD INPUT
    //////////////////////////////////////////////////////////////*/

    function test_Commit_RevertWhen_TheTierDoesNotExist() public {
        _topUpTiers();
        ImpactPool pool = _createPool(_yearly());
        _give(TOPUP, 1_000, address(pool));
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.TierIndex.selector, 2, 2));
        vm.prank(TOPUP);
        pool.commitTier(2, 1_000);
    }

    function test_Commit_RevertWhen_NoTierIsNamed() public {
        _topUpTiers();
        ImpactPool pool = _createPool(_yearly());
        _give(TOPUP, 1_000, address(pool));
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.TierIndex.selector, type(uint256).max, 2));
        vm.prank(TOPUP);
        pool.commit(1_000);
    }

    function test_Commit_RevertWhen_TheRaiseDeadlineHasPassed() public {
        ImpactPool pool = _createPool(_yearly());
        _raise(pool);
        _give(TOPUP, 1_000, address(pool));
        vm.warp(RAISE + 1);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.RaiseClosed.selector, RAISE));
        vm.prank(TOPUP);
        pool.commitTier(0, 1_000);
    }

    function test_Settle_RevertWhen_CommitmentsAreStillOpen() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createPool(ps);
        _expectPoolSettleRevert(
            pool,
            ps,
            0,
            abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Raising)
        );
        _raise(pool); // Funded before the raise deadline: commitments are still open
        _final(0, 1, 400);
        _expectPoolSettleRevert(pool, ps, 0, abi.encodeWithSelector(IImpactPool.SettlementNotOpen.selector, RAISE + 1));
        vm.warp(RAISE + 1);
        assertEq(_settlePool(pool, ps, 0), 0, "opens after the raise deadline (no commitment: nothing to pay)");
    }

    function test_Settle_RevertWhen_SettledTwice() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _fundedPool(ps);
        _final(0, 1, 400);
        _settlePool(pool, ps, 0);
        _expectPoolSettleRevert(pool, ps, 0, abi.encodeWithSelector(IPaymentSchedule.PointAlreadySettled.selector, 0));
    }

    function test_Settle_RevertWhen_ThePointIsNotTheCommittedOne() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _fundedPool(ps);
        bytes memory other = h.encodePoint(ps[1]);
        bytes32[] memory proof = h.pointProof(ps, 0);
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointProof.selector, 0));
        pool.settlePoint(0, other, proof);
    }

    function test_Settle_RevertWhen_ThePoolIsSettled() public {
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 1e18, _yearly()[0].terms));
        ImpactPool pool = _fundedPool(ps);
        _final(0, 1, 400);
        _settlePool(pool, ps, 0);
        _expectPoolSettleRevert(
            pool,
            ps,
            0,
            abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Settled)
        );
    }

    function test_Refund_RevertWhen_PointsAreStillOpen() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _fundedPool(ps);
        _final(0, 1, 400);
        _settlePool(pool, ps, 0);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Funded));
        vm.prank(COMMISSIONER);
        pool.refund();
        assertEq(pool.previewRefund(COMMISSIONER), 0, "nothing refundable yet");
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Funded));
        vm.prank(ALICE);
        pool.redeem(1);
    }

    function test_Settle_RevertWhen_TheBasketIsGiven() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _fundedPool(ps);
        vm.warp(SETTLEMENT);
        bytes memory basket = abi.encode(new OutcomeLib.OutcomeTerm[](0));
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.TermsMismatch.selector, bytes32(0), keccak256(basket)));
        pool.settle(basket);
    }
}
