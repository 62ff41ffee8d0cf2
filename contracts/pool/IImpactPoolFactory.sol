// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {IOutcomeTermChecks} from "../outcomes/IOutcomeTermChecks.sol";
import {IImpactPool} from "./IImpactPool.sol";
import {IPaymentSchedule} from "../outcomes/IPaymentSchedule.sol";
import {OutcomeLib} from "../outcomes/OutcomeLib.sol";
import {RepaymentLib} from "./RepaymentLib.sol";

/// @title IImpactPoolFactory
/// @notice Creates impact pools as EIP-1167 clones with immutable args and indexes them overall and per mission of
/// each term of their basket. Anyone may create a pool; the factory holds no funds and has no admin.
/// @dev The basket and the milestones are checked against the mission registry by the same path as escrow terms
/// (`OutcomeTermChecks`, errors from `IOutcomeTermChecks`): Active mission, existing goal, period in range, curve
/// direction = goal direction. Only clones this factory created and initialised are live (`isPool`); a clone of the
/// implementation deployed by anyone else reverts with `IImpactPool.NotAClone` on every entry point.
interface IImpactPoolFactory is IOutcomeTermChecks {
    /// @notice Everything a pool is created with.
    /// @param name Share token name, 1–31 bytes. @param symbol Share token symbol, 1–31 bytes.
    /// @param token The ERC-20 of capital and outcome fund.
    /// @param capitalTarget Capital to raise (the raise succeeds only when fully met).
    /// @param raiseDeadline Last second at which `invest` is accepted; must be in the future.
    /// @param fundCap Most the outcome payers may commit.
    /// @param settlementDeadline Earliest settlement time; after the raise deadline; every tranche is due by then.
    /// @param gracePeriod Seconds after the settlement deadline the oracle has before silence counts as no data.
    /// @param repayment The repayment curve (threshold ≤ principalAt ≤ WAD).
    /// @param schedule Distinct non-zero providers and 1–32 tranches whose shares sum to at most 10_000 bps.
    /// @param basket 1–8 outcome terms with weights summing to WAD (`OutcomeLib.validateTerms`).
    struct PoolTerms {
        string name;
        string symbol;
        IERC20 token;
        uint128 capitalTarget;
        uint40 raiseDeadline;
        uint128 fundCap;
        uint40 settlementDeadline;
        uint40 gracePeriod;
        RepaymentLib.Curve repayment;
        IImpactPool.Schedule schedule;
        OutcomeLib.OutcomeTerm[] basket;
    }

    /// @notice Everything a pool paid by a payment schedule is created with: `PoolTerms` without the basket and the
    /// repayment curve, plus the schedule (`docs/payment-schedules.md`). Its slots may name several missions (each
    /// Active; each mission's committee version is pinned at creation); its payer tiers are the outcome payers'.
    /// Commitments close at `raiseDeadline`, which must come no later than the end of every slot's period.
    /// @param settlementDeadline Every tranche is due by then; after the raise deadline.
    /// @param gracePeriod A point's no-data cut-off is its `deadline + gracePeriod`.
    struct ScheduledPoolTerms {
        string name;
        string symbol;
        IERC20 token;
        uint128 capitalTarget;
        uint40 raiseDeadline;
        uint128 fundCap;
        uint40 settlementDeadline;
        uint40 gracePeriod;
        IImpactPool.Schedule schedule;
        IPaymentSchedule.Schedule paymentSchedule;
    }

    /// @notice One investor class of a classed pool (`createClassedPool`).
    /// @param name Share token name, 1–31 bytes. @param symbol Share token symbol, 1–31 bytes.
    /// @param seniority Strictly increasing down the list (0 = most senior; a junior class may not come first).
    /// @param target The class's raise target; the targets sum to the pool's capital target.
    /// @param maxMultipleWad Most the class receives from outcome payments, as a multiple of its principal (WAD,
    /// ≥ WAD); 0 = no multiple cap.
    /// @param maxRateWad Most the class's return, as a simple annual rate (WAD) over the bond's term (raise deadline
    /// to settlement deadline, 365-day years, rounded down); 0 = no rate cap. At least one cap must be set.
    struct ShareClassTerms {
        string name;
        string symbol;
        uint8 seniority;
        uint128 target;
        uint64 maxMultipleWad;
        uint64 maxRateWad;
    }

