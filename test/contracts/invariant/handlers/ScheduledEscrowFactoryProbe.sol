// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LibClone} from "solady/src/utils/LibClone.sol";
import {CloneGateProbe} from "./CloneGateProbe.sol";
import {IMissionRegistry} from "../../../../contracts/registry/IMissionRegistry.sol";
import {IOutcomeEscrow} from "../../../../contracts/escrow/IOutcomeEscrow.sol";
import {IScheduledEscrow} from "../../../../contracts/escrow/IScheduledEscrow.sol";
import {ScheduledEscrowFactory} from "../../../../contracts/escrow/ScheduledEscrowFactory.sol";
import {IOutcomeTermChecks} from "../../../../contracts/outcomes/IOutcomeTermChecks.sol";
import {IPaymentSchedule} from "../../../../contracts/outcomes/IPaymentSchedule.sol";
import {PayoutCurves} from "../../../../contracts/outcomes/PayoutCurves.sol";
import {MockRegistryForEscrow} from "../../../mocks/MockRegistryForEscrow.sol";
import {MockERC20} from "../../../mocks/tokens/MockERC20.sol";
import {IEscrowFactory} from "../../../../contracts/escrow/IEscrowFactory.sol";

/// @notice The scheduled-escrow suite's second handler: the factory and the clones' gate, each call predicted exactly.
/// - `create`: a one-point schedule on mission 2 (goal 0 rising 0 → 100, re-registered relative to now so that the
///   timing always fits) that is valid, or names a slot of another mission (`TermMissionMismatch`), or runs a curve
///   or a condition against the goal's direction (`CurveDirectionMismatch`), each at its term or condition lane;
///   a created escrow is one the factory knows (`isEscrow`).
/// - `rogue`: a clone of the implementation with the suite escrow's own arguments, deployed by someone else: a
///   deposit into it is refused (`NotAClone`: nothing the factory did not initialise takes money), so is its
///   initialisation by anyone but the factory, and the factory does not know it.
contract ScheduledEscrowFactoryProbe is CloneGateProbe {
    uint256 internal constant MISSION = 2;
    uint128 internal constant NONE = type(uint128).max;

    MockRegistryForEscrow public immutable registry;
    MockERC20 public immutable token;

    constructor(
        ScheduledEscrowFactory factory_,
        MockRegistryForEscrow registry_,
        MockERC20 token_,
        address escrow_
    ) CloneGateProbe(address(factory_), LibClone.clone(factory_.implementation(), LibClone.argsOnClone(escrow_))) {
        registry = registry_;
        token = token_;
        registry_.setMission(MISSION, IMissionRegistry.MissionStatus.Active);
    }

    /// @dev A linear curve 0 → 100 (or 100 → 0 when `falling`).
    function _curve(bool falling) internal pure returns (PayoutCurves.Curve memory c) {
        c.kind = PayoutCurves.Kind.Linear;
        c.lowerIsBetter = falling;
        (c.baseline, c.target) = falling ? (uint64(100), uint64(0)) : (uint64(0), uint64(100));
        c.stepValues = new uint64[](0);
        c.stepRatiosWad = new uint64[](0);
    }

    /// @dev One point due when period 1's reporting window closes (now + 27 days), one curve term and one condition
    /// on goal 0 of mission 2, funding until now + 1 day; one ordered tier, one beneficiary.
    function _terms() internal view returns (IScheduledEscrow.ScheduledTerms memory t) {
        t.token = IERC20(address(token));
        t.missionId = MISSION;
        t.goalVersion = 1;
        t.fundingDeadline = uint40(block.timestamp + 1 days); // cast: test timestamps
        t.gracePeriod = 7 days;
        IPaymentSchedule.Point memory p;
        p.deadline = uint40(block.timestamp + 27 days); // cast: test timestamps
        p.potWad = 0.5e18;
        p.cap = NONE;
        p.trigger.conditions = new IPaymentSchedule.Condition[](1);
        p.trigger.conditions[0] = IPaymentSchedule.Condition(MISSION, 0, 1, 50, false);
        p.terms = new IPaymentSchedule.ScheduleTerm[](1);
        IPaymentSchedule.ScheduleTerm memory term = p.terms[0];
        term.missionId = MISSION;
        term.period = 1;
        term.weightWad = 1e18;
        term.ceilingWad = 1e18;
        term.capPerPoint = NONE;
        term.curve = _curve(false);
        t.paymentSchedule.points = new IPaymentSchedule.Point[](1);
        t.paymentSchedule.points[0] = p;
        t.paymentSchedule.keyCaps = new uint128[](0);
        t.paymentSchedule.cap = NONE;
        t.paymentSchedule.tiers = new IPaymentSchedule.PayerTier[](1);
        t.beneficiaries = new IOutcomeEscrow.Beneficiary[](1);
        t.beneficiaries[0] = IOutcomeEscrow.Beneficiary(address(0x5E1), 1);
    }

    /// @notice Creates a scheduled escrow whose terms are valid (`fault % 5 == 0`) or carry one fault the factory must
    /// name exactly: another mission in the term (lane 0) or the condition (lane 8), or a direction against the goal's
    /// in the term or the condition.
    function create(uint256 fault) external {
        // Goal 0 of mission 2, its first period ending 20 days from now (reporting window 7 days).
        registry.setGoal(
            MISSION,
            0,
            IMissionRegistry.Goal(0, 100, uint40(block.timestamp + 20 days), 30 days, 4, 7 days, 0, 1) // cast: test time
        );
        IScheduledEscrow.ScheduledTerms memory t = _terms();
        IPaymentSchedule.Point memory p = t.paymentSchedule.points[0];
        bytes memory expected;
        fault %= 5;
        if (fault == 1) {
            p.terms[0].missionId = MISSION + 1;
            expected = abi.encodeWithSelector(IEscrowFactory.TermMissionMismatch.selector, 0, MISSION + 1);
        } else if (fault == 2) {
            p.trigger.conditions[0].missionId = MISSION + 1;
            expected = abi.encodeWithSelector(IEscrowFactory.TermMissionMismatch.selector, 8, MISSION + 1);
        } else if (fault == 3) {
            p.terms[0].curve = _curve(true); // falls while the goal rises
            expected = abi.encodeWithSelector(IOutcomeTermChecks.CurveDirectionMismatch.selector, 0, true);
        } else if (fault == 4) {
            p.trigger.conditions[0].lowerIsBetter = true;
            expected = abi.encodeWithSelector(IOutcomeTermChecks.CurveDirectionMismatch.selector, 8, true);
        }
        _create(abi.encodeCall(ScheduledEscrowFactory.createEscrow, (t)), expected);
    }

    /// @notice Tries to fund the rogue clone (`NotAClone`, whatever the time, tier or amount), or (`initialize`) to
    /// initialise it from here (`NotFactory`); the factory never counts it as one of its escrows.
    function rogue(uint256 amount, bool initialize) external {
        bytes memory expected;
        bytes memory data;
        if (initialize) {
            data = abi.encodeCall(IScheduledEscrow.initialize, ());
            expected = abi.encodeWithSelector(IScheduledEscrow.NotFactory.selector, address(this));
        } else {
            amount = bound(amount, 1, 1e24);
            token.mint(address(this), amount);
            token.approve(rogueClone, amount);
            data = abi.encodeCall(IScheduledEscrow.deposit, (0, amount));
            expected = abi.encodeWithSelector(IScheduledEscrow.NotAClone.selector);
        }
        _rogue(data, expected);
    }
}
