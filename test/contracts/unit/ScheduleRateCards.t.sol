// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduleFixture} from "../fixtures/ScheduleFixture.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";

/// @notice Rate cards: a price per unit, units counted from the metric or from an improvement against a reference;
/// caps per term per point, per key over all points, per point and overall (and the funds) — the tightest binds and
/// is named in the events.
contract ScheduleRateCardsTest is ScheduleFixture {
    uint128 internal constant PRICE = 500;

    function _fund(uint128 amount) internal {
        funds = amount;
        _fundOneTier();
    }

    /// @dev Children reading at grade level (goal 3), period `period`, £500 each, key `key`.
    function _children(uint16 period, uint8 key) internal pure returns (IPaymentSchedule.ScheduleTerm memory) {
        return _countTerm(3, period, key, PRICE);
    }

    function test_RateCard_CountPaysPricePerUnit() public {
        _fund(1_000_000);
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 0, _terms(_children(1, 0))));
        _final(3, 1, 37);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.terms[0].unitsWad, 37e18, "37 children");
        assertEq(r.terms[0].raw, 18_500, "37 x 500");
        assertEq(r.amount, 18_500, "paid");
        assertEq(uint256(r.capHit), uint256(IPaymentSchedule.CapHit.None), "no cap");
    }

    function test_RateCard_ImprovementOnAFallingMetric() public {
        _fund(1_000_000);
        // Events avoided against a control group of 120: value 95 → 25 events × 2 years each × £300.
        IPaymentSchedule.Point[] memory ps = _points(
            _point(0, false, 0, _terms(_improvementTerm(2, 1, 0, 120, true, 2e18, 300)))
        );
        _final(2, 1, 95);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.terms[0].unitsWad, 50e18, "50 units");
        assertEq(r.amount, 15_000, "50 x 300");
    }

    function test_RateCard_ImprovementOnARisingMetric_RoundsDown() public {
        _fund(1_000_000);
        // 55 against 40: 15 × 0.5 = 7.5 units × 1,001 = 7,507.5 → 7,507.
        IPaymentSchedule.Point[] memory ps = _points(
            _point(0, false, 0, _terms(_improvementTerm(4, 1, 0, 40, false, 0.5e18, 1_001)))
        );
        _final(4, 1, 55);
        assertEq(_settle(ps, 0).amount, 7_507, "rounded down");
    }

    function test_RateCard_ImprovementNeverNegative() public {
        _fund(1_000_000);
        IPaymentSchedule.Point[] memory ps = _points(
            _point(0, false, 0, _terms(_improvementTerm(2, 1, 0, 120, true, 1e18, 300)))
        );
        _final(2, 1, 130); // worse than the reference
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.terms[0].unitsWad, 0, "no units");
        assertEq(r.amount, 0, "nothing");
    }

    function test_RateCard_CapPerPointBinds() public {
        _fund(1_000_000);
        IPaymentSchedule.ScheduleTerm memory t = _children(1, 0);
        t.capPerPoint = 10_000; // below 18,500
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 0, _terms(t)));
        _final(3, 1, 37);
        uint256[4] memory parts = [uint256(10_000), 0, 0, 0];
        IPaymentSchedule.TermResult[] memory terms = new IPaymentSchedule.TermResult[](1);
        terms[0] = IPaymentSchedule.TermResult(37e18, 18_500, 10_000, IPaymentSchedule.CapHit.TermPerPoint);
        vm.expectEmit(address(h));
        emit IPaymentSchedule.PointSettled(
            0,
            OutcomeLib.Resolution.Achieved,
            true,
            10_000,
            IPaymentSchedule.CapHit.TermPerPoint,
            parts,
            terms
        );
        _settle(ps, 0);
    }

    function test_RateCard_KeyCapOverAllPointsBinds() public {
        _fund(1_000_000);
        keyCaps.push(25_000); // £25,000 per project on key 0
        IPaymentSchedule.Point[] memory ps = _points(
            _point(0, false, 0, _terms(_children(1, 0))),
            _point(1, false, 0, _terms(_children(2, 0)))
        );
        _final(3, 1, 37); // 18,500
        _final(3, 2, 30); // 15,000, but only 6,500 left on the key
        _settle(ps, 0);
        IPaymentSchedule.PointResult memory r = _settle(ps, 1);
        assertEq(r.amount, 6_500, "what the key has left");
        assertEq(uint256(r.terms[0].capHit), uint256(IPaymentSchedule.CapHit.TermOverall), "term hit");
        assertEq(uint256(r.capHit), uint256(IPaymentSchedule.CapHit.TermOverall), "point hit");
        assertEq(h.keyPaid(0), 25_000, "key ledger");
    }

    /// @dev A consumer pre-initialises its capped keys' ledgers (`initKeys`): the caps bind the same, the ledger reads
    /// the same (the stored word is one more), and a key without a cap is left alone.
    function test_KeyLedger_InitialisedBindsAndReadsTheSame() public {
        _fund(1_000_000);
        keyCaps.push(25_000);
        keyCaps.push(NONE);
        h.initKeys(keyCaps);
        assertEq(h.keyPaid(0), 0, "nothing paid yet");
        assertEq(uint256(vm.load(address(h), _keyWord())), 1, "key 0 stored as 1; key 1 (uncapped) 0");
        IPaymentSchedule.Point[] memory ps = _points(
            _point(0, false, 0, _terms(_children(1, 0))),
            _point(1, false, 0, _terms(_children(2, 0)))
        );
        _final(3, 1, 37); // 18,500
        _final(3, 2, 30); // 15,000, but only 6,500 left on the key
        _settle(ps, 0);
        assertEq(h.keyPaid(0), 18_500, "after point 1");
        assertEq(_settle(ps, 1).amount, 6_500, "what the key has left");
        assertEq(h.keyPaid(0), 25_000, "key ledger");
        assertEq(h.ledger().keyPaid[0], 25_000, "the ledger view reads the figure");
    }

    /// @dev The storage word of `keyPaid[0]` and `keyPaid[1]` in the harness: slot 0 is the first ledger word, slots
    /// 1–4 the tier books, slot 5 keys 0 and 1.
    function _keyWord() internal pure returns (bytes32) {
        return bytes32(uint256(5));
    }

    function test_RateCard_TwoTermsOnOneKeyShareItsCap() public {
        _fund(1_000_000);
        keyCaps.push(25_000);
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 0, _terms(_children(1, 0), _children(2, 0))));
        _final(3, 1, 37); // 18,500
        _final(3, 2, 30); // 15,000 → 6,500
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.terms[1].paid, 6_500, "second term gets the rest");
        assertEq(r.amount, 25_000, "the key cap");
    }

    function test_RateCard_PointCapBinds() public {
        _fund(1_000_000);
        IPaymentSchedule.Point memory p = _point(0, false, 0, _terms(_children(1, 0), _children(2, 1)));
        p.cap = 20_000; // below 18,500 + 10,000
        IPaymentSchedule.Point[] memory ps = _points(p);
        _final(3, 1, 37);
        _final(3, 2, 20);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.entitlement, 28_500, "entitlement");
        assertEq(r.amount, 20_000, "point cap");
        assertEq(uint256(r.capHit), uint256(IPaymentSchedule.CapHit.Point), "hit");
    }

    function test_RateCard_OverallCapBinds() public {
        _fund(1_000_000);
        overallCap = 30_000;
        IPaymentSchedule.Point[] memory ps = _points(
            _point(0, false, 0, _terms(_children(1, 0))),
            _point(1, false, 0, _terms(_children(2, 0)))
        );
        _final(3, 1, 37); // 18,500
        _final(3, 2, 30); // 15,000 → 11,500 left under the overall cap
        _settle(ps, 0);
        IPaymentSchedule.PointResult memory r = _settle(ps, 1);
        assertEq(r.amount, 11_500, "overall cap");
        assertEq(uint256(r.capHit), uint256(IPaymentSchedule.CapHit.Overall), "hit");
        assertEq(h.totalPaid(), 30_000, "total = cap");
    }

    function test_RateCard_FundsBind() public {
        _fund(20_000);
        IPaymentSchedule.Point[] memory ps = _points(
            _point(0, false, 0, _terms(_children(1, 0))),
            _point(1, false, 0, _terms(_children(2, 0)))
        );
        _final(3, 1, 37); // 18,500
        _final(3, 2, 30); // 15,000 → 1,500 left
        _settle(ps, 0);
        IPaymentSchedule.PointResult memory r = _settle(ps, 1);
        assertEq(r.amount, 1_500, "funds left");
        assertEq(uint256(r.capHit), uint256(IPaymentSchedule.CapHit.Funds), "hit");
        assertEq(h.payerRefund(0, 20_000), 0, "nothing to refund");
    }

    function test_RateCard_TieBetweenTermCaps_NamesThePerPointCap() public {
        _fund(1_000_000);
        keyCaps.push(10_000);
        IPaymentSchedule.ScheduleTerm memory t = _children(1, 0);
        t.capPerPoint = 10_000;
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 0, _terms(t)));
        _final(3, 1, 37);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.amount, 10_000, "capped");
        assertEq(uint256(r.capHit), uint256(IPaymentSchedule.CapHit.TermPerPoint), "first in order");
    }

    function test_RateCard_HugeEntitlementSaturatesAndStillSettles() public {
        _fund(1_000_000);
        IPaymentSchedule.ScheduleTerm memory t = _countTerm(3, 1, 0, type(uint128).max);
        t.scaleWad = type(uint128).max;
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 0, _terms(t)));
        _final(3, 1, type(uint64).max);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.terms[0].raw, type(uint256).max, "saturated");
        assertEq(r.terms[0].paid, NONE, "clamped to a uint128");
        assertEq(uint256(r.terms[0].capHit), uint256(IPaymentSchedule.CapHit.None), "no term cap hit");
        assertEq(r.amount, 1_000_000, "all the funds");
        assertEq(uint256(r.capHit), uint256(IPaymentSchedule.CapHit.Funds), "funds bind");
    }

    function test_RateCard_MixedWithACurveTerm() public {
        _fund(1_000_000);
        // 10 % pot on a linear term at 50 % (50,000) plus 37 children (18,500).
        IPaymentSchedule.Point[] memory ps = _points(
            _point(0, false, 0.1e18, _terms(_curveTerm(1, 1, 0, 1e18, _linear(0, 100)), _children(1, 1)))
        );
        _final(1, 1, 50);
        _final(3, 1, 37);
        assertEq(_settle(ps, 0).amount, 68_500, "50,000 + 18,500");
    }
}
