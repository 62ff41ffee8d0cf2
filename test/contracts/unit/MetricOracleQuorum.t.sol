// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "../fixtures/OracleFixture.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IMetricOracle} from "../../../contracts/oracle/IMetricOracle.sol";

/// @notice Quorum logic for every k ≤ n ≤ 16: k - 1 reports collect, the k-th proposes the median, in any order.
contract MetricOracleQuorumTest is OracleFixture {
    function _runQuorum(uint256 n, uint8 k, uint256 seed, uint16 missionId) internal {
        registry.setMission(missionId, steward);
        registry.addGoal(missionId, _goal(3));
        vm.prank(steward);
        oracle.setCommittee(missionId, _input(n, k));
        // Members report in a rotated order, values from the seed.
        uint256 offset = seed % n;
        uint64[] memory vals = new uint64[](k);
        for (uint256 j = 0; j < k; ++j) {
            uint256 who = (offset + j) % n;
            uint64 value = uint64(uint256(keccak256(abi.encode(seed, j))) % 1e6); // cast: < 1e6
            vals[j] = value;
            assertEq(
                uint256(oracle.slotStatus(missionId, V1, GOAL, 1)),
                uint256(j == 0 ? IMetricFeed.SlotStatus.None : IMetricFeed.SlotStatus.Collecting),
                "before quorum"
            );
            vm.prank(members[who]);
            oracle.report(_rFor(missionId, value));
        }
        assertEq(
            uint256(oracle.slotStatus(missionId, V1, GOAL, 1)),
            uint256(IMetricFeed.SlotStatus.Proposed),
            "proposed"
        );
        assertEq(oracle.getSlot(missionId, V1, GOAL, 1).value, _lowerMiddle(vals), "median");
    }

    function _rFor(uint256 missionId, uint64 value) internal pure returns (IMetricOracle.Report memory r) {
        r = IMetricOracle.Report({
            missionId: missionId,
            version: 1,
            goalId: GOAL,
            period: 1,
            value: value,
            evidenceHash: bytes32(0)
        });
    }

    function _lowerMiddle(uint64[] memory v) internal pure returns (uint64) {
        uint256 n = v.length;
        uint64[] memory s = new uint64[](n);
        for (uint256 i = 0; i < n; ++i) {
            s[i] = v[i];
        }
        // Selection sort: independent of the library under test.
        for (uint256 i = 0; i < n; ++i) {
            for (uint256 j = i + 1; j < n; ++j) {
                if (s[j] < s[i]) (s[i], s[j]) = (s[j], s[i]);
            }
        }
        return s[(n - 1) / 2];
    }

    /// @dev For a fuzzed committee size n, every quorum k = 1…n.
    function testFuzz_Quorum_EveryK(uint256 nSeed, uint256 seed) public {
        uint256 n = bound(nSeed, 1, 16);
        _openWindow(1);
        for (uint8 k = 1; k <= n; ++k) {
            _runQuorum(n, k, seed, uint16(100 + k)); // cast: k ≤ 16
        }
    }

    /// @dev The full 16-member committee, every k.
    function test_Quorum_SixteenMembersEveryK() public {
        _openWindow(1);
        for (uint8 k = 1; k <= 16; ++k) {
            _runQuorum(16, k, k, uint16(200 + k)); // cast: k ≤ 16
        }
    }

    /// @dev Every n with k = n and k = 1 (the extremes).
    function test_Quorum_ExtremesEveryN() public {
        _openWindow(1);
        for (uint8 n = 1; n <= 16; ++n) {
            _runQuorum(n, n, n, uint16(300 + n)); // cast: n ≤ 16
            _runQuorum(n, 1, n, uint16(400 + n)); // cast: n ≤ 16
        }
    }
}
