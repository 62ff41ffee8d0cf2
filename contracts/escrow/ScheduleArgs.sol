// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LibClone} from "solady/src/utils/LibClone.sol";
import {IScheduledEscrow} from "./IScheduledEscrow.sol";
import {IOutcomeEscrow} from "./IOutcomeEscrow.sol";
import {IPaymentSchedule} from "../outcomes/IPaymentSchedule.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {ScheduleLib} from "../outcomes/ScheduleLib.sol";

/// @title ScheduleArgs
/// @notice Packed immutable arguments of a `ScheduledEscrow` clone, the sibling of `EscrowArgs`: the schedule's
/// header (points root, counts, cap, tiers, key caps) and the beneficiaries live in the clone's code, so a settlement
/// reads them for the price of a code copy, and the points themselves are only committed to (`pointsRoot`).
/// @dev Layout (byte offsets): token 0..20, missionId 20..52, fundingDeadline 52..57, gracePeriod 57..61,
/// committeeVersion 61..63, goalVersion 63, pointCount 64, tierCount 65, keyCapCount 66, beneficiaryCount 67,
/// pointsRoot 68..100, cap 100..116, totalWeight 116..132, then tiers (coPayWad, 8 bytes each), then key caps
/// (16 bytes each), then beneficiaries (account 20 + weight 12 = 32 bytes each), then the creation index (8 bytes,
/// the last ones: it makes every escrow's CREATE2 address unique).
library ScheduleArgs {
    uint256 internal constant TOKEN_OFFSET = 0;
    uint256 internal constant MISSION_ID_OFFSET = 20;
    uint256 internal constant FUNDING_DEADLINE_OFFSET = 52;
    uint256 internal constant GRACE_PERIOD_OFFSET = 57;
    uint256 internal constant COMMITTEE_VERSION_OFFSET = 61;
    uint256 internal constant POINT_COUNT_OFFSET = 64;
    uint256 internal constant TIER_COUNT_OFFSET = 65;
    uint256 internal constant KEY_CAP_COUNT_OFFSET = 66;
    uint256 internal constant BENEFICIARY_COUNT_OFFSET = 67;
    uint256 internal constant POINTS_ROOT_OFFSET = 68;
    uint256 internal constant CAP_OFFSET = 100;
    uint256 internal constant TOTAL_WEIGHT_OFFSET = 116;
    uint256 internal constant TIERS_OFFSET = 132;
    uint256 internal constant TIER_SIZE = 8;
    uint256 internal constant KEY_CAP_SIZE = 16;
    uint256 internal constant BENEFICIARY_SIZE = 32;
    /// @notice Bytes of the creation index that ends the args.
    uint256 internal constant INDEX_SIZE = 8;
    /// @notice Bytes a deposit reads: token, funding deadline, … up to the tier count.
    uint256 internal constant DEPOSIT_HEAD = KEY_CAP_COUNT_OFFSET;

    /// @notice Packs `t` (already validated: ≤ 16 points, ≤ 4 tiers, ≤ 16 key caps, ≤ 32 beneficiaries).
    function encode(
        IScheduledEscrow.ScheduledTerms calldata t,
        bytes32 pointsRoot,
        uint256 weightSum,
        uint16 committeeVersion_,
        uint256 index
    ) internal pure returns (bytes memory args) {
        IPaymentSchedule.Schedule calldata s = t.paymentSchedule;
        args = abi.encodePacked(
            address(t.token),
            t.missionId,
            t.fundingDeadline,
            t.gracePeriod,
            committeeVersion_,
            t.goalVersion,
            // casts: counts bounded by the factory (16 points, 4 tiers, 16 key caps, 32 beneficiaries).
            uint8(s.points.length),
            uint8(s.tiers.length),
            uint8(s.keyCaps.length),
            uint8(t.beneficiaries.length)
        );
        // ≤ 32 weights of 2^96 each: fits 128 bits.
        args = bytes.concat(args, abi.encodePacked(pointsRoot, s.cap, uint128(weightSum)));
        for (uint256 i; i < s.tiers.length; ++i) args = bytes.concat(args, abi.encodePacked(s.tiers[i].coPayWad));
        for (uint256 i; i < s.keyCaps.length; ++i) args = bytes.concat(args, abi.encodePacked(s.keyCaps[i]));
        for (uint256 i; i < t.beneficiaries.length; ++i) {
            args = bytes.concat(args, abi.encodePacked(t.beneficiaries[i].account, t.beneficiaries[i].weight));
        }
        // The creation index: below 2^64.
        args = bytes.concat(args, bytes8(uint64(index)));
    }

    function token(bytes memory b) internal pure returns (IERC20) {
        return IERC20(address(bytes20(LibClone.argLoad(b, TOKEN_OFFSET))));
    }

    function fundingDeadline(bytes memory b) internal pure returns (uint256) {
        return uint40(bytes5(LibClone.argLoad(b, FUNDING_DEADLINE_OFFSET)));
    }

    function tierCount(bytes memory b) internal pure returns (uint256) {
        return uint8(b[TIER_COUNT_OFFSET]);
    }

    function pointCount(bytes memory b) internal pure returns (uint256) {
        return uint8(b[POINT_COUNT_OFFSET]);
    }

    function totalWeight(bytes memory b) internal pure returns (uint256) {
        return uint128(bytes16(LibClone.argLoad(b, TOTAL_WEIGHT_OFFSET)));
    }

    function beneficiaryCount(bytes memory b) internal pure returns (uint256) {
        return uint8(b[BENEFICIARY_COUNT_OFFSET]);
    }

    /// @notice Beneficiary `i`: account and weight.
    function beneficiary(bytes memory b, uint256 i) internal pure returns (address account, uint256 weight) {
        uint256 off = TIERS_OFFSET + TIER_SIZE * tierCount(b) + KEY_CAP_SIZE * uint8(b[KEY_CAP_COUNT_OFFSET]);
        bytes32 w = LibClone.argLoad(b, off + BENEFICIARY_SIZE * i);
        account = address(bytes20(w));
        // The low 12 bytes of the word are the weight.
        weight = uint96(uint256(w));
    }

    /// @notice The settlement header: every figure from the args but `funds`, the escrow's total deposited.
    function header(
        bytes memory b,
        IMetricFeed feed,
        uint256 funds
    ) internal pure returns (IPaymentSchedule.Header memory h) {
        h.feed = feed;
        h.pointsRoot = LibClone.argLoad(b, POINTS_ROOT_OFFSET);
        h.pointCount = uint8(b[POINT_COUNT_OFFSET]);
        h.gracePeriod = uint32(bytes4(LibClone.argLoad(b, GRACE_PERIOD_OFFSET)));
        // cast: funds is the ledger's totalCommitted, a uint120.
        h.funds = uint128(funds);
        h.cap = uint128(bytes16(LibClone.argLoad(b, CAP_OFFSET)));
        h.versions = ScheduleLib.uniformVersions(uint16(bytes2(LibClone.argLoad(b, COMMITTEE_VERSION_OFFSET))));
        uint256 nt = tierCount(b);
        h.tiers = new IPaymentSchedule.PayerTier[](nt);
        for (uint256 i; i < nt; ++i) {
            h.tiers[i].coPayWad = uint64(bytes8(LibClone.argLoad(b, TIERS_OFFSET + TIER_SIZE * i)));
        }
        uint256 off = TIERS_OFFSET + TIER_SIZE * nt;
        uint256 nk = uint8(b[KEY_CAP_COUNT_OFFSET]);
        h.keyCaps = new uint128[](nk);
        for (uint256 i; i < nk; ++i) h.keyCaps[i] = uint128(bytes16(LibClone.argLoad(b, off + KEY_CAP_SIZE * i)));
    }

    /// @notice The beneficiaries (for views).
    function beneficiaries(bytes memory b) internal pure returns (IOutcomeEscrow.Beneficiary[] memory list) {
        uint256 n = beneficiaryCount(b);
        list = new IOutcomeEscrow.Beneficiary[](n);
        for (uint256 i; i < n; ++i) {
            (address account, uint256 weight) = beneficiary(b, i);
            list[i] = IOutcomeEscrow.Beneficiary(account, uint96(weight)); // cast: read from a 12-byte field
        }
    }
}
