// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricFeed} from "./IMetricFeed.sol";

/// @title IMetricOracle
/// @notice Per-mission committees of evaluators report goal metrics for (mission, goal, period) slots. When `quorum`
/// members of the slot's committee have reported, the median of their values is proposed and a challenge window
/// opens; anyone may dispute by posting the committee's bond, and the committee's arbiter resolves the dispute.
/// Without a dispute anyone finalises the value after the window. `quorum = 1` with a window is an optimistic oracle.
/// @dev Reports enter by direct call, by EIP-712 signature relayed by anyone (single or batch), or through the
/// committee's adapter (e.g. an EAS schema resolver) on behalf of a member; all three share one internal code path.
/// Committees are versioned: a slot binds to the committee version current at its first report.
interface IMetricOracle is IMetricFeed {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice What the steward sets for a mission. `members` (1…16, distinct, non-zero), `quorum` k (1 ≤ k ≤ n),
    /// `challengeWindow` in seconds (may be 0: then a dispute is only possible in the block of the proposal),
    /// `bondToken`/`bondAmount` for disputes (bond token must be an ERC-20; the bond credited is what arrived),
    /// `arbiter` resolves disputes (EOA, Safe or arbitration adapter), `adapter` (optional, zero for none) may report
    /// and withdraw reports on behalf of members — e.g. the `EASReportResolver`.
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

    /// @notice One report: the value of a slot and the hash of the evidence behind it.
    struct Report {
        uint256 missionId;
        uint8 goalId;
        uint16 period;
        uint64 value;
        bytes32 evidenceHash;
    }

    /// @notice A report signed (EIP-712) by `reporter` with its sequential `nonce`, valid up to `deadline`.
    struct SignedReport {
        Report report;
        address reporter;
        uint256 nonce;
        uint256 deadline;
        bytes signature;
    }

