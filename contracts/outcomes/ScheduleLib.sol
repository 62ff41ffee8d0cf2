// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {MathLib} from "../libraries/MathLib.sol";
import {IPaymentSchedule} from "./IPaymentSchedule.sol";
import {OutcomeLib} from "./OutcomeLib.sol";
import {PayoutCurves} from "./PayoutCurves.sol";

/// @title ScheduleLib
/// @notice The one payment-schedule library of escrows and pools (`docs/payment-schedules.md`): validates a
/// schedule, commits to its points (Merkle root, fixed depth 4), evaluates a point against the metric feed under the
/// pinned committee versions (Pending / NoData / trigger / terms / caps / true-up / payer tiers) and books it in a
/// `Ledger`. Settling one point is O(#terms + #conditions of that point): never a loop over payers or points (but
/// the earlier-points check of a cumulative point, a loop over ≤ 16 bits of one word).
/// @dev Every division rounds down (favours the payer) and goes through `MathLib`. Types, errors and events:
/// `IPaymentSchedule`.
library ScheduleLib {
    /// @notice Most points in a schedule (the points root is a depth-4 tree of 16 leaves).
    uint256 internal constant MAX_POINTS = 16;
    /// @notice Most terms in one point.
    uint256 internal constant MAX_TERMS = 8;
    /// @notice Most conditions in one trigger.
    uint256 internal constant MAX_CONDITIONS = 4;
    /// @notice Most payer tiers.
    uint256 internal constant MAX_TIERS = 4;
    /// @notice Term keys are 0 … MAX_KEYS − 1.
    uint256 internal constant MAX_KEYS = 16;
    /// @notice Every proof of a point has exactly this many nodes.
    uint256 internal constant PROOF_DEPTH = 4;
    /// @notice A cap that does not bind.
    uint128 internal constant NONE = type(uint128).max;
    /// @notice Lane of condition 0 in `Header.versions` (terms use lanes 0–7).
    uint256 internal constant CONDITION_LANE = 8;

    /// @dev Bytes of a packed point's header, of a packed condition, and of a packed term before its curve steps.
    uint256 private constant _POINT_HEADER = 33;
    uint256 private constant _CONDITION_SIZE = 44;
    uint256 private constant _TERM_HEADER = 147;
    /// @dev Byte offsets inside a packed term, from its first byte: the word that starts with goalId (… key, kind,
    /// weightWad, ceilingWad, source, referenceValue, lowerIsBetter), the word of scaleWad and price, the word of
    /// capPerPoint (then the curve's kind and direction), the curve's four numbers, its two step counts. A condition's
    /// slot word (goalId, period, threshold, lowerIsBetter) is at the same offset 32: both start with their slot.
    uint256 private constant _SLOT_WORD = 32;
    uint256 private constant _PRICE_WORD = 63;
    uint256 private constant _CAP_WORD = 95;
    uint256 private constant _CURVE_WORD = 113;
    uint256 private constant _STEPS_WORD = 145;

    /// @dev WAD², the divisor of a curve term's entitlement (a literal: the legacy optimizer does not fold WAD * WAD).
    uint256 private constant WAD_SQUARED = 1e36;

    /// @dev How one slot reads at settlement.
    enum SlotRead {
        Final,
        Changing,
        Empty,
        Unresolved
    }

    /// @dev A proven point as settlement reads it, and what its evaluation gathers. The point is never decoded into a
    /// `Point` copy: each field is read from its packed bytes (`encodePoint` layout) where it is used. `head` is the
    /// point's first word (deadline, cumulative, potWad, cap, any, condition count); term `t` starts at byte
    /// `termOffsets[t]`; `status`/`values` are the term slots' reads (`_readTerms`), `pending` and `noData` their
    /// verdict; `added` is this point's payments per capped key (step 4, allocated only when the terms are
    /// evaluated), what step 7 books. Dynamic arrays: a fixed array inside a memory struct costs a zeroing loop.
    struct PointEval {
        bytes32 head;
        uint256 conditionCount;
        uint256[] termOffsets;
        SlotRead[] status;
        uint64[] values;
        bool pending;
        bool noData;
        uint256[] added;
    }

    /*//////////////////////////////////////////////////////////////
                               VALIDATION
    //////////////////////////////////////////////////////////////*/

    /// @notice Reverts with the spec's error for the first bad input of `s` (counts, order, keys, prices, scales,
    /// caps, ceilings, curve weights, pots, tiers). Slots against the registry are the factory's check.
    function validate(IPaymentSchedule.Schedule memory s) internal pure {
        uint256 n = s.points.length;
        if (n == 0 || n > MAX_POINTS) revert IPaymentSchedule.PointCount(n, MAX_POINTS);
        if (s.keyCaps.length > MAX_KEYS) revert IPaymentSchedule.KeyCapCount(s.keyCaps.length, MAX_KEYS);
        validateTiers(s.tiers);
        uint256 potSum;
        uint40 previous;
        for (uint256 i; i < n; ++i) {
            IPaymentSchedule.Point memory p = s.points[i];
            if (p.deadline < previous) revert IPaymentSchedule.PointOrder(i, p.deadline, previous);
            previous = p.deadline;
            if (!p.cumulative) potSum += p.potWad;
            _validatePoint(i, p, s.keyCaps);
        }
        if (potSum > MathLib.WAD) revert IPaymentSchedule.PotSum(potSum);
    }

    /// @notice Reverts `TierConfig` unless there are 1–4 tiers, co-payments summing below WAD and at least one
    /// ordered tier (to pay what the co-payments do not).
    function validateTiers(IPaymentSchedule.PayerTier[] memory tiers) internal pure {
        uint256 n = tiers.length;
        uint256 coPaySum;
        bool ordered;
        for (uint256 t; t < n; ++t) {
            coPaySum += tiers[t].coPayWad;
            if (tiers[t].coPayWad == 0) ordered = true;
        }
        if (n == 0 || n > MAX_TIERS || coPaySum >= MathLib.WAD || !ordered) {
            revert IPaymentSchedule.TierConfig(n, coPaySum);
        }
    }

    /// @notice Key `key`'s cap over all points (`NONE` when `keyCaps` has no entry for it).
    function keyCapOf(uint128[] memory keyCaps, uint256 key) internal pure returns (uint128) {
        return key < keyCaps.length ? keyCaps[key] : NONE;
    }

    /*//////////////////////////////////////////////////////////////
                             POINTS ROOT
    //////////////////////////////////////////////////////////////*/

    /// @notice Leaf `index` of the points root: `keccak256(abi.encodePacked(index, encodePoint(point)))`.
    function leaf(uint256 index, IPaymentSchedule.Point memory point) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(index, encodePoint(point)));
    }

    /*//////////////////////////////////////////////////////////////
                          PACKED POINT ENCODING
    //////////////////////////////////////////////////////////////*/

    /// @notice The packed bytes of a point, what `settlePoint` takes (about a seventh of `abi.encode(point)`: calldata
    /// and decoding are most of a settlement's cost). Layout (bytes): deadline 5, cumulative 1, potWad 8, cap 16,
    /// any 1, condition count 1, term count 1; per condition (44): missionId 32, goalId 1, period 2, threshold 8,
    /// lowerIsBetter 1; per term (147 + 8 × steps): missionId 32, goalId 1, period 2, key 1, kind 1, weightWad 8,
    /// ceilingWad 8, source 1, referenceValue 8, lowerIsBetter 1, scaleWad 16, price 16, capPerPoint 16, then the
    /// curve: kind 1, lowerIsBetter 1, baseline 8, target 8, threshold 8, capWad 8, step value count 1, step ratio
    /// count 1, the step values (8 each), the step ratios (8 each).
    function encodePoint(IPaymentSchedule.Point memory p) internal pure returns (bytes memory out) {
        IPaymentSchedule.Condition[] memory conditions = p.trigger.conditions;
        IPaymentSchedule.ScheduleTerm[] memory terms = p.terms;
        out = abi.encodePacked(
            p.deadline,
            p.cumulative,
            p.potWad,
            p.cap,
            p.trigger.any,
            SafeCast.toUint8(conditions.length),
            SafeCast.toUint8(terms.length)
        );
        for (uint256 c; c < conditions.length; ++c) {
            IPaymentSchedule.Condition memory cond = conditions[c];
            out = bytes.concat(
                out,
                abi.encodePacked(cond.missionId, cond.goalId, cond.period, cond.threshold, cond.lowerIsBetter)
            );
        }
        for (uint256 t; t < terms.length; ++t) {
            IPaymentSchedule.ScheduleTerm memory term = terms[t];
            out = bytes.concat(
                out,
                abi.encodePacked(
                    term.missionId,
                    term.goalId,
                    term.period,
                    term.key,
                    uint8(term.kind),
                    term.weightWad,
                    term.ceilingWad,
                    uint8(term.source),
                    term.referenceValue,
                    term.lowerIsBetter
                ),
                abi.encodePacked(term.scaleWad, term.price, term.capPerPoint),
                _encodeCurve(term.curve)
            );
        }
    }

    /// @notice The point `encodePoint` packed (`b` must be such bytes: `settlePoint` decodes only what the points root
    /// proved, so a malformed encoding never reaches it).
    function decodePoint(bytes calldata b) internal pure returns (IPaymentSchedule.Point memory p) {
        bytes32 w = _word(b, 0, 0);
        p.deadline = uint40(bytes5(w));
        p.cumulative = w[5] != 0;
        p.potWad = uint64(bytes8(w << 48));
        p.cap = uint128(bytes16(w << 112));
        p.trigger.any = w[30] != 0;
        uint256 nc = uint8(w[31]);
        uint256 nt = uint8(_word(b, 32, 0)[0]);
        uint256 off = _POINT_HEADER;
        p.trigger.conditions = new IPaymentSchedule.Condition[](nc);
        for (uint256 c; c < nc; ++c) {
            IPaymentSchedule.Condition memory cond = p.trigger.conditions[c];
            cond.missionId = uint256(_word(b, off, 0));
            w = _word(b, off, 32);
            cond.goalId = uint8(w[0]);
            cond.period = uint16(bytes2(w << 8));
            cond.threshold = uint64(bytes8(w << 24));
            cond.lowerIsBetter = w[11] != 0;
            off += _CONDITION_SIZE;
        }
        p.terms = new IPaymentSchedule.ScheduleTerm[](nt);
        for (uint256 t; t < nt; ++t) off = _decodeTerm(b, off, p.terms[t]);
    }

    /// @dev A term's packed curve (the end of its encoding).
    function _encodeCurve(PayoutCurves.Curve memory c) private pure returns (bytes memory out) {
        out = abi.encodePacked(
            uint8(c.kind),
            c.lowerIsBetter,
            c.baseline,
            c.target,
            c.threshold,
            c.capWad,
            SafeCast.toUint8(c.stepValues.length),
            SafeCast.toUint8(c.stepRatiosWad.length)
        );
        for (uint256 j; j < c.stepValues.length; ++j) out = bytes.concat(out, bytes8(c.stepValues[j]));
        for (uint256 j; j < c.stepRatiosWad.length; ++j) out = bytes.concat(out, bytes8(c.stepRatiosWad[j]));
    }

    /// @dev Decodes the term at byte `off` of `b` into `term`; returns the offset after it.
    function _decodeTerm(
        bytes calldata b,
        uint256 off,
        IPaymentSchedule.ScheduleTerm memory term
    ) private pure returns (uint256) {
        term.missionId = uint256(_word(b, off, 0));
        bytes32 w = _word(b, off, _SLOT_WORD);
        term.goalId = uint8(w[0]);
        term.period = uint16(bytes2(w << 8));
        term.key = uint8(w[3]);
        term.kind = IPaymentSchedule.TermKind(uint8(w[4]));
        term.weightWad = uint64(bytes8(w << 40));
        term.ceilingWad = uint64(bytes8(w << 104));
        term.source = IPaymentSchedule.UnitSource(uint8(w[21]));
        term.referenceValue = uint64(bytes8(w << 176));
        term.lowerIsBetter = w[30] != 0;
        w = _word(b, off, _PRICE_WORD);
        term.scaleWad = uint128(bytes16(w));
        term.price = uint128(bytes16(w << 128));
        term.capPerPoint = uint128(bytes16(_word(b, off, _CAP_WORD))); // casts here: each field at its width (layout)
        return _decodeCurve(b, off, term.curve);
    }

    /// @dev Decodes the curve of the term at byte `off` of `b` into `c`; returns the offset after the term.
    function _decodeCurve(bytes calldata b, uint256 off, PayoutCurves.Curve memory c) private pure returns (uint256) {
        bytes32 w = _word(b, off, _CAP_WORD);
        c.kind = PayoutCurves.Kind(uint8(w[16]));
        c.lowerIsBetter = w[17] != 0;
        w = _word(b, off, _CURVE_WORD);
        c.baseline = uint64(bytes8(w));
        c.target = uint64(bytes8(w << 64));
        c.threshold = uint64(bytes8(w << 128));
        c.capWad = uint64(bytes8(w << 192));
        w = _word(b, off, _STEPS_WORD);
        uint256 nv = uint8(w[0]);
        uint256 nr = uint8(w[1]);
        off += _TERM_HEADER;
        c.stepValues = _decodeSteps(b, off, nv);
        off += 8 * nv;
        c.stepRatiosWad = _decodeSteps(b, off, nr);
        return off + 8 * nr;
    }

    /// @dev `n` packed 8-byte numbers from byte `off` of `b` (none: the empty array, nothing allocated).
    function _decodeSteps(bytes calldata b, uint256 off, uint256 n) private pure returns (uint64[] memory steps) {
        if (n == 0) return steps;
        steps = new uint64[](n);
        for (uint256 j; j < n; ++j) steps[j] = uint64(bytes8(_word(b, off, 8 * j)));
    }

    /// @dev The offset after the term at byte `off` of `b`, from its step counts (nothing else is read).
    function _termEnd(bytes calldata b, uint256 off) private pure returns (uint256) {
        bytes32 w = _word(b, off, _STEPS_WORD);
        return off + _TERM_HEADER + 8 * (uint256(uint8(w[0])) + uint8(w[1])); // casts: the two one-byte step counts
    }

    /// @dev The 32 bytes of `b` from byte `off + delta` (zeros past its end). `delta` is a field's offset inside a
    /// term or condition starting at `off`: added here, not in checked arithmetic at every field read.
    function _word(bytes calldata b, uint256 off, uint256 delta) private pure returns (bytes32 w) {
        // assembly: one CALLDATALOAD, zero-padded past the end (a slice `b[off:off + 32]` would revert on the last
        // fields, which end less than a word before the bytes do); reads only calldata. The additions cannot wrap:
        // every offset is below 2^21 (counts are single bytes) and every delta below 2^12.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            w := calldataload(add(add(b.offset, off), delta))
        }
    }

    /// @notice The points root: a depth-4 tree over 16 leaves (missing points are `bytes32(0)` leaves), inner nodes
    /// `Hashes.commutativeKeccak256` (OpenZeppelin `MerkleProof`'s default).
    function pointsRoot(IPaymentSchedule.Point[] memory points) internal pure returns (bytes32) {
        bytes32[16] memory level;
        uint256 n = points.length;
        if (n == 0 || n > MAX_POINTS) revert IPaymentSchedule.PointCount(n, MAX_POINTS);
        for (uint256 i; i < n; ++i) level[i] = leaf(i, points[i]);
        for (uint256 width = 8; width != 0; width >>= 1) {
            for (uint256 j; j < width; ++j) level[j] = Hashes.commutativeKeccak256(level[2 * j], level[2 * j + 1]);
        }
        return level[0];
    }

    /// @notice `version` in all 16 lanes of a `Header.versions` word (a consumer whose slots are all one mission's).
    function uniformVersions(uint16 version) internal pure returns (uint256) {
        // 0x0001 in each of the 16 lanes: version < 2^16 is copied into every lane, none overflows.
        return uint256(version) * 0x0001000100010001000100010001000100010001000100010001000100010001;
    }

    /*//////////////////////////////////////////////////////////////
                               SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    /// @notice What settling point `index` would pay now, and to whom (a view of `settlePoint`). Reverts like it.
    /// @param pointBytes The point as `encodePoint(point)`; its leaf is `keccak256(abi.encodePacked(index, pointBytes))`.
    /// @param proof The point's depth-4 proof in `h.pointsRoot`.
    function previewPayment(
        IPaymentSchedule.Ledger storage ledger,
        IPaymentSchedule.Header memory h,
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) internal view returns (IPaymentSchedule.PointResult memory r) {
        (r, ) = _preview(ledger, h, index, pointBytes, proof);
    }

    /// @notice Settles point `index` (anyone may, once none of its slots can change): books the amount in `ledger`
    /// and emits `PointSettled` (with each term's figures when the terms were evaluated). The caller moves no tokens
    /// here: payments and refunds are pulled from the ledger's figures.
    /// @param pointBytes The point as `encodePoint(point)`; its leaf is `keccak256(abi.encodePacked(index, pointBytes))`.
    /// @param proof The point's depth-4 proof in `h.pointsRoot`.
    function settlePoint(
        IPaymentSchedule.Ledger storage ledger,
        IPaymentSchedule.Header memory h,
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) internal returns (IPaymentSchedule.PointResult memory r) {
        PointEval memory pe;
        (r, pe) = _preview(ledger, h, index, pointBytes, proof);
        // cast: totalPaid = Σ tier paid ≤ Σ committed = totalCommitted, a uint120 (`commit`).
        ledger.totalPaid = uint120(ledger.totalPaid + r.amount);
        ledger.settled = ledger.settled | uint16(1 << index); // cast: index < 16 (checked)
        uint256 tierCount = h.tiers.length;
        for (uint256 t; t < tierCount; ++t) {
            // cast: part ≤ committed − paid of that tier (a uint128), so paid stays ≤ committed.
            if (r.parts[t] != 0) ledger.tierBooks[t].paid += uint128(r.parts[t]);
        }
        if (r.terms.length != 0) _bookKeys(ledger, pointBytes, pe);
        emit IPaymentSchedule.PointSettled(index, r.resolution, r.triggerHeld, r.amount, r.capHit, r.parts, r.terms);
    }

    /*//////////////////////////////////////////////////////////////
                               PAYERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Adds `amount` to tier `tier`'s commitment (a deposit or an outcome payer's commitment).
    function commit(IPaymentSchedule.Ledger storage ledger, uint256 tier, uint256 amount) internal {
        // Σ of every tier's commitment stays a uint120 (so does totalPaid ≤ it); each tier's is then a uint128.
        ledger.totalCommitted = SafeCast.toUint120(ledger.totalCommitted + amount);
        IPaymentSchedule.TierBook storage b = ledger.tierBooks[tier];
        b.committed += uint128(amount); // cast: amount ≤ totalCommitted < 2^120
    }

    /// @notice What a payer who committed `commitment` to tier `tier` has paid: its pro-rata share of the tier's
    /// paid, rounded down. O(1); Σ over the tier's payers ≤ the tier's paid.
    function payerPaid(
        IPaymentSchedule.Ledger storage ledger,
        uint256 tier,
        uint256 commitment
    ) internal view returns (uint256) {
        IPaymentSchedule.TierBook memory b = ledger.tierBooks[tier];
        if (b.committed == 0) return 0;
        // paid, commitment ≤ committed < 2^128: the product fits. Rounded down: the payer is shown no more than it paid.
        return MathLib.mulDivDown(b.paid, commitment, b.committed);
    }

    /// @notice What a payer who committed `commitment` to tier `tier` gets back once the schedule is over: its
    /// pro-rata share of the tier's unpaid commitment, rounded down (favours solvency: Σ refunds ≤ committed − paid,
    /// dust < 1 wei per payer stays in the contract).
    function payerRefund(
        IPaymentSchedule.Ledger storage ledger,
        uint256 tier,
        uint256 commitment
    ) internal view returns (uint256) {
        IPaymentSchedule.TierBook memory b = ledger.tierBooks[tier];
        if (b.committed == 0) return 0;
        // committed − paid, commitment ≤ committed < 2^128: the product fits.
        return MathLib.mulDivDown(b.committed - b.paid, commitment, b.committed);
    }

    /// @notice Writes a non-zero word into the key ledger of every capped key of `keyCaps` (a consumer calls it once,
    /// at creation): the ledger stores what counts against a key's cap plus one, so a settlement's first payment on a
    /// key updates a word (5,000 gas) instead of creating one (22,100). A ledger never initialised reads the same.
    function initKeys(IPaymentSchedule.Ledger storage ledger, uint128[] memory keyCaps) internal {
        uint256 n = keyCaps.length;
        for (uint256 k; k < n; ++k) {
            if (keyCaps[k] != NONE && ledger.keyPaid[k] == 0) ledger.keyPaid[k] = 1;
        }
    }

    /// @notice What counts against key `key`'s cap so far (its ledger word less the initialisation's one).
    function keyPaidOf(IPaymentSchedule.Ledger storage ledger, uint256 key) internal view returns (uint256) {
        uint256 stored = ledger.keyPaid[key];
        return stored == 0 ? 0 : stored - 1;
    }

    /// @notice The ledger as its figures read (`keyPaid` without the initialisation's one): what views return.
    function books(
        IPaymentSchedule.Ledger storage ledger
    ) internal view returns (IPaymentSchedule.Ledger memory figures) {
        figures = ledger;
        for (uint256 k; k < MAX_KEYS; ++k) {
            // The stored word less the initialisation's one (a never-initialised 0 stays 0).
            if (figures.keyPaid[k] != 0) figures.keyPaid[k] -= 1;
        }
    }

    /// @notice Whether every one of the `pointCount` points has settled (after which everything unpaid is refundable).
    function allSettled(IPaymentSchedule.Ledger storage ledger, uint256 pointCount) internal view returns (bool) {
        return ledger.settled == (1 << pointCount) - 1;
    }

    /*//////////////////////////////////////////////////////////////
                               PRIVATE
    //////////////////////////////////////////////////////////////*/

    function _validatePoint(uint256 i, IPaymentSchedule.Point memory p, uint128[] memory keyCaps) private pure {
        uint256 nc = p.trigger.conditions.length;
        if (nc > MAX_CONDITIONS) revert IPaymentSchedule.ConditionCount(i, nc, MAX_CONDITIONS);
        uint256 nt = p.terms.length;
        if (nt == 0 || nt > MAX_TERMS) revert IPaymentSchedule.PointTermCount(i, nt, MAX_TERMS);
        bool hasCurve;
        uint256 weightSum;
        for (uint256 t; t < nt; ++t) {
            IPaymentSchedule.ScheduleTerm memory term = p.terms[t];
            _validateTerm(i, t, term, keyCaps);
            if (term.kind == IPaymentSchedule.TermKind.Curve) {
                hasCurve = true;
                weightSum += term.weightWad;
            }
        }
        if (hasCurve && weightSum != MathLib.WAD) revert IPaymentSchedule.TermWeightSum(i, weightSum);
    }

    function _validateTerm(
        uint256 i,
        uint256 t,
        IPaymentSchedule.ScheduleTerm memory term,
        uint128[] memory keyCaps
    ) private pure {
        if (term.key >= MAX_KEYS) revert IPaymentSchedule.TermKey(i, t, term.key);
        uint128 keyCap = keyCapOf(keyCaps, term.key);
        // A zero cap, a zero key cap, or a per-point cap above the key's cap can never all hold.
        if (term.capPerPoint == 0 || keyCap == 0 || (term.capPerPoint != NONE && term.capPerPoint > keyCap)) {
            revert IPaymentSchedule.CapConflict(i, t, term.capPerPoint, keyCap);
        }
        if (term.kind == IPaymentSchedule.TermKind.Curve) {
            PayoutCurves.validate(term.curve);
            uint64 ceiling = term.ceilingWad;
            if (ceiling < MathLib.WAD || (ceiling > MathLib.WAD && !PayoutCurves.canOverAchieve(term.curve))) {
                revert IPaymentSchedule.TermCeiling(i, t, ceiling);
            }
        } else {
            if (term.price == 0) revert IPaymentSchedule.ZeroPrice(i, t);
            if (term.scaleWad == 0) revert IPaymentSchedule.ZeroScale(i, t);
        }
    }

    /// @dev `_checkPoint`, then steps 2–6 of the spec on the proven point's bytes.
    function _preview(
        IPaymentSchedule.Ledger storage ledger,
        IPaymentSchedule.Header memory h,
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) private view returns (IPaymentSchedule.PointResult memory r, PointEval memory pe) {
        pe = _checkPoint(ledger, h, index, pointBytes, proof);
        _evaluate(ledger, h, index, pointBytes, pe, r);
    }

    /// @dev Index in range, not yet settled, the committed point (proof of exactly depth 4), and for a cumulative
    /// point every earlier point settled. Returns the point's view (`_viewPoint`).
    function _checkPoint(
        IPaymentSchedule.Ledger storage ledger,
        IPaymentSchedule.Header memory h,
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) private view returns (PointEval memory pe) {
        // A header never counts more than 16 points (`pointsRoot`); the second bound keeps the bit shifts in range anyway.
        if (index >= h.pointCount || index >= MAX_POINTS) revert IPaymentSchedule.PointIndex(index, h.pointCount);
        uint256 settled = ledger.settled;
        if ((settled >> index) & 1 != 0) revert IPaymentSchedule.PointAlreadySettled(index);
        // The leaf is hashed from the bytes as given: only the committed encoding is ever read.
        if (
            proof.length != PROOF_DEPTH ||
            !MerkleProof.verifyCalldata(proof, h.pointsRoot, keccak256(bytes.concat(bytes32(index), pointBytes)))
        ) revert IPaymentSchedule.PointProof(index);
        pe = _viewPoint(pointBytes);
        if (_isCumulative(pe.head)) {
            for (uint256 j; j < index; ++j) {
                if ((settled >> j) & 1 == 0) revert IPaymentSchedule.EarlierPointOpen(index, j);
            }
        }
    }

    /// @dev The proven point's first word, counts and term offsets (the steps of each term are skipped, not read).
    function _viewPoint(bytes calldata b) private pure returns (PointEval memory pe) {
        bytes32 head = _word(b, 0, 0);
        pe.head = head;
        // casts: the condition count is head byte 31, the term count the point's byte 32.
        uint256 nc = uint8(head[31]);
        uint256 nt = uint8(_word(b, 32, 0)[0]);
        pe.conditionCount = nc;
        uint256[] memory offsets = new uint256[](nt);
        uint256 off = _POINT_HEADER + _CONDITION_SIZE * nc;
        for (uint256 t; t < nt; ++t) {
            offsets[t] = off;
            off = _termEnd(b, off);
        }
        pe.termOffsets = offsets;
        pe.status = new SlotRead[](nt);
        pe.values = new uint64[](nt);
    }

    /// @dev The point's deadline (head bytes 0–4).
    function _deadline(bytes32 head) private pure returns (uint256) {
        return uint40(bytes5(head)); // cast: the deadline is head bytes 0–4
    }

    /// @dev Whether the point is cumulative (head byte 5).
    function _isCumulative(bytes32 head) private pure returns (bool) {
        return head[5] != 0;
    }

    /// @dev Steps 2–6 of the spec: reads, trigger, terms, point caps, payer split, into `r` (and `pe`).
    function _evaluate(
        IPaymentSchedule.Ledger storage ledger,
        IPaymentSchedule.Header memory h,
        uint256 index,
        bytes calldata pointBytes,
        PointEval memory pe,
        IPaymentSchedule.PointResult memory r
    ) private view {
        uint256 noDataAfter = _deadline(pe.head) + h.gracePeriod;
        _readTerms(h, pointBytes, pe, noDataAfter);
        (bool held, bool triggerPending) = _readTrigger(h, pointBytes, pe, noDataAfter);
        // Pending wins: a point waits until none of its slots can change.
        if (pe.pending || triggerPending) revert IPaymentSchedule.PointPending(index);
        r.triggerHeld = held;
        if (pe.noData) {
            r.resolution = OutcomeLib.Resolution.NoData;
            return;
        }
        r.resolution = OutcomeLib.Resolution.Achieved;
        if (!held) return;
        IPaymentSchedule.CapHit termHit = _payTerms(ledger, h, pointBytes, pe, r);
        _payPoint(ledger, h, pe.head, r, termHit);
    }

    /// @dev One read per slot on the happy path: `finalValue` succeeds only for a Final slot; otherwise
    /// `slotStatus` says why.
    function _read(
        IMetricFeed feed,
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) private view returns (SlotRead, uint64 value) {
        try feed.finalValue(missionId, version, goalId, period) returns (uint64 v, uint40) {
            return (SlotRead.Final, v);
        } catch {
            IMetricFeed.SlotStatus s = feed.slotStatus(missionId, version, goalId, period);
            if (s == IMetricFeed.SlotStatus.Final) {
                // The first read failed for another reason (e.g. gas): read again and let a failure revert.
                (value, ) = feed.finalValue(missionId, version, goalId, period);
                return (SlotRead.Final, value);
            }
            if (s == IMetricFeed.SlotStatus.Unresolved) return (SlotRead.Unresolved, 0);
            if (s == IMetricFeed.SlotStatus.Proposed || s == IMetricFeed.SlotStatus.Disputed) {
                return (SlotRead.Changing, 0);
            }
            return (SlotRead.Empty, 0);
        }
    }

    /// @dev `_read` of the slot whose encoding (missionId 32 bytes, goalId 1, period 2) starts at byte `off` of `b`:
    /// a packed term and a packed condition both start with their slot.
    function _readSlot(
        IMetricFeed feed,
        bytes calldata b,
        uint256 off,
        uint16 version
    ) private view returns (SlotRead, uint64) {
        bytes32 w = _word(b, off, _SLOT_WORD);
        // casts: goalId is the word's first byte, period its next two.
        return _read(feed, uint256(_word(b, off, 0)), version, uint8(w[0]), uint16(bytes2(w << 8)));
    }

    /// @dev Every term's slot: its status and value (0 unless Final); `pending` when one can still change (Proposed,
    /// Disputed, or no value yet before the cut-off); `noData` when one is Unresolved or still has no value after it.
    function _readTerms(
        IPaymentSchedule.Header memory h,
        bytes calldata pointBytes,
        PointEval memory pe,
        uint256 noDataAfter
    ) private view {
        uint256 n = pe.termOffsets.length;
        for (uint256 t; t < n; ++t) {
            // cast: takes 16-bit lane t of the versions word.
            (SlotRead s, uint64 v) = _readSlot(h.feed, pointBytes, pe.termOffsets[t], uint16(h.versions >> (16 * t)));
            pe.status[t] = s;
            pe.values[t] = v;
            if (s == SlotRead.Final) continue;
            if (s == SlotRead.Changing || (s == SlotRead.Empty && block.timestamp <= noDataAfter)) pe.pending = true;
            else pe.noData = true;
        }
    }

    /// @dev AND / OR of the conditions (none: holds). A condition without data at the cut-off is false; one that can
    /// still change makes the point pending.
    function _readTrigger(
        IPaymentSchedule.Header memory h,
        bytes calldata pointBytes,
        PointEval memory pe,
        uint256 noDataAfter
    ) private view returns (bool held, bool pending) {
        uint256 n = pe.conditionCount;
        bool any = pe.head[30] != 0; // trigger.any: head byte 30
        held = n == 0 || !any; // AND starts true, OR false; no condition holds
        for (uint256 c; c < n; ++c) {
            uint256 off = _POINT_HEADER + _CONDITION_SIZE * c;
            (SlotRead s, uint64 v) = _readCondition(h, pointBytes, pe, c, off);
            if (s == SlotRead.Changing || (s == SlotRead.Empty && block.timestamp <= noDataAfter)) pending = true;
            bytes32 w = _word(pointBytes, off, _SLOT_WORD);
            uint64 threshold = uint64(bytes8(w << 24)); // cast: threshold is bytes 3–10 of the slot word
            bool holds = s == SlotRead.Final && (w[11] != 0 ? v <= threshold : v >= threshold);
            held = any ? held || holds : held && holds;
        }
    }

    /// @dev Condition `c`'s slot (at byte `off`) under its version (lane 8 + c). A condition on a term's own slot under
    /// the same version (a cohort's trigger on its own result) reuses the term's read: one call to the feed per
    /// distinct slot.
    function _readCondition(
        IPaymentSchedule.Header memory h,
        bytes calldata pointBytes,
        PointEval memory pe,
        uint256 c,
        uint256 off
    ) private view returns (SlotRead, uint64) {
        uint16 version = uint16(h.versions >> (16 * (CONDITION_LANE + c))); // cast: takes 16-bit lane 8 + c
        bytes32 missionId = _word(pointBytes, off, 0);
        bytes3 slot = bytes3(_word(pointBytes, off, _SLOT_WORD)); // cast: goalId and period, its first 3 bytes
        uint256 n = pe.termOffsets.length;
        for (uint256 t; t < n; ++t) {
            uint256 termOff = pe.termOffsets[t];
            // cast: a term's goalId and period are the first 3 bytes of its slot word too.
            if (
                bytes3(_word(pointBytes, termOff, _SLOT_WORD)) == slot &&
                _word(pointBytes, termOff, 0) == missionId &&
                uint16(h.versions >> (16 * t)) == version // cast: takes 16-bit lane t
            ) return (pe.status[t], pe.values[t]);
        }
        return _readSlot(h.feed, pointBytes, off, version);
    }

    /// @dev Step 4: every term's entitlement and its term caps (per point, then its key's cap net of what counts
    /// against it already). Returns the first term's cap hit (the point's, unless a point cap binds).
    function _payTerms(
        IPaymentSchedule.Ledger storage ledger,
        IPaymentSchedule.Header memory h,
        bytes calldata pointBytes,
        PointEval memory pe,
        IPaymentSchedule.PointResult memory r
    ) private view returns (IPaymentSchedule.CapHit firstHit) {
        uint256 n = pe.termOffsets.length;
        r.terms = new IPaymentSchedule.TermResult[](n);
        pe.added = new uint256[](MAX_KEYS);
        // funds < 2^128 and potWad (head bytes 6–13) < 2^64: the product fits. Rounded down: favours the payer.
        uint256 pot = MathLib.wMulDown(h.funds, uint64(bytes8(pe.head << 48)));
        // One curve in memory, refilled for each curve term.
        PayoutCurves.Curve memory curve;
        uint256 sum;
        for (uint256 t; t < n; ++t) {
            IPaymentSchedule.TermResult memory tr = r.terms[t];
            uint256 off = pe.termOffsets[t];
            _termRaw(pointBytes, off, pe.values[t], pot, curve, tr);
            _capTerm(ledger, h.keyCaps, pe, pointBytes, off, tr);
            // Each paid ≤ capPerPoint or ≤ a key cap, both < 2^128; ≤ 8 terms: the sum fits.
            sum += tr.paid;
            if (firstHit == IPaymentSchedule.CapHit.None) firstHit = tr.capHit;
        }
        r.entitlement = sum;
    }

    /// @dev The caps of the term at byte `off`: its per-point cap, then its key's cap net of what already counts
    /// against it (`pe.added`: this point's payments per key, so that two terms on one key share its cap).
    function _capTerm(
        IPaymentSchedule.Ledger storage ledger,
        uint128[] memory keyCaps,
        PointEval memory pe,
        bytes calldata pointBytes,
        uint256 off,
        IPaymentSchedule.TermResult memory tr
    ) private view {
        uint256 paid = tr.raw;
        uint256 cap = uint128(bytes16(_word(pointBytes, off, _CAP_WORD))); // cast: capPerPoint, the word's bytes 0–15
        if (paid > cap) {
            // An entitlement above every uint128 is clamped even without a cap (no cap is hit then).
            paid = cap;
            if (cap != NONE) tr.capHit = IPaymentSchedule.CapHit.TermPerPoint;
        }
        uint256 key = uint8(_word(pointBytes, off, _SLOT_WORD)[3]); // cast: the key is byte 3 of the slot word
        cap = keyCapOf(keyCaps, key);
        if (cap != NONE) {
            uint256[] memory added = pe.added;
            // A cumulative term is already an entitlement over all results: only this point's own payments on the
            // key count against its cap (the point deducts everything paid earlier as a whole).
            uint256 counted = _isCumulative(pe.head) ? added[key] : added[key] + keyPaidOf(ledger, key);
            uint256 keyLeft = cap > counted ? cap - counted : 0;
            if (paid > keyLeft) {
                paid = keyLeft;
                tr.capHit = IPaymentSchedule.CapHit.TermOverall;
            }
            added[key] += paid;
        }
        tr.paid = paid;
    }

    /// @dev The units (curve: achievement) and entitlement before caps of the term at byte `off` (`curve`: scratch
    /// memory the curve is read into).
    function _termRaw(
        bytes calldata pointBytes,
        uint256 off,
        uint64 value,
        uint256 pot,
        PayoutCurves.Curve memory curve,
        IPaymentSchedule.TermResult memory tr
    ) private pure {
        bytes32 w = _word(pointBytes, off, _SLOT_WORD);
        // casts: kind is byte 4 of the slot word, source byte 21 (enum conversions revert on a value out of range).
        if (IPaymentSchedule.TermKind(uint8(w[4])) == IPaymentSchedule.TermKind.Curve) {
            _decodeCurve(pointBytes, off, curve);
            // casts: ceilingWad is bytes 13–20 of the word, weightWad bytes 5–12.
            uint256 achievement = PayoutCurves.achievementOverWad(curve, value, uint64(bytes8(w << 104)));
            tr.unitsWad = achievement;
            // pot < 2^128; weightWad ≤ WAD and achievement ≤ ceilingWad < 2^64, so weight × achievement < 2^125 and
            // the product < 2^253. Rounded down: favours the payer.
            tr.raw = MathLib.mulDivDown(pot, uint256(uint64(bytes8(w << 40))) * achievement, WAD_SQUARED);
            return;
        }
        uint256 base = value;
        if (IPaymentSchedule.UnitSource(uint8(w[21])) == IPaymentSchedule.UnitSource.Improvement) {
            uint256 ref = uint64(bytes8(w << 176)); // cast: referenceValue is bytes 22–29 of the word
            if (w[30] != 0) base = ref > base ? ref - base : 0;
            else base = base > ref ? base - ref : 0;
        }
        w = _word(pointBytes, off, _PRICE_WORD);
        // base < 2^64 and scaleWad (the word's bytes 0–15) < 2^128: fits.
        uint256 units = base * uint128(bytes16(w));
        tr.unitsWad = units;
        uint256 price = uint128(bytes16(w << 128)); // cast: price is the word's bytes 16–31
        // When units × price overflows 256 bits the entitlement exceeds 2^196, above every cap (each < 2^128) and
        // all funds: it saturates instead of reverting, so the point still settles. Rounded down: favours the payer.
        tr.raw = units > type(uint256).max / price ? type(uint256).max : MathLib.mulDivDown(units, price, MathLib.WAD);
    }

    /// @dev Step 5 and 6: true-up, point caps (point, overall, funds) and the payer split.
    function _payPoint(
        IPaymentSchedule.Ledger storage ledger,
        IPaymentSchedule.Header memory h,
        bytes32 head,
        IPaymentSchedule.PointResult memory r,
        IPaymentSchedule.CapHit hit
    ) private view {
        uint256 paidSoFar = ledger.totalPaid;
        uint256 amount = r.entitlement;
        if (_isCumulative(head)) {
            // True-up: everything paid earlier is deducted, never below 0.
            amount = amount > paidSoFar ? amount - paidSoFar : 0;
            r.entitlement = amount;
        }
        uint256 pointCap = uint128(bytes16(head << 112)); // cast: the point's cap is head bytes 14–29
        // `NONE` caps never bind: the funds (< 2^128) do first.
        if (amount > pointCap && pointCap != NONE) {
            amount = pointCap;
            hit = IPaymentSchedule.CapHit.Point;
        }
        uint256 capLeft = h.cap > paidSoFar ? h.cap - paidSoFar : 0;
        if (amount > capLeft && h.cap != NONE) {
            amount = capLeft;
            hit = IPaymentSchedule.CapHit.Overall;
        }
        uint256 fundsLeft = h.funds > paidSoFar ? h.funds - paidSoFar : 0;
        if (amount > fundsLeft) {
            amount = fundsLeft;
            hit = IPaymentSchedule.CapHit.Funds;
        }
        uint256 covered = _split(ledger, h.tiers, amount, r.parts);
        if (covered < amount) hit = IPaymentSchedule.CapHit.Funds;
        r.amount = covered;
        r.capHit = hit;
    }

    /// @dev Step 6: co-payment tiers first (each its fraction of `amount`, up to what it has left), the rest on the
    /// ordered tiers in order. Returns what the tiers cover (≤ amount).
    function _split(
        IPaymentSchedule.Ledger storage ledger,
        IPaymentSchedule.PayerTier[] memory tiers,
        uint256 amount,
        uint256[4] memory parts
    ) private view returns (uint256 covered) {
        if (amount == 0) return 0;
        uint256 n = tiers.length;
        uint256 rest = amount;
        for (uint256 t; t < n; ++t) {
            uint256 coPay = tiers[t].coPayWad;
            if (coPay == 0) continue;
            IPaymentSchedule.TierBook storage b = ledger.tierBooks[t];
            uint256 room = b.committed - b.paid;
            // amount < 2^129 and coPayWad < 2^64: fits. Rounded down: favours the co-payer.
            uint256 part = MathLib.wMulDown(amount, coPay);
            if (part > room) part = room;
            parts[t] = part;
            // Σ co-payment parts ≤ amount × Σ coPayWad / WAD < amount: rest stays positive.
            rest -= part;
        }
        for (uint256 t; t < n && rest != 0; ++t) {
            if (tiers[t].coPayWad != 0) continue;
            IPaymentSchedule.TierBook storage b = ledger.tierBooks[t];
            uint256 room = b.committed - b.paid;
            uint256 part = rest < room ? rest : room;
            parts[t] = part;
            rest -= part;
        }
        covered = amount - rest;
    }

    /// @dev Step 7 for capped keys, once per key the point paid on (`pe.added`): add what it paid (non-cumulative
    /// point), or raise the key's ledger to it (cumulative point: never under-counts what was paid for the key).
    function _bookKeys(IPaymentSchedule.Ledger storage ledger, bytes calldata pointBytes, PointEval memory pe) private {
        uint256 n = pe.termOffsets.length;
        bool cumulative = _isCumulative(pe.head);
        uint256[] memory added = pe.added;
        for (uint256 t; t < n; ++t) {
            uint256 key = uint8(_word(pointBytes, pe.termOffsets[t], _SLOT_WORD)[3]); // cast: byte 3 of the slot word
            uint256 paid = added[key];
            // Uncapped keys are never added to; a key two terms share is booked at its first term.
            if (paid == 0) continue;
            added[key] = 0;
            uint256 counted = keyPaidOf(ledger, key);
            // casts: what counts against a capped key stays ≤ its cap < 2^128 − 1 (each term's paid is bounded by the
            // cap less what counts already), so the stored value, one more, fits 128 bits.
            if (!cumulative) ledger.keyPaid[key] = uint128(counted + paid + 1);
            else if (paid > counted) ledger.keyPaid[key] = uint128(paid + 1);
        }
    }
}
