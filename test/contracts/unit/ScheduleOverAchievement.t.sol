// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduleFixture} from "../fixtures/ScheduleFixture.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {PayoutCurves} from "../../../contracts/outcomes/PayoutCurves.sol";

/// @notice Over-achievement: a linear term may pay above its target up to a stated ceiling (160 % of target with a
/// ceiling of 1.6); every other curve, and a ceiling of exactly WAD, behaves as before.
contract ScheduleOverAchievementTest is ScheduleFixture {
    uint64 internal constant CEILING = 1.6e18;

    function _thresholdLinear(uint64 capWad) internal pure returns (PayoutCurves.Curve memory c) {
        c = _linear(0, 100);
        c.kind = PayoutCurves.Kind.ThresholdLinear;
        c.threshold = 30;
        c.capWad = capWad;
    }

    function test_OverAchievement_Linear_RunsPastTheTargetUpToTheCeiling() public view {
        PayoutCurves.Curve memory c = _linear(0, 100);
        assertEq(h.achievementOver(c, 50, CEILING), 0.5e18, "below the target: as before");
        assertEq(h.achievementOver(c, 100, CEILING), 1e18, "the target: WAD");
        assertEq(h.achievementOver(c, 160, CEILING), 1.6e18, "160 % of target");
        assertEq(h.achievementOver(c, 133, CEILING), 1.33e18, "133 %");
        assertEq(h.achievementOver(c, 200, CEILING), 1.6e18, "clamped at the ceiling");
        assertEq(h.achievementOver(c, 0, CEILING), 0, "the baseline");
    }

    function test_OverAchievement_FallingMetric() public view {
        // 100 → 50 must fall; 20 is 80 / 50 = 160 % of the way.
        PayoutCurves.Curve memory c = _linear(100, 50);
        assertEq(h.achievementOver(c, 20, CEILING), 1.6e18, "160 %");
        assertEq(h.achievementOver(c, 0, CEILING), 1.6e18, "clamped");
        assertEq(h.achievementOver(c, 120, CEILING), 0, "worse than the baseline");
        assertEq(h.achievementOver(c, 67, CEILING), 0.66e18, "33 / 50");
    }

    function test_OverAchievement_ThresholdLinear_UncappedOnly() public view {
        assertEq(h.achievementOver(_thresholdLinear(1e18), 20, CEILING), 0, "below the threshold");
        assertEq(h.achievementOver(_thresholdLinear(1e18), 130, CEILING), 1.3e18, "past the target");
        // A curve capped below WAD cannot over-achieve: its cap still binds.
        assertEq(h.achievementOver(_thresholdLinear(0.8e18), 160, CEILING), 0.8e18, "capped");
    }

    function test_OverAchievement_OtherKindsAndACeilingOfWadAreUnchanged() public view {
        PayoutCurves.Curve memory c = _linear(0, 100);
        assertEq(h.achievementOver(c, 160, 1e18), 1e18, "ceiling WAD: clamped at the target");
        assertEq(h.achievementOver(_binary(10), 160, CEILING), 1e18, "binary");
        assertEq(h.achievement(c, 160), 1e18, "achievementWad itself unchanged");
    }

    function testFuzz_OverAchievement_CeilingOfWadEqualsAchievementWad(
        uint64 baseline,
        uint64 target,
        uint64 value
    ) public view {
        vm.assume(baseline != target);
        PayoutCurves.Curve memory c = _linear(baseline, target);
        assertEq(h.achievementOver(c, value, 1e18), h.achievement(c, value), "same as before");
        uint256 over = h.achievementOver(c, value, CEILING);
        assertGe(over, h.achievement(c, value), "never below");
        assertLe(over, CEILING, "never above the ceiling");
    }

    function test_OverAchievement_SettlesAt160PercentOfTheTermsShare() public {
        _fundOneTier();
        IPaymentSchedule.ScheduleTerm memory t = _curveTerm(1, 1, 0, 1e18, _linear(0, 100));
        t.ceilingWad = CEILING;
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 0.5e18, _terms(t)));
        _final(1, 1, 160);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.terms[0].unitsWad, 1.6e18, "achievement");
        assertEq(r.amount, 800_000, "1,000,000 x 0.5 x 1.6");
    }

    function test_OverAchievement_StillUnderThePointCap() public {
        _fundOneTier();
        IPaymentSchedule.ScheduleTerm memory t = _curveTerm(1, 1, 0, 1e18, _linear(0, 100));
        t.ceilingWad = CEILING;
        IPaymentSchedule.Point memory p = _point(0, false, 0.5e18, _terms(t));
        p.cap = 600_000;
        IPaymentSchedule.Point[] memory ps = _points(p);
        _final(1, 1, 160);
        IPaymentSchedule.PointResult memory r = _settle(ps, 0);
        assertEq(r.amount, 600_000, "point cap");
        assertEq(uint256(r.capHit), uint256(IPaymentSchedule.CapHit.Point), "hit");
    }
}
