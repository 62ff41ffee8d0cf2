// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "../fixtures/OracleFixture.sol";
import {Eip712} from "../utils/Eip712.sol";
import {MetricOracle} from "../../../contracts/oracle/MetricOracle.sol";
import {IMetricOracle} from "../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {MockERC1271Wallet} from "../../mocks/MockERC1271Wallet.sol";
import {MockBondToken} from "../../mocks/MockBondToken.sol";

contract MetricOracleCommitteeTest is OracleFixture {
    function test_SetCommittee_StoresVersionAndEmits() public {
        IMetricOracle.CommitteeInput memory input = _input(3, 2);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.CommitteeSet(
            MISSION,
            1,
            input.members,
            2,
            CHALLENGE,
            address(token),
            BOND,
            arbiter,
            address(0)
        );
        assertEq(_setCommittee(3, 2), 1, "version");
        assertEq(oracle.committeeVersion(MISSION), 1, "current");
        IMetricOracle.Committee memory c = oracle.getCommittee(MISSION, 1);
        assertEq(c.members.length, 3, "size");
        assertEq(c.members[2], members[2], "member");
        assertEq(c.quorum, 2, "quorum");
        assertEq(c.size, 3, "size field");
        assertEq(c.challengeWindow, CHALLENGE, "window");
        assertEq(c.bondToken, address(token), "token");
        assertEq(c.bondAmount, BOND, "bond");
        assertEq(c.arbiter, arbiter, "arbiter");
        assertTrue(oracle.isMember(MISSION, 1, members[1]), "member 1");
        assertTrue(!oracle.isMember(MISSION, 1, members[3]), "member 3");
        assertEq(_setCommittee(4, 4), 2, "second version");
        assertEq(oracle.registry(), address(registry), "registry");
        assertEq(oracle.ARBITRATION_PERIOD(), 30 days, "arbitration period");
    }

    function test_SetCommittee_RevertWhen_NotSteward() public {
        IMetricOracle.CommitteeInput memory input = _input(3, 2);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NotMissionSteward.selector, MISSION, address(this)));
        oracle.setCommittee(MISSION, input);
    }

    function test_SetCommittee_RevertWhen_MissionNotFound() public {
        IMetricOracle.CommitteeInput memory input = _input(3, 2);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, 7));
        oracle.setCommittee(7, input);
    }

    function test_SetCommittee_RevertWhen_Empty() public {
        IMetricOracle.CommitteeInput memory input = _input(0, 1);
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.CommitteeSize.selector, 0, 16));
        oracle.setCommittee(MISSION, input);
    }

    function test_SetCommittee_RevertWhen_MoreThan16() public {
        IMetricOracle.CommitteeInput memory input = _input(16, 1);
        address[] memory m = new address[](17);
        for (uint256 i = 0; i < 16; ++i) {
            m[i] = members[i];
        }
        m[16] = address(0xBEEF);
        input.members = m;
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.CommitteeSize.selector, 17, 16));
        oracle.setCommittee(MISSION, input);
    }

    function test_SetCommittee_RevertWhen_QuorumZero() public {
        IMetricOracle.CommitteeInput memory input = _input(3, 0);
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.InvalidQuorum.selector, 0, 3));
        oracle.setCommittee(MISSION, input);
    }

    function test_SetCommittee_RevertWhen_QuorumAboveSize() public {
        IMetricOracle.CommitteeInput memory input = _input(3, 4);
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.InvalidQuorum.selector, 4, 3));
        oracle.setCommittee(MISSION, input);
    }

    function test_SetCommittee_RevertWhen_DuplicateMember() public {
        IMetricOracle.CommitteeInput memory input = _input(3, 2);
        input.members[2] = members[0];
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.DuplicateMember.selector, members[0]));
        oracle.setCommittee(MISSION, input);
    }

    function test_SetCommittee_RevertWhen_ZeroMember() public {
        IMetricOracle.CommitteeInput memory input = _input(3, 2);
        input.members[1] = address(0);
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ZeroMember.selector, 1));
        oracle.setCommittee(MISSION, input);
    }

    function test_SetCommittee_RevertWhen_ZeroArbiter() public {
        IMetricOracle.CommitteeInput memory input = _input(3, 2);
        input.arbiter = address(0);
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ZeroArbiter.selector));
        oracle.setCommittee(MISSION, input);
    }

    function test_SetCommittee_RevertWhen_ZeroBondToken() public {
        IMetricOracle.CommitteeInput memory input = _input(3, 2);
        input.bondToken = address(0);
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ZeroBondToken.selector));
        oracle.setCommittee(MISSION, input);
    }

    function test_SetCommittee_RevertWhen_ZeroBondAmount() public {
        IMetricOracle.CommitteeInput memory input = _input(3, 2);
        input.bondAmount = 0;
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ZeroBondAmount.selector));
        oracle.setCommittee(MISSION, input);
    }

    function test_GetCommittee_RevertWhen_VersionUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.CommitteeNotFound.selector, MISSION, 0));
        oracle.getCommittee(MISSION, 0);
        _setCommittee(3, 2);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.CommitteeNotFound.selector, MISSION, 2));
        oracle.getCommittee(MISSION, 2);
    }

    /// @dev A slot binds to the committee version of its first report; a new version applies to new slots only.
    /// @dev Every version has its own slots: a report names its version and only that version's members count.
    function test_Committee_EachVersionHasItsOwnSlots() public {
        _setCommittee(3, 2); // members 0,1,2
        _openWindow(1);
        vm.prank(members[0]);
        oracle.report(_r(1, 10));
        // Version 2: members 0…4, quorum 5.
        _setCommittee(5, 5);
        // Member 3 is in v2 only: rejected on the v1-bound slot.
        vm.prank(members[3]);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NotCommitteeMember.selector, MISSION, 1, members[3]));
        oracle.report(_r(1, 11));
        // Quorum of v1 (2) still applies.
        vm.prank(members[1]);
        oracle.report(_r(1, 12));
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Proposed), "v1 quorum");
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).committeeVersion, 1, "bound v1");
        // Version 2's slot of period 1 is separate: member 3 may report there, and 2 reports are not its quorum.
        vm.prank(members[3]);
        oracle.report(_rv(2, 1, 1));
        vm.prank(members[0]);
        oracle.report(_rv(2, 1, 1));
        assertEq(uint256(oracle.slotStatus(MISSION, 2, GOAL, 1)), uint256(IMetricFeed.SlotStatus.Collecting), "v2 k=5");
        assertEq(oracle.getSlot(MISSION, 2, GOAL, 1).committeeVersion, 2, "v2 slot");
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).value, 10, "v1 value untouched");
    }

    /// @dev A proposed value keeps its committee's arbiter and bond after the committee changes.
    function test_Committee_ChangeDoesNotTouchProposedValue() public {
        _proposed();
        IMetricOracle.CommitteeInput memory input = _input(2, 1);
        input.arbiter = address(0xBAD);
        input.bondAmount = 1;
        vm.prank(steward);
        oracle.setCommittee(MISSION, input);
        vm.prank(disputer);
        oracle.dispute(MISSION, V1, GOAL, 1);
        assertEq(oracle.getDispute(MISSION, V1, GOAL, 1).bond, BOND, "v1 bond");
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NotArbiter.selector, MISSION, 1, address(0xBAD)));
        oracle.resolve(MISSION, V1, GOAL, 1, 20);
        vm.prank(arbiter);
        oracle.resolve(MISSION, V1, GOAL, 1, 20);
        (uint64 value, ) = oracle.finalValue(MISSION, V1, GOAL, 1);
        assertEq(value, 20, "final");
    }
}

