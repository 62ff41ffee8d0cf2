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
/// @dev Slots are keyed by (mission, committee version, goal, period). Bonds: a dispute credits the bond that actually arrived (balance delta), so fee-on-transfer tokens are
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

    /// @inheritdoc IMetricOracle
    /// @dev Bounds the time a proposed value can stay open, so consumers can compute when every slot is terminal.
    uint256 public constant MAX_CHALLENGE_WINDOW = 7 days;

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
    mapping(uint256 missionId => mapping(uint16 version => mapping(uint8 goalId => uint16 period)))
        private _latestFinal;
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
        address steward = _REGISTRY.getMission(missionId).steward;
        if (steward != msg.sender) revert NotMissionSteward(missionId, msg.sender);
        uint256 size = input.members.length;
        if (size == 0 || size > MAX_MEMBERS) revert CommitteeSize(size, MAX_MEMBERS);
        if (input.quorum == 0 || input.quorum > size) revert InvalidQuorum(input.quorum, size);
        if (input.challengeWindow > MAX_CHALLENGE_WINDOW) {
            revert ChallengeWindowTooLong(input.challengeWindow, MAX_CHALLENGE_WINDOW);
        }
        address arbiter = input.arbiter;
        if (arbiter == address(0)) revert ZeroArbiter();
        if (arbiter == steward) revert ArbiterIsSteward(arbiter);
        if (input.bondToken == address(0)) revert ZeroBondToken();
        if (input.bondAmount == 0) revert ZeroBondAmount();

        version = ++_currentVersion[missionId];
        Committee storage c = _committees[missionId][version];
        c.arbiter = arbiter;
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
            if (member == arbiter) revert ArbiterIsMember(arbiter);
            if (index[member] != 0) revert DuplicateMember(member);
            index[member] = uint8(i + 1); // cast: i < 16
            c.members.push(member);
        }
        address adapter = input.adapter;
        if (adapter != address(0)) {
            if (adapter.code.length == 0) revert AdapterNotContract(adapter);
            if (index[adapter] == 0) revert AdapterNotMember(adapter);
        }
        emit CommitteeSet(
            missionId,
            version,
            input.members,
            input.quorum,
            input.challengeWindow,
            input.bondToken,
            input.bondAmount,
            arbiter,
            adapter
        );
    }

    /*//////////////////////////////////////////////////////////////
                                REPORTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMetricOracle
    function report(Report calldata r) external {
        _raise(_report(msg.sender, r));
    }

    /// @inheritdoc IMetricOracle
    function reportSigned(SignedReport calldata s) external {
        (bytes memory err, uint256 usedWord) = _checkSignedReport(s);
        _raise(err);
        _raise(_report(s.reporter, s.report));
        _useNonce(s.reporter, s.nonce, usedWord);
    }

    /// @inheritdoc IMetricOracle
    function reportBatch(SignedReport[] calldata reports) external returns (uint256 accepted) {
        uint256 n = reports.length;
        if (n == 0) revert EmptyBatch();
        for (uint256 i = 0; i < n; ++i) {
            SignedReport calldata s = reports[i];
            (bytes memory err, uint256 usedWord) = _checkSignedReport(s);
            if (err.length == 0) err = _report(s.reporter, s.report);
            if (err.length == 0) {
                _useNonce(s.reporter, s.nonce, usedWord);
                // unchecked: accepted ≤ i < reports.length
                unchecked {
                    ++accepted;
                }
            } else {
                emit BatchEntrySkipped(i, s.reporter, s.nonce, bytes4(err));
            }
        }
    }

    /// @inheritdoc IMetricOracle
    function invalidateNonces(uint256 wordPos, uint256 mask) external {
        _nonceBitmap[msg.sender][wordPos] |= mask;
        emit NoncesInvalidated(msg.sender, wordPos, mask);
    }

    /// @inheritdoc IMetricOracle
    function withdrawReport(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external returns (bool withdrawn) {
        if (_committees[missionId][version].adapter != msg.sender || msg.sender == address(0)) {
            revert NotAdapter(missionId, version, msg.sender);
        }
        bytes32 key = _slotKey(missionId, version, goalId, period);
        Slot memory s = _slots[key].unpack();
        if (s.status != SlotStatus.Collecting || block.timestamp > s.reportingDeadline) return false;
        uint8 indexPlusOne = _memberIndex[missionId][version][msg.sender];
        uint16 bit = uint16(1 << (indexPlusOne - 1)); // cast: 1 ≤ indexPlusOne ≤ 16 (the adapter is a member)
        if (s.reportedMask & bit == 0) return false;
        s.reportedMask &= ~bit;
        --s.reportCount;
        _slots[key] = PackedSlotLib.pack(s);
        _writeValue(key, indexPlusOne - 1, 0);
        emit ReportWithdrawn(missionId, goalId, period, msg.sender, version);
        return true;
    }

    /// @dev The one code path every report takes: window, membership of `r.version`, once per member, quorum →
    /// median. Changes nothing and returns the encoded error when the report is refused (the caller reverts with it
    /// or, in a batch, skips the entry). Reports keep counting after the quorum while the value is Proposed and the
    /// reporting window is open: each one recomputes the median of every report, and a moved median restarts the
    /// challenge window (never past `reportingDeadline + challengeWindow`).
    function _report(address reporter, Report calldata r) private returns (bytes memory) {
        uint16 version = r.version;
        bytes32 key = _slotKey(r.missionId, version, r.goalId, r.period);
        Slot memory s = _slots[key].unpack();
        if (s.status == SlotStatus.None) {
            // First report: bind the slot to the goal's reporting window.
            uint40 periodEnd;
            uint40 deadline;
            try _REGISTRY.periodWindow(r.missionId, r.goalId, r.period) returns (uint40 e, uint40 d) {
                (periodEnd, deadline) = (e, d);
            } catch (bytes memory reason) {
                return reason; // the registry's own error (unknown mission, goal or period)
            }
            if (block.timestamp <= periodEnd) {
                return abi.encodeWithSelector(PeriodNotEnded.selector, r.missionId, r.goalId, r.period, periodEnd);
            }
            s.status = SlotStatus.Collecting;
            s.committeeVersion = version;
            s.reportingDeadline = deadline;
            // Copied once: later reports compare against the slot's own word (no committee read per report).
            s.quorum = _committees[r.missionId][version].quorum;
        } else if (s.status != SlotStatus.Collecting && s.status != SlotStatus.Proposed) {
            return abi.encodeWithSelector(WrongState.selector, r.missionId, r.goalId, r.period, s.status);
        }
        // Later reports need no registry call: the first one proved the period ended, and time only moves on.
        if (block.timestamp > s.reportingDeadline) {
            return
                abi.encodeWithSelector(ReportingClosed.selector, r.missionId, r.goalId, r.period, s.reportingDeadline);
        }
        uint8 indexPlusOne = _memberIndex[r.missionId][version][reporter];
        if (indexPlusOne == 0)
            return abi.encodeWithSelector(NotCommitteeMember.selector, r.missionId, version, reporter);
        uint16 bit = uint16(1 << (indexPlusOne - 1)); // cast: indexPlusOne ≤ 16
        if (s.reportedMask & bit != 0) {
            return abi.encodeWithSelector(AlreadyReported.selector, r.missionId, r.goalId, r.period, reporter);
        }

        s.reportedMask |= bit;
        ++s.reportCount;
        _writeValue(key, indexPlusOne - 1, r.value);
        emit ReportSubmitted(r.missionId, r.goalId, r.period, reporter, r.value, r.evidenceHash, msg.sender, version);

        _propose(s, key, r);
        _slots[key] = PackedSlotLib.pack(s);
        return "";
    }

    /// @dev At the quorum, and on every later report while Proposed: the median of every report; a new or moved
    /// value (re)opens the challenge window from now.
    function _propose(Slot memory s, bytes32 key, Report calldata r) private {
        bool proposed = s.status == SlotStatus.Proposed;
        if (!proposed && s.reportCount != s.quorum) return;
        uint64 median = MedianLib.medianInPlace(_collect(key, s.reportedMask, s.reportCount));
        if (proposed && median == s.value) return;
        s.value = median;
        s.status = SlotStatus.Proposed;
        s.challengeEnd = uint40(block.timestamp) + _committees[r.missionId][r.version].challengeWindow; // cast: timestamps fit 40 bits until year 36812
        emit ValueProposed(r.missionId, r.goalId, r.period, median, s.challengeEnd, r.version);
    }

    /// @dev Reverts with `err` (an ABI-encoded custom error) unless it is empty.
    function _raise(bytes memory err) private pure {
        if (err.length != 0) {
            // assembly: re-raises the encoded error as is (Solidity has no `revert(bytes)`); reads only `err`.
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(err, 32), mload(err))
            }
        }
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
    function dispute(uint256 missionId, uint16 version, uint8 goalId, uint16 period) external nonReentrant {
        bytes32 key = _slotKey(missionId, version, goalId, period);
        Slot memory s = _slots[key].unpack();
        if (s.status != SlotStatus.Proposed) revert WrongState(missionId, goalId, period, _statusOf(s));
        if (block.timestamp > s.challengeEnd) revert ChallengeWindowClosed(missionId, goalId, period, s.challengeEnd);
        Committee storage c = _committees[missionId][version];
        IERC20 token = IERC20(c.bondToken);
        s.status = SlotStatus.Disputed;
        _slots[key] = PackedSlotLib.pack(s);

        // Interaction before the record: the bond credited is what actually arrived (balance delta).
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), c.bondAmount);
        uint96 received = SafeCast.toUint96(token.balanceOf(address(this)) - balanceBefore);
        _disputes[key] = Dispute({disputer: msg.sender, bond: received});
        _bondsHeld[address(token)] += received;
        emit ValueDisputed(missionId, goalId, period, msg.sender, address(token), received, version);
    }

    /// @inheritdoc IMetricOracle
    function resolve(uint256 missionId, uint16 version, uint8 goalId, uint16 period, uint64 value) external {
        bytes32 key = _slotKey(missionId, version, goalId, period);
        Slot memory s = _slots[key].unpack();
        address token = _checkArbiter(s, missionId, version, goalId, period);
        bool disputerWon = value != s.value;
        uint40 finalizedAt = uint40(block.timestamp); // cast: timestamps fit 40 bits until year 36812
        s.status = SlotStatus.Final;
        s.value = value;
        s.finalizedAt = finalizedAt;
        _slots[key] = PackedSlotLib.pack(s);
        _bumpLatestFinal(missionId, version, goalId, period);
        emit DisputeResolved(missionId, goalId, period, msg.sender, value, disputerWon, version);
        emit ValueFinalized(missionId, goalId, period, value, finalizedAt, version);
        Dispute memory d = _disputes[key];
        _credit(token, disputerWon ? d.disputer : _REGISTRY.getMission(missionId).steward, d.bond);
    }

    /// @inheritdoc IMetricOracle
    function resolveInvalid(uint256 missionId, uint16 version, uint8 goalId, uint16 period) external {
        bytes32 key = _slotKey(missionId, version, goalId, period);
        Slot memory s = _slots[key].unpack();
        address token = _checkArbiter(s, missionId, version, goalId, period);
        s.status = SlotStatus.Unresolved;
        _slots[key] = PackedSlotLib.pack(s);
        emit SlotUnresolved(missionId, goalId, period, UnresolvedReason.ArbiterInvalid, version);
        Dispute memory d = _disputes[key];
        _credit(token, d.disputer, d.bond);
    }

    /// @inheritdoc IMetricOracle
    function expireDispute(uint256 missionId, uint16 version, uint8 goalId, uint16 period) external {
        bytes32 key = _slotKey(missionId, version, goalId, period);
        Slot memory s = _slots[key].unpack();
        if (s.status != SlotStatus.Disputed) revert WrongState(missionId, goalId, period, _statusOf(s));
        uint256 expiresAt = uint256(s.challengeEnd) + ARBITRATION_PERIOD;
        if (block.timestamp <= expiresAt) revert ArbitrationNotExpired(missionId, goalId, period, expiresAt);
        s.status = SlotStatus.Unresolved;
        _slots[key] = PackedSlotLib.pack(s);
        emit SlotUnresolved(missionId, goalId, period, UnresolvedReason.ArbitrationExpired, version);
        Dispute memory d = _disputes[key];
        _credit(_committees[missionId][version].bondToken, d.disputer, d.bond);
    }

    /// @inheritdoc IMetricOracle
    function finalize(uint256 missionId, uint16 version, uint8 goalId, uint16 period) external {
        bytes32 key = _slotKey(missionId, version, goalId, period);
        Slot memory s = _slots[key].unpack();
        if (s.status != SlotStatus.Proposed) revert WrongState(missionId, goalId, period, _statusOf(s));
        if (block.timestamp <= s.challengeEnd) revert ChallengeWindowOpen(missionId, goalId, period, s.challengeEnd);
        uint40 finalizedAt = uint40(block.timestamp); // cast: timestamps fit 40 bits until year 36812
        s.status = SlotStatus.Final;
        s.finalizedAt = finalizedAt;
        _slots[key] = PackedSlotLib.pack(s);
        _bumpLatestFinal(missionId, version, goalId, period);
        emit ValueFinalized(missionId, goalId, period, s.value, finalizedAt, version);
    }

    /// @inheritdoc IMetricOracle
    function markUnresolved(uint256 missionId, uint16 version, uint8 goalId, uint16 period) external {
        bytes32 key = _slotKey(missionId, version, goalId, period);
        Slot memory s = _slots[key].unpack();
        SlotStatus stored = s.status;
        SlotStatus status = stored == SlotStatus.None ? _noneStatus(missionId, goalId, period, true) : _statusOf(s);
        if (status != SlotStatus.Unresolved || stored == SlotStatus.Unresolved) {
            revert WrongState(missionId, goalId, period, status);
        }
        s.status = SlotStatus.Unresolved;
        s.committeeVersion = version;
        _slots[key] = PackedSlotLib.pack(s);
        emit SlotUnresolved(missionId, goalId, period, UnresolvedReason.NoQuorum, version);
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

    /// @dev Checks the slot is Disputed, the arbitration period has not expired and the caller is the arbiter of the
    /// slot's committee version; returns the bond token.
    function _checkArbiter(
        Slot memory s,
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) private view returns (address token) {
        if (s.status != SlotStatus.Disputed) revert WrongState(missionId, goalId, period, _statusOf(s));
        uint256 expiresAt = uint256(s.challengeEnd) + ARBITRATION_PERIOD;
        if (block.timestamp > expiresAt) revert ArbitrationExpired(missionId, goalId, period, expiresAt);
        Committee storage c = _committees[missionId][version];
        if (msg.sender != c.arbiter) revert NotArbiter(missionId, version, msg.sender);
        return c.bondToken;
    }

    function _credit(address token, address account, uint256 amount) private {
        _claimable[token][account] += amount;
        emit BondCredited(token, account, amount);
    }

    function _bumpLatestFinal(uint256 missionId, uint16 version, uint8 goalId, uint16 period) private {
        if (period > _latestFinal[missionId][version][goalId]) _latestFinal[missionId][version][goalId] = period;
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMetricOracle
    function registry() external view returns (address) {
        return address(_REGISTRY);
    }

    /// @inheritdoc IMetricFeed
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
    function getSlot(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (Slot memory) {
        return _slots[_slotKey(missionId, version, goalId, period)].unpack();
    }

    /// @inheritdoc IMetricOracle
    function reportOf(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period,
        address member
    ) external view returns (bool reported, uint64 value) {
        bytes32 key = _slotKey(missionId, version, goalId, period);
        Slot memory s = _slots[key].unpack();
        uint8 indexPlusOne = _memberIndex[missionId][version][member];
        if (s.status == SlotStatus.None || indexPlusOne == 0) return (false, 0);
        uint256 index = indexPlusOne - 1;
        reported = s.reportedMask & (1 << index) != 0;
        value = uint64(_values[key][index >> 2] >> (64 * (index & 3))); // cast: takes one 64-bit lane
    }

    /// @inheritdoc IMetricOracle
    function getDispute(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (Dispute memory) {
        return _disputes[_slotKey(missionId, version, goalId, period)];
    }

    /// @inheritdoc IMetricOracle
    function latestFinalPeriod(uint256 missionId, uint16 version, uint8 goalId) external view returns (uint16) {
        return _latestFinal[missionId][version][goalId];
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
    function nonceUsed(address reporter, uint256 nonce) external view returns (bool) {
        return _nonceBitmap[reporter][nonce >> 8] & (1 << (nonce & 0xff)) != 0;
    }

    /// @inheritdoc IMetricOracle
    function nonceBitmap(address reporter, uint256 wordPos) external view returns (uint256) {
        return _nonceBitmap[reporter][wordPos];
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
    function slotStatus(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) public view returns (SlotStatus) {
        Slot memory s = _slots[_slotKey(missionId, version, goalId, period)].unpack();
        if (s.status == SlotStatus.None) return _noneStatus(missionId, goalId, period, false);
        return _statusOf(s);
    }

    /// @inheritdoc IMetricFeed
    function finalValue(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (uint64 value, uint40 finalizedAt) {
        Slot memory s = _slots[_slotKey(missionId, version, goalId, period)].unpack();
        if (s.status != SlotStatus.Final) {
            revert ValueNotFinal(missionId, goalId, period, slotStatus(missionId, version, goalId, period));
        }
        return (s.value, s.finalizedAt);
    }

    /// @inheritdoc IMetricFeed
    function slotTimeline(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (uint40 reportingDeadline, uint32 challengeWindow, uint32 arbitrationPeriod) {
        if (version == 0 || version > _currentVersion[missionId]) revert CommitteeNotFound(missionId, version);
        (, reportingDeadline) = _REGISTRY.periodWindow(missionId, goalId, period);
        challengeWindow = _committees[missionId][version].challengeWindow;
        arbitrationPeriod = uint32(ARBITRATION_PERIOD); // cast: 30 days fits 32 bits
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

    function _slotKey(uint256 missionId, uint16 version, uint8 goalId, uint16 period) private pure returns (bytes32) {
        return keccak256(abi.encode(missionId, version, goalId, period));
    }
}
