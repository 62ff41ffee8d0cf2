// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {IImpactPool} from "./IImpactPool.sol";
import {IPaymentSchedule} from "../outcomes/IPaymentSchedule.sol";
import {RepaymentLib} from "./RepaymentLib.sol";
import {ShortString, ShortStrings} from "@openzeppelin/contracts/utils/ShortStrings.sol";
import {LibClone} from "solady/src/utils/LibClone.sol";

/// @title PoolConfigLib
/// @notice The compact encoding of an impact pool's scalar terms in its clone's immutable args: six 32-byte words
/// (192 bytes of code, ~38k gas of deposit instead of ~9 storage slots).
/// - word 0: token (160 bits) | raiseDeadline (40) | settlementDeadline (40)
/// - word 1: feed (160) | gracePeriod (40)
/// - word 2: capitalTarget (128) | fundCap (128)
/// - word 3: thresholdWad (64) | principalAtWad (64) | maxReturnWad (64)
/// - word 4: basket hash; word 5: schedule hash;
/// - word 6: the share token's name, word 7: its symbol (each an OZ `ShortString`: ≤ 31 bytes, length in the low
///   byte; in code, 6.4k gas each, instead of a 22k storage slot each);
/// - a schedule with milestones adds a word: the milestone versions, lane `i` for tranche `i`;
/// - then the pool's creation index (8 bytes, the last ones): it makes every pool's CREATE2 address unique
///   (`IImpactPoolFactory.isPool`).
/// The committee versions pinned for the basket's 8 terms (16-bit lanes) fill the free top bits: lanes 0–3 word 3
/// bits 192–255, lanes 4–6 word 1 bits 200–247, lane 7 word 0 bits 240–255.
/// A pool paid by a payment schedule (scheduled mode) sets word 1's bit 255, has a zero basket hash and repayment
/// curve, always carries the milestone word (zero when no tranche has a milestone), and then, before the index, the
/// schedule's header (byte offsets): points root 288..320, point count 320, tier count 321, key cap count 322, cap
/// 323..339, then the tiers (coPayWad, 8 bytes each), the key caps (16 bytes each) and one word per point: the
/// committee versions pinned for that point's slots (`IPaymentSchedule.Header.versions`: term `t` in lane `t`,
/// condition `c` in lane `8 + c`; a pool's slots may name several missions, each with its own version).
/// A classed scheduled pool also sets word 1's bit 254 and carries its capital block (`CapitalWaterfall`, six words)
/// after the header, just before the index.
library PoolConfigLib {
    // Bit offsets inside the words (each field's width is its type's).
    uint256 private constant _RAISE_DEADLINE_SHIFT = 160; // word 0, after the token
    uint256 private constant _SETTLEMENT_DEADLINE_SHIFT = 200; // word 0, after the raise deadline
    uint256 private constant _GRACE_PERIOD_SHIFT = 160; // word 1, after the feed
    uint256 private constant _FUND_CAP_SHIFT = 128; // word 2, after the capital target
    uint256 private constant _PRINCIPAL_AT_SHIFT = 64; // word 3, after the threshold
    uint256 private constant _MAX_RETURN_SHIFT = 128; // word 3, after the principal point
    uint256 private constant _LANES_0_3_SHIFT = 192; // word 3, after the maximum return
    uint256 private constant _LANES_4_6_SHIFT = 200; // word 1, after the grace period
    uint256 private constant _LANE_7_SHIFT = 240; // word 0, after the settlement deadline
    uint256 private constant _LANES_0_3 = 0xffffffffffffffff; // 4 lanes
    uint256 private constant _LANES_4_6 = 0xffffffffffff; // 3 lanes
    /// @notice Byte offsets of the name and symbol words, and of the optional milestone word.
    uint256 internal constant NAME_OFFSET = 6 * 32;
    uint256 internal constant SYMBOL_OFFSET = 7 * 32;
    uint256 internal constant MILESTONES_OFFSET = 8 * 32;
    /// @notice Bytes of the creation index that ends the args.
    uint256 internal constant INDEX_SIZE = 8;
    /// @notice Bytes of the args without the milestone word.
    uint256 internal constant BASE_LENGTH = MILESTONES_OFFSET + INDEX_SIZE;

    /// @notice Bytes the hot paths read: words 0 to 2.
    uint256 internal constant HOT_LENGTH = 3 * 32;

    /// @dev Word 1's bit that marks a scheduled pool (above lanes 4–6, which end at bit 247).
    uint256 private constant _SCHEDULED_BIT = 1 << 255;
    /// @dev Word 1's bit that marks a classed scheduled pool (its args carry a `CapitalWaterfall` block before the
    /// index).
    uint256 private constant _CLASSED_BIT = 1 << 254;
    /// @notice Byte offsets of a scheduled pool's header (literals: see the layout above).
    uint256 internal constant POINTS_ROOT_OFFSET = 288;
    uint256 internal constant POINT_COUNT_OFFSET = 320;
    uint256 internal constant TIER_COUNT_OFFSET = 321;
    uint256 internal constant KEY_CAP_COUNT_OFFSET = 322;
    uint256 internal constant CAP_OFFSET = 323;
    uint256 internal constant TIERS_OFFSET = 339;
    uint256 internal constant TIER_SIZE = 8;
    uint256 internal constant KEY_CAP_SIZE = 16;

    /// @notice Packs `c`, the share token's `name` and `symbol` (≤ 31 bytes each, checked by the factory) and the
    /// creation `index` (below 2^64) into the immutable args.
    function pack(
        IImpactPool.Config memory c,
        string calldata name,
        string calldata symbol,
        uint256 index
    ) internal pure returns (bytes memory) {
        bytes memory head = bytes.concat(_words(c, 0), _short(name), _short(symbol));
        if (c.milestoneVersions != 0) head = bytes.concat(head, bytes32(c.milestoneVersions));
        return bytes.concat(head, bytes8(uint64(index)));
    }

    /// @notice Packs a scheduled pool: `c` (zero basket hash and repayment), with word 1's scheduled bit, the name,
    /// the symbol, the milestone word (always), the schedule's header `schedule` (laid out from `POINTS_ROOT_OFFSET`,
    /// built by `PoolScheduleChecks.prepare`) and the creation `index`.
    function packScheduled(
        IImpactPool.Config memory c,
        string calldata name,
        string calldata symbol,
        bytes memory schedule,
        bool classed,
        uint256 index
    ) internal pure returns (bytes memory) {
        return
            bytes.concat(
                _words(c, classed ? _SCHEDULED_BIT | _CLASSED_BIT : _SCHEDULED_BIT),
                _short(name),
                _short(symbol),
                bytes32(c.milestoneVersions),
                schedule,
                bytes8(uint64(index))
            );
    }

    /// @dev Words 0–5 (the scalar terms, the basket versions in the free top bits, the two hashes); `flags` is or-ed
    /// into word 1 (the scheduled bit, or 0).
    function _words(IImpactPool.Config memory c, uint256 flags) private pure returns (bytes memory) {
        uint256 v = c.basketVersions; // 8 lanes of 16 bits (< 2^128)
        uint256 w0 =
            uint256(uint160(address(c.token))) |
                (uint256(c.raiseDeadline) << _RAISE_DEADLINE_SHIFT) |
                (uint256(c.settlementDeadline) << _SETTLEMENT_DEADLINE_SHIFT) |
                ((v >> 112) << _LANE_7_SHIFT);
        uint256 w1 =
            uint256(uint160(address(c.feed))) |
                (uint256(c.gracePeriod) << _GRACE_PERIOD_SHIFT) |
                (((v >> 64) & _LANES_4_6) << _LANES_4_6_SHIFT) |
                flags;
        uint256 w2 = uint256(c.capitalTarget) | (uint256(c.fundCap) << _FUND_CAP_SHIFT);
        uint256 w3 =
            uint256(c.repayment.thresholdWad) |
                (uint256(c.repayment.principalAtWad) << _PRINCIPAL_AT_SHIFT) |
                (uint256(c.repayment.maxReturnWad) << _MAX_RETURN_SHIFT) |
                ((v & _LANES_0_3) << _LANES_0_3_SHIFT);
        return abi.encode(w0, w1, w2, w3, c.basketHash, c.scheduleHash);
    }

    /// @dev `s` (≤ 31 bytes) as one `ShortString` word.
    function _short(string calldata s) private pure returns (bytes32) {
        return ShortString.unwrap(ShortStrings.toShortString(s));
    }

    /// @notice Unpacks the args written by `pack`.
    function unpack(bytes memory args) internal pure returns (IImpactPool.Config memory c) {
        (uint256 w0, uint256 w1, uint256 w2, uint256 w3, bytes32 basketHash, bytes32 scheduleHash) = abi.decode(
            args,
            (uint256, uint256, uint256, uint256, bytes32, bytes32)
        );
        // Every cast below takes back exactly the bit field `pack` wrote.
        c.token = IERC20(address(uint160(w0)));
        c.raiseDeadline = uint40(w0 >> _RAISE_DEADLINE_SHIFT);
        c.settlementDeadline = uint40(w0 >> _SETTLEMENT_DEADLINE_SHIFT); // cast: 40 bits, lane 7 above
        c.feed = IMetricFeed(address(uint160(w1)));
        c.gracePeriod = uint40(w1 >> _GRACE_PERIOD_SHIFT); // cast: 40 bits; the lanes above are read apart
        c.capitalTarget = uint128(w2);
        c.fundCap = uint128(w2 >> _FUND_CAP_SHIFT);
        c.repayment = RepaymentLib.Curve(
            uint64(w3),
            uint64(w3 >> _PRINCIPAL_AT_SHIFT),
            uint64(w3 >> _MAX_RETURN_SHIFT)
        );
        c.basketHash = basketHash;
        c.scheduleHash = scheduleHash;
        c.basketVersions =
            (w3 >> _LANES_0_3_SHIFT) |
            (((w1 >> _LANES_4_6_SHIFT) & _LANES_4_6) << 64) |
            ((w0 >> _LANE_7_SHIFT) << 112);
        if (args.length > BASE_LENGTH) c.milestoneVersions = abi.decode(args, (uint256[9]))[8];
    }

    /// @notice Whether `args` (at least words 0 to 2) are a scheduled pool's: word 1's scheduled bit.
    function scheduledHot(bytes memory args) internal pure returns (bool) {
        return uint256(LibClone.argLoad(args, 32)) & _SCHEDULED_BIT != 0;
    }

    /// @notice Whether `args` (at least words 0 to 2) are a classed pool's: word 1's classed bit.
    function classedHot(bytes memory args) internal pure returns (bool) {
        return uint256(LibClone.argLoad(args, 32)) & _CLASSED_BIT != 0;
    }

    /// @notice A scheduled pool's tier count (`args` holds at least the first `TIERS_OFFSET` bytes).
    function tierCount(bytes memory args) internal pure returns (uint256) {
        return uint8(args[TIER_COUNT_OFFSET]);
    }

    /// @notice A scheduled pool's point count (`args` holds at least the first `TIERS_OFFSET` bytes).
    function pointCount(bytes memory args) internal pure returns (uint256) {
        return uint8(args[POINT_COUNT_OFFSET]);
    }

    /// @notice The settlement header of point `index` of a scheduled pool (`args`: all of them): every figure from
    /// the args but `funds` (the pool's Σ commitments); `versions` is point `index`'s word (0 past the last point,
    /// which `ScheduleLib` refuses with `PointIndex`).
    function header(
        bytes memory args,
        uint256 funds,
        uint256 index
    ) internal pure returns (IPaymentSchedule.Header memory h) {
        uint256 w1 = uint256(LibClone.argLoad(args, 32));
        h.feed = IMetricFeed(address(uint160(w1))); // cast: the low 160 bits `pack` wrote
        h.gracePeriod = uint40(w1 >> _GRACE_PERIOD_SHIFT); // cast: 40 bits
        h.pointsRoot = LibClone.argLoad(args, POINTS_ROOT_OFFSET);
        h.pointCount = uint8(args[POINT_COUNT_OFFSET]);
        h.funds = uint128(funds); // cast: funds is the ledger's totalCommitted, a uint120
        h.cap = uint128(bytes16(LibClone.argLoad(args, CAP_OFFSET)));
        uint256 nt = uint8(args[TIER_COUNT_OFFSET]);
        h.tiers = new IPaymentSchedule.PayerTier[](nt);
        for (uint256 i; i < nt; ++i) {
            h.tiers[i].coPayWad = uint64(bytes8(LibClone.argLoad(args, TIERS_OFFSET + TIER_SIZE * i)));
        }
        uint256 off = TIERS_OFFSET + TIER_SIZE * nt;
        uint256 nk = uint8(args[KEY_CAP_COUNT_OFFSET]);
        h.keyCaps = new uint128[](nk);
        for (uint256 i; i < nk; ++i) h.keyCaps[i] = uint128(bytes16(LibClone.argLoad(args, off + KEY_CAP_SIZE * i)));
        if (index < h.pointCount) h.versions = uint256(LibClone.argLoad(args, off + KEY_CAP_SIZE * nk + 32 * index));
    }

    /// @notice Only the fields read on the hot paths (`invest`, `commit`): words 0 and 2.
    function unpackHot(
        bytes memory args
    ) internal pure returns (IERC20 token, uint256 raiseDeadline, uint256 capitalTarget, uint256 fundCap) {
        // abi.decode ignores the trailing words; the casts take back the bit fields `pack` wrote.
        (uint256 w0, , uint256 w2) = abi.decode(args, (uint256, uint256, uint256));
        token = IERC20(address(uint160(w0)));
        raiseDeadline = uint40(w0 >> _RAISE_DEADLINE_SHIFT);
        capitalTarget = uint128(w2);
        fundCap = w2 >> _FUND_CAP_SHIFT;
    }
}
