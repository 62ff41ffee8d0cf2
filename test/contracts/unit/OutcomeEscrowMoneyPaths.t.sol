// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {EscrowFixture} from "../fixtures/EscrowFixture.sol";
import {ReentrancyAttacker, ReentrancyChecks} from "../fixtures/ReentrancyAttacker.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "../../../contracts/escrow/IOutcomeEscrow.sol";
import {WeirdERC20} from "../../mocks/tokens/WeirdERC20.sol";
import {IEscrowPayouts} from "../../../contracts/escrow/IEscrowPayouts.sol";

/// @notice Issue 16 for the escrow: every claim and refund paid twice (the second reverts, the others are
/// unaffected), every entry point that moves tokens re-entered by a hook token (refused by the guard), every
/// threshold hit exactly. One linear term 100 → 200 (a final value of 150 is a composite of 0.5); BEN1:BEN2 = 1:3.
contract OutcomeEscrowMoneyPathsTest is EscrowFixture, ReentrancyChecks {
    address internal constant BEN1 = address(0xB1);
    address internal constant BEN2 = address(0xB2);
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    WeirdERC20 internal token;
    ReentrancyAttacker internal attacker;

    function setUp() public {
        _setUpFixture();
        token = new WeirdERC20("Dollar", "USD", 18);
        attacker = new ReentrancyAttacker();
    }

    function _escrow(uint128 minFunding) internal returns (IOutcomeEscrow e) {
        IOutcomeEscrow.Terms memory t = _terms(IERC20(address(token)), _two(BEN1, BEN2), _weights(1, 3));
        t.minFunding = minFunding;
        e = IOutcomeEscrow(factory.createEscrow(t));
        attacker.approve(token, address(e));
    }

    function _deposit(IOutcomeEscrow e, address who, uint256 amount) internal {
        token.mint(who, amount);
        vm.prank(who);
        token.approve(address(e), amount);
        vm.prank(who);
        e.deposit(amount);
    }

    /// @dev ALICE 60, BOB 40; final 150: beneficiary pot 50 (BEN1 12.5, BEN2 37.5), refund pot 50 (ALICE 30, BOB 20).
    function _achieved() internal returns (IOutcomeEscrow e) {
        e = _escrow(0);
        _deposit(e, ALICE, 60e18);
        _deposit(e, BOB, 40e18);
        feed.setFinal(MISSION, 0, 1, 150);
        assertEq(uint256(e.settle()), uint256(IOutcomeEscrow.Status.Achieved), "achieved");
    }

    /*//////////////////////////////////////////////////////////////
                           PAID TWICE: NEVER
    //////////////////////////////////////////////////////////////*/

    function test_Claim_RevertWhen_Twice() public {
        IOutcomeEscrow e = _achieved();
        assertEq(e.claimFor(BEN1), 12.5e18, "50 x 1 / 4");
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NothingToClaim.selector, BEN1));
        e.claimFor(BEN1);
        vm.prank(BEN1);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NothingToClaim.selector, BEN1));
        e.claim();
        assertEq(e.claimable(BEN2), 37.5e18, "ben2 intact");
        assertEq(e.claimFor(BEN2), 37.5e18, "50 x 3 / 4");
        assertEq(token.balanceOf(BEN1), 12.5e18, "ben1 paid once");
    }

    function test_Refund_RevertWhen_Twice() public {
        IOutcomeEscrow e = _achieved();
        vm.prank(ALICE);
        assertEq(e.refund(), 30e18, "50 x 60 / 100");
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NothingToRefund.selector, ALICE));
        e.refund();
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NothingToRefund.selector, ALICE));
        e.refundFor(ALICE);
        assertEq(e.depositOf(ALICE), 0, "alice's deposit cleared");
        assertEq(e.refundable(BOB), 20e18, "bob intact");
        assertEq(e.refundFor(BOB), 20e18, "50 x 40 / 100");
        assertEq(token.balanceOf(ALICE), 30e18, "alice paid once");
        assertEq(token.balanceOf(address(e)), 50e18, "the beneficiaries' pot still held");
    }

    function test_Refund_RevertWhen_TwiceAfterFullRefund() public {
        IOutcomeEscrow e = _escrow(0);
        _deposit(e, ALICE, 60e18);
        _deposit(e, BOB, 40e18);
        feed.setSlot(MISSION, 0, 1, IMetricFeed.SlotStatus.Unresolved, 0, 0);
        e.settle(); // no data: everything refundable
        vm.prank(BOB);
        assertEq(e.refund(), 40e18, "all of bob's deposit");
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NothingToRefund.selector, BOB));
        e.refund();
        assertEq(e.refundFor(ALICE), 60e18, "alice intact");
        assertEq(token.balanceOf(address(e)), 0, "emptied, nothing paid twice");
    }

    /*//////////////////////////////////////////////////////////////
                     RE-ENTRY BY A HOOK TOKEN: REFUSED
    //////////////////////////////////////////////////////////////*/

    /// @dev The attacker (holding 10 and approved) re-enters `deposit` during ALICE's transferFrom.
    function test_Deposit_ReentryRefused() public {
        IOutcomeEscrow e = _escrow(0);
        token.mint(address(attacker), 10e18);
        token.mint(ALICE, 50e18);
        vm.prank(ALICE);
        token.approve(address(e), 50e18);
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(e), abi.encodeCall(IOutcomeEscrow.deposit, (10e18)));
        vm.prank(ALICE);
        assertEq(e.deposit(50e18), 50e18, "credited what alice sent");
        _assertRefusedByGuard(token, calls);
        assertEq(e.depositOf(address(attacker)), 0, "attacker credited nothing");
        (uint256 total, , , ) = e.totals();
        assertEq(total, token.balanceOf(address(e)), "total = held");
    }

    function test_DepositFor_ReentryRefused() public {
        IOutcomeEscrow e = _escrow(0);
        token.mint(address(attacker), 10e18);
        token.mint(ALICE, 50e18);
        vm.prank(ALICE);
        token.approve(address(e), 50e18);
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(e), abi.encodeCall(IOutcomeEscrow.depositFor, (address(attacker), 10e18)));
        vm.prank(ALICE);
        assertEq(e.depositFor(BOB, 50e18), 50e18, "credited to bob");
        _assertRefusedByGuard(token, calls);
        assertEq(e.depositOf(BOB), 50e18, "bob");
        assertEq(e.depositOf(address(attacker)), 0, "attacker credited nothing");
    }

    function test_Claim_ReentryRefused() public {
        IOutcomeEscrow e = _achieved();
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(e), abi.encodeCall(IEscrowPayouts.claimFor, (BEN2)));
        assertEq(e.claimFor(BEN1), 12.5e18, "ben1");
        _assertRefusedByGuard(token, calls);
        assertEq(e.claimable(BEN2), 37.5e18, "ben2 untouched");
    }

    /// @dev Re-entry into `claim()` itself (not only `claimFor`): the guard refuses it before any other check.
    function test_ClaimSelf_ReentryRefused() public {
        IOutcomeEscrow e = _achieved();
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(e), abi.encodeCall(IEscrowPayouts.claim, ()));
        assertEq(e.claimFor(BEN1), 12.5e18, "ben1");
        _assertRefusedByGuard(token, calls);
        assertEq(e.claimable(BEN2), 37.5e18, "ben2 untouched");
    }

    /// @dev Re-entry into `refund()` itself (not only `refundFor`): the guard refuses it before any other check.
    function test_RefundSelf_ReentryRefused() public {
        IOutcomeEscrow e = _achieved();
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(e), abi.encodeCall(IEscrowPayouts.refund, ()));
        assertEq(e.refundFor(ALICE), 30e18, "alice");
        _assertRefusedByGuard(token, calls);
        assertEq(e.refundable(BOB), 20e18, "bob untouched");
    }

    function test_Refund_ReentryRefused() public {
        IOutcomeEscrow e = _achieved();
        uint256 calls = token.hookCalls();
        _arm(token, attacker, address(e), abi.encodeCall(IEscrowPayouts.refundFor, (BOB)));
        assertEq(e.refundFor(ALICE), 30e18, "alice");
        _assertRefusedByGuard(token, calls);
        assertEq(e.refundable(BOB), 20e18, "bob untouched");
    }

    /*//////////////////////////////////////////////////////////////
                        THRESHOLDS HIT EXACTLY
    //////////////////////////////////////////////////////////////*/

    function test_Settle_FundedExactlyAtMinFunding_Achieved() public {
        IOutcomeEscrow e = _escrow(100e18);
        _deposit(e, ALICE, 60e18);
        _deposit(e, BOB, 40e18); // 60 + 40 = 100 = minFunding exactly
        vm.warp(FUNDING_DEADLINE + 1);
        feed.setFinal(MISSION, 0, 1, 150);
        assertEq(uint256(e.settle()), uint256(IOutcomeEscrow.Status.Achieved), "the minimum was met");
        (, uint256 pot, uint256 refundPot, ) = e.totals();
        assertEq(pot, 50e18, "100 x 0.5");
        assertEq(refundPot, 50e18, "the rest");
    }

    function test_Settle_OneWeiBelowMinFunding_RefundsAll() public {
        IOutcomeEscrow e = _escrow(100e18);
        _deposit(e, ALICE, 100e18 - 1);
        feed.setFinal(MISSION, 0, 1, 200);
        vm.warp(FUNDING_DEADLINE + 1);
        vm.expectEmit(address(e));
        emit IOutcomeEscrow.Settled(
            IOutcomeEscrow.Status.Refunding,
            IOutcomeEscrow.SettleReason.Underfunded,
            0,
            0,
            100e18 - 1
        );
        e.settle();
        vm.prank(ALICE);
        assertEq(e.refund(), 100e18 - 1, "everything back");
    }

    /// @dev At the funding deadline's last second deposits are still open, so an underfunded escrow is not refunded
    /// early yet (`FundingOpen`); a deposit in that second can still meet the minimum.
    function test_Settle_RevertWhen_UnderfundedAtFundingDeadlineSecond() public {
        IOutcomeEscrow e = _escrow(100e18);
        _deposit(e, ALICE, 60e18);
        feed.setSlot(MISSION, 0, 1, IMetricFeed.SlotStatus.Proposed, 200, 0);
        uint256 noDataAfter = uint256(SETTLEMENT_DEADLINE) + GRACE;
        vm.warp(FUNDING_DEADLINE);
        vm.expectRevert(
            abi.encodeWithSelector(IOutcomeEscrow.FundingOpen.selector, FUNDING_DEADLINE, FUNDING_DEADLINE)
        );
        e.settle();
        _deposit(e, BOB, 40e18);
        assertEq(e.depositOf(BOB), 40e18, "topped up to the minimum at the deadline second");
        vm.warp(FUNDING_DEADLINE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IOutcomeEscrow.OutcomePending.selector, noDataAfter, FUNDING_DEADLINE + 1)
        );
        e.settle(); // met its minimum: no early refund, the outcome decides
    }

    function test_Deposit_AtFundingDeadlineSecond_ThenClosed() public {
        IOutcomeEscrow e = _escrow(0);
        vm.warp(FUNDING_DEADLINE);
        _deposit(e, ALICE, 1e18);
        assertEq(e.depositOf(ALICE), 1e18, "accepted at the deadline second");
        vm.warp(FUNDING_DEADLINE + 1);
        token.mint(BOB, 1e18);
        vm.prank(BOB);
        token.approve(address(e), 1e18);
        vm.prank(BOB);
        vm.expectRevert(
            abi.encodeWithSelector(IOutcomeEscrow.FundingClosed.selector, FUNDING_DEADLINE, FUNDING_DEADLINE + 1)
        );
        e.deposit(1e18);
    }

    /// @dev A proposed value (one that can still change) never moves money: pending until deadline + grace, then
    /// no data (full refund) one second later.
    /// @dev Issue 11: a Proposed (or Disputed) value can still change, so it reads Pending past the no-data time —
    /// never NoData (today anyone refunds everything one second after deadline + grace). Once it is Final it pays.
    function test_Settle_ProposedOrDisputedPastNoDataAfter_StaysPending() public {
        IOutcomeEscrow e = _escrow(0);
        _deposit(e, ALICE, 10e18);
        uint256 noDataAfter = uint256(SETTLEMENT_DEADLINE) + GRACE;
        feed.setSlot(MISSION, 0, 1, IMetricFeed.SlotStatus.Proposed, 200, 0);
        vm.warp(noDataAfter + 1);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.OutcomePending.selector, noDataAfter, noDataAfter + 1));
        e.settle();
        feed.setSlot(MISSION, 0, 1, IMetricFeed.SlotStatus.Disputed, 200, 0);
        vm.warp(noDataAfter + 30 days);
        vm.expectRevert(
            abi.encodeWithSelector(IOutcomeEscrow.OutcomePending.selector, noDataAfter, noDataAfter + 30 days)
        );
        e.settle();
        feed.setFinal(MISSION, 0, 1, 200);
        assertEq(uint256(e.settle()), uint256(IOutcomeEscrow.Status.Achieved), "the final value pays");
        assertEq(e.refundable(ALICE), 0, "nothing refunded");
    }
}
