// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "../fixtures/OracleFixture.sol";
import {IMetricOracle} from "../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {MetricFeedAggregator} from "../../../contracts/adapters/MetricFeedAggregator.sol";
import {IMetricFeedAggregator} from "../../../contracts/adapters/IMetricFeedAggregator.sol";
import {IEASReportResolver} from "../../../contracts/adapters/IEASReportResolver.sol";
import {EASReportResolver} from "../../../contracts/adapters/EASReportResolver.sol";
import {IEAS, Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {AccessDenied} from "@ethereum-attestation-service/eas-contracts/contracts/Common.sol";

contract MetricFeedAggregatorTest is OracleFixture {
    MetricFeedAggregator internal feed;

    function setUp() public override {
        super.setUp();
        _setCommittee(1, 1);
        feed = new MetricFeedAggregator(oracle, MISSION, GOAL);
    }

    function _finalize(uint16 period, uint64 value) internal {
        _openWindow(period);
        vm.prank(members[0]);
        oracle.report(_r(period, value));
        vm.warp(block.timestamp + CHALLENGE + 1);
        oracle.finalize(MISSION, V1, GOAL, period);
    }

    function test_Aggregator_Metadata() public view {
        assertEq(feed.decimals(), 2, "goal decimals");
        assertEq(feed.version(), 1, "version");
        assertEq(keccak256(bytes(feed.description())), keccak256("mission 1 goal 0"), "description");
        assertEq(address(feed.registry()), address(registry), "registry");
        assertEq(feed.missionId(), MISSION, "mission");
        assertEq(feed.goalId(), GOAL, "goal");
        assertEq(address(feed.oracle()), address(oracle), "oracle");
    }

    function test_Aggregator_RevertWhen_GoalUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.GoalNotFound.selector, MISSION, 9));
        new MetricFeedAggregator(oracle, MISSION, 9);
    }

    function test_Aggregator_RoundsAreFinalPeriods() public {
        vm.expectRevert(abi.encodeWithSelector(IMetricFeedAggregator.NoFinalValue.selector, MISSION, GOAL));
        feed.latestRoundData();
        _finalize(1, 640);
        uint256 finalizedAt = block.timestamp;
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredIn) = feed
            .latestRoundData();
        assertEq(roundId, 1, "round = period");
        assertEq(uint256(answer), 640, "answer");
        assertEq(startedAt, _periodEnd(1), "period end");
        assertEq(updatedAt, finalizedAt, "finalized at");
        assertEq(answeredIn, 1, "answered in");
        _finalize(2, 700);
        (roundId, answer, , , ) = feed.latestRoundData();
        assertEq(roundId, 2, "latest = 2");
        assertEq(uint256(answer), 700, "latest answer");
        (roundId, answer, , , ) = feed.getRoundData(1);
        assertEq(uint256(answer), 640, "round 1 kept");
    }

    function test_Aggregator_RevertWhen_RoundNotFinalOrOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(IMetricFeedAggregator.RoundOutOfRange.selector, 0));
        feed.getRoundData(0);
        vm.expectRevert(abi.encodeWithSelector(IMetricFeedAggregator.RoundOutOfRange.selector, 65_536));
        feed.getRoundData(65_536);
        vm.expectRevert(
            abi.encodeWithSelector(IMetricFeed.ValueNotFinal.selector, MISSION, GOAL, 3, IMetricFeed.SlotStatus.None)
        );
        feed.getRoundData(3);
    }
}

