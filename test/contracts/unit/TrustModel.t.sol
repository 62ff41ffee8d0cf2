// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "../fixtures/OracleFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMetricOracle} from "../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {IOutcomeEscrow} from "../../../contracts/escrow/IOutcomeEscrow.sol";
import {OutcomeEscrowFactory} from "../../../contracts/escrow/OutcomeEscrowFactory.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";
import {PayoutCurves} from "../../../contracts/outcomes/PayoutCurves.sol";
import {MockERC20} from "../../mocks/tokens/MockERC20.sol";

/// @notice Issue 11, oracle and registry side of the trust model: each test is named in SECURITY.md as the proof of
/// one "can never" line. Real oracle, real escrow factory, mock registry (mission 1, goal 0 rising 100 → 500).
contract TrustModelTest is OracleFixture {
    OutcomeEscrowFactory internal escrows;
    MockERC20 internal money;
    address internal constant FUNDER = address(0xF0);
    address internal constant BENEFICIARY = address(0xBE);

    function setUp() public override {
        super.setUp();
        escrows = new OutcomeEscrowFactory(IMissionRegistry(address(registry)), oracle);
        money = new MockERC20("Money", "M", 18);
        money.mint(FUNDER, 100e18);
    }

    /// @dev An escrow paying linearly on goal 0 period 1 (100 → 500), funded with 100 by FUNDER.
    function _escrow() internal returns (IOutcomeEscrow e) {
        IOutcomeEscrow.Terms memory t;
        t.token = IERC20(address(money));
        t.missionId = MISSION;
        t.goalVersion = 1;
        t.fundingDeadline = uint40(block.timestamp + 10);
        t.settlementDeadline = uint40(block.timestamp + 10);
        t.gracePeriod = uint32(FIRST_END + REPORTING_WINDOW + CHALLENGE + 31 days);
        t.outcomes = new OutcomeLib.OutcomeTerm[](1);
        t.outcomes[0] = OutcomeLib.OutcomeTerm(
            MISSION,
            GOAL,
            1,
            1e18,
            PayoutCurves.Curve(PayoutCurves.Kind.Linear, false, 100, 500, 0, 0, new uint64[](0), new uint64[](0))
        );
        t.beneficiaries = new IOutcomeEscrow.Beneficiary[](1);
        t.beneficiaries[0] = IOutcomeEscrow.Beneficiary(BENEFICIARY, 1);
        e = IOutcomeEscrow(escrows.createEscrow(t));
        vm.startPrank(FUNDER);
        money.approve(address(e), 100e18);
        e.deposit(100e18);
        vm.stopPrank();
    }

    /// @dev The steward installs version 2 after the escrow exists: its own members (7, 8), quorum 1, a 1-wei bond, a
    /// different arbiter and a contract adapter — everything a steward could try to steer the outcome with.
    function _stewardTakesOver() internal returns (uint16 v2) {
        address[] memory m = new address[](2);
        (m[0], m[1]) = (members[7], address(this));
        vm.prank(steward);
        v2 = oracle.setCommittee(
            MISSION,
            IMetricOracle.CommitteeInput({
                members: m,
                quorum: 1,
                challengeWindow: 0,
                bondToken: address(token),
                bondAmount: 1,
                arbiter: address(0xE71),
                adapter: address(this)
            })
        );
    }

    /// @dev Can never: the steward changes a pinned escrow's outcome by installing a new committee (members, quorum,
    /// bond, arbiter, adapter). Today a slot binds to the version current at its first report, so a version set
    /// after funding decides the escrow's outcome.
    function test_StewardNewCommitteeAfterCreation_DoesNotChangePinnedOutcome() public {
        _setCommittee(5, 3);
        IOutcomeEscrow e = _escrow();
        assertEq(e.committeeVersion(), 1, "pinned v1");
        uint16 v2 = _stewardTakesOver();
        assertEq(v2, 2, "v2");
        _openWindow(1);
        // The steward's committee reports the maximum first and finalises it at once (window 0).
        vm.prank(members[7]);
        oracle.report(_rv(v2, 1, 500));
        vm.warp(block.timestamp + 1);
        oracle.finalize(MISSION, v2, GOAL, 1);
        assertEq(uint256(oracle.slotStatus(MISSION, v2, GOAL, 1)), uint256(IMetricFeed.SlotStatus.Final), "v2 final");
        // The escrow still waits for version 1: v2's final value moves nothing.
        IOutcomeEscrow.Terms memory t = e.terms();
        uint256 noDataAfter = uint256(t.settlementDeadline) + t.gracePeriod;
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.OutcomePending.selector, noDataAfter, block.timestamp));
        e.settle();
        // v2 members cannot report under v1; v1's members decide: 200 → 25 %.
        vm.prank(members[7]);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NotCommitteeMember.selector, MISSION, V1, members[7]));
        oracle.report(_r(1, 500));
        uint64[] memory v = new uint64[](3);
        (v[0], v[1], v[2]) = (200, 200, 200);
        _reportAll(1, v);
        vm.warp(block.timestamp + CHALLENGE + 1);
        oracle.finalize(MISSION, V1, GOAL, 1);
        assertEq(uint256(e.settle()), uint256(IOutcomeEscrow.Status.Achieved), "achieved");
        assertEq(e.claimable(BENEFICIARY), 25e18, "25 % from v1's value, not 100 % from v2's");
    }

    /// @dev Can never: a later version's arbiter resolves (or keeps the bond of) a dispute on a pinned slot.
    function test_StewardNewArbiterAfterCreation_CannotResolvePinnedSlot() public {
        _proposed();
        _stewardTakesOver();
        vm.prank(disputer);
        oracle.dispute(MISSION, V1, GOAL, 1);
        vm.prank(address(0xE71));
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NotArbiter.selector, MISSION, V1, address(0xE71)));
        oracle.resolve(MISSION, V1, GOAL, 1, 500);
        assertEq(oracle.getDispute(MISSION, V1, GOAL, 1).bond, BOND, "v1's bond, not v2's 1 wei");
    }

    /// @dev Can never: the arbiter is the steward (who would keep forfeited bonds) or a member of its version.
    function test_SetCommittee_RevertWhen_ArbiterIsStewardOrMember() public {
        IMetricOracle.CommitteeInput memory input = _input(5, 3);
        input.arbiter = steward;
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ArbiterIsSteward.selector, steward));
        oracle.setCommittee(MISSION, input);
        input.arbiter = members[2];
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ArbiterIsMember.selector, members[2]));
        oracle.setCommittee(MISSION, input);
    }

    /// @dev Can never: a challenge window longer than `MAX_CHALLENGE_WINDOW` (7 days); today any uint32 is accepted.
    function test_SetCommittee_RevertWhen_ChallengeWindowAboveMax() public {
        uint256 max = oracle.MAX_CHALLENGE_WINDOW();
        assertEq(max, 7 days, "max");
        IMetricOracle.CommitteeInput memory input = _input(5, 3);
        input.challengeWindow = uint32(max);
        vm.prank(steward);
        oracle.setCommittee(MISSION, input);
        input.challengeWindow = uint32(max + 1);
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ChallengeWindowTooLong.selector, max + 1, max));
        oracle.setCommittee(MISSION, input);
    }

    /// @dev Can never: the arbiter resolves after the arbitration period (today it can, racing `expireDispute`).
    function test_Resolve_RevertWhen_ArbitrationExpired() public {
        _disputed();
        uint256 expiresAt = oracle.getSlot(MISSION, V1, GOAL, 1).challengeEnd + oracle.ARBITRATION_PERIOD();
        vm.warp(expiresAt + 1);
        vm.startPrank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ArbitrationExpired.selector, MISSION, GOAL, 1, expiresAt));
        oracle.resolve(MISSION, V1, GOAL, 1, 20);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ArbitrationExpired.selector, MISSION, GOAL, 1, expiresAt));
        oracle.resolveInvalid(MISSION, V1, GOAL, 1);
        vm.stopPrank();
        oracle.expireDispute(MISSION, V1, GOAL, 1);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Unresolved), "expired");
    }

    /// @dev The arbiter still resolves at the last second of the period.
    function test_Resolve_AtArbitrationDeadline() public {
        _disputed();
        vm.warp(oracle.getSlot(MISSION, V1, GOAL, 1).challengeEnd + oracle.ARBITRATION_PERIOD());
        vm.prank(arbiter);
        oracle.resolve(MISSION, V1, GOAL, 1, 20);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Final), "final");
    }

    /// @dev The timeline factories use for the no-data cut-off: reporting deadline, the version's window, arbitration.
    function test_SlotTimeline_IsWhatThePinnedVersionApplies() public {
        _setCommittee(5, 3);
        _stewardTakesOver();
        (uint40 deadline, uint32 window, uint32 arbitration) = oracle.slotTimeline(MISSION, V1, GOAL, 1);
        assertEq(deadline, _periodEnd(1) + REPORTING_WINDOW, "deadline");
        assertEq(window, CHALLENGE, "v1 window");
        assertEq(arbitration, 30 days, "arbitration");
        (, window, ) = oracle.slotTimeline(MISSION, 2, GOAL, 1);
        assertEq(window, 0, "v2 window");
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.CommitteeNotFound.selector, MISSION, 3));
        oracle.slotTimeline(MISSION, 3, GOAL, 1);
    }

    /// @dev Whatever the reports, a slot is terminal (or anyone can make it so) by deadline + window + arbitration:
    /// a proposal at the deadline, disputed at the end of its window, expires one second after that horizon.
    function test_SlotTimeline_BoundsWhenASlotCanStillChange() public {
        _setCommittee(5, 3);
        (uint40 deadline, uint32 window, uint32 arbitration) = oracle.slotTimeline(MISSION, V1, GOAL, 1);
        vm.warp(deadline);
        uint64[] memory v = new uint64[](3);
        _reportAll(1, v);
        vm.warp(uint256(deadline) + window);
        vm.prank(disputer);
        oracle.dispute(MISSION, V1, GOAL, 1);
        vm.warp(uint256(deadline) + window + arbitration + 1);
        oracle.expireDispute(MISSION, V1, GOAL, 1);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Unresolved), "terminal after the horizon");
    }

    /// @dev Late honest reports: with k = 2 of 5, two colluders (both 0) propose first; the three honest members
    /// (400 each) report later inside the reporting window and the median of all five moves to 400.
    function test_LateHonestReports_MoveTheMedian() public {
        _setCommittee(5, 2);
        _openWindow(1);
        uint64[] memory v = new uint64[](2);
        _reportAll(1, v);
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).value, 0, "colluders' value");
        for (uint256 i = 2; i < 5; ++i) {
            vm.prank(members[i]);
            oracle.report(_r(1, 400));
        }
        IMetricOracle.Slot memory s = oracle.getSlot(MISSION, V1, GOAL, 1);
        assertEq(s.value, 400, "median of 0, 0, 400, 400, 400");
        assertEq(s.challengeEnd, block.timestamp + CHALLENGE, "a fresh window for the moved value");
        assertLe(s.challengeEnd, _periodEnd(1) + REPORTING_WINDOW + CHALLENGE, "never past deadline + window");
    }
}
