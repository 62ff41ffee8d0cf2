// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {MissionRegistry} from "../../../contracts/registry/MissionRegistry.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {MissionRegistryHandler} from "./handlers/MissionRegistryHandler.sol";

contract MissionRegistryInvariantTest is TestBase {
    MissionRegistry internal registry;
    MissionRegistryHandler internal handler;

    function setUp() public {
        vm.warp(1_800_000_000);
        registry = new MissionRegistry();
        handler = new MissionRegistryHandler(registry);
        targetContract(address(handler));
    }

    function invariant_MissionCountEqualsCreated() public view {
        assertEq(registry.missionCount(), handler.created(), "missionCount");
    }

    function invariant_StatusNeverMovesBackwards() public view {
        uint256 count = registry.missionCount();
        for (uint256 id = 1; id <= count; ++id) {
            uint256 status = uint256(registry.getMission(id).status);
            assertGe(status, handler.maxStatus(id), "status moved backwards");
            assertGe(status, uint256(IMissionRegistry.MissionStatus.Draft), "status none");
        }
    }

    function invariant_GoalRecordsNeverChange() public view {
        uint256 count = registry.missionCount();
        for (uint256 id = 1; id <= count; ++id) {
            IMissionRegistry.Mission memory m = registry.getMission(id);
            uint256 goalsSeen;
            for (uint8 v = 1; v <= m.versionCount; ++v) {
                (, uint8 first, uint8 n) = registry.getVersion(id, v);
                assertEq(first, goalsSeen, "versions are contiguous");
                goalsSeen += n;
                for (uint8 g = first; g < first + n; ++g) {
                    IMissionRegistry.Goal memory goal = registry.getGoal(id, g);
                    assertEq(goal.version, v, "goal version");
                    assertEq(keccak256(abi.encode(goal)), handler.goalDigest(id, g), "goal changed");
                }
            }
            assertEq(goalsSeen, m.goalCount, "goal count");
        }
    }

    function invariant_EndorsementCountersBalance() public view {
        uint256 count = registry.missionCount();
        uint256 given;
        uint256 received;
        uint256 participants;
        for (uint256 id = 1; id <= count; ++id) {
            uint256 joined;
            for (uint256 a = 0; a < handler.actorCount(); ++a) {
                IMissionRegistry.Participant memory p = registry.getParticipant(id, handler.actor(a));
                given += p.endorsementsGiven;
                received += p.endorsementsReceived;
                if (p.roles != 0) ++joined;
            }
            assertEq(registry.getMission(id).participantCount, joined, "participantCount");
            participants += joined;
        }
        assertEq(given, received, "given == received");
        assertEq(given, handler.endorsements(), "given == successful endorse calls");
    }
}
