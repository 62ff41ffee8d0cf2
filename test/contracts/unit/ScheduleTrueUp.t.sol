// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduleFixture} from "../fixtures/ScheduleFixture.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";

/// @notice True-up: a cumulative point pays its entitlement on all results so far minus everything paid (never less
/// than 0), so a catch-up pays what failed triggers held back and quarterly cumulative payments never double-pay.
contract ScheduleTrueUpTest is ScheduleFixture {
    function setUp() public override {
        super.setUp();
        _fundOneTier();
    }

    function _gate(IPaymentSchedule.Point memory p, uint16 period, uint64 threshold) internal pure {
        p.trigger.conditions = new IPaymentSchedule.Condition[](1);
        p.trigger.conditions[0] = _cond(5, period, threshold, false);
    }

    /// @dev Two cohorts (40 % of the funds each, own improvement ≥ 20 % to pay) and a cumulative catch-up on both
    /// (80 %, half each) if the combined improvement (goal 5, period 3) reaches 15 %.
    function _cohortBond() internal pure returns (IPaymentSchedule.Point[] memory ps) {
        ps = _points(
            _point(0, false, 0.4e18, _terms(_curveTerm(1, 1, 0, 1e18, _linear(0, 100)))),
            _point(1, false, 0.4e18, _terms(_curveTerm(1, 2, 1, 1e18, _linear(0, 100)))),
            _point(
                2,
                true,
                0.8e18,
                _terms(_curveTerm(1, 1, 0, 0.5e18, _linear(0, 100)), _curveTerm(1, 2, 1, 0.5e18, _linear(0, 100)))
            )
        );
        _gate(ps[0], 1, 20);
        _gate(ps[1], 2, 20);
        _gate(ps[2], 3, 15);
    }

    function test_TrueUp_CatchUpPaysWhatAFailedTriggerHeldBack() public {
        IPaymentSchedule.Point[] memory ps = _cohortBond();
        _final(1, 1, 80); // cohort 1 at 80 %
        _final(1, 2, 60); // cohort 2 at 60 %
        _final(5, 1, 25); // cohort 1's improvement: holds
        _final(5, 2, 10); // cohort 2's: fails
        _final(5, 3, 16); // combined: holds
        assertEq(_settle(ps, 0).amount, 320_000, "1,000,000 x 0.4 x 0.8");
        assertEq(_settle(ps, 1).amount, 0, "held back");
        IPaymentSchedule.PointResult memory r = _settle(ps, 2);
        // Entitlement on both: 800,000 × (0.5 × 0.8 + 0.5 × 0.6) = 560,000; less the 320,000 paid.
        assertEq(r.terms[0].raw + r.terms[1].raw, 560_000, "cumulative entitlement");
        assertEq(r.amount, 240_000, "cohort 2's 1,000,000 x 0.4 x 0.6, exactly");
        assertEq(h.totalPaid(), 560_000, "total");
    }

    function test_TrueUp_CatchUpPaysNothingMoreWhenEveryTriggerHeld() public {
        IPaymentSchedule.Point[] memory ps = _cohortBond();
        _final(1, 1, 80);
        _final(1, 2, 60);
        _final(5, 1, 25);
        _final(5, 2, 21);
        _final(5, 3, 16);
        _settle(ps, 0);
        assertEq(_settle(ps, 1).amount, 240_000, "cohort 2 paid on its own");
        IPaymentSchedule.PointResult memory r = _settle(ps, 2);
        assertEq(r.entitlement, 0, "nothing held back");
        assertEq(r.amount, 0, "no result paid twice");
    }

    function test_TrueUp_RevertWhen_AnEarlierPointIsOpen() public {
        IPaymentSchedule.Point[] memory ps = _cohortBond();
        _final(1, 1, 80);
        _final(5, 1, 25);
        _settle(ps, 0);
        _expectSettleRevert(ps, 2, abi.encodeWithSelector(IPaymentSchedule.EarlierPointOpen.selector, 2, 1));
    }

    /// @dev Four cumulative quarters, each paying £10 per unit of the cumulative saving (goal 8, period q).
    function _quarters() internal pure returns (IPaymentSchedule.Point[] memory ps) {
        ps = new IPaymentSchedule.Point[](4);
        for (uint256 q; q < 4; ++q) {
            ps[q] = _point(q, true, 0, _terms(_countTerm(8, uint16(q + 1), 0, 10))); // cast: q < 4
        }
    }

    function test_TrueUp_QuarterlyCumulativeDoesNotDoublePay_AndIsNeverNegative() public {
        IPaymentSchedule.Point[] memory ps = _quarters();
        _final(8, 1, 1_000);
        _final(8, 2, 2_500);
        _final(8, 3, 2_200); // restated down
        _final(8, 4, 3_000);
        assertEq(_settle(ps, 0).amount, 10_000, "Q1: 1,000 x 10");
        assertEq(_settle(ps, 1).amount, 15_000, "Q2: 25,000 - 10,000");
        IPaymentSchedule.PointResult memory q3 = _settle(ps, 2);
        assertEq(q3.entitlement, 0, "Q3: 22,000 - 25,000 is not negative");
        assertEq(q3.amount, 0, "Q3 pays nothing");
        assertEq(_settle(ps, 3).amount, 5_000, "Q4: 30,000 - 25,000");
        assertEq(h.totalPaid(), 30_000, "the cumulative saving x 10, once");
    }

    function test_TrueUp_KeyCapAppliesToTheCumulativeEntitlement() public {
        keyCaps.push(30_000);
        IPaymentSchedule.Point[] memory ps = _quarters();
        _final(8, 1, 1_000);
        _final(8, 2, 2_500);
        _final(8, 3, 4_000); // 40,000 cumulative, above the key's 30,000
        _settle(ps, 0);
        _settle(ps, 1);
        assertEq(h.keyPaid(0), 25_000, "key ledger follows the cumulative figure");
        IPaymentSchedule.PointResult memory r = _settle(ps, 2);
        assertEq(r.terms[0].paid, 30_000, "the key cap, not the cap less what was paid");
        assertEq(uint256(r.terms[0].capHit), uint256(IPaymentSchedule.CapHit.TermOverall), "key cap hit");
        assertEq(r.amount, 5_000, "up to the key cap");
        assertEq(h.keyPaid(0), 30_000, "key ledger at its cap");
    }

    function test_TrueUp_AfterANonCumulativePointOnTheSameResult() public {
        IPaymentSchedule.Point[] memory ps = _points(
            _point(0, false, 0.4e18, _terms(_curveTerm(1, 1, 0, 1e18, _linear(0, 100)))),
            _point(1, true, 0.4e18, _terms(_curveTerm(1, 1, 0, 1e18, _linear(0, 100))))
        );
        _final(1, 1, 80);
        assertEq(_settle(ps, 0).amount, 320_000, "paid once");
        assertEq(_settle(ps, 1).amount, 0, "not again");
    }
}
