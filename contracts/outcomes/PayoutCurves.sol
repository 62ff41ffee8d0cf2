// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MathLib} from "../libraries/MathLib.sol";

/// @title PayoutCurves
/// @notice Pure payout curves: how much of an outcome payment (in WAD, 1e18 = 100 %) a metric value earns.
/// @dev Every curve works both for metrics that must rise (`lowerIsBetter = false`) and for metrics that must fall
/// (`lowerIsBetter = true`): the comparisons are mirrored, never the arithmetic on raw values. Every result is in
/// [0, WAD], rounded DOWN, which favours the payer / protocol (a beneficiary never receives more than it earned).
/// Results are exact at the end points: the baseline earns 0, the target earns WAD (or `capWad`).
library PayoutCurves {
    /// @notice Most tranches a stepped curve may have.
    uint256 internal constant MAX_STEPS = 8;

    /// @notice The curve families.
    /// - `Binary`: WAD iff the value reaches `threshold`, else 0.
    /// - `Linear`: 0 at `baseline`, WAD at `target`, linear in between, clamped to [0, WAD].
    /// - `ThresholdLinear`: 0 until the value reaches `threshold`; from there the linear improvement from
    ///   `baseline` to `target`, capped at `capWad`.
    /// - `Stepped`: the ratio of the highest step value reached (0 below the first step).
    enum Kind {
        Binary,
        Linear,
        ThresholdLinear,
        Stepped
    }

    /// @notice One payout curve. Unused fields must be zero / empty (so that equal curves encode equally).
    /// @param kind The curve family.
    /// @param lowerIsBetter True when the metric must fall (e.g. a dropout rate); mirrors every comparison.
    /// @param baseline Value that earns 0 (Linear, ThresholdLinear).
    /// @param target Value that earns WAD (Linear) or the cap (ThresholdLinear).
    /// @param threshold Value that must be reached (Binary, ThresholdLinear).
    /// @param capWad Highest achievement of a ThresholdLinear curve, in (0, WAD].
    /// @param stepValues Stepped: values strictly ordered in the direction of improvement (ascending when the
    /// metric must rise, descending when it must fall).
    /// @param stepRatiosWad Stepped: achievement of each step, non-decreasing, each in (0, WAD].
    struct Curve {
        Kind kind;
        bool lowerIsBetter;
        uint64 baseline;
        uint64 target;
        uint64 threshold;
        uint64 capWad;
        uint64[] stepValues;
        uint64[] stepRatiosWad;
    }

    /// @notice Linear / ThresholdLinear: `baseline == target`, or the direction (`target` above or below
    /// `baseline`) does not match `lowerIsBetter`.
    error CurveDirection(uint64 baseline, uint64 target, bool lowerIsBetter);
    /// @notice ThresholdLinear: `threshold` is not between `baseline` (exclusive) and `target` (inclusive).
    error CurveThreshold(uint64 threshold, uint64 baseline, uint64 target);
    /// @notice ThresholdLinear: `capWad` is 0 or above WAD.
    error CurveCap(uint64 capWad);
    /// @notice Stepped: between 1 and `max` steps are required, with as many ratios as values.
    error CurveStepCount(uint256 values, uint256 ratios, uint256 max);
    /// @notice Stepped: step `index` is not strictly beyond the previous one in the direction of improvement.
    error CurveStepOrder(uint256 index, uint64 value);
    /// @notice Stepped: the ratio of step `index` is 0, above WAD, or below the previous ratio.
    error CurveStepRatio(uint256 index, uint64 ratioWad);
    /// @notice A curve field that `CurveUnusedField` names. `BaselineTarget` stands for either of the two.
    enum CurveField {
        Steps,
        BaselineTarget,
        CapWad,
        Threshold
    }

    /// @notice A field the curve's kind does not use is set (`field` names it).
    error CurveUnusedField(Kind kind, CurveField field);

    /// @notice Achievement of `value` on curve `c`, in [0, WAD], rounded down (favours the payer).
    /// @dev Assumes `validate(c)` passed (callers validate once, when the terms are created).
    function achievementWad(Curve memory c, uint64 value) internal pure returns (uint256) {
        if (c.kind == Kind.Binary) {
            return _reached(value, c.threshold, c.lowerIsBetter) ? MathLib.WAD : 0;
        }
        if (c.kind == Kind.Linear) {
            return _progressWad(value, c.baseline, c.target, c.lowerIsBetter);
        }
        if (c.kind == Kind.ThresholdLinear) {
            if (!_reached(value, c.threshold, c.lowerIsBetter)) return 0;
            uint256 progress = _progressWad(value, c.baseline, c.target, c.lowerIsBetter);
            return progress < c.capWad ? progress : c.capWad;
        }
        // Kind.Stepped: steps are ordered, so the last one reached is the highest.
        uint256 achieved;
        uint256 n = c.stepValues.length;
        for (uint256 i; i < n; ++i) {
            if (!_reached(value, c.stepValues[i], c.lowerIsBetter)) break;
            achieved = c.stepRatiosWad[i];
        }
        return achieved;
    }

    /// @notice Achievement of `value` on curve `c` when the curve may run past its target (over-achievement):
    /// Linear, and ThresholdLinear with `capWad == WAD`, keep rising linearly beyond the target up to `ceilingWad`
    /// (e.g. 1.6 WAD: 160 % of the target's payment). Every other curve, and `ceilingWad == WAD`, gives exactly
    /// `achievementWad(c, value)`. In [0, max(WAD, ceilingWad)], rounded down (favours the payer).
    /// @dev Assumes `validate(c)` passed and `ceilingWad >= WAD`.
    function achievementOverWad(Curve memory c, uint64 value, uint64 ceilingWad) internal pure returns (uint256) {
        if (ceilingWad <= MathLib.WAD || !canOverAchieve(c)) return achievementWad(c, value);
        if (c.kind == Kind.ThresholdLinear && !_reached(value, c.threshold, c.lowerIsBetter)) return 0;
        if (_reached(c.baseline, value, c.lowerIsBetter)) return 0;
        // value is strictly past the baseline: gained > 0; span > 0 (validated). gained < 2^64, so gained × WAD
        // fits. Rounded down: favours the payer.
        uint256 gained = c.lowerIsBetter ? uint256(c.baseline - value) : uint256(value - c.baseline);
        uint256 span = c.lowerIsBetter ? uint256(c.baseline - c.target) : uint256(c.target - c.baseline);
        uint256 progress = MathLib.wDivDown(gained, span);
        return progress < ceilingWad ? progress : ceilingWad;
    }

    /// @notice Whether curve `c` may run past its target: Linear, or ThresholdLinear not capped below WAD.
    function canOverAchieve(Curve memory c) internal pure returns (bool) {
        return c.kind == Kind.Linear || (c.kind == Kind.ThresholdLinear && c.capWad == MathLib.WAD);
    }

    /// @notice Reverts with a custom error naming the problem when `c` is not a well-formed curve.
    function validate(Curve memory c) internal pure {
        Kind kind = c.kind;
        if (kind != Kind.Stepped && (c.stepValues.length != 0 || c.stepRatiosWad.length != 0)) {
            revert CurveUnusedField(kind, CurveField.Steps);
        }
        if (kind == Kind.Binary || kind == Kind.Stepped) {
            if (c.baseline != 0 || c.target != 0) revert CurveUnusedField(kind, CurveField.BaselineTarget);
            if (c.capWad != 0) revert CurveUnusedField(kind, CurveField.CapWad);
        }
        if (kind == Kind.Linear) {
            _validateDirection(c);
            if (c.threshold != 0) revert CurveUnusedField(kind, CurveField.Threshold);
            if (c.capWad != 0) revert CurveUnusedField(kind, CurveField.CapWad);
        } else if (kind == Kind.ThresholdLinear) {
            _validateDirection(c);
            // The threshold lies strictly past the baseline and no further than the target.
            if (
                !_reached(c.threshold, c.target, !c.lowerIsBetter) || _reached(c.baseline, c.threshold, c.lowerIsBetter)
            ) {
                revert CurveThreshold(c.threshold, c.baseline, c.target);
            }
            if (c.capWad == 0 || c.capWad > MathLib.WAD) revert CurveCap(c.capWad);
        } else if (kind == Kind.Stepped) {
            if (c.threshold != 0) revert CurveUnusedField(kind, CurveField.Threshold);
            uint256 n = c.stepValues.length;
            if (n == 0 || n > MAX_STEPS || c.stepRatiosWad.length != n) {
                revert CurveStepCount(n, c.stepRatiosWad.length, MAX_STEPS);
            }
            for (uint256 i; i < n; ++i) {
                uint64 ratio = c.stepRatiosWad[i];
                if (ratio == 0 || ratio > MathLib.WAD || (i > 0 && ratio < c.stepRatiosWad[i - 1])) {
                    revert CurveStepRatio(i, ratio);
                }
                // Strictly beyond the previous step: the previous one must not already reach this value.
                if (i > 0 && _reached(c.stepValues[i - 1], c.stepValues[i], c.lowerIsBetter)) {
                    revert CurveStepOrder(i, c.stepValues[i]);
                }
            }
        }
    }

    /// @dev Whether `value` reaches `mark` in the direction of improvement (inclusive).
    function _reached(uint64 value, uint64 mark, bool lowerIsBetter) private pure returns (bool) {
        return lowerIsBetter ? value <= mark : value >= mark;
    }

    /// @dev Linear progress from `from` (0) to `to` (WAD), clamped, rounded down. Requires `from != to` in the
    /// direction given by `lowerIsBetter` (checked by `validate`).
    function _progressWad(uint64 value, uint64 from, uint64 to, bool lowerIsBetter) private pure returns (uint256) {
        if (_reached(value, to, lowerIsBetter)) return MathLib.WAD;
        if (_reached(from, value, lowerIsBetter)) return 0;
        // Here value is strictly between from and to, so both differences are positive and the
        // quotient is < WAD; the product fits easily (2^64 * 1e18 < 2^256). Rounded down: favours the payer.
        uint256 gained = lowerIsBetter ? uint256(from - value) : uint256(value - from);
        uint256 span = lowerIsBetter ? uint256(from - to) : uint256(to - from);
        return MathLib.wDivDown(gained, span);
    }

    /// @dev Linear kinds need `target` strictly past `baseline` in the direction of improvement.
    function _validateDirection(Curve memory c) private pure {
        bool ok = c.lowerIsBetter ? c.target < c.baseline : c.target > c.baseline;
        if (!ok) revert CurveDirection(c.baseline, c.target, c.lowerIsBetter);
    }
}
