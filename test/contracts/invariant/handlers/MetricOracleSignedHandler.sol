// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MetricOracleSignedModel} from "./MetricOracleSignedModel.sol";
import {MetricOracleGhost} from "./MetricOracleGhost.sol";
import {MetricOracle} from "../../../../contracts/oracle/MetricOracle.sol";
import {IMetricOracle} from "../../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {IEASReportResolver} from "../../../../contracts/adapters/IEASReportResolver.sol";
import {MetricFeedAggregator} from "../../../../contracts/adapters/MetricFeedAggregator.sol";
import {IMetricFeedAggregator} from "../../../../contracts/adapters/IMetricFeedAggregator.sol";
import {Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";

/// @notice Drives the oracle's other entry points — signed reports (alone and in batches), nonce invalidation,
/// committee installation, the EAS resolver (attest, revoke) and the adapter's report withdrawal, finalisation — and
/// reads the Chainlink-style feed. The ghost model (`MetricOracleSignedModel`) predicts every call's outcome exactly.
/// Refused calls are made on purpose: a signature whose deadline passed one second ago (and one at its deadline's
/// very second, which is valid), a forged signature, a replayed one, a used or invalidated nonce, batch entries
/// that the slot refuses (their nonces must stay unused), committees from a non-steward, with a quorum above their
/// size, a duplicate member, the steward or a member as arbiter or a challenge window over the maximum, attestations
/// of another schema or attester, withdrawals by anyone but the adapter, feed rounds 0 and 2^16.
contract MetricOracleSignedHandler is MetricOracleSignedModel {
    MetricFeedAggregator public feed;

    constructor(
        MetricOracle oracle_,
        address steward_,
        address arbiter_,
        address bondToken_,
        uint256[4] memory keys_
    ) MetricOracleSignedModel(oracle_, steward_, arbiter_, bondToken_, keys_) {
        feed = new MetricFeedAggregator(oracle_, MISSION, GOAL);
    }

    /// @dev Small steps (1…40 s), or one in four to just after the next period's end (its window opens).
    function warp(uint256 dt) external track {
        if (dt % 4 == 0) {
            (uint40 end, ) = _window(_currentPeriod() + 1);
            vm.warp(uint256(end) + 1);
        } else {
            vm.warp(block.timestamp + bound(dt >> 2, 1, 40));
        }
    }

    /// @dev Member `memberSeed % 4` signs a report; `mode` picks a valid signature (deadline ahead, or at this very
    /// second), an expired one (deadline one second ago), a forged one (another member's key), a replay of the
    /// member's last accepted signature, or a fresh report under a nonce the member already used or invalidated.
    function reportSigned(uint256 memberSeed, uint256 periodSeed, uint64 value, uint256 mode) external track {
        uint256 i = memberSeed % 4;
        uint256 nonce = (memberSeed >> 8) % 1024;
        mode %= 8;
        if (mode == 6 && _lastSigned[i].length > 0) {
            IMetricOracle.SignedReport memory replay = abi.decode(_lastSigned[i], (IMetricOracle.SignedReport));
            return _sendSigned(replay, i, false);
        }
        if (mode == 7) nonce = _usedNonce(_members[i], nonce);
        uint256 deadline =
            mode == 3
                ? block.timestamp
                : mode == 4
                    ? block.timestamp - 1
                    : block.timestamp + 1 + mode;
        uint256 signer = mode == 5 ? (i + 1) % 4 : i;
        IMetricOracle.SignedReport memory s = _signed(
            i,
            signer,
            _report(_period(periodSeed), value % 1000),
            nonce,
            deadline
        );
        _sendSigned(s, i, mode == 5);
    }

    function _sendSigned(IMetricOracle.SignedReport memory s, uint256 i, bool forged) internal {
        bytes memory expected = _signedError(s, i, forged);
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.reportSigned, (s)));
        _outcome("reportSigned", ok, ret, expected);
        if (ok) _applySigned(s, i);
    }

    /// @dev The lowest used (or invalidated) nonce of `reporter` below 1024; `fallback_` when none is.
    function _usedNonce(address reporter, uint256 fallback_) internal view returns (uint256) {
        for (uint256 w; w < 4; ++w) {
            uint256 bits = _nonceBits[reporter][w];
            if (bits == 0) continue;
            uint256 b;
            while (bits & (1 << b) == 0) ++b;
            return (w << 8) | b;
        }
        return fallback_;
    }

    /// @dev A batch of 1…3 signed reports: valid ones, and (by each entry's seed) an expired, forged or replayed
    /// signature, or a valid signature on a report the slot refuses (the next period, not ended; the previous entry's
    /// member and period again). The model walks the entries in order: accepted ones count and use their nonce, the
    /// others change nothing; the batch must return exactly the number accepted.
    function reportBatch(uint256 seed) external track {
        uint256 n = 1 + (seed % 3);
        IMetricOracle.SignedReport[] memory batch = new IMetricOracle.SignedReport[](n);
        uint256[] memory who = new uint256[](n);
        bool[] memory forged = new bool[](n);
        for (uint256 k; k < n; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            uint256 i = r % 4;
            uint16 p = _period(r >> 8);
            uint256 deadline = block.timestamp + 10;
            uint256 mode = (r >> 16) % 6;
            if (mode == 0) deadline = block.timestamp - 1;
            if (mode == 2 && p < PERIODS) p = _currentPeriod() + 1;
            if (mode == 3 && k > 0) (i, p) = (who[k - 1], batch[k - 1].report.period);
            forged[k] = mode == 1;
            who[k] = i;
            batch[k] = _signed(
                i,
                forged[k] ? (i + 1) % 4 : i,
                _report(p, uint64((r >> 32) % 1000)),
                (r >> 48) % 1024,
                deadline
            );
            if (mode == 4 && _lastSigned[i].length > 0) {
                batch[k] = abi.decode(_lastSigned[i], (IMetricOracle.SignedReport));
                forged[k] = false;
            }
        }
        uint256 accepted;
        for (uint256 k; k < n; ++k) {
            if (_signedError(batch[k], who[k], forged[k]).length != 0) continue;
            _applySigned(batch[k], who[k]);
            ++accepted;
        }
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.reportBatch, (batch)));
        _outcome("reportBatch", ok, ret, "");
        assertEq(abi.decode(ret, (uint256)), accepted, "reportBatch: accepted as predicted");
    }

    /// @dev A member invalidates one or two nonces of word 0…3 (other bits in the word must stay as they were).
    function invalidateNonces(uint256 memberSeed, uint256 wordSeed, uint256 bits) external track {
        address a = _members[memberSeed % 4];
        uint256 word = wordSeed % 4;
        uint256 mask = (1 << (bits % 256)) | (1 << ((bits >> 8) % 256));
        vm.prank(a);
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.invalidateNonces, (word, mask)));
        _outcome("invalidateNonces", ok, ret, "");
        _nonceBits[a][word] |= mask;
    }

    function _attestation(uint16 p, uint64 value) internal view returns (Attestation memory a) {
        a.schema = resolver.schemaUID();
        a.attester = _members[0];
        a.revocable = true;
        a.data = abi.encode(MISSION, V, GOAL, p, value, keccak256("evidence"));
    }

    /// @dev An EAS attestation reaches the resolver (this contract is its EAS): reported by the resolver as itself;
    /// one in six of another schema, one in six by another attester (both refused).
    function attest(uint256 periodSeed, uint64 value, uint256 fault) external track {
        uint16 p = _period(periodSeed);
        value %= 1000;
        Attestation memory a = _attestation(p, value);
        bytes memory expected;
        if (fault % 6 == 0) {
            a.schema = keccak256(abi.encode(fault));
            expected = abi.encodeWithSelector(IEASReportResolver.WrongSchema.selector, a.schema);
        } else if (fault % 6 == 1) {
            a.attester = _members[1];
            expected = abi.encodeWithSelector(IEASReportResolver.WrongAttester.selector, _members[1], _members[0]);
        } else {
            expected = _reportError(address(resolver), RESOLVER, p);
        }
        (bool ok, bytes memory ret) = address(resolver).call(abi.encodeCall(resolver.attest, (a)));
        _outcome("attest", ok, ret, expected);
        if (ok) _applyReport(RESOLVER, p, value);
    }

    /// @dev The attestation of period `p` is revoked in EAS: the resolver withdraws its report, which the oracle does
    /// only while the slot still collects inside its window (otherwise the revocation changes nothing).
    function revoke(uint256 periodSeed) external track {
        uint16 p = _period(periodSeed);
        (bool ok, bytes memory ret) = address(resolver).call(abi.encodeCall(resolver.revoke, (_attestation(p, 0))));
        _outcome("revoke", ok, ret, "");
        _touch(p);
        _applyWithdrawal(p);
    }

    /// @dev `withdrawReport` by a member that is not the adapter, or by an outsider: NotAdapter.
    function withdrawByOther(uint256 whoSeed, uint256 periodSeed) external track {
        address caller = whoSeed % 5 == 4 ? OUTSIDER : _members[whoSeed % 4];
        uint16 p = _period(periodSeed);
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(oracle).call(
            abi.encodeCall(oracle.withdrawReport, (MISSION, V, GOAL, p))
        );
        _outcome(
            "withdrawByOther",
            ok,
            ret,
            abi.encodeWithSelector(IMetricOracle.NotAdapter.selector, MISSION, V, caller)
        );
    }

    /// @dev Finalises a Proposed period (the first touched one from the seed on, if any); one in four first moves to
    /// the challenge end's very second (still open), one in four to one past it.
    function finalize(uint256 seed) external track {
        uint16 p = _period(seed);
        for (uint256 k; k < _touched.length; ++k) {
            uint16 q = _touched[((seed % _touched.length) + k) % _touched.length];
            if (_s[q].status == IMetricFeed.SlotStatus.Proposed) {
                p = q;
                break;
            }
        }
        MetricOracleGhost.Slot storage m = _s[p];
        if (m.status == IMetricFeed.SlotStatus.Proposed && m.challengeEnd >= block.timestamp) {
            if (seed % 4 == 1) vm.warp(m.challengeEnd);
            else if (seed % 4 == 2) vm.warp(uint256(m.challengeEnd) + 1);
        }
        bytes memory expected;
        if (m.status != IMetricFeed.SlotStatus.Proposed) {
            IMetricFeed.SlotStatus st =
                m.status == IMetricFeed.SlotStatus.Collecting && block.timestamp > m.deadline
                    ? IMetricFeed.SlotStatus.Unresolved
                    : m.status;
            expected = abi.encodeWithSelector(IMetricOracle.WrongState.selector, MISSION, GOAL, p, st);
        } else if (block.timestamp <= m.challengeEnd) {
            expected = abi.encodeWithSelector(
                IMetricOracle.ChallengeWindowOpen.selector,
                MISSION,
                GOAL,
                p,
                m.challengeEnd
            );
        }
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.finalize, (MISSION, V, GOAL, p)));
        _outcome("finalize", ok, ret, expected);
        if (!ok) return;
        m.status = IMetricFeed.SlotStatus.Final;
        m.finalizedAt = uint40(block.timestamp); // cast: test timestamps are small
        if (p > latestFinal) latestFinal = p;
    }

    /// @dev The feed at round 0 or 2^16 (out of range), its latest round, or a round (period) near now: the model's
    /// final value with the period's end and finalisation time, or exactly the predicted error.
    function readFeed(uint256 seed) external track {
        uint256 mode = seed % 4;
        bool latest = mode == 2;
        uint80 round =
            mode == 0
                ? 0
                : mode == 1
                    ? 65_536
                    : uint80(_period(seed >> 2));
        if (latest) round = latestFinal;
        bytes memory expected;
        if (latest && round == 0) {
            expected = abi.encodeWithSelector(IMetricFeedAggregator.NoFinalValue.selector, MISSION, GOAL);
        } else if (round == 0 || round > type(uint16).max) {
            expected = abi.encodeWithSelector(IMetricFeedAggregator.RoundOutOfRange.selector, round);
        } else if (_s[uint16(round)].status != IMetricFeed.SlotStatus.Final) {
            uint16 p = uint16(round); // cast: checked ≤ 2^16 - 1 above
            expected = abi.encodeWithSelector(IMetricFeed.ValueNotFinal.selector, MISSION, GOAL, p, _viewStatus(p));
        }
        (bool ok, bytes memory ret) = address(feed).staticcall(
            latest ? abi.encodeCall(feed.latestRoundData, ()) : abi.encodeCall(feed.getRoundData, (round))
        );
        _outcome("readFeed", ok, ret, expected);
        if (!ok) return;
        (uint80 id, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredIn) = abi.decode(
            ret,
            (uint80, int256, uint256, uint256, uint80)
        );
        MetricOracleGhost.Slot storage m = _s[uint16(round)]; // cast: a final period
        (uint40 end, ) = _window(uint16(round));
        assertEq(id, round, "feed: round = period");
        assertEq(uint256(answer), m.value, "feed: the final value");
        assertEq(startedAt, end, "feed: the period's end");
        assertEq(updatedAt, m.finalizedAt, "feed: finalised at");
        assertEq(answeredIn, round, "feed: answered in round");
    }

    /// @dev The steward (or, one in nine, a member) installs a new committee version; `fault` picks one rule to
    /// break: a quorum above the size, a duplicate member, the steward or a member as arbiter, a challenge window
    /// over the maximum — or the edges that are allowed (quorum = size, window = the maximum). Version 1, which
    /// every slot here is bound to, must not change.
    function setCommittee(uint256 seed, uint256 fault) external track {
        uint256 size = 2 + (seed % 4);
        address[] memory m = new address[](size);
        for (uint256 k; k < size; ++k) m[k] = address(uint160(0xC000 + k + ((seed >> 8) % 16) * 16));
        IMetricOracle.CommitteeInput memory input = IMetricOracle.CommitteeInput({
            members: m,
            quorum: uint8(1 + ((seed >> 16) % size)), // cast: ≤ 5
            challengeWindow: uint32((seed >> 24) % (MAX_CHALLENGE_WINDOW + 1)), // cast: ≤ 7 days
            bondToken: bondToken,
            bondAmount: 1,
            arbiter: arbiter,
            adapter: address(0)
        });
        address caller = steward;
        bytes memory expected;
        fault %= 9;
        if (fault == 0) {
            caller = _members[seed % 4];
            expected = abi.encodeWithSelector(IMetricOracle.NotMissionSteward.selector, MISSION, caller);
        } else if (fault == 1) {
            input.quorum = uint8(size + 1 + ((seed >> 32) % 3)); // cast: ≤ 8
            expected = abi.encodeWithSelector(IMetricOracle.InvalidQuorum.selector, input.quorum, size);
        } else if (fault == 2) {
            m[size - 1] = m[(seed >> 32) % (size - 1)];
            expected = abi.encodeWithSelector(IMetricOracle.DuplicateMember.selector, m[size - 1]);
        } else if (fault == 3) {
            input.arbiter = steward;
            expected = abi.encodeWithSelector(IMetricOracle.ArbiterIsSteward.selector, steward);
        } else if (fault == 4) {
            input.arbiter = m[(seed >> 32) % size];
            expected = abi.encodeWithSelector(IMetricOracle.ArbiterIsMember.selector, input.arbiter);
        } else if (fault == 5) {
            input.challengeWindow = uint32(MAX_CHALLENGE_WINDOW + 1 + ((seed >> 32) % 100)); // cast: small
            expected = abi.encodeWithSelector(
                IMetricOracle.ChallengeWindowTooLong.selector,
                input.challengeWindow,
                MAX_CHALLENGE_WINDOW
            );
        } else if (fault == 6) {
            input.challengeWindow = uint32(MAX_CHALLENGE_WINDOW); // cast: 7 days
        } else if (fault == 7) {
            input.quorum = uint8(size); // cast: ≤ 5
        }
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.setCommittee, (MISSION, input)));
        _outcome("setCommittee", ok, ret, expected);
        if (!ok) return;
        uint16 v = ++versions;
        assertEq(abi.decode(ret, (uint16)), v, "setCommittee: the next version");
        IMetricOracle.Committee memory c = oracle.getCommittee(MISSION, v);
        assertEq(
            keccak256(abi.encode(c)),
            keccak256(
                abi.encode(
                    IMetricOracle.Committee(
                        input.arbiter,
                        input.quorum,
                        uint8(size), // cast: ≤ 5
                        input.challengeWindow,
                        bondToken,
                        1,
                        address(0),
                        m
                    )
                )
            ),
            "setCommittee: stored as given"
        );
    }
}
