// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IMissionRegistry
/// @notice Missions are the brand of a collective-impact effort: a unique, normalised `#hashtag` with open,
/// machine-readable, measurable goals. The full goal document is JSON (see `schemas/mission.schema.json`)
/// whose canonical keccak256 hash is stored on chain, next to the numeric fields that payouts depend on.
/// @dev Goals are append-only. Each goal has a mission-wide `goalId` (0, 1, 2, …) that never changes meaning:
/// an amendment creates a new goal version made of *new* goals (new ids), so a value attested for a goal id is
/// always about the goal that was written under that id. Escrows and pools pin a version and reference goal ids
/// of that version.
interface IMissionRegistry {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice Lifecycle of a mission. States only move forward: Draft → Active → Concluded.
    enum MissionStatus {
        None,
        Draft,
        Active,
        Concluded
    }

    /// @notice Roles a participant can hold, as bit flags in a `uint8` mask.
    /// Funder = 1, Provider = 2, Evaluator = 4, Investor = 8, Supporter = 16.
    enum Role {
        Funder,
        Provider,
        Evaluator,
        Investor,
        Supporter
    }

    /// @notice Which field of a goal input `InvalidGoal` rejects.
    /// - `BaselineTarget`: baseline equals target; `PeriodCount`: zero; `PeriodLength`: zero with several periods;
    /// - `ReportingWindow`: zero; `FirstPeriodEnd`: not after the current block; `Decimals`: above 18;
    /// - `Schedule`: the last reporting deadline exceeds 2^40 - 1.
    enum GoalField {
        BaselineTarget,
        PeriodCount,
        PeriodLength,
        ReportingWindow,
        FirstPeriodEnd,
        Decimals,
        Schedule
    }

    /// @notice One measurable goal, exactly as stored (one storage slot).
    /// @dev Values are unsigned integers scaled by `decimals` (e.g. 72.5 % with decimals 1 is 725).
    /// The direction is implied: `target > baseline` means the metric must rise, `target < baseline` that it must
    /// fall. Reporting periods: period `p` (1-based, `p ≤ periodCount`) ends at
    /// `firstPeriodEnd + (p - 1) * periodLength`; reports for it are accepted during
    /// `(periodEnd, periodEnd + reportingWindow]`. A single-deadline goal has `periodCount = 1`.
    struct Goal {
        uint64 baseline;
        uint64 target;
        uint40 firstPeriodEnd;
        uint32 periodLength;
        uint8 periodCount;
        uint32 reportingWindow;
        uint8 decimals;
        uint8 version;
    }

    /// @notice Input for one goal: the stored fields plus the metric key of the JSON document (emitted, not stored).
    struct GoalInput {
        bytes32 metricKey;
        uint64 baseline;
        uint64 target;
        uint40 firstPeriodEnd;
        uint32 periodLength;
        uint8 periodCount;
        uint32 reportingWindow;
        uint8 decimals;
    }

    /// @notice A mission record as returned by `getMission`.
    /// @dev The implementation stores it in two slots: (packed hashtag, status, counts) keyed by id, and
    /// (id, steward, createdAt) keyed by the packed hashtag; this struct is the assembled view.
    // solhint-disable-next-line gas-struct-packing
    struct Mission {
        address steward;
        MissionStatus status;
        uint8 versionCount;
        uint8 goalCount;
        uint40 createdAt;
        uint32 participantCount;
        bytes32 hashtag;
    }

