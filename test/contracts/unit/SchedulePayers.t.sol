// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ScheduleFixture} from "../fixtures/ScheduleFixture.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";

/// @notice Several outcome payers: pro rata (one ordered tier), ordered tiers (A up to its commitment, then B), a
/// co-payment tier (a fixed fraction of every payment, up to its commitment), exhaustion; each payer's paid and
/// refund are O(1) shares of its tier's books, and never add up to more than the tier has.
contract SchedulePayersTest is ScheduleFixture {
    /// @dev Three points paying exactly `value` of goal 3 (a rate card at 1 per unit), periods 1–3.
    function _byValue() internal pure returns (IPaymentSchedule.Point[] memory) {
        return
            _points(
                _point(0, false, 0, _terms(_countTerm(3, 1, 0, 1))),
                _point(1, false, 0, _terms(_countTerm(3, 2, 0, 1))),
                _point(2, false, 0, _terms(_countTerm(3, 3, 0, 1)))
            );
    }

    function _tier(uint64 coPayWad) internal {
        tiers.push(IPaymentSchedule.PayerTier(coPayWad));
    }

    function test_Payers_ProRata_OneOrderedTier() public {
        _tier(0);
        h.commit(0, 500_000);
        h.commit(0, 300_000);
        h.commit(0, 200_000);
        IPaymentSchedule.Point[] memory ps = _byValue();
        _final(3, 1, 333_333);
        _final(3, 2, 0);
        _final(3, 3, 0);
        _settle(ps, 0);
        // 333,333 × share, rounded down: Σ 333,331 ≤ 333,333.
        assertEq(h.payerPaid(0, 500_000), 166_666, "A paid");
        assertEq(h.payerPaid(0, 300_000), 99_999, "B paid");
        assertEq(h.payerPaid(0, 200_000), 66_666, "C paid");
        _settle(ps, 1);
        _settle(ps, 2);
        // 666,667 unpaid × share, rounded down: Σ 666,666 ≤ 666,667 (1 wei of dust stays).
        assertEq(h.payerRefund(0, 500_000), 333_333, "A refund");
        assertEq(h.payerRefund(0, 300_000), 200_000, "B refund");
        assertEq(h.payerRefund(0, 200_000), 133_333, "C refund");
    }

    function test_Payers_OrderedTiers_APaysFirstThenB() public {
        funds = 500_000;
        _tier(0);
        _tier(0);
        h.commit(0, 100_000); // payer A
        h.commit(1, 400_000); // payer B
        IPaymentSchedule.Point[] memory ps = _byValue();
        _final(3, 1, 150_000);
        _final(3, 2, 30_000);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.parts[0], 100_000, "A up to its commitment");
        assertEq(r.parts[1], 50_000, "B the rest");
        r = _settle(ps, 1);
        assertEq(r.parts[0], 0, "A exhausted");
        assertEq(r.parts[1], 30_000, "B");
        assertEq(h.payerRefund(0, 100_000), 0, "A: nothing back");
        assertEq(h.payerRefund(1, 400_000), 320_000, "B: 400,000 - 80,000");
    }

    function test_Payers_CoPayment_TwentyPercentOfEveryPayment() public {
        funds = 500_000;
        _tier(0.2e18); // a top-up fund
        _tier(0);
        h.commit(0, 50_000);
        h.commit(1, 450_000);
        IPaymentSchedule.Point[] memory ps = _byValue();
        _final(3, 1, 100_000);
        _final(3, 2, 200_000);
        _final(3, 3, 12_347);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.parts[0], 20_000, "20 %");
        assertEq(r.parts[1], 80_000, "the rest");
        r = _settle(ps, 1);
        assertEq(r.parts[0], 30_000, "20 % is 40,000 but only 30,000 is left");
        assertEq(r.parts[1], 170_000, "the rest falls on the others");
        assertEq(r.amount, 200_000, "fully paid");
        r = _settle(ps, 2);
        assertEq(r.parts[0], 0, "top-up exhausted");
        assertEq(r.parts[1], 12_347, "all on the ordered tier");
    }

    function test_Payers_CoPayment_RoundsDown() public {
        funds = 500_000;
        _tier(0.2e18);
        _tier(0);
        h.commit(0, 50_000);
        h.commit(1, 450_000);
        IPaymentSchedule.Point[] memory ps = _byValue();
        _final(3, 1, 12_347);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.parts[0], 2_469, "12,347 x 0.2 = 2,469.4, rounded down");
        assertEq(r.parts[1], 9_878, "the rest");
    }

    function test_Payers_Exhaustion_WhatNoTierCanCoverIsNotPaid() public {
        funds = 150_000;
        _tier(0.2e18);
        _tier(0);
        h.commit(0, 50_000);
        h.commit(1, 100_000);
        IPaymentSchedule.Point[] memory ps = _byValue();
        _final(3, 1, 200_000);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        // The funds bind at 150,000: the top-up pays its 20 % (30,000), the ordered tier all it has (100,000); the
        // 20,000 left is not the top-up's to pay.
        assertEq(r.parts[0], 30_000, "top-up");
        assertEq(r.parts[1], 100_000, "ordered tier, exhausted");
        assertEq(r.amount, 130_000, "amount shrinks to what the tiers cover");
        assertEq(uint256(r.capHit), uint256(IPaymentSchedule.CapHit.Funds), "funds");
        assertEq(h.totalPaid(), 130_000, "booked");
        assertEq(h.payerRefund(0, 50_000), 20_000, "the top-up's rest comes back");
    }

    function test_Payers_SharesOfATierNeverExceedItsPaid() public {
        funds = 1_000_003;
        _tier(0.2e18);
        _tier(0);
        h.commit(0, 200_001);
        h.commit(1, 400_001);
        h.commit(1, 400_001);
        IPaymentSchedule.Point[] memory ps = _byValue();
        _final(3, 1, 777_777);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.parts[0], 155_555, "777,777 x 0.2 rounded down");
        assertEq(r.parts[1], 622_222, "the rest");
        (uint256 committed, uint256 paid) = h.tierBook(1);
        assertEq(committed, 800_002, "tier 1 committed");
        uint256 one = h.payerPaid(1, 400_001);
        assertEq(one, 311_111, "622,222 / 2");
        assertLe(2 * one, paid, "shares <= tier paid");
        assertLe(one + h.payerRefund(1, 400_001), 400_001, "paid + refund <= commitment");
        assertEq(h.payerPaid(2, 1), 0, "an empty tier has paid nothing");
        assertEq(h.payerRefund(2, 1), 0, "and refunds nothing");
    }

    function test_Payers_CommitmentsAreTotalled_AndStayBelow2To120() public {
        _tier(0);
        _tier(0);
        h.commit(0, 600);
        h.commit(1, 400);
        assertEq(h.totalCommitted(), 1_000, "total of both tiers");
        uint256 top = (uint256(1) << 120) - 1;
        h.commit(1, top - 1_000); // exactly the largest total
        (uint256 committed, ) = h.tierBook(1);
        assertEq(committed, top - 600, "tier 1");
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 120, top + 1));
        h.commit(0, 1);
    }
}
