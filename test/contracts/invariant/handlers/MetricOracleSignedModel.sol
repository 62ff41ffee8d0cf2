// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {Eip712} from "../../utils/Eip712.sol";
import {MetricOracleGhost} from "./MetricOracleGhost.sol";
import {MetricOracle} from "../../../../contracts/oracle/MetricOracle.sol";
import {IMetricOracle} from "../../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {EASReportResolver} from "../../../../contracts/adapters/EASReportResolver.sol";
import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";

/// @notice The ghost model behind `MetricOracleSignedHandler`, written from `IMetricOracle`'s rules (not from the
/// contract): the slots of goal 1 (250 periods of 100 s from t = 2^32 + 1000, each open for reports 50 s after its end)
/// under committee version 1 — four members with keys and an EAS resolver (member 4, the version's adapter), quorum
/// 3 — each reporter's used nonces (bitmap words 0…3), the committee versions the steward installed, and the highest
/// final period. The EIP-712 digest a reporter signs is computed here from the standard (domain: name "MetricOracle",
/// version "1", chain id, the oracle's address). The handler acts as EAS for the resolver.
abstract contract MetricOracleSignedModel is HandlerBase {
    uint16 internal constant V = 1;
    uint8 internal constant GOAL = 1;
    uint256 internal constant MISSION = 1;
    uint8 internal constant QUORUM = 3;
    uint256 internal constant RESOLVER = 4;
    /// @dev Past 2^32 s (year 2106), so that every 40-bit time field of a slot uses its high byte.
    uint256 internal constant FIRST_END = 2 ** 32 + 1000;
    uint256 internal constant PERIOD_LENGTH = 100;
    uint256 internal constant REPORTING_WINDOW = 50;
    uint16 internal constant PERIODS = 250;
    uint256 internal constant MAX_CHALLENGE_WINDOW = 7 days;
    address internal constant OUTSIDER = address(0x757);

    MetricOracle internal oracle;
    EASReportResolver public resolver;
    address public steward;
    address internal arbiter;
    address internal bondToken;
    uint32 public challengeWindow;
    uint256[4] internal _keys;
    /// @dev Members 0…3 (with keys) and the resolver (4).
    address[5] internal _members;

    mapping(uint16 period => MetricOracleGhost.Slot) internal _s;
    uint16[] internal _touched;
    mapping(uint16 period => bool) internal _isTouched;
    mapping(address reporter => mapping(uint256 wordPos => uint256 bits)) internal _nonceBits;
    /// @dev The last signed report each member got accepted (replayed on purpose).
    mapping(uint256 member => bytes signed) internal _lastSigned;
    uint16 public versions;
    uint16 public latestFinal;

    /// @dev After every action the oracle equals the model.
    modifier track() {
        _;
        _checkModel();
    }

    /// @dev Deploys the resolver (this contract is its EAS; member 0 is its attester) and has the steward install
    /// committee version 1: members 0…3 and the resolver, quorum 3, the resolver as adapter.
    constructor(MetricOracle oracle_, address steward_, address arbiter_, address bondToken_, uint256[4] memory keys_) {
        (oracle, steward, arbiter, bondToken, _keys) = (oracle_, steward_, arbiter_, bondToken_, keys_);
        challengeWindow = 60;
        resolver = new EASReportResolver(IEAS(address(this)), oracle_, vm.addr(keys_[0]));
        address[] memory m = new address[](5);
        for (uint256 i; i < 4; ++i) m[i] = _members[i] = vm.addr(keys_[i]);
        m[4] = _members[4] = address(resolver);
        vm.prank(steward_);
        oracle_.setCommittee(
            MISSION,
            IMetricOracle.CommitteeInput(m, QUORUM, challengeWindow, bondToken_, 1e18, arbiter_, address(resolver))
        );
        versions = 1;
    }

    function member(uint256 i) external view returns (address) {
        return _members[i];
    }

    /*//////////////////////////////////////////////////////////////
                               THE MODEL
    //////////////////////////////////////////////////////////////*/

    function _window(uint16 p) internal pure returns (uint40 end, uint40 deadline) {
        end = uint40(FIRST_END + uint256(p - 1) * PERIOD_LENGTH); // cast: < 2^33
        deadline = uint40(end + REPORTING_WINDOW);
    }

    /// @dev The last period that has ended (0 before the first), capped at the goal's last.
    function _currentPeriod() internal view returns (uint16) {
        if (block.timestamp <= FIRST_END) return 0;
        uint256 p = (block.timestamp - FIRST_END - 1) / PERIOD_LENGTH + 1;
        return p > PERIODS ? PERIODS : uint16(p); // cast: ≤ 250
    }

    /// @dev The period before the current one, the current one (two in four), or the next one (not ended yet).
    function _period(uint256 seed) internal view returns (uint16 p) {
        uint256 cur = _currentPeriod();
        uint256 mode = seed % 4;
        if (mode == 0 && cur > 1)
            p = uint16(cur - 1); // cast: ≤ 250
        else if (mode == 3 && cur < PERIODS)
            p = uint16(cur + 1); // cast: ≤ 250
        else p = cur == 0 ? 1 : uint16(cur); // cast: ≤ 250
    }

    function _touch(uint16 p) internal {
        if (_isTouched[p]) return;
        _isTouched[p] = true;
        _touched.push(p);
    }

    function _report(uint16 p, uint64 value) internal pure returns (IMetricOracle.Report memory) {
        return IMetricOracle.Report(MISSION, V, GOAL, p, value, keccak256(abi.encode(p, value)));
    }

    /// @dev The status `slotStatus` and `ValueNotFinal` report: an untouched period reads Unresolved after its
    /// deadline; a Collecting slot past its deadline reads Unresolved.
    function _viewStatus(uint16 p) internal view returns (IMetricFeed.SlotStatus) {
        MetricOracleGhost.Slot storage m = _s[p];
        if (m.status == IMetricFeed.SlotStatus.None) {
            if (p == 0 || p > PERIODS) return IMetricFeed.SlotStatus.None;
            (, uint40 deadline) = _window(p);
            return block.timestamp > deadline ? IMetricFeed.SlotStatus.Unresolved : IMetricFeed.SlotStatus.None;
        }
        if (m.status == IMetricFeed.SlotStatus.Collecting && block.timestamp > m.deadline) {
            return IMetricFeed.SlotStatus.Unresolved;
        }
        return m.status;
    }

    /// @dev The error a report of period `p` by `reporter` (member index `idx`, or max for a non-member) must get, or
    /// empty when it must be accepted.
    function _reportError(address reporter, uint256 idx, uint16 p) internal view returns (bytes memory) {
        MetricOracleGhost.Slot storage m = _s[p];
        (uint40 end, uint40 deadline) = _window(p);
        if (m.status == IMetricFeed.SlotStatus.None && block.timestamp <= end) {
            return abi.encodeWithSelector(IMetricOracle.PeriodNotEnded.selector, MISSION, GOAL, p, end);
        }
        if (
            m.status != IMetricFeed.SlotStatus.None &&
            m.status != IMetricFeed.SlotStatus.Collecting &&
            m.status != IMetricFeed.SlotStatus.Proposed
        ) {
            return abi.encodeWithSelector(IMetricOracle.WrongState.selector, MISSION, GOAL, p, m.status);
        }
        if (block.timestamp > deadline) {
            return abi.encodeWithSelector(IMetricOracle.ReportingClosed.selector, MISSION, GOAL, p, deadline);
        }
        if (idx == type(uint256).max) {
            return abi.encodeWithSelector(IMetricOracle.NotCommitteeMember.selector, MISSION, V, reporter);
        }
        if (m.mask & (1 << idx) != 0) {
            return abi.encodeWithSelector(IMetricOracle.AlreadyReported.selector, MISSION, GOAL, p, reporter);
        }
        return "";
    }

    /// @dev An accepted report (`MetricOracleGhost.applyReport`).
    function _applyReport(uint256 idx, uint16 p, uint64 value) internal {
        _touch(p);
        (, uint40 deadline) = _window(p);
        MetricOracleGhost.applyReport(_s[p], idx, value, deadline, QUORUM, challengeWindow);
    }

    /// @dev The adapter's withdrawal: only from a slot still Collecting inside its window, only its own report.
    function _applyWithdrawal(uint16 p) internal returns (bool) {
        MetricOracleGhost.Slot storage m = _s[p];
        if (m.status != IMetricFeed.SlotStatus.Collecting || block.timestamp > m.deadline) return false;
        if (m.mask & (1 << RESOLVER) == 0) return false;
        m.mask &= ~uint16(1 << RESOLVER); // cast: bit 4
        --m.count;
        m.values[RESOLVER] = 0;
        return true;
    }

    function _nonceUsed(address reporter, uint256 nonce) internal view returns (bool) {
        return _nonceBits[reporter][nonce >> 8] & (1 << (nonce & 0xff)) != 0;
    }

    /// @dev The EIP-712 digest of a signed report, from the standard.
    function _digest(
        IMetricOracle.Report memory r,
        address reporter,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes32) {
        return Eip712.reportDigest(Eip712.domain("MetricOracle", "1", address(oracle)), r, reporter, nonce, deadline);
    }

    /// @dev `r` as reported by member `i`, signed with the key of member `signer` (a wrong signer forges it).
    function _signed(
        uint256 i,
        uint256 signer,
        IMetricOracle.Report memory r,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (IMetricOracle.SignedReport memory s) {
        (uint8 v, bytes32 rr, bytes32 ss) = vm.sign(_keys[signer], _digest(r, _members[i], nonce, deadline));
        s = IMetricOracle.SignedReport(r, _members[i], nonce, deadline, abi.encodePacked(rr, ss, v));
    }

    /// @dev The error a signed report must get: expired, then a used nonce, then a bad signature, then the report's
    /// own rules (`forged`: signed by a key other than the reporter's).
    function _signedError(
        IMetricOracle.SignedReport memory s,
        uint256 i,
        bool forged
    ) internal view returns (bytes memory) {
        if (block.timestamp > s.deadline) {
            return abi.encodeWithSelector(IMetricOracle.SignatureExpired.selector, s.reporter, s.deadline);
        }
        if (_nonceUsed(s.reporter, s.nonce)) {
            return abi.encodeWithSelector(IMetricOracle.NonceUsed.selector, s.reporter, s.nonce);
        }
        if (forged) return abi.encodeWithSelector(IMetricOracle.InvalidSignature.selector, s.reporter);
        return _reportError(s.reporter, i, s.report.period);
    }

    /// @dev An accepted signed report: the report counts and its nonce is used.
    function _applySigned(IMetricOracle.SignedReport memory s, uint256 i) internal {
        _applyReport(i, s.report.period, s.report.value);
        _nonceBits[s.reporter][s.nonce >> 8] |= 1 << (s.nonce & 0xff);
        _lastSigned[i] = abi.encode(s);
    }

    /*//////////////////////////////////////////////////////////////
                                CHECKS
    //////////////////////////////////////////////////////////////*/

    /// @notice The oracle's slots, nonces, committee version count and latest final period equal the model's.
    function checkModel() external view {
        _checkModel();
    }

    function _checkModel() internal view {
        for (uint256 k; k < _touched.length; ++k) _checkSlot(_touched[k]);
        for (uint256 i; i < 4; ++i) {
            for (uint256 w; w < 4; ++w) {
                assertEq(oracle.nonceBitmap(_members[i], w), _nonceBits[_members[i]][w], "model: nonce bitmap");
            }
        }
        assertEq(oracle.committeeVersion(MISSION), versions, "model: committee versions");
        assertEq(oracle.latestFinalPeriod(MISSION, V, GOAL), latestFinal, "model: latest final period");
    }

    function _checkSlot(uint16 p) internal view {
        MetricOracleGhost.Slot storage m = _s[p];
        IMetricOracle.Slot memory s = oracle.getSlot(MISSION, V, GOAL, p);
        assertEq(uint256(s.status), uint256(m.status), "model: status");
        assertEq(s.reportCount, m.count, "model: report count");
        assertEq(s.reportedMask, m.mask, "model: reported mask");
        assertEq(uint256(oracle.slotStatus(MISSION, V, GOAL, p)), uint256(_viewStatus(p)), "model: view status");
        if (m.status == IMetricFeed.SlotStatus.None) return;
        assertEq(s.committeeVersion, V, "model: committee version");
        assertEq(s.quorum, QUORUM, "model: quorum copied");
        assertEq(s.reportingDeadline, m.deadline, "model: reporting deadline");
        assertEq(s.value, m.value, "model: value");
        assertEq(s.challengeEnd, m.challengeEnd, "model: challenge end");
        assertEq(s.finalizedAt, m.finalizedAt, "model: finalised at");
        for (uint256 i; i < 5; ++i) {
            (bool reported, uint64 v) = oracle.reportOf(MISSION, V, GOAL, p, _members[i]);
            assertTrue(reported == (m.mask & (1 << i) != 0), "model: member reported");
            assertEq(v, m.values[i], "model: member's value");
        }
    }
}
