// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduledPoolFixture} from "../fixtures/ScheduledPoolFixture.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";

/// @notice Any results, commitments, co-payment share, rate card and disbursal: a scheduled pool never pays more than
/// was committed, no payer more than its commitment, and after the last point every wei that came in (capital and
/// commitments) went to the provider, the investors or back to the payers, but at most one wei per payer and tier.
contract ImpactPoolScheduleFuzzTest is ScheduledPoolFixture {
    address internal constant CAROL = address(0xCA201);

    /// @dev Point 0: a curve on 40 % of the funds (goal 0 period 1). Point 1: a capped rate card (goal 1 period 2)
    /// under an OR trigger. Point 2: a cumulative true-up of periods 1 and 3 on all the funds, capped at `pointCap`.
    function _schedule(
        uint128 price,
        uint128 capPerPoint,
        uint128 pointCap
    ) internal pure returns (IPaymentSchedule.Point[] memory ps) {
        IPaymentSchedule.ScheduleTerm memory count = _countTerm(1, 2, 0, price);
        count.capPerPoint = capPerPoint;
        IPaymentSchedule.Point memory rate = _point(1, false, 0, _terms(count));
        rate.trigger.any = true;
        rate.trigger.conditions = new IPaymentSchedule.Condition[](2);
        rate.trigger.conditions[0] = _cond(0, 1, 100, false);
        rate.trigger.conditions[1] = _cond(0, 2, 100, false);
        IPaymentSchedule.Point memory trueUp = _point(
            2,
            true,
            1e18,
            _terms(_curveTerm(0, 1, 1, 0.5e18, _linear(0, 400)), _curveTerm(0, 3, 1, 0.5e18, _linear(0, 400)))
        );
        trueUp.cap = pointCap;
        ps = _points(_point(0, false, 0.4e18, _terms(_curveTerm(0, 1, 1, 1e18, _linear(0, 400)))), rate, trueUp);
    }

    function testFuzz_PaidNeverExceedsCommitmentsAndEveryWeiIsAccountedFor(
        uint64[3] memory values,
        uint128[3] memory commitments,
        uint64 coPayWad,
        uint128 price,
        uint128 capPerPoint,
        uint128 pointCap,
        uint16 choice
    ) public {
        coPayWad = uint64(bound(coPayWad, 0, 0.9e18));
        tiers.push(IPaymentSchedule.PayerTier(0));
        tiers.push(IPaymentSchedule.PayerTier(coPayWad));
        price = uint128(bound(price, 1, 1e6));
        capPerPoint = uint128(bound(capPerPoint, 1, type(uint128).max));
        pointCap = uint128(bound(pointCap, 0, type(uint128).max));
        IPaymentSchedule.Point[] memory ps = _schedule(price, capPerPoint, pointCap);
        ImpactPool pool = _createPool(ps);
        _raise(pool);
        address[3] memory payers = [TOPUP, COMMISSIONER, CAROL];
        uint256 committed;
        for (uint256 i; i < 3; ++i) {
            uint256 amount = bound(commitments[i], 1, 40_000);
            _commitTier(pool, payers[i], i == 2 ? 1 : 0, amount);
            committed += amount;
        }
        vm.warp(RAISE + 1);
        uint256 disbursed = _disburse(pool, ps, choice);
        vm.warp(uint256(DEADLINE) + 2 days + GRACE + 1);
        _final(0, 1, uint64(bound(values[0], 0, 600)));
        _final(1, 2, uint64(bound(values[1], 0, 1e12)));
        _final(0, 3, uint64(bound(values[2], 0, 600)));
        for (uint256 i; i < 3; ++i) {
            _settlePool(pool, ps, i);
            if (i < 2) {
                _expectPoolSettleRevert(
                    pool,
                    ps,
                    i,
                    abi.encodeWithSelector(IPaymentSchedule.PointAlreadySettled.selector, i)
                );
            }
        }
        assertTrue(pool.phase() == IImpactPool.Phase.Settled, "settled after the last point");
        IPaymentSchedule.Ledger memory l = pool.ledger();
        assertEq(l.totalCommitted, committed, "committed");
        assertLe(l.totalPaid, committed, "paid <= committed");
        assertLe(l.tierBooks[0].paid, l.tierBooks[0].committed, "tier 0");
        assertLe(l.tierBooks[1].paid, l.tierBooks[1].committed, "tier 1");
        assertEq(uint256(l.tierBooks[0].paid) + l.tierBooks[1].paid, l.totalPaid, "tiers sum to the total");

        uint256 out = disbursed + _redeemAll(pool, ALICE) + _redeemAll(pool, BOB);
        assertEq(out, CAPITAL + l.totalPaid, "investors: the capital left plus everything paid, no dust");
        for (uint256 i; i < 3; ++i) {
            uint256 tier = i == 2 ? 1 : 0;
            uint256 c = pool.tierCommitmentOf(payers[i], tier);
            uint256 refund = pool.previewRefund(payers[i]);
            // What a payer paid is its commitment less its refund: never more than it committed, never negative.
            assertLe(refund, c, "refund <= commitment");
            assertLe(c - refund, (c * l.tierBooks[tier].paid) / l.tierBooks[tier].committed + 1, "paid <= its share");
            if (refund != 0) out += _refund(pool, payers[i]);
        }
        uint256 held = token.balanceOf(address(pool));
        assertEq(CAPITAL + committed, out + held, "in = provider + investors + payers + held");
        assertLe(held, 3, "dust <= one wei per payer and tier");
    }

    /// @dev Half the runs (by `choice`) disburse the fixture's one tranche (100 % of the capital) to the provider, the
    /// other half nothing (all the capital goes back to the investors); returns what the provider got.
    function _disburse(ImpactPool pool, IPaymentSchedule.Point[] memory ps, uint16 choice) internal returns (uint256) {
        if (choice % 2 == 0) return 0;
        pool.disburse(0, _scheduleAbi(ps));
        return token.balanceOf(PROVIDER);
    }
}
