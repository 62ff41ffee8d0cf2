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
        bytes4[] memory s = new bytes4[](14);
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
        s[10] = MissionRegistryHandler.readWindow.selector;
        s[11] = MissionRegistryHandler.fill.selector;
        s[12] = MissionRegistryHandler.amend.selector;
        s[13] = MissionRegistryHandler.join.selector;
        targetSelector(address(handler), s);
    }

    /// @dev Every run that called the contract made at least one successful call into the registry; every goal of
    /// every mission still reads exactly as the model wrote it.
    function afterInvariant() public view {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful registry call in this run");
        handler.checkGoals();
    }

    /// @dev Every handler action can succeed (none is dead code), and each refusal the model predicts is met.
    function test_Handler_EveryActionSucceeds() public {
        handler.create(0x11, 2, 7);
        handler.create(0x22, 1, 0); // mission 1's hashtag as "#UPPERCASE": HashtagTaken, predicted
        handler.create(0x33, 1, 1); // a goal whose first period ends now: InvalidGoal, predicted
        handler.create(0x33, 1, 2); // one second later: created as mission 2
        assertEq(handler.created(), 2, "two missions");
        handler.amend(0, 7, 1, 1); // by mission 1's steward
        handler.amend(0, 7, 1, 0); // by another actor: NotSteward, predicted
        handler.join(0, 0, 3);
        handler.join(0, 0, 32); // an undefined role bit: InvalidRoles, predicted
        handler.pledge(0, 0);
        handler.pledge(0, 4); // the outsider: NotParticipant, predicted
        handler.endorse(0, 1, 2, 1);
        handler.endorse(0, 1, 2, 1); // twice: AlreadyEndorsed, predicted
        handler.readWindow(0, 0, 1);
        // One past the last period: PeriodOutOfRange, predicted.
        handler.readWindow(0, 0, uint256(registry.getGoal(1, 0).periodCount) + 1);
        handler.activate(0, 1);
        handler.fill(0, 0); // 240 goals; 16 more refused (room 15), then 15 accepted
        assertEq(handler.roomEdgesHit(), 1, "the room edge was hit");
        assertEq(handler.expectedRevertsOf(keccak256("amend")), 2, "NotSteward and GoalCount(16, 15)");
        assertEq(registry.getMission(1).goalCount, 255, "mission 1 full");
        handler.transferSteward(0, 1, 3);
        handler.conclude(0, 1);
        handler.amend(0, 7, 1, 1); // concluded: WrongState, predicted
        handler.join(0, 2, 1); // concluded: WrongState, predicted
        handler.activate(15, 1); // an unknown mission: MissionNotFound, predicted
        string[9] memory actions = [
            "create",
            "amend",
            "join",
            "pledge",
            "endorse",
            "activate",
            "transferSteward",
            "conclude",
            "readWindow"
        ];
        for (uint256 i; i < actions.length; ++i) assertGt(handler.succeeded(actions[i]), 0, actions[i]);
        assertEq(handler.endorsements(), 1, "one endorsement");
        afterInvariant();
    }

    /// @dev The registry's missions, participants and role checks equal the model (also checked after every call).
    function invariant_MissionsMatchTheModel() public view {
        handler.checkModel();
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

    /// @dev Every version is contiguous. (Each goal is read back as the model wrote it right after the call that
    /// wrote it, and every goal of every mission again at the end of each run, in `afterInvariant`: goals never change.)
    function invariant_GoalVersionsAreContiguous() public view {
        uint256 count = registry.missionCount();
        for (uint256 id = 1; id <= count; ++id) {
            IMissionRegistry.Mission memory m = registry.getMission(id);
            uint256 goalsSeen;
            for (uint8 v = 1; v <= m.versionCount; ++v) {
                (, uint8 first, uint8 n) = registry.getVersion(id, v);
                assertEq(first, goalsSeen, "versions are contiguous");
                goalsSeen += n;
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
            for (uint256 a = 0; a < handler.accountCount(); ++a) {
                IMissionRegistry.Participant memory p = registry.getParticipant(id, handler.account(a));
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
