// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {MedianLib} from "../../../contracts/oracle/MedianLib.sol";

contract MedianHarness {
    function median(uint64[] memory values) external pure returns (uint64) {
        return MedianLib.medianInPlace(values);
    }
}

contract MedianLibTest is TestBase {
    MedianHarness internal h = new MedianHarness();

    function _list(uint256 seed, uint256 n) internal pure returns (uint64[] memory v) {
        v = new uint64[](n);
        for (uint256 i = 0; i < n; ++i) {
            v[i] = uint64(uint256(keccak256(abi.encode(seed, i))) % 1000); // cast: < 1000; small range → ties
        }
    }

    function test_Median_RevertWhen_Empty() public {
        vm.expectRevert(abi.encodeWithSelector(MedianLib.EmptyList.selector));
        h.median(new uint64[](0));
    }

    function test_Median_OddAndEven() public view {
        uint64[] memory v = new uint64[](5);
        (v[0], v[1], v[2], v[3], v[4]) = (9, 1, 7, 3, 5);
        assertEq(h.median(v), 5, "odd");
        v = new uint64[](4);
        (v[0], v[1], v[2], v[3]) = (type(uint64).max, 0, 8, 2);
        assertEq(h.median(v), 2, "even: lower middle");
        v = new uint64[](1);
        v[0] = 42;
        assertEq(h.median(v), 42, "single");
    }

    /// @dev The median lies between min and max and is the lower middle of the sorted list.
    function testFuzz_Median_BetweenMinAndMax(uint256 seed, uint256 n) public view {
        n = bound(n, 1, 16);
        uint64[] memory v = _list(seed, n);
        uint64 lo = type(uint64).max;
        uint64 hi = 0;
        for (uint256 i = 0; i < n; ++i) {
            if (v[i] < lo) lo = v[i];
            if (v[i] > hi) hi = v[i];
        }
        uint64 m = h.median(v);
        assertGe(m, lo, "above min");
        assertLe(m, hi, "below max");
        // At least half (rounded up) of the values are ≤ m, and more than half of the rest ≥ m.
        uint256 below;
        uint256 above;
        for (uint256 i = 0; i < n; ++i) {
            if (v[i] <= m) ++below;
            if (v[i] >= m) ++above;
        }
        assertGe(below, (n + 1) / 2, "lower half");
        assertGe(above, n / 2 + 1, "upper half");
    }

    /// @dev The median does not depend on the order of the reports.
    function testFuzz_Median_OrderIndependent(uint256 seed, uint256 shuffleSeed, uint256 n) public view {
        n = bound(n, 1, 16);
        uint64[] memory a = _list(seed, n);
        uint64[] memory b = new uint64[](n);
        for (uint256 i = 0; i < n; ++i) {
            b[i] = a[i];
        }
        for (uint256 i = n - 1; i > 0; --i) {
            uint256 j = uint256(keccak256(abi.encode(shuffleSeed, i))) % (i + 1);
            (b[i], b[j]) = (b[j], b[i]);
        }
        assertEq(h.median(a), h.median(b), "same median");
    }
}