    /// @notice A slot as stored (one word). `status` is the stored status; `slotStatus` adds time (a Collecting slot
    /// past `reportingDeadline` reads Unresolved). `challengeEnd` is set when a value is proposed; `value` is the
    /// proposed value, then the final one.
    struct Slot {
        SlotStatus status;
        uint8 reportCount;
        uint16 committeeVersion;
        uint16 reportedMask;
        uint16 adapterMask;
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
    /// @notice Mission `missionId` has no committee yet.
    error NoCommittee(uint256 missionId);
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
    /// @notice `caller` is not the arbiter of the slot's committee version.
    error NotArbiter(uint256 missionId, uint16 version, address caller);
    /// @notice `caller` is not the adapter of the committee version that applies to the slot.
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
    /// @notice `reporter` reported `value` for a slot (bound to committee `version`); `via` is who sent it in.
    event ReportSubmitted(
        uint256 indexed missionId,
        uint8 indexed goalId,
        uint16 period,
        address indexed reporter,
        uint64 value,
        bytes32 evidenceHash,
        address via
    );
    /// @notice The adapter withdrew `reporter`'s report before quorum (e.g. the EAS attestation was revoked).
    event ReportWithdrawn(uint256 indexed missionId, uint8 indexed goalId, uint16 period, address indexed reporter);
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
        uint96 bond
    );
    /// @notice The arbiter resolved a dispute with `value`; `disputerWon` when it differs from the proposed value.
    event DisputeResolved(
        uint256 indexed missionId,
        uint8 indexed goalId,
        uint16 period,
        address indexed arbiter,
        uint64 value,
        bool disputerWon
    );
    /// @notice The slot's value became final.
    event ValueFinalized(
        uint256 indexed missionId,
        uint8 indexed goalId,
        uint16 period,
        uint64 value,
        uint40 finalizedAt
    );
    /// @notice The slot became Unresolved (terminal: consumers treat it as "no data").
    event SlotUnresolved(uint256 indexed missionId, uint8 indexed goalId, uint16 period, UnresolvedReason reason);
    /// @notice `amount` of `token` became claimable by `account` (a returned or forfeited bond).
    event BondCredited(address indexed token, address indexed account, uint256 amount);
    /// @notice `account` withdrew `amount` of `token`.
    event BondWithdrawn(address indexed token, address indexed account, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                               COMMITTEE
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets a new committee version for a mission. Steward only (read from the registry). Slots already
    /// bound keep their version.
    /// @return version The new version (from 1).
    function setCommittee(uint256 missionId, CommitteeInput calldata input) external returns (uint16 version);

    /*//////////////////////////////////////////////////////////////
                                REPORTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Reports a value as the caller, a member of the slot's committee.
    function report(Report calldata r) external;

    /// @notice Relays a report signed (EIP-712) by `s.reporter`; anyone may send it. Uses the reporter's nonce.
    function reportSigned(SignedReport calldata s) external;

    /// @notice Relays several signed reports in one transaction; all or nothing.
    function reportBatch(SignedReport[] calldata reports) external;

    /// @notice Reports on behalf of `member`; only the adapter of the committee version that applies to the slot.
    function reportFor(address member, Report calldata r) external;

    /// @notice Withdraws `member`'s report made through the adapter, while the slot is still collecting. Only the
    /// adapter. Returns false (changing nothing) once the quorum was reached, the window closed or the report was
    /// not made through the adapter.
    function withdrawReportFor(
        address member,
        uint256 missionId,
        uint8 goalId,
        uint16 period
    ) external returns (bool withdrawn);

    /*//////////////////////////////////////////////////////////////
                          DISPUTES AND FINALITY
    //////////////////////////////////////////////////////////////*/

    /// @notice Disputes a proposed value within its challenge window, posting the committee's bond (needs approval).
    function dispute(uint256 missionId, uint8 goalId, uint16 period) external;

    /// @notice The arbiter resolves a dispute with the correct `value`: the slot becomes Final with it. If it differs
    /// from the proposed value the bond is returned to the disputer, otherwise it goes to the mission's steward.
    function resolve(uint256 missionId, uint8 goalId, uint16 period, uint64 value) external;

    /// @notice The arbiter declares the disputed slot invalid: it becomes Unresolved and the bond is returned.
    function resolveInvalid(uint256 missionId, uint8 goalId, uint16 period) external;

    /// @notice Anyone: a dispute the arbiter left unresolved for `ARBITRATION_PERIOD` after the challenge window
    /// makes the slot Unresolved and returns the bond, so no bond is ever stuck.
    function expireDispute(uint256 missionId, uint8 goalId, uint16 period) external;

    /// @notice Anyone: finalises a proposed value after its challenge window without dispute.
    function finalize(uint256 missionId, uint8 goalId, uint16 period) external;

    /// @notice Anyone: records (with an event) that a slot got no quorum by its reporting deadline. Optional: the
    /// slot already reads Unresolved without it.
    function markUnresolved(uint256 missionId, uint8 goalId, uint16 period) external;

    /// @notice Withdraws every bond `msg.sender` can claim in `token` (pull payment).
    function withdrawBond(address token) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The registry missions, goals and periods are read from.
    function registry() external view returns (address);

    /// @notice How long the arbiter has, after the challenge window, to resolve a dispute.
    function ARBITRATION_PERIOD() external view returns (uint256);

    /// @notice The current committee version of a mission (0 when none was set).
    function committeeVersion(uint256 missionId) external view returns (uint16);

    /// @notice A committee version.
    function getCommittee(uint256 missionId, uint16 version) external view returns (Committee memory);

    /// @notice Whether `account` is a member of committee version `version`.
    function isMember(uint256 missionId, uint16 version, address account) external view returns (bool);

    /// @notice A slot as stored.
    function getSlot(uint256 missionId, uint8 goalId, uint16 period) external view returns (Slot memory);

    /// @notice Whether `member` has a report in the slot, and its value.
    function reportOf(
        uint256 missionId,
        uint8 goalId,
        uint16 period,
        address member
    ) external view returns (bool reported, uint64 value);

    /// @notice The dispute of a slot (zero when none).
    function getDispute(uint256 missionId, uint8 goalId, uint16 period) external view returns (Dispute memory);

    /// @notice The highest period of a goal with a final value (0 when none).
    function latestFinalPeriod(uint256 missionId, uint8 goalId) external view returns (uint16);

    /// @notice Bond of `token` that `account` can withdraw.
    function claimableBond(address token, address account) external view returns (uint256);

    /// @notice Total bond of `token` the oracle holds: posted minus withdrawn (held in disputes + claimable).
    function bondsHeld(address token) external view returns (uint256);

    /// @notice The EIP-712 digest a reporter signs for `r` with `nonce` and `deadline`.
    function reportDigest(
        Report calldata r,
        address reporter,
        uint256 nonce,
        uint256 deadline
    ) external view returns (bytes32);
}