    /// @notice A classed pool's capital structure (`docs/capital-structure.md`).
    /// @param classes 1–3 classes in seniority order. @param guarantor Who posts the guarantee (zero: none).
    /// @param guarantee Covers the senior classes' principal shortfall at the last point (the senior classes: all but
    /// the most junior; the only one when there is one class); at most their capital.
    /// @param provider Receives `providerBps` of every class's return above principal (zero only when bps is 0).
    struct CapitalStructure {
        ShareClassTerms[] classes;
        address guarantor;
        uint128 guarantee;
        address provider;
        uint16 providerBps;
    }

    /// @notice A pool term `InvalidName` or `ZeroAmountTerm` rejects.
    enum TermField {
        Name,
        Symbol,
        CapitalTarget,
        FundCap
    }

    /// @notice A tranche field `InvalidTranche` rejects: `Provider` (index out of range), `DueAt` (after the
    /// settlement deadline), `ShareBps` (zero), `Milestone` (milestone fields set on a tranche without a milestone).
    enum TrancheField {
        Provider,
        DueAt,
        ShareBps,
        Milestone
    }

    /// @notice The name or symbol (`field`) is empty or longer than 31 bytes.
    error InvalidName(TermField field, uint256 length);
    /// @notice The token is the zero address or has no code.
    error InvalidToken(address token);
    /// @notice `field` (CapitalTarget or FundCap) is zero.
    error ZeroAmountTerm(TermField field);
    /// @notice The deadlines are out of order: now < raiseDeadline < settlementDeadline is required.
    error DeadlineOrder(uint256 raiseDeadline, uint256 settlementDeadline, uint256 nowTimestamp);
    /// @notice Between 1 and `max` providers are required.
    error ProviderCount(uint256 count, uint256 max);
    /// @notice Provider `index` is the zero address.
    error ZeroProvider(uint256 index);
    /// @notice Provider `index` repeats an earlier provider.
    error DuplicateProvider(uint256 index, address provider);
    /// @notice Between 1 and `max` tranches are required.
    error TrancheCount(uint256 count, uint256 max);
    /// @notice Tranche `index` is invalid (`field` names the field).
    error InvalidTranche(uint256 index, TrancheField field);
    /// @notice The tranche shares sum to `sumBps`, above 10_000.
    error TrancheSharesSum(uint256 sumBps);
    /// @notice `capitalTarget + fundCap` does not fit the pool's 128-bit pots (the investor pot can reach it).
    error TermsOverflow(uint256 capitalTarget, uint256 fundCap);

    /// @notice A classed pool has no class, or more than 3.
    error ClassCount(uint256 count);
    /// @notice The class targets sum to `sum`, not the capital target.
    error ClassTargetsSum(uint256 sum, uint256 capitalTarget);
    /// @notice Class `index` sets neither a multiple cap nor a rate cap.
    error ZeroReturnCap(uint256 index);
    /// @notice Class `index`'s multiple cap is below 1 (it could not even return its principal).
    error ReturnCapBelowPrincipal(uint256 index, uint256 maxMultipleWad);
    /// @notice Class `index` is not junior to the class before it (seniority must strictly increase).
    error ClassOutOfOrder(uint256 index);
    /// @notice The guarantee exceeds the senior classes' capital.
    error GuaranteeAboveSenior(uint256 guarantee, uint256 seniorCapital);
    /// @notice A guarantee without a guarantor, or a provider incentive without a provider.
    error ZeroParty(uint256 which);
    /// @notice The provider incentive is above 10_000 bps.
    error IncentiveTooHigh(uint256 bps);
    /// @notice Capital, fund and guarantee together reach 2^94 (the class tokens' accumulator bound).
    error CapitalTooLarge(uint256 total);

    /// @notice A pool was created; the event carries every term (the basket and schedule are needed to call
    /// `settle` and `disburse`).
    event PoolCreated(address indexed pool, address indexed creator, uint256 indexed poolIndex, PoolTerms terms);

