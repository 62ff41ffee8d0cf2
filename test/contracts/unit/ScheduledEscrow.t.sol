// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/src/utils/LibClone.sol";
import {ScheduledEscrowFixture} from "../fixtures/ScheduledEscrowFixture.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "../../../contracts/escrow/IOutcomeEscrow.sol";
import {IScheduledEscrow} from "../../../contracts/escrow/IScheduledEscrow.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {ScheduleLib} from "../../../contracts/outcomes/ScheduleLib.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";

/// @notice A scheduled escrow end to end: funders deposit into payer tiers, anyone settles each point once its slots
/// are final (or its cut-off passed), beneficiaries claim by weight what the settled points paid, and funders get
/// their tier's unused share back after the last point. Figures are hand-computed, to the wei.
contract ScheduledEscrowTest is ScheduledEscrowFixture {
    /*//////////////////////////////////////////////////////////////
                      RATE CARD, PER-PERSON AND PER-PROJECT CAPS
    //////////////////////////////////////////////////////////////*/

    /// @dev Three yearly points paying 400 per child counted (goal 2, periods 1–3), at most 30,000 a point (the
    /// per-person cap: 75 children) and 50,000 over the project (key 0's cap).
    function _rateCard() internal returns (IPaymentSchedule.Point[] memory ps) {
        keyCaps.push(50_000);
        ps = _points(
            _point(0, false, 0, _terms(_goal2CountTerm(1, 0, 400, 30_000))),
            _point(1, false, 0, _terms(_goal2CountTerm(2, 0, 400, 30_000))),
            _point(2, false, 0, _terms(_goal2CountTerm(3, 0, 400, 30_000)))
        );
    }

    function test_RateCard_PaysPerUnitUpToThePointAndProjectCaps() public {
        IPaymentSchedule.Point[] memory ps = _rateCard();
        IScheduledEscrow e = _create(ps);
        assertEq(e.ledger().keyPaid[0], 0, "the key ledger reads 0 (its word was initialised to 1)");
        _deposit(e, ALICE, 0, 100_000);
        vm.warp(_cutOff(2) + 1);
        _final(2, 1, 60); // 60 × 400 = 24,000
        _final(2, 2, 90); // 36,000 → 30,000 (per point) → 26,000 (project: 50,000 − 24,000)
        _final(2, 3, 10); // 4,000 → 0 (project cap reached)
        assertEq(_settle(e, ps, 0), 24_000, "point 1");
        IPaymentSchedule.PointResult memory preview = e.previewPayment(
            1,
            ScheduleLib.encodePoint(ps[1]),
            roots.pointProof(ps, 1)
        );
        assertEq(preview.terms[0].raw, 36_000, "raw");
        assertEq(preview.terms[0].paid, 26_000, "paid after caps");
        assertEq(uint256(preview.terms[0].capHit), uint256(IPaymentSchedule.CapHit.TermOverall), "project cap binds");
        assertEq(_settle(e, ps, 1), 26_000, "point 2");
        assertEq(_settle(e, ps, 2), 0, "point 3: project cap reached");
        assertEq(e.ledger().totalPaid, 50_000, "total paid");
        assertEq(e.ledger().keyPaid[0], 50_000, "the project cap is used up");
        // Beneficiaries 3 : 1 of 50,000; Alice gets the unused 50,000 back.
        assertEq(_claim(e, PROVIDER), 37_500, "provider");
        assertEq(_claim(e, PARTNER), 12_500, "partner");
        assertEq(_refund(e, ALICE), 50_000, "refund");
        assertEq(token.balanceOf(address(e)), 0, "nothing left");
    }

    function test_RateCard_PerPointCapIsNamedInThePreview() public {
        IPaymentSchedule.Point[] memory ps = _rateCard();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 100_000);
        vm.warp(_cutOff(0) + 1);
        _final(2, 1, 80); // 32,000 → 30,000
        IPaymentSchedule.PointResult memory r = e.previewPayment(
            0,
            ScheduleLib.encodePoint(ps[0]),
            roots.pointProof(ps, 0)
        );
        assertEq(r.amount, 30_000, "amount");
        assertEq(uint256(r.capHit), uint256(IPaymentSchedule.CapHit.TermPerPoint), "per-point cap binds");
        assertEq(r.parts[0], 30_000, "tier 0 pays it");
    }

    /*//////////////////////////////////////////////////////////////
                      OR TRIGGER, CUMULATIVE CATCH-UP
    //////////////////////////////////////////////////////////////*/

    /// @dev A cohort bond: cohort 1 (point 0, half the funds on goal 0 period 1, 0 → 100) pays if its own result
    /// reaches 60 — otherwise the catch-up (point 1, cumulative, both cohorts at half weight on all the funds) pays
    /// if cohort 2 reaches 50 or cohort 1 reached 60.
    function _cohortBond() internal pure returns (IPaymentSchedule.Point[] memory ps) {
        IPaymentSchedule.Point memory cohort = _point(0, false, 0.5e18, _terms(_curveTerm(1, 0, 1e18)));
        cohort.trigger.conditions = new IPaymentSchedule.Condition[](1);
        cohort.trigger.conditions[0] = _atLeast(1, 60);
        IPaymentSchedule.Point memory catchUp = _point(
            1,
            true,
            1e18,
            _terms(_curveTerm(1, 0, 0.5e18), _curveTerm(2, 1, 0.5e18))
        );
        catchUp.trigger.any = true;
        catchUp.trigger.conditions = new IPaymentSchedule.Condition[](2);
        catchUp.trigger.conditions[0] = _atLeast(2, 50);
        catchUp.trigger.conditions[1] = _atLeast(1, 60);
        ps = _points(cohort, catchUp);
    }

    function test_Trigger_FailedCohortIsCaughtUpByTheCumulativePoint() public {
        IPaymentSchedule.Point[] memory ps = _cohortBond();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 200_000);
        vm.warp(_cutOff(1) + 1);
        _final(0, 1, 40); // cohort 1 misses 60: point 0 pays 0
        _final(0, 2, 80); // cohort 2 reaches 50: the catch-up holds
        assertEq(_settle(e, ps, 0), 0, "cohort 1 trigger fails");
        // 200,000 × (0.5 × 0.4 + 0.5 × 0.8) = 40,000 + 80,000 = 120,000, nothing paid before.
        assertEq(_settle(e, ps, 1), 120_000, "catch-up pays what was held back");
        assertEq(_refund(e, ALICE), 80_000, "refund");
        assertEq(_claim(e, PROVIDER) + _claim(e, PARTNER), 120_000, "claims");
    }

    function test_TrueUp_DeductsWhatTheCohortAlreadyPaid() public {
        IPaymentSchedule.Point[] memory ps = _cohortBond();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 200_000);
        vm.warp(_cutOff(1) + 1);
        _final(0, 1, 70); // 200,000 × 0.5 × 0.7 = 70,000
        _final(0, 2, 80);
        assertEq(_settle(e, ps, 0), 70_000, "cohort 1");
        // Claimable as soon as a point settled: 70,000 × 3 / 4.
        assertEq(_claim(e, PROVIDER), 52_500, "provider's first claim");
        // 200,000 × (0.5 × 0.7 + 0.5 × 0.8) = 150,000 − 70,000 already paid.
        assertEq(_settle(e, ps, 1), 80_000, "catch-up");
        assertEq(_claim(e, PROVIDER), 60_000, "provider second claim: 112,500 - 52,500");
        assertEq(_claim(e, PARTNER), 37_500, "partner");
        assertEq(_refund(e, ALICE), 50_000, "refund");
        assertEq(token.balanceOf(address(e)), 0, "nothing left");
    }

    function test_TrueUp_RevertWhen_AnEarlierPointIsOpen() public {
        IPaymentSchedule.Point[] memory ps = _cohortBond();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 200_000);
        vm.warp(_cutOff(1) + 1);
        _final(0, 1, 70);
        _final(0, 2, 80);
        _expectSettleRevert(e, ps, 1, abi.encodeWithSelector(IPaymentSchedule.EarlierPointOpen.selector, 1, 0));
    }

    /*//////////////////////////////////////////////////////////////
                     TWO TIERS, A 20 % CO-PAYER
    //////////////////////////////////////////////////////////////*/

    function test_Tiers_CoPayerPaysItsFifthAndTheRestFallsOnTheOrderedTier() public {
        tiers.push(IPaymentSchedule.PayerTier(0));
        tiers.push(IPaymentSchedule.PayerTier(0.2e18));
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 0, _terms(_goal2CountTerm(1, 0, 1_000, NONE))));
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 60_000);
        _deposit(e, BOB, 0, 20_000);
        _deposit(e, CAROL, 1, 30_000); // the top-up fund
        vm.warp(_cutOff(0) + 1);
        _final(2, 1, 50); // 50 × 1,000 = 50,000: Carol 10,000, tier 0 40,000
        IPaymentSchedule.PointResult memory r = e.previewPayment(
            0,
            ScheduleLib.encodePoint(ps[0]),
            roots.pointProof(ps, 0)
        );
        assertEq(r.parts[0], 40_000, "ordered tier");
        assertEq(r.parts[1], 10_000, "co-payer: 20 %");
        assertEq(_settle(e, ps, 0), 50_000, "paid");
        // Tier 0 has 40,000 of its 80,000 left: Alice 3/4, Bob 1/4; Carol 20,000 of her 30,000.
        assertEq(_refund(e, ALICE), 30_000, "alice");
        assertEq(_refund(e, BOB), 10_000, "bob");
        assertEq(_refund(e, CAROL), 20_000, "carol");
        assertEq(_claim(e, PROVIDER) + _claim(e, PARTNER), 50_000, "claims");
        assertEq(token.balanceOf(address(e)), 0, "nothing left");
    }

    function test_Tiers_OrderedTierExhaustedCapsThePayment() public {
        tiers.push(IPaymentSchedule.PayerTier(0));
        tiers.push(IPaymentSchedule.PayerTier(0.2e18));
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 0, _terms(_goal2CountTerm(1, 0, 1_000, NONE))));
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 30_000);
        _deposit(e, CAROL, 1, 30_000);
        vm.warp(_cutOff(0) + 1);
        _final(2, 1, 50); // 50,000: Carol 10,000, the ordered tier only 30,000 of its 40,000
        assertEq(_settle(e, ps, 0), 40_000, "only what the tiers cover");
        assertEq(uint256(e.ledger().tierBooks[0].paid), 30_000, "ordered tier spent");
        assertEq(_refund(e, CAROL), 20_000, "carol");
        vm.expectRevert(abi.encodeWithSelector(IScheduledEscrow.NothingToRefund.selector, ALICE));
        _refund(e, ALICE);
    }

    /*//////////////////////////////////////////////////////////////
                        ORDER, ONCE, NO DATA, PENDING
    //////////////////////////////////////////////////////////////*/

    function _threeCohorts() internal pure returns (IPaymentSchedule.Point[] memory) {
        return
            _points(
                _point(0, false, 0.3e18, _terms(_curveTerm(1, 0, 1e18))),
                _point(1, false, 0.3e18, _terms(_curveTerm(2, 0, 1e18))),
                _point(2, false, 0.3e18, _terms(_curveTerm(3, 0, 1e18)))
            );
    }

    function test_SettlePoint_PointsSettleInAnyOrderOnceEach() public {
        IPaymentSchedule.Point[] memory ps = _threeCohorts();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 1_000_000);
        vm.warp(_cutOff(2) + 1);
        _final(0, 1, 50); // 1,000,000 × 0.3 × 0.5 = 150,000
        _final(0, 2, 100); // 300,000
        _final(0, 3, 33); // 99,000
        assertEq(_settle(e, ps, 2), 99_000, "third first");
        assertEq(_settle(e, ps, 0), 150_000, "first");
        _expectSettleRevert(e, ps, 2, abi.encodeWithSelector(IPaymentSchedule.PointAlreadySettled.selector, 2));
        assertEq(_settle(e, ps, 1), 300_000, "second");
        assertEq(e.ledger().settled, 7, "three bits");
        // 1,000,000 − 549,000
        assertEq(_refund(e, ALICE), 451_000, "refund");
    }

    function test_SettlePoint_RevertWhen_FundingIsOpen() public {
        IPaymentSchedule.Point[] memory ps = _threeCohorts();
        IScheduledEscrow e = _create(ps);
        _expectSettleRevert(
            e,
            ps,
            0,
            abi.encodeWithSelector(IScheduledEscrow.FundingOpen.selector, FUNDING_DEADLINE, block.timestamp)
        );
    }

    function test_SettlePoint_RevertWhen_TheProofIsNotTheCommittedPoint() public {
        IPaymentSchedule.Point[] memory ps = _threeCohorts();
        IScheduledEscrow e = _create(ps);
        vm.warp(_cutOff(0) + 1);
        bytes32[] memory proof = roots.pointProof(ps, 0);
        ps[0].potWad = 0.9e18; // a richer point than the one committed
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointProof.selector, 0));
        e.settlePoint(0, ScheduleLib.encodePoint(ps[0]), proof);
    }

    function test_NoData_PerPoint_OnlyThatPointPaysNothing() public {
        IPaymentSchedule.Point[] memory ps = _threeCohorts();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 1_000_000);
        _final(0, 2, 100);
        _final(0, 3, 100);
        // Point 0's slot never gets a value: pending up to its cut-off, NoData after it.
        vm.warp(_cutOff(0));
        _expectSettleRevert(e, ps, 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
        vm.warp(_cutOff(0) + 1);
        IPaymentSchedule.PointResult memory r = e.previewPayment(
            0,
            ScheduleLib.encodePoint(ps[0]),
            roots.pointProof(ps, 0)
        );
        assertEq(uint256(r.resolution), uint256(OutcomeLib.Resolution.NoData), "no data");
        assertEq(_settle(e, ps, 0), 0, "pays nothing");
        vm.warp(_cutOff(2) + 1);
        assertEq(_settle(e, ps, 1), 300_000, "point 2 pays");
        assertEq(_settle(e, ps, 2), 300_000, "point 3 pays");
        assertEq(_refund(e, ALICE), 400_000, "point 1's 300,000 and the unscheduled 100,000 back");
    }

    function test_Pending_ProposedOrDisputedNeverTurnsIntoNoData() public {
        IPaymentSchedule.Point[] memory ps = _threeCohorts();
        IScheduledEscrow e = _create(ps);
        feed.setStatus(MISSION, VERSION, 0, 1, IMetricFeed.SlotStatus.Disputed);
        vm.warp(_cutOff(0) + 365 days);
        _expectSettleRevert(e, ps, 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
    }

    function test_PinnedVersion_AValueUnderAnotherCommitteeIsNotRead() public {
        IPaymentSchedule.Point[] memory ps = _threeCohorts();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 1_000_000);
        feed.setCommitteeVersion(MISSION, VERSION + 1);
        feed.setFinal(MISSION, VERSION + 1, 0, 1, 100);
        vm.warp(_cutOff(0) + 1);
        assertEq(_settle(e, ps, 0), 0, "read under the pinned version: no data");
        assertEq(e.header().versions & 0xffff, VERSION, "lane 0 pinned");
    }

    /*//////////////////////////////////////////////////////////////
                       REFUNDS, CLAIMS, CONSERVATION
    //////////////////////////////////////////////////////////////*/

    function test_Refund_RevertWhen_APointIsOpen() public {
        IPaymentSchedule.Point[] memory ps = _threeCohorts();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 1_000_000);
        vm.warp(_cutOff(0) + 1);
        _final(0, 1, 10);
        _settle(e, ps, 0);
        assertEq(e.refundable(ALICE), 0, "nothing refundable yet");
        vm.expectRevert(abi.encodeWithSelector(IScheduledEscrow.PointsOpen.selector, 1));
        _refund(e, ALICE);
    }

    function test_Claim_RevertWhen_NothingNew() public {
        IPaymentSchedule.Point[] memory ps = _threeCohorts();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 1_000_000);
        vm.warp(_cutOff(0) + 1);
        _final(0, 1, 10); // 30,000
        _settle(e, ps, 0);
        assertEq(_claim(e, PARTNER), 7_500, "partner");
        vm.expectRevert(abi.encodeWithSelector(IScheduledEscrow.NothingToClaim.selector, PARTNER));
        _claim(e, PARTNER);
        vm.expectRevert(abi.encodeWithSelector(IScheduledEscrow.NothingToClaim.selector, ALICE));
        _claim(e, ALICE);
    }

    /// @dev Odd figures: 3 funders and 2 beneficiaries whose shares do not divide evenly.
    function test_Conservation_InEqualsPaidPlusRefundedPlusDust() public {
        IPaymentSchedule.Point[] memory ps = _threeCohorts();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 333_333);
        _deposit(e, BOB, 0, 333_333);
        _deposit(e, CAROL, 0, 333_335);
        vm.warp(_cutOff(2) + 1);
        _final(0, 1, 7); // 1,000,001 × 0.3 = 300,000 (rounded down) × 0.07 = 21,000
        _final(0, 2, 13); // 39,000
        _final(0, 3, 99); // 297,000
        uint256 paid = _settle(e, ps, 0) + _settle(e, ps, 1) + _settle(e, ps, 2);
        assertEq(paid, 357_000, "paid");
        uint256 claims = _claim(e, PROVIDER) + _claim(e, PARTNER); // 267,750 + 89,250
        uint256 refunds = _refund(e, ALICE) + _refund(e, BOB) + _refund(e, CAROL);
        // 643,001 left: 214,333 + 214,333 + 214,334 (each rounded down).
        assertEq(refunds, 643_000, "refunds");
        assertEq(claims, 357_000, "claims");
        assertEq(1_000_001 - claims - refunds, token.balanceOf(address(e)), "held");
        assertLe(token.balanceOf(address(e)), 5, "dust <= #funders + #beneficiaries");
    }

    /*//////////////////////////////////////////////////////////////
                               DEPOSITS
    //////////////////////////////////////////////////////////////*/

    function test_Deposit_RevertWhen_TheTierDoesNotExist() public {
        IScheduledEscrow e = _create(_threeCohorts());
        token.mint(ALICE, 10);
        vm.startPrank(ALICE);
        token.approve(address(e), 10);
        vm.expectRevert(abi.encodeWithSelector(IScheduledEscrow.TierIndex.selector, 1, 1));
        e.deposit(1, 10);
        vm.stopPrank();
    }

    /// @dev A funder may pay in two tiers (a `depositFor` into one can never block its own deposit into the other); its
    /// refund is its share of each tier's unused commitment.
    function test_Deposit_AFunderMayPayInTwoTiers() public {
        tiers.push(IPaymentSchedule.PayerTier(0));
        tiers.push(IPaymentSchedule.PayerTier(0.2e18));
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 0, _terms(_goal2CountTerm(1, 0, 1_000, NONE))));
        IScheduledEscrow e = _create(ps);
        // Someone else puts 1 wei into Alice's co-payment tier first: her own deposits still go where she says.
        token.mint(BOB, 1);
        vm.startPrank(BOB);
        token.approve(address(e), 1);
        e.depositFor(ALICE, 1, 1);
        vm.stopPrank();
        _deposit(e, ALICE, 0, 60_000);
        _deposit(e, ALICE, 1, 29_999);
        _deposit(e, CAROL, 0, 20_000);
        assertEq(e.depositOf(ALICE, 0), 60_000, "tier 0");
        assertEq(e.depositOf(ALICE, 1), 30_000, "tier 1");
        vm.warp(_cutOff(0) + 1);
        _final(2, 1, 50); // 50,000: tier 1 pays 10,000, tier 0 40,000
        assertEq(_settle(e, ps, 0), 50_000, "paid");
        // Tier 0: 40,000 of 80,000 left, Alice 3/4 = 30,000; tier 1: 20,000 of 30,000 left, all hers.
        assertEq(e.refundable(ALICE), 50_000, "both tiers");
        assertEq(_refund(e, ALICE), 50_000, "refund");
        assertEq(e.depositOf(ALICE, 0) + e.depositOf(ALICE, 1), 0, "cleared");
        assertEq(_refund(e, CAROL), 10_000, "carol");
        assertEq(_claim(e, PROVIDER) + _claim(e, PARTNER), 50_000, "claims");
        assertEq(token.balanceOf(address(e)), 0, "nothing left");
    }

    function test_Deposit_RevertWhen_FundingClosed() public {
        IScheduledEscrow e = _create(_threeCohorts());
        vm.warp(FUNDING_DEADLINE + 1);
        token.mint(ALICE, 10);
        vm.startPrank(ALICE);
        token.approve(address(e), 10);
        vm.expectRevert(
            abi.encodeWithSelector(IOutcomeEscrow.FundingClosed.selector, FUNDING_DEADLINE, FUNDING_DEADLINE + 1)
        );
        e.deposit(0, 10);
        vm.stopPrank();
    }

    function test_Deposit_RevertWhen_TheCloneWasNotCreatedByTheFactory() public {
        IScheduledEscrow rogue = IScheduledEscrow(LibClone.clone(factory.implementation(), new bytes(200)));
        vm.expectRevert(IScheduledEscrow.NotAClone.selector);
        rogue.deposit(0, 1);
        vm.expectRevert(abi.encodeWithSelector(IScheduledEscrow.NotFactory.selector, address(this)));
        rogue.initialize();
    }

    function test_Implementation_RevertsNotAClone() public {
        IScheduledEscrow impl = IScheduledEscrow(factory.implementation());
        vm.expectRevert(IScheduledEscrow.NotAClone.selector);
        impl.deposit(0, 1);
        vm.expectRevert(abi.encodeWithSelector(IScheduledEscrow.NotFactory.selector, address(this)));
        impl.initialize();
    }
}
