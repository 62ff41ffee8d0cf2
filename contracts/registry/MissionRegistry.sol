// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMissionRegistry} from "./IMissionRegistry.sol";
import {Hashtag} from "./Hashtag.sol";

/// @title MissionRegistry
/// @notice Missions with unique hashtags, append-only goal versions, open participation, pledges and endorsements.
/// @dev Storage layout. `createMission` with one goal writes four fresh slots and bumps the mission counter:
/// - `_cores[id]` (one slot): the hashtag packed in 192 bits (see `Hashtag`), status, versionCount, goalCount,
///   participantCount — everything `join` needs, so joining reads and writes one mission slot.
/// - `_tags[packedHashtag]` (one slot): missionId, steward, createdAt. It is both the uniqueness index and the
///   second half of the mission record (reached from the core through the packed hashtag).
/// - `_contentHashes[id][version]`: the goal document hash of each version.
/// - `_goals[id][goalId]`: one packed `Goal` per slot (exactly 256 bits); metric keys and URIs live in events.
/// - `_versionFirstGoal[id][version]`: first goal id of versions ≥ 2 only (version 1 always starts at goal 0), so
///   creation writes nothing for it and `getVersion` stays O(1).
/// - `_participants[id][account]`: one packed `Participant` per slot.
/// - `_endorsed[keccak256(id, endorser, participant, contributionHash)]`: endorsement dedupe, one slot each.
contract MissionRegistry is IMissionRegistry {
    /// @dev The id-keyed half of a mission: 192 + 8 + 8 + 8 + 32 = 248 bits, one slot (the linter's heuristic
    /// does not see that a uint192 packs with the small fields).
    // solhint-disable-next-line gas-struct-packing
    struct MissionCore {
        uint192 packedHashtag;
        MissionStatus status;
        uint8 versionCount;
        uint8 goalCount;
        uint32 participantCount;
    }

    /// @dev The hashtag-keyed half of a mission: 56 + 160 + 40 = 256 bits.
    struct TagRecord {
        uint56 missionId;
        address steward;
        uint40 createdAt;
    }

    /// @notice Most goals one version may hold.
    uint256 public constant MAX_GOALS_PER_VERSION = 16;
    /// @notice Most goals a mission may hold over all its versions (goal ids are `uint8`).
    uint256 public constant MAX_GOALS = 255;
    /// @notice Most goal versions a mission may hold (versions are `uint8`).
    uint256 public constant MAX_VERSIONS = 255;
    /// @notice Every defined role bit: Funder | Provider | Evaluator | Investor | Supporter.
    uint8 public constant ALL_ROLES = 0x1f;

    uint256 private _missionCount;
    mapping(uint256 missionId => MissionCore core) private _cores;
    mapping(uint192 packedHashtag => TagRecord record) private _tags;
    mapping(uint256 missionId => mapping(uint8 version => bytes32 contentHash)) private _contentHashes;
    mapping(uint256 missionId => mapping(uint8 version => uint8 firstGoalId)) private _versionFirstGoal;
    mapping(uint256 missionId => mapping(uint8 goalId => Goal goal)) private _goals;
    mapping(uint256 missionId => mapping(address account => Participant record)) private _participants;
    mapping(bytes32 endorsementKey => bool endorsed) private _endorsed;

    /*//////////////////////////////////////////////////////////////
                            STEWARD ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMissionRegistry
    function createMission(
        string calldata hashtag,
        address steward,
        string calldata metadataURI,
        bytes32 contentHash,
        GoalInput[] calldata goals
    ) external returns (uint256 missionId) {
        (bytes32 tag, uint192 packed) = Hashtag.normalize(hashtag);
        uint256 existing = _tags[packed].missionId;
        if (existing != 0) revert HashtagTaken(tag, existing);
        if (steward == address(0)) revert ZeroSteward();
        if (contentHash == bytes32(0)) revert ZeroContentHash();
        _checkGoalCount(goals.length, MAX_GOALS_PER_VERSION);

        missionId = ++_missionCount;
        // Casts: 2^56 missions cannot be created (each costs > 100k gas); timestamps fit in 40 bits for 34,000 years.
        _tags[packed] = TagRecord({missionId: uint56(missionId), steward: steward, createdAt: uint40(block.timestamp)});
        // Cast: goals.length ≤ 16 was checked above.
        _cores[missionId] = MissionCore({
            packedHashtag: packed,
            status: MissionStatus.Draft,
            versionCount: 1,
            goalCount: uint8(goals.length),
            participantCount: 0
        });
        _contentHashes[missionId][1] = contentHash;
        _writeGoals(missionId, 1, 0, goals);

        emit MissionCreated(missionId, tag, steward, metadataURI, contentHash);
        emit GoalVersionAdded(missionId, 1, 0, metadataURI, contentHash, goals);
    }

    /// @inheritdoc IMissionRegistry
    function amendGoals(
        uint256 missionId,
        string calldata metadataURI,
        bytes32 contentHash,
        GoalInput[] calldata goals
    ) external returns (uint8 version) {
        (MissionCore storage mission, ) = _stewardMission(missionId);
        MissionStatus status = mission.status;
        if (status != MissionStatus.Draft && status != MissionStatus.Active) revert WrongState(missionId, status);
        if (mission.versionCount == MAX_VERSIONS) revert TooManyVersions(missionId);
        if (contentHash == bytes32(0)) revert ZeroContentHash();
        uint8 firstGoalId = mission.goalCount;
        uint256 room = MAX_GOALS - firstGoalId;
        _checkGoalCount(goals.length, room < MAX_GOALS_PER_VERSION ? room : MAX_GOALS_PER_VERSION);

        // Overflow impossible: versionCount < 255 was checked above.
        version = mission.versionCount + 1;
        mission.versionCount = version;
        // Cast: firstGoalId + goals.length ≤ 255 was checked above.
        mission.goalCount = uint8(firstGoalId + goals.length);
        _contentHashes[missionId][version] = contentHash;
        _versionFirstGoal[missionId][version] = firstGoalId;
        _writeGoals(missionId, version, firstGoalId, goals);

        emit GoalVersionAdded(missionId, version, firstGoalId, metadataURI, contentHash, goals);
    }

    /// @inheritdoc IMissionRegistry
    function activate(uint256 missionId) external {
        _advance(missionId, MissionStatus.Draft, MissionStatus.Active);
    }

    /// @inheritdoc IMissionRegistry
    function conclude(uint256 missionId) external {
        _advance(missionId, MissionStatus.Active, MissionStatus.Concluded);
    }

    /// @inheritdoc IMissionRegistry
    function transferSteward(uint256 missionId, address newSteward) external {
        (, TagRecord storage record) = _stewardMission(missionId);
        if (newSteward == address(0)) revert ZeroSteward();
        address previous = record.steward;
        record.steward = newSteward;
        emit StewardTransferred(missionId, previous, newSteward);
    }

    /*//////////////////////////////////////////////////////////////
                             PARTICIPATION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMissionRegistry
    function join(uint256 missionId, uint8 roles) external {
        if (roles == 0 || roles & ~ALL_ROLES != 0) revert InvalidRoles(roles);
        MissionCore storage mission = _existing(missionId);
        MissionStatus status = mission.status;
        if (status == MissionStatus.Concluded) revert WrongState(missionId, status);
        Participant storage record = _participants[missionId][msg.sender];
        uint8 newRoles = record.roles | roles;
        if (record.roles == 0) {
            // Cast: block timestamps fit in 40 bits for the next 34,000 years.
            _participants[missionId][msg.sender] = Participant({
                roles: newRoles,
                joinedAt: uint40(block.timestamp),
                pledgeCount: 0,
                endorsementsReceived: 0,
                endorsementsGiven: 0
            });
            ++mission.participantCount;
        } else {
            record.roles = newRoles;
        }
        emit ParticipantJoined(missionId, msg.sender, newRoles);
    }

    /// @inheritdoc IMissionRegistry
    function pledge(uint256 missionId, string calldata uri, bytes32 contentHash) external {
        MissionCore storage mission = _existing(missionId);
        MissionStatus status = mission.status;
        if (status == MissionStatus.Concluded) revert WrongState(missionId, status);
        Participant storage record = _participants[missionId][msg.sender];
        if (record.roles == 0) revert NotParticipant(missionId, msg.sender);
        uint32 index = record.pledgeCount;
        record.pledgeCount = index + 1;
        emit Pledged(missionId, msg.sender, index, uri, contentHash);
    }

    /// @inheritdoc IMissionRegistry
    function endorse(uint256 missionId, address participant, bytes32 contributionHash) external {
        if (participant == msg.sender) revert SelfEndorsement(msg.sender);
        // Both records exist only in existing missions, so no separate mission lookup is needed.
        Participant storage endorser = _participants[missionId][msg.sender];
        if (endorser.roles == 0) revert NotParticipant(missionId, msg.sender);
        Participant storage endorsed = _participants[missionId][participant];
        if (endorsed.roles == 0) revert NotParticipant(missionId, participant);
        bytes32 key = _endorsementKey(missionId, msg.sender, participant, contributionHash);
        if (_endorsed[key]) revert AlreadyEndorsed(missionId, msg.sender, participant, contributionHash);
        _endorsed[key] = true;
        ++endorser.endorsementsGiven;
        ++endorsed.endorsementsReceived;
        emit Endorsed(missionId, msg.sender, participant, contributionHash);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMissionRegistry
    function missionCount() external view returns (uint256) {
        return _missionCount;
    }

    /// @inheritdoc IMissionRegistry
    function getMission(uint256 missionId) external view returns (Mission memory) {
        MissionCore storage core = _existing(missionId);
        uint192 packed = core.packedHashtag;
        TagRecord storage record = _tags[packed];
        return
            Mission({
                steward: record.steward,
                status: core.status,
                versionCount: core.versionCount,
                goalCount: core.goalCount,
                createdAt: record.createdAt,
                participantCount: core.participantCount,
                hashtag: Hashtag.unpack(packed)
            });
    }

    /// @inheritdoc IMissionRegistry
    function missionStatus(uint256 missionId) external view returns (MissionStatus) {
        return _cores[missionId].status;
    }

    /// @inheritdoc IMissionRegistry
    function stewardOf(uint256 missionId) external view returns (address) {
        return _tags[_existing(missionId).packedHashtag].steward;
    }

    /// @inheritdoc IMissionRegistry
    function missionIdOf(string calldata hashtag) external view returns (uint256 missionId) {
        (bytes32 tag, uint192 packed) = Hashtag.normalize(hashtag);
        missionId = _tags[packed].missionId;
        if (missionId == 0) revert HashtagNotFound(tag);
    }

    /// @inheritdoc IMissionRegistry
    function normalizeHashtag(string calldata hashtag) external pure returns (bytes32) {
        (bytes32 normalized, ) = Hashtag.normalize(hashtag);
        return normalized;
    }

    /// @inheritdoc IMissionRegistry
    function getGoal(uint256 missionId, uint8 goalId) public view returns (Goal memory) {
        if (goalId >= _existing(missionId).goalCount) revert GoalNotFound(missionId, goalId);
        return _goals[missionId][goalId];
    }

    /// @inheritdoc IMissionRegistry
    function getVersion(
        uint256 missionId,
        uint8 version
    ) external view returns (bytes32 contentHash, uint8 firstGoalId, uint8 count) {
        MissionCore storage mission = _existing(missionId);
        uint8 versionCount = mission.versionCount;
        if (version == 0 || version > versionCount) revert VersionNotFound(missionId, version);
        firstGoalId = version == 1 ? 0 : _versionFirstGoal[missionId][version];
        uint8 end = version == versionCount ? mission.goalCount : _versionFirstGoal[missionId][version + 1];
        // Underflow impossible: goal ids grow with versions, so end ≥ firstGoalId.
        count = end - firstGoalId;
        contentHash = _contentHashes[missionId][version];
    }

    /// @inheritdoc IMissionRegistry
    function periodWindow(
        uint256 missionId,
        uint8 goalId,
        uint16 period
    ) external view returns (uint40 periodEnd, uint40 reportingDeadline) {
        Goal memory goal = getGoal(missionId, goalId);
        if (period == 0 || period > goal.periodCount) revert PeriodOutOfRange(missionId, goalId, period);
        // Cast: `_validateGoal` checked that the last period's reporting deadline fits in 40 bits.
        periodEnd = uint40(uint256(goal.firstPeriodEnd) + uint256(period - 1) * goal.periodLength);
        reportingDeadline = periodEnd + goal.reportingWindow;
    }

    /// @inheritdoc IMissionRegistry
    function getParticipant(uint256 missionId, address account) external view returns (Participant memory) {
        return _participants[missionId][account];
    }

    /// @inheritdoc IMissionRegistry
    function hasRoles(uint256 missionId, address account, uint8 roles) external view returns (bool) {
        uint8 held = _participants[missionId][account].roles;
        return held != 0 && held & roles == roles;
    }

    /// @inheritdoc IMissionRegistry
    function hasEndorsed(
        uint256 missionId,
        address endorser,
        address participant,
        bytes32 contributionHash
    ) external view returns (bool) {
        return _endorsed[_endorsementKey(missionId, endorser, participant, contributionHash)];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _existing(uint256 missionId) private view returns (MissionCore storage mission) {
        mission = _cores[missionId];
        if (mission.status == MissionStatus.None) revert MissionNotFound(missionId);
    }

    function _stewardMission(
        uint256 missionId
    ) private view returns (MissionCore storage mission, TagRecord storage record) {
        mission = _existing(missionId);
        record = _tags[mission.packedHashtag];
        if (record.steward != msg.sender) revert NotSteward(missionId, msg.sender);
    }

    function _advance(uint256 missionId, MissionStatus from, MissionStatus to) private {
        (MissionCore storage mission, ) = _stewardMission(missionId);
        MissionStatus status = mission.status;
        if (status != from) revert WrongState(missionId, status);
        mission.status = to;
        emit MissionStatusChanged(missionId, from, to);
    }

    function _checkGoalCount(uint256 count, uint256 max) private pure {
        if (count == 0 || count > max) revert GoalCount(count, max);
    }

    function _writeGoals(uint256 missionId, uint8 version, uint8 firstGoalId, GoalInput[] calldata goals) private {
        mapping(uint8 goalId => Goal goal) storage stored = _goals[missionId];
        for (uint256 i = 0; i < goals.length; ++i) {
            GoalInput calldata input = goals[i];
            _validateGoal(i, input);
            // Cast: firstGoalId + goals.length ≤ 255 was checked by the caller.
            stored[uint8(firstGoalId + i)] = Goal({
                baseline: input.baseline,
                target: input.target,
                firstPeriodEnd: input.firstPeriodEnd,
                periodLength: input.periodLength,
                periodCount: input.periodCount,
                reportingWindow: input.reportingWindow,
                decimals: input.decimals,
                version: version
            });
        }
    }

    function _validateGoal(uint256 index, GoalInput calldata input) private view {
        if (input.baseline == input.target) revert InvalidGoal(index, GoalField.BaselineTarget);
        uint8 periodCount = input.periodCount;
        if (periodCount == 0) revert InvalidGoal(index, GoalField.PeriodCount);
        if (periodCount > 1 && input.periodLength == 0) revert InvalidGoal(index, GoalField.PeriodLength);
        if (input.reportingWindow == 0) revert InvalidGoal(index, GoalField.ReportingWindow);
        if (input.firstPeriodEnd <= block.timestamp) revert InvalidGoal(index, GoalField.FirstPeriodEnd);
        if (input.decimals > 18) revert InvalidGoal(index, GoalField.Decimals);
        uint256 lastDeadline =
            uint256(input.firstPeriodEnd) + uint256(periodCount - 1) * input.periodLength + input.reportingWindow;
        if (lastDeadline > type(uint40).max) revert InvalidGoal(index, GoalField.Schedule);
    }

    function _endorsementKey(
        uint256 missionId,
        address endorser,
        address participant,
        bytes32 contributionHash
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(missionId, endorser, participant, contributionHash));
    }
}