/// @notice The resolver against a stand-in EAS (this test contract), so that every branch is reached; the real EAS
/// contracts are exercised in test/oracle-eas.test.ts.
contract EASReportResolverTest is OracleFixture {
    EASReportResolver internal resolver;

    function setUp() public override {
        super.setUp();
        // The resolver reports member 0's EAS attestations as itself; it holds seat 2 of a 2-of-3 committee.
        resolver = new EASReportResolver(IEAS(address(this)), oracle, members[0]);
        IMetricOracle.CommitteeInput memory input = _input(3, 2);
        input.members[2] = address(resolver);
        input.adapter = address(resolver);
        vm.prank(steward);
        oracle.setCommittee(MISSION, input);
        _openWindow(1);
    }

    function _att(address attester, uint16 period, uint64 value) internal view returns (Attestation memory a) {
        a.schema = resolver.schemaUID();
        a.attester = attester;
        a.revocable = true;
        a.data = abi.encode(MISSION, V1, GOAL, period, value, keccak256("evidence"));
    }

    function test_Resolver_SchemaUIDMatchesRegistry() public view {
        assertEq(resolver.schemaUID(), keccak256(abi.encodePacked(resolver.SCHEMA(), address(resolver), true)), "uid");
        assertTrue(!resolver.isPayable(), "not payable");
        assertEq(address(resolver.oracle()), address(oracle), "oracle");
        assertEq(resolver.attester(), members[0], "attester");
    }

    /// @dev The attestation is reported by the resolver as itself, attributed to the resolver in events; the
    /// attesting member's own seat stays free (today the resolver reports "for" the member).
    function test_Resolver_AttestReportsAsItself_RevokeWithdraws() public {
        vm.expectEmit(address(oracle));
        emit IMetricOracle.ReportSubmitted(
            MISSION,
            GOAL,
            1,
            address(resolver),
            50,
            keccak256("evidence"),
            address(resolver),
            V1
        );
        assertTrue(resolver.attest(_att(members[0], 1, 50)), "attest");
        (bool reported, uint64 value) = oracle.reportOf(MISSION, V1, GOAL, 1, address(resolver));
        assertTrue(reported && value == 50, "reported by the resolver");
        (reported, ) = oracle.reportOf(MISSION, V1, GOAL, 1, members[0]);
        assertTrue(!reported, "the member's own seat untouched");
        assertTrue(resolver.revoke(_att(members[0], 1, 50)), "revoke");
        (reported, ) = oracle.reportOf(MISSION, V1, GOAL, 1, address(resolver));
        assertTrue(!reported, "withdrawn");
    }

    function test_Resolver_RevokeAfterQuorumChangesNothing() public {
        resolver.attest(_att(members[0], 1, 50));
        vm.prank(members[1]);
        oracle.report(_r(1, 70));
        assertEq(uint256(oracle.slotStatus(MISSION, V1, GOAL, 1)), uint256(IMetricFeed.SlotStatus.Proposed), "quorum");
        assertTrue(resolver.revoke(_att(members[0], 1, 50)), "revocation allowed");
        (bool reported, ) = oracle.reportOf(MISSION, V1, GOAL, 1, address(resolver));
        assertTrue(reported, "report kept");
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).value, 50, "value kept");
    }

    function test_Resolver_RevertWhen_WrongSchema() public {
        Attestation memory a = _att(members[0], 1, 50);
        a.schema = bytes32(uint256(1));
        vm.expectRevert(abi.encodeWithSelector(IEASReportResolver.WrongSchema.selector, bytes32(uint256(1))));
        resolver.attest(a);
    }

    /// @dev Only the resolver's own attester: another member's attestation cannot fill the resolver's seat.
    function test_Resolver_RevertWhen_WrongAttester() public {
        Attestation memory a = _att(members[1], 1, 50);
        vm.expectRevert(abi.encodeWithSelector(IEASReportResolver.WrongAttester.selector, members[1], members[0]));
        resolver.attest(a);
    }

    function test_Resolver_RevertWhen_NotEAS() public {
        Attestation memory a = _att(members[0], 1, 50);
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(AccessDenied.selector));
        resolver.attest(a);
    }

    function test_Resolver_RevertWhen_NotAMemberOfTheVersion() public {
        // Mission 2's committee does not include the resolver: it cannot report there.
        registry.setMission(2, steward);
        registry.addGoal(2, _goal(1));
        vm.prank(steward);
        oracle.setCommittee(2, _input(3, 2));
        Attestation memory a = _att(members[0], 1, 50);
        a.data = abi.encode(uint256(2), uint16(1), GOAL, uint16(1), uint64(50), bytes32(0));
        vm.expectRevert(
            abi.encodeWithSelector(IMetricOracle.NotCommitteeMember.selector, 2, uint16(1), address(resolver))
        );
        resolver.attest(a);
    }
}
