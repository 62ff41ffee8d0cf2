// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {TestBase} from "../utils/TestBase.sol";
import {MathLib} from "../../../contracts/libraries/MathLib.sol";

/// @dev External wrappers so that reverts can be expected.
contract MathLibHarness {
    function mulDivDown(uint256 x, uint256 y, uint256 d) external pure returns (uint256) {
        return MathLib.mulDivDown(x, y, d);
    }
}

contract MathLibTest is TestBase {
    MathLibHarness internal h = new MathLibHarness();

    bytes internal constant OVERFLOW = abi.encodeWithSignature("Panic(uint256)", 0x11);
    bytes internal constant DIV_BY_ZERO = abi.encodeWithSignature("Panic(uint256)", 0x12);

    function test_Units() public pure {
        assertEq(MathLib.WAD, 1e18, "WAD");
        assertEq(MathLib.BPS, 10_000, "BPS");
    }

    function test_MulDiv_RoundingSides() public pure {
        assertEq(MathLib.mulDivDown(10, 10, 3), 33, "down");
        assertEq(MathLib.mulDivDown(9, 10, 3), 30, "exact down");
        assertEq(MathLib.mulDivDown(0, 10, 3), 0, "zero down");
        assertEq(MathLib.wMulDown(3, 0.5e18), 1, "wMulDown");
        assertEq(MathLib.wDivDown(1, 3), 333_333_333_333_333_333, "wDivDown");
        assertEq(MathLib.wDivDown(2, 1), 2e18, "wDivDown whole");
        assertEq(MathLib.bpsMulDown(999, 5_000), 499, "bpsMulDown");
    }

    function test_MulDiv_RevertWhen_ProductOverflows() public {
        vm.expectRevert(OVERFLOW);
        h.mulDivDown(type(uint256).max, 2, 4);
    }

    function test_MulDiv_RevertWhen_DivisorZero() public {
        vm.expectRevert(DIV_BY_ZERO);
        h.mulDivDown(1, 1, 0);
        vm.expectRevert(DIV_BY_ZERO);
        h.mulDivDown(0, 1, 0);
    }

    /// @dev The checked version agrees with OpenZeppelin's 512-bit `Math.mulDiv` wherever the product fits, and never
    /// exceeds the exact quotient: the remainder it drops is below one unit.
    function testFuzz_MulDiv_MatchesOpenZeppelin(uint256 x, uint256 y, uint256 d) public pure {
        x = bound(x, 0, type(uint128).max);
        y = bound(y, 0, type(uint128).max);
        d = bound(d, 1, type(uint256).max);
        uint256 down = MathLib.mulDivDown(x, y, d);
        assertEq(down, Math.mulDiv(x, y, d, Math.Rounding.Floor), "down");
        assertEq(x * y - down * d, mulmod(x, y, d), "remainder dropped");
    }

    /// @dev Rounding down never pays out more than the exact share; a WAD fraction of at most WAD never exceeds x.
    function testFuzz_WMulDown_NeverExceeds(uint256 x, uint256 fractionWad) public pure {
        x = bound(x, 0, type(uint128).max);
        fractionWad = bound(fractionWad, 0, MathLib.WAD);
        uint256 part = MathLib.wMulDown(x, fractionWad);
        assertLe(part, x, "part <= whole");
        assertLe(part * MathLib.WAD, x * fractionWad, "down");
        assertGt(MathLib.WAD, x * fractionWad - part * MathLib.WAD, "less than one unit dropped");
        assertLe(MathLib.bpsMulDown(x, bound(fractionWad, 0, MathLib.BPS)), x, "bps part <= whole");
    }
}