/// @notice Report rules, run over the direct, the signed and the batch paths.
contract MetricOracleReportTest is OracleFixture {
    function setUp() public override {
        super.setUp();
        _setCommittee(5, 3);
    }

    function _check_Accepted(uint256 path) internal {
        _openWindow(1);
        IMetricOracle.Report memory r = _r(1, 42);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.ReportSubmitted(
            MISSION,
            GOAL,
            1,
            members[1],
            42,
            r.evidenceHash,
            path == DIRECT ? members[1] : (path == SIGNED ? relayer : address(batchRelayer)),
            V1
        );
        _submit(path, 1, r);
        (bool reported, uint64 value) = oracle.reportOf(MISSION, V1, GOAL, 1, members[1]);
        assertTrue(reported, "reported");
        assertEq(value, 42, "value");
        (reported, ) = oracle.reportOf(MISSION, V1, GOAL, 1, members[0]);
        assertTrue(!reported, "other member");
        (reported, ) = oracle.reportOf(MISSION, V1, GOAL, 1, address(0xCAFE));
        assertTrue(!reported, "stranger");
        IMetricOracle.Slot memory s = oracle.getSlot(MISSION, V1, GOAL, 1);
        assertEq(s.reportCount, 1, "count");
        assertEq(s.reportedMask, 2, "mask");
        assertEq(s.reportingDeadline, _periodEnd(1) + REPORTING_WINDOW, "deadline");
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Collecting), "collecting");
    }

    function test_Direct_Report_Accepted() public {
        _check_Accepted(DIRECT);
    }

    function test_Signed_Report_Accepted() public {
        _check_Accepted(SIGNED);
        assertTrue(oracle.nonceUsed(members[1], 0), "nonce used");
    }

    function test_Batch_Report_Accepted() public {
        _check_Accepted(BATCH);
    }

    function _check_RevertWhen_PeriodNotEnded(uint256 path) internal {
        vm.warp(_periodEnd(1)); // exactly at the end: not yet
        Pending memory pending223 = _prep(path, 0, _r(1, 1));
        vm.expectRevert(
            abi.encodeWithSelector(IMetricOracle.PeriodNotEnded.selector, MISSION, GOAL, 1, uint40(_periodEnd(1)))
        );
        _send(pending223);
    }

    function test_Direct_Report_RevertWhen_PeriodNotEnded() public {
        _check_RevertWhen_PeriodNotEnded(DIRECT);
    }

    function test_Signed_Report_RevertWhen_PeriodNotEnded() public {
        _check_RevertWhen_PeriodNotEnded(SIGNED);
    }

    function test_Batch_Report_RevertWhen_PeriodNotEnded() public {
        _check_RevertWhen_PeriodNotEnded(BATCH);
    }

    function _check_DeadlineInclusive_ThenClosed(uint256 path) internal {
        uint40 deadline = uint40(_periodEnd(1) + REPORTING_WINDOW);
        vm.warp(deadline); // the deadline itself is inside the window
        _submit(path, 0, _r(1, 1));
        vm.warp(deadline + 1);
        Pending memory pending246 = _prep(path, 1, _r(1, 1));
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.ReportingClosed.selector, MISSION, GOAL, 1, deadline));
        _send(pending246);
        // A first report after the deadline is rejected too (period 2's deadline passed long ago by then).
        vm.warp(_periodEnd(2) + REPORTING_WINDOW + 1);
        Pending memory pending250 = _prep(path, 1, _r(2, 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMetricOracle.ReportingClosed.selector,
                MISSION,
                GOAL,
                2,
                uint40(_periodEnd(2) + REPORTING_WINDOW)
            )
        );
        _send(pending250);
    }

    function test_Direct_Report_DeadlineInclusive_ThenClosed() public {
        _check_DeadlineInclusive_ThenClosed(DIRECT);
    }

    function test_Signed_Report_DeadlineInclusive_ThenClosed() public {
        _check_DeadlineInclusive_ThenClosed(SIGNED);
    }

    function _check_RevertWhen_NotMember(uint256 path) internal {
        _openWindow(1);
        Pending memory pending268 = _prep(path, 7, _r(1, 1));
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NotCommitteeMember.selector, MISSION, 1, members[7]));
        _send(pending268);
    }

    function test_Direct_Report_RevertWhen_NotMember() public {
        _check_RevertWhen_NotMember(DIRECT);
    }

    function test_Signed_Report_RevertWhen_NotMember() public {
        _check_RevertWhen_NotMember(SIGNED);
    }

    function _check_RevertWhen_Twice(uint256 path) internal {
        _openWindow(1);
        _submit(path, 2, _r(1, 1));
        Pending memory pending283 = _prep(path, 2, _r(1, 5));
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.AlreadyReported.selector, MISSION, GOAL, 1, members[2]));
        _send(pending283);
    }

    function test_Direct_Report_RevertWhen_Twice() public {
        _check_RevertWhen_Twice(DIRECT);
    }

    function test_Signed_Report_RevertWhen_Twice() public {
        _check_RevertWhen_Twice(SIGNED);
    }

    function _check_RevertWhen_PeriodOutOfRange(uint256 path) internal {
        _openWindow(1);
        Pending memory pending297 = _prep(path, 0, _r(4, 1));
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.PeriodOutOfRange.selector, MISSION, GOAL, 4));
        _send(pending297);
        Pending memory pending299 = _prep(path, 0, _r(0, 1));
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.PeriodOutOfRange.selector, MISSION, GOAL, 0));
        _send(pending299);
    }

    function test_Direct_Report_RevertWhen_PeriodOutOfRange() public {
        _check_RevertWhen_PeriodOutOfRange(DIRECT);
    }

    function test_Signed_Report_RevertWhen_PeriodOutOfRange() public {
        _check_RevertWhen_PeriodOutOfRange(SIGNED);
    }

    function _check_QuorumProposesMedian(uint256 path) internal {
        _openWindow(1);
        _submit(path, 4, _r(1, 70));
        _submit(path, 0, _r(1, 10));
        vm.expectEmit(address(oracle));
        emit IMetricOracle.ValueProposed(MISSION, GOAL, 1, 50, uint40(block.timestamp + CHALLENGE), 1);
        _submit(path, 2, _r(1, 50));
        IMetricOracle.Slot memory s = oracle.getSlot(MISSION, V1, GOAL, 1);
        assertEq(uint256(s.status), uint256(IMetricFeed.SlotStatus.Proposed), "proposed");
        assertEq(s.value, 50, "median");
        assertEq(s.challengeEnd, block.timestamp + CHALLENGE, "challenge end");
        // A 4th (late, honest) report inside the reporting window counts: the median of all four (lower middle of
        // 1, 10, 50, 70) moves, so the value is proposed again with a fresh challenge window.
        vm.warp(block.timestamp + 5);
        Pending memory late = _prep(path, 1, _r(1, 1));
        vm.expectEmit(address(oracle));
        emit IMetricOracle.ValueProposed(MISSION, GOAL, 1, 10, uint40(block.timestamp + CHALLENGE), 1);
        _send(late);
        s = oracle.getSlot(MISSION, V1, GOAL, 1);
        assertEq(s.reportCount, 4, "four reports");
        assertEq(s.value, 10, "median of every report");
        // A 5th report that leaves the median where it is keeps the window.
        vm.warp(block.timestamp + 5);
        _submit(path, 3, _r(1, 10));
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).challengeEnd, block.timestamp - 5 + CHALLENGE, "window kept");
    }

    function test_Direct_Report_QuorumProposesMedian() public {
        _check_QuorumProposesMedian(DIRECT);
    }

    function test_Signed_Report_QuorumProposesMedian() public {
        _check_QuorumProposesMedian(SIGNED);
    }

    function test_Batch_Report_QuorumProposesMedian() public {
        _check_QuorumProposesMedian(BATCH);
    }

    function test_Report_RevertWhen_NoCommittee() public {
        registry.setMission(2, steward);
        registry.addGoal(2, _goal(1));
        _openWindow(1);
        IMetricOracle.Report memory r = _r(1, 1);
        r.missionId = 2;
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NotCommitteeMember.selector, 2, V1, members[0]));
        oracle.report(r);
    }

    function test_Report_EvenQuorumTakesLowerMiddle() public {
        _setCommittee(4, 4);
        _openWindow(1);
        uint64[] memory v = new uint64[](4);
        (v[0], v[1], v[2], v[3]) = (40, 10, 30, 20);
        _reportAll(1, v);
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).value, 20, "lower middle of 10,20,30,40");
    }

    function test_Report_ValueZeroCounts() public {
        _openWindow(1);
        uint64[] memory v = new uint64[](3);
        _reportAll(1, v);
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Proposed), "zeros reach quorum");
    }
}

