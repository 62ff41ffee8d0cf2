// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {OutcomeLib} from "../outcomes/OutcomeLib.sol";
import {IPaymentSchedule} from "../outcomes/IPaymentSchedule.sol";
import {RepaymentLib} from "./RepaymentLib.sol";
import {IClonePermit} from "./IClonePermit.sol";

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
/// - Scheduled mode (issue #12, `docs/payment-schedules.md`, chosen at creation by
///   `IImpactPoolFactory.createScheduledPool`): instead of a basket, a payment schedule of up to 16 points pays the
///   investors. Outcome payers commit into a payer tier with `commitTier(tier, amount)` (`commit(amount)` names no tier
///   and reverts `TierIndex(type(uint256).max, tierCount)` there) until the raise deadline: commitments close then,
///   so the schedule's `funds` (Σ of the commitments, clamped to `fundCap`) are frozen before any point settles. Once
///   the pool is Funded and the raise deadline has passed, anyone settles each point (`settlePoint`, through
///   `ScheduleLib`: pinned committee versions, Pending reverts, NoData pays 0); what a point pays goes to the
///   investors' pot. When the last point has settled the pool is Settled: `investorPot = (capitalTarget − disbursed)
///   + totalPaid`, redeemed as above, and each payer gets back, per tier, `ScheduleLib.payerRefund` of its commitment
///   (its share of the tier's unused commitment, rounded down: at most one wei per payer and tier stays in the pool).
///   Investors are paid after the last point only (interim distributions per point are issue #13). A failed raise
///   refunds every commitment in full.
/// - Tokens sent to the pool by plain transfer are not credited to anyone and cannot be recovered (no admin).
/// @dev A clone (EIP-1167 with immutable args) created by `ImpactPoolFactory`. The hot scalars live in the clone's
/// immutable args; the basket and the disbursement schedule are stored as hashes and passed in calldata to
/// `settle` / `disburse` as their ABI encodings (they are in the factory's `PoolCreated` event); taking the encoding
/// as `bytes` keeps hashing and decoding to one keccak and one decoder.
interface IImpactPool is IClonePermit {
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
    /// @param totalShares The pool's shares outstanding; a classed pool mints none: Σ of its classes' `classRaised`.
    /// @param disbursed Capital released to providers so far.
    /// @param fundCommitted Outcome fund committed (before settlement); commitments not yet refunded (after). A
    /// scheduled pool: Σ of the tier commitments (the schedule's funds; not reduced by refunds).
    /// @param compositeWad Composite achievement found at settlement (0 before, and for NoData).
    /// @param outcomePayment Part of the fund paid to investors at settlement (a scheduled pool: Σ of its points, once
    /// the last one settled).
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
    /// @notice An amount of zero was given (or arrived).
    error ZeroAmount();
    /// @notice The action is not allowed in the pool's current phase.
    error WrongState(Phase phase);
    /// @notice `invest` — or, in a scheduled pool, `commitTier` — after the raise deadline.
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
    /// @notice `settle` before the settlement deadline, or `settlePoint` / `previewPayment` of a scheduled pool while
    /// commitments are still open (`settlementDeadline` is then the raise deadline + 1, the first second a point may
    /// settle).
    error SettlementNotOpen(uint256 settlementDeadline);
    /// @notice `settle` while the outcome is still pending (not all final, deadline + grace not passed).
    error OutcomePending();
    /// @notice `refund` by an account with no outstanding commitment (or, in a scheduled pool, nothing left of it).
    error NothingToRefund(address payer);
    /// @notice A commitment into payer tier `tier` of a pool with `count` tiers (0 for a basket pool;
    /// `tier == type(uint256).max`: `commit(amount)`, which names no tier, on a scheduled pool).
    error TierIndex(uint256 tier, uint256 count);

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
    /// @notice Scheduled pool: `payer` committed `amount` into payer tier `tier`.
    event TierCommitted(address indexed payer, uint256 indexed tier, uint256 amount);
    /// @notice Scheduled pool: the last point settled (each point's figures are in `IPaymentSchedule.PointSettled`,
    /// emitted by the pool): the points paid `totalPaid` in all, the investors' pot is
    /// `(capitalTarget − disbursed) + totalPaid` and the payers' unused commitments are `refundPot`.
    event ScheduleSettled(uint256 totalPaid, uint256 investorPot, uint256 refundPot);
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

    /// @notice Scheduled pool: commits up to `amount` (clamped to the rest of the fund cap) into payer tier `tier`,
    /// until the raise deadline (then commitments close and become the schedule's frozen `funds`). Reverts
    /// `TierIndex` for a tier the schedule does not have (any tier of a basket pool), `RaiseClosed` after the raise
    /// deadline, `FundFull` when the cap is reached, `WrongState(Settled)` once settled.
    function commitTier(uint256 tier, uint256 amount) external returns (uint256 committed);

