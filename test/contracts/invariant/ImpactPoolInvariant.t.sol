// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PoolFixtures} from "../fixtures/PoolFixtures.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {IImpactPoolFactory} from "../../../contracts/pool/IImpactPoolFactory.sol";
import {ImpactPoolHandler} from "./handlers/ImpactPoolHandler.sol";

/// @notice One pool driven by `ImpactPoolHandler`; after every call every view and balance equals the handler's
/// ghost ledgers, and the money that came in equals the money that went out plus what is held.
contract ImpactPoolInvariantTest is PoolFixtures {
    /// @dev The fixtures' target + 7 wei: not a multiple of 10,000 (see `setUp`).
    uint128 internal constant CAPITAL = TARGET + 7;

    ImpactPool internal pool;
    ImpactPoolHandler internal handler;

    function setUp() public {
        _deploy();
        IImpactPoolFactory.PoolTerms memory t = _terms();
        // A capital target that is not a multiple of 10,000: every tranche's bps share leaves a remainder, so a
        // disbursal rounded up instead of down differs from the handler's floor by a wei.
        t.capitalTarget = CAPITAL;
        pool = _create(t);
        uint256[4] memory moments = [
            uint256(RAISE_DEADLINE) + 1,
            T0 + 180 days,
            SETTLEMENT_DEADLINE,
            uint256(SETTLEMENT_DEADLINE) + GRACE + 1
        ];
        handler = new ImpactPoolHandler(pool, token, feed, _schedule(), _basket(), moments);
        targetContract(address(handler));
        // Weights (a selector listed n times is picked n times as often): the raise and the fund first.
        bytes4[] memory s = new bytes4[](16);
        s[0] = ImpactPoolHandler.invest.selector;
        s[1] = ImpactPoolHandler.invest.selector;
        s[2] = ImpactPoolHandler.invest.selector;
        s[3] = ImpactPoolHandler.transferShares.selector;
        s[4] = ImpactPoolHandler.commit.selector;
        s[5] = ImpactPoolHandler.commit.selector;
        s[6] = ImpactPoolHandler.disburse.selector;
        s[7] = ImpactPoolHandler.warp.selector;
        s[8] = ImpactPoolHandler.report.selector;
        s[9] = ImpactPoolHandler.milestone.selector;
        s[10] = ImpactPoolHandler.settle.selector;
        s[11] = ImpactPoolHandler.redeem.selector;
        s[12] = ImpactPoolHandler.redeem.selector;
        s[13] = ImpactPoolHandler.withdraw.selector;
        s[14] = ImpactPoolHandler.refund.selector;
        s[15] = ImpactPoolHandler.reenter.selector;
        targetSelector(address(handler), s);
    }

    /// @dev Every account's shares and commitment, and the pool's supply, equal the ledgers.
    function invariant_AccountsMatchLedgers() public view {
        uint256 sum;
        for (uint256 i; i < handler.investorCount(); ++i) {
            address a = handler.investors(i);
            uint256 shares = handler.gShares(a);
            assertEq(pool.balanceOf(a), shares, "shares = ledger");
            assertEq(pool.previewRedeem(shares), handler.modelRedeem(shares), "previewRedeem = model");
            assertEq(token.balanceOf(a), handler.gWallet(a), "investor wallet = ledger");
            sum += shares;
        }
        assertEq(pool.totalSupply(), sum, "supply = sum of balances");
        assertEq(pool.totalSupply(), handler.gSupply(), "supply = ledger");
        for (uint256 i; i < handler.payerCount(); ++i) {
            address p = handler.payers(i);
            assertEq(pool.commitmentOf(p), handler.gCommit(p), "commitment = ledger");
            assertEq(pool.previewRefund(p), handler.modelRefund(p), "previewRefund = model");
            assertEq(token.balanceOf(p), handler.gWallet(p), "payer wallet = ledger");
        }
        for (uint256 i; i < handler.providerCount(); ++i) {
            address p = handler.provider(i);
            assertEq(token.balanceOf(p), handler.gWallet(p), "provider wallet = ledger");
        }
    }

    /// @dev The pool's state and balance equal the ledgers; it holds exactly what it still owes.
    function invariant_StateMatchesLedgers() public view {
        IImpactPool.State memory s = pool.state();
        assertEq(uint256(s.phase), uint256(handler.modelPhase()), "phase");
        assertEq(s.disbursed, handler.gDisbursed(), "disbursed");
        assertEq(s.disbursedTranches, handler.gDisbursedBits(), "disbursed tranches");
        assertEq(s.fundCommitted, handler.gFund(), "fund");
        assertEq(s.compositeWad, handler.gComposite(), "composite");
        assertEq(s.outcomePayment, handler.gOutcomePayment(), "outcome payment");
        assertEq(s.investorPotRemaining, handler.gInvestorPot(), "investor pot");
        assertEq(s.refundPotRemaining, handler.gRefundPot(), "refund pot");
        uint256 held = token.balanceOf(address(pool));
        assertEq(held, handler.gPoolBalance(), "balance = ledger");
        if (s.phase == IImpactPool.Phase.Settled) {
            assertEq(held, s.investorPotRemaining + s.refundPotRemaining, "settled: held = pots");
        } else {
            assertEq(held, pool.totalSupply() - s.disbursed + s.fundCommitted, "held = capital + fund");
        }
        assertLe(handler.gSettles(), 1, "settles at most once");
    }

    /// @dev After deadline + grace every path ends with every participant paid and nothing stuck.
    function invariant_NeverStuckAfterGrace() public {
        if (block.timestamp <= SETTLEMENT_DEADLINE + GRACE) return;
        uint256 snap = vm.snapshotState();
        IImpactPool.Phase p = pool.phase();
        if (p == IImpactPool.Phase.Funded) {
            pool.settle(abi.encode(handler.basket()));
            p = IImpactPool.Phase.Settled;
        }
        for (uint256 i; i < handler.investorCount(); ++i) {
            address a = handler.investors(i);
            uint256 bal = pool.balanceOf(a);
            if (bal == 0) continue;
            vm.prank(a);
            if (p == IImpactPool.Phase.Settled) pool.redeem(bal);
            else pool.withdraw();
        }
        for (uint256 i; i < handler.payerCount(); ++i) {
            address payer = handler.payers(i);
            if (pool.commitmentOf(payer) == 0) continue;
            vm.prank(payer);
            pool.refund();
        }
        assertEq(token.balanceOf(address(pool)), 0, "nothing stuck");
        vm.revertToState(snap);
    }

    /// @dev Every run that called the contract made at least one successful call into the pool. Then the run is wound
    /// up (`windUp`: settled past deadline + grace, every share redeemed or withdrawn and every commitment refunded,
    /// each payment checked against the model's amount): nobody holds a share or a commitment, every wallet holds what
    /// the ledger says, and the pool holds nothing.
    function afterInvariant() public {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful pool call in this run");
        handler.windUp();
        invariant_AccountsMatchLedgers();
        invariant_StateMatchesLedgers();
        for (uint256 i; i < handler.investorCount(); ++i) {
            assertEq(pool.balanceOf(handler.investors(i)), 0, "end: every share paid out");
        }
        for (uint256 i; i < handler.payerCount(); ++i) {
            assertEq(pool.commitmentOf(handler.payers(i)), 0, "end: every commitment refunded");
        }
        assertEq(pool.totalSupply(), 0, "end: no share left");
        assertEq(token.balanceOf(address(pool)), 0, "end: the pool holds nothing");
    }

    /// @dev Every handler action can succeed: a raise filled to exactly the target, the fund cap exactly, every
    /// tranche, settlement, redemptions and refunds; then a failed raise's withdraw and refund on a second pool.
    function test_Handler_EveryActionSucceeds() public {
        handler.invest(0, 2); // even amount: fills exactly the 1,000,000e18 target
        assertEq(pool.totalSupply(), CAPITAL, "raise exactly at target");
        handler.commit(0, 4); // amount % 4 == 0: fills exactly the 1,200,000e18 cap
        assertEq(pool.state().fundCommitted, FUND_CAP, "fund exactly at cap");
        handler.transferShares(0, 1, 400_000e18);
        handler.disburse(0); // due at the raise deadline: not yet
        vm.warp(RAISE_DEADLINE); // exactly the due second
        handler.disburse(0);
        vm.warp(T0 + 180 days);
        handler.milestone(50); // exactly the minimum value
        handler.disburse(1);
        handler.disburse(2);
        handler.disburse(3);
        handler.settle(0); // to the deadline, every slot Final with value 0
        handler.redeem(0, 1);
        handler.redeem(1, 400_000e18);
        handler.refund(0);
        handler.refund(0); // twice: NothingToRefund, predicted
        string[7] memory actions = ["invest", "commit", "disburse", "settle", "redeem", "refund", "refund"];
        for (uint256 i; i < actions.length; ++i) assertGt(handler.succeeded(actions[i]), 0, actions[i]);
        invariant_AccountsMatchLedgers();
        invariant_StateMatchesLedgers();
        afterInvariant(); // winding up: everyone else redeems and is refunded, exactly
        assertEq(handler.windUps(), 1, "wound up");
    }

    /// @dev A token hook re-entering the pool during each kind of transfer is refused by the guard, and the outer call
    /// still does exactly what the model predicts: an invest re-entered by an invest of 1e18 mints shares for the
    /// invested amount only (not 1e18 more through the balance delta), a commit re-entered by a commit, a withdraw
    /// after a failed raise re-entered by a withdraw, and a refund re-entered by an invest.
    function test_Handler_ReentryIsRefusedEverywhere() public {
        handler.reenter(0, 0, 0, 1); // invest 1 + 1 % 700,000e18 (odd: a bounded amount), re-entered by invest
        assertEq(pool.balanceOf(handler.investors(0)), 2, "shares for the invested amount only");
        handler.reenter(1, 1, 1, 1); // commit 2, re-entered by commit
        assertEq(pool.state().fundCommitted, 2, "commitment for the committed amount only");
        vm.warp(RAISE_DEADLINE + 1); // the raise failed
        handler.reenter(3, 2, 0, 0); // investor 0 withdraws, re-entered by withdraw
        handler.reenter(4, 0, 1, 0); // payer 1 is refunded, re-entered by invest
        assertEq(handler.reentriesRefused(), 4, "every re-entry refused");
        assertGt(handler.succeeded("withdraw"), 0, "withdraw paid");
        assertGt(handler.succeeded("refund"), 0, "refund paid");
        invariant_AccountsMatchLedgers();
        invariant_StateMatchesLedgers();
    }

    /// @dev The edges the actions reach on purpose: the milestone one below its minimum (refused) and exactly at it
    /// (paid); settlement one second before the deadline (refused), at the deadline with slots never reported
    /// (pending), then with the composite exactly at the repayment curve's principal point (multiple 1: the
    /// disbursed capital back, to the wei).
    function test_Handler_EdgesAreTried() public {
        handler.invest(0, 2); // fills the target
        handler.commit(0, 4); // fills the fund cap
        vm.warp(T0 + 180 days);
        handler.milestone(0); // 0 % 4 == 0: 49, one below the minimum
        handler.disburse(3); // MilestoneNotMet(3, Final, 49, 50), predicted
        handler.milestone(1); // 1 % 4 == 1: exactly 50
        handler.disburse(3);
        assertEq(handler.gDisbursed(), (uint256(CAPITAL) * 1000) / 10_000, "milestone tranche paid");
        handler.settle(3); // mode 3: one second before the deadline, SettlementNotOpen predicted
        assertEq(block.timestamp, SETTLEMENT_DEADLINE - 1, "one second before the deadline");
        vm.warp(SETTLEMENT_DEADLINE);
        handler.settle(2); // mode 2: as things stand, no slot reported yet: OutcomePending predicted
        handler.settle((1 << 2) | (3 << 4)); // mode 0, edge 1: (80, 40, 70, 0) reads 0.3 + 0.3
        assertEq(pool.state().compositeWad, 0.6e18, "the principal point");
        assertEq(pool.state().outcomePayment, handler.gDisbursed(), "multiple 1: the disbursed capital back");
        assertEq(handler.succeeded("settle"), 1, "settled once");
        assertEq(handler.calls(), 1 + 1 + 2 + 3, "every call counted");
        invariant_AccountsMatchLedgers();
        invariant_StateMatchesLedgers();
    }

    function test_Handler_WithdrawSucceedsAfterFailedRaise() public {
        handler.invest(0, 1); // odd: a bounded amount below the target
        handler.commit(1, 1);
        vm.warp(RAISE_DEADLINE + 1);
        handler.withdraw(0);
        handler.withdraw(0); // twice: ZeroAmount, predicted
        handler.refund(1);
        assertGt(handler.succeeded("withdraw"), 0, "withdraw");
        assertGt(handler.succeeded("refund"), 0, "refund");
        invariant_AccountsMatchLedgers();
        invariant_StateMatchesLedgers();
        afterInvariant(); // winding up after a failed raise: every other investor withdraws 1:1
        assertEq(handler.windUps(), 1, "wound up");
    }
}
