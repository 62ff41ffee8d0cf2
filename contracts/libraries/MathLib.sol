// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title MathLib
/// @notice The one place where money is divided: fixed-point units (WAD, BPS) and multiply-then-divide with the
/// rounding side in the name. Every division that moves money in this suite goes through here.
/// @dev `mulDivDown` / `mulDivUp` use checked arithmetic: the product `x * y` must fit 256 bits, otherwise they
/// revert (Panic 0x11) — never a silently wrong result. Each call site states in a comment why its product fits.
/// Where a product may not fit, use `fullMulDivDown` / `fullMulDivUp` (OpenZeppelin `Math.mulDiv`, 512-bit).
/// Division by zero reverts (Panic 0x12) everywhere.
library MathLib {
    /// @notice Fixed-point one: 1e18 = 100 %.
    uint256 internal constant WAD = 1e18;
    /// @notice 100 % in basis points.
    uint256 internal constant BPS = 10_000;

    /// @notice `x * y / d`, rounded DOWN (towards zero). Reverts if `x * y` overflows or `d == 0`.
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return (x * y) / d;
    }

    /// @notice `x * y / d`, rounded UP (away from zero). Reverts if `x * y` overflows or `d == 0`.
    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        uint256 p = x * y;
        // A zero divisor must revert like `mulDivDown` (Math.ceilDiv would too, with its own panic).
        return p == 0 ? p / d : (p - 1) / d + 1;
    }

    /// @notice `x * y / d` over the full 512-bit product, rounded DOWN. Reverts if the result overflows or `d == 0`.
    function fullMulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return Math.mulDiv(x, y, d, Math.Rounding.Floor);
    }

    /// @notice `x * y / d` over the full 512-bit product, rounded UP. Reverts if the result overflows or `d == 0`.
    function fullMulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return Math.mulDiv(x, y, d, Math.Rounding.Ceil);
    }

    /// @notice `x * yWad / WAD` (scales `x` by a WAD fraction), rounded DOWN. Reverts if `x * yWad` overflows.
    function wMulDown(uint256 x, uint256 yWad) internal pure returns (uint256) {
        return (x * yWad) / WAD;
    }

    /// @notice `x * yWad / WAD`, rounded UP. Reverts if `x * yWad` overflows.
    function wMulUp(uint256 x, uint256 yWad) internal pure returns (uint256) {
        return mulDivUp(x, yWad, WAD);
    }

    /// @notice `x * WAD / y` (the WAD fraction `x / y`), rounded DOWN. Reverts if `x * WAD` overflows or `y == 0`.
    function wDivDown(uint256 x, uint256 y) internal pure returns (uint256) {
        return (x * WAD) / y;
    }

    /// @notice `x * WAD / y`, rounded UP. Reverts if `x * WAD` overflows or `y == 0`.
    function wDivUp(uint256 x, uint256 y) internal pure returns (uint256) {
        return mulDivUp(x, WAD, y);
    }

    /// @notice `x * bps / BPS` (a share in basis points of `x`), rounded DOWN. Reverts if `x * bps` overflows.
    function bpsMulDown(uint256 x, uint256 bps) internal pure returns (uint256) {
        return (x * bps) / BPS;
    }
}
