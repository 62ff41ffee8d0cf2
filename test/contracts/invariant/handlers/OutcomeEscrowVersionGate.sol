// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {MockMetricFeed} from "../../../mocks/MockMetricFeed.sol";

/// @notice The escrow suite's feed: the mock's slots, but held by one committee version only (`PINNED`, the version
/// current when the suite's escrows were created), as a real oracle holds each version's values apart. A read under
/// any other version finds nothing (None; `finalValue` reverts `ValueNotFinal`), so an escrow that read a later
/// committee's version — or its pinned version in one term only — would see a slot that never resolves.
contract OutcomeEscrowVersionGate is IMetricFeed {
    MockMetricFeed public immutable mock;
    uint16 public immutable PINNED;

    constructor(MockMetricFeed mock_, uint16 pinned) {
        mock = mock_;
        PINNED = pinned;
    }

    function committeeVersion(uint256 missionId) external view returns (uint16) {
        return mock.committeeVersion(missionId);
    }

    function slotStatus(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (SlotStatus) {
        return version == PINNED ? mock.slotStatus(missionId, version, goalId, period) : SlotStatus.None;
    }

    function finalValue(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (uint64 value, uint40 finalizedAt) {
        if (version != PINNED) revert ValueNotFinal(missionId, goalId, period, SlotStatus.None);
        return mock.finalValue(missionId, version, goalId, period);
    }

    function slotTimeline(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (uint40, uint32, uint32) {
        return mock.slotTimeline(missionId, version, goalId, period);
    }
}
