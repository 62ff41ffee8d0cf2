// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduleFixture} from "../fixtures/ScheduleFixture.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {ScheduleLib} from "../../../contracts/outcomes/ScheduleLib.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";

/// @notice Triggers: up to 4 conditions (a slot's final value against a threshold, in the metric's direction) joined by
/// AND or OR; a point whose trigger fails pays nothing and its money stays; a condition without data is false.
contract ScheduleTriggersTest is ScheduleFixture {
    function setUp() public override {
        super.setUp();
        _fundOneTier();
        _final(1, 1, 100); // the term earns its whole pot: 1,000,000 × 0.5 = 500,000
    }

    /// @dev One point (half the funds, one linear term fully earned) under a trigger of `conds`.
    function _gated(
        bool any,
        IPaymentSchedule.Condition[] memory conds
    ) internal pure returns (IPaymentSchedule.Point[] memory ps) {
        IPaymentSchedule.Point memory p = _point(0, false, 0.5e18, _terms(_curveTerm(1, 1, 0, 1e18, _linear(0, 100))));
        p.trigger = IPaymentSchedule.Trigger(any, conds);
        ps = _points(p);
    }

    /// @dev Improvement (goal 5, rising) ≥ 20 and dropouts (goal 6, falling) ≤ 30.
    function _two() internal pure returns (IPaymentSchedule.Condition[] memory c) {
        c = new IPaymentSchedule.Condition[](2);
        c[0] = _cond(5, 1, 20, false);
        c[1] = _cond(6, 1, 30, true);
    }

    function test_Trigger_And_HoldsWhenEveryConditionHolds() public {
        _final(5, 1, 20); // ≥ 20, inclusive
        _final(6, 1, 30); // ≤ 30, inclusive
        IPaymentSchedule.PointResult memory r = _settle(_gated(false, _two()), 0);
        assertTrue(r.triggerHeld, "held");
        assertEq(r.amount, 500_000, "paid");
    }

    function test_Trigger_And_FailsWhenOneFails_PaysNothingAndTheMoneyStays() public {
        _final(5, 1, 25);
        _final(6, 1, 31); // above 30 on a falling metric
        IPaymentSchedule.PointResult memory r = _settle(_gated(false, _two()), 0);
        assertTrue(!r.triggerHeld, "failed");
        assertEq(uint256(r.resolution), uint256(OutcomeLib.Resolution.Achieved), "data was there");
        assertEq(r.amount, 0, "nothing paid");
        assertEq(r.terms.length, 0, "terms not evaluated");
        assertEq(h.settled(), 1, "settled all the same");
        assertEq(h.payerRefund(0, 1_000_000), 1_000_000, "all refundable");
    }

    function test_Trigger_Or_HoldsWhenOneHolds() public {
        _final(5, 1, 19); // fails
        _final(6, 1, 12); // holds
        IPaymentSchedule.PointResult memory r = _settle(_gated(true, _two()), 0);
        assertTrue(r.triggerHeld, "held");
        assertEq(r.amount, 500_000, "paid");
    }

    function test_Trigger_Or_FailsWhenNoneHolds() public {
        _final(5, 1, 19);
        _final(6, 1, 31);
        vm.expectEmit(address(h));
        emit IPaymentSchedule.PointSettled(
            0,
            OutcomeLib.Resolution.Achieved,
            false,
            0,
            IPaymentSchedule.CapHit.None,
            [uint256(0), 0, 0, 0],
            new IPaymentSchedule.TermResult[](0)
        );
        _settle(_gated(true, _two()), 0);
    }

    function test_Trigger_FourConditions() public {
        IPaymentSchedule.Condition[] memory c = new IPaymentSchedule.Condition[](4);
        for (uint256 i; i < 4; ++i) c[i] = _cond(5, uint16(i + 1), 10, false); // cast: i < 4
        for (uint256 i; i < 4; ++i) _final(5, uint16(i + 1), 10); // cast: i < 4
        IPaymentSchedule.Point[] memory and4 = _gated(false, c);
        assertTrue(_preview(and4, 0).triggerHeld, "all four hold");
        _final(5, 4, 9); // the fourth fails
        assertTrue(!_preview(and4, 0).triggerHeld, "AND of four fails on the fourth");
        assertTrue(_preview(_gated(true, c), 0).triggerHeld, "OR of four still holds");
    }

    function test_Trigger_NoConditionsAlwaysHolds() public {
        IPaymentSchedule.PointResult memory r = _settle(_gated(true, new IPaymentSchedule.Condition[](0)), 0);
        assertTrue(r.triggerHeld, "holds");
        assertEq(r.amount, 500_000, "paid");
    }

    function test_Trigger_AConditionWithNoDataIsFalse_AfterTheCutOff() public {
        _final(6, 1, 12); // holds; goal 5 has no value at all
        vm.warp(DEADLINE + GRACE + 1);
        assertTrue(_preview(_gated(true, _two()), 0).triggerHeld, "OR: the other condition carries it");
        IPaymentSchedule.PointResult memory r = _settle(_gated(false, _two()), 0);
        assertTrue(!r.triggerHeld, "AND: false");
        assertEq(uint256(r.resolution), uint256(OutcomeLib.Resolution.Achieved), "not NoData");
    }

    function test_Trigger_RevertWhen_AConditionHasNoValueAtItsCutOffSecond() public {
        _final(6, 1, 12); // holds; goal 5 has no value yet
        // The cut-off second itself: the empty condition can still get a value, so the point waits (OR or AND).
        vm.warp(DEADLINE + GRACE);
        _expectSettleRevert(_gated(true, _two()), 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
        // One second later it is false, and OR carries the point on the other condition.
        vm.warp(DEADLINE + GRACE + 1);
        assertTrue(_preview(_gated(true, _two()), 0).triggerHeld, "OR holds after the cut-off");
    }

    function test_Trigger_AnUnresolvedConditionIsFalse() public {
        _status(5, 1, IMetricFeed.SlotStatus.Unresolved);
        _final(6, 1, 12);
        IPaymentSchedule.PointResult memory r = _settle(_gated(false, _two()), 0);
        assertTrue(!r.triggerHeld, "false");
        assertEq(r.amount, 0, "nothing");
    }

    function test_Trigger_RevertWhen_AConditionIsPending() public {
        _final(6, 1, 12);
        // No value yet, before the cut-off.
        _expectSettleRevert(_gated(true, _two()), 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
        // Proposed: can still change, whatever the time.
        _status(5, 1, IMetricFeed.SlotStatus.Proposed);
        vm.warp(DEADLINE + GRACE + 1);
        _expectSettleRevert(_gated(true, _two()), 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
    }

    function test_Trigger_ReadsItsOwnVersionLanes() public {
        IPaymentSchedule.Point[] memory ps = _gated(false, _two());
        _final(5, 1, 20);
        _final(6, 1, 30);
        IPaymentSchedule.Header memory hd = _header(ps);
        // Terms keep the pinned version; condition lanes 8 and 9 point at version 3, where nothing was reported.
        hd.versions = uint256(VERSION) | (uint256(3) << 128) | (uint256(3) << 144);
        bytes32[] memory proof = h.pointProof(ps, 0);
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
        h.settlePoint(hd, 0, ScheduleLib.encodePoint(ps[0]), proof);
        feed.setFinal(MISSION, 3, 5, 1, 20);
        feed.setFinal(MISSION, 3, 6, 1, 30);
        assertEq(h.settlePoint(hd, 0, ScheduleLib.encodePoint(ps[0]), proof).amount, 500_000, "read under version 3");
    }

    function test_Trigger_OnATermsOwnSlot_UsesTheTermsValue() public {
        // The term's own slot (goal 1, period 1, value 100) as the condition: one read serves both.
        IPaymentSchedule.Condition[] memory c = new IPaymentSchedule.Condition[](1);
        c[0] = _cond(1, 1, 90, false);
        assertTrue(_preview(_gated(false, c), 0).triggerHeld, "100 >= 90");
        c[0] = _cond(1, 1, 101, false);
        assertTrue(!_preview(_gated(false, c), 0).triggerHeld, "100 < 101");
    }

    function test_Trigger_OnATermsSlotUnderAnotherVersion_ReadsItsOwn() public {
        IPaymentSchedule.Condition[] memory c = new IPaymentSchedule.Condition[](1);
        c[0] = _cond(1, 1, 90, false);
        IPaymentSchedule.Point[] memory ps = _gated(false, c);
        IPaymentSchedule.Header memory hd = _header(ps);
        hd.versions = uint256(VERSION) | (uint256(3) << 128); // the condition reads version 3
        feed.setFinal(MISSION, 3, 1, 1, 50);
        IPaymentSchedule.PointResult memory r = h.previewPayment(
            hd,
            0,
            ScheduleLib.encodePoint(ps[0]),
            h.pointProof(ps, 0)
        );
        assertTrue(!r.triggerHeld, "50 under version 3, not the term's 100");
    }
}