    /// @notice A pool paid by a payment schedule was created; the event carries every term (the points, to settle
    /// them with `IImpactPool.settlePoint`, and the disbursement schedule). Its figures per point are the pool's
    /// `IPaymentSchedule.PointSettled` events.
    event ScheduledPoolCreated(
        address indexed pool,
        address indexed creator,
        uint256 indexed poolIndex,
        ScheduledPoolTerms terms
    );

    /// @notice A classed pool's capital structure, with its class share tokens (index = seniority order).
    event CapitalStructureCreated(address indexed pool, CapitalStructure capital, address[3] classTokens);

    /// @notice `createScheduledPool` with a capital structure: 1–3 investor classes, each its own share token
    /// (`IPoolShareClass`), paid down a waterfall at every point (`docs/capital-structure.md`). Checks the capital
    /// structure in one place (`ClassCount`, `ClassTargetsSum`, `ZeroReturnCap`, `ReturnCapBelowPrincipal`,
    /// `ClassOutOfOrder`, `GuaranteeAboveSenior`, `ZeroParty`, `IncentiveTooHigh`, `CapitalTooLarge`).
    function createClassedPool(
        ScheduledPoolTerms calldata terms,
        CapitalStructure calldata capital
    ) external returns (address pool);

    /// @notice Validates `terms`, clones the implementation and initialises the clone.
    function createPool(PoolTerms calldata terms) external returns (address pool);

    /// @notice Creates a pool paid by a payment schedule: the same pool, in scheduled mode. One validation path with
    /// the scheduled escrow's factory: `ScheduleLib.validate` (the schedule's own rules, `IPaymentSchedule` errors)
    /// and, for every slot a point reads (`ScheduleSlots`), an Active mission, an existing goal and period, the
    /// goal's direction, commitments closed (`raiseDeadline`) by the period's end (`FundingAfterPeriodEnd`) and the
    /// point's cut-off no earlier than the slot can last change (`NoDataCutOffTooEarly`); errors name a slot
    /// `16 × point + lane`. The header goes into the clone's args (with each point's pinned versions); the points are
    /// committed to by their root. The pool is indexed under every distinct mission its slots name.
    function createScheduledPool(ScheduledPoolTerms calldata terms) external returns (address pool);

    /// @notice The settlement read of a pool: `OutcomeLib.readOutcome(feed(), abi.decode(basketAbi), versions,
    /// noDataAfter)`, `versions` being the pool's pinned `Config.basketVersions`. A view anyone may call (e.g. to
    /// preview a settlement).
    function readOutcome(
        bytes calldata basketAbi,
        uint256 versions,
        uint256 noDataAfter
    ) external view returns (OutcomeLib.Resolution resolution, uint256 compositeWad);

    /// @notice The milestone read of a pool's tranche: the slot's status, its final value (0 unless Final), and whether
    /// the milestone is met — Final with a value ≥ `minValue` on a goal that must rise, ≤ `minValue` on a goal that
    /// must fall (the goal's direction from the registry). The slot is read under committee `version` (the pool's
    /// pinned milestone version).
    function milestone(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period,
        uint64 minValue
    ) external view returns (IMetricFeed.SlotStatus status, uint64 value, bool met);

    /// @notice Whether `account` is a pool this factory created and initialised. Storage-free: pools are created with
    /// CREATE2 (salt 0) and their immutable args end with their creation index, so the address is recomputed from
    /// the clone's own arguments.
    function isPool(address account) external view returns (bool);

    /// @notice The mission registry the basket and milestones are checked against.
    function registry() external view returns (IMissionRegistry);

    /// @notice The pool implementation the clones delegate to.
    function implementation() external view returns (address);

    /// @notice The metric feed every pool of this factory reads.
    function feed() external view returns (IMetricFeed);

    /// @notice Number of pools created.
    function poolCount() external view returns (uint256);

    /// @notice Pool number `index` (creation order).
    function poolAt(uint256 index) external view returns (address);

    /// @notice Up to `limit` pools from `offset` (creation order).
    function pools(uint256 offset, uint256 limit) external view returns (address[] memory);

    /// @notice Number of pools with a term on `missionId`.
    function missionPoolCount(uint256 missionId) external view returns (uint256);

    /// @notice Up to `limit` pools with a term on `missionId`, from `offset`.
    function missionPools(uint256 missionId, uint256 offset, uint256 limit) external view returns (address[] memory);
}
