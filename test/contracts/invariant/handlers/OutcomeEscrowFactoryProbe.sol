// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LibClone} from "solady/src/utils/LibClone.sol";
import {CloneGateProbe} from "./CloneGateProbe.sol";
import {IMissionRegistry} from "../../../../contracts/registry/IMissionRegistry.sol";
import {IOutcomeEscrow} from "../../../../contracts/escrow/IOutcomeEscrow.sol";
import {IOutcomeEscrowFactory} from "../../../../contracts/escrow/IOutcomeEscrowFactory.sol";
import {OutcomeEscrowFactory} from "../../../../contracts/escrow/OutcomeEscrowFactory.sol";
import {IOutcomeTermChecks} from "../../../../contracts/outcomes/IOutcomeTermChecks.sol";
import {OutcomeLib} from "../../../../contracts/outcomes/OutcomeLib.sol";
import {PayoutCurves} from "../../../../contracts/outcomes/PayoutCurves.sol";
import {MockMetricFeed} from "../../../mocks/MockMetricFeed.sol";
import {MockRegistryForEscrow} from "../../../mocks/MockRegistryForEscrow.sol";
import {IEscrowFactory} from "../../../../contracts/escrow/IEscrowFactory.sol";

/// @notice The escrow suite's second handler: the factory and the clones' gate, each call predicted exactly from the
/// factory's documented rules (`IOutcomeEscrowFactory`, `IOutcomeTermChecks`, `PayoutCurves`).
/// - `create`: an escrow on mission 2 (its goal 0, rising 100 → 200, re-registered relative to now so that the timing
///   always fits) whose terms sit exactly on every boundary the factory accepts — funding until this very second, the
///   no-data cut-off exactly at the reporting deadline + challenge window + arbitration period — or carry one fault
///   the factory must name: a funding deadline one second past, a mission not active, weights short of 1, a curve cap
///   or a step ratio above 1, another goal version, a period past the goal's last, a duplicate beneficiary, 33
///   beneficiaries, a cut-off one second early. A created escrow is one the factory knows (`isEscrow`).
/// - `rogue`: a clone of the implementation with escrow 0's own arguments, deployed by someone else: initialising it
///   from here is refused (`NotFactory`), so is a deposit (`NotAClone`), and the factory does not know it.
contract OutcomeEscrowFactoryProbe is CloneGateProbe {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant MISSION = 2;
    /// @dev A mission in Draft: no escrow may be created on it.
    uint256 internal constant DRAFT_MISSION = 3;
    uint32 internal constant CHALLENGE = 1 days;
    uint32 internal constant ARBITRATION = 2 days;
    uint32 internal constant REPORTING = 7 days;

    MockRegistryForEscrow public immutable registry;
    IERC20 public immutable token;

    constructor(
        OutcomeEscrowFactory factory_,
        MockRegistryForEscrow registry_,
        MockMetricFeed feed_,
        IERC20 token_,
        address escrow_
    ) CloneGateProbe(address(factory_), LibClone.clone(factory_.implementation(), LibClone.argsOnClone(escrow_))) {
        registry = registry_;
        token = token_;
        registry_.setMission(MISSION, IMissionRegistry.MissionStatus.Active);
        registry_.setMission(DRAFT_MISSION, IMissionRegistry.MissionStatus.Draft);
        // Every slot's challenge window and arbitration period (read at creation only): 3 days of settling.
        feed_.setTimeline(CHALLENGE, ARBITRATION);
    }

    function _noSteps() internal pure returns (uint64[] memory) {
        return new uint64[](0);
    }

    /// @dev Valid terms on the boundaries: a linear half and a stepped half (120 → 0.3, 180 → 1) on goal 0 period 1.
    function _terms() internal view returns (IOutcomeEscrow.Terms memory t) {
        t.token = token;
        t.missionId = MISSION;
        t.goalVersion = 1;
        t.fundingDeadline = uint40(block.timestamp); // cast: test timestamps; accepted up to this very second
        t.settlementDeadline = uint40(block.timestamp + 20 days + REPORTING); // cast: period 1's reporting deadline
        t.gracePeriod = CHALLENGE + ARBITRATION; // the cut-off exactly at the earliest the factory accepts
        t.outcomes = new OutcomeLib.OutcomeTerm[](2);
        t.outcomes[0] = OutcomeLib.OutcomeTerm(
            MISSION,
            0,
            1,
            0.5e18,
            PayoutCurves.Curve(PayoutCurves.Kind.Linear, false, 100, 200, 0, 0, _noSteps(), _noSteps())
        );
        uint64[] memory values = new uint64[](2);
        uint64[] memory ratios = new uint64[](2);
        (values[0], values[1], ratios[0], ratios[1]) = (120, 180, 0.3e18, 1e18);
        t.outcomes[1] = OutcomeLib.OutcomeTerm(
            MISSION,
            0,
            1,
            0.5e18,
            PayoutCurves.Curve(PayoutCurves.Kind.Stepped, false, 0, 0, 0, 0, values, ratios)
        );
        t.beneficiaries = new IOutcomeEscrow.Beneficiary[](2);
        t.beneficiaries[0] = IOutcomeEscrow.Beneficiary(address(0xBE10), 1);
        t.beneficiaries[1] = IOutcomeEscrow.Beneficiary(address(0xBE11), 2);
    }

    /// @notice Creates an escrow with valid boundary terms (`fault % 11 == 0`) or one fault, predicting the exact error.
    function create(uint256 fault) external {
        // Goal 0 of mission 2: rising 100 → 200, 2 periods of 30 days, the first ending 20 days from now.
        registry.setGoal(
            MISSION,
            0,
            IMissionRegistry.Goal(100, 200, uint40(block.timestamp + 20 days), 30 days, 2, REPORTING, 0, 1) // cast
        );
        IOutcomeEscrow.Terms memory t = _terms();
        bytes memory expected;
        fault %= 11;
        if (fault == 1) {
            t.fundingDeadline -= 1;
            expected = abi.encodeWithSelector(
                IEscrowFactory.FundingDeadlinePassed.selector,
                block.timestamp - 1,
                block.timestamp
            );
        } else if (fault == 2) {
            t.missionId = DRAFT_MISSION;
            expected = abi.encodeWithSelector(
                IOutcomeTermChecks.MissionNotActive.selector,
                DRAFT_MISSION,
                IMissionRegistry.MissionStatus.Draft
            );
        } else if (fault == 3) {
            t.outcomes[1].weightWad = 0.4e18;
            expected = abi.encodeWithSelector(OutcomeLib.TermWeightSum.selector, 0.9e18);
        } else if (fault == 4) {
            t.outcomes[0].curve.kind = PayoutCurves.Kind.ThresholdLinear;
            t.outcomes[0].curve.threshold = 150;
            t.outcomes[0].curve.capWad = uint64(WAD + 1);
            expected = abi.encodeWithSelector(PayoutCurves.CurveCap.selector, WAD + 1);
        } else if (fault == 5) {
            t.outcomes[1].curve.stepRatiosWad[1] = uint64(WAD + 1);
            expected = abi.encodeWithSelector(PayoutCurves.CurveStepRatio.selector, 1, WAD + 1);
        } else if (fault == 6) {
            t.goalVersion = 2;
            expected = abi.encodeWithSelector(IOutcomeTermChecks.GoalNotInVersion.selector, 0, 0, 1, 2);
        } else if (fault == 7) {
            t.outcomes[1].period = 3;
            expected = abi.encodeWithSelector(IOutcomeTermChecks.TermPeriodOutOfRange.selector, 1, 3, 2);
        } else if (fault == 8) {
            t.beneficiaries[1].account = t.beneficiaries[0].account;
            expected = abi.encodeWithSelector(IEscrowFactory.DuplicateBeneficiary.selector, address(0xBE10));
        } else if (fault == 9) {
            t.beneficiaries = new IOutcomeEscrow.Beneficiary[](33);
            for (uint256 i; i < 33; ++i) {
                t.beneficiaries[i] = IOutcomeEscrow.Beneficiary(address(uint160(0xBE20 + i)), 1); // cast: constants
            }
            expected = abi.encodeWithSelector(IEscrowFactory.BeneficiaryCount.selector, 33, 32);
        } else if (fault == 10) {
            t.gracePeriod -= 1;
            uint256 earliest = uint256(t.settlementDeadline) + CHALLENGE + ARBITRATION;
            expected = abi.encodeWithSelector(
                IOutcomeTermChecks.NoDataCutOffTooEarly.selector,
                0,
                earliest - 1,
                earliest
            );
        }
        _create(abi.encodeCall(OutcomeEscrowFactory.createEscrow, (t)), expected);
    }

    /// @notice Tries to initialise the rogue clone from here (`NotFactory`) or to fund it (`NotAClone`); the factory
    /// never counts it as one of its escrows.
    function rogue(uint256 amount, bool initialize) external {
        bytes memory data;
        bytes memory expected;
        if (initialize) {
            data = abi.encodeCall(IOutcomeEscrow.initialize, ());
            expected = abi.encodeWithSelector(IOutcomeEscrow.NotFactory.selector, address(this));
        } else {
            data = abi.encodeCall(IOutcomeEscrow.deposit, (bound(amount, 1, 1e24)));
            expected = abi.encodeWithSelector(IOutcomeEscrow.NotAClone.selector);
        }
        _rogue(data, expected);
    }
}