/// @notice Attacks and bad input on the signed paths.
contract MetricOracleSignatureTest is OracleFixture {
    function setUp() public override {
        super.setUp();
        _setCommittee(5, 3);
        _openWindow(1);
    }

    function test_Signed_RevertWhen_Replayed() public {
        IMetricOracle.SignedReport memory s = _sign(keys[0], _r(1, 5), 0, block.timestamp + 1);
        oracle.reportSigned(s);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NonceUsed.selector, members[0], 0));
        oracle.reportSigned(s);
    }

    /// @dev Unordered nonces (issue 11): a signature with nonce 1 is valid although nonce 0 was never used, so a
    /// lost or dead signature blocks nothing. Today's sequential nonces revert `InvalidAccountNonce`.
    function test_Signed_UnorderedNonce_LostSignatureBlocksNothing() public {
        IMetricOracle.SignedReport memory s = _sign(keys[0], _r(1, 5), 7, block.timestamp + 1);
        oracle.reportSigned(s);
        assertTrue(oracle.nonceUsed(members[0], 7), "nonce 7 used");
        assertTrue(!oracle.nonceUsed(members[0], 0), "nonce 0 still free");
        assertEq(oracle.nonceBitmap(members[0], 0), 1 << 7, "bitmap");
        // Nonce 0 signed for another slot is still usable.
        _openWindow(2);
        oracle.reportSigned(_sign(keys[0], _r(2, 6), 0, block.timestamp + 1));
        assertTrue(oracle.nonceUsed(members[0], 0), "nonce 0 used");
    }

    function test_Signed_RevertWhen_NonceInvalidated() public {
        IMetricOracle.SignedReport memory s = _sign(keys[0], _r(1, 5), 300, block.timestamp + 1);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.NoncesInvalidated(members[0], 1, 1 << 44);
        vm.prank(members[0]);
        oracle.invalidateNonces(1, 1 << 44);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NonceUsed.selector, members[0], 300));
        oracle.reportSigned(s);
    }

    /// @dev Using a nonce adds its bit to the word: a nonce used earlier in the same word stays used.
    function test_Signed_SecondNonceInWord_KeepsTheFirstUsed() public {
        IMetricOracle.SignedReport memory first = _sign(keys[0], _r(1, 5), 7, block.timestamp + 1000 days);
        oracle.reportSigned(first);
        _openWindow(2);
        oracle.reportSigned(_sign(keys[0], _r(2, 6), 0, block.timestamp + 1));
        assertEq(oracle.nonceBitmap(members[0], 0), (1 << 7) | 1, "both bits");
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NonceUsed.selector, members[0], 7));
        oracle.reportSigned(first);
    }

    /// @dev Invalidating nonces adds to the used ones: a used nonce of the same word stays used.
    function test_Signed_InvalidatingNonces_KeepsUsedOnesUsed() public {
        IMetricOracle.SignedReport memory s = _sign(keys[0], _r(1, 5), 3, block.timestamp + 1);
        oracle.reportSigned(s);
        vm.prank(members[0]);
        oracle.invalidateNonces(0, 1 << 9);
        assertEq(oracle.nonceBitmap(members[0], 0), (1 << 3) | (1 << 9), "used and invalidated");
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NonceUsed.selector, members[0], 3));
        oracle.reportSigned(s);
    }

    function test_Signed_RevertWhen_Expired() public {
        IMetricOracle.SignedReport memory s = _sign(keys[0], _r(1, 5), 0, block.timestamp - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMetricOracle.SignatureExpired.selector, members[0], block.timestamp - 1)
        );
        oracle.reportSigned(s);
    }

    function test_Signed_DeadlineInclusive() public {
        oracle.reportSigned(_sign(keys[0], _r(1, 5), 0, block.timestamp));
        assertTrue(oracle.nonceUsed(members[0], 0), "accepted at deadline");
    }

    function test_Signed_RevertWhen_OtherChain() public {
        IMetricOracle.SignedReport memory s = _sign(keys[0], _r(1, 5), 0, block.timestamp + 1);
        vm.chainId(10);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.InvalidSignature.selector, members[0]));
        oracle.reportSigned(s);
    }

    function test_Signed_RevertWhen_SignedOnOtherChain() public {
        vm.chainId(10);
        IMetricOracle.SignedReport memory s = _sign(keys[0], _r(1, 5), 0, block.timestamp + 1);
        vm.chainId(31337);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.InvalidSignature.selector, members[0]));
        oracle.reportSigned(s);
    }

    function test_Signed_RevertWhen_OtherContract() public {
        MetricOracle other = new MetricOracle(IMissionRegistry(address(registry)));
        IMetricOracle.SignedReport memory s = _signFor(other, keys[0], _r(1, 5), 0, block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.InvalidSignature.selector, members[0]));
        oracle.reportSigned(s);
    }

    function test_Signed_RevertWhen_HighS() public {
        IMetricOracle.SignedReport memory s = _sign(keys[0], _r(1, 5), 0, block.timestamp + 1);
        bytes memory sig = s.signature;
        bytes32 r;
        bytes32 ss;
        uint8 v;
        // assembly: split the 65-byte signature held in memory
        assembly {
            r := mload(add(sig, 32))
            ss := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
        // The same point with s' = n - s and the other parity recovers the same signer: a malleable twin.
        bytes32 highS = bytes32(SECP256K1_N - uint256(ss));
        s.signature = abi.encodePacked(r, highS, v == 27 ? uint8(28) : uint8(27));
        assertEq(
            ecrecover(oracle.reportDigest(s.report, s.reporter, 0, s.deadline), v == 27 ? 28 : 27, r, highS),
            members[0],
            "twin"
        );
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.InvalidSignature.selector, members[0]));
        oracle.reportSigned(s);
    }

    function test_Signed_RevertWhen_SignedByAnotherKey() public {
        IMetricOracle.SignedReport memory s = _sign(keys[1], _r(1, 5), 0, block.timestamp + 1);
        s.reporter = members[0];
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.InvalidSignature.selector, members[0]));
        oracle.reportSigned(s);
    }

    function test_Signed_RevertWhen_TamperedValue() public {
        IMetricOracle.SignedReport memory s = _sign(keys[0], _r(1, 5), 0, block.timestamp + 1);
        s.report.value = 6;
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.InvalidSignature.selector, members[0]));
        oracle.reportSigned(s);
    }

    function test_Signed_RevertWhen_NonMemberSigner() public {
        IMetricOracle.SignedReport memory s = _sign(keys[9], _r(1, 5), 0, block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NotCommitteeMember.selector, MISSION, 1, members[9]));
        oracle.reportSigned(s);
    }

    function test_Signed_ContractSignerEIP1271() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(members[9]);
        IMetricOracle.CommitteeInput memory input = _input(2, 1);
        input.members[1] = address(wallet);
        vm.prank(steward);
        oracle.setCommittee(MISSION, input);
        _openWindow(2);
        IMetricOracle.Report memory r = _rv(2, 2, 77);
        (uint8 v, bytes32 rr, bytes32 ss) = vm.sign(
            keys[9],
            oracle.reportDigest(r, address(wallet), 0, block.timestamp + 1)
        );
        oracle.reportSigned(
            IMetricOracle.SignedReport({
                report: r,
                reporter: address(wallet),
                nonce: 0,
                deadline: block.timestamp + 1,
                signature: abi.encodePacked(rr, ss, v)
            })
        );
        assertEq(oracle.getSlot(MISSION, 2, GOAL, 2).value, 77, "wallet report proposed (k = 1)");
    }

    function test_Batch_FiveReportsReachQuorum() public {
        IMetricOracle.SignedReport[] memory batch = new IMetricOracle.SignedReport[](3);
        for (uint256 i = 0; i < 3; ++i) {
            batch[i] = _sign(keys[i], _r(1, uint64(10 * (i + 1))), 0, block.timestamp + 1);
        }
        vm.prank(relayer);
        oracle.reportBatch(batch);
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).value, 20, "median");
    }

    function test_Batch_SameSignerTwoSlots() public {
        vm.warp(_periodEnd(2) + 1);
        // Period 1's window closed; use goal 1 with the same windows via period 2 and a second goal.
        registry.addGoal(MISSION, _goal(3));
        IMetricOracle.SignedReport[] memory batch = new IMetricOracle.SignedReport[](2);
        batch[0] = _sign(keys[0], _r(2, 1), 0, block.timestamp + 1);
        IMetricOracle.Report memory r = _r(2, 2);
        r.goalId = 1;
        batch[1] = _sign(keys[0], r, 1, block.timestamp + 1);
        oracle.reportBatch(batch);
        assertTrue(oracle.nonceUsed(members[0], 0) && oracle.nonceUsed(members[0], 1), "two nonces");
    }

    function test_Batch_SkipsDuplicateMember() public {
        IMetricOracle.SignedReport[] memory batch = new IMetricOracle.SignedReport[](2);
        batch[0] = _sign(keys[0], _r(1, 5), 0, block.timestamp + 1);
        batch[1] = _sign(keys[0], _r(1, 6), 1, block.timestamp + 1);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.BatchEntrySkipped(1, members[0], 1, IMetricOracle.AlreadyReported.selector);
        assertEq(oracle.reportBatch(batch), 1, "one accepted");
        assertTrue(!oracle.nonceUsed(members[0], 1), "the skipped entry's nonce stays free");
    }

    /// @dev Issue 11: anyone who front-runs one entry of a relayed batch (relaying it alone) no longer reverts the
    /// batch: the used entry is skipped with an event and the others are recorded. Today the batch reverts.
    function test_Batch_FrontRunEntrySkipped_OthersRecorded() public {
        IMetricOracle.SignedReport[] memory batch = new IMetricOracle.SignedReport[](3);
        for (uint256 i = 0; i < 3; ++i) batch[i] = _sign(keys[i], _r(1, uint64(10 * (i + 1))), 0, block.timestamp + 1);
        vm.prank(address(0xBAD));
        oracle.reportSigned(batch[1]); // the front-runner
        vm.expectEmit(address(oracle));
        emit IMetricOracle.BatchEntrySkipped(1, members[1], 0, IMetricOracle.NonceUsed.selector);
        vm.prank(relayer);
        assertEq(oracle.reportBatch(batch), 2, "two accepted");
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).reportCount, 3, "all three reports counted");
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Proposed), "quorum");
    }

    function test_Batch_SkipsExpiredAndBadSignature() public {
        IMetricOracle.SignedReport[] memory batch = new IMetricOracle.SignedReport[](3);
        batch[0] = _sign(keys[0], _r(1, 5), 0, block.timestamp - 1);
        batch[1] = _sign(keys[1], _r(1, 6), 0, block.timestamp + 1);
        batch[1].reporter = members[2]; // signed by member 1, claimed by member 2
        batch[2] = _sign(keys[3], _r(1, 7), 0, block.timestamp + 1);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.BatchEntrySkipped(0, members[0], 0, IMetricOracle.SignatureExpired.selector);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.BatchEntrySkipped(1, members[2], 0, IMetricOracle.InvalidSignature.selector);
        assertEq(oracle.reportBatch(batch), 1, "one accepted");
        (bool reported, ) = oracle.reportOf(MISSION, V1, GOAL, 1, members[3]);
        assertTrue(reported, "valid entry recorded");
    }

    function test_Batch_RevertWhen_Empty() public {
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.EmptyBatch.selector));
        oracle.reportBatch(new IMetricOracle.SignedReport[](0));
    }

    function test_Batch_SkipsNonMember() public {
        IMetricOracle.SignedReport[] memory batch = new IMetricOracle.SignedReport[](2);
        batch[0] = _sign(keys[0], _r(1, 5), 0, block.timestamp + 1);
        batch[1] = _sign(keys[9], _r(1, 6), 0, block.timestamp + 1);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.BatchEntrySkipped(1, members[9], 0, IMetricOracle.NotCommitteeMember.selector);
        assertEq(oracle.reportBatch(batch), 1, "one accepted");
        assertTrue(oracle.nonceUsed(members[0], 0), "valid entry kept");
        assertTrue(!oracle.nonceUsed(members[9], 0), "refused entry's nonce free");
    }

    /// @dev The digest is EIP-712 over the domain (name, version, chain id, this contract) and the typehash.
    function test_ReportDigest_MatchesEIP712() public view {
        IMetricOracle.Report memory r = _r(1, 5);
        assertEq(oracle.REPORT_TYPEHASH(), Eip712.REPORT_TYPEHASH, "typehash");
        bytes32 domain = Eip712.domain("MetricOracle", "1", address(oracle));
        assertEq(
            oracle.reportDigest(r, members[0], 3, 99),
            Eip712.reportDigest(domain, r, members[0], 3, 99),
            "digest"
        );
        (, string memory name, string memory version, uint256 chainId, address verifying, , ) = oracle.eip712Domain();
        assertEq(keccak256(bytes(name)), keccak256("MetricOracle"), "name");
        assertEq(keccak256(bytes(version)), keccak256("1"), "version");
        assertEq(chainId, block.chainid, "chain");
        assertEq(verifying, address(oracle), "contract");
    }
}

