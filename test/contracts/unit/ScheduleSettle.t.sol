// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduleFixture} from "../fixtures/ScheduleFixture.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {ScheduleLib} from "../../../contracts/outcomes/ScheduleLib.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";

/// @notice The schedule itself: points settle independently and in any order, once each, when none of their slots
/// can change; what a point does not pay stays for later points and is refunded after the last.
contract ScheduleSettleTest is ScheduleFixture {
    function setUp() public override {
        super.setUp();
        _fundOneTier();
    }

    /// @dev Three points, 30 % of the funds each, one linear term (0 → 100) on goal 1, period i + 1, key 0.
    function _three() internal pure returns (IPaymentSchedule.Point[] memory) {
        return
            _points(
                _point(0, false, 0.3e18, _terms(_curveTerm(1, 1, 0, 1e18, _linear(0, 100)))),
                _point(1, false, 0.3e18, _terms(_curveTerm(1, 2, 0, 1e18, _linear(0, 100)))),
                _point(2, false, 0.3e18, _terms(_curveTerm(1, 3, 0, 1e18, _linear(0, 100))))
            );
    }

    function test_SettlePoint_PointsSettleInAnyOrder() public {
        IPaymentSchedule.Point[] memory ps = _three();
        _final(1, 1, 50); // 1,000,000 × 0.3 × 0.5 = 150,000
        _final(1, 2, 100); // 300,000
        _final(1, 3, 33); // 1,000,000 × 0.3 × 0.33 = 99,000
        assertEq(_settle(ps, 2).amount, 99_000, "point 3 first");
        assertEq(_settle(ps, 0).amount, 150_000, "point 1");
        assertEq(_settle(ps, 1).amount, 300_000, "point 2 last");
        assertEq(h.totalPaid(), 549_000, "total");
        assertEq(h.settled(), 7, "three bits");
        assertTrue(h.allSettled(3), "all settled");
        (, uint256 tierPaid) = h.tierBook(0);
        assertEq(tierPaid, 549_000, "tier paid");
    }

    function test_SettlePoint_MoneyNotPaidStaysAndIsRefundedAfterTheLast() public {
        IPaymentSchedule.Point[] memory ps = _three();
        _final(1, 1, 0); // nothing earned: 0
        _final(1, 2, 100);
        _final(1, 3, 33);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.amount, 0, "point 1 pays nothing");
        assertEq(uint256(r.resolution), uint256(OutcomeLib.Resolution.Achieved), "achieved at 0");
        assertTrue(!h.allSettled(3), "not over");
        _settle(ps, 1);
        _settle(ps, 2);
        assertTrue(h.allSettled(3), "over");
        // 1,000,000 − 300,000 − 99,000: point 1's 300,000 stayed and is refunded.
        assertEq(h.payerRefund(0, 1_000_000), 601_000, "refund");
        assertEq(h.payerPaid(0, 1_000_000), 399_000, "paid");
    }

    function test_SettlePoint_RevertWhen_AlreadySettled() public {
        IPaymentSchedule.Point[] memory ps = _three();
        _final(1, 2, 100);
        _settle(ps, 1);
        _expectSettleRevert(ps, 1, abi.encodeWithSelector(IPaymentSchedule.PointAlreadySettled.selector, 1));
    }

    function test_SettlePoint_RevertWhen_Pending() public {
        IPaymentSchedule.Point[] memory ps = _three();
        _status(1, 1, IMetricFeed.SlotStatus.Proposed);
        bytes memory pending = abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0);
        _expectSettleRevert(ps, 0, pending);
        // Disputed stays pending, even long after the cut-off.
        _status(1, 1, IMetricFeed.SlotStatus.Disputed);
        vm.warp(DEADLINE + GRACE + 365 days);
        _expectSettleRevert(ps, 0, pending);
    }

    function test_SettlePoint_RevertWhen_NoValueBeforeTheCutOff() public {
        IPaymentSchedule.Point[] memory ps = _three();
        _status(1, 1, IMetricFeed.SlotStatus.Collecting);
        vm.warp(DEADLINE + GRACE); // the cut-off itself is still pending
        _expectSettleRevert(ps, 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
    }

    function test_SettlePoint_NoDataAfterTheCutOff_PaysNothing() public {
        IPaymentSchedule.Point[] memory ps = _three();
        vm.warp(DEADLINE + GRACE + 1);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(uint256(r.resolution), uint256(OutcomeLib.Resolution.NoData), "no data");
        assertEq(r.amount, 0, "nothing paid");
        assertEq(r.terms.length, 0, "terms not evaluated");
        assertEq(h.settled(), 1, "settled");
    }

    function test_SettlePoint_NoDataWhen_Unresolved_BeforeTheCutOff() public {
        IPaymentSchedule.Point[] memory ps = _three();
        _status(1, 1, IMetricFeed.SlotStatus.Unresolved);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(uint256(r.resolution), uint256(OutcomeLib.Resolution.NoData), "no data");
        assertEq(h.totalPaid(), 0, "nothing paid");
    }

    function test_SettlePoint_RevertWhen_PendingWinsOverNoData() public {
        IPaymentSchedule.ScheduleTerm[] memory ts = _terms(
            _curveTerm(1, 1, 0, 0.5e18, _linear(0, 100)),
            _curveTerm(1, 2, 1, 0.5e18, _linear(0, 100))
        );
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 1e18, ts));
        _status(1, 1, IMetricFeed.SlotStatus.Unresolved);
        _status(1, 2, IMetricFeed.SlotStatus.Proposed);
        _expectSettleRevert(ps, 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
    }

    function test_SettlePoint_ReadsThePinnedVersionOnly() public {
        IPaymentSchedule.Point[] memory ps = _three();
        feed.setFinal(MISSION, VERSION + 1, 1, 1, 100); // another committee's value: None under the pinned one
        _expectSettleRevert(ps, 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
    }

    function test_SettlePoint_RevertWhen_NotTheCommittedPoint() public {
        IPaymentSchedule.Point[] memory ps = _three();
        _final(1, 1, 100);
        _final(1, 2, 100);
        IPaymentSchedule.Header memory hd = _header(ps);
        bytes32[] memory proof = h.pointProof(ps, 0);
        // Point 2's terms under index 0.
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointProof.selector, 0));
        h.settlePoint(hd, 0, ScheduleLib.encodePoint(ps[1]), proof);
        // A proof of the wrong depth.
        bytes32[] memory short = new bytes32[](3);
        for (uint256 i; i < 3; ++i) short[i] = proof[i];
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointProof.selector, 0));
        h.settlePoint(hd, 0, ScheduleLib.encodePoint(ps[0]), short);
        // A point changed after the root was taken (a higher pot).
        IPaymentSchedule.Point memory richer = _three()[0]; // a copy: ps[0] stays the committed point
        richer.potWad = 1e18;
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointProof.selector, 0));
        h.settlePoint(hd, 0, ScheduleLib.encodePoint(richer), proof);
        // The committed bytes with a byte more (the leaf hashes exactly the bytes given).
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointProof.selector, 0));
        h.settlePoint(hd, 0, bytes.concat(ScheduleLib.encodePoint(ps[0]), hex"00"), proof);
        // The ABI encoding of the committed point is not its packed encoding.
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointProof.selector, 0));
        h.settlePoint(hd, 0, abi.encode(ps[0]), proof);
        // Too short to hold a point.
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointProof.selector, 0));
        h.settlePoint(hd, 0, new bytes(31), proof);
        // The committed point itself, as given, is accepted.
        assertEq(h.previewPayment(hd, 0, ScheduleLib.encodePoint(ps[0]), proof).amount, 300_000, "the committed point");
    }

    function test_SettlePoint_RevertWhen_IndexOutOfRange() public {
        IPaymentSchedule.Point[] memory ps = _three();
        IPaymentSchedule.Header memory hd = _header(ps);
        bytes32[] memory proof = h.pointProof(ps, 0);
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointIndex.selector, 3, 3));
        h.settlePoint(hd, 3, ScheduleLib.encodePoint(ps[0]), proof);
        // A header that claims more than 16 points still refuses index 16.
        hd.pointCount = 20;
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointIndex.selector, 16, 20));
        h.settlePoint(hd, 16, ScheduleLib.encodePoint(ps[0]), proof);
    }

    function test_SettlePoint_EmitsOnePointSettledWithTheTermResults() public {
        IPaymentSchedule.Point[] memory ps = _three();
        _final(1, 1, 50);
        uint256[4] memory parts = [uint256(150_000), 0, 0, 0];
        IPaymentSchedule.TermResult[] memory terms = new IPaymentSchedule.TermResult[](1);
        terms[0] = IPaymentSchedule.TermResult(0.5e18, 150_000, 150_000, IPaymentSchedule.CapHit.None);
        vm.expectEmit(address(h));
        emit IPaymentSchedule.PointSettled(
            0,
            OutcomeLib.Resolution.Achieved,
            true,
            150_000,
            IPaymentSchedule.CapHit.None,
            parts,
            terms
        );
        _settle(ps, 0);
    }

    function test_SettlePoint_NoDataEmitsNoTermResults() public {
        IPaymentSchedule.Point[] memory ps = _three();
        _status(1, 1, IMetricFeed.SlotStatus.Unresolved);
        uint256[4] memory parts;
        vm.expectEmit(address(h));
        emit IPaymentSchedule.PointSettled(
            0,
            OutcomeLib.Resolution.NoData,
            true,
            0,
            IPaymentSchedule.CapHit.None,
            parts,
            new IPaymentSchedule.TermResult[](0)
        );
        _settle(ps, 0);
    }

    function test_PreviewPayment_ShowsTheSettlementWithoutBookingIt() public {
        IPaymentSchedule.Point[] memory ps = _three();
        _final(1, 2, 100);
        IPaymentSchedule.PointResult memory p = _preview(ps, 1);
        assertEq(p.amount, 300_000, "preview amount");
        assertEq(p.parts[0], 300_000, "preview part");
        assertEq(h.settled(), 0, "nothing booked");
        assertEq(_settle(ps, 1).amount, p.amount, "settle = preview");
    }

    function test_SettlePoint_SixteenthPointOfSixteen() public {
        IPaymentSchedule.Point[] memory ps = new IPaymentSchedule.Point[](16);
        for (uint256 i; i < 16; ++i) {
            // cast: i < 16
            ps[i] = _point(i, false, 0.0625e18, _terms(_curveTerm(1, uint16(i + 1), 0, 1e18, _linear(0, 100))));
        }
        _final(1, 16, 100);
        assertEq(_settle(ps, 15).amount, 62_500, "1,000,000 / 16");
        assertEq(h.settled(), 1 << 15, "bit 15");
    }
}
