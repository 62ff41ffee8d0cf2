// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {IPaymentSchedule} from "../outcomes/IPaymentSchedule.sol";
import {ScheduleLib} from "../outcomes/ScheduleLib.sol";
import {ScheduleSlots} from "../outcomes/ScheduleSlots.sol";
import {OutcomeTermChecks} from "../outcomes/OutcomeTermChecks.sol";
import {EscrowChecks} from "../escrow/EscrowChecks.sol";

/// @title PoolScheduleChecks
/// @notice The schedule half of `ImpactPoolFactory.createScheduledPool`, as a deployed library (an external function,
/// called by DELEGATECALL): `ImpactPoolFactory` with `ScheduleLib.validate`, the points root and the slot walk inlined
/// would pass the 24 KiB code limit (`docs/payment-schedules.md`, Revisions). The checks are the scheduled escrow
/// factory's, shared, not copied: `ScheduleLib.validate`, `ScheduleSlots` (every slot, its registry check and
/// direction) and `EscrowChecks.checkTiming` (commitments closed by the period's end, the cut-off no earlier than
/// the slot can last change). What differs from an escrow: the slots may name several missions — each must be
/// Active, and each gets the committee version current now pinned, per point and lane — and no goal version is
/// pinned (as for a basket pool).
library PoolScheduleChecks {
    /// @notice Validates the schedule `abi.decode(scheduleAbi, (IPaymentSchedule.Schedule))` against the registry and
    /// the feed and returns the schedule's header as the pool's clone args carry it (`PoolConfigLib`: points root,
    /// counts, cap, tiers, key caps, one word of pinned versions per point) and the distinct missions its slots name,
    /// in first-read order. `raiseDeadline` is when the pool's commitments close; a point's cut-off is its deadline +
    /// `gracePeriod`.
    /// @dev Elementary types and bytes only: a library's ABI names contract and enum types by their Solidity names,
    /// which ABI tools (ethers) cannot parse.
    function prepare(
        address registry_,
        address feed_,
        bytes calldata scheduleAbi,
        uint256 gracePeriod,
        uint256 raiseDeadline
    ) external view returns (bytes memory header, uint256[] memory missions) {
        IMissionRegistry registry = IMissionRegistry(registry_);
        IMetricFeed feed = IMetricFeed(feed_);
        IPaymentSchedule.Schedule memory s = abi.decode(scheduleAbi, (IPaymentSchedule.Schedule));
        ScheduleLib.validate(s);
        // At most 16 points × 12 slots: room for as many distinct missions.
        uint256 most = ScheduleLib.MAX_POINTS * (ScheduleLib.MAX_TERMS + ScheduleLib.MAX_CONDITIONS);
        Pins memory pins = Pins(
            new uint256[](s.points.length),
            new uint256[](most),
            new uint256[](most),
            new uint256[](most),
            0
        );
        _walk(registry, feed, s, gracePeriod, raiseDeadline, pins);
        missions = new uint256[](pins.distinct);
        for (uint256 m; m < pins.distinct; ++m) missions[m] = pins.missions[m];
        header = _encode(s, pins.pointVersions);
    }

    /// @dev Per distinct mission (in first-read order): its id, pinned committee version and settling time; and the
    /// versions word of each point.
    struct Pins {
        uint256[] pointVersions;
        uint256[] missions;
        uint256[] versions;
        uint256[] settling;
        uint256 distinct;
    }

    /// @dev Every slot of every point of `s`, checked in order (`_checkSlot`).
    function _walk(
        IMissionRegistry registry,
        IMetricFeed feed,
        IPaymentSchedule.Schedule memory s,
        uint256 gracePeriod,
        uint256 raiseDeadline,
        Pins memory pins
    ) private view {
        ScheduleSlots.Slot memory slot;
        for (uint256 i; i < s.points.length; ++i) {
            IPaymentSchedule.Point memory p = s.points[i];
            uint256 n = ScheduleSlots.count(p);
            for (uint256 j; j < n; ++j) {
                ScheduleSlots.load(p, i, j, gracePeriod, slot);
                _checkSlot(registry, feed, raiseDeadline, slot, pins);
            }
        }
    }

    /// @dev Checks `slot` (its mission Active and pinned at its first read) and writes its version into its point's
    /// lane.
    function _checkSlot(
        IMissionRegistry registry,
        IMetricFeed feed,
        uint256 raiseDeadline,
        ScheduleSlots.Slot memory slot,
        Pins memory pins
    ) private view {
        uint256 m;
        // ≤ 192 slots, few missions: the linear search is small.
        while (m < pins.distinct && pins.missions[m] != slot.missionId) ++m;
        if (m == pins.distinct) {
            OutcomeTermChecks.checkMission(registry, slot.missionId);
            uint16 version = feed.committeeVersion(slot.missionId);
            pins.missions[m] = slot.missionId;
            pins.versions[m] = version;
            // The challenge window + arbitration period are per committee version: one read per mission.
            pins.settling[m] = OutcomeTermChecks.settlingTime(feed, slot.missionId, version, slot.goalId, slot.period);
            ++pins.distinct;
        }
        IMissionRegistry.Goal memory goal = ScheduleSlots.check(registry, slot);
        EscrowChecks.checkTiming(slot.index, goal, slot.period, raiseDeadline, pins.settling[m], slot.noDataAfter);
        uint256 point = slot.index / ScheduleSlots.LANES;
        pins.pointVersions[point] |= pins.versions[m] << (16 * (slot.index % ScheduleSlots.LANES));
    }

    /// @dev The header bytes (`PoolConfigLib` layout from `POINTS_ROOT_OFFSET`).
    function _encode(
        IPaymentSchedule.Schedule memory s,
        uint256[] memory pointVersions
    ) private pure returns (bytes memory out) {
        out = abi.encodePacked(
            ScheduleLib.pointsRoot(s.points),
            // casts: counts bounded by `ScheduleLib.validate` (16 points, 4 tiers, 16 key caps).
            uint8(s.points.length),
            uint8(s.tiers.length),
            uint8(s.keyCaps.length),
            s.cap
        );
        for (uint256 i; i < s.tiers.length; ++i) out = bytes.concat(out, bytes8(s.tiers[i].coPayWad));
        for (uint256 i; i < s.keyCaps.length; ++i) out = bytes.concat(out, bytes16(s.keyCaps[i]));
        out = bytes.concat(out, abi.encodePacked(pointVersions));
    }
}
