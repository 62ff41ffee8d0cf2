// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {OutcomeLib} from "../outcomes/OutcomeLib.sol";
import {RepaymentLib} from "./RepaymentLib.sol";

/// @title IImpactPool
/// @notice A social-impact-bond pool over a basket of outcomes ("third-generation" financing). Investors pre-finance
/// several service providers at once and hold the pool's own ERC-20 shares (transferable, EIP-2612 permit); outcome
/// payers commit an outcome fund; at settlement investors are repaid along a repayment curve of the composite
/// achievement of a weighted basket of outcome terms, and the unused outcome fund returns to the outcome payers.
///
/// Rules (all O(1) per participant; no loop over investors or payers anywhere):
/// - Raise: `invest(amount)` before `raiseDeadline` mints shares 1:1 with the tokens that actually arrived (balance
///   delta), clamped to what is left of `capitalTarget`. The raise succeeds when the supply reaches the target.
///   Missed by the deadline → the pool is `RaiseFailed`: `withdraw()` returns capital 1:1 for shares and `refund()`
///   returns each payer's full commitment.
/// - Outcome fund: `commit(amount)` while Raising or Funded, clamped to what is left of `fundCap`.
/// - Disbursement: tranche `i` pays `capitalTarget × shareBps / 10_000` (rounded down; the dust stays with investors)
///   to its provider, once, by anyone, when the raise succeeded, `block.timestamp ≥ dueAt`, the pool is not settled,
///   and — for a milestone tranche — its slot is Final with a value ≥ `minValue` (≤ `minValue` when the goal must
///   fall: its target is below its baseline). A tranche that never comes due
///   before settlement is never paid; its capital goes back to the investors.
/// - Settlement: once, by anyone, when Funded and `block.timestamp ≥ settlementDeadline`. The composite comes from
///   `OutcomeLib.readOutcome(feed, basket, settlementDeadline + gracePeriod)`; NoData (a slot Unresolved, or not all
///   final after deadline + grace) settles as composite 0; Pending reverts. Then
///   `outcomePayment = min(fund, disbursed × multipleWad(composite) / WAD)` (rounded down),
///   `investorPot = (capitalTarget − disbursed) + outcomePayment`, `refundPot = fund − outcomePayment`.
/// - `redeem(shares)` pays `investorPotRemaining × shares / totalSupply` (rounded down) and burns the shares: the
///   last redeemer receives the dust, so nothing is stuck. `refund()` pays `refundPotRemaining × commitment /
///   commitmentsOutstanding` in the same way. Solvency: the pool always holds ≥ investor pot + refund pot remaining.
/// - Tokens sent to the pool by plain transfer are not credited to anyone and cannot be recovered (no admin).
/// @dev A clone (EIP-1167 with immutable args) created by `ImpactPoolFactory`. The hot scalars live in the clone's
/// immutable args; the basket and the disbursement schedule are stored as hashes and passed in calldata to
/// `settle` / `disburse` as their ABI encodings (they are in the factory's `PoolCreated` event); taking the encoding
/// as `bytes` keeps hashing and decoding to one keccak and one decoder.
interface IImpactPool {
    /// @notice Where a pool stands (derived, never stored except `Settled`).
    enum Phase {
        Raising,
        Funded,
        RaiseFailed,
        Settled
    }

    /// @notice One disbursement tranche of the schedule.
    /// @param provider Index into the pool's provider list.
    /// @param dueAt Earliest time the tranche may be disbursed.
    /// @param shareBps Fraction of the capital target released, in basis points (10_000 = 100 %).
    /// @param hasMilestone When true, the tranche is released only once slot (missionId, goalId, period) is Final
    /// with a value ≥ `minValue` — or ≤ `minValue` when the goal must fall (use 0 for "Final is enough" on a rising
    /// goal); otherwise those four fields must be zero. The factory checks the slot against the registry.
    /// @dev Never stored (the schedule lives as ABI bytes behind a hash), so field packing does not matter.
    // solhint-disable-next-line gas-struct-packing
    struct Tranche {
        uint8 provider;
        uint40 dueAt;
        uint16 shareBps;
        bool hasMilestone;
        uint256 missionId;
        uint8 goalId;
        uint16 period;
        uint64 minValue;
    }

    /// @notice The disbursement schedule: the distinct providers and the tranches paid to them.
    struct Schedule {
        address[] providers;
        Tranche[] tranches;
    }

    /// @notice The scalar terms of a pool, as read from its immutable args. `basketVersions` holds the oracle
    /// committee version pinned at creation for basket term `i` in 16-bit lane `i`; `milestoneVersions` the one for
    /// the milestone of tranche `i` (tranches 0–15) in lane `i` (zero when the schedule has no milestone).
    struct Config {
        IERC20 token;
        IMetricFeed feed;
        uint128 capitalTarget;
        uint128 fundCap;
        uint40 raiseDeadline;
        uint40 settlementDeadline;
        uint40 gracePeriod;
        RepaymentLib.Curve repayment;
        bytes32 basketHash;
        bytes32 scheduleHash;
        uint256 basketVersions;
        uint256 milestoneVersions;
    }

    /// @notice The accounting state of a pool.
    /// @param disbursed Capital released to providers so far.
    /// @param fundCommitted Outcome fund committed (before settlement); commitments not yet refunded (after).
    /// @param compositeWad Composite achievement found at settlement (0 before, and for NoData).
    /// @param outcomePayment Part of the fund paid to investors at settlement.
    /// @param investorPotRemaining What the remaining shares redeem for (after settlement).
    /// @param refundPotRemaining What the remaining commitments are refunded (after settlement).
    /// @param disbursedTranches Bit i set when tranche i was disbursed.
    struct State {
        Phase phase;
        uint256 totalShares;
        uint256 disbursed;
        uint256 fundCommitted;
        uint256 compositeWad;
        uint256 outcomePayment;
        uint256 investorPotRemaining;
        uint256 refundPotRemaining;
        uint256 disbursedTranches;
    }

