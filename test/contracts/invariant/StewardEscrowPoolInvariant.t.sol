// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PinnedStackFixture, PinnedActors} from "../fixtures/PinnedStackFixture.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "../../../contracts/escrow/IOutcomeEscrow.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";
import {PinnedConsumersBase} from "./handlers/PinnedConsumersBase.sol";
import {PinnedConsumersHandler} from "./handlers/PinnedConsumersHandler.sol";
import {StewardEscrowPoolActor} from "./handlers/StewardEscrowPoolActor.sol";

/// @notice Issue 11 at the consumers' level, on the real registry, oracle and factories (`PinnedStackFixture`): an
/// escrow and a pool pinned committee version 1; honest version-1 members and anyone with money
/// (`PinnedConsumersHandler`) run beside a steward that takes over afterwards (`StewardEscrowPoolActor`).
contract StewardEscrowPoolInvariantTest is PinnedStackFixture {
    PinnedConsumersHandler internal handler;
    StewardEscrowPoolActor internal actor;

    function setUp() public {
        _deployStack();
        handler = new PinnedConsumersHandler(stack);
        actor = new StewardEscrowPoolActor(stack, address(bondToken));
        targetContract(address(handler));
        bytes4[] memory s = new bytes4[](14);
        s[0] = PinnedConsumersHandler.report.selector;
        s[1] = PinnedConsumersHandler.report.selector;
        s[2] = PinnedConsumersHandler.report.selector;
        s[3] = PinnedConsumersHandler.warp.selector;
        s[4] = PinnedConsumersHandler.warp.selector;
        s[5] = PinnedConsumersHandler.dispute.selector;
        s[6] = PinnedConsumersHandler.resolve.selector;
        s[7] = PinnedConsumersHandler.finalize.selector;
        s[8] = PinnedConsumersHandler.expire.selector;
        s[9] = PinnedConsumersHandler.settleEscrow.selector;
        s[10] = PinnedConsumersHandler.escrowPayout.selector;
        s[11] = PinnedConsumersHandler.disburse.selector;
        s[12] = PinnedConsumersHandler.settlePool.selector;
        s[13] = PinnedConsumersHandler.poolPayout.selector;
        targetSelector(address(handler), s);
        targetContract(address(actor));
        bytes4[] memory a = new bytes4[](6);
        a[0] = StewardEscrowPoolActor.stewardInstallsCommittee.selector;
        a[1] = StewardEscrowPoolActor.stewardInstallsCommittee.selector;
        a[2] = StewardEscrowPoolActor.stewardFinalisesThenSettles.selector;
        a[3] = StewardEscrowPoolActor.stewardAmendsGoals.selector;
        a[4] = StewardEscrowPoolActor.stewardConcludes.selector;
        a[5] = StewardEscrowPoolActor.stewardArbiterResolvesPinned.selector;
        targetSelector(address(actor), a);
    }

    /// @dev No steward action after creation — new committees, their reports and finalisations, a new goal version,
    /// concluding, its arbiter — changed the escrow's or the pool's outcome read through their pinned version; the
    /// pins stay version 1; and whatever settled, settled on the pinned reading.
    function invariant_StewardActionsChangeNoEscrowOrPoolOutcome() public view {
        assertEq(actor.gOutcomeChanged(), 0, "a steward action changed a pinned outcome reading");
        assertEq(escrow.committeeVersion(), V1, "escrow pins version 1");
        IImpactPool.Config memory c = pool.config();
        assertEq(c.basketVersions, V1, "pool basket pins version 1");
        assertEq(c.milestoneVersions, V1, "pool milestone pins version 1");
        IOutcomeEscrow.Status status = escrow.status();
        if (status != IOutcomeEscrow.Status.Open) {
            (OutcomeLib.Resolution r, uint256 composite) = handler.escrowReading();
            bool achieved = status == IOutcomeEscrow.Status.Achieved;
            assertEq(
                uint256(r),
                uint256(achieved ? OutcomeLib.Resolution.Achieved : OutcomeLib.Resolution.NoData),
                "r"
            );
            (, , , uint256 settled) = escrow.totals();
            assertEq(settled, composite, "the escrow settled on its pinned reading");
        }
        if (pool.phase() == IImpactPool.Phase.Settled) {
            (OutcomeLib.Resolution r, uint256 composite) = handler.poolReading();
            assertTrue(r != OutcomeLib.Resolution.Pending, "a settled pool reads a decided outcome");
            assertEq(pool.state().compositeWad, composite, "the pool settled on its pinned reading");
        }
    }

    /// @dev A value that can still change never moves money: no settlement or milestone release succeeded, and no
    /// token left the escrow or the pool, while the slot it rests on was None, Collecting, Proposed or Disputed
    /// under the pinned version (the milestone: while it was not Final). Balances equal the ghosts' (funds minus
    /// every outflow seen), and what left rests on a decided slot.
    function invariant_AChangingValueNeverMovesMoney() public view {
        assertEq(handler.gSettledUndecided() + actor.gSettledUndecided(), 0, "settled on a value that can change");
        assertEq(handler.gMovedUndecided() + actor.gMovedUndecided(), 0, "money moved on a value that can change");
        uint256 escrowBalance = money.balanceOf(address(escrow));
        uint256 poolBalance = money.balanceOf(address(pool));
        assertEq(escrowBalance, ESCROW_FUNDS - handler.gEscrowOut() - actor.gEscrowOut(), "escrow balance = ghost");
        assertEq(poolBalance, POOL_FUNDS - handler.gPoolOut() - actor.gPoolOut(), "pool balance = ghost");
        if (escrowBalance < ESCROW_FUNDS) {
            assertTrue(escrow.status() != IOutcomeEscrow.Status.Open, "escrow paid out while open");
            assertTrue(handler.decided(PinnedConsumersBase.Rests.EscrowOutcome), "escrow paid on an open slot");
        }
        if (pool.state().disbursed > 0) {
            (IMetricFeed.SlotStatus ms, uint64 value, bool met) = handler.milestoneReading();
            assertTrue(ms == IMetricFeed.SlotStatus.Final && met && value >= MILESTONE_MIN, "milestone paid unmet");
        }
        if (pool.phase() == IImpactPool.Phase.Settled) {
            assertTrue(handler.decided(PinnedConsumersBase.Rests.PoolOutcome), "pool settled on an open slot");
        }
    }

    /// @dev Every run that called an actor made at least one successful call through it.
    function afterInvariant() public view {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful honest call in this run");
        if (actor.calls() > 0) assertGt(actor.successes(), 0, "no successful steward call in this run");
    }

    /// @dev One steward takeover, driven by hand: version 1 proposes 400 for period 1; the steward installs version
    /// 2, reports the largest uint64 for the same slot, finalises it a second later and tries at once to settle the
    /// escrow, settle the pool and release the milestone: all refused, every pinned reading unchanged. Then version
    /// 1 finalises 400: the escrow pays 75 % and the milestone (≥ 300) is released, from version 1's value.
    function test_StewardTakeoverAfterCreation_ChangesNoOutcomeAndMovesNoMoney() public {
        handler.report(0, 0, 400);
        handler.report(1, 0, 400);
        assertEq(uint256(oracle.slotStatus(MISSION, V1, GOAL, 1)), uint256(IMetricFeed.SlotStatus.Proposed), "v1");
        bytes32 before = handler.pinnedReading();
        actor.stewardInstallsCommittee(0, 1);
        vm.warp(block.timestamp + 1);
        actor.stewardFinalisesThenSettles(0);
        assertEq(actor.valuesFinalised(), 1, "the steward's value is final under its version");
        (uint64 v2Value, ) = oracle.finalValue(MISSION, 2, GOAL, 1);
        assertEq(v2Value, type(uint64).max, "v2 holds the extreme value");
        assertEq(actor.refused("settleEscrow") + actor.refused("settlePool") + actor.refused("disburse"), 3, "3 no");
        assertEq(handler.pinnedReading(), before, "pinned readings unchanged");
        invariant_StewardActionsChangeNoEscrowOrPoolOutcome();
        invariant_AChangingValueNeverMovesMoney();

        vm.warp(block.timestamp + CHALLENGE);
        handler.finalize(0);
        handler.settleEscrow();
        assertEq(uint256(escrow.status()), uint256(IOutcomeEscrow.Status.Achieved), "achieved");
        (, uint256 pot, , uint256 composite) = escrow.totals();
        assertEq(composite, 0.75e18, "75 % from v1's 400, not 100 % from v2's value");
        assertEq(pot, 75e18, "beneficiary pot");
        handler.escrowPayout(1, true);
        assertEq(money.balanceOf(PinnedActors.BENEFICIARY_B), 56.25e18, "3/4 of the pot");
        handler.disburse();
        assertEq(money.balanceOf(PinnedActors.PROVIDER), CAPITAL / 2, "milestone released on v1's Final 400");
        invariant_StewardActionsChangeNoEscrowOrPoolOutcome();
        invariant_AChangingValueNeverMovesMoney();
    }

    /// @dev Every action of both actors can succeed (none is dead code), and the steward's arbiter is refused.
    function test_Handlers_EveryActionSucceedsInAShortScript() public {
        handler.report(0, 0, 400);
        handler.report(1, 0, 400); // period 1 Proposed 400
        actor.stewardInstallsCommittee(1, 2); // period 2 has not ended: the steward's report is refused
        actor.stewardInstallsCommittee(0, 0); // the steward proposes 0 for period 1 under its version
        handler.dispute(0);
        actor.stewardArbiterResolvesPinned(0, 1); // NotArbiter
        handler.warp(1 << 3); // about 10 minutes
        actor.stewardFinalisesThenSettles(0); // finalises its 0; settling and the milestone are refused
        handler.resolve(0, 0, false); // upholds 400: period 1 Final
        handler.settleEscrow();
        handler.disburse();
        handler.escrowPayout(0, true);
        handler.escrowPayout(0, false);
        actor.stewardAmendsGoals(1);
        actor.stewardConcludes();
        actor.stewardAmendsGoals(2); // Concluded: refused
        vm.warp(FIRST_END + PERIOD_LENGTH + 1); // period 2's reporting window
        handler.report(0, 1, 300);
        handler.report(1, 1, 300);
        handler.settlePool(); // period 2 Proposed: OutcomePending
        vm.warp(block.timestamp + CHALLENGE + 1);
        handler.finalize(1);
        handler.settlePool();
        handler.poolPayout(CAPITAL / 4, true);
        handler.poolPayout(0, false);
        vm.warp(FIRST_END + 2 * PERIOD_LENGTH + 1); // period 3: disputed, then left to expire
        handler.report(0, 2, 10);
        handler.report(1, 2, 10);
        handler.dispute(2);
        handler.expire(2); // 32 days later
        string[12] memory honest = [
            "report",
            "dispute",
            "resolve",
            "finalize",
            "expire",
            "settleEscrow",
            "claim",
            "refund",
            "disburse",
            "settlePool",
            "redeem",
            "poolRefund"
        ];
        for (uint256 i; i < honest.length; ++i) assertGt(handler.succeeded(honest[i]), 0, honest[i]);
        string[5] memory steward = ["installCommittee", "stewardReport", "stewardFinalize", "amendGoals", "conclude"];
        for (uint256 i; i < steward.length; ++i) assertGt(actor.succeeded(steward[i]), 0, steward[i]);
        assertEq(actor.refused("stewardArbiterResolve"), 1, "the steward's arbiter is refused");
        assertEq(actor.refused("amendGoals"), 1, "no goal version after Concluded");
        assertEq(actor.refused("settleEscrow") + actor.refused("settlePool") + actor.refused("disburse"), 3, "3 no");
        invariant_StewardActionsChangeNoEscrowOrPoolOutcome();
        invariant_AChangingValueNeverMovesMoney();
    }
}
