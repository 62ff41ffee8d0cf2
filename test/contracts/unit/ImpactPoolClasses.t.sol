// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClassedPoolFixture} from "../fixtures/ClassedPoolFixture.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {IImpactPoolFactory} from "../../../contracts/pool/IImpactPoolFactory.sol";
import {IPoolShareClass} from "../../../contracts/pool/IPoolShareClass.sol";
import {PoolShareClass} from "../../../contracts/pool/PoolShareClass.sol";

/// @notice A classed pool, end to end: the waterfall of `docs/capital-structure.md` (this file's
/// `test_FullSuccess_CapsBind_EveryBalanceToTheWei` recomputes the worked example), partial success and failure
/// with the guarantee called, undrawn capital, transfers between distributions, and every bad capital structure.
/// Buckets (cumulative paid P): senior principal [0, 75,000), senior return [75,000, 90,000) (1.2× cap), junior
/// principal [90,000, 115,000), junior return [115,000, 117,500) (1.1× cap); above 117,500 goes back to the payers.
/// Every claim of a class token is rounded down through a 2^64-magnified accumulator: a holder may receive 1 wei
/// less than its exact pro-rata part (the wei stays in the pool).
contract ImpactPoolClassesTest is ClassedPoolFixture {
    /*//////////////////////////////////////////////////////////////
                               OUTCOMES
    //////////////////////////////////////////////////////////////*/

    function test_FullSuccess_CapsBind_EveryBalanceToTheWei() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createClassed(ps, _capital());
        _fund(pool, ps);
        assertEq(token.balanceOf(PROVIDER), 100_000, "the provider drew all the capital");
        vm.warp(DEADLINE + 2 days);
        _final(0, 1, 400);
        _final(0, 2, 400);
        _final(0, 3, 400); // every year: 0.333…e18 × 120,000 = 39,999 (rounded down)

        // Point 0: P 0 → 39,999, all senior principal.
        vm.expectEmit(address(pool));
        emit IImpactPool.Distributed(0, [uint256(39_999), 0, 0], 0, 0);
        _settlePool(pool, ps, 0);
        // Point 1: P → 79,998: senior principal 35,001 more (75,000 in all), senior return 4,998 of which the
        // provider's 10 % is 499 (rounded down): the senior class 35,001 + 4,499 = 39,500.
        vm.expectEmit(address(pool));
        emit IImpactPool.Distributed(1, [uint256(39_500), 0, 0], 499, 0);
        _settlePool(pool, ps, 1);
        // Point 2: P → 119,997: senior return 10,002 more (15,000: the 1.2× cap) less 1,001 (cumulative cut 1,500
        // − 499) = 9,001; junior principal 25,000 and return 2,500 (the 1.1× cap) less 250 = 27,250; the provider
        // 1,001 + 250 = 1,251; 119,997 − 117,500 = 2,497 held back by the caps.
        vm.expectEmit(address(pool));
        emit IImpactPool.Distributed(2, [uint256(9_001), 27_250, 0], 1_251, 2_497);
        vm.expectEmit(address(pool));
        emit IImpactPool.GuaranteeReturned(PHILANTHROPY, GUARANTEE); // the senior principal was repaid in full
        _settlePool(pool, ps, 2);
        assertTrue(pool.phase() == IImpactPool.Phase.Settled, "settled");

        // Senior: 39,999 + 39,500 + 9,001 = 88,500 = 75,000 × 1.2 − 1,500 cut; 45/75 and 30/75 of it are 53,100
        // and 35,400, each 1 wei short through the accumulator.
        assertEq(_cls(pool, 0).claimable(BANK1), 53_099, "bank 1 claimable");
        assertEq(_claim(pool, 0, BANK1), 53_099, "bank 1");
        assertEq(_claim(pool, 0, BANK2), 35_399, "bank 2");
        assertEq(_claim(pool, 1, FOUNDATION), 27_249, "foundation: 27,250, 1 wei short");
        // The commissioner: 120,000 − 119,997 paid + the 2,497 capped back = 2,500.
        assertEq(_refund(pool, COMMISSIONER), 2_500, "commissioner refund");
        assertEq(token.balanceOf(SERVICE), 1_750, "provider incentive: 1,500 + 250");
        assertEq(token.balanceOf(PHILANTHROPY), GUARANTEE, "the guarantee came back whole");
        assertEq(token.balanceOf(BANK1), 53_099, "bank 1 wallet");
        assertEq(token.balanceOf(BANK2), 35_399, "bank 2 wallet");
        assertEq(token.balanceOf(FOUNDATION), 27_249, "foundation wallet");
        // In: 100,000 + 120,000 + 56,250. Out: 100,000 + 53,099 + 35,399 + 27,249 + 2,500 + 1,750 + 56,250.
        assertEq(token.balanceOf(address(pool)), 3, "3 wei of accumulator dust");
    }

    function test_PartialSuccess_GuaranteeCoversTheSeniorShortfall() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createClassed(ps, _capital());
        _fund(pool, ps);
        vm.warp(DEADLINE + 2 days);
        _final(0, 1, 200); // 19,999
        _final(0, 2, 400); // 39,999
        _final(0, 3, 100); // 9,999
        _settlePool(pool, ps, 0);
        _settlePool(pool, ps, 1);
        // P = 69,997 < 75,000: all senior principal; the shortfall 5,003 is called, 51,247 goes back.
        vm.expectEmit(address(pool));
        emit IImpactPool.GuaranteeCalled([uint256(5_003), 0, 0]);
        vm.expectEmit(address(pool));
        emit IImpactPool.GuaranteeReturned(PHILANTHROPY, 51_247);
        _settlePool(pool, ps, 2);
        // Senior 75,000 in all: 45,000 and 30,000, each 1 wei short.
        assertEq(_claim(pool, 0, BANK1), 44_999, "bank 1");
        assertEq(_claim(pool, 0, BANK2), 29_999, "bank 2");
        assertEq(_cls(pool, 1).claimable(FOUNDATION), 0, "the junior class takes the first loss");
        assertEq(_refund(pool, COMMISSIONER), 50_003, "commissioner: 120,000 - 69,997");
        assertEq(token.balanceOf(PHILANTHROPY), 51_247, "guarantor: 56,250 - 5,003");
        assertEq(token.balanceOf(SERVICE), 0, "no return, no incentive");
        assertEq(token.balanceOf(address(pool)), 2, "2 wei of accumulator dust");
    }

    function test_Failure_GuaranteeCalledInFull() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createClassed(ps, _capital());
        _fund(pool, ps);
        vm.warp(DEADLINE + 2 days);
        _final(0, 1, 0);
        _final(0, 2, 0);
        _final(0, 3, 0);
        _settlePool(pool, ps, 0);
        _settlePool(pool, ps, 1);
        vm.expectEmit(address(pool));
        emit IImpactPool.GuaranteeCalled([uint256(GUARANTEE), 0, 0]);
        _settlePool(pool, ps, 2);
        // 56,250 over 75,000 senior shares: 33,750 and 22,500 exactly (0.75 per share has no rounding).
        assertEq(_claim(pool, 0, BANK1), 33_750, "bank 1");
        assertEq(_claim(pool, 0, BANK2), 22_500, "bank 2");
        assertEq(_cls(pool, 1).claimable(FOUNDATION), 0, "foundation lost all");
        assertEq(_refund(pool, COMMISSIONER), 120_000, "commissioner: nothing paid");
        assertEq(token.balanceOf(PHILANTHROPY), 0, "the guarantee was used in full");
        assertEq(token.balanceOf(address(pool)), 0, "nothing left");
    }

    function test_Undrawn_ReturnsProRataPerClass_AndCountsAsPrincipal() public {
        trancheBps = 8_000; // 80,000 drawn, 20,000 never disbursed
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createClassed(ps, _capital());
        _fund(pool, ps);
        vm.warp(DEADLINE + 2 days);
        _final(0, 1, 0);
        _final(0, 2, 0);
        _final(0, 3, 400); // 39,999
        _settlePool(pool, ps, 0);
        _settlePool(pool, ps, 1);
        // Undrawn 20,000: senior 20,000 × 75,000 / 100,000 = 15,000, junior the remaining 5,000. Senior shortfall:
        // 75,000 − 39,999 − 15,000 = 20,001, called from the guarantee; 36,249 back.
        vm.expectEmit(address(pool));
        emit IImpactPool.UndrawnReturned([uint256(15_000), 5_000, 0]);
        vm.expectEmit(address(pool));
        emit IImpactPool.GuaranteeCalled([uint256(20_001), 0, 0]);
        vm.expectEmit(address(pool));
        emit IImpactPool.GuaranteeReturned(PHILANTHROPY, 36_249);
        _settlePool(pool, ps, 2);
        assertEq(_claim(pool, 0, BANK1), 45_000, "bank 1: 39,999 + 15,000 + 20,001 = 75,000 x 45/75");
        assertEq(_claim(pool, 0, BANK2), 30_000, "bank 2");
        assertEq(_claim(pool, 1, FOUNDATION), 4_999, "foundation: its undrawn 5,000 (0.2 per share), 1 wei short");
    }

    /*//////////////////////////////////////////////////////////////
                         TRANSFERS AND CLAIMS
    //////////////////////////////////////////////////////////////*/

    function test_Transfer_MovesNoAccruedEntitlement() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createClassed(ps, _capital());
        _fund(pool, ps);
        vm.warp(DEADLINE + 2 days);
        _final(0, 1, 400);
        _final(0, 2, 400);
        _final(0, 3, 400);
        _settlePool(pool, ps, 0); // senior 39,999
        PoolShareClass senior = _cls(pool, 0);
        // Bank 1 accrued 39,999 × 45/75 = 23,999.4 → 23,999; it claims, then sends 15,000 shares to bank 2.
        assertEq(_claim(pool, 0, BANK1), 23_999, "bank 1, point 0");
        vm.prank(BANK1);
        senior.transfer(BANK2, 15_000);
        assertEq(senior.claimable(BANK1), 0, "nothing left to claim twice");
        assertEq(senior.claimable(BANK2), 15_999, "bank 2 keeps its own 15,999.6 -> 15,999, gains nothing");
        vm.prank(BANK1);
        vm.expectRevert(abi.encodeWithSelector(IPoolShareClass.NothingToClaim.selector, BANK1));
        senior.claim();
        _settlePool(pool, ps, 1); // senior 39,500: 30,000 shares → 15,800, 45,000 shares → 23,700
        assertEq(_claim(pool, 0, BANK1), 15_800, "bank 1, point 1 on 30,000 shares");
        assertEq(_claim(pool, 0, BANK2), 39_699, "bank 2: 15,999.6 + 23,700 -> 39,699");
    }

    /*//////////////////////////////////////////////////////////////
                              BAD INPUT
    //////////////////////////////////////////////////////////////*/

    function _expectCreateRevert(IImpactPoolFactory.CapitalStructure memory cs, bytes memory err) internal {
        IImpactPoolFactory.ScheduledPoolTerms memory t = _classedTerms(_yearly());
        vm.expectRevert(err);
        factory.createClassedPool(t, cs);
    }

    function test_Create_RevertWhen_ClassTargetsDoNotSumToTheCapitalTarget() public {
        IImpactPoolFactory.CapitalStructure memory cs = _capital();
        cs.classes[1].target = 24_999;
        _expectCreateRevert(cs, abi.encodeWithSelector(IImpactPoolFactory.ClassTargetsSum.selector, 99_999, 100_000));
    }

    function test_Create_RevertWhen_AClassHasNoReturnCap() public {
        IImpactPoolFactory.CapitalStructure memory cs = _capital();
        cs.classes[1].maxMultipleWad = 0;
        _expectCreateRevert(cs, abi.encodeWithSelector(IImpactPoolFactory.ZeroReturnCap.selector, 1));
    }

    function test_Create_RevertWhen_AMultipleCapIsBelowPrincipal() public {
        IImpactPoolFactory.CapitalStructure memory cs = _capital();
        cs.classes[0].maxMultipleWad = 0.9e18;
        _expectCreateRevert(cs, abi.encodeWithSelector(IImpactPoolFactory.ReturnCapBelowPrincipal.selector, 0, 0.9e18));
    }

    function test_Create_RevertWhen_TheGuaranteeExceedsTheSeniorCapital() public {
        IImpactPoolFactory.CapitalStructure memory cs = _capital();
        cs.guarantee = SENIOR + 1;
        _expectCreateRevert(
            cs,
            abi.encodeWithSelector(IImpactPoolFactory.GuaranteeAboveSenior.selector, SENIOR + 1, SENIOR)
        );
    }

    function test_Create_RevertWhen_AJuniorClassIsDeclaredSenior() public {
        IImpactPoolFactory.CapitalStructure memory cs = _capital();
        (cs.classes[0].seniority, cs.classes[1].seniority) = (1, 0);
        _expectCreateRevert(cs, abi.encodeWithSelector(IImpactPoolFactory.ClassOutOfOrder.selector, 1));
    }

    function test_Create_RevertWhen_NoClassOrMoreThanThree() public {
        IImpactPoolFactory.CapitalStructure memory cs = _capital();
        cs.classes = new IImpactPoolFactory.ShareClassTerms[](0);
        _expectCreateRevert(cs, abi.encodeWithSelector(IImpactPoolFactory.ClassCount.selector, 0));
        cs.classes = new IImpactPoolFactory.ShareClassTerms[](4);
        _expectCreateRevert(cs, abi.encodeWithSelector(IImpactPoolFactory.ClassCount.selector, 4));
    }

    function test_Create_RevertWhen_TheIncentiveIsAbove100Percent_OrHasNoProvider() public {
        IImpactPoolFactory.CapitalStructure memory cs = _capital();
        cs.providerBps = 10_001;
        _expectCreateRevert(cs, abi.encodeWithSelector(IImpactPoolFactory.IncentiveTooHigh.selector, 10_001));
        cs = _capital();
        cs.provider = address(0);
        _expectCreateRevert(cs, abi.encodeWithSelector(IImpactPoolFactory.ZeroParty.selector, 1));
        cs = _capital();
        cs.guarantor = address(0);
        _expectCreateRevert(cs, abi.encodeWithSelector(IImpactPoolFactory.ZeroParty.selector, 0));
    }

    function test_Invest_RevertWhen_TheClassIsNotNamedOrDoesNotExist() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createClassed(ps, _capital());
        _give(BANK1, 1_000, address(pool));
        vm.startPrank(BANK1);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.ClassIndex.selector, type(uint256).max));
        pool.invest(1_000);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.ClassIndex.selector, 2));
        pool.investClass(2, 1_000);
        vm.stopPrank();
        ImpactPool plain = _createPool(ps);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.ClassIndex.selector, 0));
        plain.investClass(0, 1_000);
    }

    function test_Invest_ClampsToTheClassTarget_FundedWhenEveryClassIsFull() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createClassed(ps, _capital());
        _investClass(pool, BANK1, 0, 80_000);
        assertEq(_cls(pool, 0).balanceOf(BANK1), SENIOR, "clamped to the senior target");
        assertEq(token.balanceOf(BANK1), 5_000, "the rest stayed in the wallet");
        assertTrue(pool.phase() == IImpactPool.Phase.Raising, "the junior class is not full");
        _investClass(pool, FOUNDATION, 1, JUNIOR);
        assertTrue(pool.phase() == IImpactPool.Phase.Funded, "every class met its target");
        _give(BANK2, 2, address(pool));
        vm.startPrank(BANK2);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.RaiseFull.selector, SENIOR));
        pool.investClass(0, 1);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.RaiseFull.selector, JUNIOR));
        pool.investClass(1, 1);
        vm.stopPrank();
    }

    function test_Invest_FillingTheLastClass_StoresFunded_ThenCommitAndSettleProceed() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createClassed(ps, _capital());
        _investClass(pool, FOUNDATION, 1, JUNIOR); // the junior class first: the senior one fills the pool
        _investClass(pool, BANK1, 0, 45_000);
        assertTrue(pool.phase() == IImpactPool.Phase.Raising, "30,000 senior to go");
        _investClass(pool, BANK2, 0, 30_000);
        assertTrue(pool.phase() == IImpactPool.Phase.Funded, "every class full");
        _commitTier(pool, COMMISSIONER, 0, 120_000); // open while Funded
        vm.warp(RAISE + 1);
        assertTrue(pool.phase() == IImpactPool.Phase.Funded, "stored: no pool shares to count, still Funded");
        assertEq(pool.totalSupply(), 0, "a classed pool mints no pool shares");
        // A Funded pool is not reported Settled: `commit` fails on the scheduled pool's tiers instead.
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.TierIndex.selector, type(uint256).max, 1));
        pool.commit(1);
        pool.disburse(0, abi.encode(_classedTerms(ps).schedule));
        vm.warp(DEADLINE + 2 days);
        _final(0, 1, 0);
        _final(0, 2, 0);
        _final(0, 3, 0);
        for (uint256 i; i < 3; ++i) _settlePool(pool, ps, i);
        assertTrue(pool.phase() == IImpactPool.Phase.Settled, "the last point settles it");
    }

    function test_State_TotalSharesIsTheSumOfTheClassesRaise() public {
        ImpactPool pool = _createClassed(_yearly(), _capital());
        _investClass(pool, BANK1, 0, 45_000);
        _investClass(pool, FOUNDATION, 1, 10_000);
        assertEq(pool.classRaised(0), 45_000, "senior");
        assertEq(pool.classRaised(1), 10_000, "junior");
        assertEq(pool.classRaised(2), 0, "no third class");
        assertEq(_cls(pool, 0).totalSupply(), 45_000, "the senior token's supply is its raise");
        assertEq(pool.state().totalShares, 55_000, "45,000 + 10,000");
        assertEq(pool.totalSupply(), 0, "no pool shares");
    }

    function test_ClassTokenAndClassRaised_RevertWhen_TheIndexIsPast2() public {
        ImpactPool pool = _createClassed(_yearly(), _capital());
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.ClassIndex.selector, 3));
        pool.classToken(3);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.ClassIndex.selector, 3));
        pool.classRaised(3);
    }

    function test_Invest_OpenUntilTheRaiseDeadlinesLastSecond_RevertWhen_OneSecondLater() public {
        ImpactPool pool = _createClassed(_yearly(), _capital());
        vm.warp(RAISE); // the deadline itself is still inside the raise
        _investClass(pool, BANK1, 0, 1_000);
        assertEq(_cls(pool, 0).balanceOf(BANK1), 1_000, "invested at the deadline");
        vm.warp(RAISE + 1);
        _give(BANK2, 1_000, address(pool));
        vm.prank(BANK2);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.RaiseClosed.selector, RAISE));
        pool.investClass(0, 1_000);
    }

    function test_FailedRaise_EveryClassWithdrawsItsCapital() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createClassed(ps, _capital());
        _investClass(pool, BANK1, 0, 45_000);
        _investClass(pool, FOUNDATION, 1, 10_000);
        vm.warp(RAISE + 1);
        (PoolShareClass senior, PoolShareClass junior) = (_cls(pool, 0), _cls(pool, 1));
        vm.prank(BANK1);
        assertEq(senior.withdraw(), 45_000, "bank 1");
        assertEq(token.balanceOf(BANK1), 45_000, "bank 1 paid to the wei");
        assertEq(pool.classRaised(0), 0, "the senior raise drops by the withdrawal");
        assertEq(senior.totalSupply(), 0, "and so does the senior supply");
        assertEq(pool.classRaised(1), 10_000, "the junior raise is untouched");
        vm.prank(FOUNDATION);
        assertEq(junior.withdraw(), 10_000, "foundation");
        assertEq(token.balanceOf(FOUNDATION), 10_000, "foundation paid to the wei");
        assertEq(pool.classRaised(1), 0, "the junior raise drops by the withdrawal");
        assertEq(pool.state().totalShares, 0, "nothing raised is left");
        assertEq(token.balanceOf(address(pool)), 0, "all capital back");
    }

    function test_Payout_RevertWhen_NotAClassToken() public {
        ImpactPool pool = _createClassed(_yearly(), _capital());
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.NotClassToken.selector, address(this), 0));
        pool.payout(0, address(this), 1, false);
    }

    function test_PostGuarantee_RevertWhen_TheRaiseIsStillOpen() public {
        ImpactPool pool = _createClassed(_yearly(), _capital());
        _give(PHILANTHROPY, GUARANTEE, address(pool));
        vm.prank(PHILANTHROPY);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.GuaranteeNotExpected.selector, PHILANTHROPY));
        pool.postGuarantee(); // a raise that later failed would strand it
    }

    function test_PostGuarantee_RevertWhen_NotTheGuarantor() public {
        ImpactPool pool = _createClassed(_yearly(), _capital());
        _investClass(pool, BANK1, 0, SENIOR);
        _investClass(pool, FOUNDATION, 1, JUNIOR); // Funded
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.GuaranteeNotExpected.selector, address(this)));
        pool.postGuarantee();
    }
}
