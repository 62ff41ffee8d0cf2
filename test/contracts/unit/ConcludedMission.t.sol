// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PinnedStackFixture, PinnedActors} from "../fixtures/PinnedStackFixture.sol";
import {IMetricOracle} from "../../../contracts/oracle/IMetricOracle.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {IOutcomeEscrow} from "../../../contracts/escrow/IOutcomeEscrow.sol";

/// @notice Decided: concluding a mission closes it to new participants, pledges, amendments and new escrows or pools,
/// but never to its oracle. Escrows and pools pinned before the conclusion still get their values reported,
/// finalised and settled — otherwise a steward could turn any outcome into a refund by concluding early. Real
/// registry, oracle and factories (`PinnedStackFixture`); SECURITY.md names this test.
contract ConcludedMissionTest is PinnedStackFixture {
    function setUp() public {
        _deployStack();
    }

    function _report(address who, uint64 value) private {
        vm.prank(who);
        oracle.report(IMetricOracle.Report(MISSION, V1, GOAL, 1, value, bytes32(0)));
    }

    function test_Conclude_StewardCannotStopAPinnedEscrowFromSettling() public {
        vm.prank(PinnedActors.STEWARD);
        registry.conclude(MISSION);
        assertEq(
            uint256(registry.getMission(MISSION).status),
            uint256(IMissionRegistry.MissionStatus.Concluded),
            "concluded"
        );
        // Reports still count after the conclusion: 300 and 300 reach the 2-of-3 quorum.
        _report(PinnedActors.member(0), 300);
        _report(PinnedActors.member(1), 300);
        vm.warp(block.timestamp + CHALLENGE + 1);
        oracle.finalize(MISSION, V1, GOAL, 1);
        // Linear 100 → 500 at 300: 50 % of the 100 deposited; beneficiaries weigh 1 and 3.
        assertEq(uint256(escrow.settle()), uint256(IOutcomeEscrow.Status.Achieved), "achieved, not refunded");
        assertEq(escrow.claimable(PinnedActors.BENEFICIARY_A), 12.5e18, "50 x 1/4");
        assertEq(escrow.claimable(PinnedActors.BENEFICIARY_B), 37.5e18, "50 x 3/4");
        assertEq(escrow.refundable(PinnedActors.FUNDER_A), 30e18, "50 x 60/100");
    }
}
