// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ScheduledEscrowFixture} from "../fixtures/ScheduledEscrowFixture.sol";
import {WeirdERC20} from "../../mocks/tokens/WeirdERC20.sol";
import {IScheduledEscrow} from "../../../contracts/escrow/IScheduledEscrow.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {ScheduleLib} from "../../../contracts/outcomes/ScheduleLib.sol";
import {ScheduledEscrowHandler} from "./handlers/ScheduledEscrowHandler.sol";
import "./handlers/ScheduledEscrowModel.sol" as M;
import {ScheduledEscrowFactoryProbe} from "./handlers/ScheduledEscrowFactoryProbe.sol";

/// @notice One scheduled escrow (`ScheduledEscrowModel`'s schedule: a triggered cohort point over-achieving up to 1.5,
/// a capped two-term rate card under an OR trigger, a capped cumulative true-up; key caps, an overall cap; a 20 %
/// co-payment tier and an ordered tier) under random deposits, time, oracle moves, settlements, claims and refunds,
/// and the factory and clone gate (`ScheduledEscrowFactoryProbe`). The handler predicts every call; the invariants
/// compare the escrow's books, views and every balance with the ghost ledgers after every call: conservation,
/// solvency, a point settles once and never on a value that can still change, and nothing is stuck after the last
/// cut-off.
contract ScheduledEscrowInvariantTest is ScheduledEscrowFixture {
    ScheduledEscrowHandler internal handler;
    ScheduledEscrowFactoryProbe internal probe;
    IScheduledEscrow internal escrow;
    WeirdERC20 internal coin;

    function _schedule() internal returns (IPaymentSchedule.Point[] memory ps) {
        tiers.push(IPaymentSchedule.PayerTier(M.CO_PAY_WAD));
        tiers.push(IPaymentSchedule.PayerTier(0));
        keyCaps.push(M.KEY0_CAP);
        keyCaps.push(M.KEY1_CAP);
        overallCap = M.OVERALL_CAP;
        IPaymentSchedule.ScheduleTerm memory cohortTerm = _curveTerm(1, 0, 1e18);
        cohortTerm.ceilingWad = M.COHORT_CEILING_WAD;
        IPaymentSchedule.Point memory cohort = _point(0, false, M.COHORT_POT_WAD, _terms(cohortTerm));
        cohort.trigger.conditions = new IPaymentSchedule.Condition[](1);
        cohort.trigger.conditions[0] = _atLeast(1, M.COHORT_THRESHOLD);
        IPaymentSchedule.ScheduleTerm memory improvement = _goal2CountTerm(2, 1, M.IMPROVEMENT_PRICE, NONE);
        improvement.source = IPaymentSchedule.UnitSource.Improvement;
        improvement.referenceValue = M.IMPROVEMENT_REFERENCE;
        IPaymentSchedule.Point memory rate = _point(
            1,
            false,
            0,
            _terms(_goal2CountTerm(2, 1, M.RATE_PRICE, M.RATE_CAP), improvement)
        );
        rate.trigger.any = true;
        rate.trigger.conditions = new IPaymentSchedule.Condition[](2);
        rate.trigger.conditions[0] = _atLeast(1, M.RATE_TRIGGER_0);
        rate.trigger.conditions[1] = IPaymentSchedule.Condition(MISSION, 2, 2, M.RATE_TRIGGER_1, false);
        IPaymentSchedule.Point memory trueUp = _point(
            2,
            true,
            1e18,
            _terms(_curveTerm(1, 0, 0.5e18), _curveTerm(3, 0, 0.5e18))
        );
        trueUp.cap = M.TRUE_UP_CAP;
        ps = _points(cohort, rate, trueUp);
    }

    function setUp() public override {
        super.setUp();
        IPaymentSchedule.Point[] memory ps = _schedule();
        // The escrow's token can burn what it moves (`deposit`'s zero-delivery case); otherwise a plain token.
        coin = new WeirdERC20("Dollar", "USD", 18);
        IScheduledEscrow.ScheduledTerms memory t = _scheduledTerms(ps);
        t.token = IERC20(address(coin));
        escrow = IScheduledEscrow(factory.createEscrow(t));
        handler = new ScheduledEscrowHandler(
            coin,
            feed,
            escrow,
            MISSION,
            VERSION,
            FUNDING_DEADLINE,
            [_cutOff(0), _cutOff(1), _cutOff(2)],
            [PROVIDER, PARTNER]
        );
        for (uint256 p; p < 3; ++p) handler.setPoint(p, ScheduleLib.encodePoint(ps[p]), roots.pointProof(ps, p));
        probe = new ScheduledEscrowFactoryProbe(factory, registry, token, address(escrow));
        targetContract(address(handler));
        bytes4[] memory s = new bytes4[](10);
        s[0] = ScheduledEscrowHandler.deposit.selector;
        s[1] = ScheduledEscrowHandler.deposit.selector;
        s[2] = ScheduledEscrowHandler.warp.selector;
        s[3] = ScheduledEscrowHandler.warpToEdge.selector;
        s[4] = ScheduledEscrowHandler.setResult.selector;
        s[5] = ScheduledEscrowHandler.setResult.selector;
        s[6] = ScheduledEscrowHandler.settle.selector;
        s[7] = ScheduledEscrowHandler.settle.selector;
        s[8] = ScheduledEscrowHandler.claim.selector;
        s[9] = ScheduledEscrowHandler.refund.selector;
        targetSelector(address(handler), s);
        targetContract(address(probe));
        bytes4[] memory q = new bytes4[](2);
        q[0] = ScheduledEscrowFactoryProbe.create.selector;
        q[1] = ScheduledEscrowFactoryProbe.rogue.selector;
        targetSelector(address(probe), q);
    }

    /// @dev The escrow's books equal the model's: points settled, paid and committed in total and per tier, and what
    /// counts against each key's cap.
    function invariant_BooksMatchTheModel() public view {
        IPaymentSchedule.Ledger memory l = escrow.ledger();
        assertEq(l.settled, handler.gSettled(), "settled bits = model");
        assertEq(l.totalCommitted, handler.gIn(), "committed = deposited");
        assertEq(l.totalPaid, handler.gTotalPaid(), "paid = model");
        for (uint256 t; t < 2; ++t) {
            assertEq(l.tierBooks[t].committed, handler.gCommitted(t), "tier committed = model");
            assertEq(l.tierBooks[t].paid, handler.gTierPaid(t), "tier paid = model");
            assertLe(l.tierBooks[t].paid, l.tierBooks[t].committed, "tier paid <= committed");
            assertEq(l.keyPaid[t], handler.gKeyPaid(t), "key ledger = model");
        }
        assertLe(l.totalPaid, M.OVERALL_CAP, "paid <= overall cap");
        for (uint256 p; p < 3; ++p) assertLe(handler.gSettles(p), 1, "a point settles once");
    }

    /// @dev Every view and balance equals the ghost ledgers; the balance covers everything owed, with at most one wei
    /// of dust per participant.
    function invariant_ViewsAndBalancesMatchLedgers() public view {
        uint256 balance = coin.balanceOf(address(escrow));
        assertEq(balance, handler.gIn() - handler.gOut(), "in = out + held");
        uint256 owed;
        for (uint256 i; i < handler.FUNDERS(); ++i) {
            address f = handler.funder(i);
            for (uint256 t; t < 2; ++t) assertEq(escrow.depositOf(f, t), handler.gDeposit(f, t), "depositOf = ledger");
            uint256 r = handler.modelRefundable(f);
            assertEq(escrow.refundable(f), r, "refundable = model");
            assertEq(coin.balanceOf(f), handler.gWallet(f), "funder wallet");
            owed += r;
        }
        for (uint256 i; i < handler.BENEFICIARIES(); ++i) {
            address b = handler.beneficiary(i);
            uint256 c = handler.modelClaimable(b, i);
            assertEq(escrow.claimable(b), c, "claimable = model");
            assertEq(escrow.claimedOf(b), handler.gClaimed(b), "claimedOf = ledger");
            assertEq(coin.balanceOf(b), handler.gWallet(b), "beneficiary wallet");
            owed += c;
        }
        // Until every point settled, what is not paid yet is still owed to someone (a later point or a refund).
        if (handler.firstOpen() != handler.POINTS()) owed += handler.gIn() - handler.gTotalPaid();
        assertGe(balance, owed, "solvency");
        if (handler.firstOpen() == handler.POINTS()) {
            assertLe(balance - owed, handler.FUNDERS() * 2 + handler.BENEFICIARIES(), "dust bound");
        }
    }

    function invariant_NeverSettledOnAChangingValue() public view {
        assertEq(handler.gSettledWhileChanging(), 0, "settled while a slot could change");
    }

    /// @dev Past the last cut-off, once the oracle decides what is still proposed or disputed, every open point
    /// settles, every beneficiary claims and every funder is refunded, leaving at most one wei per participant.
    function invariant_NeverStuckAfterTheLastCutOff() public {
        if (block.timestamp <= handler.cutOff(2)) return;
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
        assertLe(coin.balanceOf(address(escrow)), handler.FUNDERS() * 2 + handler.BENEFICIARIES(), "only dust left");
        vm.revertToState(snap);
    }

    /// @dev A run of reverts proves nothing: every run that called the escrow made a successful call.
    function afterInvariant() public view {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful escrow call in this run");
    }

    /// @dev Every handler action can succeed (none is dead code), and the model's figures are the spec's, by hand.
    function test_Handler_EveryActionSucceeds() public {
        handler.deposit(0, 1, 1_000_000); // funder 0, ordered tier
        handler.deposit(1, 0, 500_000); // funder 1, co-payment tier
        handler.deposit(0, 0, 100_003); // funder 0 pays in both tiers
        handler.deposit(2, 7, 5); // tier 2 of 2: TierIndex, predicted
        handler.deposit(2, 6, 5); // the token burns the transfer: ZeroDeposit, predicted
        handler.setResult(0, 15, 0); // an odd seed is a plain value: (15 >> 1) % 201 = 7
        assertEq(handler.slotValue(0), 7, "slot 0 = 7");
        handler.settle(0, false); // funding open: predicted
        handler.warpToEdge(9); // one past the funding deadline (edge 1), settling point 1 there: pending, predicted
        handler.deposit(3, 1, 9); // funding closed: predicted
        // Cohort: 7 < 30, the trigger fails: settles for 0.
        handler.settle(0, false);
        assertEq(handler.gTotalPaid(), 0, "cohort paid nothing");
        // Rate card: slot 1 = 1,000 (final) → 1,000 × 1,000 capped at 300,000, improvement 600 × 500 = 300,000 capped
        // by key 1 at 500,000 − 300,000 = 200,000: 500,000. Co-pay 100,000 (tier 0), ordered 400,000 (tier 1).
        handler.setResult(1, 14, 0); // even seed: edge (14 >> 1) % 8 = 7 → 1,000
        handler.settle(1, false);
        assertEq(handler.gTotalPaid(), 500_000, "rate card: 500,000");
        assertEq(handler.gTierPaid(0), 100_000, "co-pay: 20 %");
        assertEq(handler.gKeyPaid(1), 500_000, "key 1 at its cap");
        handler.settle(2, true); // points 0 and 1 already settled (predicted); slot 2 empty: pending, predicted
        handler.setResult(2, 4, 4); // slot 2 unresolved: no data
        handler.settle(2, false);
        handler.settle(2, false); // already settled: predicted
        handler.claim(0, false); // 500,000 × 3 / 4 = 375,000
        handler.claim(1, true); // 125,000
        handler.claim(1, false); // nothing left: predicted
        handler.refund(0, false);
        handler.refund(0, true); // refunded: nothing left, predicted
        handler.refund(1, true);
        string[4] memory actions = ["deposit", "settle", "claim", "refund"];
        for (uint256 i; i < actions.length; ++i) assertGt(handler.succeeded(actions[i]), 0, actions[i]);
        assertEq(handler.gClaimed(PROVIDER), 375_000, "provider's share");
        probe.create(0);
        probe.create(1);
        probe.create(2);
        probe.create(3);
        probe.create(4);
        probe.rogue(5, false);
        probe.rogue(5, true);
        assertEq(probe.created(), 1, "one valid escrow created");
        assertEq(probe.succeeded("create"), 1, "create");
        invariant_BooksMatchTheModel();
        invariant_ViewsAndBalancesMatchLedgers();
        invariant_NeverSettledOnAChangingValue();
    }

    /// @dev The true-up under key 0's cap, by hand: 3,000,000 deposited (600,000 in the co-payment tier), slots 0 and 2
    /// final at 100 (achievement 1), slot 1 unresolved. Cohort: 40 % × 3,000,000 = 1,200,000 (under key 0's
    /// 1,500,000, which books it), paid up to the 1,000,000 overall cap: 200,000 co-pay + 800,000 ordered. Rate card:
    /// no data, 0. True-up: its own terms count against key 0 (not the cohort's): ½ × 3,000,000 = 1,500,000 (the
    /// cap), 0 left for the second term; 1,500,000 − 1,000,000 paid = 500,000, at most 400,000 (its cap), at most
    /// 0 (the overall cap is reached): pays 0, and key 0's ledger rises to 1,500,000.
    function test_Handler_TrueUpUnderTheKeyCap() public {
        handler.deposit(0, 1, 1_999_999); // the first deposit: bound 1 + x % 2,000,000 = 2,000,000
        handler.deposit(1, 1, 400_000); // then 0 + x % 2,000,001
        handler.deposit(2, 0, 600_000);
        handler.setResult(0, 10, 0); // an even seed is an edge: (10 >> 1) % 8 = 5 → 100
        handler.setResult(2, 10, 1);
        handler.setResult(1, 0, 4); // unresolved
        handler.warp(11 days); // past the funding deadline
        handler.settle(2, true); // points 0, 1, 2 in order
        assertEq(handler.gSettled(), 7, "all settled");
        assertEq(handler.gTotalPaid(), 1_000_000, "the overall cap");
        assertEq(handler.gKeyPaid(0), 1_500_000, "key 0 raised to the true-up's own payments");
        assertEq(handler.gTierPaid(0), 200_000, "co-pay 20 %");
        assertEq(handler.gTierPaid(1), 800_000, "ordered the rest");
        invariant_BooksMatchTheModel();
        invariant_ViewsAndBalancesMatchLedgers();
    }
}
