// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IOutcomeEscrow} from "./IOutcomeEscrow.sol";
import {IPaymentSchedule} from "../outcomes/IPaymentSchedule.sol";
import {IEscrowPayouts} from "./IEscrowPayouts.sol";

/// @title IScheduledEscrow
/// @notice An outcome escrow paid by a payment schedule (issue #12, `docs/payment-schedules.md`): funders deposit an
/// ERC-20 into a payer tier until the funding deadline; then anyone settles each point of the schedule once its
/// slots are final (or its no-data cut-off passed); beneficiaries claim, by weight, everything the settled points
/// paid; after the last point each funder is refunded its tier's unused share. Pull payments, O(1) each (a
/// settlement is O(#terms of the point)), `IEscrowPayouts`: a claim pays the beneficiary's share of everything paid
/// so far, less what it claimed; a refund, once every point has settled, pays for each tier the funder deposited into
/// its share of the tier's unused commitment (rounded down per tier).
/// @dev The terms are immutable arguments of an EIP-1167 clone created by `ScheduledEscrowFactory` (validated there):
/// the points are committed to as `pointsRoot` and given, with their proof, to `settlePoint`. Deposits, claims and
/// refunds share `EscrowFunding` with `OutcomeEscrow` (a deposit's `FundingClosed` and `ZeroDeposit` are
/// `IOutcomeEscrow`'s errors); settlement is `ScheduleLib`'s. Rounding always favours the
/// escrow: at most one wei per beneficiary and per (funder, tier) deposit stays in it for ever (no sweep).
interface IScheduledEscrow is IPaymentSchedule, IEscrowPayouts {
    /// @notice The terms of a scheduled escrow, as created.
    /// @param goalVersion The mission's goal version every term and condition is pinned to.
    /// @param fundingDeadline Last second (inclusive) at which deposits are accepted; no point settles before it ends.
    /// @param gracePeriod A point's no-data cut-off is its `deadline + gracePeriod`.
    /// @param paymentSchedule The points, key caps, overall cap and payer tiers (every slot is the escrow's mission's).
    struct ScheduledTerms {
        IERC20 token;
        uint256 missionId;
        uint8 goalVersion;
        uint40 fundingDeadline;
        uint32 gracePeriod;
        IPaymentSchedule.Schedule paymentSchedule;
        IOutcomeEscrow.Beneficiary[] beneficiaries;
    }

    /// @notice Not an escrow the factory created and initialised: every entry point of the implementation reverts with
    /// this, and so does a deposit into a clone someone else deployed (nothing can enter it, so nothing can leave).
    error NotAClone();
    /// @notice `initialize` was called by `caller`, not the factory, or a second time.
    error NotFactory(address caller);
    /// @notice A point settled (or previewed) while deposits are still open: the funds are not final yet.
    error FundingOpen(uint256 fundingDeadline, uint256 timestamp);
    /// @notice The funder of a deposit is the zero address.
    error ZeroFunder();
    /// @notice A deposit names tier `tier`; the schedule has `count` tiers.
    error TierIndex(uint256 tier, uint256 count);
    /// @notice A refund before every point has settled: point `index` is still open.
    error PointsOpen(uint256 index);
    /// @notice `account` has nothing to claim (not a beneficiary, or nothing new since its last claim).
    error NothingToClaim(address account);
    /// @notice `account` has nothing to refund (no deposit, already refunded, or a zero share).
    error NothingToRefund(address account);

    /// @notice `funder` was credited `credited` tokens into payer tier `tier`, paid by `payer`.
    event Deposited(address indexed funder, address payer, uint256 tier, uint256 credited);
    /// @notice Beneficiary `account` was paid `amount` (its share of the points settled so far, less earlier claims).
    event Claimed(address indexed account, uint256 amount);
    /// @notice Funder `account` was refunded `amount` (its share of its tier's unused commitment).
    event Refunded(address indexed account, uint256 amount);

    /// @notice Called once by the factory in the transaction that creates the escrow: marks it live.
    function initialize() external;

    /// @notice Deposits `amount` from the caller for the caller into payer tier `tier`, until the funding deadline.
    /// @return credited What actually arrived.
    function deposit(uint256 tier, uint256 amount) external returns (uint256 credited);

    /// @notice Deposits `amount` from the caller, credited to `funder` (who gets any refund) in tier `tier`.
    function depositFor(address funder, uint256 tier, uint256 amount) external returns (uint256 credited);

    /// @notice Settles point `index` (anyone may, after the funding deadline, once none of its slots can change):
    /// books what it pays against the payer tiers; beneficiaries then claim it. O(#terms of the point).
    /// @param pointBytes `ScheduleLib.encodePoint(point)`. @param proof Its depth-4 proof in the points root.
    /// @return amount What the point paid.
    function settlePoint(
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external returns (uint256 amount);

    /// @notice What settling point `index` would pay now and who pays it (reverts as `settlePoint` would).
    function previewPayment(
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external view returns (IPaymentSchedule.PointResult memory);

    /// @notice The factory that deployed the implementation.
    function factory() external view returns (address);

    /// @notice The schedule's header as every settlement reads it (funds: total deposited so far).
    function header() external view returns (IPaymentSchedule.Header memory);

    /// @notice The schedule's books (points settled, total paid and committed, per tier and per capped key).
    function ledger() external view returns (IPaymentSchedule.Ledger memory);

    /// @notice What `account` deposited into payer tier `tier` (0 after its refund).
    function depositOf(address account, uint256 tier) external view returns (uint256);

    /// @notice What `account` has claimed so far as a beneficiary.
    function claimedOf(address account) external view returns (uint256);

    /// @notice What `account` could claim now as a beneficiary.
    function claimable(address account) external view returns (uint256);

    /// @notice What `account` could be refunded now as a funder (0 until every point has settled).
    function refundable(address account) external view returns (uint256);
}