    /// @notice Only the factory that deployed the implementation may initialise a clone.
    error NotFactory(address caller);
    /// @notice Not a pool the factory created and initialised (the implementation, or a clone someone else deployed):
    /// every entry point of such a contract reverts with this, so it cannot take money.
    error NotAClone();
    /// @notice EIP-2612: the permit's deadline has passed.
    error ERC2612ExpiredSignature(uint256 deadline);
    /// @notice EIP-2612: the permit was signed by `signer`, not `owner`.
    error ERC2612InvalidSigner(address signer, address owner);
    /// @notice An amount of zero was given (or arrived).
    error ZeroAmount();
    /// @notice The action is not allowed in the pool's current phase.
    error WrongState(Phase phase);
    /// @notice `invest` after the raise deadline.
    error RaiseClosed(uint256 raiseDeadline);
    /// @notice `invest` when the capital target is already reached.
    error RaiseFull(uint256 capitalTarget);
    /// @notice `commit` when the outcome fund cap is already reached.
    error FundFull(uint256 fundCap);
    /// @notice The basket or schedule passed in calldata does not hash to the pool's.
    error TermsMismatch(bytes32 expected, bytes32 given);
    /// @notice Tranche `index` does not exist (`count` tranches).
    error TrancheNotFound(uint256 index, uint256 count);
    /// @notice Tranche `index` was already disbursed.
    error TrancheAlreadyDisbursed(uint256 index);
    /// @notice Tranche `index` is not due before `dueAt`.
    error TrancheNotDue(uint256 index, uint256 dueAt);
    /// @notice The milestone of tranche `index` is not met: its slot is `status` (and, if Final, `value` below
    /// `minValue` for a goal that must rise, above it for a goal that must fall).
    error MilestoneNotMet(uint256 index, IMetricFeed.SlotStatus status, uint64 value, uint64 minValue);
    /// @notice `settle` before the settlement deadline.
    error SettlementNotOpen(uint256 settlementDeadline);
    /// @notice `settle` while the outcome is still pending (not all final, deadline + grace not passed).
    error OutcomePending();
    /// @notice `refund` by an account with no outstanding commitment.
    error NothingToRefund(address payer);

    /// @notice `investor` paid `amount` of capital and received `amount` shares.
    event Invested(address indexed investor, uint256 amount);
    /// @notice After a failed raise, `investor` burned `shares` and received the same amount of capital.
    event Withdrawn(address indexed investor, uint256 shares);
    /// @notice `payer` committed `amount` to the outcome fund.
    event Committed(address indexed payer, uint256 amount);
    /// @notice Tranche `index` paid `amount` to `provider`.
    event Disbursed(uint256 indexed index, address indexed provider, uint256 amount);
    /// @notice The pool settled.
    event Settled(
        OutcomeLib.Resolution resolution,
        uint256 compositeWad,
        uint256 multipleWad,
        uint256 outcomePayment,
        uint256 investorPot,
        uint256 refundPot
    );
    /// @notice `account` burned `shares` for `amount` of the investor pot.
    event Redeemed(address indexed account, uint256 shares, uint256 amount);
    /// @notice `payer` received `amount` back from the outcome fund.
    event Refunded(address indexed payer, uint256 amount);

    /// @notice Called once by the factory right after cloning: marks the clone live (until then every entry point
    /// reverts with `NotAClone`).
    function initialize() external;

    /// @notice Invests up to `amount` (clamped to the rest of the capital target) and mints shares 1:1 with what
    /// arrived. Reverts after the raise deadline or when the target is reached.
    function invest(uint256 amount) external returns (uint256 shares);

    /// @notice After a failed raise: burns all the caller's shares and returns the same amount of capital.
    function withdraw() external returns (uint256 amount);

    /// @notice Commits up to `amount` (clamped to the rest of the fund cap) to the outcome fund.
    function commit(uint256 amount) external returns (uint256 committed);

    /// @notice Releases tranche `index` to its provider (permissionless once due; once per tranche).
    /// @param scheduleAbi `abi.encode(schedule)` of the pool's schedule (from the factory's `PoolCreated` event);
    /// its keccak256 must equal `config().scheduleHash`.
    function disburse(uint256 index, bytes calldata scheduleAbi) external returns (uint256 amount);

    /// @notice Settles the pool (permissionless, once).
    /// @param basketAbi `abi.encode(basket)` of the pool's outcome basket (from the factory's `PoolCreated`
    /// event); its keccak256 must equal `config().basketHash`.
    function settle(bytes calldata basketAbi) external;

    /// @notice After settlement: burns `shares` of the caller for the pro-rata investor pot.
    function redeem(uint256 shares) external returns (uint256 amount);

    /// @notice After settlement or a failed raise: pays the caller's share of the refund pot (the full commitment
    /// after a failed raise).
    function refund() external returns (uint256 amount);

    /// @notice The factory that created this pool.
    function factory() external view returns (address);

    /// @notice The pool's scalar terms (immutable args).
    function config() external view returns (Config memory);

    /// @notice The pool's accounting state.
    function state() external view returns (State memory);

    /// @notice The current phase.
    function phase() external view returns (Phase);

    /// @notice The outstanding outcome-fund commitment of `payer`.
    function commitmentOf(address payer) external view returns (uint256);

    /// @notice What `shares` would redeem for now (0 before settlement).
    function previewRedeem(uint256 shares) external view returns (uint256);

    /// @notice What `payer` would be refunded now (0 unless settled or raise failed).
    function previewRefund(address payer) external view returns (uint256);
}
