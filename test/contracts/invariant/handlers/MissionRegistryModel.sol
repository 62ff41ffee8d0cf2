// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {MissionRegistry} from "../../../../contracts/registry/MissionRegistry.sol";
import {IMissionRegistry} from "../../../../contracts/registry/IMissionRegistry.sol";

/// @notice The ghost model of the registry, written from `IMissionRegistry`'s rules (not from the contract): every
/// mission (hashtag, steward, status, versions, goals, creation time), every goal as it must read, every participant
/// record and every endorsement. `MissionRegistryHandler` predicts each call's outcome from it; `_checkModel`
/// compares the registry with it after every call (`checkGoals` walks the goals too).
abstract contract MissionRegistryModel is HandlerBase {
    MissionRegistry public registry;

    address[4] internal _actors = [address(0xA1), address(0xA2), address(0xA3), address(0xA4)];
    /// @dev Never a steward nor a participant: stewards are actors only.
    address internal constant OUTSIDER = address(0x0B5);

    struct MissionModel {
        uint256 tagSeed;
        bytes32 hashtag;
        address steward;
        IMissionRegistry.MissionStatus status;
        uint8 versions;
        uint8 goals;
        uint40 createdAt;
        uint32 participants;
    }

    uint256 public created;
    uint256 public endorsements;
    mapping(uint256 missionId => MissionModel) internal _mm;
    mapping(bytes32 hashtag => uint256 missionId) internal _idOfTag;
    mapping(uint256 missionId => mapping(uint8 goalId => IMissionRegistry.Goal)) internal _goal;
    mapping(uint256 missionId => mapping(uint8 version => uint8 firstGoalId)) internal _first;
    mapping(uint256 missionId => mapping(uint8 version => bytes32 contentHash)) internal _content;
    mapping(uint256 missionId => mapping(address account => IMissionRegistry.Participant)) internal _part;
    mapping(bytes32 key => bool) internal _endorsed;
    /// @dev Highest status ever observed per mission (the invariant checks the live status never drops below).
    mapping(uint256 missionId => uint256 status) public maxStatus;
    /// @notice Goal-list amendments refused because the mission had less room than 16 goals (the clamp's edge).
    uint256 public roomEdgesHit;

    /// @dev After every action the registry equals the model.
    modifier track() {
        _;
        _checkModel();
    }

    constructor(MissionRegistry registry_) {
        registry = registry_;
    }

    function actor(uint256 i) public view returns (address) {
        return _actors[i % _actors.length];
    }

    /// @notice Everyone who may join: the four actors (0…3) and the outsider (4).
    function account(uint256 i) external view returns (address) {
        return i < 4 ? _actors[i] : OUTSIDER;
    }

    function accountCount() external pure returns (uint256) {
        return 5;
    }

    /// @notice The model's goal `g` of mission `id` (as `getGoal` must return it).
    function goalOf(uint256 id, uint8 g) external view returns (IMissionRegistry.Goal memory) {
        return _goal[id][g];
    }

    /*//////////////////////////////////////////////////////////////
                               THE MODEL
    //////////////////////////////////////////////////////////////*/

    /// @dev A lowercase tag unique per seed: "m" + 20 letters a…p from the seed's nibbles.
    function _tag(uint256 seed) internal pure returns (bytes memory tag) {
        tag = new bytes(21);
        tag[0] = "m";
        for (uint256 i = 1; i < 21; ++i) tag[i] = bytes1(uint8(0x61 + ((seed >> (i * 4)) & 0x0f)));
    }

    /// @dev The same tag as the registry must read it: "#" + uppercase (normalises to the lowercase form).
    function _shouted(uint256 seed) internal pure returns (bytes memory tag) {
        bytes memory lower = _tag(seed);
        tag = new bytes(lower.length + 1);
        tag[0] = "#";
        for (uint256 i; i < lower.length; ++i) tag[i + 1] = bytes1(uint8(lower[i]) - 0x20);
    }

    /// @dev `n` valid goals from `seed`; when `bad` < n, goal `bad` ends its first period at `firstEnd` instead.
    function _goals(
        uint256 seed,
        uint256 n,
        uint256 bad,
        uint256 firstEnd
    ) internal view returns (IMissionRegistry.GoalInput[] memory goals) {
        goals = new IMissionRegistry.GoalInput[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            // Casts: values are bounded far below each type's range.
            uint64 baseline = uint64(r % 1000);
            goals[i] = IMissionRegistry.GoalInput({
                metricKey: bytes32(r),
                baseline: baseline,
                target: (r >> 200) % 2 == 0 ? baseline + 1 + uint64((r >> 16) % 1000) : baseline / 2,
                firstPeriodEnd: uint40(block.timestamp + 1 days + ((r >> 32) % 365 days)),
                periodLength: uint32(1 days + ((r >> 64) % 365 days)),
                periodCount: uint8(1 + ((r >> 96) % 12)),
                reportingWindow: uint32(1 + ((r >> 128) % 60 days)),
                decimals: uint8((r >> 160) % 19)
            });
            if (goals[i].target == baseline) goals[i].target = baseline + 1; // baseline 0 or 1 halved
            if (i == bad) goals[i].firstPeriodEnd = uint40(firstEnd); // cast: test timestamps are small
        }
    }

    /// @dev What `_validateGoal`'s rules refuse in `goals`: the first goal whose first period does not end after now.
    function _invalidGoal(IMissionRegistry.GoalInput[] memory goals) internal view returns (bytes memory) {
        for (uint256 i; i < goals.length; ++i) {
            if (goals[i].firstPeriodEnd <= block.timestamp) {
                return
                    abi.encodeWithSelector(
                        IMissionRegistry.InvalidGoal.selector,
                        i,
                        IMissionRegistry.GoalField.FirstPeriodEnd
                    );
            }
        }
        return "";
    }

    /// @dev Appends `goals` as goal version `version` of mission `id` in the model.
    function _writeGoals(
        uint256 id,
        uint8 version,
        bytes32 contentHash,
        IMissionRegistry.GoalInput[] memory goals
    ) internal {
        MissionModel storage m = _mm[id];
        _first[id][version] = m.goals;
        _content[id][version] = contentHash;
        for (uint256 i; i < goals.length; ++i) {
            IMissionRegistry.GoalInput memory g = goals[i];
            // Cast: at most 255 goals per mission.
            _goal[id][uint8(m.goals + i)] = IMissionRegistry.Goal(
                g.baseline,
                g.target,
                g.firstPeriodEnd,
                g.periodLength,
                g.periodCount,
                g.reportingWindow,
                g.decimals,
                version
            );
        }
        m.goals += uint8(goals.length); // cast: checked ≤ 255 in total by the model before the call
        m.versions = version;
        // The goals just written read back as the model wrote them (all goals are checked again at the end of a run).
        for (uint8 g = _first[id][version]; g < m.goals; ++g) {
            bytes32 got = keccak256(abi.encode(registry.getGoal(id, g)));
            assertEq(got, keccak256(abi.encode(_goal[id][g])), "model: goal as written");
        }
    }

    function _notFound(uint256 id) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, id);
    }

    function _wrongState(uint256 id) internal view returns (bytes memory) {
        return abi.encodeWithSelector(IMissionRegistry.WrongState.selector, id, _mm[id].status);
    }

    /// @dev The steward-only rules: the mission exists, then the caller is its steward.
    function _stewardError(uint256 id, address caller) internal view returns (bytes memory) {
        if (id == 0 || id > created) return _notFound(id);
        if (caller != _mm[id].steward) {
            return abi.encodeWithSelector(IMissionRegistry.NotSteward.selector, id, caller);
        }
        return "";
    }

    function _endorsementKey(uint256 id, address from, address to, bytes32 c) internal pure returns (bytes32) {
        return keccak256(abi.encode(id, from, to, c));
    }

    /*//////////////////////////////////////////////////////////////
                                CHECKS
    //////////////////////////////////////////////////////////////*/

    /// @notice The registry's missions and participants equal the model (reverts on the first difference).
    function checkModel() external view {
        _checkModel();
    }

    function _checkModel() internal view {
        assertEq(registry.missionCount(), created, "model: mission count");
        for (uint256 id = 1; id <= created; ++id) {
            MissionModel storage m = _mm[id];
            IMissionRegistry.Mission memory r = registry.getMission(id);
            assertEq(r.hashtag, m.hashtag, "model: hashtag");
            assertEq(r.steward, m.steward, "model: steward");
            assertEq(uint256(r.status), uint256(m.status), "model: status");
            assertEq(r.versionCount, m.versions, "model: versions");
            assertEq(r.goalCount, m.goals, "model: goals");
            assertEq(r.createdAt, m.createdAt, "model: created at");
            assertEq(r.participantCount, m.participants, "model: participants");
            for (uint256 a; a < 4; ++a) _checkParticipant(id, _actors[a]);
            _checkParticipant(id, OUTSIDER);
        }
    }

    /// @dev One participant record, and `hasRoles` for its own mask (held), a mask with one more bit (not held), and
    /// that bit alone (not held).
    function _checkParticipant(uint256 id, address a) internal view {
        IMissionRegistry.Participant memory want = _part[id][a];
        assertEq(keccak256(abi.encode(registry.getParticipant(id, a))), keccak256(abi.encode(want)), "model: part");
        uint8 held = want.roles;
        assertTrue(registry.hasRoles(id, a, held) == (held != 0), "model: hasRoles(held)");
        if (held == 0x1f) return;
        uint8 missing = 1;
        while (held & missing != 0) missing <<= 1; // the lowest role bit not held (held < 0x1f)
        assertTrue(!registry.hasRoles(id, a, held | missing), "model: hasRoles(held + one more)");
        assertTrue(!registry.hasRoles(id, a, missing), "model: hasRoles(a role not held)");
    }

    /// @notice Every goal and version of every mission reads exactly as the model wrote it.
    function checkGoals() external view {
        for (uint256 id = 1; id <= created; ++id) {
            MissionModel storage m = _mm[id];
            for (uint8 v = 1; v <= m.versions; ++v) {
                (bytes32 contentHash, uint8 first, uint8 n) = registry.getVersion(id, v);
                assertEq(contentHash, _content[id][v], "model: content hash");
                assertEq(first, _first[id][v], "model: first goal");
                assertEq(n, (v == m.versions ? m.goals : _first[id][v + 1]) - first, "model: version size");
            }
            for (uint8 g; g < m.goals; ++g) {
                bytes32 got = keccak256(abi.encode(registry.getGoal(id, g)));
                assertEq(got, keccak256(abi.encode(_goal[id][g])), "model: goal");
            }
        }
    }
}
