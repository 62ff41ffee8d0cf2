// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/src/utils/LibClone.sol";
import {IScheduledEscrow} from "./IScheduledEscrow.sol";
import {IPaymentSchedule} from "../outcomes/IPaymentSchedule.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {ScheduleLib} from "../outcomes/ScheduleLib.sol";
import {MathLib} from "../libraries/MathLib.sol";
import {EscrowFunding} from "./EscrowFunding.sol";
import {EscrowPayouts} from "./EscrowPayouts.sol";
import {ScheduleArgs} from "./ScheduleArgs.sol";

/// @title ScheduledEscrow
/// @notice Implementation behind every scheduled escrow clone (`IScheduledEscrow`). The schedule's header and the
/// beneficiaries are the clone's immutable arguments (`ScheduleArgs`); the points are committed to by their root. The
/// mutable state is the schedule's `Ledger`, one liveness word (read by deposits only), one word per funder and one
/// per beneficiary who claimed. No owner: funds leave only through `claim` and `refund`.
contract ScheduledEscrow is IScheduledEscrow, EscrowPayouts {
    using ScheduleArgs for bytes;

    /// @notice The feed every clone settles from.
    IMetricFeed public immutable FEED;
    /// @dev The implementation's own address: calls on it (not on a clone) revert with `NotAClone`.
    address private immutable _SELF;
    /// @dev The factory that deployed the implementation: the only account that may initialise a clone.
    address private immutable _FACTORY;

    IPaymentSchedule.Ledger private _ledger;
    /// @dev Set once by the factory: until then deposits revert `NotAClone`.
    bool private _live;
    /// @dev What each funder deposited into each payer tier (two words: a funder may pay in several tiers, so that a
    /// `depositFor` into one tier can never block the funder's own deposit into another).
    mapping(address funder => uint128[4] amounts) private _deposits;
    mapping(address beneficiary => uint256 claimed) private _claimed;

    constructor(IMetricFeed feed_) {
        FEED = feed_;
        _SELF = address(this);
        _FACTORY = msg.sender;
    }

    /// @inheritdoc IScheduledEscrow
    function initialize() external {
        if (msg.sender != _FACTORY || _live) revert NotFactory(msg.sender);
        _live = true;
        // The capped keys' ledgers start non-zero: a settlement's first payment on a key writes no fresh word.
        ScheduleLib.initKeys(_ledger, _args(0).header(FEED, 0).keyCaps);
    }

    /// @dev The clone's packed arguments (or the first `length` bytes), reverting `NotAClone` on the implementation.
    /// Only deposits also require the clone to be live (`_requireLive`): nothing enters a clone the factory did not
    /// initialise, so nothing can leave it either, and settling, claiming and refunding skip that storage read.
    function _args(uint256 length) private view returns (bytes memory) {
        if (address(this) == _SELF) revert NotAClone();
        return length == 0 ? LibClone.argsOnClone(address(this)) : LibClone.argsOnClone(address(this), 0, length);
    }

    /// @dev Reverts `NotAClone` unless the factory initialised this clone.
    function _requireLive() private view {
        if (!_live) revert NotAClone();
    }

    /*//////////////////////////////////////////////////////////////
                                DEPOSITS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IScheduledEscrow
    function deposit(uint256 tier, uint256 amount) external nonReentrant returns (uint256) {
        return _deposit(msg.sender, tier, amount);
    }

    /// @inheritdoc IScheduledEscrow
    function depositFor(address funder, uint256 tier, uint256 amount) external nonReentrant returns (uint256) {
        if (funder == address(0)) revert ZeroFunder();
        return _deposit(funder, tier, amount);
    }

    /// @dev Pulls `amount` from the caller and commits what arrived to `funder`'s tier `tier`.
    function _deposit(address funder, uint256 tier, uint256 amount) private returns (uint256 credited) {
        bytes memory args = _args(ScheduleArgs.DEPOSIT_HEAD);
        _requireLive();
        uint256 tiers = args.tierCount();
        if (tier >= tiers) revert TierIndex(tier, tiers);
        credited = EscrowFunding.pull(args.token(), args.fundingDeadline(), amount, _ledger.totalCommitted);
        // Σ of every commitment stays below 2^120 (`ScheduleLib.commit` checks): so does this funder's.
        ScheduleLib.commit(_ledger, tier, credited);
        // cast: this funder's deposits in the tier ≤ totalCommitted < 2^120.
        _deposits[funder][tier] += uint128(credited);
        emit Deposited(funder, msg.sender, tier, credited);
    }

    /*//////////////////////////////////////////////////////////////
                               SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IScheduledEscrow
    function settlePoint(
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external nonReentrant returns (uint256) {
        IPaymentSchedule.Header memory h = _header();
        return ScheduleLib.settlePoint(_ledger, h, index, pointBytes, proof).amount;
    }

    /// @inheritdoc IScheduledEscrow
    function previewPayment(
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external view returns (IPaymentSchedule.PointResult memory) {
        return ScheduleLib.previewPayment(_ledger, _header(), index, pointBytes, proof);
    }

    /// @dev The settlement header, once funding has closed (the funds a curve term shares are then final).
    function _header() private view returns (IPaymentSchedule.Header memory) {
        bytes memory args = _args(0);
        uint256 fundingDeadline = args.fundingDeadline();
        if (block.timestamp <= fundingDeadline) revert FundingOpen(fundingDeadline, block.timestamp);
        return args.header(FEED, _ledger.totalCommitted);
    }

    /*//////////////////////////////////////////////////////////////
                            CLAIMS AND REFUNDS
    //////////////////////////////////////////////////////////////*/

    function _claim(address account) internal override returns (uint256 amount) {
        bytes memory args = _args(0);
        uint256 claimed = _claimed[account];
        amount = _claimableOf(args, account, claimed);
        if (amount == 0) revert NothingToClaim(account);
        _claimed[account] = claimed + amount;
        emit Claimed(account, amount);
        EscrowFunding.pay(args.token(), account, amount);
    }

    function _refund(address account) internal override returns (uint256 amount) {
        bytes memory args = _args(0);
        _requireAllSettled(args.pointCount());
        amount = _refundOf(account, args.tierCount());
        if (amount == 0) revert NothingToRefund(account);
        delete _deposits[account];
        emit Refunded(account, amount);
        EscrowFunding.pay(args.token(), account, amount);
    }

    /// @dev Σ over the (at most 4) tiers of `account`'s share of the tier's unused commitment, each rounded down.
    function _refundOf(address account, uint256 tierCount) private view returns (uint256 amount) {
        uint128[4] memory deposits = _deposits[account];
        for (uint256 t; t < tierCount; ++t) {
            if (deposits[t] != 0) amount += ScheduleLib.payerRefund(_ledger, t, deposits[t]);
        }
    }

    /// @dev Reverts `PointsOpen` with the first point not yet settled.
    function _requireAllSettled(uint256 pointCount) private view {
        uint256 settled = _ledger.settled;
        for (uint256 i; i < pointCount; ++i) {
            if ((settled >> i) & 1 == 0) revert PointsOpen(i);
        }
    }

    /// @dev `account`'s share of everything paid so far (totalPaid × weight / totalWeight, rounded down) less what it
    /// claimed: Σ over the beneficiaries ≤ totalPaid. 0 for an account that is no beneficiary.
    function _claimableOf(bytes memory args, address account, uint256 claimed) private view returns (uint256) {
        uint256 n = args.beneficiaryCount();
        for (uint256 i; i < n; ++i) {
            (address b, uint256 weight) = args.beneficiary(i);
            if (b != account) continue;
            // totalPaid < 2^120 and weight < 2^96: the product fits.
            uint256 share = MathLib.mulDivDown(_ledger.totalPaid, weight, args.totalWeight());
            // share only grows (totalPaid only grows), and each claim took share − claimed.
            return share - claimed;
        }
        return 0;
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IScheduledEscrow
    function factory() external view returns (address) {
        return _FACTORY;
    }

    /// @inheritdoc IScheduledEscrow
    function header() external view returns (IPaymentSchedule.Header memory) {
        return _args(0).header(FEED, _ledger.totalCommitted);
    }

    /// @inheritdoc IScheduledEscrow
    function ledger() external view returns (IPaymentSchedule.Ledger memory) {
        return ScheduleLib.books(_ledger);
    }

    /// @inheritdoc IScheduledEscrow
    function depositOf(address account, uint256 tier) external view returns (uint256) {
        return tier < ScheduleLib.MAX_TIERS ? _deposits[account][tier] : 0;
    }

    /// @inheritdoc IScheduledEscrow
    function claimedOf(address account) external view returns (uint256) {
        return _claimed[account];
    }

    /// @inheritdoc IScheduledEscrow
    function claimable(address account) external view returns (uint256) {
        return _claimableOf(_args(0), account, _claimed[account]);
    }

    /// @inheritdoc IScheduledEscrow
    function refundable(address account) external view returns (uint256) {
        bytes memory args = _args(0);
        if (!ScheduleLib.allSettled(_ledger, args.pointCount())) return 0;
        return _refundOf(account, args.tierCount());
    }
}
