// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricFeed} from "./IMetricFeed.sol";

/// @title IMetricOracle
/// @notice Per-mission committees of evaluators report goal metrics for (mission, goal, period) slots. When `quorum`
/// members of the slot's committee have reported, the median of their values is proposed and a challenge window
/// opens; anyone may dispute by posting the committee's bond, and the committee's arbiter resolves the dispute.
/// Without a dispute anyone finalises the value after the window. `quorum = 1` with a window is an optimistic oracle.
/// @dev Reports enter by direct call or by EIP-712 signature relayed by anyone (single or batch); an adapter (e.g. an
/// EAS schema resolver) is a contract member that reports as itself. All share one internal code path.
/// Committees are versioned and every version has its own slots: a report names the version it reports for, and
/// only that version's members count. Consumers pin the version current at their creation (`committeeVersion`), so
/// a committee, adapter or arbiter the steward installs later applies only to consumers created afterwards.
interface IMetricOracle is IMetricFeed {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice What the steward sets for a mission. `members` (1…16, distinct, non-zero), `quorum` k (1 ≤ k ≤ n),
    /// `challengeWindow` in seconds (0 … `MAX_CHALLENGE_WINDOW`; 0: a dispute is only possible in the block of the
    /// proposal), `bondToken`/`bondAmount` for disputes (bond token must be an ERC-20; the bond credited is what
    /// arrived), `arbiter` resolves disputes (EOA, Safe or arbitration adapter; never the steward nor a member of this
    /// version), `adapter` (optional, zero for none): a contract that is itself one of `members` (e.g. the
    /// `EASReportResolver`); it reports only as itself and is the one member that may withdraw its report before
    /// the quorum.
    struct CommitteeInput {
        address[] members;
        uint8 quorum;
        uint32 challengeWindow;
        address bondToken;
        uint96 bondAmount;
        address arbiter;
        address adapter;
    }

    /// @notice A committee version as stored.
    struct Committee {
        address arbiter;
        uint8 quorum;
        uint8 size;
        uint32 challengeWindow;
        address bondToken;
        uint96 bondAmount;
        address adapter;
        address[] members;
    }

    /// @notice One report: the value of a slot of committee `version` and the hash of the evidence behind it.
    struct Report {
        uint256 missionId;
        uint16 version;
        uint8 goalId;
        uint16 period;
        uint64 value;
        bytes32 evidenceHash;
    }

    /// @notice A report signed (EIP-712) by `reporter` with an unordered `nonce` (any unused number: a bitmap, as
    /// Permit2, so one lost signature blocks nothing), valid up to `deadline`.
    struct SignedReport {
        Report report;
        address reporter;
        uint256 nonce;
        uint256 deadline;
        bytes signature;
    }

    /// @notice A slot as stored (one word). `status` is the stored status; `slotStatus` adds time (a Collecting slot
    /// past `reportingDeadline` reads Unresolved). `challengeEnd` is set when a value is proposed; `value` is the
    /// proposed value, then the final one. `quorum` is the bound committee version's quorum, copied at the first
    /// report so that later reports read it from the slot's own word.
    struct Slot {
        SlotStatus status;
        uint8 reportCount;
        uint16 committeeVersion;
        uint16 reportedMask;
        uint8 quorum;
        uint40 reportingDeadline;
        uint40 challengeEnd;
        uint40 finalizedAt;
        uint64 value;
    }

    /// @notice A posted dispute: who posted it and the bond credited.
    struct Dispute {
        address disputer;
        uint96 bond;
    }

