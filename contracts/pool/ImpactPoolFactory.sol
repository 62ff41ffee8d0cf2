// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/src/utils/LibClone.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IImpactPoolFactory} from "./IImpactPoolFactory.sol";
import {IImpactPool} from "./IImpactPool.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {OutcomeTermChecks} from "../outcomes/OutcomeTermChecks.sol";
import {ImpactPool} from "./ImpactPool.sol";
import {OutcomeLib} from "../outcomes/OutcomeLib.sol";
import {RepaymentLib} from "./RepaymentLib.sol";
import {PoolConfigLib} from "./PoolConfigLib.sol";
import {PoolScheduleChecks} from "./PoolScheduleChecks.sol";
import {CapitalWaterfall} from "./CapitalWaterfall.sol";
import {MathLib} from "../libraries/MathLib.sol";
import {AddressList} from "../libraries/AddressList.sol";

/// @title ImpactPoolFactory
/// @notice Creates impact pools (EIP-1167 clones with immutable args) and indexes them overall and per mission.
/// Permissionless; holds no funds; no admin.
contract ImpactPoolFactory is IImpactPoolFactory {
    using AddressList for AddressList.List;

    /// @notice Most providers per pool.
    uint256 public constant MAX_PROVIDERS = 16;
    /// @notice Most tranches per pool (the disbursed-tranche bitmap has 32 bits).
    uint256 public constant MAX_TRANCHES = 32;

    address private immutable _IMPLEMENTATION;
    IMetricFeed private immutable _FEED;
    IMissionRegistry private immutable _REGISTRY;

    AddressList.List private _pools;
    mapping(uint256 missionId => AddressList.List pools) private _missionPools;
    CapitalWaterfall.ClassImplementation private _classImplementation;

    constructor(IMissionRegistry registry_, IMetricFeed feed_) {
        _REGISTRY = registry_;
        _FEED = feed_;
        _IMPLEMENTATION = address(new ImpactPool());
    }

    /// @inheritdoc IImpactPoolFactory
    function createPool(PoolTerms calldata terms) external returns (address pool) {
        (uint256 basketVersions, uint256[] memory missions, uint256 firstSeen) = _pinBasket(terms.basket);
        uint256 milestoneVersions = _validate(terms, basketVersions);
        IImpactPool.Config memory c = IImpactPool.Config({
            token: terms.token,
            feed: _FEED,
            capitalTarget: terms.capitalTarget,
            fundCap: terms.fundCap,
            raiseDeadline: terms.raiseDeadline,
            settlementDeadline: terms.settlementDeadline,
            gracePeriod: terms.gracePeriod,
            repayment: terms.repayment,
            basketHash: keccak256(abi.encode(terms.basket)),
            scheduleHash: keccak256(abi.encode(terms.schedule)),
            basketVersions: basketVersions,
            milestoneVersions: milestoneVersions
        });
        uint256 index = _pools.count();
        // CREATE2 with salt 0 over args that end with the creation index (unique): `isPool` recomputes the address.
        pool = LibClone.cloneDeterministic(_IMPLEMENTATION, PoolConfigLib.pack(c, terms.name, terms.symbol, index), 0);
        IImpactPool(pool).initialize();

        _pools.push(pool);
        // Index under each distinct mission of the basket (bit i of `firstSeen`: term i names a new mission).
        uint256 n = missions.length;
        for (uint256 i; i < n; ++i) {
            if (firstSeen & (1 << i) != 0) _missionPools[missions[i]].push(pool);
        }
        emit PoolCreated(pool, msg.sender, index, terms);
    }

    /// @inheritdoc IImpactPoolFactory
    function createScheduledPool(ScheduledPoolTerms calldata terms) external returns (address pool) {
        return _createScheduled(terms, "");
    }

    /// @inheritdoc IImpactPoolFactory
    function createClassedPool(
        ScheduledPoolTerms calldata terms,
        CapitalStructure calldata capital
    ) external returns (address pool) {
        // The capital structure's checks, its args block and the class tokens: a deployed library.
        bytes memory block_ = CapitalWaterfall.prepare(
            capital,
            terms.capitalTarget,
            terms.fundCap,
            // The bond's term (0 when the deadlines are out of order: `_createScheduled` then reverts DeadlineOrder).
            terms.settlementDeadline > terms.raiseDeadline ? terms.settlementDeadline - terms.raiseDeadline : 0
        );
        pool = _createScheduled(terms, block_);
        address[3] memory tokens = CapitalWaterfall.createClasses(_classImplementation, pool, capital);
        emit CapitalStructureCreated(pool, capital, tokens);
    }

    /// @dev A scheduled pool; a classed one when `capital` (its `CapitalWaterfall` block) is not empty.
    function _createScheduled(ScheduledPoolTerms calldata terms, bytes memory capital) private returns (address pool) {
        _validateCommon(
            terms.name,
            terms.symbol,
            terms.token,
            terms.capitalTarget,
            terms.fundCap,
            terms.raiseDeadline,
            terms.settlementDeadline
        );
        uint256 milestoneVersions = _validateSchedule(terms.schedule, terms.settlementDeadline);
        // The schedule's checks and header: a deployed library (this contract's code could not hold them).
        (bytes memory header, uint256[] memory missions) = PoolScheduleChecks.prepare(
            address(_REGISTRY),
            address(_FEED),
            abi.encode(terms.paymentSchedule),
            terms.gracePeriod,
            terms.raiseDeadline
        );
        IImpactPool.Config memory c;
        c.token = terms.token;
        c.feed = _FEED;
        c.capitalTarget = terms.capitalTarget;
        c.fundCap = terms.fundCap;
        c.raiseDeadline = terms.raiseDeadline;
        c.settlementDeadline = terms.settlementDeadline;
        c.gracePeriod = terms.gracePeriod;
        c.scheduleHash = keccak256(abi.encode(terms.schedule));
        c.milestoneVersions = milestoneVersions;
        uint256 index = _pools.count();
        bytes memory args = PoolConfigLib.packScheduled(
            c,
            terms.name,
            terms.symbol,
            bytes.concat(header, capital),
            capital.length != 0,
            index
        );
        // CREATE2 with salt 0 over args that end with the creation index (unique): `isPool` recomputes the address.
        pool = LibClone.cloneDeterministic(_IMPLEMENTATION, args, 0);
        IImpactPool(pool).initialize();

        _pools.push(pool);
        for (uint256 i; i < missions.length; ++i) _missionPools[missions[i]].push(pool);
        emit ScheduledPoolCreated(pool, msg.sender, index, terms);
    }

    /// @inheritdoc IImpactPoolFactory
    function readOutcome(
        bytes calldata basketAbi,
        uint256 versions,
        uint256 noDataAfter
    ) external view returns (OutcomeLib.Resolution, uint256) {
        return OutcomeLib.readOutcome(_FEED, abi.decode(basketAbi, (OutcomeLib.OutcomeTerm[])), versions, noDataAfter);
    }

    /// @dev The committee version current now for each basket term's mission, lane per term, with one oracle read
    /// per distinct mission (≤ 8 terms, so the quadratic dedupe in memory is tiny); also each term's mission and the
    /// bit set of the terms that name a mission no earlier term names.
    function _pinBasket(
        OutcomeLib.OutcomeTerm[] calldata basket
    ) private view returns (uint256 versions, uint256[] memory missions, uint256 firstSeen) {
        uint256 n = basket.length;
        missions = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            uint256 missionId = basket[i].missionId;
            missions[i] = missionId;
            uint256 version;
            bool seen;
            for (uint256 j; j < i; ++j) {
                if (missions[j] == missionId) {
                    (version, seen) = (OutcomeLib.versionOf(versions, j), true);
                    break;
                }
            }
            if (!seen) {
                version = _FEED.committeeVersion(missionId);
                firstSeen |= 1 << i;
            }
            versions |= version << (16 * i);
        }
    }

    /// @inheritdoc IImpactPoolFactory
    function milestone(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period,
        uint64 minValue
    ) external view returns (IMetricFeed.SlotStatus status, uint64 value, bool met) {
        status = _FEED.slotStatus(missionId, version, goalId, period);
        if (status != IMetricFeed.SlotStatus.Final) return (status, 0, false);
        (value, ) = _FEED.finalValue(missionId, version, goalId, period);
        met = OutcomeTermChecks.falls(_REGISTRY.getGoal(missionId, goalId)) ? value <= minValue : value >= minValue;
    }

    /// @inheritdoc IImpactPoolFactory
    function isPool(address account) external view returns (bool) {
        // A clone with args has 0x2d bytes of code before them; ours end with an 8-byte index.
        if (account.code.length < 0x2d + PoolConfigLib.BASE_LENGTH) return false;
        bytes memory args = LibClone.argsOnClone(account);
        return LibClone.predictDeterministicAddress(_IMPLEMENTATION, args, 0, address(this)) == account;
    }

    /// @inheritdoc IImpactPoolFactory
    function registry() external view returns (IMissionRegistry) {
        return _REGISTRY;
    }

    /// @inheritdoc IImpactPoolFactory
    function implementation() external view returns (address) {
        return _IMPLEMENTATION;
    }

    /// @inheritdoc IImpactPoolFactory
    function feed() external view returns (IMetricFeed) {
        return _FEED;
    }

    /// @inheritdoc IImpactPoolFactory
    function poolCount() external view returns (uint256) {
        return _pools.count();
    }

    /// @inheritdoc IImpactPoolFactory
    function poolAt(uint256 index) external view returns (address) {
        return _pools.at(index);
    }

    /// @inheritdoc IImpactPoolFactory
    function pools(uint256 offset, uint256 limit) external view returns (address[] memory) {
        return _pools.page(offset, limit);
    }

    /// @inheritdoc IImpactPoolFactory
    function missionPoolCount(uint256 missionId) external view returns (uint256) {
        return _missionPools[missionId].count();
    }

    /// @inheritdoc IImpactPoolFactory
    function missionPools(uint256 missionId, uint256 offset, uint256 limit) external view returns (address[] memory) {
        return _missionPools[missionId].page(offset, limit);
    }

    /// @dev Reverts on invalid terms (`versions`: the pinned basket versions, for the no-data cut-off); returns the
    /// milestone versions (see `_validateSchedule`).
    function _validate(PoolTerms calldata t, uint256 versions) private view returns (uint256 milestoneVersions) {
        _validateCommon(t.name, t.symbol, t.token, t.capitalTarget, t.fundCap, t.raiseDeadline, t.settlementDeadline);
        RepaymentLib.validate(t.repayment);
        milestoneVersions = _validateSchedule(t.schedule, t.settlementDeadline);
        OutcomeLib.validateTerms(t.basket);
        // The escrow factory's registry checks, term by term; each distinct mission must be Active. The no-data
        // cut-off must not come before any slot can last change under its mission's pinned committee version (one
        // oracle read per distinct mission: the challenge window and arbitration period are per version).
        uint256 noDataAfter = uint256(t.settlementDeadline) + t.gracePeriod;
        uint256 n = t.basket.length;
        uint256[] memory settling = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            OutcomeLib.OutcomeTerm calldata o = t.basket[i];
            uint256 first = _firstOfMission(t.basket, i);
            if (first == i) {
                OutcomeTermChecks.checkMission(_REGISTRY, o.missionId);
                uint16 version = OutcomeLib.versionOf(versions, i);
                settling[i] = OutcomeTermChecks.settlingTime(_FEED, o.missionId, version, o.goalId, o.period);
            } else {
                settling[i] = settling[first];
            }
            IMissionRegistry.Goal memory goal = OutcomeTermChecks.checkTerm(_REGISTRY, i, o);
            OutcomeTermChecks.checkCutOff(
                i,
                OutcomeTermChecks.reportingDeadline(goal, o.period),
                settling[i],
                noDataAfter
            );
        }
    }

    /// @dev What every pool is checked for, basket or schedule: name and symbol, token, amounts, deadlines.
    function _validateCommon(
        string calldata name,
        string calldata symbol,
        IERC20 token,
        uint128 capitalTarget,
        uint128 fundCap,
        uint40 raiseDeadline,
        uint40 settlementDeadline
    ) private view {
        uint256 nameLen = bytes(name).length;
        if (nameLen == 0 || nameLen > 31) revert InvalidName(TermField.Name, nameLen);
        uint256 symbolLen = bytes(symbol).length;
        if (symbolLen == 0 || symbolLen > 31) revert InvalidName(TermField.Symbol, symbolLen);
        if (address(token).code.length == 0) revert InvalidToken(address(token));
        if (capitalTarget == 0) revert ZeroAmountTerm(TermField.CapitalTarget);
        if (fundCap == 0) revert ZeroAmountTerm(TermField.FundCap);
        // The investor pot can reach capitalTarget + fundCap and is kept in 128 bits: refuse what could not settle.
        if (uint256(capitalTarget) + fundCap > type(uint128).max) revert TermsOverflow(capitalTarget, fundCap);
        if (raiseDeadline <= block.timestamp || settlementDeadline <= raiseDeadline) {
            revert DeadlineOrder(raiseDeadline, settlementDeadline, block.timestamp);
        }
    }

    /// @dev The first basket term (≤ `i`) on term `i`'s mission (≤ 8 terms: the quadratic scan is tiny).
    function _firstOfMission(OutcomeLib.OutcomeTerm[] calldata basket, uint256 i) private pure returns (uint256) {
        uint256 missionId = basket[i].missionId;
        for (uint256 j; j < i; ++j) {
            if (basket[j].missionId == missionId) return j;
        }
        return i;
    }

    /// @dev Also pins, for each milestone, the committee version current now for its mission: lane `i` for tranche
    /// `i` (only tranches 0–15 may carry a milestone).
    function _validateSchedule(
        IImpactPool.Schedule calldata s,
        uint40 settlementDeadline
    ) private view returns (uint256 milestoneVersions) {
        uint256 np = s.providers.length;
        if (np == 0 || np > MAX_PROVIDERS) revert ProviderCount(np, MAX_PROVIDERS);
        for (uint256 i; i < np; ++i) {
            address p = s.providers[i];
            if (p == address(0)) revert ZeroProvider(i);
            for (uint256 j; j < i; ++j) {
                if (s.providers[j] == p) revert DuplicateProvider(i, p);
            }
        }
        uint256 nt = s.tranches.length;
        if (nt == 0 || nt > MAX_TRANCHES) revert TrancheCount(nt, MAX_TRANCHES);
        uint256 sumBps;
        for (uint256 i; i < nt; ++i) {
            IImpactPool.Tranche calldata tr = s.tranches[i];
            if (tr.provider >= np) revert InvalidTranche(i, TrancheField.Provider);
            if (tr.dueAt > settlementDeadline) revert InvalidTranche(i, TrancheField.DueAt);
            if (tr.shareBps == 0) revert InvalidTranche(i, TrancheField.ShareBps);
            if (tr.hasMilestone) {
                // The same registry checks as a basket term (no curve: the goal's direction decides at disbursal).
                OutcomeTermChecks.checkMission(_REGISTRY, tr.missionId);
                OutcomeTermChecks.checkSlot(_REGISTRY, i, tr.missionId, tr.goalId, tr.period);
            } else if (tr.missionId != 0 || tr.goalId != 0 || tr.period != 0 || tr.minValue != 0) {
                revert InvalidTranche(i, TrancheField.Milestone);
            }
            if (tr.hasMilestone) {
                // Milestone versions are pinned in 16 lanes of one word: tranches 16–31 pay on time only.
                if (i >= 16) revert InvalidTranche(i, TrancheField.Milestone);
                milestoneVersions |= uint256(_FEED.committeeVersion(tr.missionId)) << (16 * i);
            }
            sumBps += tr.shareBps;
        }
        if (sumBps > MathLib.BPS) revert TrancheSharesSum(sumBps);
    }
}
