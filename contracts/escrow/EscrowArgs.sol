// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LibClone} from "solady/src/utils/LibClone.sol";
import {IOutcomeEscrow} from "./IOutcomeEscrow.sol";
import {OutcomeLib} from "../outcomes/OutcomeLib.sol";
import {PayoutCurves} from "../outcomes/PayoutCurves.sol";

/// @title EscrowArgs
/// @notice Compact packed encoding of an escrow's terms, stored as the immutable arguments of its clone
/// (deployed code costs 200 gas a byte, so a packed layout is ~5× cheaper than `abi.encode`).
/// @dev Layout (byte offsets): token 0..20, missionId 20..52, goalVersion 52, fundingDeadline 53..58,
/// minFunding 58..74, settlementDeadline 74..79, gracePeriod 79..83, totalWeight 83..99, termCount 99,
/// beneficiaryCount 100, committeeVersion 101..103 (the oracle committee version pinned at creation), then beneficiaries (account 20 + weight 12 = 32 bytes each), then terms
/// (goalId 1, period 2, weightWad 8, kind 1, lowerIsBetter 1, baseline 8, target 8, threshold 8, capWad 8,
/// stepCount 1, then stepCount × (value 8, ratioWad 8)), then the escrow's creation index (8 bytes, the last ones:
/// it makes every escrow's CREATE2 address unique, see `IEscrowFactory.isEscrow`). Every term's mission is
/// the escrow's mission.
library EscrowArgs {
    // Byte offsets of the header fields (widths in bytes in the layout above).
    uint256 internal constant TOKEN_OFFSET = 0;
    uint256 internal constant MISSION_ID_OFFSET = 20;
    uint256 internal constant GOAL_VERSION_OFFSET = 52;
    uint256 internal constant FUNDING_DEADLINE_OFFSET = 53;
    uint256 internal constant MIN_FUNDING_OFFSET = 58;
    uint256 internal constant SETTLEMENT_DEADLINE_OFFSET = 74;
    uint256 internal constant GRACE_PERIOD_OFFSET = 79;
    uint256 internal constant TOTAL_WEIGHT_OFFSET = 83;
    uint256 internal constant TERM_COUNT_OFFSET = 99;
    uint256 internal constant BENEFICIARY_COUNT_OFFSET = 100;
    uint256 internal constant COMMITTEE_VERSION_OFFSET = 101;
    uint256 internal constant BENEFICIARIES_OFFSET = 103;
    /// @notice Bytes per beneficiary: account (20) then weight (12), one word.
    uint256 internal constant BENEFICIARY_SIZE = 32;
    /// @notice Bytes of the creation index that ends the args.
    uint256 internal constant INDEX_SIZE = 8;
    /// @notice Bytes a deposit reads: token and funding deadline (everything before `minFunding`).
    uint256 internal constant DEPOSIT_HEAD = MIN_FUNDING_OFFSET;

    // Inside one outcome term: the first word is read at the term's start, the second at `_TERM_SECOND_WORD`.
    // Fields are named by their bit shift inside the word they are read from (8 × byte offset; literals, because
    // the legacy optimizer does not fold checked arithmetic on constants). Term bytes: goalId 0, period 1..3,
    // weightWad 3..11, kind 11, lowerIsBetter 12, baseline 13..21, target 21..29, threshold 29..37, capWad 37..45,
    // stepCount 45.
    uint256 private constant _TERM_GOAL_ID_BYTE = 0;
    uint256 private constant _TERM_PERIOD_SHIFT = 8;
    uint256 private constant _TERM_WEIGHT_SHIFT = 24;
    uint256 private constant _TERM_KIND_BYTE = 11;
    uint256 private constant _TERM_LOWER_IS_BETTER_BYTE = 12;
    uint256 private constant _TERM_BASELINE_SHIFT = 104;
    uint256 private constant _TERM_TARGET_SHIFT = 168;
    uint256 private constant _TERM_SECOND_WORD = 29;
    uint256 private constant _TERM_CAP_SHIFT = 64; // in the second word, after the threshold
    uint256 private constant _TERM_STEP_COUNT_BYTE = 16; // in the second word
    uint256 private constant _TERM_HEADER = 46;
    /// @dev Bytes per step: value (8) then ratioWad (8).
    uint256 private constant _STEP_SIZE = 16;
    uint256 private constant _STEP_RATIO_SHIFT = 64;

    /// @notice Packs `t` (already validated; at most 255 terms, beneficiaries and steps), then `index`.
    /// @param committeeVersion_ The oracle committee version of the mission, pinned at creation.
    function encode(
        IOutcomeEscrow.Terms calldata t,
        uint256 weightSum,
        uint16 committeeVersion_,
        uint256 index
    ) internal pure returns (bytes memory args) {
        args = abi.encodePacked(
            address(t.token),
            t.missionId,
            t.goalVersion,
            t.fundingDeadline,
            t.minFunding,
            t.settlementDeadline,
            t.gracePeriod,
            // ≤ 32 weights of 2^96 each: fits 128 bits.
            uint128(weightSum),
            // Counts were bounded by the factory (≤ 8 terms, ≤ 32 beneficiaries).
            uint8(t.outcomes.length),
            uint8(t.beneficiaries.length),
            committeeVersion_
        );
        for (uint256 i; i < t.beneficiaries.length; ++i) {
            args = bytes.concat(args, abi.encodePacked(t.beneficiaries[i].account, t.beneficiaries[i].weight));
        }
        for (uint256 i; i < t.outcomes.length; ++i) {
            OutcomeLib.OutcomeTerm calldata o = t.outcomes[i];
            PayoutCurves.Curve calldata c = o.curve;
            args = bytes.concat(
                args,
                abi.encodePacked(o.goalId, o.period, o.weightWad, uint8(c.kind), c.lowerIsBetter),
                // Step count ≤ MAX_STEPS (8), checked by PayoutCurves.validate.
                abi.encodePacked(c.baseline, c.target, c.threshold, c.capWad, uint8(c.stepValues.length))
            );
            for (uint256 j; j < c.stepValues.length; ++j) {
                args = bytes.concat(args, abi.encodePacked(c.stepValues[j], c.stepRatiosWad[j]));
            }
        }
        // The creation index: below 2^64 (one escrow per transaction at most 2^64 times).
        args = bytes.concat(args, bytes8(uint64(index)));
    }

    function token(bytes memory b) internal pure returns (IERC20) {
        return IERC20(address(bytes20(LibClone.argLoad(b, TOKEN_OFFSET))));
    }

    function missionId(bytes memory b) internal pure returns (uint256) {
        return uint256(LibClone.argLoad(b, MISSION_ID_OFFSET));
    }

    function fundingDeadline(bytes memory b) internal pure returns (uint256) {
        return uint40(bytes5(LibClone.argLoad(b, FUNDING_DEADLINE_OFFSET)));
    }

    function minFunding(bytes memory b) internal pure returns (uint256) {
        return uint128(bytes16(LibClone.argLoad(b, MIN_FUNDING_OFFSET)));
    }

    /// @notice `settlementDeadline + gracePeriod`: after this an outcome that is not final is NoData.
    function noDataAfter(bytes memory b) internal pure returns (uint256) {
        return uint256(settlementDeadline(b)) + gracePeriod(b);
    }

    function settlementDeadline(bytes memory b) internal pure returns (uint40) {
        return uint40(bytes5(LibClone.argLoad(b, SETTLEMENT_DEADLINE_OFFSET)));
    }

    function gracePeriod(bytes memory b) internal pure returns (uint32) {
        return uint32(bytes4(LibClone.argLoad(b, GRACE_PERIOD_OFFSET)));
    }

    function totalWeight(bytes memory b) internal pure returns (uint256) {
        return uint128(bytes16(LibClone.argLoad(b, TOTAL_WEIGHT_OFFSET)));
    }

    /// @notice The oracle committee version every outcome term reads (pinned at creation).
    function committeeVersion(bytes memory b) internal pure returns (uint16) {
        return uint16(bytes2(LibClone.argLoad(b, COMMITTEE_VERSION_OFFSET)));
    }

    function termCount(bytes memory b) internal pure returns (uint256) {
        return uint8(b[TERM_COUNT_OFFSET]);
    }

    function beneficiaryCount(bytes memory b) internal pure returns (uint256) {
        return uint8(b[BENEFICIARY_COUNT_OFFSET]);
    }

    /// @notice Beneficiary `i`: account and weight.
    function beneficiary(bytes memory b, uint256 i) internal pure returns (address account, uint256 weight) {
        bytes32 w = LibClone.argLoad(b, BENEFICIARIES_OFFSET + BENEFICIARY_SIZE * i);
        account = address(bytes20(w));
        // The low 12 bytes of the word are the weight.
        weight = uint96(uint256(w));
    }

    /// @notice Decodes the outcome terms (with the escrow's mission id).
    function outcomes(bytes memory b) internal pure returns (OutcomeLib.OutcomeTerm[] memory terms) {
        uint256 n = termCount(b);
        uint256 mission = missionId(b);
        terms = new OutcomeLib.OutcomeTerm[](n);
        uint256 off = BENEFICIARIES_OFFSET + BENEFICIARY_SIZE * beneficiaryCount(b);
        for (uint256 i; i < n; ++i) {
            bytes32 w = LibClone.argLoad(b, off);
            OutcomeLib.OutcomeTerm memory t = terms[i];
            t.missionId = mission;
            t.goalId = uint8(w[_TERM_GOAL_ID_BYTE]);
            t.period = uint16(bytes2(w << _TERM_PERIOD_SHIFT));
            t.weightWad = uint64(bytes8(w << _TERM_WEIGHT_SHIFT));
            t.curve.kind = PayoutCurves.Kind(uint8(w[_TERM_KIND_BYTE]));
            t.curve.lowerIsBetter = w[_TERM_LOWER_IS_BETTER_BYTE] != 0;
            t.curve.baseline = uint64(bytes8(w << _TERM_BASELINE_SHIFT));
            t.curve.target = uint64(bytes8(w << _TERM_TARGET_SHIFT));
            w = LibClone.argLoad(b, off + _TERM_SECOND_WORD);
            t.curve.threshold = uint64(bytes8(w));
            t.curve.capWad = uint64(bytes8(w << _TERM_CAP_SHIFT));
            uint256 steps = uint8(w[_TERM_STEP_COUNT_BYTE]);
            off += _TERM_HEADER;
            t.curve.stepValues = new uint64[](steps);
            t.curve.stepRatiosWad = new uint64[](steps);
            for (uint256 j; j < steps; ++j) {
                w = LibClone.argLoad(b, off);
                t.curve.stepValues[j] = uint64(bytes8(w));
                t.curve.stepRatiosWad[j] = uint64(bytes8(w << _STEP_RATIO_SHIFT));
                off += _STEP_SIZE;
            }
        }
    }

    /// @notice Decodes the full terms.
    function decode(bytes memory b) internal pure returns (IOutcomeEscrow.Terms memory t) {
        t.token = token(b);
        t.missionId = missionId(b);
        t.goalVersion = uint8(b[GOAL_VERSION_OFFSET]);
        t.fundingDeadline = uint40(fundingDeadline(b));
        t.minFunding = uint128(minFunding(b));
        t.settlementDeadline = settlementDeadline(b);
        t.gracePeriod = gracePeriod(b);
        uint256 nb = beneficiaryCount(b);
        t.beneficiaries = new IOutcomeEscrow.Beneficiary[](nb);
        for (uint256 i; i < nb; ++i) {
            (address account, uint256 weight) = beneficiary(b, i);
            // Read from a 12-byte field.
            t.beneficiaries[i] = IOutcomeEscrow.Beneficiary(account, uint96(weight));
        }
        t.outcomes = outcomes(b);
    }
}
