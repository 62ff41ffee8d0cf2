// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {MissionRegistry} from "../../../contracts/registry/MissionRegistry.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";

/// @dev Shared fixtures for the registry tests.
abstract contract RegistryFixture is TestBase {
    MissionRegistry internal registry;

    address internal constant STEWARD = address(0x5734);
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA201);
    bytes32 internal constant DOC_HASH = keccak256("mission document v1");
    bytes32 internal constant DOC_HASH_2 = keccak256("mission document v2");
    string internal constant URI = "ipfs://bafy/mission.json";
    uint40 internal constant NOW = 1_800_000_000;
    uint32 internal constant YEAR = 365 days;

    function setUp() public virtual {
        vm.warp(NOW);
        registry = new MissionRegistry();
    }

    function _goal(uint64 baseline, uint64 target) internal pure returns (IMissionRegistry.GoalInput memory) {
        return
            IMissionRegistry.GoalInput({
                metricKey: bytes32("reading_attainment"),
                baseline: baseline,
                target: target,
                firstPeriodEnd: NOW + YEAR,
                periodLength: YEAR,
                periodCount: 3,
                reportingWindow: 30 days,
                decimals: 1
            });
    }

    function _goals(uint256 n) internal pure returns (IMissionRegistry.GoalInput[] memory goals) {
        goals = new IMissionRegistry.GoalInput[](n);
        for (uint256 i = 0; i < n; ++i) {
            // Cast: test sizes are tiny.
            goals[i] = _goal(600 + uint64(i), 750 + uint64(i));
        }
    }

    function _create(string memory tag) internal returns (uint256) {
        return registry.createMission(tag, STEWARD, URI, DOC_HASH, _goals(1));
    }

    function _createWith(string memory tag, IMissionRegistry.GoalInput[] memory goals) internal returns (uint256) {
        return registry.createMission(tag, STEWARD, URI, DOC_HASH, goals);
    }

    function _join(uint256 id, address who, uint8 roles) internal {
        vm.prank(who);
        registry.join(id, roles);
    }

    function _activate(uint256 id) internal {
        vm.prank(STEWARD);
        registry.activate(id);
    }

    function _conclude(uint256 id) internal {
        vm.prank(STEWARD);
        registry.conclude(id);
    }
}

