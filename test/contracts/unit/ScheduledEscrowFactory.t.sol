// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduledEscrowFixture} from "../fixtures/ScheduledEscrowFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IScheduledEscrow} from "../../../contracts/escrow/IScheduledEscrow.sol";
import {IOutcomeTermChecks} from "../../../contracts/outcomes/IOutcomeTermChecks.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {IEscrowFactory} from "../../../contracts/escrow/IEscrowFactory.sol";

/// @notice The scheduled escrow factory runs the escrow checks on every slot every point reads (terms and trigger
/// conditions, named `16 × point + lane`) and the schedule's own rules, one custom error each.
contract ScheduledEscrowFactoryTest is ScheduledEscrowFixture {
    function _expectCreateRevert(IScheduledEscrow.ScheduledTerms memory t, bytes memory err) internal {
        vm.expectRevert(err);
        factory.createEscrow(t);
    }

    function test_Create_IndexesTheEscrowAndPinsTheCommitteeVersion() public {
        IPaymentSchedule.Point[] memory ps = _twoCohorts(0.5e18);
        IScheduledEscrow e = _create(ps);
        assertTrue(factory.isEscrow(address(e)), "is an escrow");
        assertTrue(!factory.isEscrow(address(token)), "a token is not");
        assertEq(factory.escrowCount(), 1, "count");
        assertEq(factory.missionEscrows(MISSION, 0, 10)[0], address(e), "per mission");
        IPaymentSchedule.Header memory h = e.header();
        assertEq(h.pointsRoot, roots.pointsRoot(ps), "points root");
        assertEq(h.pointCount, 2, "points");
        assertEq(h.versions, roots.uniformVersions(VERSION), "pinned version in every lane");
        assertEq(h.gracePeriod, GRACE, "grace");
        assertEq(e.factory(), address(factory), "factory");
    }

    /// @dev The same listing as the outcome escrow factory (`IEscrowFactory`): by creation index and paginated.
    function test_Create_ListsEscrowsInCreationOrder() public {
        IScheduledEscrow first = _create(_twoCohorts(0.5e18));
        IScheduledEscrow second = _create(_twoCohorts(0.25e18));
        assertEq(factory.escrowCount(), 2, "count");
        assertEq(factory.escrowAt(0), address(first), "at 0");
        assertEq(factory.escrowAt(1), address(second), "at 1");
        address[] memory page = factory.escrows(1, 5);
        assertEq(page.length, 1, "page from 1: one left");
        assertEq(page[0], address(second), "page from 1");
        assertEq(factory.escrows(2, 5).length, 0, "page past the end");
        assertEq(factory.missionEscrowCount(MISSION), 2, "per mission");
        assertTrue(factory.isEscrow(address(second)), "second is an escrow");
    }

    function test_Create_RevertWhen_TheScheduleIsInvalid() public {
        IPaymentSchedule.Point[] memory ps = _twoCohorts(0.5e18);
        ps[1].deadline = ps[0].deadline - 1;
        _expectCreateRevert(
            _scheduledTerms(ps),
            abi.encodeWithSelector(IPaymentSchedule.PointOrder.selector, 1, ps[1].deadline, ps[0].deadline)
        );
    }

    function test_Create_RevertWhen_ATermIsOnAnotherMission() public {
        IPaymentSchedule.Point[] memory ps = _twoCohorts(0.5e18);
        ps[1].terms[0].missionId = 9;
        // Point 1, term 0: slot 16.
        _expectCreateRevert(
            _scheduledTerms(ps),
            abi.encodeWithSelector(IEscrowFactory.TermMissionMismatch.selector, 16, 9)
        );
    }

    function test_Create_RevertWhen_AConditionSlotDoesNotExist() public {
        IPaymentSchedule.Point[] memory ps = _twoCohorts(0.5e18);
        ps[0].trigger.conditions = new IPaymentSchedule.Condition[](2);
        ps[0].trigger.conditions[0] = _atLeast(1, 10);
        ps[0].trigger.conditions[1] = IPaymentSchedule.Condition(MISSION, 7, 1, 10, false);
        // Point 0, condition 1: lane 9.
        _expectCreateRevert(
            _scheduledTerms(ps),
            abi.encodeWithSelector(IMissionRegistry.GoalNotFound.selector, MISSION, 7)
        );
        ps[0].trigger.conditions[1] = _atLeast(5, 10);
        _expectCreateRevert(
            _scheduledTerms(ps),
            abi.encodeWithSelector(IOutcomeTermChecks.TermPeriodOutOfRange.selector, 9, 5, 4)
        );
    }

    function test_Create_RevertWhen_AConditionRunsAgainstTheGoal() public {
        IPaymentSchedule.Point[] memory ps = _twoCohorts(0.5e18);
        ps[1].trigger.conditions = new IPaymentSchedule.Condition[](1);
        ps[1].trigger.conditions[0] = IPaymentSchedule.Condition(MISSION, 0, 2, 10, true);
        _expectCreateRevert(
            _scheduledTerms(ps),
            abi.encodeWithSelector(IOutcomeTermChecks.CurveDirectionMismatch.selector, 24, true)
        );
    }

    function test_Create_RevertWhen_APointsCutOffIsBeforeItsSlotCanLastChange() public {
        IPaymentSchedule.Point[] memory ps = _twoCohorts(0.5e18);
        // Point 1 reads period 3 whose reporting window closes 30 days after its own cut-off.
        ps[1].terms[0].period = 3;
        uint256 earliest = T0 + 20 days + 60 days + 7 days;
        _expectCreateRevert(
            _scheduledTerms(ps),
            abi.encodeWithSelector(IOutcomeTermChecks.NoDataCutOffTooEarly.selector, 16, _cutOff(1), earliest)
        );
    }

    function test_Create_RevertWhen_FundingClosesAfterASlotsPeriodEnds() public {
        IScheduledEscrow.ScheduledTerms memory t = _scheduledTerms(_twoCohorts(0.5e18));
        t.fundingDeadline = uint40(T0 + 21 days);
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IEscrowFactory.FundingAfterPeriodEnd.selector, 0, T0 + 21 days, T0 + 20 days)
        );
    }

    function test_Create_RevertWhen_TheGoalVersionIsNotPinned() public {
        IScheduledEscrow.ScheduledTerms memory t = _scheduledTerms(_twoCohorts(0.5e18));
        t.goalVersion = 2;
        _expectCreateRevert(t, abi.encodeWithSelector(IOutcomeTermChecks.GoalNotInVersion.selector, 0, 0, 1, 2));
    }

    function test_Create_RevertWhen_BeneficiariesAreInvalid() public {
        IScheduledEscrow.ScheduledTerms memory t = _scheduledTerms(_twoCohorts(0.5e18));
        t.beneficiaries[1].account = PROVIDER;
        _expectCreateRevert(t, abi.encodeWithSelector(IEscrowFactory.DuplicateBeneficiary.selector, PROVIDER));
    }

    function test_Create_RevertWhen_TheTokenIsZero() public {
        IScheduledEscrow.ScheduledTerms memory t = _scheduledTerms(_twoCohorts(0.5e18));
        t.token = IERC20(address(0));
        _expectCreateRevert(t, abi.encodeWithSelector(IEscrowFactory.ZeroToken.selector));
    }

    function test_Create_RevertWhen_TiersAreInvalid() public {
        tiers.push(IPaymentSchedule.PayerTier(0.2e18));
        _expectCreateRevert(
            _scheduledTerms(_twoCohorts(0.5e18)),
            abi.encodeWithSelector(IPaymentSchedule.TierConfig.selector, 1, 0.2e18)
        );
    }
}
