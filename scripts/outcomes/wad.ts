/**
 * The money arithmetic of `contracts/libraries/MathLib.sol` on bigints, for the TypeScript mirrors of the outcome
 * libraries: the same operations with the rounding side in the name, so a mirror gives the contracts' figures to the
 * wei.
 */

/** 1e18 = 100 %. */
export const WAD = 10n ** 18n;

/** ⌊x·y / d⌋. */
export const mulDivDown = (x: bigint, y: bigint, d: bigint): bigint => (x * y) / d;

/** ⌊x·yWad / WAD⌋. */
export const wMulDown = (x: bigint, yWad: bigint): bigint => (x * yWad) / WAD;

/** ⌊x·WAD / y⌋. */
export const wDivDown = (x: bigint, y: bigint): bigint => (x * WAD) / y;

/** The smaller of two amounts. */
export const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** a − b, or 0 when b ≥ a. */
export const saturatingSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);