    /// @notice A participant's record in one mission (one packed slot).
    struct Participant {
        uint8 roles;
        uint40 joinedAt;
        uint32 pledgeCount;
        uint32 endorsementsReceived;
        uint32 endorsementsGiven;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice The hashtag is shorter than 3 or longer than 32 characters.
    error HashtagLength(uint256 length);
    /// @notice The hashtag has a character outside `a-z0-9_` (after lowercasing `A-Z`) at `index`, counted in the
    /// string as given (a leading `#` is index 0); `character` is the byte as given.
    error HashtagInvalidCharacter(uint256 index, bytes1 character);
    /// @notice The normalised hashtag already names mission `missionId`.
    error HashtagTaken(bytes32 hashtag, uint256 missionId);
    /// @notice No mission has id `missionId`.
    error MissionNotFound(uint256 missionId);
    /// @notice No mission has hashtag `hashtag`.
    error HashtagNotFound(bytes32 hashtag);
    /// @notice The caller is not the steward of mission `missionId`.
    error NotSteward(uint256 missionId, address caller);
    /// @notice The steward address is zero.
    error ZeroSteward();
    /// @notice The content hash of a goal document is zero.
    error ZeroContentHash();
    /// @notice The mission is in `status`, which does not allow this action.
    error WrongState(uint256 missionId, MissionStatus status);
    /// @notice A goal list must have between 1 and `max` goals; `count` were given. `max` is 16 per version, or fewer
    /// when the mission is close to its 255-goal total.
    error GoalCount(uint256 count, uint256 max);
    /// @notice Goal `index` of the input is invalid; `field` names the field (see `GoalField`).
    error InvalidGoal(uint256 index, GoalField field);
    /// @notice The mission already has 255 goal versions.
    error TooManyVersions(uint256 missionId);
    /// @notice No goal `goalId` exists in mission `missionId`.
    error GoalNotFound(uint256 missionId, uint256 goalId);
    /// @notice No goal version `version` exists in mission `missionId`.
    error VersionNotFound(uint256 missionId, uint256 version);
    /// @notice The role mask is zero or has bits above the five defined roles.
    error InvalidRoles(uint8 roles);
    /// @notice `account` has not joined mission `missionId`.
    error NotParticipant(uint256 missionId, address account);
    /// @notice A participant cannot endorse itself.
    error SelfEndorsement(address account);
    /// @notice `endorser` already endorsed this contribution of `participant`.
    error AlreadyEndorsed(uint256 missionId, address endorser, address participant, bytes32 contributionHash);
    /// @notice The period is zero or above the goal's period count.
    error PeriodOutOfRange(uint256 missionId, uint256 goalId, uint256 period);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A mission was created in Draft with goal version 1.
    event MissionCreated(
        uint256 indexed missionId,
        bytes32 indexed hashtag,
        address indexed steward,
        string metadataURI,
        bytes32 contentHash
    );
    /// @notice Goal version `version` was added; its goals have ids `firstGoalId … firstGoalId + goals.length - 1`.
    event GoalVersionAdded(
        uint256 indexed missionId,
        uint8 indexed version,
        uint8 firstGoalId,
        string metadataURI,
        bytes32 contentHash,
        GoalInput[] goals
    );
    /// @notice The mission moved from `from` to `to`.
    event MissionStatusChanged(uint256 indexed missionId, MissionStatus from, MissionStatus to);
    /// @notice The mission's steward changed.
    event StewardTransferred(uint256 indexed missionId, address indexed previousSteward, address indexed newSteward);
    /// @notice `account` joined the mission (or added roles); `roles` is the full role mask after the call.
    event ParticipantJoined(uint256 indexed missionId, address indexed account, uint8 roles);
    /// @notice `account` pledged a contribution described at `uri` with content hash `contentHash`.
    event Pledged(
        uint256 indexed missionId,
        address indexed account,
        uint32 pledgeIndex,
        string uri,
        bytes32 contentHash
    );
    /// @notice `endorser` endorsed `participant`'s contribution identified by `contributionHash`.
    event Endorsed(
        uint256 indexed missionId,
        address indexed endorser,
        address indexed participant,
        bytes32 contributionHash
    );

