// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduleFixture} from "../fixtures/ScheduleFixture.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {PayoutCurves} from "../../../contracts/outcomes/PayoutCurves.sol";

/// @notice Bad input: one clear custom error each (the terms-file checker says the same first).
contract ScheduleValidationTest is ScheduleFixture {
    /// @dev A valid schedule: two points (a curve on half the funds, a rate card), one ordered tier.
    function _valid() internal pure returns (IPaymentSchedule.Schedule memory s) {
        s.points = _points(
            _point(0, false, 0.5e18, _terms(_curveTerm(1, 1, 0, 1e18, _linear(0, 100)))),
            _point(1, false, 0, _terms(_countTerm(3, 1, 1, 500)))
        );
        s.keyCaps = new uint128[](2);
        s.keyCaps[0] = NONE;
        s.keyCaps[1] = 50_000;
        s.cap = NONE;
        s.tiers = new IPaymentSchedule.PayerTier[](1);
    }

    function _expectInvalid(IPaymentSchedule.Schedule memory s, bytes memory err) internal {
        vm.expectRevert(err);
        h.validate(s);
    }

    function test_Validate_AcceptsAValidSchedule() public view {
        IPaymentSchedule.Schedule memory s = _valid();
        h.validate(s);
        // A cumulative point's pot is not counted against the funds a second time.
        s.points[1] = _point(1, true, 1e18, _terms(_curveTerm(1, 1, 0, 1e18, _linear(0, 100))));
        h.validate(s);
    }

    function test_Validate_RevertWhen_NoPointsOrMoreThanSixteen() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points = new IPaymentSchedule.Point[](0);
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.PointCount.selector, 0, 16));
        IPaymentSchedule.Point[] memory many = new IPaymentSchedule.Point[](17);
        for (uint256 i; i < 17; ++i) many[i] = _point(i, false, 0, _terms(_countTerm(3, 1, 1, 500)));
        s.points = many;
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.PointCount.selector, 17, 16));
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointCount.selector, 17, 16));
        h.pointsRoot(many);
    }

    function test_Validate_RevertWhen_PointsOutOfTimeOrder() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points[1].deadline = DEADLINE - 1;
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.PointOrder.selector, 1, DEADLINE - 1, DEADLINE));
    }

    function test_Validate_RevertWhen_TermCountOutOfRange() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points[1].terms = new IPaymentSchedule.ScheduleTerm[](0);
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.PointTermCount.selector, 1, 0, 8));
        IPaymentSchedule.ScheduleTerm[] memory nine = new IPaymentSchedule.ScheduleTerm[](9);
        for (uint256 t; t < 9; ++t) nine[t] = _countTerm(3, 1, 1, 500);
        s.points[1].terms = nine;
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.PointTermCount.selector, 1, 9, 8));
    }

    function test_Validate_RevertWhen_MoreThanFourConditions() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points[0].trigger.conditions = new IPaymentSchedule.Condition[](5);
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.ConditionCount.selector, 0, 5, 4));
    }

    function test_Validate_RevertWhen_MoreThanSixteenKeyCaps() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.keyCaps = new uint128[](17);
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.KeyCapCount.selector, 17, 16));
    }

    function test_Validate_RevertWhen_KeyAboveFifteen() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points[1].terms[0].key = 16;
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.TermKey.selector, 1, 0, 16));
    }

    function test_Validate_RevertWhen_ZeroPrice() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points[1].terms[0].price = 0;
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.ZeroPrice.selector, 1, 0));
    }

    function test_Validate_RevertWhen_ZeroScale() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points[1].terms[0].scaleWad = 0;
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.ZeroScale.selector, 1, 0));
    }

    function test_Validate_RevertWhen_CapsContradictEachOther() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points[1].terms[0].capPerPoint = 0;
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.CapConflict.selector, 1, 0, 0, 50_000));
        s.points[1].terms[0].capPerPoint = 50_001; // above the key's cap
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.CapConflict.selector, 1, 0, 50_001, 50_000));
        s.points[1].terms[0].capPerPoint = NONE; // no term cap under a key cap: fine
        h.validate(s);
        s.keyCaps[1] = 0; // a key that can never pay
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.CapConflict.selector, 1, 0, NONE, 0));
    }

    function test_Validate_RevertWhen_CeilingBelowWadOrOnACurveThatCannotRunPastItsTarget() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points[0].terms[0].ceilingWad = 0.9e18;
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.TermCeiling.selector, 0, 0, 0.9e18));
        s.points[0].terms[0].ceilingWad = 1.6e18;
        h.validate(s); // linear: fine
        s.points[0].terms[0].curve = _binary(50);
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.TermCeiling.selector, 0, 0, 1.6e18));
        PayoutCurves.Curve memory capped = _linear(0, 100);
        capped.kind = PayoutCurves.Kind.ThresholdLinear;
        capped.threshold = 30;
        capped.capWad = 0.8e18;
        s.points[0].terms[0].curve = capped;
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.TermCeiling.selector, 0, 0, 1.6e18));
    }

    function test_Validate_RevertWhen_ACurveIsInvalid() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points[0].terms[0].curve.lowerIsBetter = true; // 0 → 100 does not fall
        _expectInvalid(s, abi.encodeWithSelector(PayoutCurves.CurveDirection.selector, 0, 100, true));
    }

    function test_Validate_RevertWhen_CurveWeightsDoNotSum() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points[0].terms = _terms(
            _curveTerm(1, 1, 0, 0.5e18, _linear(0, 100)),
            _curveTerm(1, 2, 0, 0.4e18, _linear(0, 100))
        );
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.TermWeightSum.selector, 0, 0.9e18));
    }

    function test_Validate_RevertWhen_PotsExceedTheFunds() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.points[1] = _point(1, false, 0.6e18, _terms(_curveTerm(1, 2, 0, 1e18, _linear(0, 100))));
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.PotSum.selector, 1.1e18));
    }

    function test_Validate_RevertWhen_TiersAreMisconfigured() public {
        IPaymentSchedule.Schedule memory s = _valid();
        s.tiers = new IPaymentSchedule.PayerTier[](0);
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.TierConfig.selector, 0, 0));
        s.tiers = new IPaymentSchedule.PayerTier[](5);
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.TierConfig.selector, 5, 0));
        s.tiers = new IPaymentSchedule.PayerTier[](2);
        s.tiers[0].coPayWad = 0.6e18;
        s.tiers[1].coPayWad = 0.4e18; // Σ = WAD, and no ordered tier
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.TierConfig.selector, 2, 1e18));
        s.tiers[1].coPayWad = 0.2e18; // Σ < WAD, still no ordered tier
        _expectInvalid(s, abi.encodeWithSelector(IPaymentSchedule.TierConfig.selector, 2, 0.8e18));
        s.tiers[1].coPayWad = 0;
        h.validate(s);
    }
}
