// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {OutcomeLib} from "../outcomes/OutcomeLib.sol";
import {IEscrowPayouts} from "./IEscrowPayouts.sol";

/// @title IOutcomeEscrow
/// @notice A pay-for-success escrow: funders deposit an ERC-20 until the funding deadline; once the oracle has
/// finalised every outcome term (or it is clear it never will), anyone settles the escrow once; then beneficiaries
/// claim `total × composite achievement` by weight and funders claim the rest pro rata. Pull payments, O(1) each
/// (`IEscrowPayouts`): a claim pays `beneficiaryPot × weight / totalWeight`, a refund `refundPot × deposit /
/// totalDeposited`, both rounded down.
/// @dev The terms are immutable arguments of an EIP-1167 clone created by the factory (validated there). Rounding
/// always favours the escrow: at most `#beneficiaries + #funders` wei of dust stay in the escrow for ever (there is
/// no sweep, so no one can move funds other than through claim and refund). Tokens sent by plain transfer while the
/// escrow is open are credited to the next depositor (a deposit credits everything held beyond the recorded total);
/// sent after settlement they are credited to no one and stay in the escrow.
interface IOutcomeEscrow is IEscrowPayouts {
    /// @notice Lifecycle; states only move forward: Open → Achieved | Refunding.
    /// - `Open`: deposits accepted until the funding deadline (inclusive); not settled.
    /// - `Achieved`: settled on final data; beneficiaries share `total × composite`, funders the rest.
    /// - `Refunding`: settled without data, or below the minimum funding; funders get everything back.
    enum Status {
        Open,
        Achieved,
        Refunding
    }

    /// @notice Why an escrow was settled into its status.
    enum SettleReason {
        Achieved,
        NoData,
        Underfunded
    }

    /// @notice One provider paid on success and its share weight.
    struct Beneficiary {
        address account;
        uint96 weight;
    }

    /// @notice The full terms of an escrow, as created (and as returned by `terms()`).
    /// @param goalVersion The mission's goal version the terms are pinned to.
    /// @param fundingDeadline Last second (inclusive) at which deposits are accepted.
    /// @param minFunding Below this total at settlement, everything is refunded (0 = no minimum).
    /// @param settlementDeadline With `gracePeriod`: after `settlementDeadline + gracePeriod` an outcome that is not
    /// final settles as NoData (full refund).
    struct Terms {
        IERC20 token;
        uint256 missionId;
        uint8 goalVersion;
        uint40 fundingDeadline;
        uint128 minFunding;
        uint40 settlementDeadline;
        uint32 gracePeriod;
        OutcomeLib.OutcomeTerm[] outcomes;
        Beneficiary[] beneficiaries;
    }

    /// @notice Not an escrow the factory created and initialised: the implementation itself, or a clone of it that
    /// someone else deployed (it holds unchecked terms). Every entry point of such a contract reverts with this.
    error NotAClone();
    /// @notice `initialize` was called by `caller`, not the factory, or a second time.
    error NotFactory(address caller);
    /// @notice `settle` of an underfunded escrow before its funding deadline has passed: deposits may still come.
    error FundingOpen(uint256 fundingDeadline, uint256 timestamp);
    /// @notice A deposit after the funding deadline (`deadline` < `timestamp`).
    error FundingClosed(uint256 deadline, uint256 timestamp);
    /// @notice The escrow is in `status`, which does not allow this action.
    error WrongState(Status status);
    /// @notice The outcome is not final yet and `noDataAfter` (deadline + grace) has not passed.
    error OutcomePending(uint256 noDataAfter, uint256 timestamp);
    /// @notice A deposit of zero, or one that credited nothing (the token moved nothing).
    error ZeroDeposit();
    /// @notice The funder of a deposit is the zero address.
    error ZeroFunder();
    /// @notice `account` has nothing to claim (not a beneficiary, already claimed, or a zero share).
    error NothingToClaim(address account);
    /// @notice `account` has nothing to refund (no deposit, already refunded, or a zero share).
    error NothingToRefund(address account);

    /// @notice `funder` was credited `credited` tokens (what actually arrived), paid by `payer`. The running total is
    /// the sum of these (and `totals()`).
    event Deposited(address indexed funder, address payer, uint256 credited);
    /// @notice The escrow settled: `beneficiaryPot` for the beneficiaries, `refundPot` for the funders.
    event Settled(Status status, SettleReason reason, uint256 compositeWad, uint256 beneficiaryPot, uint256 refundPot);
    /// @notice Beneficiary `account` was paid `amount`.
    event Claimed(address indexed account, uint256 amount);
    /// @notice Funder `account` was refunded `amount`.
    event Refunded(address indexed account, uint256 amount);

    /// @notice Called once by the factory in the transaction that creates the escrow: marks it live (until then every
    /// entry point reverts with `NotAClone`).
    function initialize() external;

    /// @notice Deposits `amount` from the caller for the caller. Allowed until the funding deadline inclusive.
    /// @return credited What actually arrived (less than `amount` for fee-on-transfer tokens).
    function deposit(uint256 amount) external returns (uint256 credited);

    /// @notice Deposits `amount` from the caller, credited to `funder` (who gets any refund).
    function depositFor(address funder, uint256 amount) external returns (uint256 credited);

    /// @notice EIP-2612 permit then deposit from the caller for the caller. A permit that fails (e.g. it was
    /// front-run) is ignored when the allowance already suffices.
    function depositWithPermit(
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 credited);

    /// @notice Settles the escrow once, from the oracle: permissionless. Below the minimum funding it waits for the
    /// funding deadline (`FundingOpen`) and then refunds everything; otherwise it reverts with `OutcomePending` while
    /// the outcome is neither final nor past `settlementDeadline + gracePeriod`. O(#outcome terms).
    function settle() external returns (Status status);

    /// @notice The factory that deployed the implementation: the only account that may initialise a clone.
    function factory() external view returns (address);

    /// @notice The terms the escrow was created with.
    function terms() external view returns (Terms memory);

    /// @notice The oracle committee version of the mission pinned at creation: every outcome term reads its slot
    /// under this version, whatever committee the steward sets later.
    function committeeVersion() external view returns (uint16);

    /// @notice Current status (stored; Open until settled).
    function status() external view returns (Status);

    /// @notice Total credited deposits, the beneficiaries' pot and the funders' refund pot (pots are 0 while Open),
    /// and the composite achievement in WAD (0 unless Achieved).
    function totals()
        external
        view
        returns (uint256 totalDeposited, uint256 beneficiaryPot, uint256 refundPot, uint256 compositeWad);

    /// @notice What `account` deposited (0 after its refund).
    function depositOf(address account) external view returns (uint256);

    /// @notice What `account` could claim now as a beneficiary.
    function claimable(address account) external view returns (uint256);

    /// @notice What `account` could be refunded now as a funder.
    function refundable(address account) external view returns (uint256);
}
