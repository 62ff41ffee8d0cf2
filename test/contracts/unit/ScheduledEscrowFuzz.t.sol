// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduledEscrowFixture} from "../fixtures/ScheduledEscrowFixture.sol";
import {IScheduledEscrow} from "../../../contracts/escrow/IScheduledEscrow.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";

/// @notice Any results, deposits, prices, caps and co-payment share: the escrow never pays more than was committed,
/// no tier more than its commitment, a point settles once, and after the last point every wei deposited is claimed,
/// refunded or held as dust (at most one wei per funder and per beneficiary).
contract ScheduledEscrowFuzzTest is ScheduledEscrowFixture {
    /// @dev Point 0: curve, 40 % of the funds on period 1. Point 1: a capped rate card on goal 2 period 2 under an OR
    /// trigger. Point 2: a cumulative true-up of periods 1 and 3 on all the funds, capped at `pointCap`.
    function _schedule(
        uint128 price,
        uint128 capPerPoint,
        uint128 pointCap
    ) internal pure returns (IPaymentSchedule.Point[] memory ps) {
        IPaymentSchedule.Point memory rate = _point(1, false, 0, _terms(_goal2CountTerm(2, 1, price, capPerPoint)));
        rate.trigger.any = true;
        rate.trigger.conditions = new IPaymentSchedule.Condition[](2);
        rate.trigger.conditions[0] = _atLeast(1, 50);
        rate.trigger.conditions[1] = _atLeast(2, 50);
        IPaymentSchedule.Point memory trueUp = _point(
            2,
            true,
            1e18,
            _terms(_curveTerm(1, 0, 0.5e18), _curveTerm(3, 0, 0.5e18))
        );
        trueUp.cap = pointCap;
        ps = _points(_point(0, false, 0.4e18, _terms(_curveTerm(1, 0, 1e18))), rate, trueUp);
    }

    function testFuzz_PaidNeverExceedsCommitmentsAndEveryWeiIsAccountedFor(
        uint64[3] memory values,
        uint128[3] memory deposits,
        uint64 coPayWad,
        uint128 price,
        uint128 capPerPoint,
        uint128 pointCap
    ) public {
        coPayWad = uint64(bound(coPayWad, 0, 0.9e18));
        tiers.push(IPaymentSchedule.PayerTier(0));
        tiers.push(IPaymentSchedule.PayerTier(coPayWad));
        price = uint128(bound(price, 1, 1e24));
        capPerPoint = uint128(bound(capPerPoint, 1, type(uint128).max));
        pointCap = uint128(bound(pointCap, 0, type(uint128).max));
        IPaymentSchedule.Point[] memory ps = _schedule(price, capPerPoint, pointCap);
        IScheduledEscrow e = _create(ps);
        address[3] memory funders = [ALICE, BOB, CAROL];
        uint256 total;
        for (uint256 i; i < 3; ++i) {
            uint256 amount = bound(deposits[i], 1, 1e30);
            _deposit(e, funders[i], i == 2 ? 1 : 0, amount);
            total += amount;
        }
        vm.warp(_cutOff(2) + 1);
        _final(0, 1, uint64(bound(values[0], 0, 200)));
        _final(2, 2, uint64(bound(values[1], 0, 1e12)));
        _final(0, 3, uint64(bound(values[2], 0, 200)));
        for (uint256 i; i < 3; ++i) {
            _settle(e, ps, i);
            _expectSettleRevert(e, ps, i, abi.encodeWithSelector(IPaymentSchedule.PointAlreadySettled.selector, i));
        }
        IPaymentSchedule.Ledger memory l = e.ledger();
        assertEq(l.totalCommitted, total, "committed");
        assertLe(l.totalPaid, total, "paid <= committed");
        assertLe(l.tierBooks[0].paid, l.tierBooks[0].committed, "tier 0");
        assertLe(l.tierBooks[1].paid, l.tierBooks[1].committed, "tier 1");
        assertEq(uint256(l.tierBooks[0].paid) + l.tierBooks[1].paid, l.totalPaid, "tiers sum to the total");
        uint256 out;
        if (e.claimable(PROVIDER) != 0) out += _claim(e, PROVIDER);
        if (e.claimable(PARTNER) != 0) out += _claim(e, PARTNER);
        assertLe(out, l.totalPaid, "claims <= paid");
        for (uint256 i; i < 3; ++i) {
            if (e.refundable(funders[i]) != 0) out += _refund(e, funders[i]);
        }
        uint256 held = token.balanceOf(address(e));
        assertEq(total, out + held, "in = paid + refunded + held");
        assertLe(held, 5, "dust <= #funders + #beneficiaries");
    }
}
