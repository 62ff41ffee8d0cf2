// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {PoolFixtures} from "../fixtures/PoolFixtures.sol";
import {ReentrancyAttacker, ReentrancyChecks} from "../fixtures/ReentrancyAttacker.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";

/// @notice Issue 16 for the pool: every way out paid twice (the second reverts, the others are unaffected), every
/// entry point that moves tokens re-entered by a hook token (refused by the guard), every threshold hit exactly.
/// Figures are worked out by hand in the comments (target 1,000,000; fund cap 1,200,000; tranches 30/25/25/10 %;
/// repayment curve threshold 0.3, principal at 0.6, +20 % at full achievement).
contract ImpactPoolMoneyPathsTest is PoolFixtures, ReentrancyChecks {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant PAYER1 = address(0x9A1);
    address internal constant PAYER2 = address(0x9A2);

    ImpactPool internal pool;
    ReentrancyAttacker internal attacker;

    function setUp() public {
        _deploy();
        pool = _create(_terms());
        attacker = new ReentrancyAttacker();
        attacker.approve(token, address(pool));
    }

    /// @dev Funded by ALICE (all 1,000,000), 300,000 + 100,000 committed; tranche 0 (30 % = 300,000) disbursed; all
    /// four outcomes at target, so composite = 1 and the multiple is 1.2: payment = min(400,000, 300,000 × 1.2 =
    /// 360,000) = 360,000; investor pot = 1,000,000 − 300,000 + 360,000 = 1,060,000; refund pot = 40,000.
    function _settledAtFullAchievement() internal {
        _invest(pool, ALICE, TARGET);
        _commit(pool, PAYER1, 300_000e18);
        _commit(pool, PAYER2, 100_000e18);
        vm.warp(RAISE_DEADLINE);
        pool.disburse(0, abi.encode(_schedule()));
        vm.warp(SETTLEMENT_DEADLINE);
        _outcome(80, 90, 70, 200);
        pool.settle(abi.encode(_basket()));
        IImpactPool.State memory s = pool.state();
        assertEq(s.outcomePayment, 360_000e18, "payment");
        assertEq(s.investorPotRemaining, 1_060_000e18, "investor pot");
        assertEq(s.refundPotRemaining, 40_000e18, "refund pot");
    }

    /*//////////////////////////////////////////////////////////////
                           PAID TWICE: NEVER
    //////////////////////////////////////////////////////////////*/

    function test_Withdraw_RevertWhen_Twice() public {
        _invest(pool, ALICE, 300_000e18);
        _invest(pool, BOB, 200_000e18);
        vm.warp(RAISE_DEADLINE + 1); // 500,000 < 1,000,000: the raise failed
        vm.prank(ALICE);
        assertEq(pool.withdraw(), 300_000e18, "alice's capital back");
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.ZeroAmount.selector));
        pool.withdraw();
        assertEq(token.balanceOf(ALICE), 300_000e18, "paid once");
        assertEq(pool.balanceOf(BOB), 200_000e18, "bob's shares intact");
        assertEq(token.balanceOf(address(pool)), 200_000e18, "bob's capital still held");
        vm.prank(BOB);
        assertEq(pool.withdraw(), 200_000e18, "bob's capital back");
        assertEq(token.balanceOf(address(pool)), 0, "emptied");
    }

    function test_Refund_RevertWhen_Twice_AfterFailedRaise() public {
        _invest(pool, ALICE, 1);
        _commit(pool, PAYER1, 100_000e18);
        _commit(pool, PAYER2, 50_000e18);
        vm.warp(RAISE_DEADLINE + 1);
        vm.prank(PAYER1);
        assertEq(pool.refund(), 100_000e18, "full commitment back");
        vm.prank(PAYER1);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.NothingToRefund.selector, PAYER1));
        pool.refund();
        assertEq(pool.commitmentOf(PAYER2), 50_000e18, "payer 2 intact");
        vm.prank(PAYER2);
        assertEq(pool.refund(), 50_000e18, "payer 2 back");
    }

    function test_Refund_RevertWhen_Twice_AfterSettlement() public {
        _settledAtFullAchievement();
        vm.prank(PAYER1);
        assertEq(pool.refund(), 30_000e18, "40,000 x 300,000 / 400,000");
        vm.prank(PAYER1);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.NothingToRefund.selector, PAYER1));
        pool.refund();
        assertEq(pool.previewRefund(PAYER2), 10_000e18, "payer 2 intact");
        vm.prank(PAYER2);
        assertEq(pool.refund(), 10_000e18, "10,000 x 100,000 / 100,000");
        assertEq(pool.state().refundPotRemaining, 0, "refund pot emptied");
    }

    function test_Redeem_RevertWhen_SharesRedeemedTwice() public {
        _settledAtFullAchievement();
        vm.prank(ALICE);
        assertTrue(pool.transfer(BOB, 750_000e18), "transfer");
        vm.prank(ALICE);
        assertEq(pool.redeem(250_000e18), 265_000e18, "1,060,000 x 250,000 / 1,000,000");
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, ALICE, 0, 250_000e18));
        pool.redeem(250_000e18);
        assertEq(pool.previewRedeem(750_000e18), 795_000e18, "bob's share intact: 795,000 x 750,000 / 750,000");
        vm.prank(BOB);
        assertEq(pool.redeem(750_000e18), 795_000e18, "bob paid");
        assertEq(token.balanceOf(address(pool)), 40_000e18, "only the refund pot left");
    }

    /// @dev Redeeming more shares than exist must fail like any other over-balance redeem (the ERC-20 balance error);
    /// today the pot subtraction underflows first (Panic 0x11) — see the report: burn before computing the amount.
    function test_Redeem_RevertWhen_MoreThanSupply_BalanceError() public {
        _settledAtFullAchievement();
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, ALICE, TARGET, TARGET + 1)
        );
        pool.redeem(TARGET + 1);
    }

    /// @dev After every share was redeemed, a further redeem must fail with the balance error, not divide by zero.
    function test_Redeem_RevertWhen_NoSharesLeft_BalanceError() public {
        _settledAtFullAchievement();
        vm.prank(ALICE);
        assertEq(pool.redeem(TARGET), 1_060_000e18, "the whole investor pot");
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, ALICE, 0, 1));
        pool.redeem(1);
    }

    function test_Disburse_RevertWhen_SameTrancheTwice_OthersUnaffected() public {
        _invest(pool, ALICE, TARGET);
        vm.warp(T0 + 90 days);
        assertEq(pool.disburse(1, abi.encode(_schedule())), 250_000e18, "25 % of 1,000,000");
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.TrancheAlreadyDisbursed.selector, 1));
        pool.disburse(1, abi.encode(_schedule()));
        assertEq(pool.disburse(2, abi.encode(_schedule())), 250_000e18, "tranche 2 still pays");
        assertEq(token.balanceOf(BREAKFAST), 250_000e18, "breakfast paid once");
    }

    /*//////////////////////////////////////////////////////////////
                     RE-ENTRY BY A HOOK TOKEN: REFUSED
    //////////////////////////////////////////////////////////////*/

    /// @dev Without the guard the attacker's inner invest (it holds 100 and approved) would be counted twice: once by
    /// the inner balance delta and again inside the outer one (more shares than tokens).
    function test_Invest_ReentryRefused() public {
        token.mint(address(attacker), 100e18);
        _fund(ALICE, 500e18, address(pool));
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(pool), abi.encodeCall(IImpactPool.invest, (100e18)));
        vm.prank(ALICE);
        assertEq(pool.invest(500e18), 500e18, "500 in, 500 shares");
        _assertRefusedByGuard(token, calls);
        assertEq(pool.totalSupply(), 500e18, "no extra shares");
        assertEq(token.balanceOf(address(pool)), 500e18, "shares = tokens held");
        assertEq(token.balanceOf(address(attacker)), 100e18, "attacker kept its tokens");
    }

    function test_Commit_ReentryRefused() public {
        token.mint(address(attacker), 100e18);
        _fund(PAYER1, 500e18, address(pool));
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(pool), abi.encodeCall(IImpactPool.commit, (100e18)));
        vm.prank(PAYER1);
        assertEq(pool.commit(500e18), 500e18, "committed");
        _assertRefusedByGuard(token, calls);
        assertEq(pool.state().fundCommitted, 500e18, "fund = what arrived");
        assertEq(pool.commitmentOf(address(attacker)), 0, "attacker committed nothing");
    }

    function test_Withdraw_ReentryRefused() public {
        _invest(pool, ALICE, 300e18);
        token.mint(address(attacker), 200e18);
        vm.prank(address(attacker));
        pool.invest(200e18);
        vm.warp(RAISE_DEADLINE + 1);
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(pool), abi.encodeCall(IImpactPool.withdraw, ()));
        vm.prank(ALICE);
        assertEq(pool.withdraw(), 300e18, "alice back");
        _assertRefusedByGuard(token, calls);
        assertEq(pool.balanceOf(address(attacker)), 200e18, "attacker's shares untouched");
    }

    function test_Redeem_ReentryRefused() public {
        _settledAtFullAchievement();
        vm.prank(ALICE);
        assertTrue(pool.transfer(address(attacker), 100_000e18), "transfer");
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(pool), abi.encodeCall(IImpactPool.redeem, (100_000e18)));
        vm.prank(ALICE);
        assertEq(pool.redeem(100_000e18), 106_000e18, "1,060,000 x 100,000 / 1,000,000");
        _assertRefusedByGuard(token, calls);
        assertEq(pool.balanceOf(address(attacker)), 100_000e18, "attacker's shares untouched");
    }

    function test_Refund_ReentryRefused() public {
        _invest(pool, ALICE, 1);
        _commit(pool, PAYER1, 100e18);
        token.mint(address(attacker), 50e18);
        vm.prank(address(attacker));
        pool.commit(50e18);
        vm.warp(RAISE_DEADLINE + 1);
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(pool), abi.encodeCall(IImpactPool.refund, ()));
        vm.prank(PAYER1);
        assertEq(pool.refund(), 100e18, "payer 1 back");
        _assertRefusedByGuard(token, calls);
        assertEq(pool.commitmentOf(address(attacker)), 50e18, "attacker's commitment untouched");
    }

    function test_Disburse_ReentryRefused() public {
        _invest(pool, ALICE, TARGET);
        vm.warp(T0 + 90 days);
        bytes memory schedule = abi.encode(_schedule());
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(pool), abi.encodeCall(IImpactPool.disburse, (2, schedule)));
        assertEq(pool.disburse(1, schedule), 250_000e18, "tranche 1");
        _assertRefusedByGuard(token, calls);
        assertEq(pool.state().disbursedTranches, 1 << 1, "only tranche 1");
    }

    /*//////////////////////////////////////////////////////////////
                        THRESHOLDS HIT EXACTLY
    //////////////////////////////////////////////////////////////*/

    function test_Invest_ExactlyAtTarget_Funded() public {
        _invest(pool, ALICE, 600_000e18);
        _invest(pool, BOB, 400_000e18); // 600,000 + 400,000 = 1,000,000 exactly
        assertEq(uint256(pool.phase()), uint256(IImpactPool.Phase.Funded), "funded at exactly the target");
        _fund(BOB, 1, address(pool));
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.RaiseFull.selector, TARGET));
        pool.invest(1);
        vm.warp(RAISE_DEADLINE + 1);
        assertEq(uint256(pool.phase()), uint256(IImpactPool.Phase.Funded), "still funded after the deadline");
    }

    function test_Invest_OneBelowTarget_RaiseFails() public {
        _invest(pool, ALICE, TARGET - 1);
        vm.warp(RAISE_DEADLINE);
        assertEq(uint256(pool.phase()), uint256(IImpactPool.Phase.Raising), "raising at the deadline second");
        vm.warp(RAISE_DEADLINE + 1);
        assertEq(uint256(pool.phase()), uint256(IImpactPool.Phase.RaiseFailed), "one wei short fails");
    }

    function test_Invest_AtRaiseDeadlineSecond_ThenClosed() public {
        vm.warp(RAISE_DEADLINE);
        _invest(pool, ALICE, 1e18);
        assertEq(pool.balanceOf(ALICE), 1e18, "accepted at the deadline second");
        vm.warp(RAISE_DEADLINE + 1);
        _fund(ALICE, 1e18, address(pool));
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.RaiseClosed.selector, RAISE_DEADLINE));
        pool.invest(1e18);
    }

    function test_Commit_ExactlyAtFundCap_ThenFull() public {
        _commit(pool, PAYER1, 1_000_000e18);
        _fund(PAYER2, 500_000e18, address(pool));
        vm.prank(PAYER2);
        assertEq(pool.commit(500_000e18), 200_000e18, "clamped to 1,200,000 - 1,000,000");
        assertEq(token.balanceOf(PAYER2), 300_000e18, "the rest stays with the payer");
        assertEq(pool.state().fundCommitted, FUND_CAP, "exactly at the cap");
        vm.prank(PAYER2);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.FundFull.selector, FUND_CAP));
        pool.commit(1);
    }

    function test_Disburse_AtDueSecondAndMilestoneExactlyMinValue() public {
        _invest(pool, ALICE, TARGET);
        bytes memory schedule = abi.encode(_schedule());
        vm.warp(T0 + 60 days - 1);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.TrancheNotDue.selector, 1, T0 + 60 days));
        pool.disburse(1, schedule);
        vm.warp(T0 + 60 days);
        assertEq(pool.disburse(1, schedule), 250_000e18, "due at exactly dueAt");
        vm.warp(T0 + 180 days);
        feed.setFinal(2, 1, 2, 49);
        vm.expectRevert(
            abi.encodeWithSelector(IImpactPool.MilestoneNotMet.selector, 3, IMetricFeed.SlotStatus.Final, 49, 50)
        );
        pool.disburse(3, schedule);
        feed.setFinal(2, 1, 2, 50);
        assertEq(pool.disburse(3, schedule), 100_000e18, "milestone met at exactly minValue: 10 %");
    }

    function test_Settle_AtDeadlineSecond() public {
        _invest(pool, ALICE, TARGET);
        _outcome(80, 90, 70, 200);
        bytes memory basket = abi.encode(_basket());
        vm.warp(SETTLEMENT_DEADLINE - 1);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.SettlementNotOpen.selector, SETTLEMENT_DEADLINE));
        pool.settle(basket);
        vm.warp(SETTLEMENT_DEADLINE);
        pool.settle(basket);
        assertEq(pool.state().compositeWad, WAD, "settled at exactly the deadline");
    }

    function test_Settle_GraceBoundary_PendingThenNoData() public {
        _invest(pool, ALICE, TARGET);
        _commit(pool, PAYER1, 100e18);
        bytes memory basket = abi.encode(_basket());
        vm.warp(uint256(SETTLEMENT_DEADLINE) + GRACE); // deadline + grace: still pending
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.OutcomePending.selector));
        pool.settle(basket);
        vm.warp(uint256(SETTLEMENT_DEADLINE) + GRACE + 1);
        pool.settle(basket);
        IImpactPool.State memory s = pool.state();
        assertEq(s.compositeWad, 0, "no data reads 0");
        assertEq(s.outcomePayment, 0, "no outcome payment");
        assertEq(s.investorPotRemaining, TARGET, "capital back: nothing disbursed");
        assertEq(s.refundPotRemaining, 100e18, "fund back");
    }

    /// @dev Composite exactly at the threshold 0.3 → multiple 0; exactly at the principal point 0.6 → multiple 1.
    function test_Settle_CompositeExactlyAtCurvePoints() public {
        // Goal weights 0.3 / 0.2 / 0.3 / 0.2. Term 0 (120 → 80) at target and the rest at baseline: composite 0.3.
        _invest(pool, ALICE, TARGET);
        _commit(pool, PAYER1, 1_000_000e18);
        vm.warp(RAISE_DEADLINE);
        pool.disburse(0, abi.encode(_schedule())); // 300,000 disbursed
        vm.warp(SETTLEMENT_DEADLINE);
        uint256 snap = vm.snapshotState();
        _outcome(80, 40, 30, 0);
        pool.settle(abi.encode(_basket()));
        assertEq(pool.state().compositeWad, 0.3e18, "composite 0.3");
        assertEq(pool.state().outcomePayment, 0, "multiple 0 at exactly the threshold");
        vm.revertToState(snap);
        // Terms 0 and 2 at target: 0.3 + 0.3 = 0.6, the principal point: payment = 300,000 x 1.
        _outcome(80, 40, 70, 0);
        pool.settle(abi.encode(_basket()));
        assertEq(pool.state().compositeWad, 0.6e18, "composite 0.6");
        assertEq(pool.state().outcomePayment, 300_000e18, "the principal back exactly");
    }
}
