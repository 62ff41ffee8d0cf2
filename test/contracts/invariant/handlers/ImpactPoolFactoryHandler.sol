// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {PoolFixtures} from "../../fixtures/PoolFixtures.sol";
import {ImpactPool} from "../../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../../contracts/pool/IImpactPool.sol";
import {IImpactPoolFactory} from "../../../../contracts/pool/IImpactPoolFactory.sol";
import {IOutcomeTermChecks} from "../../../../contracts/outcomes/IOutcomeTermChecks.sol";
import {IMissionRegistry} from "../../../../contracts/registry/IMissionRegistry.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {ImpactPoolFactory} from "../../../../contracts/pool/ImpactPoolFactory.sol";
import {VersionedMetricFeed} from "../../fixtures/VersionedMetricFeed.sol";
import {OutcomeLib} from "../../../../contracts/outcomes/OutcomeLib.sol";
import {PayoutCurves} from "../../../../contracts/outcomes/PayoutCurves.sol";
import {RepaymentLib} from "../../../../contracts/pool/RepaymentLib.sol";

/// @notice Drives the pool factory (the education example of `PoolFixtures`, clock at T0) with pool creations —
/// valid terms of three basket shapes, some on the latest period with the no-data cut-off exactly at the earliest
/// second the oracle allows, the missions' committee versions bumped between creations — and creations with one fault
/// each (the interface's rule it breaks predicts the exact error), and with an outsider's calls into the pools and the
/// implementation (initialise, invest or commit on the implementation, a class payout, class tokens), each refused
/// with the exact error; and with settlement probes (a pool run to settlement on a snapshot, reading the slots under
/// the versions it pinned on a feed that keeps slots per version). Ghost ledgers: every pool created in order, the
/// pools of each mission in order, and the committee versions each pool pinned (lane per basket term and per
/// milestone tranche).
contract ImpactPoolFactoryHandler is HandlerBase, PoolFixtures {
    uint32 internal constant CHALLENGE = 2 days;
    uint32 internal constant ARBITRATION = 5 days;
    /// @notice Missions 1 and 2 are Active; mission 3 is Concluded (no pool may name it).
    uint256 public constant MISSIONS = 3;
    address public constant OUTSIDER = address(0xBAD);
    /// @notice Pools a run creates at most (enough for pages clipped at both ends; keeps a CI run short).
    uint256 public constant MAX_POOLS = 5;
    /// @notice The latest period's reporting deadline (period 4 ends at +360 days, 30 days to report) plus the
    /// oracle's challenge window and arbitration period: the earliest no-data cut-off a basket on period 4 may have.
    uint256 public constant LATE_EARLIEST = uint256(T0) + 390 days + CHALLENGE + ARBITRATION;
    /// @dev The settlement deadline of the late baskets (after every tranche's due time, before `LATE_EARLIEST`).
    uint40 internal constant LATE_SETTLEMENT = T0 + 200 days;

    address public implementation;
    address[] public gPools;
    mapping(uint256 missionId => address[] pools) internal _gMissionPools;
    mapping(address pool => uint256 versions) public gBasketVersions;
    mapping(address pool => uint256 versions) public gMilestoneVersions;
    /// @dev The terms each pool was created with (`_validTerms(shape, late)`).
    mapping(address pool => uint256 shape) internal _shape;
    mapping(address pool => bool late) internal _late;
    /// @dev Pools whose repayment curve jumps from 0 to the principal at 50 % (threshold = principal point).
    mapping(address pool => bool jump) internal _jump;
    /// @notice The committee version the model says each mission has now.
    mapping(uint256 missionId => uint16 version) public gVersion;

    /// @notice The feed this world's factory reads: slots per committee version, so a pool reading a slot under
    /// another version than the one it pinned finds nothing there (`_deploy`'s plain feed is left unused).
    VersionedMetricFeed public immutable vfeed;

    constructor() {
        _deploy();
        vfeed = new VersionedMetricFeed();
        vfeed.setTimeline(CHALLENGE, ARBITRATION);
        factory = new ImpactPoolFactory(IMissionRegistry(address(registry)), IMetricFeed(address(vfeed)));
        (gVersion[1], gVersion[2]) = (3, 5);
        vfeed.setCommitteeVersion(1, 3);
        vfeed.setCommitteeVersion(2, 5);
        registry.setMission(3, IMissionRegistry.MissionStatus.Concluded);
        _goal(3, 0, 30, 70);
        implementation = factory.implementation();
    }

    function poolCount() external view returns (uint256) {
        return gPools.length;
    }

    function missionPools(uint256 missionId) external view returns (address[] memory) {
        return _gMissionPools[missionId];
    }

    function factoryAddress() external view returns (address) {
        return address(factory);
    }

    function tokenAddress() external view returns (address) {
        return address(token);
    }

    /*//////////////////////////////////////////////////////////////
                                 TERMS
    //////////////////////////////////////////////////////////////*/

    /// @dev Valid terms: shape 0 the fixture's 4-term basket (missions 1, 1, 2, 2), shape 1 mission 2's two terms at
    /// 50 % each, shape 2 mission 1's attendance term alone, shape 3 `_curvesBasket`; `late` moves every term to
    /// period 4 with the cut-off at `LATE_EARLIEST` exactly (a grace period one second shorter is refused).
    function _validTerms(uint256 shape, bool late) internal view returns (IImpactPoolFactory.PoolTerms memory t) {
        t = _terms();
        OutcomeLib.OutcomeTerm[] memory full = t.basket;
        if (shape == 1) {
            t.basket = new OutcomeLib.OutcomeTerm[](2);
            (t.basket[0], t.basket[1]) = (full[2], full[3]);
            (t.basket[0].weightWad, t.basket[1].weightWad) = (0.5e18, 0.5e18);
        } else if (shape == 2) {
            t.basket = new OutcomeLib.OutcomeTerm[](1);
            t.basket[0] = full[1];
            t.basket[0].weightWad = 1e18;
        } else if (shape == 3) {
            t.basket = _curvesBasket();
        }
        if (late) {
            for (uint256 i; i < t.basket.length; ++i) t.basket[i].period = 4;
            t.settlementDeadline = LATE_SETTLEMENT;
            t.gracePeriod = uint40(LATE_EARLIEST - LATE_SETTLEMENT); // cast: 197 days
        }
    }

    /// @dev One term of each other curve kind, 25 % each, on the fixture's goals (missions 1, 2, 2, 1): attendance
    /// (40 → 90) threshold-linear from 40 to 90 paying from 60, capped at 80 %; reading level (30 → 70) linear from 30
    /// to 37 (a span of 7: progress rounds); members (0 → 200) stepped, 40 % from 50 and 90 % from 100; low birth
    /// weight (120 → 80, falls) binary at 100 or below.
    function _curvesBasket() internal pure returns (OutcomeLib.OutcomeTerm[] memory b) {
        b = new OutcomeLib.OutcomeTerm[](4);
        PayoutCurves.Curve memory c = _linear(40, 90);
        (c.kind, c.threshold, c.capWad) = (PayoutCurves.Kind.ThresholdLinear, 60, 0.8e18);
        b[0] = OutcomeLib.OutcomeTerm(1, 1, 1, 0.25e18, c);
        b[1] = OutcomeLib.OutcomeTerm(2, 0, 1, 0.25e18, _linear(30, 37));
        uint64[] memory values = new uint64[](2);
        uint64[] memory ratios = new uint64[](2);
        (values[0], values[1], ratios[0], ratios[1]) = (50, 100, 0.4e18, 0.9e18);
        c = PayoutCurves.Curve(PayoutCurves.Kind.Stepped, false, 0, 0, 0, 0, values, ratios);
        b[2] = OutcomeLib.OutcomeTerm(2, 1, 1, 0.25e18, c);
        c = PayoutCurves.Curve(PayoutCurves.Kind.Binary, true, 0, 0, 100, 0, _noSteps(), _noSteps());
        b[3] = OutcomeLib.OutcomeTerm(1, 0, 1, 0.25e18, c);
    }

    /// @dev The values probe `set` gives `_curvesBasket`'s terms, and the composite they read, by hand (each term
    /// 25 %; Σ of the achievements / 4, rounded down). Set 0, every mark exactly: 60 reaches the threshold (20 / 50 =
    /// 0.4), 33 is 3 / 7 = 0.428571428571428571 (rounded down), 100 the second step (0.9), 100 the binary mark (1):
    /// (2.3e18 + 428571428571428571) / 4 = 682142857142857142 (a progress rounded up would make it …143). Set 1: 90
    /// is the target (1, capped to 0.8), 37 the target (1), 99 below the second step (0.4), 101 misses the mark (0):
    /// 2.2e18 / 4 = 0.55e18. Set 2: 59 one below the threshold, 30 the baseline, 49 below the first step, 120: 0.
    function _curvesOutcome(uint256 set, uint256 i) internal pure returns (uint64 value, uint256 composite) {
        uint64[4][3] memory values = [[uint64(60), 33, 100, 100], [uint64(90), 37, 99, 101], [uint64(59), 30, 49, 120]];
        uint256[3] memory composites = [uint256(682142857142857142), 0.55e18, 0];
        return (values[set][i], composites[set]);
    }

    /// @dev The versions the model expects `t` to pin: lane i = term i's mission's version now; the milestone tranche
    /// (3, on mission 2) in lane 3.
    function _pins(IImpactPoolFactory.PoolTerms memory t) internal view returns (uint256 basket, uint256 milestone) {
        for (uint256 i; i < t.basket.length; ++i) basket |= uint256(gVersion[t.basket[i].missionId]) << (16 * i);
        for (uint256 i; i < t.schedule.tranches.length; ++i) {
            IImpactPool.Tranche memory tr = t.schedule.tranches[i];
            if (tr.hasMilestone) milestone |= uint256(gVersion[tr.missionId]) << (16 * i);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Creates a pool (up to `MAX_POOLS` a run) with valid terms (shape, lateness and repayment curve from the
    /// seed); one call in four first moves a mission to a new committee version, so later pools pin other versions
    /// than earlier ones.
    function create(uint256 seed) external {
        if (gPools.length >= MAX_POOLS) return;
        _create(seed);
    }

    /// @dev The first call of a run creates a pool whatever the action (so that no run is all refusals).
    function _bootstrap(uint256 seed) internal {
        if (gPools.length == 0) _create(seed);
    }

    function _create(uint256 seed) internal {
        if ((seed >> 8) % 4 == 0) {
            uint256 m = 1 + ((seed >> 16) % 2);
            ++gVersion[m];
            vfeed.setCommitteeVersion(m, gVersion[m]);
        }
        (uint256 shape, bool late, bool jump) = ((seed & 0xf) % 4, (seed >> 4) % 2 == 1, (seed >> 5) % 2 == 1);
        IImpactPoolFactory.PoolTerms memory t = _validTerms(shape, late);
        if (jump) t.repayment = RepaymentLib.Curve(0.5e18, 0.5e18, 0.2e18);
        (bool ok, bytes memory ret) = address(factory).call(abi.encodeCall(factory.createPool, (t)));
        if (!ok) revert UnexpectedRevert("create", ret);
        address pool = abi.decode(ret, (address));
        gPools.push(pool);
        (_shape[pool], _late[pool], _jump[pool]) = (shape, late, jump);
        for (uint256 i; i < t.basket.length; ++i) {
            uint256 m = t.basket[i].missionId;
            bool seen;
            for (uint256 j; j < i; ++j) seen = seen || t.basket[j].missionId == m;
            if (!seen) _gMissionPools[m].push(pool);
        }
        (gBasketVersions[pool], gMilestoneVersions[pool]) = _pins(t);
        _ok("create");
    }

    /// @notice Creates a pool with one fault (`fault % 12`), which the factory must refuse with the exact error.
    function createInvalid(uint256 seed, uint256 fault) external {
        _bootstrap(seed);
        IImpactPoolFactory.PoolTerms memory t = _validTerms(0, false);
        bytes memory expected;
        fault %= 12;
        if (fault == 0) {
            t.schedule.tranches[0].shareBps = 4001; // 4,001 + 2,500 + 2,500 + 1,000 = 10,001 > 10,000
            expected = abi.encodeWithSelector(IImpactPoolFactory.TrancheSharesSum.selector, 10_001);
        } else if (fault == 1) {
            // One tranche more than the 32-bit disbursal bitmap holds (each valid on its own).
            t.schedule.tranches = new IImpactPool.Tranche[](33);
            for (uint256 i; i < 33; ++i)
                t.schedule.tranches[i] = IImpactPool.Tranche(0, RAISE_DEADLINE, 1, false, 0, 0, 0, 0);
            expected = abi.encodeWithSelector(IImpactPoolFactory.TrancheCount.selector, 33, 32);
        } else if (fault == 2) {
            t.schedule.tranches[seed % 3].dueAt = t.settlementDeadline + 1;
            expected = abi.encodeWithSelector(
                IImpactPoolFactory.InvalidTranche.selector,
                seed % 3,
                IImpactPoolFactory.TrancheField.DueAt
            );
        } else if (fault == 3) {
            t.settlementDeadline = t.raiseDeadline;
            expected = abi.encodeWithSelector(
                IImpactPoolFactory.DeadlineOrder.selector,
                t.raiseDeadline,
                t.raiseDeadline,
                block.timestamp
            );
        } else if (fault == 4) {
            t.raiseDeadline = uint40(block.timestamp); // cast: the clock is T0
            expected = abi.encodeWithSelector(
                IImpactPoolFactory.DeadlineOrder.selector,
                block.timestamp,
                t.settlementDeadline,
                block.timestamp
            );
        } else if (fault == 5) {
            t.capitalTarget = type(uint128).max - uint128(seed % 1000); // cast: < 1000
            t.fundCap = 1001;
            expected = abi.encodeWithSelector(IImpactPoolFactory.TermsOverflow.selector, t.capitalTarget, 1001);
        } else if (fault == 6) {
            t.basket[0].weightWad = 0.2e18;
            expected = abi.encodeWithSelector(OutcomeLib.TermWeightSum.selector, 0.9e18);
        } else if (fault == 7) {
            t.basket[0] = OutcomeLib.OutcomeTerm(3, 0, 1, 0.3e18, _linear(30, 70));
            expected = abi.encodeWithSelector(
                IOutcomeTermChecks.MissionNotActive.selector,
                3,
                IMissionRegistry.MissionStatus.Concluded
            );
        } else if (fault == 8) {
            t.basket[0].period = 5; // the goals have 4 periods
            expected = abi.encodeWithSelector(IOutcomeTermChecks.TermPeriodOutOfRange.selector, 0, 5, 4);
        } else if (fault == 9) {
            t = _validTerms(seed % 3, true);
            t.gracePeriod -= 1; // one second before the last slot can have settled
            expected = abi.encodeWithSelector(
                IOutcomeTermChecks.NoDataCutOffTooEarly.selector,
                0,
                LATE_EARLIEST - 1,
                LATE_EARLIEST
            );
        } else if (fault == 10) {
            t.basket[2].curve = PayoutCurves.Curve(
                PayoutCurves.Kind.ThresholdLinear,
                false,
                30,
                70,
                50,
                1e18 + 1,
                _noSteps(),
                _noSteps()
            );
            expected = abi.encodeWithSelector(PayoutCurves.CurveCap.selector, 1e18 + 1);
        } else {
            uint64[] memory values = new uint64[](2);
            uint64[] memory ratios = new uint64[](2);
            (values[0], values[1], ratios[0], ratios[1]) = (100, 200, 0.5e18, 1e18 + 1);
            t.basket[3].curve = PayoutCurves.Curve(PayoutCurves.Kind.Stepped, false, 0, 0, 0, 0, values, ratios);
            expected = abi.encodeWithSelector(PayoutCurves.CurveStepRatio.selector, 1, 1e18 + 1);
        }
        (bool ok, bytes memory ret) = address(factory).call(abi.encodeCall(factory.createPool, (t)));
        if (ok) revert UnexpectedSuccess("createInvalid");
        _expectExactRevert("createInvalid", ret, expected);
    }

    /// @notice An outsider calls what only the factory or a class token may call (on a pool, or on the
    /// implementation), or calls the implementation as if it were a pool (`kind % 6`); each is refused with the exact
    /// error.
    function attack(uint256 kind, uint256 which, uint256 amount, bool principalBack) external {
        _bootstrap(which);
        address pool = gPools[which % gPools.length];
        amount = bound(amount, 0, 1_000e18);
        kind %= 6;
        bytes memory data;
        bytes memory expected;
        address target = kind == 0 || kind == 2 || kind == 3 ? implementation : pool;
        if (kind < 2) {
            data = abi.encodeCall(IImpactPool.initialize, ());
            expected = abi.encodeWithSelector(IImpactPool.NotFactory.selector, OUTSIDER);
        } else if (kind < 4) {
            // The outsider holds and approved the amount: only the clone check stands in the way.
            amount = amount == 0 ? 1 : amount;
            token.mint(OUTSIDER, amount);
            vm.prank(OUTSIDER);
            token.approve(implementation, amount);
            data =
                kind == 2 ? abi.encodeCall(IImpactPool.invest, (amount)) : abi.encodeCall(IImpactPool.commit, (amount));
            expected = abi.encodeWithSelector(IImpactPool.NotAClone.selector);
        } else if (kind == 4) {
            uint256 classId = (which >> 8) % 4; // 3 is past the last class
            data = abi.encodeCall(IImpactPool.payout, (classId, OUTSIDER, amount, principalBack));
            expected = abi.encodeWithSelector(IImpactPool.NotClassToken.selector, OUTSIDER, classId);
        } else {
            data = abi.encodeCall(IImpactPool.initializeClasses, ([OUTSIDER, OUTSIDER, OUTSIDER]));
            expected = abi.encodeWithSelector(IImpactPool.NotFactory.selector, OUTSIDER);
        }
        vm.prank(OUTSIDER);
        (bool ok, bytes memory ret) = target.call(data);
        if (ok) revert UnexpectedSuccess("attack");
        _expectExactRevert("attack", ret, expected);
        if (kind == 2 || kind == 3) {
            vm.prank(OUTSIDER);
            token.transfer(address(0xdead), amount); // the outsider's wallet stays empty between attacks
        }
    }

    /// @dev Values that put shape `shape`'s composite at exactly 50 %: the fixture's first two terms at their
    /// targets and the others at their baselines (0.3 + 0.2), mission 2's two terms at 70 and 0 (0.5 + 0), the
    /// attendance term halfway from 40 to 90.
    function _halfway(uint256 shape, uint256 i) internal pure returns (uint64) {
        if (shape == 0) return [uint64(80), 90, 30, 0][i];
        if (shape == 1) return [uint64(70), 0][i];
        return 65;
    }

    /// @notice Runs pool `which` to settlement on a snapshot, then rewinds (the clock back at T0): filled to its
    /// target and 500,000 committed to its fund (50,000 when bit 2 of `mode` is set: less than the payment); its milestone tranche (3) paid on the minimum value Final under the
    /// version the pool pinned in lane 3, nothing under any other version; settled at its deadline on values Final
    /// under the version pinned in each term's lane. The fixture's shapes: every term at its target (composite 1:
    /// multiple 1.2), or, for a pool whose curve jumps at 50 % and an odd `mode`, a composite of exactly 50 %
    /// (multiple 1); the payment is the disbursed capital times the multiple, rounded down, at most the fund. The
    /// curves basket: value set `mode % 3` of `_curvesOutcome`. A pool reading another lane finds no value there:
    /// the milestone unmet, or the outcome pending.
    function probeSettlement(uint256 which, uint256 mode) external {
        _bootstrap(which);
        address pool = gPools[which % gPools.length];
        uint256 start = block.timestamp;
        uint256 snap = vm.snapshotState();
        _probe(pool, mode);
        vm.revertToState(snap);
        vm.warp(start);
        _ok("probe");
    }

    /// @dev The probe itself (see `probeSettlement`), on the snapshot.
    function _probe(address pool, uint256 mode) internal {
        uint256 shape = _shape[pool];
        IImpactPoolFactory.PoolTerms memory t = _validTerms(shape, _late[pool]);
        uint256 fund = (mode >> 2) % 2 == 1 ? 50_000e18 : 500_000e18; // the smaller one caps the payment
        _probeFill(pool, fund);
        uint256 disbursed = _probeMilestone(pool, t.schedule);
        vm.warp(t.settlementDeadline);
        bool atJump = shape < 3 && mode % 2 == 1 && _jump[pool];
        uint256 composite = _probeOutcome(
            pool,
            t.basket,
            shape == 3
                ? mode % 3
                : atJump
                    ? 3
                    : 4
        );
        (bool ok, bytes memory ret) = pool.call(abi.encodeCall(IImpactPool.settle, (abi.encode(t.basket))));
        if (!ok) revert UnexpectedRevert("probe: settle", ret);
        IImpactPool.State memory st = ImpactPool(pool).state();
        assertEq(st.compositeWad, composite, "probe: the composite");
        if (shape < 3) {
            uint256 payment = (disbursed * (atJump ? 1e18 : 1.2e18)) / 1e18;
            assertEq(
                st.outcomePayment,
                payment < fund ? payment : fund,
                "probe: disbursed x multiple, at most the fund"
            );
        }
        assertEq(st.investorPotRemaining, TARGET - disbursed + st.outcomePayment, "probe: investor pot");
        assertEq(st.refundPotRemaining, fund - st.outcomePayment, "probe: refund pot");
    }

    /// @dev Every basket term's slot Final under the version pinned in its lane: `_curvesOutcome` set `set` (0–2),
    /// `_halfway` (3) or the term's target (4); returns the composite the model reads.
    function _probeOutcome(
        address pool,
        OutcomeLib.OutcomeTerm[] memory basket,
        uint256 set
    ) internal returns (uint256 composite) {
        composite = set == 3 ? 0.5e18 : 1e18;
        for (uint256 i; i < basket.length; ++i) {
            OutcomeLib.OutcomeTerm memory o = basket[i];
            uint64 value = set == 3 ? _halfway(_shape[pool], i) : o.curve.target;
            if (set < 3) (value, composite) = _curvesOutcome(set, i);
            uint16 pinned = uint16(gBasketVersions[pool] >> (16 * i)); // cast: lane i
            vfeed.setFinal(o.missionId, pinned, o.goalId, o.period, value);
        }
    }

    /// @dev The probe's raise filled to the target and `fund` committed.
    function _probeFill(address pool, uint256 fund) internal {
        (address investor, address payer) = (address(0x1417), address(0x2417));
        token.mint(investor, TARGET);
        token.mint(payer, fund);
        vm.startPrank(investor);
        token.approve(pool, TARGET);
        assertEq(ImpactPool(pool).invest(TARGET), TARGET, "probe: the whole target invested");
        vm.stopPrank();
        vm.startPrank(payer);
        token.approve(pool, fund);
        assertEq(ImpactPool(pool).commit(fund), fund, "probe: committed");
        vm.stopPrank();
    }

    /// @dev The probe's milestone tranche (3) paid on its minimum value, Final under the version pinned in lane 3.
    function _probeMilestone(address pool, IImpactPool.Schedule memory s) internal returns (uint256 disbursed) {
        vm.warp(T0 + 180 days);
        IImpactPool.Tranche memory m = s.tranches[3];
        uint16 pinned = uint16(gMilestoneVersions[pool] >> 48); // cast: lane 3
        vfeed.setFinal(m.missionId, pinned, m.goalId, m.period, m.minValue);
        (bool ok, bytes memory ret) = pool.call(abi.encodeCall(IImpactPool.disburse, (3, abi.encode(s))));
        if (!ok) revert UnexpectedRevert("probe: disburse", ret);
        disbursed = (uint256(TARGET) * m.shareBps) / 10_000;
        assertEq(abi.decode(ret, (uint256)), disbursed, "probe: the milestone tranche, rounded down");
    }
}
