// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {PayoutCurves} from "../../../contracts/outcomes/PayoutCurves.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {MockMetricFeed} from "../../mocks/MockMetricFeed.sol";

/// @dev Exposes the libraries externally so that reverts can be expected.
contract CurvesHarness {
    function achievement(PayoutCurves.Curve memory c, uint64 value) external pure returns (uint256) {
        return PayoutCurves.achievementWad(c, value);
    }

    function validate(PayoutCurves.Curve memory c) external pure {
        PayoutCurves.validate(c);
    }

    function composite(OutcomeLib.OutcomeTerm[] memory terms, uint64[] memory values) external pure returns (uint256) {
        return OutcomeLib.compositeWad(terms, values);
    }

    function validateTerms(OutcomeLib.OutcomeTerm[] memory terms) external pure {
        OutcomeLib.validateTerms(terms);
    }

    function read(
        IMetricFeed feed,
        OutcomeLib.OutcomeTerm[] memory terms,
        uint256 noDataAfter
    ) external view returns (OutcomeLib.Resolution, uint256) {
        return OutcomeLib.readOutcome(feed, terms, 0, noDataAfter);
    }
}

contract PayoutCurvesTest is TestBase {
    uint256 internal constant WAD = 1e18;
    CurvesHarness internal h;
    MockMetricFeed internal feed;

    function setUp() public {
        h = new CurvesHarness();
        feed = new MockMetricFeed();
    }

    /*//////////////////////////////////////////////////////////////
                               BUILDERS
    //////////////////////////////////////////////////////////////*/

    function _empty() internal pure returns (uint64[] memory e) {
        e = new uint64[](0);
    }

    function _binary(uint64 threshold, bool lower) internal pure returns (PayoutCurves.Curve memory c) {
        c = PayoutCurves.Curve(PayoutCurves.Kind.Binary, lower, 0, 0, threshold, 0, _empty(), _empty());
    }

    function _linear(uint64 baseline, uint64 target) internal pure returns (PayoutCurves.Curve memory c) {
        c = PayoutCurves.Curve(PayoutCurves.Kind.Linear, target < baseline, baseline, target, 0, 0, _empty(), _empty());
    }

    function _thresholdLinear(
        uint64 baseline,
        uint64 target,
        uint64 threshold,
        uint64 capWad
    ) internal pure returns (PayoutCurves.Curve memory c) {
        c = PayoutCurves.Curve(
            PayoutCurves.Kind.ThresholdLinear,
            target < baseline,
            baseline,
            target,
            threshold,
            capWad,
            _empty(),
            _empty()
        );
    }

    function _stepped(
        bool lower,
        uint64[] memory values,
        uint64[] memory ratios
    ) internal pure returns (PayoutCurves.Curve memory c) {
        c = PayoutCurves.Curve(PayoutCurves.Kind.Stepped, lower, 0, 0, 0, 0, values, ratios);
    }

    /// @dev A random valid curve of any kind and either direction, built from a seed.
    function _randomCurve(uint256 seed) internal pure returns (PayoutCurves.Curve memory c) {
        uint256 kind = seed % 4;
        bool lower = (seed >> 8) & 1 == 1;
        uint64 a = uint64(bound(uint256(keccak256(abi.encode(seed, 1))), 0, type(uint64).max - 1));
        uint64 b = uint64(bound(uint256(keccak256(abi.encode(seed, 2))), uint256(a) + 1, type(uint64).max));
        (uint64 baseline, uint64 target) = lower ? (b, a) : (a, b);
        if (kind == 0) return _binary(uint64(uint256(keccak256(abi.encode(seed, 3)))), lower);
        if (kind == 1) return _linear(baseline, target);
        if (kind == 2) {
            uint256 off = bound(uint256(keccak256(abi.encode(seed, 4))), 1, uint256(b) - uint256(a));
            uint64 threshold = lower ? uint64(uint256(b) - off) : uint64(uint256(a) + off);
            uint64 cap = uint64(bound(uint256(keccak256(abi.encode(seed, 5))), 1, WAD));
            return _thresholdLinear(baseline, target, threshold, cap);
        }
        uint256 n = bound(uint256(keccak256(abi.encode(seed, 6))), 1, 8);
        uint64[] memory values = new uint64[](n);
        uint64[] memory ratios = new uint64[](n);
        uint256 ratio;
        for (uint256 i; i < n; ++i) {
            // Step values a + i*stride (ascending) or b - i*stride (descending); strides keep them distinct.
            uint256 stride = (uint256(b) - uint256(a)) / n + 1;
            uint256 v = uint256(a) + i * stride;
            if (v > b) v = b;
            values[i] = lower ? uint64(uint256(b) - (v - a)) : uint64(v);
            ratio = bound(uint256(keccak256(abi.encode(seed, 7, i))), ratio == 0 ? 1 : ratio, WAD);
            ratios[i] = uint64(ratio);
        }
        // Deduplicate by truncating at the first non-strict step (possible only when b - a < n).
        uint256 m = 1;
        while (m < n && values[m] != values[m - 1]) ++m;
        assembly ("memory-safe") {
            // Shorten both arrays in place to the strictly ordered prefix (m ≤ n).
            mstore(values, m)
            mstore(ratios, m)
        }
        return _stepped(lower, values, ratios);
    }

    /*//////////////////////////////////////////////////////////////
                             FUZZ: CURVES
    //////////////////////////////////////////////////////////////*/

    function testFuzz_Curve_Valid(uint256 seed) public view {
        h.validate(_randomCurve(seed));
    }

    function testFuzz_Curve_BoundedAndMonotonic(uint256 seed, uint64 x, uint64 y) public view {
        PayoutCurves.Curve memory c = _randomCurve(seed);
        (uint64 worse, uint64 better) = c.lowerIsBetter ? (x > y ? (x, y) : (y, x)) : (x < y ? (x, y) : (y, x));
        uint256 aw = h.achievement(c, worse);
        uint256 ab = h.achievement(c, better);
        assertLe(aw, WAD, "bounded");
        assertLe(ab, WAD, "bounded");
        assertLe(aw, ab, "monotonic in the direction of improvement");
    }

    function testFuzz_Linear_ExactAtEndPoints(uint64 a, uint64 b, bool lower) public view {
        vm.assume(a != b);
        (uint64 lo, uint64 hi) = a < b ? (a, b) : (b, a);
        (uint64 baseline, uint64 target) = lower ? (hi, lo) : (lo, hi);
        PayoutCurves.Curve memory c = _linear(baseline, target);
        assertEq(h.achievement(c, baseline), 0, "baseline earns 0");
        assertEq(h.achievement(c, target), WAD, "target earns WAD");
        // Beyond both ends: clamped.
        if (lower ? hi < type(uint64).max : lo > 0) assertEq(h.achievement(c, lower ? hi + 1 : lo - 1), 0, "clamp 0");
        if (lower ? lo > 0 : hi < type(uint64).max)
            assertEq(h.achievement(c, lower ? lo - 1 : hi + 1), WAD, "clamp WAD");
    }

    function testFuzz_Linear_RoundsDown(uint64 a, uint64 b, uint64 v) public view {
        vm.assume(a < b);
        PayoutCurves.Curve memory c = _linear(a, b);
        uint256 got = h.achievement(c, v);
        if (v > a && v < b) {
            // got = floor((v - a) * WAD / (b - a)): got * span ≤ gained * WAD < (got + 1) * span.
            uint256 span = uint256(b) - a;
            uint256 gained = uint256(v) - a;
            assertLe(got * span, gained * WAD, "rounded down");
            assertTrue((got + 1) * span > gained * WAD, "by less than one");
        }
    }

    function testFuzz_ThresholdLinear_EndPoints(uint64 a, uint64 b, uint256 off, uint64 cap, bool lower) public view {
        vm.assume(a < b);
        off = bound(off, 1, uint256(b) - a);
        cap = uint64(bound(cap, 1, WAD));
        (uint64 baseline, uint64 target) = lower ? (b, a) : (a, b);
        uint64 threshold = lower ? uint64(uint256(b) - off) : uint64(uint256(a) + off);
        PayoutCurves.Curve memory c = _thresholdLinear(baseline, target, threshold, cap);
        h.validate(c);
        assertEq(h.achievement(c, baseline), 0, "baseline earns 0");
        assertEq(h.achievement(c, target), cap, "target earns the cap");
        // Just short of the threshold earns nothing.
        uint64 shortOf = lower ? threshold + 1 : threshold - 1;
        assertEq(h.achievement(c, shortOf), 0, "below threshold");
        assertTrue(h.achievement(c, threshold) > 0 || uint256(off) * WAD < uint256(b) - a, "threshold earns");
    }

    function test_Binary_BothDirections() public view {
        assertEq(h.achievement(_binary(10, false), 9), 0, "rise below");
        assertEq(h.achievement(_binary(10, false), 10), WAD, "rise at");
        assertEq(h.achievement(_binary(10, true), 11), 0, "fall above");
        assertEq(h.achievement(_binary(10, true), 10), WAD, "fall at");
    }

    function test_Stepped_HighestStepReached() public view {
        uint64[] memory v = new uint64[](3);
        uint64[] memory r = new uint64[](3);
        (v[0], v[1], v[2]) = (100, 200, 300);
        (r[0], r[1], r[2]) = (0.25e18, 0.5e18, 1e18);
        PayoutCurves.Curve memory up = _stepped(false, v, r);
        h.validate(up);
        assertEq(h.achievement(up, 99), 0, "below first");
        assertEq(h.achievement(up, 100), 0.25e18, "first");
        assertEq(h.achievement(up, 299), 0.5e18, "second");
        assertEq(h.achievement(up, 300), WAD, "last");
        (v[0], v[1], v[2]) = (300, 200, 100);
        PayoutCurves.Curve memory down = _stepped(true, v, r);
        h.validate(down);
        assertEq(h.achievement(down, 301), 0, "down: above first");
        assertEq(h.achievement(down, 200), 0.5e18, "down: second");
        assertEq(h.achievement(down, 0), WAD, "down: last");
    }

    /*//////////////////////////////////////////////////////////////
                          VALIDATION ERRORS
    //////////////////////////////////////////////////////////////*/

    function test_Validate_RevertWhen_Direction() public {
        PayoutCurves.Curve memory c = _linear(10, 20);
        c.lowerIsBetter = true;
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveDirection.selector, 10, 20, true));
        h.validate(c);
        c = _linear(10, 20);
        c.target = 10;
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveDirection.selector, 10, 10, false));
        h.validate(c);
    }

    function test_Validate_RevertWhen_Threshold() public {
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveThreshold.selector, 10, 10, 20));
        h.validate(_thresholdLinear(10, 20, 10, 1e18));
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveThreshold.selector, 21, 10, 20));
        h.validate(_thresholdLinear(10, 20, 21, 1e18));
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveThreshold.selector, 9, 20, 10));
        h.validate(_thresholdLinear(20, 10, 9, 1e18));
    }

    function test_Validate_RevertWhen_Cap() public {
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveCap.selector, 0));
        h.validate(_thresholdLinear(10, 20, 15, 0));
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveCap.selector, 1e18 + 1));
        h.validate(_thresholdLinear(10, 20, 15, 1e18 + 1));
    }

    function test_Validate_RevertWhen_Steps() public {
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveStepCount.selector, 0, 0, 8));
        h.validate(_stepped(false, _empty(), _empty()));
        uint64[] memory v = new uint64[](2);
        uint64[] memory r = new uint64[](1);
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveStepCount.selector, 2, 1, 8));
        h.validate(_stepped(false, v, r));
        uint64[] memory nine = new uint64[](9);
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveStepCount.selector, 9, 9, 8));
        h.validate(_stepped(false, nine, nine));
        r = new uint64[](2);
        (v[0], v[1]) = (10, 10);
        (r[0], r[1]) = (0.5e18, 1e18);
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveStepOrder.selector, 1, 10));
        h.validate(_stepped(false, v, r));
        (v[0], v[1]) = (10, 20);
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveStepOrder.selector, 1, 20));
        h.validate(_stepped(true, v, r));
        (r[0], r[1]) = (0.5e18, 0.4e18);
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveStepRatio.selector, 1, 0.4e18));
        h.validate(_stepped(false, v, r));
        (r[0], r[1]) = (0, 1e18);
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveStepRatio.selector, 0, 0));
        h.validate(_stepped(false, v, r));
        (r[0], r[1]) = (0.5e18, 1e18 + 1);
        vm.expectRevert(abi.encodeWithSelector(PayoutCurves.CurveStepRatio.selector, 1, 1e18 + 1));
        h.validate(_stepped(false, v, r));
    }

    function test_Validate_RevertWhen_UnusedField() public {
        PayoutCurves.Curve memory c = _binary(5, false);
        c.stepValues = new uint64[](1);
        vm.expectRevert(
            abi.encodeWithSelector(
                PayoutCurves.CurveUnusedField.selector,
                PayoutCurves.Kind.Binary,
                PayoutCurves.CurveField.Steps
            )
        );
        h.validate(c);
        c = _binary(5, false);
        c.stepRatiosWad = new uint64[](1);
        vm.expectRevert(
            abi.encodeWithSelector(
                PayoutCurves.CurveUnusedField.selector,
                PayoutCurves.Kind.Binary,
                PayoutCurves.CurveField.Steps
            )
        );
        h.validate(c);
        c = _binary(5, false);
        c.baseline = 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                PayoutCurves.CurveUnusedField.selector,
                PayoutCurves.Kind.Binary,
                PayoutCurves.CurveField.BaselineTarget
            )
        );
        h.validate(c);
        c = _binary(5, false);
        c.target = 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                PayoutCurves.CurveUnusedField.selector,
                PayoutCurves.Kind.Binary,
                PayoutCurves.CurveField.BaselineTarget
            )
        );
        h.validate(c);
        c = _binary(5, false);
        c.capWad = 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                PayoutCurves.CurveUnusedField.selector,
                PayoutCurves.Kind.Binary,
                PayoutCurves.CurveField.CapWad
            )
        );
        h.validate(c);
        c = _linear(1, 2);
        c.threshold = 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                PayoutCurves.CurveUnusedField.selector,
                PayoutCurves.Kind.Linear,
                PayoutCurves.CurveField.Threshold
            )
        );
        h.validate(c);
        c = _linear(1, 2);
        c.capWad = 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                PayoutCurves.CurveUnusedField.selector,
                PayoutCurves.Kind.Linear,
                PayoutCurves.CurveField.CapWad
            )
        );
        h.validate(c);
        uint64[] memory v = new uint64[](1);
        v[0] = 1;
        c = _stepped(false, v, v);
        c.threshold = 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                PayoutCurves.CurveUnusedField.selector,
                PayoutCurves.Kind.Stepped,
                PayoutCurves.CurveField.Threshold
            )
        );
        h.validate(c);
    }

    /*//////////////////////////////////////////////////////////////
                              COMPOSITE
    //////////////////////////////////////////////////////////////*/

    function _terms(uint256 seed, uint256 n) internal pure returns (OutcomeLib.OutcomeTerm[] memory terms) {
        terms = new OutcomeLib.OutcomeTerm[](n);
        uint256 left = WAD;
        for (uint256 i; i < n; ++i) {
            uint256 w = i == n - 1 ? left : bound(uint256(keccak256(abi.encode(seed, "w", i))), 1, left - (n - 1 - i));
            left -= w;
            terms[i] = OutcomeLib.OutcomeTerm(
                1,
                uint8(i),
                1,
                uint64(w),
                _randomCurve(uint256(keccak256(abi.encode(seed, i))))
            );
        }
    }

    function testFuzz_Composite_Bounds(uint256 seed, uint256 n, uint256 vseed) public view {
        n = bound(n, 1, 8);
        OutcomeLib.OutcomeTerm[] memory terms = _terms(seed, n);
        h.validateTerms(terms);
        uint64[] memory values = new uint64[](n);
        uint256 maxAchievement;
        for (uint256 i; i < n; ++i) {
            values[i] = uint64(uint256(keccak256(abi.encode(vseed, i))));
            uint256 a = h.achievement(terms[i].curve, values[i]);
            if (a > maxAchievement) maxAchievement = a;
        }
        assertLe(h.composite(terms, values), maxAchievement, "composite <= max achievement");
    }

    function testFuzz_Composite_AllOrNothing(uint256 seed, uint256 n) public view {
        n = bound(n, 1, 8);
        OutcomeLib.OutcomeTerm[] memory terms = _terms(seed, n);
        for (uint256 i; i < n; ++i) {
            terms[i].curve = _linear(100, 200);
        }
        uint64[] memory values = new uint64[](n);
        for (uint256 i; i < n; ++i) values[i] = 200;
        assertEq(h.composite(terms, values), WAD, "all WAD -> WAD");
        for (uint256 i; i < n; ++i) values[i] = 100;
        assertEq(h.composite(terms, values), 0, "all zero -> 0");
    }

    function test_Composite_RevertWhen_ValueCount() public {
        OutcomeLib.OutcomeTerm[] memory terms = _terms(1, 2);
        vm.expectRevert(abi.encodeWithSelector(OutcomeLib.TermValueCount.selector, 2, 1));
        h.composite(terms, new uint64[](1));
    }

    function test_ValidateTerms_Errors() public {
        vm.expectRevert(abi.encodeWithSelector(OutcomeLib.TermCount.selector, 0, 8));
        h.validateTerms(new OutcomeLib.OutcomeTerm[](0));
        OutcomeLib.OutcomeTerm[] memory nine = _terms(3, 8);
        OutcomeLib.OutcomeTerm[] memory big = new OutcomeLib.OutcomeTerm[](9);
        for (uint256 i; i < 8; ++i) big[i] = nine[i];
        big[8] = nine[0];
        vm.expectRevert(abi.encodeWithSelector(OutcomeLib.TermCount.selector, 9, 8));
        h.validateTerms(big);
        OutcomeLib.OutcomeTerm[] memory terms = _terms(4, 2);
        terms[1].weightWad = 0;
        vm.expectRevert(abi.encodeWithSelector(OutcomeLib.TermZeroWeight.selector, 1));
        h.validateTerms(terms);
        terms = _terms(4, 2);
        terms[1].weightWad += 1;
        vm.expectRevert(abi.encodeWithSelector(OutcomeLib.TermWeightSum.selector, WAD + 1));
        h.validateTerms(terms);
    }

    /*//////////////////////////////////////////////////////////////
                             READ OUTCOME
    //////////////////////////////////////////////////////////////*/

    function test_ReadOutcome_Resolutions() public {
        OutcomeLib.OutcomeTerm[] memory terms = _terms(5, 2);
        terms[0].curve = _linear(0, 100);
        terms[1].curve = _binary(10, false);
        terms[0].weightWad = 0.6e18;
        terms[1].weightWad = 0.4e18;
        vm.warp(1000);
        (OutcomeLib.Resolution r, uint256 comp) = h.read(feed, terms, 1000);
        assertEq(uint256(r), uint256(OutcomeLib.Resolution.Pending), "nothing reported, at the deadline: pending");
        (r, ) = h.read(feed, terms, 999);
        assertEq(uint256(r), uint256(OutcomeLib.Resolution.NoData), "after the deadline: no data");
        feed.setFinal(1, 0, 1, 50);
        (r, ) = h.read(feed, terms, 1000);
        assertEq(uint256(r), uint256(OutcomeLib.Resolution.Pending), "one final: pending");
        feed.setSlot(1, 1, 1, IMetricFeed.SlotStatus.Proposed, 0, 0);
        (r, ) = h.read(feed, terms, 999);
        assertEq(uint256(r), uint256(OutcomeLib.Resolution.Pending), "one proposed after the deadline: pending");
        feed.setSlot(1, 1, 1, IMetricFeed.SlotStatus.Disputed, 0, 0);
        (r, ) = h.read(feed, terms, 999);
        assertEq(uint256(r), uint256(OutcomeLib.Resolution.Pending), "one disputed after the deadline: pending");
        feed.setSlot(1, 1, 1, IMetricFeed.SlotStatus.Collecting, 0, 0);
        (r, ) = h.read(feed, terms, 999);
        assertEq(uint256(r), uint256(OutcomeLib.Resolution.NoData), "one collecting after the deadline: no data");
        feed.setFinal(1, 1, 1, 10);
        (r, comp) = h.read(feed, terms, 0);
        assertEq(uint256(r), uint256(OutcomeLib.Resolution.Achieved), "all final: achieved, even late");
        assertEq(comp, 0.3e18 + 0.4e18, "composite");
        feed.setSlot(1, 1, 1, IMetricFeed.SlotStatus.Unresolved, 0, 0);
        (r, comp) = h.read(feed, terms, type(uint256).max);
        assertEq(uint256(r), uint256(OutcomeLib.Resolution.NoData), "unresolved: no data at once");
        assertEq(comp, 0, "no composite");
    }
}
