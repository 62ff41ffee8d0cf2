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
        bytes4[] memory s = new bytes4[](10);
        s[0] = MissionRegistryHandler.create.selector;
        s[1] = MissionRegistryHandler.create.selector;
        s[2] = MissionRegistryHandler.amend.selector;
        s[3] = MissionRegistryHandler.activate.selector;
        s[4] = MissionRegistryHandler.conclude.selector;
        s[5] = MissionRegistryHandler.transferSteward.selector;
        s[6] = MissionRegistryHandler.join.selector;
        s[7] = MissionRegistryHandler.pledge.selector;
        s[8] = MissionRegistryHandler.endorse.selector;
        s[9] = MissionRegistryHandler.endorse.selector;
        targetSelector(address(handler), s);
    }

    /// @dev Every run that called the contract made at least one successful call into the registry.
    function afterInvariant() public view {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful registry call in this run");
    }

    /// @dev Every handler action can succeed (none is dead code).
    function test_Handler_EveryActionSucceeds() public {
        handler.create(1, 2);
        handler.amend(0, 7, 1);
        handler.join(0, 0, 3);
        handler.pledge(0, 0);
        handler.endorse(0, 1, 2, 0);
        handler.endorse(0, 1, 2, 0); // twice: AlreadyEndorsed, allowed
        handler.activate(0);
        handler.transferSteward(0, 3);
        handler.conclude(0);
        handler.join(0, 2, 1); // concluded: WrongState, allowed
        string[8] memory actions = [
            "create",
            "amend",
            "join",
            "pledge",
            "endorse",
            "activate",
            "transferSteward",
            "conclude"
        ];
        for (uint256 i; i < actions.length; ++i) assertGt(handler.succeeded(actions[i]), 0, actions[i]);
        assertEq(handler.endorsements(), 1, "one endorsement");
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
