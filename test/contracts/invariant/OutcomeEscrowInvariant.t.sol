// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {EscrowFixture} from "../fixtures/EscrowFixture.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "../../../contracts/escrow/IOutcomeEscrow.sol";
import {WeirdERC20} from "../../mocks/tokens/WeirdERC20.sol";
import {OutcomeEscrowHandler} from "./handlers/OutcomeEscrowHandler.sol";
import {OutcomeEscrowFactoryProbe} from "./handlers/OutcomeEscrowFactoryProbe.sol";
import {OutcomeEscrowVersionGate} from "./handlers/OutcomeEscrowVersionGate.sol";
import {OutcomeEscrowFactory} from "../../../contracts/escrow/OutcomeEscrowFactory.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";
import {PayoutCurves} from "../../../contracts/outcomes/PayoutCurves.sol";

/// @notice Two escrows on one token (which may take a fee on transfer) and one feed slot; escrow 1 has a minimum
/// funding of 1e24 and a basket of the four curve kinds. The handler predicts every call (amount or exact error) from
/// its own ledgers; the invariants compare every view and balance with them, and every run ends with both escrows
/// settled and everyone paid. A second handler (`OutcomeEscrowFactoryProbe`) creates escrows on every boundary the
/// factory accepts or with one fault it must name, and tries a clone someone else deployed.
contract OutcomeEscrowInvariantTest is EscrowFixture {
    OutcomeEscrowHandler internal handler;
    OutcomeEscrowFactoryProbe internal probe;
    WeirdERC20 internal token;

    /// @dev The committee version current when the escrows are created (the one they pin).
    uint16 internal constant PINNED = 3;

    function setUp() public {
        _setUpFixture();
        // The escrows read through a gate that holds values under the pinned version only; later committees
        // (`newCommittee`) have none.
        feed.setCommitteeVersion(MISSION, PINNED);
        factory = new OutcomeEscrowFactory(
            IMissionRegistry(address(registry)),
            new OutcomeEscrowVersionGate(feed, PINNED)
        );
        token = new WeirdERC20("Dollar", "USD", 18);
        address[] memory b = new address[](3);
        uint96[] memory w = new uint96[](3);
        (b[0], b[1], b[2]) = (address(0xBE00), address(0xBE01), address(0xBE02));
        (w[0], w[1], w[2]) = (1, 2, 7);
        IOutcomeEscrow.Terms memory t = _terms(IERC20(address(token)), b, w);
        IOutcomeEscrow a = IOutcomeEscrow(factory.createEscrow(t));
        t.minFunding = 1e24; // the second escrow may miss its minimum, or meet it exactly
        t.beneficiaries[2].weight = 1;
        t.outcomes = _basket();
        IOutcomeEscrow c = IOutcomeEscrow(factory.createEscrow(t));
        handler = new OutcomeEscrowHandler(token, feed, [a, c], FUNDING_DEADLINE, uint256(SETTLEMENT_DEADLINE) + GRACE);
        targetContract(address(handler));
        bytes4[] memory s = new bytes4[](12);
        s[0] = OutcomeEscrowHandler.deposit.selector;
        s[1] = OutcomeEscrowHandler.deposit.selector;
        s[2] = OutcomeEscrowHandler.warp.selector;
        s[3] = OutcomeEscrowHandler.setOutcome.selector;
        s[4] = OutcomeEscrowHandler.settle.selector;
        s[5] = OutcomeEscrowHandler.claim.selector;
        s[6] = OutcomeEscrowHandler.refund.selector;
        s[7] = OutcomeEscrowHandler.refund.selector;
        s[8] = OutcomeEscrowHandler.warpToEdge.selector;
        s[9] = OutcomeEscrowHandler.setFee.selector;
        s[10] = OutcomeEscrowHandler.reenter.selector;
        s[11] = OutcomeEscrowHandler.newCommittee.selector;
        targetSelector(address(handler), s);
        probe = new OutcomeEscrowFactoryProbe(factory, registry, feed, IERC20(address(token)), address(a));
        targetContract(address(probe));
        bytes4[] memory q = new bytes4[](2);
        q[0] = OutcomeEscrowFactoryProbe.create.selector;
        q[1] = OutcomeEscrowFactoryProbe.rogue.selector;
        targetSelector(address(probe), q);
    }

    /// @dev Escrow 1's basket, every curve kind on the one slot (goal 0 period 1): 0.3 × linear 100 → 103, 0.3 ×
    /// threshold-linear 100 → 200 from 150 capped at 0.7, 0.2 × steps (120: 0.2, 160: 0.5, 200: 1), 0.2 × binary at 170.
    function _basket() internal pure returns (OutcomeLib.OutcomeTerm[] memory o) {
        o = new OutcomeLib.OutcomeTerm[](4);
        o[0] = _linearTerm(0, 0.3e18);
        o[0].curve.target = 103;
        o[1] = _linearTerm(0, 0.3e18);
        (o[1].curve.kind, o[1].curve.threshold, o[1].curve.capWad) = (PayoutCurves.Kind.ThresholdLinear, 150, 0.7e18);
        uint64[] memory values = new uint64[](3);
        uint64[] memory ratios = new uint64[](3);
        (values[0], values[1], values[2]) = (120, 160, 200);
        (ratios[0], ratios[1], ratios[2]) = (0.2e18, 0.5e18, 1e18);
        o[2] = OutcomeLib.OutcomeTerm(
            MISSION,
            0,
            1,
            0.2e18,
            PayoutCurves.Curve(PayoutCurves.Kind.Stepped, false, 0, 0, 0, 0, values, ratios)
        );
        o[3] = OutcomeLib.OutcomeTerm(
            MISSION,
            0,
            1,
            0.2e18,
            PayoutCurves.Curve(PayoutCurves.Kind.Binary, false, 0, 0, 170, 0, _noSteps(), _noSteps())
        );
    }

    /// @dev Every view of escrow `e` and every balance equals the ghost ledgers.
    function _check(uint256 e) internal view {
        IOutcomeEscrow x = handler.escrows(e);
        uint256 balance = token.balanceOf(address(x));
        uint256 total = handler.gTotal(e);
        assertEq(uint256(x.status()), uint256(handler.gStatus(e)), "status = ledger");
        (uint256 totalDeposited, uint256 pot, uint256 refundPot, uint256 composite) = x.totals();
        assertEq(totalDeposited, total, "totalDeposited = sum of credited deposits");
        assertEq(composite, handler.gComposite(e), "composite = model");
        bool open = handler.gStatus(e) == IOutcomeEscrow.Status.Open;
        assertEq(pot, open ? 0 : handler.modelPot(e), "beneficiary pot = model");
        assertEq(refundPot, open ? 0 : total - handler.modelPot(e), "refund pot = model");
        // Isolation and exactness: the balance is this escrow's own deposits minus its own payouts.
        assertEq(balance, total - handler.gPaid(e), "balance = deposited - paid");
        uint256 owed;
        for (uint256 i; i < handler.FUNDERS(); ++i) {
            address f = handler.funder(i);
            assertEq(x.depositOf(f), handler.gDeposit(e, f), "depositOf = ledger");
            uint256 r = handler.modelRefundable(e, f);
            assertEq(x.refundable(f), r, "refundable = model");
            owed += r;
        }
        for (uint256 i; i < handler.BENEFICIARIES(); ++i) {
            uint256 c = handler.modelClaimable(e, i);
            assertEq(x.claimable(handler.beneficiary(i)), c, "claimable = model");
            owed += c;
        }
        if (open) owed = total;
        // Solvency, and conservation with at most one wei of dust per participant.
        assertGe(balance, owed, "solvency");
        assertLe(balance - owed, handler.FUNDERS() + handler.BENEFICIARIES(), "dust bound");
        assertLe(handler.gSettles(e), 1, "settles at most once");
    }

    function invariant_ViewsAndBalancesMatchLedgers() public view {
        _check(0);
        _check(1);
    }

    /// @dev Every wallet holds exactly what the ledgers say: no one was paid twice, or paid someone else's money.
    function invariant_WalletsMatchLedgers() public view {
        for (uint256 i; i < handler.FUNDERS(); ++i) {
            address f = handler.funder(i);
            assertEq(token.balanceOf(f), handler.gWallet(f), "funder wallet");
        }
        for (uint256 i; i < handler.BENEFICIARIES(); ++i) {
            address b = handler.beneficiary(i);
            assertEq(token.balanceOf(b), handler.gWallet(b), "beneficiary wallet");
        }
    }

    /// @dev A value that can still change never moves money: no escrow settled (other than an underfunded refund)
    /// while its slot was Proposed or Disputed — before or after deadline + grace (the handler also predicts the
    /// exact `OutcomePending` revert of every such attempt).
    function invariant_ChangingValueNeverMovesMoney() public view {
        assertEq(handler.gSettledOnChangingValue(), 0, "settled on a proposed or disputed value");
    }

    /// @dev Funds are never stuck: past deadline + grace every open escrow settles once the oracle has decided a
    /// proposed or disputed value (here: it finalises), and then everyone owed is paid in full, leaving at most the
    /// documented dust.
    function invariant_NeverStuckAfterDeadlinePlusGrace() public {
        if (block.timestamp <= handler.noDataAfter()) return;
        uint256 snap = vm.snapshotState();
        IMetricFeed.SlotStatus slot = feed.slotStatus(1, 0, 0, 1);
        if (slot == IMetricFeed.SlotStatus.Proposed || slot == IMetricFeed.SlotStatus.Disputed) {
            feed.setFinal(1, 0, 1, 150);
        }
        for (uint256 e; e < 2; ++e) {
            IOutcomeEscrow x = handler.escrows(e);
            if (x.status() == IOutcomeEscrow.Status.Open) x.settle();
            for (uint256 i; i < handler.BENEFICIARIES(); ++i) {
                if (x.claimable(handler.beneficiary(i)) > 0) x.claimFor(handler.beneficiary(i));
            }
            for (uint256 i; i < handler.FUNDERS(); ++i) {
                if (x.refundable(handler.funder(i)) > 0) x.refundFor(handler.funder(i));
            }
            assertLe(token.balanceOf(address(x)), handler.FUNDERS() + handler.BENEFICIARIES(), "only dust left");
        }
        vm.revertToState(snap);
    }

    /// @dev Every run that called the contract made at least one successful call into an escrow (a run of reverts
    /// proves nothing). Then the run is wound up (`windUp`: a changing value decided, both escrows settled, every
    /// beneficiary's claim and every funder's refund made and checked for its exact amount): nobody is owed anything
    /// any more, every wallet holds what the ledger says, and each escrow keeps at most the documented rounding dust
    /// (one unit per payout).
    function afterInvariant() public {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful escrow call in this run");
        handler.windUp();
        for (uint256 e; e < 2; ++e) {
            IOutcomeEscrow x = handler.escrows(e);
            assertTrue(x.status() != IOutcomeEscrow.Status.Open, "end: settled");
            for (uint256 i; i < handler.BENEFICIARIES(); ++i) {
                assertEq(x.claimable(handler.beneficiary(i)), 0, "end: every beneficiary claimed");
            }
            for (uint256 i; i < handler.FUNDERS(); ++i) {
                assertEq(x.refundable(handler.funder(i)), 0, "end: every funder refunded");
            }
        }
        invariant_ViewsAndBalancesMatchLedgers();
        invariant_WalletsMatchLedgers();
        for (uint256 e; e < 2; ++e) {
            IOutcomeEscrow x = handler.escrows(e);
            assertEq(token.balanceOf(address(x)), handler.gTotal(e) - handler.gPaid(e), "end: balance = in - out");
            assertLe(
                token.balanceOf(address(x)),
                handler.FUNDERS() + handler.BENEFICIARIES(),
                "end: only rounding dust left"
            );
        }
    }

    /// @dev Every handler action can succeed (none is dead code): a scripted run through each of them.
    function test_Handler_EveryActionSucceeds() public {
        handler.deposit(0, 0, 3e18 + 1, false); // 3e18 + 1 % 4 = 1: a plain bounded amount
        handler.deposit(1, 1, 0, true); // amount % 4 == 0: tops escrow 1 up to exactly its minimum
        assertEq(handler.gTotal(1), 1e24, "escrow 1 funded to exactly minFunding");
        handler.setOutcome(0, 150);
        handler.newCommittee(); // a later committee (no values): the escrows still read the pinned version
        assertEq(feed.committeeVersion(MISSION), PINNED + 1, "new committee");
        handler.warp(12 days); // past the funding deadline (T0 + 10 days), before noDataAfter
        handler.settle(0);
        handler.settle(1);
        assertEq(uint256(handler.gStatus(1)), uint256(IOutcomeEscrow.Status.Achieved), "exactly minFunding is met");
        handler.claim(0, 2, false);
        handler.claim(1, 0, true);
        handler.refund(0, 0, false);
        handler.refund(1, 1, true);
        handler.refund(1, 1, true); // twice: the model expects NothingToRefund
        for (uint256 f; f < 11; ++f) probe.create(f); // valid on every boundary, then each fault: predicted
        assertEq(probe.created(), 1, "one escrow created");
        probe.rogue(1e18, true); // NotFactory
        probe.rogue(1e18, false); // NotAClone
        assertEq(probe.expectedRevertsOf(keccak256("rogue")), 2, "rogue clone refused");
        string[5] memory actions = ["deposit", "settle", "claim", "refund", "deposit"];
        for (uint256 i; i < actions.length; ++i) assertGt(handler.succeeded(actions[i]), 0, actions[i]);
        invariant_ViewsAndBalancesMatchLedgers();
        invariant_WalletsMatchLedgers();
        assertEq(uint256(feed.slotStatus(1, 0, 0, 1)), uint256(IMetricFeed.SlotStatus.Final), "final");
    }

    /// @dev A token hook re-entering the escrow during each kind of transfer is refused by the guard, and the outer
    /// call still does exactly what the model predicts: a deposit re-entered by a 1e18 deposit is credited once (not
    /// 1e18 more through the balance delta), a claim re-entered by a claim for another beneficiary, a refund re-entered
    /// by settle.
    function test_Handler_ReentryIsRefusedEverywhere() public {
        handler.deposit(0, 1, 1e18 + 1, false); // a first success, so that the re-entry is not the bootstrap's
        uint256 before = handler.gTotal(0);
        handler.reenter(0, 0, 0, 0, 2e18 + 1); // 2e18 + 1 % 4 = 1: a plain bounded deposit (bound: 0 + x % (1e24 + 1))
        assertEq(handler.gTotal(0) - before, 2e18 + 1, "the re-entered deposit credited once (not 3e18 + 1)");
        assertEq(handler.reentriesRefused(), 1, "deposit re-entry refused");
        handler.setOutcome(0, 150);
        handler.warp(12 days);
        handler.settle(0);
        handler.reenter(0, 1, 1, 2, 0); // beneficiary 2 claims; the hook claims for beneficiary 2 again
        handler.reenter(0, 2, 3, 0, 0); // funder 0 asks for its refund; the hook calls settle
        assertEq(handler.reentriesRefused(), 3, "claim and refund re-entries refused");
        assertGt(handler.succeeded("claim"), 0, "claim paid");
        assertGt(handler.succeeded("refund"), 0, "refund paid");
        invariant_ViewsAndBalancesMatchLedgers();
        invariant_WalletsMatchLedgers();
    }

    /// @dev The fee, edge and winding-up paths work: with a 0.51 % fee a top-up still meets escrow 1's minimum exactly,
    /// a deposit lands on the funding deadline's last second and one a second later is refused (FundingClosed,
    /// predicted), and winding up settles both escrows and pays every beneficiary and funder less the fee.
    function test_Handler_FeeEdgesAndWindUp() public {
        handler.deposit(0, 0, 3e18 + 1, false); // a first success: time may move from now on
        handler.setFee(101); // 1 + 50 = 51 bps
        assertEq(token.feeBps(), 51, "fee set");
        handler.deposit(1, 1, 0, true); // amount % 4 == 0: tops escrow 1 up to exactly its minimum, fee included
        assertEq(handler.gTotal(1), 1e24, "exactly minFunding credited despite the fee");
        handler.warpToEdge(0); // the funding deadline
        assertEq(block.timestamp, FUNDING_DEADLINE, "at the deadline");
        handler.deposit(0, 2, 5e18 + 1, false); // accepted at its last second
        handler.warpToEdge(0); // one past it
        handler.deposit(0, 3, 5e18 + 1, false); // FundingClosed, predicted
        assertEq(handler.succeeded("deposit"), 3, "three deposits");
        assertEq(handler.edgesHit(), 2, "two edges");
        handler.setOutcome(2, 150); // proposed: still changing when the run ends
        afterInvariant();
        assertEq(handler.windUps(), 1, "wound up");
        assertEq(uint256(handler.gStatus(0)), uint256(IOutcomeEscrow.Status.Achieved), "decided at the end");
        assertGt(handler.succeeded("claim"), 0, "claims paid");
        assertGt(handler.succeeded("refund"), 0, "refunds paid");
    }
}
