// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IMetricOracle} from "../../../contracts/oracle/IMetricOracle.sol";
import {PackedSlot, PackedSlotLib} from "../../../contracts/oracle/types/PackedSlot.sol";

contract PackedSlotTest is TestBase {
    function _slot(uint256 seed) internal pure returns (IMetricOracle.Slot memory s) {
        uint256 r = uint256(keccak256(abi.encode(seed)));
        // Casts: each takes the low bits of a random word for a field of that width; status is bounded to the enum.
        s.status = IMetricFeed.SlotStatus(r % (uint256(type(IMetricFeed.SlotStatus).max) + 1));
        s.reportCount = uint8(r >> 8);
        s.committeeVersion = uint16(r >> 16);
        s.reportedMask = uint16(r >> 32);
        s.quorum = uint8(r >> 48);
        s.reportingDeadline = uint40(r >> 64);
        s.challengeEnd = uint40(r >> 104);
        s.finalizedAt = uint40(r >> 144);
        s.value = uint64(r >> 184);
    }

    function _assertSlotEq(IMetricOracle.Slot memory a, IMetricOracle.Slot memory b) internal pure {
        assertEq(uint256(a.status), uint256(b.status), "status");
        assertEq(a.reportCount, b.reportCount, "reportCount");
        assertEq(a.committeeVersion, b.committeeVersion, "committeeVersion");
        assertEq(a.reportedMask, b.reportedMask, "reportedMask");
        assertEq(a.quorum, b.quorum, "quorum");
        assertEq(a.reportingDeadline, b.reportingDeadline, "reportingDeadline");
        assertEq(a.challengeEnd, b.challengeEnd, "challengeEnd");
        assertEq(a.finalizedAt, b.finalizedAt, "finalizedAt");
        assertEq(a.value, b.value, "value");
    }

    function test_PackedSlot_Zero() public pure {
        IMetricOracle.Slot memory empty;
        assertEq(PackedSlot.unwrap(PackedSlotLib.pack(empty)), 0, "empty slot packs to 0");
        _assertSlotEq(PackedSlot.wrap(0).unpack(), empty);
        assertEq(uint256(PackedSlot.wrap(0).status()), uint256(IMetricFeed.SlotStatus.None), "None");
    }

    /// @dev Each field sits at its named offset and nowhere else.
    function test_PackedSlot_Offsets() public pure {
        IMetricOracle.Slot memory s;
        s.value = type(uint64).max;
        assertEq(PackedSlot.unwrap(PackedSlotLib.pack(s)), uint256(type(uint64).max) << 184, "value");
        s.value = 0;
        s.reportingDeadline = type(uint40).max;
        assertEq(PackedSlot.unwrap(PackedSlotLib.pack(s)), uint256(type(uint40).max) << 64, "reportingDeadline");
        s.reportingDeadline = 0;
        s.quorum = type(uint8).max;
        assertEq(PackedSlot.unwrap(PackedSlotLib.pack(s)), uint256(type(uint8).max) << 48, "quorum");
        s.quorum = 0;
        s.committeeVersion = 7;
        assertEq(PackedSlot.unwrap(PackedSlotLib.pack(s)), 7 << 16, "committeeVersion");
        assertEq(PackedSlotLib.pack(s).committeeVersion(), 7, "committeeVersion accessor");
        s.status = IMetricFeed.SlotStatus.Final;
        assertEq(uint256(PackedSlotLib.pack(s).status()), uint256(IMetricFeed.SlotStatus.Final), "status accessor");
        assertEq(PackedSlotLib.VALUE_OFFSET + 64, 248, "the last field ends at bit 248");
    }

    /// @dev pack then unpack is the identity, the top byte stays clear, and the accessors agree with unpack.
    function testFuzz_PackedSlot_RoundTrip(uint256 seed) public pure {
        IMetricOracle.Slot memory s = _slot(seed);
        PackedSlot p = PackedSlotLib.pack(s);
        _assertSlotEq(p.unpack(), s);
        assertEq(PackedSlot.unwrap(p) >> 248, 0, "bits 248-255 clear");
        assertEq(uint256(p.status()), uint256(s.status), "status");
        assertEq(p.committeeVersion(), s.committeeVersion, "committeeVersion");
    }
}