    /*//////////////////////////////////////////////////////////////
                            STEWARD ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Creates a mission in Draft with goal version 1. Anyone may create a mission.
    /// @param hashtag The hashtag, with or without a leading `#`; `A-Z` are lowercased; must then be `[a-z0-9_]{3,32}`.
    /// @param steward Who steers the mission: an EOA, a Safe or a Governor.
    /// @param metadataURI Where the JSON goal document lives (emitted, not stored).
    /// @param contentHash keccak256 of the canonical JSON serialisation of the document.
    /// @param goals The numeric goal fields (1 to 16 goals).
    /// @return missionId The new mission's id (sequential, from 1).
    function createMission(
        string calldata hashtag,
        address steward,
        string calldata metadataURI,
        bytes32 contentHash,
        GoalInput[] calldata goals
    ) external returns (uint256 missionId);

    /// @notice Adds a new goal version made of new goals; older versions never change. Steward only; Draft or Active.
    /// @return version The new version number.
    function amendGoals(
        uint256 missionId,
        string calldata metadataURI,
        bytes32 contentHash,
        GoalInput[] calldata goals
    ) external returns (uint8 version);

    /// @notice Draft → Active. Steward only. From now on the goals of every version are hard-wired.
    function activate(uint256 missionId) external;

    /// @notice Active → Concluded. Steward only. Concluding does not affect escrows or pools already created.
    function conclude(uint256 missionId) external;

    /// @notice Hands the mission to a new steward. Steward only.
    function transferSteward(uint256 missionId, address newSteward) external;

    /*//////////////////////////////////////////////////////////////
                             PARTICIPATION
    //////////////////////////////////////////////////////////////*/

    /// @notice Joins the mission with `roles` (bit mask), or adds roles to an existing membership. Open to anyone
    /// while the mission is Draft or Active; reverts with `WrongState` once it is Concluded.
    function join(uint256 missionId, uint8 roles) external;

    /// @notice Records a pledge by a participant: what it will contribute, described at `uri`. Draft or Active only.
    /// The `Pledged` event carries the 0-based index of the pledge among the caller's pledges.
    function pledge(uint256 missionId, string calldata uri, bytes32 contentHash) external;

    /// @notice Endorses another participant's contribution. Both must have joined; once per (endorser, participant,
    /// contributionHash). Allowed in every status, so contributions can be recognised after a mission concluded.
    function endorse(uint256 missionId, address participant, bytes32 contributionHash) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Number of missions created; ids are 1 … missionCount().
    function missionCount() external view returns (uint256);

    /// @notice The mission record. Reverts with `MissionNotFound` for an unknown id.
    function getMission(uint256 missionId) external view returns (Mission memory);

    /// @notice The status of a mission (`None` for an unknown id; never reverts). One storage read, for consumers
    /// such as escrows and pools that only need the lifecycle.
    function missionStatus(uint256 missionId) external view returns (MissionStatus);

    /// @notice The steward of a mission. Reverts with `MissionNotFound` for an unknown id.
    function stewardOf(uint256 missionId) external view returns (address);

    /// @notice The mission id of a hashtag given in any accepted form (`#Tag`, `tag`). Reverts when unknown.
    function missionIdOf(string calldata hashtag) external view returns (uint256);

    /// @notice Normalises a hashtag (strip one leading `#`, lowercase A-Z, check `[a-z0-9_]{3,32}`), as stored.
    function normalizeHashtag(string calldata hashtag) external pure returns (bytes32);

    /// @notice A goal by its mission-wide id. Reverts with `GoalNotFound`.
    function getGoal(uint256 missionId, uint8 goalId) external view returns (Goal memory);

    /// @notice Goals of one version: ids `firstGoalId … firstGoalId + count - 1` and the document hash. O(1).
    /// Reverts with `VersionNotFound` for version 0 or above the mission's version count.
    function getVersion(
        uint256 missionId,
        uint8 version
    ) external view returns (bytes32 contentHash, uint8 firstGoalId, uint8 count);

    /// @notice End of period `period` (1-based) of a goal and the end of its reporting window.
    /// Reverts with `PeriodOutOfRange` when `period` is 0 or above the goal's period count.
    function periodWindow(
        uint256 missionId,
        uint8 goalId,
        uint16 period
    ) external view returns (uint40 periodEnd, uint40 reportingDeadline);

    /// @notice A participant's record (all zero when `account` has not joined).
    function getParticipant(uint256 missionId, address account) external view returns (Participant memory);

    /// @notice Whether `account` joined `missionId` holding every role in `roles` (`roles = 0`: whether it joined).
    function hasRoles(uint256 missionId, address account, uint8 roles) external view returns (bool);

    /// @notice Whether `endorser` endorsed `participant`'s contribution `contributionHash`.
    function hasEndorsed(
        uint256 missionId,
        address endorser,
        address participant,
        bytes32 contributionHash
    ) external view returns (bool);
}
