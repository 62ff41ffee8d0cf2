// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title MathLib
/// @notice The one place where money is divided: fixed-point units (WAD, BPS) and multiply-then-divide with the
/// rounding side in the name. Every division that moves money in this suite goes through here.
/// @dev Every payout in the suite rounds DOWN (the dust stays with whoever funded it), so the library has only the
/// rounding-down operations; a rounding-up one would be dead code and a place for a wrong choice. Each uses checked
/// arithmetic: the product must fit 256 bits, otherwise it reverts (Panic 0x11), never a silently wrong result, and
/// each call site states in a comment why its product fits. Division by zero reverts (Panic 0x12).
library MathLib {
    /// @notice Fixed-point one: 1e18 = 100 %.
    uint256 internal constant WAD = 1e18;
    /// @notice 100 % in basis points.
    uint256 internal constant BPS = 10_000;

    /// @notice `x * y / d`, rounded DOWN (towards zero). Reverts if `x * y` overflows or `d == 0`.
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return (x * y) / d;
    }

    /// @notice `x * yWad / WAD` (scales `x` by a WAD fraction), rounded DOWN. Reverts if `x * yWad` overflows.
    function wMulDown(uint256 x, uint256 yWad) internal pure returns (uint256) {
        return (x * yWad) / WAD;
    }

    /// @notice `x * WAD / y` (the WAD fraction `x / y`), rounded DOWN. Reverts if `x * WAD` overflows or `y == 0`.
    function wDivDown(uint256 x, uint256 y) internal pure returns (uint256) {
        return (x * WAD) / y;
    }

    /// @notice `x * bps / BPS` (a share in basis points of `x`), rounded DOWN. Reverts if `x * bps` overflows.
    function bpsMulDown(uint256 x, uint256 bps) internal pure returns (uint256) {
        return (x * bps) / BPS;
    }
}
