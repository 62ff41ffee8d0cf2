// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ShortString, ShortStrings} from "@openzeppelin/contracts/utils/ShortStrings.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ClonePermit} from "./ClonePermit.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {LibClone} from "solady/src/utils/LibClone.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IImpactPool} from "./IImpactPool.sol";
import {IImpactPoolFactory} from "./IImpactPoolFactory.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {OutcomeLib} from "../outcomes/OutcomeLib.sol";
import {IPaymentSchedule} from "../outcomes/IPaymentSchedule.sol";
import {ScheduleLib} from "../outcomes/ScheduleLib.sol";
import {ScheduleSettlement} from "../outcomes/ScheduleSettlement.sol";
import {RepaymentLib} from "./RepaymentLib.sol";
import {PoolConfigLib} from "./PoolConfigLib.sol";
import {MathLib} from "../libraries/MathLib.sol";
import {CapitalWaterfall} from "./CapitalWaterfall.sol";
import {IPoolShareClass} from "./IPoolShareClass.sol";

/// @title ImpactPool
/// @notice A social-impact-bond pool whose shares are this contract's own ERC-20 (see `IImpactPool` for the rules).
/// @dev Deployed once as the implementation by `ImpactPoolFactory`'s constructor; every pool is a clone with
/// immutable args (`PoolConfigLib`). EIP-712 domain (EIP-2612 permits, EIP-5267 `eip712Domain`): name = the pool's
/// own `name()` (what wallets build a permit from), version "1", the chain id and the clone's address as verifying
/// contract, so a permit signed for one pool cannot be used on another.
contract ImpactPool is IImpactPool, ERC20, ClonePermit, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @dev `_status`: 0 = uninitialised (the implementation), 1 = live, 2 = settled, 3 = funded (a classed pool whose
    /// every class is full; a basket/scheduled pool's Funded still follows from its supply).
    uint8 private constant LIVE = 1;
    uint8 private constant SETTLED = 2;
    uint8 private constant FUNDED = 3;

    /// @dev The factory that deployed the implementation (an immutable, so every clone reads the same value).
    address private immutable _FACTORY;

    // Slot A, written by disburse. `_slotAInUse` is set to 1 by `initialize` so that the first disbursal does not pay
    // for writing a zero slot (every disbursal then costs the same).
    uint128 private _disbursed;
    uint32 private _disbursedTranches;
    uint8 private _slotAInUse;

    // Slot B, read by every action: the status and the commitments outstanding (all of them until settlement); in a
    // classed pool, what the caps held back (written with the status at the last point, shared by the payers pro
    // rata to their commitments: read by their refunds with the status, at no extra slot).
    uint128 private _fundCommitted;
    uint8 private _status;
    uint120 private _cappedBack;

    // Slots C and D, written by settle (and redeem / refund).
    uint128 private _investorPotRemaining;
    uint128 private _outcomePayment;
    uint128 private _refundPotRemaining;
    uint64 private _compositeWad;

    mapping(address payer => uint256 amount) private _commitments;

    // Scheduled mode only (a basket pool never writes these): the schedule's ledger and each payer's commitment per
    // tier (a payer may commit into several tiers).
    IPaymentSchedule.Ledger private _ledger;
    mapping(address payer => uint128[4] amounts) private _tierCommitments;

    // Classed mode only: the class tokens and the guarantee posted.
    CapitalWaterfall.Capital private _capital;

    constructor() ERC20("", "") {
        _FACTORY = msg.sender;
    }

    /*//////////////////////////////////////////////////////////////
                                 SETUP
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IImpactPool
    function initialize() external {
        // The factory initialises each clone once, in the transaction that creates it.
        if (msg.sender != _FACTORY || _status != 0) revert NotFactory(msg.sender);
        _slotAInUse = 1;
        _status = LIVE;
        // No event of its own: the factory's `PoolCreated` (same transaction) carries the name, symbol and terms.
    }

    /// @notice The share token's name, set per pool at creation (in the clone's immutable args).
    function name() public view override returns (string memory) {
        return _shortString(PoolConfigLib.NAME_OFFSET);
    }

    /// @notice The share token's symbol, set per pool at creation (in the clone's immutable args).
    function symbol() public view override returns (string memory) {
        return _shortString(PoolConfigLib.SYMBOL_OFFSET);
    }

    /// @dev The `ShortString` word at `offset` of the clone's args.
    function _shortString(uint256 offset) private view returns (string memory) {
        bytes memory word = LibClone.argsOnClone(address(this), offset, offset + 32);
        return ShortStrings.toString(ShortString.wrap(bytes32(word)));
    }

    /// @dev The EIP-712 domain's name: the pool's own `name()`.
    function _permitName() internal view override returns (string memory) {
        return name();
    }

    /// @dev A permit sets the allowance as `approve` does.
    function _permitApprove(address owner, address spender, uint256 value) internal override {
        _approve(owner, spender, value);
    }

    /*//////////////////////////////////////////////////////////////
                                 RAISE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IImpactPool
    function invest(uint256 amount) external nonReentrant returns (uint256 shares) {
        if (_status == 0) revert NotAClone();
        if (amount == 0) revert ZeroAmount();
        bytes memory hot = _hotArgs();
        if (PoolConfigLib.classedHot(hot)) revert ClassIndex(type(uint256).max);
        (IERC20 token, uint256 raiseDeadline, uint256 capitalTarget, ) = PoolConfigLib.unpackHot(hot);
        if (block.timestamp > raiseDeadline) revert RaiseClosed(raiseDeadline);
        uint256 supply = totalSupply();
        if (supply >= capitalTarget) revert RaiseFull(capitalTarget);
        uint256 room = capitalTarget - supply;
        shares = _pull(token, amount < room ? amount : room);
        _mint(msg.sender, shares);
        emit Invested(msg.sender, shares);
    }

    /// @inheritdoc IImpactPool
    function investClass(uint256 classId, uint256 amount) external nonReentrant returns (uint256 shares) {
        // No class token on the implementation or an uninitialised clone (`ClassIndex`); nothing arriving reverts
        // `ZeroAmount` in `_pull`.
        bytes memory hot = _hotArgs();
        (IERC20 token, uint256 raiseDeadline, uint256 capitalTarget, ) = PoolConfigLib.unpackHot(hot);
        CapitalWaterfall.ClassSlot storage slot = _classSlot(classId);
        (address cls, uint256 raised) = (slot.token, slot.raised);
        if (cls == address(0)) revert ClassIndex(classId);
        if (block.timestamp > raiseDeadline) revert RaiseClosed(raiseDeadline);
        // The class's raise so far is stored with its token (no pool shares in a classed pool: its supply stays 0).
        uint256 target = _classTarget(classId);
        if (raised >= target) revert RaiseFull(target);
        shares = _pull(token, Math.min(amount, target - raised));
        raised += shares;
        slot.raised = uint96(raised); // cast: ≤ the class's target, which the factory bounds below 2^94
        // Every class is full once Σ of their raise is the capital target (each ≤ its target, the targets sum to it).
        if (raised == target && _classesRaised() == capitalTarget) _status = FUNDED;
        IPoolShareClass(cls).mint(msg.sender, shares);
        emit ClassInvested(msg.sender, classId, shares);
    }

    /// @dev Σ of the classes' raise (0 on an unclassed pool), up to the first class without a token.
    function _classesRaised() private view returns (uint256 sum) {
        for (uint256 i; i < CapitalWaterfall.MAX_CLASSES; ++i) {
            CapitalWaterfall.ClassSlot storage c = _capital.classes[i];
            if (c.token == address(0)) break;
            sum += c.raised;
        }
    }

    /// @inheritdoc IImpactPool
    function payout(uint256 classId, address to, uint256 amount, bool principalBack) external nonReentrant {
        if (classId >= CapitalWaterfall.MAX_CLASSES || msg.sender != _capital.classes[classId].token) {
            revert NotClassToken(msg.sender, classId);
        }
        IERC20 token;
        if (principalBack) {
            Phase p;
            (token, p) = _tokenAndPhase();
            if (p != Phase.RaiseFailed) revert WrongState(p);
            // Checked: the token pays back at most what its holders hold (Σ = the class's raise); cast: ≤ the raise.
            CapitalWaterfall.ClassSlot storage slot = _capital.classes[classId];
            slot.raised = uint96(slot.raised - amount);
        } else {
            (token, , , ) = _hotConfig(); // a claim needs no phase: only a Funded pool distributes
        }
        token.safeTransfer(to, amount);
    }

    /// @inheritdoc IImpactPool
    function postGuarantee() external nonReentrant {
        // Only while Funded (never Raising: a raise that then failed would strand it; Funded lasts until settled).
        if (_phase() != Phase.Funded) revert GuaranteeNotExpected(msg.sender);
        CapitalWaterfall.postGuarantee(_capital);
    }

    /// @inheritdoc IImpactPool
    function initializeClasses(address[3] calldata tokens) external {
        if (msg.sender != _FACTORY || _capital.classes[0].token != address(0)) revert NotFactory(msg.sender);
        for (uint256 i; i < CapitalWaterfall.MAX_CLASSES; ++i) _capital.classes[i].token = tokens[i];
    }

    /// @inheritdoc IImpactPool
    function withdraw() external nonReentrant returns (uint256 amount) {
        (IERC20 token, Phase p) = _tokenAndPhase();
        if (p != Phase.RaiseFailed) revert WrongState(p);
        amount = balanceOf(msg.sender);
        if (amount == 0) revert ZeroAmount();
        _burn(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /*//////////////////////////////////////////////////////////////
                              OUTCOME FUND
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IImpactPool
    function commit(uint256 amount) external nonReentrant returns (uint256 committed) {
        if (amount == 0) revert ZeroAmount();
        bytes memory hot = _hotArgs();
        (IERC20 token, uint256 raiseDeadline, uint256 capitalTarget, uint256 fundCap) = PoolConfigLib.unpackHot(hot);
        // Open while Raising or Funded. Checked without the supply read while the raise is still open (or Funded is
        // stored: a classed pool's supply stays 0).
        uint8 status = _status;
        if (status == 0) revert NotAClone();
        if (status == SETTLED) revert WrongState(Phase.Settled);
        if (status == LIVE && block.timestamp > raiseDeadline && totalSupply() < capitalTarget) {
            revert WrongState(Phase.RaiseFailed);
        }
        if (PoolConfigLib.scheduledHot(hot)) revert TierIndex(type(uint256).max, _tierCount());
        uint256 fund = _fundCommitted;
        if (fund >= fundCap) revert FundFull(fundCap);
        uint256 room = fundCap - fund;
        committed = _pull(token, amount < room ? amount : room);
        _fundCommitted = (fund + committed).toUint128();
        _commitments[msg.sender] += committed;
        emit Committed(msg.sender, committed);
    }

    /// @inheritdoc IImpactPool
    function commitTier(uint256 tier, uint256 amount) external nonReentrant returns (uint256 committed) {
        if (amount == 0) revert ZeroAmount();
        bytes memory hot = _hotArgs();
        (IERC20 token, uint256 raiseDeadline, , uint256 fundCap) = PoolConfigLib.unpackHot(hot);
        uint8 status = _status;
        if (status == 0) revert NotAClone();
        if (status == SETTLED) revert WrongState(Phase.Settled);
        uint256 tiers = PoolConfigLib.scheduledHot(hot) ? _tierCount() : 0;
        if (tier >= tiers) revert TierIndex(tier, tiers);
        // Commitments close at the raise deadline: the schedule's funds are frozen before any point can settle.
        if (raiseDeadline < block.timestamp) revert RaiseClosed(raiseDeadline);
        uint256 fund = _ledger.totalCommitted;
        if (fund >= fundCap) revert FundFull(fundCap);
        committed = _pull(token, Math.min(amount, fundCap - fund));
        ScheduleLib.commit(_ledger, tier, committed);
        // cast: this payer's commitment in the tier ≤ totalCommitted < 2^120 (`ScheduleLib.commit` checks).
        _tierCommitments[msg.sender][tier] += uint128(committed);
        emit TierCommitted(msg.sender, tier, committed);
    }

    /*//////////////////////////////////////////////////////////////
                              DISBURSEMENT
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IImpactPool
    function disburse(uint256 index, bytes calldata scheduleAbi) external nonReentrant returns (uint256 amount) {
        Config memory c = _config();
        Phase p = _phase();
        if (p != Phase.Funded) revert WrongState(p);
        bytes32 given = keccak256(scheduleAbi);
        if (given != c.scheduleHash) revert TermsMismatch(c.scheduleHash, given);
        Schedule memory schedule = abi.decode(scheduleAbi, (Schedule));
        uint256 count = schedule.tranches.length;
        if (index >= count) revert TrancheNotFound(index, count);
        uint32 bit = uint32(1 << index); // index < 32, enforced by the factory's tranche count limit.
        uint32 done = _disbursedTranches;
        if (done & bit != 0) revert TrancheAlreadyDisbursed(index);
        Tranche memory t = schedule.tranches[index];
        if (block.timestamp < t.dueAt) revert TrancheNotDue(index, t.dueAt);
        if (t.hasMilestone) _checkMilestone(c.milestoneVersions, index, t);

        // Rounded down: the dust stays with investors. capitalTarget < 2^128 and shareBps < 2^16: the product fits.
        amount = MathLib.bpsMulDown(c.capitalTarget, t.shareBps);
        _disbursed += amount.toUint128();
        _disbursedTranches = done | bit;
        address provider = schedule.providers[t.provider];
        emit Disbursed(index, provider, amount);
        c.token.safeTransfer(provider, amount);
    }

    /*//////////////////////////////////////////////////////////////
                               SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IImpactPool
    function settle(bytes calldata basketAbi) external nonReentrant {
        Config memory c = _config();
        Phase p = _phase();
        if (p != Phase.Funded) revert WrongState(p);
        if (block.timestamp < c.settlementDeadline) revert SettlementNotOpen(c.settlementDeadline);
        bytes32 given = keccak256(basketAbi);
        if (given != c.basketHash) revert TermsMismatch(c.basketHash, given);
        // The factory runs `OutcomeLib.readOutcome(feed, basket, deadline + grace)` for its pools (keeping the
        // decoder and the curves out of this contract's code).
        (OutcomeLib.Resolution resolution, uint256 composite) = IImpactPoolFactory(_FACTORY).readOutcome(
            basketAbi,
            c.basketVersions,
            uint256(c.settlementDeadline) + c.gracePeriod
        );
        if (resolution == OutcomeLib.Resolution.Pending) revert OutcomePending();
        // NoData reads as composite 0 (readOutcome already returns 0 for it).

        uint256 multiple = RepaymentLib.multipleWad(c.repayment, composite);
        uint256 disbursed = _disbursed;
        uint256 fund = _fundCommitted;
        // Rounded down: favours the outcome payers.
        // disbursed < 2^128 and multiple ≤ WAD + 2^64 < 2^66: the product fits (checked arithmetic regardless).
        uint256 payment = Math.min(fund, MathLib.wMulDown(disbursed, multiple));
        uint256 investorPot = totalSupply() - disbursed + payment;
        uint256 refundPot = fund - payment;

        _status = SETTLED;
        _compositeWad = uint64(composite); // composite ≤ WAD < 2^64
        _investorPotRemaining = investorPot.toUint128();
        _outcomePayment = uint128(payment); // payment ≤ fund, a uint128
        _refundPotRemaining = uint128(refundPot); // refundPot ≤ fund, a uint128
        emit Settled(resolution, composite, multiple, payment, investorPot, refundPot);
    }

    /// @inheritdoc IImpactPool
    function settlePoint(
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external nonReentrant returns (uint256 amount) {
        IPaymentSchedule.Header memory h = _openHeader(index);
        uint256 paidBefore = _ledger.totalPaid;
        amount = ScheduleSettlement.settlePoint(_ledger, h, index, pointBytes, proof);
        bool last = ScheduleLib.allSettled(_ledger, h.pointCount);
        bytes memory hot = _hotArgs();
        bool classed = PoolConfigLib.classedHot(hot);
        uint256 cappedBack;
        if (classed) {
            // A Funded classed pool raised its capital target exactly (every class its own target).
            (, , uint256 capitalTarget, ) = PoolConfigLib.unpackHot(hot);
            cappedBack = CapitalWaterfall.distribute(
                _capital,
                index,
                paidBefore,
                paidBefore + amount,
                last,
                capitalTarget - _disbursed
            );
        }
        if (!last) return amount;
        // The last point: the pool settles. Paid ≤ committed (the ledger's invariant), both below 2^120. A classed
        // pool paid its investors through the class tokens; its payers also share what the caps held back.
        uint256 paid = _ledger.totalPaid;
        uint256 refundPot = _ledger.totalCommitted - paid + cappedBack;
        uint256 investorPot = classed ? 0 : totalSupply() - _disbursed + paid;
        _cappedBack = uint120(cappedBack); // cast: ≤ paid < 2^120
        _status = SETTLED;
        _investorPotRemaining = investorPot.toUint128();
        _outcomePayment = uint128(paid); // cast: < 2^120
        _refundPotRemaining = uint128(refundPot); // cast: < 2^120
        emit ScheduleSettled(paid, investorPot, refundPot);
    }

    /// @inheritdoc IImpactPool
    function previewPayment(
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external view returns (IPaymentSchedule.PointResult memory) {
        bytes memory result = ScheduleSettlement.previewPayment(_ledger, _openHeader(index), index, pointBytes, proof);
        _returnEncoded(result);
    }

    /// @dev The header of point `index`, once a point may settle: the pool is a scheduled one (`PointIndex(index, 0)`
    /// otherwise), Funded (`WrongState`) and its commitments have closed (`SettlementNotOpen`: the funds a curve term
    /// shares are final only then).
    function _openHeader(uint256 index) private view returns (IPaymentSchedule.Header memory) {
        bytes memory args = LibClone.argsOnClone(address(this));
        if (!PoolConfigLib.scheduledHot(args)) revert IPaymentSchedule.PointIndex(index, 0);
        Phase p = _phase();
        if (p != Phase.Funded) revert WrongState(p);
        (, uint256 raiseDeadline, , ) = PoolConfigLib.unpackHot(args);
        if (block.timestamp <= raiseDeadline) revert SettlementNotOpen(raiseDeadline + 1);
        return PoolConfigLib.header(args, _ledger.totalCommitted, index);
    }

    /// @inheritdoc IImpactPool
    function redeem(uint256 shares) external nonReentrant returns (uint256 amount) {
        if (_status != SETTLED) revert WrongState(_phase()); // _phase reverts with NotAClone when uninitialised
        if (shares == 0) revert ZeroAmount();
        uint256 pot = _investorPotRemaining;
        // Rounded down; the last redeemer (shares == supply) receives the whole remainder, so no dust is stuck.
        // pot < 2^128 and shares ≤ supply, which the capital target bounds below 2^128: the product fits.
        uint256 supply = totalSupply();
        // Burn first: more shares than the caller holds fail here with the ERC-20 balance error, never a panic.
        _burn(msg.sender, shares);
        amount = MathLib.mulDivDown(pot, shares, supply);
        _investorPotRemaining = uint128(pot - amount); // ≤ pot, a uint128
        emit Redeemed(msg.sender, shares, amount);
        (IERC20 token, , , ) = _hotConfig();
        token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IImpactPool
    function refund() external nonReentrant returns (uint256 amount) {
        (IERC20 token, Phase p) = _tokenAndPhase();
        if (p != Phase.Settled && p != Phase.RaiseFailed) revert WrongState(p);
        uint256 committed = _commitments[msg.sender];
        // A scheduled pool's payers committed per tier (a basket pool's never did: theirs is then 0 and this reverts).
        if (committed == 0) return _refundTiers(token, p);
        amount = _refundAmount(p, committed);
        delete _commitments[msg.sender];
        // committed ≤ _fundCommitted and amount ≤ _refundPotRemaining, both uint128.
        _fundCommitted -= uint128(committed);
        if (p == Phase.Settled) _refundPotRemaining -= uint128(amount);
        emit Refunded(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @dev Scheduled pool: the caller's refund, Σ over its tiers (at most 4) of its full commitment after a failed
    /// raise, else of `ScheduleLib.payerRefund` (its share of the tier's unused commitment, rounded down).
    function _refundTiers(IERC20 token, Phase p) private returns (uint256 amount) {
        amount = _tierRefund(msg.sender, p);
        if (amount == 0) revert NothingToRefund(msg.sender);
        delete _tierCommitments[msg.sender];
        // Σ of the payers' refunds ≤ Σ over the tiers of committed − paid = the refund pot (each rounded down).
        if (p == Phase.Settled) _refundPotRemaining -= uint128(amount); // cast: amount ≤ the pot, a uint128
        emit Refunded(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @dev What `payer` gets back from its tier commitments in phase `p` (Settled or RaiseFailed).
    function _tierRefund(address payer, Phase p) private view returns (uint256 amount) {
        uint128[4] memory c = _tierCommitments[payer];
        uint256 total;
        for (uint256 t; t < ScheduleLib.MAX_TIERS; ++t) {
            if (c[t] == 0) continue;
            total += c[t];
            amount += p == Phase.RaiseFailed ? c[t] : ScheduleLib.payerRefund(_ledger, t, c[t]);
        }
        // A classed pool's capped-back part, pro rata to the payer's commitments, rounded down. Both < 2^120.
        uint256 back = _cappedBack;
        if (back != 0) amount += MathLib.mulDivDown(back, total, _ledger.totalCommitted);
    }

    /// @dev Class `classId`'s raise target: the low 128 bits of word 3 + `classId` of the capital block (the block
    /// ends 8 bytes before the args, which end with the clone's code; the args start after its 0x2d-byte prefix).
    function _classTarget(uint256 classId) private view returns (uint256) {
        uint256 at = address(this).code.length - 0x2d - 8 - CapitalWaterfall.BLOCK_LENGTH + 32 * (3 + classId);
        return uint128(bytes16(LibClone.argsOnClone(address(this), at + 16, at + 32))); // cast: the 128 bits
    }

    /// @dev A scheduled pool's tier count.
    function _tierCount() private view returns (uint256) {
        return uint8(LibClone.argsOnClone(address(this), PoolConfigLib.TIER_COUNT_OFFSET, PoolConfigLib.CAP_OFFSET)[0]);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IImpactPool
    function factory() external view returns (address) {
        return _FACTORY;
    }

    /// @inheritdoc IImpactPool
    function config() external view returns (Config memory) {
        return _config();
    }

    /// @inheritdoc IImpactPool
    function state() external view returns (State memory s) {
        s.phase = _phase();
        s.totalShares = totalSupply() + _classesRaised(); // one of the two is 0 (a classed pool mints no pool shares)
        s.disbursed = _disbursed;
        s.fundCommitted = _fundCommitted + _ledger.totalCommitted; // one of the two is 0 (basket or scheduled)
        s.compositeWad = _compositeWad;
        s.outcomePayment = _outcomePayment;
        s.investorPotRemaining = _investorPotRemaining;
        s.refundPotRemaining = _refundPotRemaining;
        s.disbursedTranches = _disbursedTranches;
    }

    /// @inheritdoc IImpactPool
    function phase() external view returns (Phase) {
        return _phase();
    }

    /// @inheritdoc IImpactPool
    function commitmentOf(address payer) external view returns (uint256) {
        return _commitments[payer];
    }

    /// @inheritdoc IImpactPool
    function isScheduled() external view returns (bool) {
        return PoolConfigLib.scheduledHot(_hotArgs());
    }

    /// @inheritdoc IImpactPool
    function pointHeader(uint256 index) external view returns (IPaymentSchedule.Header memory h) {
        bytes memory args = LibClone.argsOnClone(address(this));
        if (PoolConfigLib.scheduledHot(args)) {
            h = PoolConfigLib.header(args, _ledger.totalCommitted, index);
        }
    }

    /// @inheritdoc IImpactPool
    function ledger() external view returns (IPaymentSchedule.Ledger memory) {
        _returnEncoded(ScheduleSettlement.books(_ledger));
    }

    /// @inheritdoc IImpactPool
    function tierCommitmentOf(address payer, uint256 tier) external view returns (uint256) {
        return tier < ScheduleLib.MAX_TIERS ? _tierCommitments[payer][tier] : 0;
    }

    /// @inheritdoc IImpactPool
    function classToken(uint256 classId) external view returns (address) {
        return _classSlot(classId).token;
    }

    /// @inheritdoc IImpactPool
    function classRaised(uint256 classId) external view returns (uint256) {
        return _classSlot(classId).raised;
    }

    /// @dev Class `classId`'s slot; `ClassIndex` past index 2.
    function _classSlot(uint256 classId) private view returns (CapitalWaterfall.ClassSlot storage) {
        if (classId >= CapitalWaterfall.MAX_CLASSES) revert ClassIndex(classId);
        return _capital.classes[classId];
    }

    /// @inheritdoc IImpactPool
    function previewRedeem(uint256 shares) external view returns (uint256) {
        uint256 supply = totalSupply();
        if (_status != SETTLED || supply == 0) return 0;
        // Rounded down, as `redeem`; both factors are below 2^128: the product fits.
        return MathLib.mulDivDown(_investorPotRemaining, Math.min(shares, supply), supply);
    }

    /// @inheritdoc IImpactPool
    function previewRefund(address payer) external view returns (uint256) {
        Phase p = _phase();
        if (p != Phase.Settled && p != Phase.RaiseFailed) return 0;
        uint256 committed = _commitments[payer];
        return committed == 0 ? _tierRefund(payer, p) : _refundAmount(p, committed);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _config() private view returns (Config memory) {
        return PoolConfigLib.unpack(LibClone.argsOnClone(address(this)));
    }

    /// @dev The four fields `invest` and `commit` need, without building the whole `Config` in memory.
    function _hotConfig()
        private
        view
        returns (IERC20 token, uint256 raiseDeadline, uint256 capitalTarget, uint256 fundCap)
    {
        return PoolConfigLib.unpackHot(_hotArgs());
    }

    /// @dev Words 0 to 2 of the args (`PoolConfigLib.unpackHot`, `scheduledHot`).
    function _hotArgs() private view returns (bytes memory) {
        return LibClone.argsOnClone(address(this), 0, PoolConfigLib.HOT_LENGTH);
    }

    /// @dev Settled is stored, and a classed pool's Funded; the rest follows from the supply (shares are only burned
    /// after a failed raise or after settlement) and the clock.
    function _phase() private view returns (Phase p) {
        (, p) = _tokenAndPhase();
    }

    /// @dev Reverts with `NotAClone` on a clone the factory did not initialise (or the implementation): every
    /// entry point but `invest` and `commit` (which check it themselves) reads the phase.
    function _tokenAndPhase() private view returns (IERC20 token, Phase) {
        (IERC20 t, uint256 raiseDeadline, uint256 capitalTarget, ) = _hotConfig();
        uint8 status = _status;
        if (status == 0) revert NotAClone();
        if (status == SETTLED) return (t, Phase.Settled);
        if (status == FUNDED || totalSupply() >= capitalTarget) return (t, Phase.Funded);
        if (block.timestamp > raiseDeadline) return (t, Phase.RaiseFailed);
        return (t, Phase.Raising);
    }

    /// @dev Full commitment after a failed raise; otherwise the pro-rata share of the refund pot left, rounded down
    /// (the last payer receives the remainder).
    function _refundAmount(Phase p, uint256 committed) private view returns (uint256) {
        if (p == Phase.RaiseFailed) return committed;
        // Both factors are below 2^128 (bounded by the fund cap): the product fits.
        return MathLib.mulDivDown(_refundPotRemaining, committed, _fundCommitted);
    }

    /// @dev The factory reads the slot under the committee version pinned at creation (lane `index`) and the goal's
    /// direction from the registry (keeping both reads out of this contract's code): a milestone on a goal that must
    /// fall is met at or below `minValue`.
    function _checkMilestone(uint256 milestoneVersions, uint256 index, Tranche memory t) private view {
        (IMetricFeed.SlotStatus status, uint64 value, bool met) = IImpactPoolFactory(_FACTORY).milestone(
            t.missionId,
            uint16(milestoneVersions >> (16 * index)), // cast: lane `index`
            t.goalId,
            t.period,
            t.minValue
        );
        if (!met) revert MilestoneNotMet(index, status, value, t.minValue);
    }

    /// @dev Returns `encoded` (a library's ABI encoding of a view's result) as this call's return data: no decoding and
    /// re-encoding of the struct in this contract's code (EIP-170).
    function _returnEncoded(bytes memory encoded) private pure {
        // Assembly: `return` the bytes' contents as they are (the encoding a function returning the struct gives).
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            return(add(encoded, 0x20), mload(encoded))
        }
    }

    /// @dev Pulls up to `amount` from the caller and returns what actually arrived (fee-on-transfer safe).
    function _pull(IERC20 token, uint256 amount) private returns (uint256 received) {
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        received = token.balanceOf(address(this)) - before;
        if (received == 0) revert ZeroAmount();
    }
}