contract MissionRegistryTest is RegistryFixture {
    /*//////////////////////////////////////////////////////////////
                                 CREATE
    //////////////////////////////////////////////////////////////*/

    function test_Create_StoresMissionAndGoal() public {
        IMissionRegistry.GoalInput[] memory goals = _goals(1);
        vm.expectEmit(address(registry));
        emit IMissionRegistry.MissionCreated(1, bytes32("readingforall"), STEWARD, URI, DOC_HASH);
        vm.expectEmit(address(registry));
        emit IMissionRegistry.GoalVersionAdded(1, 1, 0, URI, DOC_HASH, goals);
        uint256 id = registry.createMission("#ReadingForAll", STEWARD, URI, DOC_HASH, goals);

        assertEq(id, 1, "id");
        assertEq(registry.missionCount(), 1, "count");
        IMissionRegistry.Mission memory m = registry.getMission(id);
        assertEq(m.steward, STEWARD, "steward");
        assertEq(uint256(m.status), uint256(IMissionRegistry.MissionStatus.Draft), "status");
        assertEq(m.versionCount, 1, "versions");
        assertEq(m.goalCount, 1, "goals");
        assertEq(m.createdAt, NOW, "createdAt");
        assertEq(m.participantCount, 0, "participants");
        assertEq(m.hashtag, bytes32("readingforall"), "hashtag");

        IMissionRegistry.Goal memory g = registry.getGoal(id, 0);
        assertEq(g.baseline, 600, "baseline");
        assertEq(g.target, 750, "target");
        assertEq(g.firstPeriodEnd, NOW + YEAR, "firstPeriodEnd");
        assertEq(g.periodLength, YEAR, "periodLength");
        assertEq(g.periodCount, 3, "periodCount");
        assertEq(g.reportingWindow, 30 days, "reportingWindow");
        assertEq(g.decimals, 1, "decimals");
        assertEq(g.version, 1, "version");

        (bytes32 hash, uint8 first, uint8 count) = registry.getVersion(id, 1);
        assertEq(hash, DOC_HASH, "hash");
        assertEq(first, 0, "first");
        assertEq(count, 1, "count");
        assertEq(registry.missionIdOf("readingforall"), id, "lookup");
        assertEq(registry.missionIdOf("#READINGFORALL"), id, "lookup upper");
    }

    function test_Create_SequentialIdsAndDecreasingGoal() public {
        _create("first");
        IMissionRegistry.GoalInput[] memory goals = _goals(1);
        goals[0].baseline = 900;
        goals[0].target = 300;
        goals[0].periodCount = 1;
        goals[0].periodLength = 0;
        goals[0].decimals = 18;
        uint256 id = _createWith("second", goals);
        assertEq(id, 2, "second id");
        assertEq(registry.missionCount(), 2, "count");
        assertEq(registry.getGoal(id, 0).target, 300, "decreasing target");
        (uint40 end, uint40 deadline) = registry.periodWindow(id, 0, 1);
        assertEq(end, NOW + YEAR, "single period end");
        assertEq(deadline, NOW + YEAR + 30 days, "single deadline");
    }

    function test_Create_SixteenGoals() public {
        uint256 id = _createWith("sixteen", _goals(16));
        (, uint8 first, uint8 count) = registry.getVersion(id, 1);
        assertEq(first, 0, "first");
        assertEq(count, 16, "count");
        assertEq(registry.getGoal(id, 15).baseline, 615, "last goal");
    }

    function test_Create_RevertWhen_HashtagTooShort() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.HashtagLength.selector, 2));
        _create("#ab");
    }

    function test_Create_RevertWhen_HashtagEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.HashtagLength.selector, 0));
        _create("");
    }

    function test_Create_RevertWhen_HashtagTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.HashtagLength.selector, 33));
        _create("#abcdefghijklmnopqrstuvwxyz0123456");
    }

    function test_Create_AcceptsThirtyTwoCharacters() public {
        uint256 id = _create("#ABCDEFGHIJKLMNOPQRSTUVWXYZ_01239");
        assertEq(registry.getMission(id).hashtag, bytes32("abcdefghijklmnopqrstuvwxyz_01239"), "32 chars");
    }

    function test_Create_RevertWhen_HashtagInvalidCharacter() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.HashtagInvalidCharacter.selector, 5, bytes1("-")));
        _create("#read-all");
    }

    function test_Create_RevertWhen_SecondHash() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.HashtagInvalidCharacter.selector, 1, bytes1("#")));
        _create("##reading");
    }

    function test_Create_RevertWhen_HashtagTakenCaseInsensitive() public {
        _create("#ReadingForAll");
        vm.expectRevert(
            abi.encodeWithSelector(IMissionRegistry.HashtagTaken.selector, bytes32("readingforall"), uint256(1))
        );
        _create("readingFORall");
    }

    function test_Create_RevertWhen_ZeroSteward() public {
        vm.expectRevert(IMissionRegistry.ZeroSteward.selector);
        registry.createMission("tag", address(0), URI, DOC_HASH, _goals(1));
    }

    function test_Create_RevertWhen_ZeroContentHash() public {
        vm.expectRevert(IMissionRegistry.ZeroContentHash.selector);
        registry.createMission("tag", STEWARD, URI, bytes32(0), _goals(1));
    }

    function test_Create_RevertWhen_NoGoals() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.GoalCount.selector, 0, 16));
        _createWith("tag", _goals(0));
    }

    function test_Create_RevertWhen_SeventeenGoals() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.GoalCount.selector, 17, 16));
        _createWith("tag", _goals(17));
    }

    function _expectInvalidGoal(IMissionRegistry.GoalInput memory bad, IMissionRegistry.GoalField reason) internal {
        IMissionRegistry.GoalInput[] memory goals = _goals(2);
        goals[1] = bad;
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.InvalidGoal.selector, 1, reason));
        _createWith("tag", goals);
    }

    function test_Create_RevertWhen_BaselineEqualsTarget() public {
        _expectInvalidGoal(_goal(700, 700), IMissionRegistry.GoalField.BaselineTarget);
    }

    function test_Create_RevertWhen_ZeroPeriodCount() public {
        IMissionRegistry.GoalInput memory g = _goal(1, 2);
        g.periodCount = 0;
        _expectInvalidGoal(g, IMissionRegistry.GoalField.PeriodCount);
    }

    function test_Create_RevertWhen_ZeroPeriodLengthWithPeriods() public {
        IMissionRegistry.GoalInput memory g = _goal(1, 2);
        g.periodLength = 0;
        _expectInvalidGoal(g, IMissionRegistry.GoalField.PeriodLength);
    }

    function test_Create_RevertWhen_ZeroReportingWindow() public {
        IMissionRegistry.GoalInput memory g = _goal(1, 2);
        g.reportingWindow = 0;
        _expectInvalidGoal(g, IMissionRegistry.GoalField.ReportingWindow);
    }

    function test_Create_RevertWhen_FirstPeriodEndNotInFuture() public {
        IMissionRegistry.GoalInput memory g = _goal(1, 2);
        g.firstPeriodEnd = NOW;
        _expectInvalidGoal(g, IMissionRegistry.GoalField.FirstPeriodEnd);
    }

    function test_Create_RevertWhen_DecimalsAbove18() public {
        IMissionRegistry.GoalInput memory g = _goal(1, 2);
        g.decimals = 19;
        _expectInvalidGoal(g, IMissionRegistry.GoalField.Decimals);
    }

    function test_Create_RevertWhen_ScheduleOverflows40Bits() public {
        IMissionRegistry.GoalInput memory g = _goal(1, 2);
        g.firstPeriodEnd = type(uint40).max - 10 days;
        g.periodCount = 1;
        _expectInvalidGoal(g, IMissionRegistry.GoalField.Schedule);
    }

    /*//////////////////////////////////////////////////////////////
                                 AMEND
    //////////////////////////////////////////////////////////////*/

    function test_Amend_AppendsVersionWithNewGoalIds() public {
        uint256 id = _createWith("tag", _goals(2));
        IMissionRegistry.GoalInput[] memory goals = _goals(3);
        goals[0].baseline = 10;
        vm.expectEmit(address(registry));
        emit IMissionRegistry.GoalVersionAdded(id, 2, 2, "ipfs://v2", DOC_HASH_2, goals);
        vm.prank(STEWARD);
        uint8 version = registry.amendGoals(id, "ipfs://v2", DOC_HASH_2, goals);
        assertEq(version, 2, "version");

        IMissionRegistry.Mission memory m = registry.getMission(id);
        assertEq(m.versionCount, 2, "versionCount");
        assertEq(m.goalCount, 5, "goalCount");
        (bytes32 h1, uint8 f1, uint8 c1) = registry.getVersion(id, 1);
        (bytes32 h2, uint8 f2, uint8 c2) = registry.getVersion(id, 2);
        assertEq(h1, DOC_HASH, "h1");
        assertEq(f1, 0, "f1");
        assertEq(c1, 2, "c1");
        assertEq(h2, DOC_HASH_2, "h2");
        assertEq(f2, 2, "f2");
        assertEq(c2, 3, "c2");
        assertEq(registry.getGoal(id, 0).baseline, 600, "old goal unchanged");
        assertEq(registry.getGoal(id, 0).version, 1, "old goal version");
        assertEq(registry.getGoal(id, 2).baseline, 10, "new goal");
        assertEq(registry.getGoal(id, 2).version, 2, "new goal version");

        // A third version in Active: version 2's range is now bounded by version 3's start.
        _activate(id);
        vm.prank(STEWARD);
        registry.amendGoals(id, "ipfs://v3", DOC_HASH, _goals(1));
        (, f2, c2) = registry.getVersion(id, 2);
        (, uint8 f3, uint8 c3) = registry.getVersion(id, 3);
        assertEq(c2, 3, "c2 after v3");
        assertEq(f3, 5, "f3");
        assertEq(c3, 1, "c3");
    }

    function test_Amend_RevertWhen_NotSteward() public {
        uint256 id = _create("tag");
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.NotSteward.selector, id, ALICE));
        vm.prank(ALICE);
        registry.amendGoals(id, URI, DOC_HASH, _goals(1));
    }

    function test_Amend_RevertWhen_Concluded() public {
        uint256 id = _create("tag");
        _activate(id);
        _conclude(id);
        vm.expectRevert(
            abi.encodeWithSelector(IMissionRegistry.WrongState.selector, id, IMissionRegistry.MissionStatus.Concluded)
        );
        vm.prank(STEWARD);
        registry.amendGoals(id, URI, DOC_HASH, _goals(1));
    }

    function test_Amend_RevertWhen_ZeroContentHash() public {
        uint256 id = _create("tag");
        vm.expectRevert(IMissionRegistry.ZeroContentHash.selector);
        vm.prank(STEWARD);
        registry.amendGoals(id, URI, bytes32(0), _goals(1));
    }

    function test_Amend_RevertWhen_InvalidGoal() public {
        uint256 id = _create("tag");
        vm.expectRevert(
            abi.encodeWithSelector(IMissionRegistry.InvalidGoal.selector, 0, IMissionRegistry.GoalField.BaselineTarget)
        );
        IMissionRegistry.GoalInput[] memory goals = _goals(1);
        goals[0].target = goals[0].baseline;
        vm.prank(STEWARD);
        registry.amendGoals(id, URI, DOC_HASH, goals);
    }

    function test_Amend_RevertWhen_UnknownMission() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, 7));
        vm.prank(STEWARD);
        registry.amendGoals(7, URI, DOC_HASH, _goals(1));
    }

    function test_Amend_RevertWhen_MoreThan255GoalsInTotal() public {
        uint256 id = _createWith("tag", _goals(16));
        vm.startPrank(STEWARD);
        for (uint256 i = 0; i < 14; ++i) registry.amendGoals(id, URI, DOC_HASH, _goals(16));
        // 240 goals now: 15 more fit, 16 do not.
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.GoalCount.selector, 16, 15));
        registry.amendGoals(id, URI, DOC_HASH, _goals(16));
        registry.amendGoals(id, URI, DOC_HASH, _goals(15));
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.GoalCount.selector, 1, 0));
        registry.amendGoals(id, URI, DOC_HASH, _goals(1));
        vm.stopPrank();
        assertEq(registry.getMission(id).goalCount, 255, "goalCount");
        assertEq(registry.getGoal(id, 254).version, 16, "last goal version");
    }

    function test_Amend_RevertWhen_255Versions() public {
        uint256 id = _create("tag");
        IMissionRegistry.GoalInput[] memory one = _goals(1);
        vm.startPrank(STEWARD);
        for (uint256 i = 0; i < 254; ++i) registry.amendGoals(id, URI, DOC_HASH, one);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.TooManyVersions.selector, id));
        registry.amendGoals(id, URI, DOC_HASH, one);
        vm.stopPrank();
        (, uint8 first, uint8 count) = registry.getVersion(id, 255);
        assertEq(first, 254, "first");
        assertEq(count, 1, "count");
    }

    /*//////////////////////////////////////////////////////////////
                               LIFECYCLE
    //////////////////////////////////////////////////////////////*/

    function test_Lifecycle_ActivateThenConclude() public {
        uint256 id = _create("tag");
        vm.expectEmit(address(registry));
        emit IMissionRegistry.MissionStatusChanged(
            id,
            IMissionRegistry.MissionStatus.Draft,
            IMissionRegistry.MissionStatus.Active
        );
        _activate(id);
        assertEq(uint256(registry.getMission(id).status), 2, "active");
        vm.expectEmit(address(registry));
        emit IMissionRegistry.MissionStatusChanged(
            id,
            IMissionRegistry.MissionStatus.Active,
            IMissionRegistry.MissionStatus.Concluded
        );
        _conclude(id);
        assertEq(uint256(registry.getMission(id).status), 3, "concluded");
    }

    function test_Activate_RevertWhen_NotSteward() public {
        uint256 id = _create("tag");
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.NotSteward.selector, id, ALICE));
        vm.prank(ALICE);
        registry.activate(id);
    }

    function test_Activate_RevertWhen_AlreadyActive() public {
        uint256 id = _create("tag");
        _activate(id);
        vm.expectRevert(
            abi.encodeWithSelector(IMissionRegistry.WrongState.selector, id, IMissionRegistry.MissionStatus.Active)
        );
        _activate(id);
    }

    function test_Activate_RevertWhen_UnknownMission() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, 1));
        _activate(1);
    }

    function test_Conclude_RevertWhen_Draft() public {
        uint256 id = _create("tag");
        vm.expectRevert(
            abi.encodeWithSelector(IMissionRegistry.WrongState.selector, id, IMissionRegistry.MissionStatus.Draft)
        );
        _conclude(id);
    }

    function test_Conclude_RevertWhen_NotSteward() public {
        uint256 id = _create("tag");
        _activate(id);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.NotSteward.selector, id, BOB));
        vm.prank(BOB);
        registry.conclude(id);
    }

    function test_TransferSteward_HandsOver() public {
        uint256 id = _create("tag");
        vm.expectEmit(address(registry));
        emit IMissionRegistry.StewardTransferred(id, STEWARD, ALICE);
        vm.prank(STEWARD);
        registry.transferSteward(id, ALICE);
        assertEq(registry.getMission(id).steward, ALICE, "steward");
        vm.prank(ALICE);
        registry.activate(id);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.NotSteward.selector, id, STEWARD));
        _conclude(id);
    }

    function test_TransferSteward_RevertWhen_Zero() public {
        uint256 id = _create("tag");
        vm.expectRevert(IMissionRegistry.ZeroSteward.selector);
        vm.prank(STEWARD);
        registry.transferSteward(id, address(0));
    }

    function test_TransferSteward_RevertWhen_NotSteward() public {
        uint256 id = _create("tag");
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.NotSteward.selector, id, ALICE));
        vm.prank(ALICE);
        registry.transferSteward(id, ALICE);
    }

    /*//////////////////////////////////////////////////////////////
                             PARTICIPATION
    //////////////////////////////////////////////////////////////*/

    function test_Join_RecordsParticipantAndAddsRoles() public {
        uint256 id = _create("tag");
        vm.warp(NOW + 100);
        vm.expectEmit(address(registry));
        emit IMissionRegistry.ParticipantJoined(id, ALICE, 1);
        _join(id, ALICE, 1);
        IMissionRegistry.Participant memory p = registry.getParticipant(id, ALICE);
        assertEq(p.roles, 1, "roles");
        assertEq(p.joinedAt, NOW + 100, "joinedAt");
        assertEq(registry.getMission(id).participantCount, 1, "count");

        vm.warp(NOW + 200);
        vm.expectEmit(address(registry));
        emit IMissionRegistry.ParticipantJoined(id, ALICE, 1 | 8);
        _join(id, ALICE, 8);
        p = registry.getParticipant(id, ALICE);
        assertEq(p.roles, 9, "roles added");
        assertEq(p.joinedAt, NOW + 100, "joinedAt kept");
        assertEq(registry.getMission(id).participantCount, 1, "count unchanged");
        assertTrue(registry.hasRoles(id, ALICE, 9), "has both");
        assertTrue(registry.hasRoles(id, ALICE, 8), "has investor");
        assertTrue(!registry.hasRoles(id, ALICE, 2), "not provider");
        assertTrue(!registry.hasRoles(id, BOB, 0), "bob not joined");

        _activate(id);
        _join(id, BOB, 31);
        assertEq(registry.getMission(id).participantCount, 2, "two");
    }

    /// @dev `hasRoles` asks for every bit of `roles`, not any: holding Funder | Investor (9), a query that adds
    /// Provider (11) or asks for Provider | Evaluator (6) is false, and so is one for all roles; `roles = 0` asks only
    /// whether the account joined.
    function test_HasRoles_RequiresEveryBitAsked() public {
        uint256 id = _create("tag");
        _join(id, ALICE, 1 | 8);
        assertTrue(registry.hasRoles(id, ALICE, 1 | 8), "both held");
        assertTrue(registry.hasRoles(id, ALICE, 1), "funder alone");
        assertTrue(!registry.hasRoles(id, ALICE, 1 | 2 | 8), "held two of three");
        assertTrue(!registry.hasRoles(id, ALICE, 1 | 2), "funder held, provider not");
        assertTrue(!registry.hasRoles(id, ALICE, 2 | 4), "neither held");
        assertTrue(!registry.hasRoles(id, ALICE, registry.ALL_ROLES()), "not every role");
        assertTrue(registry.hasRoles(id, ALICE, 0), "roles = 0: alice joined");
        assertTrue(!registry.hasRoles(id, BOB, 0), "roles = 0: bob did not");
        _join(id, BOB, registry.ALL_ROLES());
        assertTrue(registry.hasRoles(id, BOB, registry.ALL_ROLES()), "bob holds every role");
        assertTrue(registry.hasRoles(id, BOB, 2 | 4 | 16), "any subset of them");
    }

    function test_Join_RevertWhen_ZeroRoles() public {
        uint256 id = _create("tag");
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.InvalidRoles.selector, 0));
        _join(id, ALICE, 0);
    }

    function test_Join_RevertWhen_UndefinedRoleBit() public {
        uint256 id = _create("tag");
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.InvalidRoles.selector, 33));
        _join(id, ALICE, 33);
    }

    function test_Join_RevertWhen_UnknownMission() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, 3));
        _join(3, ALICE, 1);
    }

    function test_Join_RevertWhen_Concluded() public {
        uint256 id = _create("tag");
        _activate(id);
        _conclude(id);
        vm.expectRevert(
            abi.encodeWithSelector(IMissionRegistry.WrongState.selector, id, IMissionRegistry.MissionStatus.Concluded)
        );
        _join(id, ALICE, 1);
    }

    function test_Pledge_CountsAndEmits() public {
        uint256 id = _create("tag");
        _join(id, ALICE, 2);
        vm.expectEmit(address(registry));
        emit IMissionRegistry.Pledged(id, ALICE, 0, "ipfs://pledge0", DOC_HASH);
        vm.prank(ALICE);
        registry.pledge(id, "ipfs://pledge0", DOC_HASH);
        vm.expectEmit(address(registry));
        emit IMissionRegistry.Pledged(id, ALICE, 1, "ipfs://pledge1", DOC_HASH_2);
        vm.prank(ALICE);
        registry.pledge(id, "ipfs://pledge1", DOC_HASH_2);
        assertEq(registry.getParticipant(id, ALICE).pledgeCount, 2, "pledges");
    }

    function test_Pledge_RevertWhen_NotParticipant() public {
        uint256 id = _create("tag");
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.NotParticipant.selector, id, BOB));
        vm.prank(BOB);
        registry.pledge(id, "x", DOC_HASH);
    }

    function test_Pledge_RevertWhen_Concluded() public {
        uint256 id = _create("tag");
        _join(id, ALICE, 2);
        _activate(id);
        _conclude(id);
        vm.expectRevert(
            abi.encodeWithSelector(IMissionRegistry.WrongState.selector, id, IMissionRegistry.MissionStatus.Concluded)
        );
        vm.prank(ALICE);
        registry.pledge(id, "x", DOC_HASH);
    }

    function test_Pledge_RevertWhen_UnknownMission() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, 9));
        vm.prank(ALICE);
        registry.pledge(9, "x", DOC_HASH);
    }

    function test_Endorse_CountsOncePerContribution() public {
        uint256 id = _create("tag");
        _join(id, ALICE, 1);
        _join(id, BOB, 2);
        assertTrue(!registry.hasEndorsed(id, ALICE, BOB, DOC_HASH), "not yet");
        vm.expectEmit(address(registry));
        emit IMissionRegistry.Endorsed(id, ALICE, BOB, DOC_HASH);
        vm.prank(ALICE);
        registry.endorse(id, BOB, DOC_HASH);
        assertTrue(registry.hasEndorsed(id, ALICE, BOB, DOC_HASH), "endorsed");
        assertTrue(!registry.hasEndorsed(id, BOB, ALICE, DOC_HASH), "direction matters");

        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.AlreadyEndorsed.selector, id, ALICE, BOB, DOC_HASH));
        vm.prank(ALICE);
        registry.endorse(id, BOB, DOC_HASH);

        vm.prank(ALICE);
        registry.endorse(id, BOB, DOC_HASH_2);
        vm.prank(BOB);
        registry.endorse(id, ALICE, DOC_HASH);
        assertEq(registry.getParticipant(id, ALICE).endorsementsGiven, 2, "alice given");
        assertEq(registry.getParticipant(id, ALICE).endorsementsReceived, 1, "alice received");
        assertEq(registry.getParticipant(id, BOB).endorsementsGiven, 1, "bob given");
        assertEq(registry.getParticipant(id, BOB).endorsementsReceived, 2, "bob received");
    }

    function test_Endorse_AllowedAfterConclusion() public {
        uint256 id = _create("tag");
        _join(id, ALICE, 1);
        _join(id, BOB, 2);
        _activate(id);
        _conclude(id);
        vm.prank(ALICE);
        registry.endorse(id, BOB, DOC_HASH);
        assertEq(registry.getParticipant(id, BOB).endorsementsReceived, 1, "received");
    }

    function test_Endorse_RevertWhen_Self() public {
        uint256 id = _create("tag");
        _join(id, ALICE, 1);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.SelfEndorsement.selector, ALICE));
        vm.prank(ALICE);
        registry.endorse(id, ALICE, DOC_HASH);
    }

    function test_Endorse_RevertWhen_EndorserNotJoined() public {
        uint256 id = _create("tag");
        _join(id, BOB, 1);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.NotParticipant.selector, id, CAROL));
        vm.prank(CAROL);
        registry.endorse(id, BOB, DOC_HASH);
    }

    function test_Endorse_RevertWhen_ParticipantNotJoined() public {
        uint256 id = _create("tag");
        _join(id, ALICE, 1);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.NotParticipant.selector, id, CAROL));
        vm.prank(ALICE);
        registry.endorse(id, CAROL, DOC_HASH);
    }

    function test_Participation_IsPerMission() public {
        uint256 a = _create("mission_a");
        uint256 b = _create("mission_b");
        _join(a, ALICE, 1);
        _join(a, BOB, 1);
        _join(b, BOB, 1);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.NotParticipant.selector, b, ALICE));
        vm.prank(ALICE);
        registry.endorse(b, BOB, DOC_HASH);
        assertEq(registry.getMission(b).participantCount, 1, "b count");
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function test_MissionStatusAndStewardOf() public {
        assertEq(uint256(registry.missionStatus(1)), 0, "unknown is None");
        uint256 id = _create("tag");
        assertEq(uint256(registry.missionStatus(id)), 1, "draft");
        assertEq(registry.stewardOf(id), STEWARD, "steward");
        _activate(id);
        assertEq(uint256(registry.missionStatus(id)), 2, "active");
        vm.prank(STEWARD);
        registry.transferSteward(id, BOB);
        assertEq(registry.stewardOf(id), BOB, "new steward");
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, 2));
        registry.stewardOf(2);
    }

    function test_GetMission_RevertWhen_Unknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, 0));
        registry.getMission(0);
    }

    function test_MissionIdOf_RevertWhen_Unknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.HashtagNotFound.selector, bytes32("nothere")));
        registry.missionIdOf("#NotHere");
    }

    function test_MissionIdOf_RevertWhen_Invalid() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.HashtagInvalidCharacter.selector, 2, bytes1(" ")));
        registry.missionIdOf("ab c");
    }

    function test_NormalizeHashtag() public view {
        assertEq(registry.normalizeHashtag("#Healthy_Ageing_2030"), bytes32("healthy_ageing_2030"), "normalised");
        assertEq(registry.normalizeHashtag("abc"), bytes32("abc"), "no hash");
    }

    function test_GetGoal_RevertWhen_Unknown() public {
        uint256 id = _createWith("tag", _goals(2));
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.GoalNotFound.selector, id, 2));
        registry.getGoal(id, 2);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, 5));
        registry.getGoal(5, 0);
    }

    function test_GetVersion_RevertWhen_Unknown() public {
        uint256 id = _create("tag");
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.VersionNotFound.selector, id, 0));
        registry.getVersion(id, 0);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.VersionNotFound.selector, id, 2));
        registry.getVersion(id, 2);
    }

    function test_PeriodWindow_EveryPeriod() public {
        uint256 id = _create("tag");
        for (uint16 p = 1; p <= 3; ++p) {
            (uint40 end, uint40 deadline) = registry.periodWindow(id, 0, p);
            assertEq(end, NOW + uint256(p) * YEAR, "end");
            assertEq(deadline, NOW + uint256(p) * YEAR + 30 days, "deadline");
        }
    }

    function test_PeriodWindow_RevertWhen_OutOfRange() public {
        uint256 id = _create("tag");
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.PeriodOutOfRange.selector, id, 0, 0));
        registry.periodWindow(id, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.PeriodOutOfRange.selector, id, 0, 4));
        registry.periodWindow(id, 0, 4);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.GoalNotFound.selector, id, 1));
        registry.periodWindow(id, 1, 1);
    }
}
