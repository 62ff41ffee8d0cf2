// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {LibClone} from "solady/src/utils/LibClone.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IOutcomeEscrow} from "./IOutcomeEscrow.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {OutcomeLib} from "../outcomes/OutcomeLib.sol";
import {MathLib} from "../libraries/MathLib.sol";
import {EscrowArgs} from "./EscrowArgs.sol";
import {EscrowFunding} from "./EscrowFunding.sol";
import {EscrowPayouts} from "./EscrowPayouts.sol";

/// @title OutcomeEscrow
/// @notice Implementation behind every outcome escrow clone. Terms are the clone's immutable arguments (set once,
/// at creation, by the factory); the factory then initialises the clone once, which makes it live: a clone of the
/// implementation that the factory did not create and initialise reverts on every entry point (`NotAClone`). The
/// mutable state is one storage word plus one word per funder. No owner: funds leave only through `claim` and
/// `refund`.
contract OutcomeEscrow is IOutcomeEscrow, EscrowPayouts {
    using EscrowArgs for bytes;

    /// @dev All mutable escrow-wide state in one slot (128 + 8 + 64 + 32 bits). `stage` is 0 until the factory
    /// initialises the clone (`_UNINITIALISED`: every entry point reverts), then `1 + uint8(Status)`. Keeping the
    /// liveness in the status byte costs the hot paths nothing: they compare one byte as before.
    // solhint-disable-next-line gas-struct-packing
    struct State {
        uint128 totalDeposited;
        uint8 stage;
        uint64 compositeWad;
        uint32 claimedBitmap;
    }

    uint8 private constant _UNINITIALISED = 0;
    /// @dev `stage` of an Open escrow: 1 + uint8(Status.Open).
    uint8 private constant _OPEN = 1;

    /// @notice The feed every clone settles from.
    IMetricFeed public immutable FEED;
    /// @dev The implementation's own address: calls on it (not on a clone) revert with `NotAClone`.
    address private immutable _SELF;
    /// @dev The factory that deployed the implementation: the only account that may initialise a clone.
    address private immutable _FACTORY;

    State private _state;
    mapping(address funder => uint256 amount) private _deposits;

    constructor(IMetricFeed feed_) {
        FEED = feed_;
        _SELF = address(this);
        _FACTORY = msg.sender;
    }

    /// @inheritdoc IOutcomeEscrow
    function initialize() external {
        if (msg.sender != _FACTORY || _state.stage != _UNINITIALISED) revert NotFactory(msg.sender);
        _state.stage = _OPEN;
    }

    /// @dev The status of a stage, reverting with `NotAClone` for an uninitialised clone (or the implementation).
    function _statusOf(uint8 stage) private pure returns (Status) {
        if (stage == _UNINITIALISED) revert NotAClone();
        // stage ∈ {1, 2, 3} once initialised (written only as 1 + uint8(Status)).
        return Status(stage - 1);
    }

    /// @dev The clone's packed terms (see `EscrowArgs`), read by Solady `LibClone` like every clone's args.
    function _args() private view returns (bytes memory) {
        if (address(this) == _SELF) revert NotAClone();
        return LibClone.argsOnClone(address(this));
    }

    /// @dev The first `length` bytes of the clone's packed terms. Deposits need only the token and the funding
    /// deadline, so they skip copying the beneficiaries and outcome terms.
    function _argsHead(uint256 length) private view returns (bytes memory) {
        if (address(this) == _SELF) revert NotAClone();
        return LibClone.argsOnClone(address(this), 0, length);
    }

    /*//////////////////////////////////////////////////////////////
                                DEPOSITS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IOutcomeEscrow
    function deposit(uint256 amount) external nonReentrant returns (uint256) {
        return _deposit(msg.sender, amount);
    }

    /// @inheritdoc IOutcomeEscrow
    function depositFor(address funder, uint256 amount) external nonReentrant returns (uint256) {
        if (funder == address(0)) revert ZeroFunder();
        return _deposit(funder, amount);
    }

    /// @inheritdoc IOutcomeEscrow
    function depositWithPermit(
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (uint256) {
        address token = address(_args().token());
        // A failed permit (front-run, or unsupported) is ignored: the transfer below still needs the allowance.
        try IERC20Permit(token).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        return _deposit(msg.sender, amount);
    }

    /// @dev Pulls `amount` from the caller and credits `funder` with what actually arrived.
    function _deposit(address funder, uint256 amount) private returns (uint256 credited) {
        bytes memory args = _argsHead(EscrowArgs.DEPOSIT_HEAD);
        // Status and total share one slot: read together, one SLOAD. Nothing can change them during the transfer
        // below (every state-changing entry point is nonReentrant), so reading the total first is the same.
        uint8 stage = _state.stage;
        uint256 total = _state.totalDeposited;
        if (stage != _OPEN) revert WrongState(_statusOf(stage));
        // Credit what actually arrived (fee-on-transfer tokens): while Open nothing has left the escrow.
        credited = EscrowFunding.pull(args.token(), args.fundingDeadline(), amount, total);
        _state.totalDeposited = SafeCast.toUint128(total + credited);
        _deposits[funder] += credited;
        emit Deposited(funder, msg.sender, credited);
    }

    /*//////////////////////////////////////////////////////////////
                               SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IOutcomeEscrow
    function settle() external nonReentrant returns (Status) {
        bytes memory args = _args();
        State memory s = _state;
        if (s.stage != _OPEN) revert WrongState(_statusOf(s.stage));
        SettleReason reason;
        uint256 composite;
        if (s.totalDeposited < args.minFunding()) {
            // Below the minimum: deposits may still arrive until the funding deadline, so wait for it; then refund
            // at once, without waiting for the oracle (the factory closes funding before any slot can be final).
            uint256 fundingDeadline = args.fundingDeadline();
            if (block.timestamp <= fundingDeadline) revert FundingOpen(fundingDeadline, block.timestamp);
            reason = SettleReason.Underfunded;
        } else {
            uint256 noDataAfter = args.noDataAfter();
            OutcomeLib.Resolution resolution;
            (resolution, composite) = OutcomeLib.readOutcome(
                FEED,
                args.outcomes(),
                OutcomeLib.uniformVersions(args.committeeVersion()),
                noDataAfter
            );
            if (resolution == OutcomeLib.Resolution.Pending) revert OutcomePending(noDataAfter, block.timestamp);
            if (resolution == OutcomeLib.Resolution.NoData) reason = SettleReason.NoData;
            // else Achieved (the enum's zero value)
        }
        Status next = reason == SettleReason.Achieved ? Status.Achieved : Status.Refunding;
        // composite ≤ WAD < 2^64 (OutcomeLib bounds every achievement to [0, WAD]).
        _state.stage = uint8(next) + 1;
        _state.compositeWad = uint64(composite);
        uint256 pot = _beneficiaryPot(s.totalDeposited, composite);
        emit Settled(next, reason, composite, pot, s.totalDeposited - pot);
        return next;
    }

    /// @dev total × composite / WAD, rounded down (favours the funders' refund pot, i.e. the escrow's payers).
    function _beneficiaryPot(uint256 total, uint256 compositeWad) private pure returns (uint256) {
        // total < 2^128 and compositeWad ≤ 1e18 < 2^60: the product cannot overflow, so no 512-bit mulDiv.
        return MathLib.wMulDown(total, compositeWad);
    }

    /*//////////////////////////////////////////////////////////////
                            CLAIMS AND REFUNDS
    //////////////////////////////////////////////////////////////*/

    function _claim(address account) internal override returns (uint256 amount) {
        bytes memory args = _args();
        State memory s = _state;
        if (s.stage <= _OPEN) revert WrongState(_statusOf(s.stage));
        (uint256 index, uint256 weight) = _findBeneficiary(args, account);
        uint32 bit = _bit(index);
        if (weight == 0 || s.claimedBitmap & bit != 0) revert NothingToClaim(account);
        amount = _shareOf(s, weight, args.totalWeight());
        if (amount == 0) revert NothingToClaim(account);
        _state.claimedBitmap = s.claimedBitmap | bit;
        emit Claimed(account, amount);
        EscrowFunding.pay(args.token(), account, amount);
    }

    function _refund(address account) internal override returns (uint256 amount) {
        bytes memory args = _args();
        State memory s = _state;
        if (s.stage <= _OPEN) revert WrongState(_statusOf(s.stage));
        amount = _refundOf(s, _deposits[account]);
        if (amount == 0) revert NothingToRefund(account);
        _deposits[account] = 0;
        emit Refunded(account, amount);
        EscrowFunding.pay(args.token(), account, amount);
    }

    /// @dev refundPot × deposit / totalDeposited, rounded down (favours the escrow). 0 when nothing was deposited.
    function _refundOf(State memory s, uint256 deposited) private pure returns (uint256) {
        if (deposited == 0) return 0;
        uint256 refundPot = s.totalDeposited - _beneficiaryPot(s.totalDeposited, s.compositeWad);
        // refundPot ≤ totalDeposited < 2^128 and deposited < 2^128: the product fits 256 bits.
        return MathLib.mulDivDown(refundPot, deposited, s.totalDeposited);
    }

    /// @dev beneficiaryPot × weight / totalWeight, rounded down (favours the escrow). pot < 2^128 and
    /// weight < 2^96, so the product fits 256 bits.
    function _shareOf(State memory s, uint256 weight, uint256 totalWeight) private pure returns (uint256) {
        return MathLib.mulDivDown(_beneficiaryPot(s.totalDeposited, s.compositeWad), weight, totalWeight);
    }

    /// @dev The claim flag of beneficiary `index` (< MAX_BENEFICIARIES = 32, so the cast keeps every bit).
    function _bit(uint256 index) private pure returns (uint32) {
        return uint32(1 << index);
    }

    /// @dev The index and weight of `account` among the beneficiaries; weight 0 when it is not one.
    /// O(#beneficiaries ≤ 32), independent of the number of funders.
    function _findBeneficiary(bytes memory args, address account) private pure returns (uint256, uint256) {
        uint256 n = args.beneficiaryCount();
        for (uint256 i; i < n; ++i) {
            (address b, uint256 weight) = args.beneficiary(i);
            if (b == account) return (i, weight);
        }
        return (0, 0);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IOutcomeEscrow
    function terms() external view returns (Terms memory) {
        return _args().decode();
    }

    /// @inheritdoc IOutcomeEscrow
    function committeeVersion() external view returns (uint16) {
        return _args().committeeVersion();
    }

    /// @inheritdoc IOutcomeEscrow
    function status() external view returns (Status) {
        return _statusOf(_state.stage);
    }

    /// @inheritdoc IOutcomeEscrow
    function factory() external view returns (address) {
        return _FACTORY;
    }

    /// @inheritdoc IOutcomeEscrow
    function totals()
        external
        view
        returns (uint256 totalDeposited, uint256 beneficiaryPot, uint256 refundPot, uint256 compositeWad)
    {
        State memory s = _state;
        totalDeposited = s.totalDeposited;
        if (s.stage > _OPEN) {
            beneficiaryPot = _beneficiaryPot(totalDeposited, s.compositeWad);
            refundPot = totalDeposited - beneficiaryPot;
        }
        compositeWad = s.compositeWad;
    }

    /// @inheritdoc IOutcomeEscrow
    function depositOf(address account) external view returns (uint256) {
        return _deposits[account];
    }

    /// @inheritdoc IOutcomeEscrow
    function claimable(address account) external view returns (uint256) {
        bytes memory args = _args();
        State memory s = _state;
        if (s.stage <= _OPEN) return 0;
        (uint256 index, uint256 weight) = _findBeneficiary(args, account);
        if (weight == 0 || s.claimedBitmap & _bit(index) != 0) return 0;
        return _shareOf(s, weight, args.totalWeight());
    }

    /// @inheritdoc IOutcomeEscrow
    function refundable(address account) external view returns (uint256) {
        State memory s = _state;
        if (s.stage <= _OPEN) return 0;
        return _refundOf(s, _deposits[account]);
    }
}
