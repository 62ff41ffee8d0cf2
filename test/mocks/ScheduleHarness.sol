// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {IPaymentSchedule} from "../../contracts/outcomes/IPaymentSchedule.sol";
import {ScheduleLib} from "../../contracts/outcomes/ScheduleLib.sol";
import {PayoutCurves} from "../../contracts/outcomes/PayoutCurves.sol";

/// @notice Exposes `ScheduleLib` over one `Ledger`, for the Solidity unit and fuzz tests (so reverts can be expected)
/// and for the mocha gas measurement of `settlePoint` (whole transactions). The header comes with every call, as a
/// consumer would read it from its clone arguments. Also builds points roots and proofs as views.
contract ScheduleHarness {
    IPaymentSchedule.Ledger private _ledger;

    /// @notice Pre-initialises the key ledgers of `keyCaps`' capped keys, as a consumer does at creation.
    function initKeys(uint128[] calldata keyCaps) external {
        ScheduleLib.initKeys(_ledger, keyCaps);
    }

    function commit(uint256 tier, uint256 amount) external {
        ScheduleLib.commit(_ledger, tier, amount);
    }

    function settlePoint(
        IPaymentSchedule.Header calldata h,
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external returns (IPaymentSchedule.PointResult memory) {
        return ScheduleLib.settlePoint(_ledger, h, index, pointBytes, proof);
    }

    /// @notice `settlePoint` as a consumer calls it (no return data): what the gas measurement sends.
    function settlePointQuiet(
        IPaymentSchedule.Header calldata h,
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external {
        ScheduleLib.settlePoint(_ledger, h, index, pointBytes, proof);
    }

    function previewPayment(
        IPaymentSchedule.Header calldata h,
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external view returns (IPaymentSchedule.PointResult memory) {
        return ScheduleLib.previewPayment(_ledger, h, index, pointBytes, proof);
    }

    function validate(IPaymentSchedule.Schedule memory s) external pure {
        ScheduleLib.validate(s);
    }

    function pointsRoot(IPaymentSchedule.Point[] memory points) external pure returns (bytes32) {
        return ScheduleLib.pointsRoot(points);
    }

    function encodePoint(IPaymentSchedule.Point memory point) external pure returns (bytes memory) {
        return ScheduleLib.encodePoint(point);
    }

    function leaf(uint256 index, IPaymentSchedule.Point memory point) external pure returns (bytes32) {
        return ScheduleLib.leaf(index, point);
    }

    /// @notice The depth-4 proof of point `index` in the root of `points` (siblings from the leaf up).
    function pointProof(
        IPaymentSchedule.Point[] memory points,
        uint256 index
    ) external pure returns (bytes32[] memory proof) {
        bytes32[16] memory level;
        for (uint256 i; i < points.length; ++i) level[i] = ScheduleLib.leaf(i, points[i]);
        proof = new bytes32[](4);
        uint256 pos = index;
        uint256 depth;
        for (uint256 width = 8; width != 0; width >>= 1) {
            proof[depth++] = level[pos ^ 1];
            for (uint256 j; j < width; ++j) level[j] = Hashes.commutativeKeccak256(level[2 * j], level[2 * j + 1]);
            pos >>= 1;
        }
    }

    function uniformVersions(uint16 version) external pure returns (uint256) {
        return ScheduleLib.uniformVersions(version);
    }

    function achievementOver(
        PayoutCurves.Curve memory c,
        uint64 value,
        uint64 ceilingWad
    ) external pure returns (uint256) {
        return PayoutCurves.achievementOverWad(c, value, ceilingWad);
    }

    function achievement(PayoutCurves.Curve memory c, uint64 value) external pure returns (uint256) {
        return PayoutCurves.achievementWad(c, value);
    }

    function payerPaid(uint256 tier, uint256 commitment) external view returns (uint256) {
        return ScheduleLib.payerPaid(_ledger, tier, commitment);
    }

    function payerRefund(uint256 tier, uint256 commitment) external view returns (uint256) {
        return ScheduleLib.payerRefund(_ledger, tier, commitment);
    }

    function allSettled(uint256 pointCount) external view returns (bool) {
        return ScheduleLib.allSettled(_ledger, pointCount);
    }

    function totalPaid() external view returns (uint256) {
        return _ledger.totalPaid;
    }

    function totalCommitted() external view returns (uint256) {
        return _ledger.totalCommitted;
    }

    function settled() external view returns (uint256) {
        return _ledger.settled;
    }

    function keyPaid(uint256 key) external view returns (uint256) {
        return ScheduleLib.keyPaidOf(_ledger, key);
    }

    /// @notice The whole ledger in one call (the differential test against the TypeScript mirror compares it).
    function ledger() external view returns (IPaymentSchedule.Ledger memory) {
        return ScheduleLib.books(_ledger);
    }

    function tierBook(uint256 tier) external view returns (uint256 committed, uint256 paid) {
        IPaymentSchedule.TierBook memory b = _ledger.tierBooks[tier];
        return (b.committed, b.paid);
    }
}
