// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MissionRegistryModel} from "./MissionRegistryModel.sol";
import {MissionRegistry} from "../../../../contracts/registry/MissionRegistry.sol";
import {IMissionRegistry} from "../../../../contracts/registry/IMissionRegistry.sol";

/// @notice Drives the registry with bounded random actions from four actors and an outsider. The ghost model
/// (`MissionRegistryModel`) predicts every call's outcome exactly: a call it says must succeed has to succeed, and
/// one it says must fail has to revert with exactly the predicted error (`HandlerBase._outcome`). Refused calls are
/// made on purpose: a hashtag already taken (written "#UPPERCASE"), steward actions by a non-steward, an unknown
/// mission, amendments of a concluded mission, a goal whose first period ends at the current second (and one a second
/// later, which is valid), a goal list longer than the room a nearly full mission has left (`fill`), invalid role
/// masks, pledges and endorsements by non-participants, duplicate endorsements, and period windows read at period 0
/// and one past the last.
contract MissionRegistryHandler is MissionRegistryModel {
    /// @notice The mission `fill` filled in this run (0: none yet).
    uint256 public filled;

    constructor(MissionRegistry registry_) MissionRegistryModel(registry_) {}

    /// @dev A known mission from `seed`; one call in sixteen an unknown id (one past the last).
    function _pick(uint256 seed) internal returns (uint256) {
        // A run with no mission yet creates one first, so that no action is a silent no-op.
        if (created == 0) _create(seed, 1, 7);
        return seed % 16 == 15 ? created + 1 : 1 + (seed % created);
    }

    /// @dev The steward of mission `id` (two calls in three), else an actor that is not (or the outsider).
    function _caller(uint256 id, uint256 who) internal view returns (address) {
        address s = id <= created ? _mm[id].steward : actor(who);
        if (who % 3 != 0) return s;
        address other = actor(who >> 2);
        return other == s ? OUTSIDER : other;
    }

    /// @dev One in eight tries an existing mission's hashtag as "#UPPERCASE"; one in eight puts a goal's first period
    /// end at the current second (refused), one in eight one second later (accepted).
    function create(uint256 seed, uint256 goalCount, uint256 fault) external track {
        _create(seed, goalCount, fault);
    }

    function _create(uint256 seed, uint256 goalCount, uint256 fault) internal {
        uint256 n = bound(goalCount, 1, 4);
        uint256 tagSeed = seed;
        bytes memory tag = _tag(seed);
        if (fault % 8 == 0 && created > 0) {
            tagSeed = _mm[1 + ((fault >> 3) % created)].tagSeed;
            tag = _shouted(tagSeed);
        }
        bytes32 hashtag = bytes32(_tag(tagSeed));
        uint256 bad = fault % 8 == 1 || fault % 8 == 2 ? (fault >> 8) % n : type(uint256).max;
        IMissionRegistry.GoalInput[] memory goals = _goals(seed, n, bad, block.timestamp + (fault % 8 == 2 ? 1 : 0));
        address steward = actor(seed);
        bytes memory expected;
        if (_idOfTag[hashtag] != 0) {
            expected = abi.encodeWithSelector(IMissionRegistry.HashtagTaken.selector, hashtag, _idOfTag[hashtag]);
        } else {
            expected = _invalidGoal(goals);
        }
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeCall(registry.createMission, (string(tag), steward, "ipfs://m", keccak256(tag), goals))
        );
        _outcome("create", ok, ret, expected);
        if (!ok) return;
        assertEq(abi.decode(ret, (uint256)), created + 1, "create: the next id");
        uint256 id = ++created;
        _idOfTag[hashtag] = id;
        MissionModel storage m = _mm[id];
        m.tagSeed = tagSeed;
        m.hashtag = hashtag;
        m.steward = steward;
        m.status = IMissionRegistry.MissionStatus.Draft;
        m.createdAt = uint40(block.timestamp); // cast: test timestamps are small
        _writeGoals(id, 1, keccak256(tag), goals);
        maxStatus[id] = uint256(m.status);
    }

    /// @dev A new goal version by the steward or (one in three) someone else; one in five has a goal whose first
    /// period ends now.
    function amend(uint256 missionSeed, uint256 seed, uint256 goalCount, uint256 who) external track {
        uint256 id = _pick(missionSeed);
        uint256 n = bound(goalCount, 1, 3);
        _amend(id, _caller(id, who), _goals(seed, n, seed % 5 == 0 ? (seed >> 8) % n : n, block.timestamp));
    }

    function _amend(uint256 id, address caller, IMissionRegistry.GoalInput[] memory goals) internal returns (bool) {
        bytes memory expected = _stewardError(id, caller);
        MissionModel storage m = _mm[id];
        if (expected.length == 0) {
            uint256 room = 255 - uint256(m.goals);
            uint256 max = room < 16 ? room : 16;
            if (m.status != IMissionRegistry.MissionStatus.Draft && m.status != IMissionRegistry.MissionStatus.Active) {
                expected = _wrongState(id);
            } else if (m.versions == 255) {
                expected = abi.encodeWithSelector(IMissionRegistry.TooManyVersions.selector, id);
            } else if (goals.length > max) {
                expected = abi.encodeWithSelector(IMissionRegistry.GoalCount.selector, goals.length, max);
                if (room < 16) ++roomEdgesHit;
            } else {
                expected = _invalidGoal(goals);
            }
        }
        bytes32 contentHash = keccak256(abi.encode(id, m.versions, goals.length));
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeCall(registry.amendGoals, (id, "ipfs://v", contentHash, goals))
        );
        _outcome("amend", ok, ret, expected);
        if (!ok) return false;
        uint8 version = m.versions + 1;
        assertEq(abi.decode(ret, (uint8)), version, "amend: the next version");
        _writeGoals(id, version, contentHash, goals);
        return true;
    }

    /// @dev Fills a mission (by its steward) with 16-goal versions until it has 240…254 goals, so that less room
    /// than 16 is left; then an amendment one goal (or more) over that room must be refused with the room as the
    /// maximum, and one of exactly the room accepted. On a concluded or unknown mission one amendment is refused.
    /// Only one mission a run is filled (the costly part); later calls try its edge again.
    function fill(uint256 missionSeed, uint256 seed) external track {
        uint256 id = filled != 0 ? filled : _pick(missionSeed);
        MissionModel storage m = _mm[id];
        if (id > created || m.status == IMissionRegistry.MissionStatus.Concluded) return _amendOne(id, seed);
        filled = id;
        uint256 goal = 240 + (seed % 15);
        while (m.goals < goal) {
            uint256 n = goal - m.goals < 16 ? goal - m.goals : 16;
            if (!_amend(id, m.steward, _goals(seed ^ m.goals, n, n, 0))) return;
        }
        uint256 room = 255 - uint256(m.goals);
        if (room >= 16) return; // already refused above (WrongState), nothing more to try
        if (room > 0) {
            uint256 over = room + 1 + ((seed >> 8) % (16 - room));
            _amend(id, m.steward, _goals(seed, over, over, 0));
        }
        _amend(id, m.steward, _goals(seed >> 16, room == 0 ? 1 : room, 16, 0));
    }

    /// @dev One goal by the mission's steward (an actor for an unknown mission): MissionNotFound or WrongState.
    function _amendOne(uint256 id, uint256 seed) internal {
        _amend(id, id > created ? actor(seed) : _mm[id].steward, _goals(seed, 1, 1, 0));
    }

    function activate(uint256 missionSeed, uint256 who) external track {
        _advance(missionSeed, who, IMissionRegistry.MissionStatus.Draft);
    }

    function conclude(uint256 missionSeed, uint256 who) external track {
        _advance(missionSeed, who, IMissionRegistry.MissionStatus.Active);
    }

    function _advance(uint256 missionSeed, uint256 who, IMissionRegistry.MissionStatus from) internal {
        uint256 id = _pick(missionSeed);
        address caller = _caller(id, who);
        bytes memory expected = _stewardError(id, caller);
        if (expected.length == 0 && _mm[id].status != from) expected = _wrongState(id);
        vm.prank(caller);
        bool isActivate = from == IMissionRegistry.MissionStatus.Draft;
        (bool ok, bytes memory ret) = address(registry).call(
            isActivate ? abi.encodeCall(registry.activate, (id)) : abi.encodeCall(registry.conclude, (id))
        );
        _outcome(isActivate ? "activate" : "conclude", ok, ret, expected);
        if (!ok) return;
        // Cast: Draft → Active → Concluded are consecutive enum values.
        _mm[id].status = IMissionRegistry.MissionStatus(uint8(from) + 1);
        maxStatus[id] = uint256(_mm[id].status);
    }

    /// @dev To an actor, or (one in five) to the zero address (refused).
    function transferSteward(uint256 missionSeed, uint256 who, uint256 to) external track {
        uint256 id = _pick(missionSeed);
        address caller = _caller(id, who);
        address next = to % 5 == 0 ? address(0) : actor(to);
        bytes memory expected = _stewardError(id, caller);
        if (expected.length == 0 && next == address(0)) {
            expected = abi.encodeWithSelector(IMissionRegistry.ZeroSteward.selector);
        }
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(registry).call(abi.encodeCall(registry.transferSteward, (id, next)));
        _outcome("transferSteward", ok, ret, expected);
        if (ok) _mm[id].steward = next;
    }

    /// @dev Roles 1…31, or (one in eight) the raw mask, which may be zero or have undefined bits (refused).
    function join(uint256 missionSeed, uint256 actorSeed, uint8 roles) external track {
        uint256 id = _pick(missionSeed);
        _join(id, actor(actorSeed), roles % 8 == 0 ? roles : uint8(bound(roles, 1, 31)));
    }

    function _join(uint256 id, address who, uint8 roles) internal {
        bytes memory expected;
        if (roles == 0 || roles > 0x1f) {
            expected = abi.encodeWithSelector(IMissionRegistry.InvalidRoles.selector, roles);
        } else if (id > created) {
            expected = _notFound(id);
        } else if (_mm[id].status == IMissionRegistry.MissionStatus.Concluded) {
            expected = _wrongState(id);
        }
        vm.prank(who);
        (bool ok, bytes memory ret) = address(registry).call(abi.encodeCall(registry.join, (id, roles)));
        _outcome("join", ok, ret, expected);
        if (!ok) return;
        IMissionRegistry.Participant storage p = _part[id][who];
        if (p.roles == 0) {
            p.joinedAt = uint40(block.timestamp); // cast: test timestamps are small
            ++_mm[id].participants;
        }
        p.roles |= roles;
    }

    /// @dev By an actor (a participant or not) or, one in five, the outsider.
    function pledge(uint256 missionSeed, uint256 actorSeed) external track {
        uint256 id = _pick(missionSeed);
        address who = actorSeed % 5 == 4 ? OUTSIDER : actor(actorSeed);
        bytes memory expected;
        if (id > created) {
            expected = _notFound(id);
        } else if (_mm[id].status == IMissionRegistry.MissionStatus.Concluded) {
            expected = _wrongState(id);
        } else if (_part[id][who].roles == 0) {
            expected = abi.encodeWithSelector(IMissionRegistry.NotParticipant.selector, id, who);
        }
        vm.prank(who);
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeCall(registry.pledge, (id, "ipfs://p", bytes32(actorSeed)))
        );
        _outcome("pledge", ok, ret, expected);
        if (ok) ++_part[id][who].pledgeCount;
    }

    /// @dev Two calls in three first join both sides (when the mission allows it); a small contribution space so that
    /// duplicates are attempted too.
    function endorse(uint256 missionSeed, uint256 fromSeed, uint256 toSeed, uint8 contribution) external track {
        uint256 id = _pick(missionSeed);
        address from = actor(fromSeed);
        address to = toSeed % 5 == 4 ? OUTSIDER : actor(toSeed);
        if (contribution % 3 != 0) {
            _join(id, from, 16);
            _join(id, to, 2);
        }
        bytes32 c = bytes32(uint256(contribution % 4));
        bytes32 key = _endorsementKey(id, from, to, c);
        bytes memory expected;
        if (from == to) {
            expected = abi.encodeWithSelector(IMissionRegistry.SelfEndorsement.selector, from);
        } else if (_part[id][from].roles == 0) {
            expected = abi.encodeWithSelector(IMissionRegistry.NotParticipant.selector, id, from);
        } else if (_part[id][to].roles == 0) {
            expected = abi.encodeWithSelector(IMissionRegistry.NotParticipant.selector, id, to);
        } else if (_endorsed[key]) {
            expected = abi.encodeWithSelector(IMissionRegistry.AlreadyEndorsed.selector, id, from, to, c);
        }
        vm.prank(from);
        (bool ok, bytes memory ret) = address(registry).call(abi.encodeCall(registry.endorse, (id, to, c)));
        _outcome("endorse", ok, ret, expected);
        if (!ok) return;
        _endorsed[key] = true;
        ++_part[id][from].endorsementsGiven;
        ++_part[id][to].endorsementsReceived;
        ++endorsements;
        assertTrue(registry.hasEndorsed(id, from, to, c), "endorse: recorded");
    }

    /// @dev A goal's period window, at any period from 0 to one past the last (and a goal id one past the last):
    /// the end and deadline computed from the goal's rules, or exactly the predicted error.
    function readWindow(uint256 missionSeed, uint256 goalSeed, uint256 periodSeed) external track {
        uint256 id = _pick(missionSeed);
        uint8 g = id > created ? 0 : uint8(bound(goalSeed, 0, _mm[id].goals)); // cast: ≤ 255
        IMissionRegistry.Goal storage goal = _goal[id][g];
        uint16 p = uint16(bound(periodSeed, 0, uint256(goal.periodCount) + 1)); // cast: ≤ 256
        bytes memory expected;
        if (id > created) {
            expected = _notFound(id);
        } else if (g >= _mm[id].goals) {
            expected = abi.encodeWithSelector(IMissionRegistry.GoalNotFound.selector, id, g);
        } else if (p == 0 || p > goal.periodCount) {
            expected = abi.encodeWithSelector(IMissionRegistry.PeriodOutOfRange.selector, id, g, p);
        }
        (bool ok, bytes memory ret) = address(registry).staticcall(abi.encodeCall(registry.periodWindow, (id, g, p)));
        _outcome("readWindow", ok, ret, expected);
        if (!ok) return;
        (uint40 end, uint40 deadline) = abi.decode(ret, (uint40, uint40));
        uint256 wantEnd = uint256(goal.firstPeriodEnd) + uint256(p - 1) * goal.periodLength;
        assertEq(end, wantEnd, "readWindow: period end");
        assertEq(deadline, wantEnd + goal.reportingWindow, "readWindow: reporting deadline");
    }
}
