// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MathLib} from "../libraries/MathLib.sol";

/// @title RepaymentLib
/// @notice The repayment curve of an impact pool: how many times their disbursed principal investors get back as a
/// function of the composite achievement (WAD, 1e18 = 100 %).
/// - composite 0 (including "no data") or below `thresholdWad` → 0;
/// - from `thresholdWad` (0) up to `principalAtWad` (WAD, the principal) linearly; when the two points coincide the
///   multiple jumps straight to WAD there;
/// - from `principalAtWad` (WAD) up to full achievement (WAD + `maxReturnWad`) linearly; when `principalAtWad` is
///   WAD, the return is only earned at full achievement;
/// - full achievement or above → WAD + `maxReturnWad`.
/// @dev Every result is rounded DOWN, which favours the outcome payers. The curve is monotone non-decreasing.
library RepaymentLib {
    /// @notice The curve's three points (see the library notice).
    /// @param thresholdWad Composite achievement below which investors get nothing back.
    /// @param principalAtWad Composite achievement at which investors get exactly their disbursed principal back.
    /// @param maxReturnWad Return on top of the principal at full achievement (0.1e18 = +10 %).
    struct Curve {
        uint64 thresholdWad;
        uint64 principalAtWad;
        uint64 maxReturnWad;
    }

    /// @notice The principal point lies above full achievement (`principalAtWad` > WAD).
    error PrincipalPointAboveFull(uint64 principalAtWad);
    /// @notice The threshold lies above the principal point.
    error ThresholdAbovePrincipalPoint(uint64 thresholdWad, uint64 principalAtWad);

    /// @notice Reverts unless threshold ≤ principalAt ≤ WAD.
    function validate(Curve memory c) internal pure {
        if (c.principalAtWad > MathLib.WAD) revert PrincipalPointAboveFull(c.principalAtWad);
        if (c.thresholdWad > c.principalAtWad) revert ThresholdAbovePrincipalPoint(c.thresholdWad, c.principalAtWad);
    }

    /// @notice The repayment multiple (WAD = the principal) at composite achievement `compositeWad`, rounded down
    /// (favours the outcome payers). Assumes `validate(c)` passed.
    function multipleWad(Curve memory c, uint256 compositeWad) internal pure returns (uint256) {
        if (compositeWad == 0 || compositeWad < c.thresholdWad) return 0;
        if (compositeWad >= MathLib.WAD) return MathLib.WAD + c.maxReturnWad;
        // Here threshold ≤ composite < WAD, so principalAt < WAD whenever composite ≥ principalAt.
        if (compositeWad >= c.principalAtWad) {
            // Rounded down (favours the outcome payers); maxReturnWad < 2^64 and the gap < 2^60: the product fits.
            return
                MathLib.WAD +
                MathLib.mulDivDown(c.maxReturnWad, compositeWad - c.principalAtWad, MathLib.WAD - c.principalAtWad);
        }
        // threshold ≤ composite < principalAt, so the span is positive.
        // Rounded down (favours the outcome payers); the gap < 2^60, so gap × WAD fits.
        return MathLib.wDivDown(compositeWad - c.thresholdWad, c.principalAtWad - c.thresholdWad);
    }
}
