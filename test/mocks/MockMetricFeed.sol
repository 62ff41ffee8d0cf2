// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricFeed} from "../../contracts/oracle/IMetricFeed.sol";

/// @notice Test feed: every slot's status, value and finalisation time are set directly. Slots are shared by every
/// committee version (the mock has no committees); `committeeVersion` returns what `setCommitteeVersion` set (0).
contract MockMetricFeed is IMetricFeed {
    struct Slot {
        SlotStatus status;
        uint64 value;
        uint40 finalizedAt;
    }

    mapping(bytes32 key => Slot slot) private _slots;
    mapping(uint256 missionId => uint16 version) private _versions;

    /// @notice Sets the version `committeeVersion` returns for `missionId`.
    function setCommitteeVersion(uint256 missionId, uint16 version) external {
        _versions[missionId] = version;
    }

    function committeeVersion(uint256 missionId) external view returns (uint16) {
        return _versions[missionId];
    }

    uint32 private _challengeWindow;
    uint32 private _arbitrationPeriod;

    /// @notice Sets the challenge window and arbitration period `slotTimeline` returns for every slot.
    function setTimeline(uint32 challengeWindow, uint32 arbitrationPeriod) external {
        (_challengeWindow, _arbitrationPeriod) = (challengeWindow, arbitrationPeriod);
    }

    /// @notice (0, challenge window, arbitration period): the mock has no registry, so no reporting deadline.
    function slotTimeline(uint256, uint16, uint8, uint16) external view returns (uint40, uint32, uint32) {
        return (0, _challengeWindow, _arbitrationPeriod);
    }

    event SlotSet(
        uint256 indexed missionId,
        uint8 indexed goalId,
        uint16 indexed period,
        SlotStatus status,
        uint64 value
    );

    /// @notice Sets a slot (any status; `finalizedAt` is only meaningful when Final).
    function setSlot(
        uint256 missionId,
        uint8 goalId,
        uint16 period,
        SlotStatus status,
        uint64 value,
        uint40 finalizedAt
    ) external {
        _slots[_key(missionId, goalId, period)] = Slot(status, value, finalizedAt);
        emit SlotSet(missionId, goalId, period, status, value);
    }

    /// @notice Shortcut: marks a slot Final with `value` at the current time.
    function setFinal(uint256 missionId, uint8 goalId, uint16 period, uint64 value) external {
        _slots[_key(missionId, goalId, period)] = Slot(SlotStatus.Final, value, uint40(block.timestamp));
        emit SlotSet(missionId, goalId, period, SlotStatus.Final, value);
    }

    function slotStatus(uint256 missionId, uint16, uint8 goalId, uint16 period) external view returns (SlotStatus) {
        return _slots[_key(missionId, goalId, period)].status;
    }

    function finalValue(
        uint256 missionId,
        uint16,
        uint8 goalId,
        uint16 period
    ) external view returns (uint64 value, uint40 finalizedAt) {
        Slot memory s = _slots[_key(missionId, goalId, period)];
        if (s.status != SlotStatus.Final) revert ValueNotFinal(missionId, goalId, period, s.status);
        return (s.value, s.finalizedAt);
    }

    function _key(uint256 missionId, uint8 goalId, uint16 period) private pure returns (bytes32) {
        return keccak256(abi.encode(missionId, goalId, period));
    }
}