    /// @notice Why a slot became Unresolved.
    enum UnresolvedReason {
        NoQuorum,
        ArbiterInvalid,
        ArbitrationExpired
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice `caller` is not the steward of mission `missionId` (read from the registry).
    error NotMissionSteward(uint256 missionId, address caller);
    /// @notice A committee has 1 to `max` members; `size` were given.
    error CommitteeSize(uint256 size, uint256 max);
    /// @notice Member `index` of the input is the zero address.
    error ZeroMember(uint256 index);
    /// @notice `member` appears twice in the committee input.
    error DuplicateMember(address member);
    /// @notice The quorum must satisfy 1 ≤ quorum ≤ size.
    error InvalidQuorum(uint256 quorum, uint256 size);
    /// @notice The arbiter is the zero address.
    error ZeroArbiter();
    /// @notice The bond token is the zero address.
    error ZeroBondToken();
    /// @notice The bond amount is zero (disputes would be free to grief with).
    error ZeroBondAmount();
    /// @notice No committee version `version` exists for mission `missionId`.
    error CommitteeNotFound(uint256 missionId, uint256 version);
    /// @notice `account` is not a member of committee version `version` of mission `missionId`.
    error NotCommitteeMember(uint256 missionId, uint16 version, address account);
    /// @notice `member` already reported for this slot.
    error AlreadyReported(uint256 missionId, uint8 goalId, uint16 period, address member);
    /// @notice The period has not ended yet: reports open after `periodEnd`.
    error PeriodNotEnded(uint256 missionId, uint8 goalId, uint16 period, uint40 periodEnd);
    /// @notice The reporting window closed at `reportingDeadline`.
    error ReportingClosed(uint256 missionId, uint8 goalId, uint16 period, uint40 reportingDeadline);
    /// @notice The slot is in `status`, which does not allow this action.
    error WrongState(uint256 missionId, uint8 goalId, uint16 period, SlotStatus status);
    /// @notice The challenge window closed at `challengeEnd`.
    error ChallengeWindowClosed(uint256 missionId, uint8 goalId, uint16 period, uint40 challengeEnd);
    /// @notice The challenge window is still open until `challengeEnd`.
    error ChallengeWindowOpen(uint256 missionId, uint8 goalId, uint16 period, uint40 challengeEnd);
    /// @notice The signature's `deadline` has passed.
    error SignatureExpired(address reporter, uint256 deadline);
    /// @notice The signature is not a valid EIP-712 (or EIP-1271) signature of the report by `reporter`.
    error InvalidSignature(address reporter);
    /// @notice A batch must contain at least one report.
    error EmptyBatch();
    /// @notice `reporter` already used (or invalidated) `nonce`.
    error NonceUsed(address reporter, uint256 nonce);
    /// @notice The challenge window exceeds `max` seconds.
    error ChallengeWindowTooLong(uint256 window, uint256 max);
    /// @notice The arbiter may not be the mission's steward.
    error ArbiterIsSteward(address arbiter);
    /// @notice The arbiter may not be a member of the committee version it arbitrates.
    error ArbiterIsMember(address arbiter);
    /// @notice The adapter must be a contract (it has no key, so it can only report what its code decides).
    error AdapterNotContract(address adapter);
    /// @notice The adapter must be one of the version's members (it reports only as itself).
    error AdapterNotMember(address adapter);
    /// @notice The arbitration period of the slot ended at `expiresAt`: only `expireDispute` applies now.
    error ArbitrationExpired(uint256 missionId, uint8 goalId, uint16 period, uint256 expiresAt);
    /// @notice `caller` is not the arbiter of the slot's committee version.
    error NotArbiter(uint256 missionId, uint16 version, address caller);
    /// @notice `caller` is not the adapter of the slot's committee version.
    error NotAdapter(uint256 missionId, uint16 version, address caller);
    /// @notice The arbiter may still resolve until `expiresAt`.
    error ArbitrationNotExpired(uint256 missionId, uint8 goalId, uint16 period, uint256 expiresAt);
    /// @notice `account` has no claimable bond in `token`.
    error NothingToWithdraw(address token, address account);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The steward set committee version `version` of mission `missionId`.
    event CommitteeSet(
        uint256 indexed missionId,
        uint16 indexed version,
        address[] members,
        uint8 quorum,
        uint32 challengeWindow,
        address bondToken,
        uint96 bondAmount,
        address arbiter,
        address adapter
    );
    /// @notice `reporter` reported `value` for a slot of committee `version`; `via` is who sent the transaction (the
    /// reporter itself, a relayer of its signature, or — for an adapter — the adapter, which is then the reporter).
    event ReportSubmitted(
        uint256 indexed missionId,
        uint8 indexed goalId,
        uint16 period,
        address indexed reporter,
        uint64 value,
        bytes32 evidenceHash,
        address via,
        uint16 version
    );
    /// @notice The adapter withdrew `reporter`'s report before quorum (e.g. the EAS attestation was revoked).
    event ReportWithdrawn(
        uint256 indexed missionId,
        uint8 indexed goalId,
        uint16 period,
        address indexed reporter,
        uint16 version
    );
    /// @notice The quorum was reached: `value` (median of the quorum's values) is proposed until `challengeEnd`.
    event ValueProposed(
        uint256 indexed missionId,
        uint8 indexed goalId,
        uint16 period,
        uint64 value,
        uint40 challengeEnd,
        uint16 version
    );
    /// @notice `disputer` disputed the proposed value, posting `bond` of `bondToken`.
    event ValueDisputed(
        uint256 indexed missionId,
        uint8 indexed goalId,
        uint16 period,
        address indexed disputer,
        address bondToken,
        uint96 bond,
        uint16 version
    );
    /// @notice The arbiter resolved a dispute with `value`; `disputerWon` when it differs from the proposed value.
    event DisputeResolved(
        uint256 indexed missionId,
        uint8 indexed goalId,
        uint16 period,
        address indexed arbiter,
        uint64 value,
        bool disputerWon,
        uint16 version
    );
    /// @notice The slot's value became final.
    event ValueFinalized(
        uint256 indexed missionId,
        uint8 indexed goalId,
        uint16 period,
        uint64 value,
        uint40 finalizedAt,
        uint16 version
    );
    /// @notice The slot became Unresolved (terminal: consumers treat it as "no data").
    event SlotUnresolved(
        uint256 indexed missionId,
        uint8 indexed goalId,
        uint16 period,
        UnresolvedReason reason,
        uint16 version
    );
    /// @notice Entry `index` of a relayed batch was skipped (already used nonce, expired or invalid signature, or a
    /// report the slot refuses); `reason` is the selector of the error a single report would have raised.
    event BatchEntrySkipped(uint256 index, address indexed reporter, uint256 nonce, bytes4 reason);
    /// @notice `reporter` invalidated the nonces set in `mask` of its nonce word `wordPos`.
    event NoncesInvalidated(address indexed reporter, uint256 wordPos, uint256 mask);
    /// @notice `amount` of `token` became claimable by `account` (a returned or forfeited bond).
    event BondCredited(address indexed token, address indexed account, uint256 amount);
    /// @notice `account` withdrew `amount` of `token`.
    event BondWithdrawn(address indexed token, address indexed account, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                               COMMITTEE
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets a new committee version for a mission. Steward only (read from the registry). Consumers created
    /// before keep the version they pinned; the new version has its own slots.
    /// @return version The new version (from 1).
    function setCommittee(uint256 missionId, CommitteeInput calldata input) external returns (uint16 version);

    /*//////////////////////////////////////////////////////////////
                                REPORTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Reports a value as the caller, a member of committee `r.version`.
    function report(Report calldata r) external;

    /// @notice Relays a report signed (EIP-712) by `s.reporter`; anyone may send it. Uses the reporter's nonce.
    function reportSigned(SignedReport calldata s) external;

    /// @notice Relays several signed reports in one transaction. An entry that is expired, already used, wrongly
    /// signed or refused by its slot is skipped with `BatchEntrySkipped` (so a front-run entry cannot revert the
    /// batch); its nonce stays unused unless it was the used one.
    /// @return accepted How many entries were recorded.
    function reportBatch(SignedReport[] calldata reports) external returns (uint256 accepted);

    /// @notice Marks the nonces in `mask` of the caller's nonce word `wordPos` (nonces `256 * wordPos + bit`) used,
    /// cancelling signatures not yet relayed.
    function invalidateNonces(uint256 wordPos, uint256 mask) external;

    /// @notice The adapter of committee `version` withdraws its own report while the slot is still collecting
    /// (e.g. the EAS attestation behind it was revoked). Returns false (changing nothing) once the quorum was reached,
    /// the reporting window closed, or the adapter has no report in the slot.
    function withdrawReport(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external returns (bool withdrawn);

    /*//////////////////////////////////////////////////////////////
                          DISPUTES AND FINALITY
    //////////////////////////////////////////////////////////////*/

    /// @notice Disputes a proposed value within its challenge window, posting the version's bond (needs approval).
    function dispute(uint256 missionId, uint16 version, uint8 goalId, uint16 period) external;

    /// @notice The version's arbiter resolves a dispute with the correct `value`, within `ARBITRATION_PERIOD` after
    /// the challenge window: the slot becomes Final with it. If it differs from the proposed value the bond is
    /// returned to the disputer, otherwise it goes to the mission's steward.
    function resolve(uint256 missionId, uint16 version, uint8 goalId, uint16 period, uint64 value) external;

    /// @notice The version's arbiter declares the disputed slot invalid (within `ARBITRATION_PERIOD` after the
    /// challenge window): it becomes Unresolved and the bond is returned.
    function resolveInvalid(uint256 missionId, uint16 version, uint8 goalId, uint16 period) external;

    /// @notice Anyone: a dispute the arbiter left unresolved for `ARBITRATION_PERIOD` after the challenge window
    /// makes the slot Unresolved and returns the bond, so no bond is ever stuck.
    function expireDispute(uint256 missionId, uint16 version, uint8 goalId, uint16 period) external;

    /// @notice Anyone: finalises a proposed value after its challenge window without dispute.
    function finalize(uint256 missionId, uint16 version, uint8 goalId, uint16 period) external;

    /// @notice Anyone: records (with an event) that a slot got no quorum by its reporting deadline. Optional: the
    /// slot already reads Unresolved without it.
    function markUnresolved(uint256 missionId, uint16 version, uint8 goalId, uint16 period) external;

    /// @notice Withdraws every bond `msg.sender` can claim in `token` (pull payment).
    function withdrawBond(address token) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The registry missions, goals and periods are read from.
    function registry() external view returns (address);

    /// @notice How long the arbiter has, after the challenge window, to resolve a dispute.
    function ARBITRATION_PERIOD() external view returns (uint256);

    /// @notice The longest challenge window a committee may set.
    function MAX_CHALLENGE_WINDOW() external view returns (uint256);

    /// @notice A committee version.
    function getCommittee(uint256 missionId, uint16 version) external view returns (Committee memory);

    /// @notice Whether `account` is a member of committee version `version`.
    function isMember(uint256 missionId, uint16 version, address account) external view returns (bool);

    /// @notice A slot as stored.
    function getSlot(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (Slot memory);

    /// @notice Whether `member` has a report in the slot, and its value.
    function reportOf(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period,
        address member
    ) external view returns (bool reported, uint64 value);

    /// @notice The dispute of a slot (zero when none).
    function getDispute(
        uint256 missionId,
        uint16 version,
        uint8 goalId,
        uint16 period
    ) external view returns (Dispute memory);

    /// @notice The highest period of a goal with a final value under committee `version` (0 when none).
    function latestFinalPeriod(uint256 missionId, uint16 version, uint8 goalId) external view returns (uint16);

    /// @notice Bond of `token` that `account` can withdraw.
    function claimableBond(address token, address account) external view returns (uint256);

    /// @notice Total bond of `token` the oracle holds: posted minus withdrawn (held in disputes + claimable).
    function bondsHeld(address token) external view returns (uint256);

    /// @notice Whether `reporter` has used (or invalidated) `nonce`.
    function nonceUsed(address reporter, uint256 nonce) external view returns (bool);

    /// @notice The nonce bitmap word `wordPos` of `reporter` (bit `b` is nonce `256 * wordPos + b`).
    function nonceBitmap(address reporter, uint256 wordPos) external view returns (uint256);

    /// @notice The EIP-712 digest a reporter signs for `r` with `nonce` and `deadline`.
    function reportDigest(
        Report calldata r,
        address reporter,
        uint256 nonce,
        uint256 deadline
    ) external view returns (bytes32);
}
