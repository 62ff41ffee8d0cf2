// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ShortString, ShortStrings} from "@openzeppelin/contracts/utils/ShortStrings.sol";
import {LibClone} from "solady/src/utils/LibClone.sol";
import {IImpactPool} from "./IImpactPool.sol";
import {IImpactPoolFactory} from "./IImpactPoolFactory.sol";
import {IPoolShareClass} from "./IPoolShareClass.sol";
import {PoolShareClass} from "./PoolShareClass.sol";
import {MathLib} from "../libraries/MathLib.sol";

/// @title CapitalWaterfall
/// @notice A classed impact pool's capital structure (`docs/capital-structure.md`): the factory's checks and the
/// class share tokens (`prepare`, `createClasses`, run by the factory), and the waterfall each settled point pays
/// down (`distribute`, run by the pool). A deployed library (external functions, DELEGATECALL): neither the pool nor
/// the factory could hold this code.
/// @dev The capital block, six words before the pool's creation index in its clone args:
/// b0 = guarantor (160) | class count (8) | provider bps (16); b1 = provider; b2 = guarantee (128);
/// b3 + i = class i's target (128) | cap (128: the most the class receives from outcome payments, as a WAD multiple
/// of its target — the tighter of its multiple cap and its rate cap over the bond's term).
/// The waterfall is a pure function of the cumulative amount paid `P`: in seniority order, class i's principal
/// bucket (its target) then its return bucket (target × (cap − 1), rounded down); what is above every bucket is
/// capped back to the payers. Class i's return pays `providerBps` of itself to the provider (rounded down, of the
/// cumulative return, so the point-by-point cuts never drift). A point distributes `f(P after) − f(P before)`.
library CapitalWaterfall {
    using SafeERC20 for IERC20;

    /// @notice One class in the pool's storage: its share token (zero past the class count) and the capital it raised
    /// (its share token's supply: `_BOUND` keeps it below 2^94), one slot that `investClass` reads and writes.
    struct ClassSlot {
        address token;
        uint96 raised;
    }

    /// @notice The classes and the guarantee posted, in the pool's storage.
    struct Capital {
        ClassSlot[3] classes;
        uint128 guaranteePosted;
    }

    /// @notice The factory's storage of the class token implementation (deployed by the first classed pool).
    struct ClassImplementation {
        address implementation;
    }

    /// @notice A capital block, unpacked.
    struct Terms {
        address guarantor;
        address provider;
        uint256 classCount;
        uint256 providerBps;
        uint256 guarantee;
        uint256[3] targets;
        uint256[3] capWad;
    }

    /// @notice The cumulative split of `P` paid so far.
    struct Split {
        uint256[3] principal;
        uint256[3] toClasses;
        uint256 providerCut;
        uint256 cappedBack;
    }

    /// @notice Bytes of the capital block.
    uint256 internal constant BLOCK_LENGTH = 6 * 32;
    /// @notice Most classes per pool.
    uint256 internal constant MAX_CLASSES = 3;
    /// @dev Capital + fund + guarantee stay below 2^94: a class balance fits 96 bits and an accumulator correction
    /// (≤ total × 2^64) a signed 160 bits (`PoolShareClass`).
    uint256 private constant _BOUND = 1 << 94;
    uint256 private constant _YEAR = 365 days;

    /*//////////////////////////////////////////////////////////////
                         FACTORY (creation)
    //////////////////////////////////////////////////////////////*/

    /// @notice Checks `cs` against the pool's `capitalTarget` (one validation path: every error of
    /// `IImpactPoolFactory.createClassedPool`) and returns its capital block; `term` is the bond's term in seconds.
    function prepare(
        IImpactPoolFactory.CapitalStructure calldata cs,
        uint256 capitalTarget,
        uint256 fundCap,
        uint256 term
    ) external pure returns (bytes memory block_) {
        uint256 n = cs.classes.length;
        if (n == 0 || n > MAX_CLASSES) revert IImpactPoolFactory.ClassCount(n);
        uint256 sum;
        uint256[3] memory words;
        for (uint256 i; i < n; ++i) {
            IImpactPoolFactory.ShareClassTerms calldata c = cs.classes[i];
            _checkName(c.name, IImpactPoolFactory.TermField.Name);
            _checkName(c.symbol, IImpactPoolFactory.TermField.Symbol);
            if (c.target == 0) revert IImpactPoolFactory.ZeroAmountTerm(IImpactPoolFactory.TermField.CapitalTarget);
            if (i > 0 && c.seniority <= cs.classes[i - 1].seniority) revert IImpactPoolFactory.ClassOutOfOrder(i);
            if (c.maxMultipleWad == 0 && c.maxRateWad == 0) revert IImpactPoolFactory.ZeroReturnCap(i);
            if (c.maxMultipleWad != 0 && c.maxMultipleWad < MathLib.WAD) {
                revert IImpactPoolFactory.ReturnCapBelowPrincipal(i, c.maxMultipleWad);
            }
            uint256 cap = c.maxMultipleWad == 0 ? type(uint128).max : c.maxMultipleWad;
            if (c.maxRateWad != 0) {
                // Simple interest over the term, rounded DOWN (favours the payers). rate < 2^64, term < 2^40.
                uint256 rateCap = MathLib.WAD + MathLib.mulDivDown(c.maxRateWad, term, _YEAR);
                if (rateCap < cap) cap = rateCap;
            }
            words[i] = uint256(c.target) | (cap << 128);
            sum += c.target;
        }
        if (sum != capitalTarget) revert IImpactPoolFactory.ClassTargetsSum(sum, capitalTarget);
        uint256 senior = n == 1 ? sum : sum - cs.classes[n - 1].target;
        if (cs.guarantee > senior) revert IImpactPoolFactory.GuaranteeAboveSenior(cs.guarantee, senior);
        if (cs.guarantee != 0 && cs.guarantor == address(0)) revert IImpactPoolFactory.ZeroParty(0);
        if (cs.providerBps > MathLib.BPS) revert IImpactPoolFactory.IncentiveTooHigh(cs.providerBps);
        if (cs.providerBps != 0 && cs.provider == address(0)) revert IImpactPoolFactory.ZeroParty(1);
        uint256 total = capitalTarget + fundCap + cs.guarantee;
        if (total >= _BOUND) revert IImpactPoolFactory.CapitalTooLarge(total);
        uint256 b0 = uint256(uint160(cs.guarantor)) | (n << 160) | (uint256(cs.providerBps) << 168);
        block_ = abi.encode(b0, cs.provider, cs.guarantee, words[0], words[1], words[2]);
    }

    /// @notice Clones one share token per class for `pool` (the implementation is deployed on first use) and hands
    /// them to the pool (`IImpactPool.initializeClasses`).
    function createClasses(
        ClassImplementation storage impl,
        address pool,
        IImpactPoolFactory.CapitalStructure calldata cs
    ) external returns (address[3] memory tokens) {
        address implementation = impl.implementation;
        if (implementation == address(0)) {
            implementation = address(new PoolShareClass());
            impl.implementation = implementation;
        }
        for (uint256 i; i < cs.classes.length; ++i) {
            bytes memory args = abi.encodePacked(
                pool,
                uint8(i), // cast: i < 3
                ShortString.unwrap(ShortStrings.toShortString(cs.classes[i].name)),
                ShortString.unwrap(ShortStrings.toShortString(cs.classes[i].symbol)),
                cs.classes[i].target // the class token's supply once the pool distributes
            );
            tokens[i] = LibClone.clone(implementation, args);
        }
        IImpactPool(pool).initializeClasses(tokens);
    }

    /*//////////////////////////////////////////////////////////////
                           POOL (settlement)
    //////////////////////////////////////////////////////////////*/

    /// @notice Pays point `point` down the waterfall (cumulative paid `paidBefore` → `paidAfter`): each class's
    /// part to its token's accumulator, the provider's cut to the provider, the capped-back part left for the payers.
    /// At the `last` point also returns `undrawn` capital pro rata to the class targets (rounded down, the most junior
    /// class takes the remainder) and calls the guarantee for the senior classes' principal shortfall (target −
    /// principal from the waterfall − undrawn share), in seniority order; the rest goes back to the guarantor.
    /// @return cappedBack The cumulative amount the caps held back (for the payers' refund pot).
    function distribute(
        Capital storage cap,
        uint256 point,
        uint256 paidBefore,
        uint256 paidAfter,
        bool last,
        uint256 undrawn
    ) external returns (uint256 cappedBack) {
        bytes memory args = LibClone.argsOnClone(address(this));
        Terms memory t = terms(args);
        Split memory before = split(t, paidBefore);
        Split memory now_ = split(t, paidAfter);
        uint256[3] memory amounts;
        for (uint256 i; i < t.classCount; ++i) amounts[i] = now_.toClasses[i] - before.toClasses[i];
        uint256 providerCut = now_.providerCut - before.providerCut;
        emit IImpactPool.Distributed(point, amounts, providerCut, now_.cappedBack - before.cappedBack);
        IERC20 token = _token(args);
        if (last) _finish(cap, t, now_, amounts, undrawn, token);
        for (uint256 i; i < t.classCount; ++i) {
            if (amounts[i] != 0) IPoolShareClass(cap.classes[i].token).distribute(amounts[i]);
        }
        if (providerCut != 0) token.safeTransfer(t.provider, providerCut);
        return now_.cappedBack;
    }

    /// @dev The last point's additions to `amounts`: the undrawn capital and the guarantee called.
    function _finish(
        Capital storage cap,
        Terms memory t,
        Split memory s,
        uint256[3] memory amounts,
        uint256 undrawn,
        IERC20 token
    ) private {
        uint256 n = t.classCount;
        uint256 capital;
        for (uint256 i; i < n; ++i) capital += t.targets[i];
        uint256[3] memory back;
        uint256 left = undrawn;
        for (uint256 i; i < n; ++i) {
            // Rounded down; the most junior class takes the remainder. undrawn, target < 2^94: the product fits.
            back[i] = i + 1 == n ? left : MathLib.mulDivDown(undrawn, t.targets[i], capital);
            left -= back[i];
            amounts[i] += back[i];
        }
        emit IImpactPool.UndrawnReturned(back);
        uint256 posted = cap.guaranteePosted;
        if (posted == 0) return;
        uint256[3] memory called;
        uint256 seniors = n == 1 ? 1 : n - 1;
        for (uint256 i; i < seniors && posted != 0; ++i) {
            uint256 got = s.principal[i] + back[i];
            uint256 shortfall = got >= t.targets[i] ? 0 : t.targets[i] - got;
            called[i] = shortfall < posted ? shortfall : posted;
            posted -= called[i];
            amounts[i] += called[i];
        }
        emit IImpactPool.GuaranteeCalled(called);
        if (posted != 0) {
            emit IImpactPool.GuaranteeReturned(t.guarantor, posted);
            token.safeTransfer(t.guarantor, posted);
        }
    }

    /// @notice The cumulative waterfall split of `paid` under `t` (see the library's notice).
    function split(Terms memory t, uint256 paid) internal pure returns (Split memory s) {
        uint256 floor_;
        for (uint256 i; i < t.classCount; ++i) {
            uint256 principal = _band(paid, floor_, t.targets[i]);
            floor_ += t.targets[i];
            // Rounded down (favours the payers). target < 2^94, cap < 2^128: the product fits.
            uint256 room = MathLib.wMulDown(t.targets[i], t.capWad[i] - MathLib.WAD);
            uint256 ret = _band(paid, floor_, room);
            floor_ += room;
            uint256 cut = MathLib.bpsMulDown(ret, t.providerBps);
            s.principal[i] = principal;
            s.toClasses[i] = principal + ret - cut;
            s.providerCut += cut;
        }
        s.cappedBack = paid > floor_ ? paid - floor_ : 0;
    }

    /// @notice Word `k` of the capital block in a classed pool's full clone `args`.
    function classWord(bytes memory args, uint256 k) internal pure returns (uint256) {
        // The block ends where the 8-byte creation index starts.
        return uint256(LibClone.argLoad(args, args.length - 8 - BLOCK_LENGTH + 32 * k));
    }

    /// @notice The named guarantor posts the guarantee into the pool (`IImpactPool.postGuarantee`; the pool checks
    /// it is not settled).
    function postGuarantee(Capital storage cap) external {
        bytes memory args = LibClone.argsOnClone(address(this));
        Terms memory t = terms(args);
        if (msg.sender != t.guarantor || t.guarantee == 0 || cap.guaranteePosted != 0) {
            revert IImpactPool.GuaranteeNotExpected(msg.sender);
        }
        cap.guaranteePosted = uint128(t.guarantee); // cast: the factory bounds it below 2^94
        emit IImpactPool.GuaranteeCommitted(msg.sender, t.guarantee);
        _token(args).safeTransferFrom(msg.sender, address(this), t.guarantee);
    }

    /// @dev The pool's token: word 0's low 160 bits.
    function _token(bytes memory args) private pure returns (IERC20) {
        return IERC20(address(uint160(uint256(LibClone.argLoad(args, 0)))));
    }

    /// @notice The capital block of a classed pool's full clone `args`.
    function terms(bytes memory args) internal pure returns (Terms memory t) {
        uint256 at = args.length - 8 - BLOCK_LENGTH; // the block ends where the 8-byte creation index starts
        uint256 b0 = uint256(LibClone.argLoad(args, at));
        // Every cast takes back the bit field `prepare` wrote.
        t.guarantor = address(uint160(b0));
        t.classCount = uint8(b0 >> 160);
        t.providerBps = uint16(b0 >> 168);
        t.provider = address(uint160(uint256(LibClone.argLoad(args, at + 32))));
        t.guarantee = uint256(LibClone.argLoad(args, at + 64));
        for (uint256 i; i < MAX_CLASSES; ++i) {
            uint256 w = uint256(LibClone.argLoad(args, at + 96 + 32 * i));
            t.targets[i] = uint128(w);
            t.capWad[i] = w >> 128;
        }
    }

    /// @dev The part of `paid` in the band [floor, floor + size).
    function _band(uint256 paid, uint256 floor_, uint256 size) private pure returns (uint256) {
        if (paid <= floor_) return 0;
        uint256 over = paid - floor_;
        return over < size ? over : size;
    }

    function _checkName(string calldata s, IImpactPoolFactory.TermField field) private pure {
        uint256 len = bytes(s).length;
        if (len == 0 || len > 31) revert IImpactPoolFactory.InvalidName(field, len);
    }
}
