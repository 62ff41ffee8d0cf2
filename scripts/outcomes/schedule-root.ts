/**
 * The points root of a payment schedule and each point's proof, as `ScheduleLib.pointsRoot` builds and verifies them
 * (docs/payment-schedules.md): a fixed depth-4 tree over 16 leaves, leaf `i` = `keccak256(abi.encode(i, point))`,
 * missing points are `bytes32(0)` leaves, each inner node the keccak256 of its two children in ascending order
 * (OpenZeppelin `Hashes.commutativeKeccak256`, what `MerkleProof` verifies). A proof is the 4 siblings from the leaf
 * up; the point itself goes to `settlePoint` as `abi.encode(point)` (`pointAbi`).
 */
import { AbiCoder, concat, keccak256, ZeroHash } from "ethers";
import { MAX_POINTS, type PointStruct } from "../formats/schedule-structs.js";

/** `PayoutCurves.Curve`, `IPaymentSchedule.Condition`, `ScheduleTerm` and `Point` as ABI tuple types. */
const CURVE =
  "tuple(uint8 kind,bool lowerIsBetter,uint64 baseline,uint64 target,uint64 threshold,uint64 capWad,uint64[] stepValues,uint64[] stepRatiosWad)";
const CONDITION = "tuple(uint256 missionId,uint8 goalId,uint16 period,uint64 threshold,bool lowerIsBetter)";
const TERM = `tuple(uint256 missionId,uint8 goalId,uint16 period,uint8 key,uint8 kind,uint64 weightWad,${CURVE} curve,uint64 ceilingWad,uint8 source,uint64 referenceValue,bool lowerIsBetter,uint128 scaleWad,uint128 price,uint128 capPerPoint)`;
/** `IPaymentSchedule.Point` as an ABI type. */
export const POINT_TYPE = `tuple(uint40 deadline,bool cumulative,uint64 potWad,uint128 cap,tuple(bool any,${CONDITION}[] conditions) trigger,${TERM}[] terms)`;

/** Depth of the points tree: every proof has this many nodes. */
export const PROOF_DEPTH = 4;

const coder = AbiCoder.defaultAbiCoder();

/** `abi.encode(point)`: the bytes `settlePoint` / `previewPayment` take. */
export const pointAbi = (point: PointStruct): string => coder.encode([POINT_TYPE], [point]);

/** Leaf `index`: `keccak256(abi.encode(index, point))` (`ScheduleLib.leaf`). */
export const pointLeaf = (index: number, point: PointStruct): string =>
  keccak256(coder.encode(["uint256", POINT_TYPE], [index, point]));

/** `Hashes.commutativeKeccak256`: keccak256 of the two nodes, the smaller first. */
const hashPair = (a: string, b: string): string => keccak256(BigInt(a) < BigInt(b) ? concat([a, b]) : concat([b, a]));

/** The 16 leaves of `points` (1 to 16 of them; `bytes32(0)` for the missing ones). */
function leaves(points: PointStruct[]): string[] {
  if (points.length === 0 || points.length > MAX_POINTS)
    throw new RangeError(`a schedule has 1 to ${MAX_POINTS} points (got ${points.length})`);
  return Array.from({ length: MAX_POINTS }, (_, i) => {
    const p = points[i];
    return p === undefined ? ZeroHash : pointLeaf(i, p);
  });
}

/** The next level up of a tree level. */
const up = (level: string[]): string[] =>
  Array.from({ length: level.length / 2 }, (_, j) => hashPair(level[2 * j] ?? ZeroHash, level[2 * j + 1] ?? ZeroHash));

/** `ScheduleLib.pointsRoot(points)`. */
export function pointsRoot(points: PointStruct[]): string {
  let level = leaves(points);
  while (level.length > 1) level = up(level);
  return level[0] ?? ZeroHash;
}

/** The depth-4 proof of point `index` in `pointsRoot(points)`: the siblings from the leaf up. */
export function pointProof(points: PointStruct[], index: number): string[] {
  if (!Number.isInteger(index) || index < 0 || index >= points.length)
    throw new RangeError(`no point ${index} (the schedule has ${points.length})`);
  let level = leaves(points);
  let pos = index;
  const proof: string[] = [];
  while (level.length > 1) {
    proof.push(level[pos ^ 1] ?? ZeroHash);
    level = up(level);
    pos >>= 1;
  }
  return proof;
}
