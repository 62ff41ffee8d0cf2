// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduleFixture} from "../fixtures/ScheduleFixture.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";

/// @notice Any schedule and any results: Σ paid ≤ funds and ≤ every cap, per-tier paid ≤ committed, payers' shares
/// within their tier, true-up never pays twice for the same result, and a point settles once.
contract ScheduleFuzzTest is ScheduleFixture {
    uint256 internal constant KEYS = 4;

    /// @dev Per-test bookkeeping of the model.
    uint256 internal paidSum;
    uint256[][4] internal commitments;

    function _rand(uint256 seed, uint256 salt) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, salt)));
    }

    /*//////////////////////////////////////////////////////////////
                           RANDOM SCHEDULES
    //////////////////////////////////////////////////////////////*/

    function _randomCaps(uint256 seed) internal {
        for (uint256 k; k < KEYS; ++k) {
            // cast: bounded to ≤ 500,000
            keyCaps.push(_rand(seed, 100 + k) % 2 == 0 ? NONE : uint128(bound(_rand(seed, 110 + k), 1, 500_000)));
        }
        overallCap = _rand(seed, 1) % 2 == 0 ? NONE : uint128(bound(_rand(seed, 2), 0, 1_500_000)); // cast: bounded
    }

    /// @dev Term caps within the key's cap (or none).
    function _capFor(uint256 seed, uint256 salt, uint8 key) internal view returns (uint128) {
        if (_rand(seed, salt) % 2 == 0) return NONE;
        uint256 top = keyCaps[key] == NONE ? 1_000_000 : keyCaps[key];
        return uint128(bound(_rand(seed, salt + 1), 1, top)); // cast: ≤ a uint128 cap
    }

    /// @dev Point `i`: a linear curve term (ceiling up to 2) on goal 1 period i + 1, up to two rate cards on goal 3
    /// (periods 4i + t), a random point cap, up to two conditions on goal 5 period i + 1; every slot Final.
    function _randomPoint(uint256 seed, uint256 i, uint256 n) internal returns (IPaymentSchedule.Point memory p) {
        uint256 nt = bound(_rand(seed, 20 + i), 1, 3);
        IPaymentSchedule.ScheduleTerm[] memory ts = new IPaymentSchedule.ScheduleTerm[](nt);
        uint8 key = uint8(_rand(seed, 30 + i) % KEYS); // cast: < 4
        ts[0] = _curveTerm(1, uint16(i + 1), key, 1e18, _linear(0, 100)); // cast: i < 16
        ts[0].ceilingWad = uint64(bound(_rand(seed, 40 + i), 1e18, 2e18)); // cast: ≤ 2e18
        ts[0].capPerPoint = _capFor(seed, 50 + 2 * i, key);
        _final(1, uint16(i + 1), uint64(bound(_rand(seed, 60 + i), 0, 200))); // cast: bounded
        _randomRateCards(seed, i, ts);
        p = _point(i, _rand(seed, 10 + i) % 3 == 0, uint64(WAD / n), ts); // cast: ≤ WAD
        if (_rand(seed, 200 + i) % 2 == 0) p.cap = uint128(bound(_rand(seed, 210 + i), 0, 600_000)); // cast: bounded
        _randomTrigger(seed, i, p);
    }

    /// @dev Terms 1… of point `i`: rate cards counting goal 3, periods 4i + t, with random prices and caps.
    function _randomRateCards(uint256 seed, uint256 i, IPaymentSchedule.ScheduleTerm[] memory ts) internal {
        for (uint256 t = 1; t < ts.length; ++t) {
            uint16 period = uint16(4 * i + t); // cast: < 64
            uint8 key = uint8(_rand(seed, 70 + 4 * i + t) % KEYS); // cast: < 4
            ts[t] = _countTerm(3, period, key, uint128(bound(_rand(seed, 80 + 4 * i + t), 1, 10_000))); // cast: bounded
            ts[t].capPerPoint = _capFor(seed, 1000 + 4 * i + t, key);
            _final(3, period, uint64(bound(_rand(seed, 90 + 4 * i + t), 0, 200))); // cast: bounded
        }
    }

    /// @dev Up to two conditions (AND or OR) on goal 5, period i + 1.
    function _randomTrigger(uint256 seed, uint256 i, IPaymentSchedule.Point memory p) internal {
        uint256 nc = _rand(seed, 220 + i) % 3;
        p.trigger.any = _rand(seed, 230 + i) % 2 == 0;
        p.trigger.conditions = new IPaymentSchedule.Condition[](nc);
        for (uint256 c; c < nc; ++c) {
            uint64 threshold = uint64(bound(_rand(seed, 240 + 4 * i + c), 0, 100)); // cast: bounded
            p.trigger.conditions[c] = _cond(5, uint16(i + 1), threshold, false); // cast: i < 16
        }
        _final(5, uint16(i + 1), uint64(bound(_rand(seed, 300 + i), 0, 100))); // cast: bounded
    }

    function _randomTiers(uint256 seed) internal {
        uint256 n = bound(_rand(seed, 400), 1, 4);
        uint256 left = funds;
        for (uint256 t; t < n; ++t) {
            // Tier 0 is a co-payment tier (up to 50 %) half of the time when there are others.
            uint64 coPay =
                t == 0 && n > 1 && _rand(seed, 401) % 2 == 0 ? uint64(bound(_rand(seed, 402), 1, 0.5e18)) : 0;
            tiers.push(IPaymentSchedule.PayerTier(coPay));
            uint256 c = t == n - 1 ? left : bound(_rand(seed, 410 + t), 0, left);
            left -= c;
            h.commit(t, c);
        }
    }

    function _randomSchedule(uint256 seed) internal returns (IPaymentSchedule.Point[] memory ps) {
        uint256 n = bound(_rand(seed, 0), 1, 6);
        _randomCaps(seed);
        _randomTiers(seed);
        ps = new IPaymentSchedule.Point[](n);
        for (uint256 i; i < n; ++i) ps[i] = _randomPoint(seed, i, n);
        IPaymentSchedule.Schedule memory s = IPaymentSchedule.Schedule(ps, keyCaps, overallCap, tiers);
        h.validate(s);
    }

    /*//////////////////////////////////////////////////////////////
                              PROPERTIES
    //////////////////////////////////////////////////////////////*/

    function _checkLedger() internal view {
        uint256 total = h.totalPaid();
        assertEq(total, paidSum, "totalPaid = sum of amounts");
        assertLe(total, funds, "paid <= funds");
        assertLe(total, overallCap, "paid <= overall cap");
        for (uint256 k; k < KEYS; ++k) assertLe(h.keyPaid(k), keyCaps[k], "key ledger <= key cap");
        uint256 tierSum;
        for (uint256 t; t < 4; ++t) {
            (uint256 committed, uint256 paid) = h.tierBook(t);
            assertLe(paid, committed, "tier paid <= committed");
            tierSum += paid;
        }
        assertEq(tierSum, total, "tiers pay the total");
    }

    function _settleChecked(IPaymentSchedule.Point[] memory ps, uint256 i) internal {
        IPaymentSchedule.PointResult memory r = _settle(ps, i);
        assertLe(r.amount, ps[i].cap, "amount <= point cap");
        for (uint256 t; t < r.terms.length; ++t) {
            assertLe(r.terms[t].paid, ps[i].terms[t].capPerPoint, "term paid <= its cap");
            assertLe(r.terms[t].paid, r.terms[t].raw, "term paid <= its entitlement");
        }
        if (!ps[i].cumulative) assertLe(r.amount, r.entitlement, "amount <= entitlement");
        paidSum += r.amount;
        _checkLedger();
        _expectSettleRevert(ps, i, abi.encodeWithSelector(IPaymentSchedule.PointAlreadySettled.selector, i));
    }

    function testFuzz_Schedule_PaidWithinFundsAndEveryCap(uint256 seed) public {
        IPaymentSchedule.Point[] memory ps = _randomSchedule(seed);
        uint256 n = ps.length;
        uint256 start = seed % n;
        // Non-cumulative points in a rotated order, then the cumulative ones in order.
        for (uint256 j; j < n; ++j) {
            uint256 i = (start + j) % n;
            if (!ps[i].cumulative) _settleChecked(ps, i);
        }
        for (uint256 i; i < n; ++i) {
            if (ps[i].cumulative) _settleChecked(ps, i);
        }
        assertTrue(h.allSettled(n), "all settled");
    }

    function testFuzz_TrueUp_NeverPaysTwiceForTheSameResult(uint64[4] memory values) public {
        _fundOneTier();
        IPaymentSchedule.Point[] memory ps = new IPaymentSchedule.Point[](4);
        uint256 best;
        for (uint256 q; q < 4; ++q) {
            ps[q] = _point(q, true, 0, _terms(_countTerm(8, uint16(q + 1), 0, 10))); // cast: q < 4
            _final(8, uint16(q + 1), uint64(bound(values[q], 0, 200_000))); // cast: bounded
        }
        for (uint256 q; q < 4; ++q) {
            uint256 entitlement = bound(values[q], 0, 200_000) * 10;
            if (entitlement > best) best = entitlement;
            _settle(ps, q);
            // Paid so far = the best cumulative entitlement seen (within the funds): each result paid once.
            assertEq(h.totalPaid(), best < funds ? best : funds, "paid = max cumulative entitlement");
        }
    }

    function testFuzz_Payers_SharesStayWithinTierAndCommitment(uint256 seed) public {
        uint256 n = bound(_rand(seed, 0), 1, 4);
        funds = 0;
        for (uint256 t; t < n; ++t) {
            tiers.push(IPaymentSchedule.PayerTier(t == 0 && n > 1 ? uint64(bound(_rand(seed, 1), 0, 0.4e18)) : 0));
            uint256 payers = bound(_rand(seed, 10 + t), 1, 3);
            for (uint256 j; j < payers; ++j) {
                uint256 c = bound(_rand(seed, 20 + 4 * t + j), 1, 1_000_000);
                commitments[t].push(c);
                h.commit(t, c);
                funds += uint128(c); // cast: ≤ 12,000,000
            }
        }
        IPaymentSchedule.Point[] memory ps = _points(
            _point(0, false, 0, _terms(_countTerm(3, 1, 0, 1))),
            _point(1, false, 0, _terms(_countTerm(3, 2, 0, 1)))
        );
        _final(3, 1, uint64(bound(_rand(seed, 50), 0, funds))); // cast: bounded
        _final(3, 2, uint64(bound(_rand(seed, 51), 0, funds))); // cast: bounded
        _settle(ps, 0);
        _settle(ps, 1);
        for (uint256 t; t < n; ++t) {
            (uint256 committed, uint256 paid) = h.tierBook(t);
            assertLe(paid, committed, "tier paid <= committed");
            uint256 sharesPaid;
            uint256 sharesRefund;
            for (uint256 j; j < commitments[t].length; ++j) {
                uint256 c = commitments[t][j];
                uint256 p = h.payerPaid(t, c);
                uint256 r = h.payerRefund(t, c);
                assertLe(p + r, c, "paid + refund <= commitment");
                assertGe(p + r + 1, c, "at most 1 wei of dust per payer");
                sharesPaid += p;
                sharesRefund += r;
            }
            assertLe(sharesPaid, paid, "shares <= tier paid");
            assertLe(sharesRefund, committed - paid, "refunds <= tier unpaid");
        }
    }
}
