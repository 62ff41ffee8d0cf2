// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IMetricFeed} from "./IMetricFeed.sol";
import {IMetricOracle} from "./IMetricOracle.sol";
import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {MedianLib} from "./MedianLib.sol";
import {SignatureVerifier} from "./SignatureVerifier.sol";
import {PackedSlot, PackedSlotLib} from "./types/PackedSlot.sol";

/// @title MetricOracle
/// @notice Evaluator committees, reports, quorum median, bonded disputes. See {IMetricOracle}. Signed reports are
/// checked by {SignatureVerifier}; the packed slot word is {PackedSlot}.
/// @dev Bonds: a dispute credits the bond that actually arrived (balance delta), so fee-on-transfer tokens are
/// accounted correctly; rebasing tokens are not supported as bond tokens. Bonds are paid out by pull
/// (`withdrawBond`), so no recipient can block a resolution. A bond forfeited by a wrong dispute goes to the
/// mission's steward (at resolution time), who bears the mission's arbitration costs — not to the committee, so that
/// evaluators never profit from disputes over their own values.
contract MetricOracle is IMetricOracle, SignatureVerifier, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Largest committee: the per-member report bit masks are 16 bits wide and 16 uint64 values fill 4 words.
    uint256 public constant MAX_MEMBERS = 16;

    /// @inheritdoc IMetricOracle
    uint256 public constant ARBITRATION_PERIOD = 30 days;

    IMissionRegistry private immutable _REGISTRY;

    mapping(uint256 missionId => uint16 version) private _currentVersion;
    mapping(uint256 missionId => mapping(uint16 version => Committee)) private _committees;
    mapping(uint256 missionId => mapping(uint16 version => mapping(address member => uint8 indexPlusOne)))
        private _memberIndex;
    /// @dev Each slot packed in one word (see `PackedSlot`): one SLOAD and one SSTORE per state change.
    mapping(bytes32 slotKey => PackedSlot packed) private _slots;
    /// @dev The reported values of a slot by member index `i`: word `i / 4`, bits `64 * (i % 4)`.
    mapping(bytes32 slotKey => uint256[4] packed) private _values;
    mapping(bytes32 slotKey => Dispute) private _disputes;
    mapping(uint256 missionId => mapping(uint8 goalId => uint16 period)) private _latestFinal;
    mapping(address token => mapping(address account => uint256 amount)) private _claimable;
    mapping(address token => uint256 amount) private _bondsHeld;

    /// @param registry_ The mission registry whose stewards, goals and periods this oracle follows.
    constructor(IMissionRegistry registry_) SignatureVerifier("MetricOracle", "1") {
        _REGISTRY = registry_;
    }

    /*//////////////////////////////////////////////////////////////
                               COMMITTEE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMetricOracle
    function setCommittee(uint256 missionId, CommitteeInput calldata input) external returns (uint16 version) {
        if (_REGISTRY.getMission(missionId).steward != msg.sender) revert NotMissionSteward(missionId, msg.sender);
        uint256 size = input.members.length;
        if (size == 0 || size > MAX_MEMBERS) revert CommitteeSize(size, MAX_MEMBERS);
        if (input.quorum == 0 || input.quorum > size) revert InvalidQuorum(input.quorum, size);
        if (input.arbiter == address(0)) revert ZeroArbiter();
        if (input.bondToken == address(0)) revert ZeroBondToken();
        if (input.bondAmount == 0) revert ZeroBondAmount();

        version = ++_currentVersion[missionId];
        Committee storage c = _committees[missionId][version];
        c.arbiter = input.arbiter;
        c.quorum = input.quorum;
        c.size = uint8(size); // cast: size ≤ MAX_MEMBERS = 16
        c.challengeWindow = input.challengeWindow;
        c.bondToken = input.bondToken;
        c.bondAmount = input.bondAmount;
        c.adapter = input.adapter;
        mapping(address member => uint8 indexPlusOne) storage index = _memberIndex[missionId][version];
        for (uint256 i = 0; i < size; ++i) {
            address member = input.members[i];
            if (member == address(0)) revert ZeroMember(i);
            if (index[member] != 0) revert DuplicateMember(member);
            index[member] = uint8(i + 1); // cast: i < 16
            c.members.push(member);
        }
        emit CommitteeSet(
            missionId,
            version,
            input.members,
            input.quorum,
            input.challengeWindow,
            input.bondToken,
            input.bondAmount,
            input.arbiter,
            input.adapter
        );
    }

    /*//////////////////////////////////////////////////////////////
                                REPORTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMetricOracle
    function report(Report calldata r) external {
        _report(msg.sender, r, false);
    }

    /// @inheritdoc IMetricOracle
    function reportSigned(SignedReport calldata s) external {
        _verifyReport(s);
        _report(s.reporter, s.report, false);
    }

    /// @inheritdoc IMetricOracle
    function reportBatch(SignedReport[] calldata reports) external {
        uint256 n = reports.length;
        if (n == 0) revert EmptyBatch();
        for (uint256 i = 0; i < n; ++i) {
            SignedReport calldata s = reports[i];
            _verifyReport(s);
            _report(s.reporter, s.report, false);
        }
    }

    /// @inheritdoc IMetricOracle
    function reportFor(address member, Report calldata r) external {
        _report(member, r, true);
    }

    /// @inheritdoc IMetricOracle
    function withdrawReportFor(
        address member,
        uint256 missionId,
        uint8 goalId,
        uint16 period
    ) external returns (bool withdrawn) {
        bytes32 key = _slotKey(missionId, goalId, period);
        Slot memory s = _slots[key].unpack();
        uint16 version = s.status == SlotStatus.None ? _currentVersion[missionId] : s.committeeVersion;
        if (_committees[missionId][version].adapter != msg.sender) revert NotAdapter(missionId, version, msg.sender);
        if (s.status != SlotStatus.Collecting || block.timestamp > s.reportingDeadline) return false;
        uint8 indexPlusOne = _memberIndex[missionId][version][member];
        if (indexPlusOne == 0) return false;
        uint16 bit = uint16(1 << (indexPlusOne - 1)); // cast: indexPlusOne ≤ 16
        if (s.adapterMask & bit == 0) return false;
        s.reportedMask &= ~bit;
        s.adapterMask &= ~bit;
        --s.reportCount;
        _slots[key] = PackedSlotLib.pack(s);
        _writeValue(key, indexPlusOne - 1, 0);
        emit ReportWithdrawn(missionId, goalId, period, member);
        return true;
    }

    /// @dev The one code path every report takes: window, membership, once per member, quorum → median.
    function _report(address member, Report calldata r, bool viaAdapter) private {
        bytes32 key = _slotKey(r.missionId, r.goalId, r.period);
        Slot memory s = _slots[key].unpack();
        if (s.status == SlotStatus.None) {
            // First report: bind the slot to the current committee and to the goal's reporting window.
            uint16 current = _currentVersion[r.missionId];
            if (current == 0) revert NoCommittee(r.missionId);
            (uint40 periodEnd, uint40 deadline) = _REGISTRY.periodWindow(r.missionId, r.goalId, r.period);
            if (block.timestamp <= periodEnd) revert PeriodNotEnded(r.missionId, r.goalId, r.period, periodEnd);
            s.status = SlotStatus.Collecting;
            s.committeeVersion = current;
            s.reportingDeadline = deadline;
        } else if (s.status != SlotStatus.Collecting) {
            revert WrongState(r.missionId, r.goalId, r.period, s.status);
        }
        // Later reports need no registry call: the first one proved the period ended, and time only moves on.
        if (block.timestamp > s.reportingDeadline) {
            revert ReportingClosed(r.missionId, r.goalId, r.period, s.reportingDeadline);
        }
        uint16 version = s.committeeVersion;
        if (viaAdapter && _committees[r.missionId][version].adapter != msg.sender) {
            revert NotAdapter(r.missionId, version, msg.sender);
        }
        uint8 indexPlusOne = _memberIndex[r.missionId][version][member];
        if (indexPlusOne == 0) revert NotCommitteeMember(r.missionId, version, member);
        uint16 bit = uint16(1 << (indexPlusOne - 1)); // cast: indexPlusOne ≤ 16
        if (s.reportedMask & bit != 0) revert AlreadyReported(r.missionId, r.goalId, r.period, member);

        s.reportedMask |= bit;
        if (viaAdapter) s.adapterMask |= bit;
        ++s.reportCount;
        _writeValue(key, indexPlusOne - 1, r.value);
        emit ReportSubmitted(r.missionId, r.goalId, r.period, member, r.value, r.evidenceHash, msg.sender);

        Committee storage c = _committees[r.missionId][version];
        if (s.reportCount == c.quorum) {
            s.value = MedianLib.medianInPlace(_collect(key, s.reportedMask, s.reportCount));
            s.status = SlotStatus.Proposed;
            s.challengeEnd = uint40(block.timestamp) + c.challengeWindow; // cast: timestamps fit 40 bits until 36812
            emit ValueProposed(r.missionId, r.goalId, r.period, s.value, s.challengeEnd, version);
        }
        _slots[key] = PackedSlotLib.pack(s);
    }

    /// @dev Stores `value` as member `index`'s report (clearing what was there).
    function _writeValue(bytes32 key, uint256 index, uint64 value) private {
        uint256[4] storage words = _values[key];
        uint256 shift = (index & 3) * 64;
        uint256 word = words[index >> 2];
        words[index >> 2] = (word & ~(uint256(type(uint64).max) << shift)) | (uint256(value) << shift);
    }

    /// @dev The `count` values of the members in `mask`, reading only the words that hold them.
    function _collect(bytes32 key, uint16 mask, uint8 count) private view returns (uint64[] memory values) {
        uint256[4] storage words = _values[key];
        values = new uint64[](count);
        uint256 n;
        for (uint256 w = 0; w < 4; ++w) {
            uint256 group = (uint256(mask) >> (4 * w)) & 0xf;
            if (group == 0) continue;
            uint256 word = words[w];
            for (uint256 j = 0; j < 4; ++j) {
                if (group & (1 << j) != 0) values[n++] = uint64(word >> (64 * j)); // cast: takes one 64-bit lane
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                          DISPUTES AND FINALITY
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMetricOracle
    function dispute(uint256 missionId, uint8 goalId, uint16 period) external nonReentrant {
        bytes32 key = _slotKey(missionId, goalId, period);
        Slot memory s = _slots[key].unpack();
        if (s.status != SlotStatus.Proposed) revert WrongState(missionId, goalId, period, _statusOf(s));
        if (block.timestamp > s.challengeEnd) revert ChallengeWindowClosed(missionId, goalId, period, s.challengeEnd);
        Committee storage c = _committees[missionId][s.committeeVersion];
        IERC20 token = IERC20(c.bondToken);
        s.status = SlotStatus.Disputed;
        _slots[key] = PackedSlotLib.pack(s);

        // Interaction before the record: the bond credited is what actually arrived (balance delta).
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), c.bondAmount);
        uint96 received = SafeCast.toUint96(token.balanceOf(address(this)) - balanceBefore);
        _disputes[key] = Dispute({disputer: msg.sender, bond: received});
        _bondsHeld[address(token)] += received;
        emit ValueDisputed(missionId, goalId, period, msg.sender, address(token), received);
    }

    /// @inheritdoc IMetricOracle
    function resolve(uint256 missionId, uint8 goalId, uint16 period, uint64 value) external {
        bytes32 key = _slotKey(missionId, goalId, period);
        Slot memory s = _slots[key].unpack();
        address token = _checkArbiter(s, missionId, goalId, period);
        bool disputerWon = value != s.value;
        uint40 finalizedAt = uint40(block.timestamp); // cast: timestamps fit 40 bits until year 36812
        s.status = SlotStatus.Final;
        s.value = value;
        s.finalizedAt = finalizedAt;
        _slots[key] = PackedSlotLib.pack(s);
        _bumpLatestFinal(missionId, goalId, period);
        emit DisputeResolved(missionId, goalId, period, msg.sender, value, disputerWon);
        emit ValueFinalized(missionId, goalId, period, value, finalizedAt);
        Dispute memory d = _disputes[key];
        _credit(token, disputerWon ? d.disputer : _REGISTRY.getMission(missionId).steward, d.bond);
    }

    /// @inheritdoc IMetricOracle
    function resolveInvalid(uint256 missionId, uint8 goalId, uint16 period) external {
        bytes32 key = _slotKey(missionId, goalId, period);
        Slot memory s = _slots[key].unpack();
        address token = _checkArbiter(s, missionId, goalId, period);
        s.status = SlotStatus.Unresolved;
        _slots[key] = PackedSlotLib.pack(s);
        emit SlotUnresolved(missionId, goalId, period, UnresolvedReason.ArbiterInvalid);
        Dispute memory d = _disputes[key];
        _credit(token, d.disputer, d.bond);
    }

    /// @inheritdoc IMetricOracle
    function expireDispute(uint256 missionId, uint8 goalId, uint16 period) external {
        bytes32 key = _slotKey(missionId, goalId, period);
        Slot memory s = _slots[key].unpack();
        if (s.status != SlotStatus.Disputed) revert WrongState(missionId, goalId, period, _statusOf(s));
        uint256 expiresAt = uint256(s.challengeEnd) + ARBITRATION_PERIOD;
        if (block.timestamp <= expiresAt) revert ArbitrationNotExpired(missionId, goalId, period, expiresAt);
        s.status = SlotStatus.Unresolved;
        _slots[key] = PackedSlotLib.pack(s);
        emit SlotUnresolved(missionId, goalId, period, UnresolvedReason.ArbitrationExpired);
        Dispute memory d = _disputes[key];
        _credit(_committees[missionId][s.committeeVersion].bondToken, d.disputer, d.bond);
    }

    /// @inheritdoc IMetricOracle
    function finalize(uint256 missionId, uint8 goalId, uint16 period) external {
        bytes32 key = _slotKey(missionId, goalId, period);
        Slot memory s = _slots[key].unpack();
        if (s.status != SlotStatus.Proposed) revert WrongState(missionId, goalId, period, _statusOf(s));
        if (block.timestamp <= s.challengeEnd) revert ChallengeWindowOpen(missionId, goalId, period, s.challengeEnd);
        uint40 finalizedAt = uint40(block.timestamp); // cast: timestamps fit 40 bits until year 36812
        s.status = SlotStatus.Final;
        s.finalizedAt = finalizedAt;
        _slots[key] = PackedSlotLib.pack(s);
        _bumpLatestFinal(missionId, goalId, period);
        emit ValueFinalized(missionId, goalId, period, s.value, finalizedAt);
    }

    /// @inheritdoc IMetricOracle
    function markUnresolved(uint256 missionId, uint8 goalId, uint16 period) external {
        bytes32 key = _slotKey(missionId, goalId, period);
        Slot memory s = _slots[key].unpack();
        SlotStatus stored = s.status;
        SlotStatus status = stored == SlotStatus.None ? _noneStatus(missionId, goalId, period, true) : _statusOf(s);
        if (status != SlotStatus.Unresolved || stored == SlotStatus.Unresolved) {
            revert WrongState(missionId, goalId, period, status);
        }
        s.status = SlotStatus.Unresolved;
        _slots[key] = PackedSlotLib.pack(s);
        emit SlotUnresolved(missionId, goalId, period, UnresolvedReason.NoQuorum);
    }

    /// @inheritdoc IMetricOracle
    function withdrawBond(address token) external nonReentrant {
        uint256 amount = _claimable[token][msg.sender];
        if (amount == 0) revert NothingToWithdraw(token, msg.sender);
        _claimable[token][msg.sender] = 0;
        _bondsHeld[token] -= amount;
        emit BondWithdrawn(token, msg.sender, amount);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    /// @dev Checks the slot is Disputed and the caller is its committee's arbiter; returns the bond token.
    function _checkArbiter(
        Slot memory s,
        uint256 missionId,
        uint8 goalId,
        uint16 period
    ) private view returns (address token) {
        if (s.status != SlotStatus.Disputed) revert WrongState(missionId, goalId, period, _statusOf(s));
        Committee storage c = _committees[missionId][s.committeeVersion];
        if (msg.sender != c.arbiter) revert NotArbiter(missionId, s.committeeVersion, msg.sender);
        return c.bondToken;
    }

    function _credit(address token, address account, uint256 amount) private {
        _claimable[token][account] += amount;
        emit BondCredited(token, account, amount);
    }

    function _bumpLatestFinal(uint256 missionId, uint8 goalId, uint16 period) private {
        if (period > _latestFinal[missionId][goalId]) _latestFinal[missionId][goalId] = period;
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMetricOracle
    function registry() external view returns (address) {
        return address(_REGISTRY);
    }

    /// @inheritdoc IMetricOracle
    function committeeVersion(uint256 missionId) external view returns (uint16) {
        return _currentVersion[missionId];
    }

    /// @inheritdoc IMetricOracle
    function getCommittee(uint256 missionId, uint16 version) external view returns (Committee memory) {
        if (version == 0 || version > _currentVersion[missionId]) revert CommitteeNotFound(missionId, version);
        return _committees[missionId][version];
    }

    /// @inheritdoc IMetricOracle
    function isMember(uint256 missionId, uint16 version, address account) external view returns (bool) {
        return _memberIndex[missionId][version][account] != 0;
    }

    /// @inheritdoc IMetricOracle
    function getSlot(uint256 missionId, uint8 goalId, uint16 period) external view returns (Slot memory) {
        return _slots[_slotKey(missionId, goalId, period)].unpack();
    }

    /// @inheritdoc IMetricOracle
    function reportOf(
        uint256 missionId,
        uint8 goalId,
        uint16 period,
        address member
    ) external view returns (bool reported, uint64 value) {
        bytes32 key = _slotKey(missionId, goalId, period);
        Slot memory s = _slots[key].unpack();
        uint8 indexPlusOne = _memberIndex[missionId][s.committeeVersion][member];
        if (s.status == SlotStatus.None || indexPlusOne == 0) return (false, 0);
        uint256 index = indexPlusOne - 1;
        reported = s.reportedMask & (1 << index) != 0;
        value = uint64(_values[key][index >> 2] >> (64 * (index & 3))); // cast: takes one 64-bit lane
    }

    /// @inheritdoc IMetricOracle
    function getDispute(uint256 missionId, uint8 goalId, uint16 period) external view returns (Dispute memory) {
        return _disputes[_slotKey(missionId, goalId, period)];
    }

    /// @inheritdoc IMetricOracle
    function latestFinalPeriod(uint256 missionId, uint8 goalId) external view returns (uint16) {
        return _latestFinal[missionId][goalId];
    }

    /// @inheritdoc IMetricOracle
    function claimableBond(address token, address account) external view returns (uint256) {
        return _claimable[token][account];
    }

    /// @inheritdoc IMetricOracle
    function bondsHeld(address token) external view returns (uint256) {
        return _bondsHeld[token];
    }

    /// @inheritdoc IMetricOracle
    function reportDigest(
        Report calldata r,
        address reporter,
        uint256 nonce,
        uint256 deadline
    ) external view returns (bytes32) {
        return _reportDigest(r, reporter, nonce, deadline);
    }

    /// @inheritdoc IMetricFeed
    function slotStatus(uint256 missionId, uint8 goalId, uint16 period) public view returns (SlotStatus) {
        Slot memory s = _slots[_slotKey(missionId, goalId, period)].unpack();
        if (s.status == SlotStatus.None) return _noneStatus(missionId, goalId, period, false);
        return _statusOf(s);
    }

    /// @inheritdoc IMetricFeed
    function finalValue(
        uint256 missionId,
        uint8 goalId,
        uint16 period
    ) external view returns (uint64 value, uint40 finalizedAt) {
        Slot memory s = _slots[_slotKey(missionId, goalId, period)].unpack();
        if (s.status != SlotStatus.Final) {
            revert ValueNotFinal(missionId, goalId, period, slotStatus(missionId, goalId, period));
        }
        return (s.value, s.finalizedAt);
    }

    /// @dev The status of a slot with at least one report (or a terminal state): Collecting past the deadline reads
    /// Unresolved.
    function _statusOf(Slot memory s) private view returns (SlotStatus) {
        SlotStatus stored = s.status;
        if (stored == SlotStatus.Collecting && block.timestamp > s.reportingDeadline) return SlotStatus.Unresolved;
        return stored;
    }

    /// @dev The status of a slot nobody reported to: Unresolved after its reporting deadline, else None. The view
    /// (`strict = false`) reads an unknown goal or period as None; `markUnresolved` lets the registry's error through.
    function _noneStatus(
        uint256 missionId,
        uint8 goalId,
        uint16 period,
        bool strict
    ) private view returns (SlotStatus) {
        uint40 deadline;
        if (strict) {
            (, deadline) = _REGISTRY.periodWindow(missionId, goalId, period);
        } else {
            try _REGISTRY.periodWindow(missionId, goalId, period) returns (uint40, uint40 d) {
                deadline = d;
            } catch {
                return SlotStatus.None;
            }
        }
        return block.timestamp > deadline ? SlotStatus.Unresolved : SlotStatus.None;
    }

    function _slotKey(uint256 missionId, uint8 goalId, uint16 period) private pure returns (bytes32) {
        return keccak256(abi.encode(missionId, goalId, period));
    }
}
