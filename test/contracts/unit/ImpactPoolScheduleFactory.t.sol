// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduledPoolFixture} from "../fixtures/ScheduledPoolFixture.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {IOutcomeTermChecks} from "../../../contracts/outcomes/IOutcomeTermChecks.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {IImpactPoolFactory} from "../../../contracts/pool/IImpactPoolFactory.sol";

/// @notice `ImpactPoolFactory.createScheduledPool`: the one schedule validation path (shared with the scheduled
/// escrow's factory), several missions with their own pinned committee versions, the header in the clone's args.
contract ImpactPoolScheduleFactoryTest is ScheduledPoolFixture {
    function _expectCreateRevert(IImpactPoolFactory.ScheduledPoolTerms memory t, bytes memory err) internal {
        vm.expectRevert(err);
        factory.createScheduledPool(t);
    }

    /// @dev Two points across both missions: point 0 pays on mission 7, point 1 on mission 8 with a trigger on
    /// mission 7.
    function _twoMissions() internal pure returns (IPaymentSchedule.Point[] memory ps) {
        IPaymentSchedule.ScheduleTerm memory other = _curveTerm(0, 2, 0, 1e18, _linear(0, 400));
        other.missionId = OTHER_MISSION;
        ps = _points(
            _point(0, false, 0.5e18, _terms(_curveTerm(0, 1, 0, 1e18, _linear(0, 400)))),
            _point(1, false, 0.5e18, _terms(other))
        );
        ps[1].trigger.conditions = new IPaymentSchedule.Condition[](1);
        ps[1].trigger.conditions[0] = _cond(2, 2, 30, true);
    }

    function test_Create_IndexesUnderEveryMissionAndPinsEachVersion() public {
        _topUpTiers();
        keyCaps.push(50_000);
        overallCap = 90_000;
        IPaymentSchedule.Point[] memory ps = _twoMissions();
        ImpactPool pool = _createPool(ps);
        assertTrue(factory.isPool(address(pool)), "is a pool");
        assertTrue(pool.isScheduled(), "scheduled mode");
        assertEq(factory.poolCount(), 1, "count");
        assertEq(factory.missionPools(MISSION, 0, 10)[0], address(pool), "under mission 7");
        assertEq(factory.missionPools(OTHER_MISSION, 0, 10)[0], address(pool), "under mission 8");
        IPaymentSchedule.Header memory hd = pool.pointHeader(1);
        assertEq(hd.pointsRoot, h.pointsRoot(ps), "points root");
        assertEq(hd.pointCount, 2, "points");
        assertEq(hd.gracePeriod, GRACE, "grace");
        assertEq(hd.cap, 90_000, "overall cap");
        assertEq(hd.keyCaps.length, 1, "key caps");
        assertEq(hd.keyCaps[0], 50_000, "key cap 0");
        assertEq(hd.tiers.length, 2, "tiers");
        assertEq(hd.tiers[0].coPayWad, 0.2e18, "tier 0 co-pays 20 %");
        // Point 1: term 0 on mission 8 (lane 0: version 3), condition 0 on mission 7 (lane 8: version 2).
        assertEq(hd.versions, uint256(OTHER_VERSION) | (uint256(VERSION) << 128), "point 1's lanes");
        assertEq(pool.pointHeader(0).versions, uint256(VERSION), "point 0: lane 0 on mission 7");
        IImpactPool.Config memory c = pool.config();
        assertEq(c.basketHash, bytes32(0), "no basket");
        assertEq(c.capitalTarget, CAPITAL, "capital target");
        assertEq(c.fundCap, FUND_CAP, "fund cap");
        assertEq(c.raiseDeadline, RAISE, "raise deadline");
        assertEq(c.scheduleHash, keccak256(_scheduleAbi(ps)), "tranche schedule");
        assertEq(keccak256(bytes(pool.name())), keccak256("Independent Living Pool"), "name");
    }

    function test_PointHeader_PastTheLastPointHasNoVersions() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ImpactPool pool = _createPool(ps);
        assertEq(pool.pointHeader(5).versions, 0, "past the last point: no versions");
        assertTrue(pool.isScheduled(), "scheduled");
    }

    function test_Create_RevertWhen_TheScheduleIsInvalid() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ps[1].deadline = ps[0].deadline - 1;
        _expectCreateRevert(
            _poolTerms(ps),
            abi.encodeWithSelector(IPaymentSchedule.PointOrder.selector, 1, ps[1].deadline, ps[0].deadline)
        );
    }

    function test_Create_RevertWhen_TiersAreInvalid() public {
        tiers.push(IPaymentSchedule.PayerTier(0.2e18));
        _expectCreateRevert(
            _poolTerms(_yearly()),
            abi.encodeWithSelector(IPaymentSchedule.TierConfig.selector, 1, 0.2e18)
        );
    }

    function test_Create_RevertWhen_AMissionIsNotActive() public {
        registry.setMission(OTHER_MISSION, IMissionRegistry.MissionStatus.Draft);
        _expectCreateRevert(
            _poolTerms(_twoMissions()),
            abi.encodeWithSelector(
                IOutcomeTermChecks.MissionNotActive.selector,
                OTHER_MISSION,
                IMissionRegistry.MissionStatus.Draft
            )
        );
    }

    function test_Create_RevertWhen_AConditionRunsAgainstTheGoal() public {
        IPaymentSchedule.Point[] memory ps = _twoMissions();
        ps[1].trigger.conditions[0].lowerIsBetter = false; // goal 2 falls
        // Point 1, condition 0: slot 16 + 8.
        _expectCreateRevert(
            _poolTerms(ps),
            abi.encodeWithSelector(IOutcomeTermChecks.CurveDirectionMismatch.selector, 24, false)
        );
    }

    function test_Create_RevertWhen_ASlotDoesNotExist() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ps[2].terms[0].period = 5;
        _expectCreateRevert(
            _poolTerms(ps),
            abi.encodeWithSelector(IOutcomeTermChecks.TermPeriodOutOfRange.selector, 32, 5, 4)
        );
    }

    function test_Create_RevertWhen_CommitmentsCloseAfterASlotsPeriodEnds() public {
        IImpactPoolFactory.ScheduledPoolTerms memory t = _poolTerms(_yearly());
        t.raiseDeadline = DEADLINE - 6 hours; // period 1 ends at DEADLINE - 12 hours
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(
                IEscrowFactory.FundingAfterPeriodEnd.selector,
                0,
                DEADLINE - 6 hours,
                DEADLINE - 12 hours
            )
        );
    }

    function test_Create_RevertWhen_APointsCutOffIsBeforeItsSlotCanLastChange() public {
        IPaymentSchedule.Point[] memory ps = _yearly();
        ps[0].terms[0].period = 4; // reported by DEADLINE + 3 days; point 0's cut-off is DEADLINE + 10 days
        IImpactPoolFactory.ScheduledPoolTerms memory t = _poolTerms(ps);
        t.gracePeriod = 1 days;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(
                IOutcomeTermChecks.NoDataCutOffTooEarly.selector,
                0,
                DEADLINE + 1 days,
                DEADLINE + 3 days
            )
        );
    }

    function test_Create_RevertWhen_TheCommonTermsAreInvalid() public {
        IImpactPoolFactory.ScheduledPoolTerms memory t = _poolTerms(_yearly());
        t.symbol = "";
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IImpactPoolFactory.InvalidName.selector, IImpactPoolFactory.TermField.Symbol, 0)
        );
        t = _poolTerms(_yearly());
        t.settlementDeadline = RAISE;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IImpactPoolFactory.DeadlineOrder.selector, RAISE, RAISE, block.timestamp)
        );
    }

    function test_CommitTier_RevertWhen_ThePoolHasABasket() public {
        // The basket pool of the other tests' fixture has no tiers.
        IImpactPoolFactory.PoolTerms memory b;
        b.name = "Basket";
        b.symbol = "B";
        b.token = _poolTerms(_yearly()).token;
        b.capitalTarget = CAPITAL;
        b.raiseDeadline = RAISE;
        b.fundCap = FUND_CAP;
        b.settlementDeadline = SETTLEMENT;
        b.gracePeriod = GRACE;
        b.schedule = _poolTerms(_yearly()).schedule;
        b.repayment.principalAtWad = 1e18;
        b.basket = new OutcomeTermArray().one(MISSION, _linear(0, 400));
        ImpactPool pool = ImpactPool(factory.createPool(b));
        assertTrue(!pool.isScheduled(), "basket mode");
        assertEq(pool.pointHeader(0).pointCount, 0, "no header");
        _give(TOPUP, 1_000, address(pool));
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.TierIndex.selector, 0, 0));
        vm.prank(TOPUP);
        pool.commitTier(0, 1_000);
        IPaymentSchedule.Point[] memory ps = _yearly();
        bytes memory pointBytes = h.encodePoint(ps[0]);
        bytes32[] memory proof = h.pointProof(ps, 0);
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointIndex.selector, 0, 0));
        pool.settlePoint(0, pointBytes, proof);
    }
}

import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";
import {PayoutCurves} from "../../../contracts/outcomes/PayoutCurves.sol";
import {IEscrowFactory} from "../../../contracts/escrow/IEscrowFactory.sol";

/// @dev Builds a one-term basket (a helper contract keeps the test's stack small).
contract OutcomeTermArray {
    function one(
        uint256 missionId,
        PayoutCurves.Curve memory c
    ) external pure returns (OutcomeLib.OutcomeTerm[] memory b) {
        b = new OutcomeLib.OutcomeTerm[](1);
        b[0] = OutcomeLib.OutcomeTerm(missionId, 0, 1, 1e18, c);
    }
}