/// @notice An adapter stand-in: any contract (the oracle only checks that the adapter has code).
contract AdapterStub {}

/// @notice Adapter path (issue 11): the adapter is a contract member that reports only as itself, and the one member
/// that may withdraw its own report before the quorum.
contract MetricOracleAdapterTest is OracleFixture {
    address internal adapter;

    function setUp() public override {
        super.setUp();
        adapter = address(new AdapterStub());
        vm.prank(steward);
        oracle.setCommittee(MISSION, _adapterInput());
        _openWindow(1);
    }

    /// @dev Members 0…3 and the adapter (index 4), quorum 3.
    function _adapterInput() internal view returns (IMetricOracle.CommitteeInput memory input) {
        input = _input(5, 3);
        input.members[4] = adapter;
        input.adapter = adapter;
    }

    /// @dev Reports via the adapter are attributed to the adapter (reporter and sender), never to a member.
    function test_Adapter_ReportsOnlyAsItself_AttributedToAdapter() public {
        IMetricOracle.Report memory r = _r(1, 9);
        vm.expectEmit(address(oracle));
        emit IMetricOracle.ReportSubmitted(MISSION, GOAL, 1, adapter, 9, r.evidenceHash, adapter, V1);
        vm.prank(adapter);
        oracle.report(r);
        (bool reported, uint64 value) = oracle.reportOf(MISSION, V1, GOAL, 1, adapter);
        assertTrue(reported && value == 9, "the adapter's own seat");
        for (uint256 i = 0; i < 4; ++i) {
            (reported, ) = oracle.reportOf(MISSION, V1, GOAL, 1, members[i]);
            assertTrue(!reported, "no member spoken for");
        }
    }

    /// @dev Today's `reportFor(member, report)` lets the adapter (which the steward may set to its own wallet) speak
    /// for honest members. The entry point no longer exists.
    function test_Adapter_CannotReportOnBehalfOfMembers() public {
        bytes4 reportFor = bytes4(keccak256("reportFor(address,(uint256,uint8,uint16,uint64,bytes32))"));
        bytes4 reportForV = bytes4(keccak256("reportFor(address,(uint256,uint16,uint8,uint16,uint64,bytes32))"));
        vm.startPrank(adapter);
        (bool ok, ) = address(oracle).call(abi.encodeWithSelector(reportFor, members[0], MISSION, GOAL, 1, 9, 0));
        assertTrue(!ok, "no reportFor");
        (ok, ) = address(oracle).call(abi.encodeWithSelector(reportForV, members[0], MISSION, V1, GOAL, 1, 9, 0));
        assertTrue(!ok, "no versioned reportFor");
        vm.stopPrank();
        (bool reported, ) = oracle.reportOf(MISSION, V1, GOAL, 1, members[0]);
        assertTrue(!reported, "member untouched");
    }

    function test_SetCommittee_RevertWhen_AdapterNotContract() public {
        IMetricOracle.CommitteeInput memory input = _input(5, 3);
        input.adapter = address(0xADA);
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.AdapterNotContract.selector, address(0xADA)));
        oracle.setCommittee(MISSION, input);
    }

    function test_SetCommittee_RevertWhen_AdapterNotMember() public {
        IMetricOracle.CommitteeInput memory input = _input(5, 3);
        input.adapter = adapter;
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.AdapterNotMember.selector, adapter));
        oracle.setCommittee(MISSION, input);
    }

    function test_WithdrawReport_BeforeQuorum_ThenReportAgain() public {
        vm.prank(adapter);
        oracle.report(_r(1, 9));
        vm.prank(members[1]);
        oracle.report(_r(1, 11));
        vm.expectEmit(address(oracle));
        emit IMetricOracle.ReportWithdrawn(MISSION, GOAL, 1, adapter, V1);
        vm.prank(adapter);
        assertTrue(oracle.withdrawReport(MISSION, V1, GOAL, 1), "withdrawn");
        (bool reported, uint64 value) = oracle.reportOf(MISSION, V1, GOAL, 1, adapter);
        assertTrue(!reported && value == 0, "cleared");
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).reportCount, 1, "count");
        vm.prank(adapter);
        oracle.report(_r(1, 30));
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Collecting), "still 2");
        vm.prank(members[2]);
        oracle.report(_r(1, 20));
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).value, 20, "median of 11,30,20");
    }

    function test_WithdrawReport_NoOpCases() public {
        vm.startPrank(adapter);
        assertTrue(!oracle.withdrawReport(MISSION, V1, GOAL, 1), "nothing reported");
        assertTrue(!oracle.withdrawReport(MISSION, V1, GOAL, 2), "empty slot");
        oracle.report(_r(1, 2));
        vm.stopPrank();
        vm.prank(members[0]);
        oracle.report(_r(1, 3));
        vm.prank(members[1]);
        oracle.report(_r(1, 4));
        // Quorum reached: revocation changes nothing.
        vm.prank(adapter);
        assertTrue(!oracle.withdrawReport(MISSION, V1, GOAL, 1), "after quorum");
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).value, 3, "value kept");
    }

    /// @dev The adapter withdraws only its own report: in a slot other members reported to (Collecting, window open)
    /// but the adapter did not, withdrawing returns false and leaves the count, the mask and every value as they were,
    /// so the quorum still forms on the next member's report with the median of the three real reports.
    function test_WithdrawReport_WithoutItsOwnReport_LeavesTheOthers() public {
        vm.prank(members[0]);
        oracle.report(_r(1, 5));
        vm.prank(members[1]);
        oracle.report(_r(1, 7));
        IMetricOracle.Slot memory before = oracle.getSlot(MISSION, V1, GOAL, 1);
        vm.prank(adapter);
        assertTrue(!oracle.withdrawReport(MISSION, V1, GOAL, 1), "the adapter has no report here");
        IMetricOracle.Slot memory after_ = oracle.getSlot(MISSION, V1, GOAL, 1);
        assertEq(after_.reportCount, 2, "both reports still count");
        assertEq(after_.reportedMask, before.reportedMask, "mask unchanged");
        assertEq(keccak256(abi.encode(after_)), keccak256(abi.encode(before)), "slot word unchanged");
        (bool reported, uint64 value) = oracle.reportOf(MISSION, V1, GOAL, 1, members[0]);
        assertTrue(reported && value == 5, "member 0 kept");
        (reported, value) = oracle.reportOf(MISSION, V1, GOAL, 1, members[1]);
        assertTrue(reported && value == 7, "member 1 kept");
        vm.prank(members[2]);
        oracle.report(_r(1, 9));
        assertEq(_status(1), uint256(IMetricFeed.SlotStatus.Proposed), "the third report is the quorum");
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).value, 7, "median of 5, 7, 9");
    }

    function test_WithdrawReport_AfterDeadline_NoOp() public {
        vm.prank(adapter);
        oracle.report(_r(1, 2));
        vm.warp(_periodEnd(1) + REPORTING_WINDOW + 1);
        vm.prank(adapter);
        assertTrue(!oracle.withdrawReport(MISSION, V1, GOAL, 1), "closed");
        assertEq(oracle.getSlot(MISSION, V1, GOAL, 1).reportCount, 1, "kept");
    }

    function test_WithdrawReport_RevertWhen_NotAdapter() public {
        vm.prank(members[0]);
        oracle.report(_r(1, 2));
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(IMetricOracle.NotAdapter.selector, MISSION, V1, members[0]));
        oracle.withdrawReport(MISSION, V1, GOAL, 1);
    }
}
