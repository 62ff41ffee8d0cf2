/**
 * The points root of a payment schedule and each point's proof, as `ScheduleLib.pointsRoot` builds and verifies them
 * (docs/payment-schedules.md): a fixed depth-4 tree over 16 leaves, leaf `i` = `keccak256(abi.encodePacked(i, encodePoint(point)))`,
 * missing points are `bytes32(0)` leaves, each inner node the keccak256 of its two children in ascending order
 * (OpenZeppelin `Hashes.commutativeKeccak256`, what `MerkleProof` verifies). A proof is the 4 siblings from the leaf
 * up; the point itself goes to `settlePoint` packed (`pointBytes`, `ScheduleLib.encodePoint`).
 */
import { concat, keccak256, solidityPacked, toBeHex, ZeroHash } from "ethers";
import { MAX_POINTS, type PointStruct } from "../formats/schedule-structs.js";

/** Depth of the points tree: every proof has this many nodes. */
export const PROOF_DEPTH = 4;

/**
 * `ScheduleLib.encodePoint(point)`: the packed bytes `settlePoint` / `previewPayment` take (layout in ScheduleLib and
 * docs/payment-schedules.md).
 */
export function pointBytes(point: PointStruct): string {
  const { conditions } = point.trigger;
  const parts: string[] = [
    solidityPacked(
      ["uint40", "bool", "uint64", "uint128", "bool", "uint8", "uint8"],
      [
        point.deadline,
        point.cumulative,
        point.potWad,
        point.cap,
        point.trigger.any,
        conditions.length,
        point.terms.length,
      ],
    ),
  ];
  for (const c of conditions) {
    parts.push(
      solidityPacked(
        ["uint256", "uint8", "uint16", "uint64", "bool"],
        [c.missionId, c.goalId, c.period, c.threshold, c.lowerIsBetter],
      ),
    );
  }
  for (const t of point.terms) {
    const c = t.curve;
    parts.push(
      solidityPacked(
        ["uint256", "uint8", "uint16", "uint8", "uint8", "uint64", "uint64", "uint8", "uint64", "bool"],
        [
          t.missionId,
          t.goalId,
          t.period,
          t.key,
          t.kind,
          t.weightWad,
          t.ceilingWad,
          t.source,
          t.referenceValue,
          t.lowerIsBetter,
        ],
      ),
      solidityPacked(["uint128", "uint128", "uint128"], [t.scaleWad, t.price, t.capPerPoint]),
      solidityPacked(
        ["uint8", "bool", "uint64", "uint64", "uint64", "uint64", "uint8", "uint8"],
        [
          c.kind,
          c.lowerIsBetter,
          c.baseline,
          c.target,
          c.threshold,
          c.capWad,
          c.stepValues.length,
          c.stepRatiosWad.length,
        ],
      ),
      solidityPacked(
        [...c.stepValues.map(() => "uint64"), ...c.stepRatiosWad.map(() => "uint64")],
        [...c.stepValues, ...c.stepRatiosWad],
      ),
    );
  }
  return concat(parts);
}

/** Leaf `index`: `keccak256(abi.encodePacked(index, encodePoint(point)))` (`ScheduleLib.leaf`). */
export const pointLeaf = (index: number, point: PointStruct): string =>
  keccak256(concat([toBeHex(index, 32), pointBytes(point)]));

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
