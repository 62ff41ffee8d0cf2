// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "./TestBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMissionRegistry} from "../../interfaces/IMissionRegistry.sol";
import {IOutcomeEscrow} from "../../interfaces/IOutcomeEscrow.sol";
import {OutcomeEscrowFactory} from "../../OutcomeEscrowFactory.sol";
import {OutcomeLib} from "../../libraries/OutcomeLib.sol";
import {PayoutCurves} from "../../libraries/PayoutCurves.sol";
import {MockMetricFeed} from "../mocks/MockMetricFeed.sol";
import {MockRegistryForEscrow} from "../mocks/MockRegistryForEscrow.sol";

/// @notice Shared escrow fixture: a registry mock with mission 1 (Active; goal 0 rising 100→200 with 2 periods and
/// goal 1 falling 50→20 in version 1; goal 2 in version 2), a mock feed and the factory.
abstract contract EscrowFixture is TestBase {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant MISSION = 1;
    uint256 internal constant T0 = 1_700_000_000;
    uint40 internal constant FUNDING_DEADLINE = uint40(T0 + 10 days);
    uint40 internal constant SETTLEMENT_DEADLINE = uint40(T0 + 30 days);
    uint32 internal constant GRACE = 7 days;

    MockRegistryForEscrow internal registry;
    MockMetricFeed internal feed;
    OutcomeEscrowFactory internal factory;

    function _setUpFixture() internal {
        vm.warp(T0);
        registry = new MockRegistryForEscrow();
        feed = new MockMetricFeed();
        factory = new OutcomeEscrowFactory(IMissionRegistry(address(registry)), feed);
        registry.setMission(MISSION, IMissionRegistry.MissionStatus.Active);
        registry.setGoal(MISSION, 0, IMissionRegistry.Goal(100, 200, uint40(T0 + 20 days), 30 days, 2, 7 days, 0, 1));
        registry.setGoal(MISSION, 1, IMissionRegistry.Goal(50, 20, uint40(T0 + 20 days), 30 days, 1, 7 days, 0, 1));
        registry.setGoal(MISSION, 2, IMissionRegistry.Goal(0, 10, uint40(T0 + 20 days), 30 days, 1, 7 days, 0, 2));
    }

    function _noSteps() internal pure returns (uint64[] memory) {
        return new uint64[](0);
    }

    function _linearTerm(uint8 goalId, uint64 weightWad) internal pure returns (OutcomeLib.OutcomeTerm memory t) {
        t = OutcomeLib.OutcomeTerm(
            MISSION,
            goalId,
            1,
            weightWad,
            PayoutCurves.Curve(PayoutCurves.Kind.Linear, false, 100, 200, 0, 0, _noSteps(), _noSteps())
        );
    }

    /// @dev One linear term on goal 0 period 1; beneficiaries `b` with weights `w`.
    function _terms(
        IERC20 token,
        address[] memory b,
        uint96[] memory w
    ) internal pure returns (IOutcomeEscrow.Terms memory t) {
        t.token = token;
        t.missionId = MISSION;
        t.goalVersion = 1;
        t.fundingDeadline = FUNDING_DEADLINE;
        t.settlementDeadline = SETTLEMENT_DEADLINE;
        t.gracePeriod = GRACE;
        t.outcomes = new OutcomeLib.OutcomeTerm[](1);
        t.outcomes[0] = _linearTerm(0, uint64(WAD));
        t.beneficiaries = new IOutcomeEscrow.Beneficiary[](b.length);
        for (uint256 i; i < b.length; ++i) {
            t.beneficiaries[i] = IOutcomeEscrow.Beneficiary(b[i], w[i]);
        }
    }

    function _two(address a, address b) internal pure returns (address[] memory r) {
        r = new address[](2);
        (r[0], r[1]) = (a, b);
    }

    function _weights(uint96 a, uint96 b) internal pure returns (uint96[] memory r) {
        r = new uint96[](2);
        (r[0], r[1]) = (a, b);
    }
}
