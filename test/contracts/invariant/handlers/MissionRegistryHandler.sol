// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {MissionRegistry} from "../../../../contracts/registry/MissionRegistry.sol";
import {IMissionRegistry} from "../../../../contracts/registry/IMissionRegistry.sol";

/// @notice Drives the registry with bounded random actions from a few actors and keeps ghost state. Every revert
/// must be one of the errors allowed for its call (`HandlerBase`).
contract MissionRegistryHandler is HandlerBase {
    MissionRegistry public registry;

    address[4] internal _actors = [address(0xA1), address(0xA2), address(0xA3), address(0xA4)];

    uint256 public created;
    uint256 public endorsements;
    /// @dev Highest status ever observed per mission (the invariant checks the live status never drops below).
    mapping(uint256 missionId => uint256 status) public maxStatus;
    /// @dev keccak256 of every goal record as it was when written.
    mapping(uint256 missionId => mapping(uint8 goalId => bytes32 digest)) public goalDigest;

    constructor(MissionRegistry registry_) {
        registry = registry_;
    }

    function actor(uint256 i) public view returns (address) {
        return _actors[i % _actors.length];
    }

    function actorCount() external pure returns (uint256) {
        return 4;
    }

    function _goals(uint256 seed, uint256 n) internal view returns (IMissionRegistry.GoalInput[] memory goals) {
        goals = new IMissionRegistry.GoalInput[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            // Casts: values are bounded far below each type's range.
            uint64 baseline = uint64(r % 1000);
            goals[i] = IMissionRegistry.GoalInput({
                metricKey: bytes32(r),
                baseline: baseline,
                target: baseline + 1 + uint64((r >> 16) % 1000),
                firstPeriodEnd: uint40(block.timestamp + 1 days + ((r >> 32) % 365 days)),
                periodLength: uint32(1 days + ((r >> 64) % 365 days)),
                periodCount: uint8(1 + ((r >> 96) % 12)),
                reportingWindow: uint32(1 + ((r >> 128) % 60 days)),
                decimals: uint8((r >> 160) % 19)
            });
        }
    }

    function _missionId(uint256 seed) internal view returns (uint256) {
        uint256 count = registry.missionCount();
        return count == 0 ? 1 : 1 + (seed % count);
    }

    function _recordGoals(uint256 id) internal {
        uint8 count = registry.getMission(id).goalCount;
        for (uint8 g = 0; g < count; ++g) {
            if (goalDigest[id][g] == bytes32(0)) goalDigest[id][g] = keccak256(abi.encode(registry.getGoal(id, g)));
        }
    }

    function _observe(uint256 id) internal {
        uint256 status = uint256(registry.getMission(id).status);
        if (status > maxStatus[id]) maxStatus[id] = status;
    }

    function create(uint256 seed, uint256 goalCount) external {
        _create(seed, goalCount);
    }

    function _create(uint256 seed, uint256 goalCount) internal {
        goalCount = bound(goalCount, 1, 4);
        // A tag unique per seed: "m" + 20 hex-ish lowercase letters.
        bytes memory tag = new bytes(21);
        tag[0] = "m";
        for (uint256 i = 1; i < 21; ++i) tag[i] = bytes1(uint8(0x61 + ((seed >> (i * 4)) & 0x0f)));
        try
            registry.createMission(string(tag), actor(seed), "ipfs://m", keccak256(tag), _goals(seed, goalCount))
        returns (uint256 id) {
            ++created;
            _recordGoals(id);
            _observe(id);
            _ok("create");
        } catch (bytes memory reason) {
            _expectRevert("create", reason, _sel(IMissionRegistry.HashtagTaken.selector));
        }
    }

    function amend(uint256 missionSeed, uint256 seed, uint256 goalCount) external {
        // A run with no mission yet creates one first, so that no action is a silent no-op.
        if (registry.missionCount() == 0) _create(missionSeed, 1);
        uint256 id = _missionId(missionSeed);
        vm.prank(registry.getMission(id).steward);
        try registry.amendGoals(id, "ipfs://v", keccak256(abi.encode(seed)), _goals(seed, bound(goalCount, 1, 3))) {
            _recordGoals(id);
            _ok("amend");
        } catch (bytes memory reason) {
            _expectRevert(
                "amend",
                reason,
                _sel(
                    IMissionRegistry.WrongState.selector,
                    IMissionRegistry.TooManyVersions.selector,
                    IMissionRegistry.GoalCount.selector
                )
            );
        }
    }

    function activate(uint256 missionSeed) external {
        // A run with no mission yet creates one first, so that no action is a silent no-op.
        if (registry.missionCount() == 0) _create(missionSeed, 1);
        uint256 id = _missionId(missionSeed);
        vm.prank(registry.getMission(id).steward);
        try registry.activate(id) {
            _ok("activate");
        } catch (bytes memory reason) {
            _expectRevert("activate", reason, _sel(IMissionRegistry.WrongState.selector));
        }
        _observe(id);
    }

    function conclude(uint256 missionSeed) external {
        // A run with no mission yet creates one first, so that no action is a silent no-op.
        if (registry.missionCount() == 0) _create(missionSeed, 1);
        uint256 id = _missionId(missionSeed);
        vm.prank(registry.getMission(id).steward);
        try registry.conclude(id) {
            _ok("conclude");
        } catch (bytes memory reason) {
            _expectRevert("conclude", reason, _sel(IMissionRegistry.WrongState.selector));
        }
        _observe(id);
    }

    function transferSteward(uint256 missionSeed, uint256 actorSeed) external {
        // A run with no mission yet creates one first, so that no action is a silent no-op.
        if (registry.missionCount() == 0) _create(missionSeed, 1);
        uint256 id = _missionId(missionSeed);
        vm.prank(registry.getMission(id).steward);
        registry.transferSteward(id, actor(actorSeed));
        _ok("transferSteward");
    }

    function join(uint256 missionSeed, uint256 actorSeed, uint8 roles) external {
        // A run with no mission yet creates one first, so that no action is a silent no-op.
        if (registry.missionCount() == 0) _create(missionSeed, 1);
        uint256 id = _missionId(missionSeed);
        _join(id, actor(actorSeed), uint8(bound(roles, 1, 31)));
    }

    function pledge(uint256 missionSeed, uint256 actorSeed) external {
        // A run with no mission yet creates one first, so that no action is a silent no-op.
        if (registry.missionCount() == 0) _create(missionSeed, 1);
        uint256 id = _missionId(missionSeed);
        vm.prank(actor(actorSeed));
        try registry.pledge(id, "ipfs://p", bytes32(actorSeed)) {
            _ok("pledge");
        } catch (bytes memory reason) {
            _expectRevert(
                "pledge",
                reason,
                _sel(IMissionRegistry.WrongState.selector, IMissionRegistry.NotParticipant.selector)
            );
        }
    }

    function endorse(uint256 missionSeed, uint256 fromSeed, uint256 toSeed, uint8 contribution) external {
        // A run with no mission yet creates one first, so that no action is a silent no-op.
        if (registry.missionCount() == 0) _create(missionSeed, 1);
        uint256 id = _missionId(missionSeed);
        // Join both sides first (when the mission still allows it) so that most endorsements get through.
        _join(id, actor(fromSeed), 16);
        _join(id, actor(toSeed), 2);
        vm.prank(actor(fromSeed));
        // A small contribution space so duplicates are attempted too.
        try registry.endorse(id, actor(toSeed), bytes32(uint256(contribution % 4))) {
            ++endorsements;
            _ok("endorse");
        } catch (bytes memory reason) {
            _expectRevert(
                "endorse",
                reason,
                _sel(
                    IMissionRegistry.SelfEndorsement.selector,
                    IMissionRegistry.NotParticipant.selector,
                    IMissionRegistry.AlreadyEndorsed.selector
                )
            );
        }
    }

    /// @dev `who` joins mission `id` with `roles`; only a concluded mission refuses.
    function _join(uint256 id, address who, uint8 roles) internal {
        vm.prank(who);
        try registry.join(id, roles) {
            _ok("join");
        } catch (bytes memory reason) {
            _expectRevert("join", reason, _sel(IMissionRegistry.WrongState.selector));
        }
    }
}
