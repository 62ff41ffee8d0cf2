// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/src/utils/LibClone.sol";
import {PoolFixtures} from "../fixtures/PoolFixtures.sol";
import {Eip712} from "../utils/Eip712.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {ImpactPoolFactory} from "../../../contracts/pool/ImpactPoolFactory.sol";
import {IClonePermit} from "../../../contracts/pool/IClonePermit.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {IImpactPoolFactory} from "../../../contracts/pool/IImpactPoolFactory.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {IOutcomeTermChecks} from "../../../contracts/outcomes/IOutcomeTermChecks.sol";
import {VersionedMetricFeed} from "../fixtures/VersionedMetricFeed.sol";

/// @notice Issue 11 (pool side): pool terms checked against the registry like escrow terms, falling milestones,
/// no overflow freeze, only factory clones live, permits over `name()`.
contract ImpactPoolTrustTest is PoolFixtures {
    ImpactPool internal pool;
    address internal constant ALICE = address(0xB1);
    address internal constant PAYER = address(0xC1);

    function setUp() public {
        _deploy();
        pool = _create(_terms());
    }

    function _expectCreateRevert(IImpactPoolFactory.PoolTerms memory t, bytes memory err) internal {
        vm.expectRevert(err);
        factory.createPool(t);
    }

    /*//////////////////////////////////////////////////////////////
                      REGISTRY CHECKS (BASKET, MILESTONES)
    //////////////////////////////////////////////////////////////*/

    function test_Create_RevertWhen_BasketNotInRegistry() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.basket[2].goalId = 7;
        _expectCreateRevert(t, abi.encodeWithSelector(IMissionRegistry.GoalNotFound.selector, 2, 7));
        t = _terms();
        t.basket[1].period = 0;
        _expectCreateRevert(t, abi.encodeWithSelector(IOutcomeTermChecks.TermPeriodOutOfRange.selector, 1, 0, 4));
        t.basket[1].period = 5;
        _expectCreateRevert(t, abi.encodeWithSelector(IOutcomeTermChecks.TermPeriodOutOfRange.selector, 1, 5, 4));
        t = _terms();
        t.basket[0].curve = _linear(80, 120); // goal 0 of mission 1 must fall: a rising curve is refused
        _expectCreateRevert(t, abi.encodeWithSelector(IOutcomeTermChecks.CurveDirectionMismatch.selector, 0, false));
        t = _terms();
        t.basket[3].missionId = 3;
        _expectCreateRevert(t, abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, 3));
        registry.setMission(2, IMissionRegistry.MissionStatus.Concluded);
        _expectCreateRevert(
            _terms(),
            abi.encodeWithSelector(
                IOutcomeTermChecks.MissionNotActive.selector,
                2,
                IMissionRegistry.MissionStatus.Concluded
            )
        );
    }

    /// @dev Basket period 1 reports until T0 + 120 days (90 + 30); with a 7-day challenge window and a 30-day
    /// arbitration period the slots can change until T0 + 157 days. A settlement deadline + grace before it is refused.
    function test_Create_RevertWhen_NoDataCutOffBeforeOracleTimeline() public {
        feed.setTimeline(7 days, 30 days);
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.settlementDeadline = T0 + 100 days;
        t.schedule.tranches[3].dueAt = T0 + 100 days; // every tranche is due by the settlement deadline
        t.gracePeriod = 56 days; // cut-off T0 + 156 days: one day short
        t.basket[1].period = 2; // term 1 reports until T0 + 210 days: the latest, named in the error
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IOutcomeTermChecks.NoDataCutOffTooEarly.selector, 0, T0 + 156 days, T0 + 157 days)
        );
        t.gracePeriod = 57 days;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IOutcomeTermChecks.NoDataCutOffTooEarly.selector, 1, T0 + 157 days, T0 + 247 days)
        );
        t.gracePeriod = 147 days;
        assertTrue(factory.isPool(factory.createPool(t)), "accepted at exactly the end of the timeline");
    }

    /// @dev The seed example's milestone was on period 0, which no goal has: refused now.
    function test_Create_RevertWhen_MilestoneNotInRegistry() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.schedule.tranches[3].period = 0;
        _expectCreateRevert(t, abi.encodeWithSelector(IOutcomeTermChecks.TermPeriodOutOfRange.selector, 3, 0, 4));
        t = _terms();
        t.schedule.tranches[3].goalId = 9;
        _expectCreateRevert(t, abi.encodeWithSelector(IMissionRegistry.GoalNotFound.selector, 2, 9));
        t = _terms();
        t.schedule.tranches[3].missionId = 5;
        _expectCreateRevert(t, abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, 5));
    }

    /// @dev Mission 1 goal 0 (low-birth-weight ‰) must fall 120 → 80: a milestone of 100 is met at 100 or below.
    function test_Disburse_FallingGoalMilestone_MetWhenValueFalls() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.schedule.tranches[3].missionId = 1;
        t.schedule.tranches[3].goalId = 0;
        t.schedule.tranches[3].period = 1;
        t.schedule.tranches[3].minValue = 100;
        ImpactPool p = _create(t);
        _invest(p, ALICE, TARGET);
        vm.warp(T0 + 180 days);
        feed.setFinal(1, 0, 1, 110); // rose above the milestone: not met
        vm.expectRevert(
            abi.encodeWithSelector(IImpactPool.MilestoneNotMet.selector, 3, IMetricFeed.SlotStatus.Final, 110, 100)
        );
        p.disburse(3, abi.encode(t.schedule));
        feed.setFinal(1, 0, 1, 100); // fell to the milestone: met
        assertEq(p.disburse(3, abi.encode(t.schedule)), 100_000e18, "10 % released");
        (IMetricFeed.SlotStatus s, uint64 v, bool met) = factory.milestone(2, 0, 1, 2, 50);
        assertTrue(s == IMetricFeed.SlotStatus.None && v == 0 && !met, "rising goal, no data: not met");
    }

    /// @dev Issue 11: each basket term and each milestone reads the committee version its mission had when the pool
    /// was created (lane per term / tranche), not the version current later, nor another term's lane. Missions 1
    /// and 2 are at versions 3 and 5 at creation, 4 and 6 afterwards; only the pinned versions have values.
    function test_SettleAndDisburse_ReadEachMissionsPinnedVersion() public {
        VersionedMetricFeed vfeed = new VersionedMetricFeed();
        ImpactPoolFactory f = new ImpactPoolFactory(IMissionRegistry(address(registry)), IMetricFeed(address(vfeed)));
        vfeed.setCommitteeVersion(1, 3);
        vfeed.setCommitteeVersion(2, 5);
        IImpactPoolFactory.PoolTerms memory t = _terms();
        ImpactPool p = ImpactPool(f.createPool(t));
        IImpactPool.Config memory c = p.config();
        assertEq(c.basketVersions, 3 | (3 << 16) | (5 << 32) | (5 << 48), "basket: one lane per term");
        assertEq(c.milestoneVersions, 5 << 48, "milestone of tranche 3 in lane 3");
        vfeed.setCommitteeVersion(1, 4);
        vfeed.setCommitteeVersion(2, 6);
        _invest(p, ALICE, TARGET);
        vm.warp(T0 + 180 days);
        vfeed.setFinal(2, 6, 1, 2, 200); // the later committee's value is not the pinned one
        vm.expectRevert(
            abi.encodeWithSelector(IImpactPool.MilestoneNotMet.selector, 3, IMetricFeed.SlotStatus.None, 0, 50)
        );
        p.disburse(3, abi.encode(t.schedule));
        vfeed.setFinal(2, 5, 1, 2, 50);
        assertEq(p.disburse(3, abi.encode(t.schedule)), 100_000e18, "milestone met under version 5");
        // Every term at its target under the pinned versions; nothing under the later ones.
        vfeed.setFinal(1, 3, 0, 1, 80);
        vfeed.setFinal(1, 3, 1, 1, 90);
        vfeed.setFinal(2, 5, 0, 1, 70);
        vfeed.setFinal(2, 5, 1, 1, 200);
        vm.warp(SETTLEMENT_DEADLINE);
        p.settle(abi.encode(t.basket));
        assertEq(p.state().compositeWad, WAD, "settled from the pinned versions");
    }

    /// @dev Issue 11: a basket slot still Proposed or Disputed past deadline + grace keeps the pool Pending: it never
    /// settles into NoData (composite 0, investors lose to payers) while the value can still change.
    function test_Settle_ProposedOrDisputedPastCutOff_StaysPending() public {
        _invest(pool, ALICE, TARGET);
        _commit(pool, PAYER, FUND_CAP);
        _outcome(80, 90, 70, 200);
        feed.setSlot(2, 1, 1, IMetricFeed.SlotStatus.Proposed, 200, 0);
        vm.warp(SETTLEMENT_DEADLINE + GRACE + 1);
        vm.expectRevert(IImpactPool.OutcomePending.selector);
        pool.settle(abi.encode(_basket()));
        feed.setSlot(2, 1, 1, IMetricFeed.SlotStatus.Disputed, 200, 0);
        vm.warp(SETTLEMENT_DEADLINE + GRACE + 365 days);
        vm.expectRevert(IImpactPool.OutcomePending.selector);
        pool.settle(abi.encode(_basket()));
        feed.setFinal(2, 1, 1, 200);
        pool.settle(abi.encode(_basket()));
        assertEq(pool.state().compositeWad, 1e18, "settled on the final value");
    }

    /*//////////////////////////////////////////////////////////////
                               NO OVERFLOW
    //////////////////////////////////////////////////////////////*/

    function test_Create_RevertWhen_PotsCouldOverflow128() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.capitalTarget = uint128(1 << 127);
        t.fundCap = uint128(1 << 127);
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IImpactPoolFactory.TermsOverflow.selector, uint256(1 << 127), uint256(1 << 127))
        );
    }

    /// @dev At the largest accepted terms (capitalTarget + fundCap = 2^128 − 1) the best outcome still settles and
    /// every pot pays out.
    function test_Settle_AtLargestAcceptedTerms_DoesNotRevert() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.capitalTarget = uint128(1 << 127);
        t.fundCap = uint128((1 << 127) - 1);
        ImpactPool p = _create(t);
        _invest(p, ALICE, t.capitalTarget);
        _commit(p, PAYER, t.fundCap);
        vm.warp(T0 + 180 days);
        for (uint256 i; i < 3; ++i) p.disburse(i, abi.encode(t.schedule));
        _outcome(80, 90, 70, 200);
        feed.setFinal(2, 1, 2, 200);
        p.disburse(3, abi.encode(t.schedule));
        vm.warp(SETTLEMENT_DEADLINE);
        p.settle(abi.encode(t.basket));
        vm.prank(ALICE);
        uint256 paid = p.redeem(t.capitalTarget);
        vm.prank(PAYER);
        paid += p.refund();
        assertEq(token.balanceOf(address(p)), 0, "everything paid out");
        assertGt(paid, 0, "paid");
    }

    /*//////////////////////////////////////////////////////////////
                           ONLY FACTORY CLONES
    //////////////////////////////////////////////////////////////*/

    function test_Clone_NotFromFactory_CannotTakeMoney() public {
        address impl = factory.implementation();
        bytes memory args = LibClone.argsOnClone(address(pool));
        ImpactPool fake = ImpactPool(LibClone.clone(impl, args));
        ImpactPool fake2 = ImpactPool(LibClone.cloneDeterministic(impl, args, 0));
        _fund(ALICE, 1e18, address(fake));
        vm.startPrank(ALICE);
        vm.expectRevert(IImpactPool.NotAClone.selector);
        fake.invest(1e18);
        vm.expectRevert(IImpactPool.NotAClone.selector);
        fake.commit(1e18);
        vm.expectRevert(IImpactPool.NotAClone.selector);
        fake.withdraw();
        vm.expectRevert(IImpactPool.NotAClone.selector);
        fake.refund();
        vm.expectRevert(IImpactPool.NotAClone.selector);
        fake.disburse(0, abi.encode(_schedule()));
        vm.expectRevert(IImpactPool.NotAClone.selector);
        fake.settle(abi.encode(_basket()));
        vm.expectRevert(IImpactPool.NotAClone.selector);
        fake.redeem(1);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.NotFactory.selector, ALICE));
        fake.initialize();
        vm.stopPrank();
        assertEq(token.balanceOf(address(fake)), 0, "nothing taken");
        assertTrue(factory.isPool(address(pool)), "real pool");
        assertTrue(!factory.isPool(address(fake)), "fake (CREATE)");
        assertTrue(!factory.isPool(address(fake2)), "fake (CREATE2 by another deployer)");
        assertTrue(!factory.isPool(impl), "implementation");
        assertTrue(!factory.isPool(address(token)), "a token");
        assertTrue(!factory.isPool(ALICE), "an EOA");
        ImpactPool twin = _create(_terms());
        assertTrue(address(twin) != address(pool) && factory.isPool(address(twin)), "same terms: a distinct pool");
    }

    /*//////////////////////////////////////////////////////////////
                                 PERMIT
    //////////////////////////////////////////////////////////////*/

    /// @dev What a wallet does: build the EIP-712 domain from the token's `name()` (never from DOMAIN_SEPARATOR).
    function test_Permit_SignedOverName_Accepted() public {
        uint256 pk = 0xA11CE;
        address owner = vm.addr(pk);
        bytes32 domain = Eip712.domain(pool.name(), "1", address(pool));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, Eip712.permitDigest(domain, owner, ALICE, 7e18, 0, T0 + 1 days));
        pool.permit(owner, ALICE, 7e18, T0 + 1 days, v, r, s);
        assertEq(pool.allowance(owner, ALICE), 7e18, "allowance");
        assertEq(pool.DOMAIN_SEPARATOR(), domain, "DOMAIN_SEPARATOR");
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifying, , ) = pool
            .eip712Domain();
        assertTrue(fields == hex"0f" && keccak256(bytes(name)) == keccak256(bytes(pool.name())), "EIP-5267 name");
        assertTrue(keccak256(bytes(version)) == keccak256("1") && chainId == block.chainid, "EIP-5267 version");
        assertEq(verifying, address(pool), "EIP-5267 verifying contract");
        // Replay, and an expired permit.
        vm.expectRevert();
        pool.permit(owner, ALICE, 7e18, T0 + 1 days, v, r, s);
        vm.warp(T0 + 1 days + 1);
        vm.expectRevert(abi.encodeWithSelector(IClonePermit.ERC2612ExpiredSignature.selector, T0 + 1 days));
        pool.permit(owner, ALICE, 7e18, T0 + 1 days, v, r, s);
    }
}