    /// @notice Scheduled pool: settles point `index` (permissionless, once per point) through `ScheduleLib` — the
    /// point's slots read under the committee versions pinned at creation; `PointPending` while one can still change;
    /// NoData and a trigger that does not hold pay 0. What it pays goes to the investors' pot; after the last point
    /// the pool is Settled (`ScheduleSettled`). Open once the pool is Funded (`WrongState` otherwise) and the raise
    /// deadline has passed (`SettlementNotOpen`); `PointIndex(index, 0)` on a basket pool.
    /// @param pointBytes The point as `ScheduleLib.encodePoint(point)` (from the factory's `ScheduledPoolCreated`).
    /// @param proof The point's depth-4 proof in the pool's points root.
    /// @return amount What the point paid.
    function settlePoint(
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external returns (uint256 amount);

    /// @notice What `settlePoint(index, pointBytes, proof)` would book now (a view; reverts like it).
    function previewPayment(
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external view returns (IPaymentSchedule.PointResult memory);

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

    /// @notice Whether the pool is paid by a payment schedule (else by a basket).
    function isScheduled() external view returns (bool);

    /// @notice Scheduled pool: the settlement header of point `index` (`pointCount` 0 on a basket pool): points root,
    /// counts, caps, tiers, the committee versions pinned for that point's slots and `funds` = Σ commitments so far.
    function pointHeader(uint256 index) external view returns (IPaymentSchedule.Header memory);

    /// @notice Scheduled pool: the schedule's ledger (points settled, paid, committed per tier, key ledgers).
    function ledger() external view returns (IPaymentSchedule.Ledger memory);

    /// @notice Scheduled pool: what `payer` committed into tier `tier` (0 once refunded).
    function tierCommitmentOf(address payer, uint256 tier) external view returns (uint256);

    /// @notice What `shares` would redeem for now (0 before settlement).
    function previewRedeem(uint256 shares) external view returns (uint256);

    /// @notice What `payer` would be refunded now (0 unless settled or raise failed).
    function previewRefund(address payer) external view returns (uint256);

    /*//////////////////////////////////////////////////////////////
                      CAPITAL STRUCTURE (classed pools)
    //////////////////////////////////////////////////////////////*/

    /// @notice `invest(amount)` on a classed pool (`classId` = 2^256 − 1), `investClass` on an unclassed one, a
    /// class index at or past the pool's class count, or `classToken` / `classRaised` past index 2.
    error ClassIndex(uint256 classId);
    /// @notice `payout` called by an address that is not class `classId`'s share token.
    error NotClassToken(address caller, uint256 classId);
    /// @notice `postGuarantee` by someone other than the named guarantor, twice, with no guarantee in the terms, or
    /// while the pool is not Funded.
    error GuaranteeNotExpected(address caller);

    /// @notice `investor` invested `amount` in class `classId` (and received as many of its shares).
    event ClassInvested(address indexed investor, uint256 indexed classId, uint256 amount);
    /// @notice Point `point`'s payment went down the waterfall: `toClasses[i]` to class `i` (principal, then its
    /// capped return less the provider's cut), `providerCut` to the provider, `cappedBack` held back by the caps for
    /// the outcome payers' refund pot.
    event Distributed(uint256 indexed point, uint256[3] toClasses, uint256 providerCut, uint256 cappedBack);
    /// @notice At the last point, the capital never disbursed went back to the classes pro rata to their targets.
    event UndrawnReturned(uint256[3] toClasses);
    /// @notice `guarantor` posted its guarantee of `amount`.
    event GuaranteeCommitted(address indexed guarantor, uint256 amount);
    /// @notice At the last point, the guarantee covered the senior classes' principal shortfall: `toClasses[i]`.
    event GuaranteeCalled(uint256[3] toClasses);
    /// @notice What the guarantee did not have to cover went back to `guarantor`.
    event GuaranteeReturned(address indexed guarantor, uint256 amount);

    /// @notice Classed pool: invests up to `amount` in class `classId` (clamped to the rest of the class's target)
    /// and mints as many of the class's shares (`classToken`) to the caller. The pool is Funded once every class met
    /// its target. Reverts as `invest`, and with `ClassIndex` on a bad class or an unclassed pool.
    function investClass(uint256 classId, uint256 amount) external returns (uint256 shares);

    /// @notice Class token only: pays `amount` to `to` — an accrued distribution (`principalBack` false), or after a
    /// failed raise the capital of shares the token burned (`principalBack` true: the class's raise, `classRaised`,
    /// drops by as much; `WrongState` unless RaiseFailed).
    function payout(uint256 classId, address to, uint256 amount, bool principalBack) external;

    /// @notice The named guarantor posts the guarantee (the exact amount in the terms) while the pool is Funded (the
    /// raise met, not yet settled); at the last point it covers the senior classes' principal shortfall, the rest goes back to the guarantor. A guarantee
    /// never posted covers nothing.
    function postGuarantee() external;

    /// @notice Called once by the factory: the classes' share tokens (zero past the class count).
    function initializeClasses(address[3] calldata tokens) external;

    /// @notice Class `classId`'s share token (the zero address past the class count or on an unclassed pool; a
    /// `classId` above 2 reverts with `ClassIndex`).
    function classToken(uint256 classId) external view returns (address);

    /// @notice The capital class `classId` raised and still holds: Σ of its investments less the withdrawals after a
    /// failed raise; its share token's supply (0 past the class count or on an unclassed pool; a `classId` above 2
    /// reverts with `ClassIndex`). A classed pool mints no pool shares: its `state().totalShares` is Σ of these.
    function classRaised(uint256 classId) external view returns (uint256);
}
