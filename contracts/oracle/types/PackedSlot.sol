// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricFeed} from "../IMetricFeed.sol";
import {IMetricOracle} from "../IMetricOracle.sol";

/// @notice One oracle slot (`IMetricOracle.Slot`) packed in one storage word, so that a state change costs one SLOAD
/// and one SSTORE. The layout is fixed by the named offsets below, not by the order of the struct's fields.
/// Layout (bits): status 0–7, reportCount 8–15, committeeVersion 16–31, reportedMask 32–47, quorum 48–55,
/// reportingDeadline 64–103, challengeEnd 104–143, finalizedAt 144–183, value 184–247; bits 56–63 and 248–255 are zero.
type PackedSlot is uint256;

using PackedSlotLib for PackedSlot global;

/// @title PackedSlotLib
/// @notice Packs and unpacks a `PackedSlot`, and reads single fields of it without unpacking.
library PackedSlotLib {
    uint256 internal constant STATUS_OFFSET = 0;
    uint256 internal constant REPORT_COUNT_OFFSET = 8;
    uint256 internal constant COMMITTEE_VERSION_OFFSET = 16;
    uint256 internal constant REPORTED_MASK_OFFSET = 32;
    uint256 internal constant QUORUM_OFFSET = 48;
    uint256 internal constant REPORTING_DEADLINE_OFFSET = 64;
    uint256 internal constant CHALLENGE_END_OFFSET = 104;
    uint256 internal constant FINALIZED_AT_OFFSET = 144;
    uint256 internal constant VALUE_OFFSET = 184;

    /// @notice The word of `s`; every field lands in its own bit range (each field's type is exactly its width).
    function pack(IMetricOracle.Slot memory s) internal pure returns (PackedSlot) {
        return
            PackedSlot.wrap(
                (uint256(s.status) << STATUS_OFFSET) |
                    (uint256(s.reportCount) << REPORT_COUNT_OFFSET) |
                    (uint256(s.committeeVersion) << COMMITTEE_VERSION_OFFSET) |
                    (uint256(s.reportedMask) << REPORTED_MASK_OFFSET) |
                    (uint256(s.quorum) << QUORUM_OFFSET) |
                    (uint256(s.reportingDeadline) << REPORTING_DEADLINE_OFFSET) |
                    (uint256(s.challengeEnd) << CHALLENGE_END_OFFSET) |
                    (uint256(s.finalizedAt) << FINALIZED_AT_OFFSET) |
                    (uint256(s.value) << VALUE_OFFSET)
            );
    }

    /// @notice The slot packed in `p`. Each cast keeps exactly the width `pack` wrote for that field.
    function unpack(PackedSlot p) internal pure returns (IMetricOracle.Slot memory s) {
        s.status = status(p);
        s.reportCount = uint8(PackedSlot.unwrap(p) >> REPORT_COUNT_OFFSET);
        s.committeeVersion = committeeVersion(p);
        s.reportedMask = uint16(PackedSlot.unwrap(p) >> REPORTED_MASK_OFFSET);
        s.quorum = uint8(PackedSlot.unwrap(p) >> QUORUM_OFFSET);
        s.reportingDeadline = uint40(PackedSlot.unwrap(p) >> REPORTING_DEADLINE_OFFSET);
        s.challengeEnd = uint40(PackedSlot.unwrap(p) >> CHALLENGE_END_OFFSET);
        s.finalizedAt = uint40(PackedSlot.unwrap(p) >> FINALIZED_AT_OFFSET);
        s.value = uint64(PackedSlot.unwrap(p) >> VALUE_OFFSET);
    }

    /// @notice The stored status (cast: the low 8 bits hold a `SlotStatus` written by `pack`).
    function status(PackedSlot p) internal pure returns (IMetricFeed.SlotStatus) {
        return IMetricFeed.SlotStatus(uint8(PackedSlot.unwrap(p) >> STATUS_OFFSET));
    }

    /// @notice The committee version the slot is bound to (cast: takes the 16 bits `pack` wrote).
    function committeeVersion(PackedSlot p) internal pure returns (uint16) {
        return uint16(PackedSlot.unwrap(p) >> COMMITTEE_VERSION_OFFSET);
    }
}
