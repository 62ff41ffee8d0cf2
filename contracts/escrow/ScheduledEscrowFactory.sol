// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/src/utils/LibClone.sol";
import {IScheduledEscrowFactory} from "./IScheduledEscrowFactory.sol";
import {IScheduledEscrow} from "./IScheduledEscrow.sol";
import {IPaymentSchedule} from "../outcomes/IPaymentSchedule.sol";
import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {OutcomeTermChecks} from "../outcomes/OutcomeTermChecks.sol";
import {ScheduleSlots} from "../outcomes/ScheduleSlots.sol";
import {ScheduleLib} from "../outcomes/ScheduleLib.sol";
import {EscrowChecks} from "./EscrowChecks.sol";
import {ScheduleArgs} from "./ScheduleArgs.sol";
import {ScheduledEscrow} from "./ScheduledEscrow.sol";
import {EscrowFactoryBase} from "./EscrowFactoryBase.sol";

/// @title ScheduledEscrowFactory
/// @notice Validates scheduled escrow terms against the mission registry and the schedule rules, creates each escrow
/// as an EIP-1167 clone whose immutable arguments are the packed header (`ScheduleArgs`), and indexes escrows per
/// mission. A sibling of `OutcomeEscrowFactory` (its implementation's code would not fit in that factory's 24 KiB),
/// sharing its checks through `EscrowChecks`. No owner, no funds, no upgrades.
contract ScheduledEscrowFactory is IScheduledEscrowFactory, EscrowFactoryBase {
    constructor(
        IMissionRegistry registry_,
        IMetricFeed feed_
    ) EscrowFactoryBase(registry_, feed_, address(new ScheduledEscrow(feed_)), ScheduleArgs.INDEX_SIZE) {}

    /// @inheritdoc IScheduledEscrowFactory
    function createEscrow(IScheduledEscrow.ScheduledTerms calldata terms) external returns (address escrow) {
        // Pin the committee version current now: later versions apply only to escrows created afterwards.
        uint16 version = _FEED.committeeVersion(terms.missionId);
        IPaymentSchedule.Schedule memory s = terms.paymentSchedule;
        ScheduleLib.validate(s);
        _validateSlots(terms, s, version);
        uint256 totalWeight = EscrowChecks.checkBeneficiaries(terms.beneficiaries);
        uint256 index = _nextIndex();
        bytes memory args = ScheduleArgs.encode(terms, ScheduleLib.pointsRoot(s.points), totalWeight, version, index);
        // CREATE2 with salt 0 over args that end with the creation index (unique): `isEscrow` recomputes the address.
        escrow = LibClone.cloneDeterministic(_IMPLEMENTATION, args, 0);
        ScheduledEscrow(escrow).initialize();
        uint256 missionIndex = _record(escrow, terms.missionId);
        emit ScheduledEscrowCreated(terms.missionId, escrow, msg.sender, missionIndex, terms);
    }

    /// @dev Token and deadlines, the mission, then every slot every point reads (terms and conditions, the walk of
    /// `ScheduleSlots` the pool factory shares): the escrow's mission, an existing goal of the pinned goal version and
    /// period, the goal's direction, funding closed by the period's end, and the point's no-data cut-off no earlier
    /// than the slot can last change.
    function _validateSlots(
        IScheduledEscrow.ScheduledTerms calldata t,
        IPaymentSchedule.Schedule memory s,
        uint16 version
    ) private view {
        EscrowChecks.checkDeadlines(t.token, t.fundingDeadline, s.points[0].deadline);
        OutcomeTermChecks.checkMission(_REGISTRY, t.missionId);
        // One mission, one pinned version: its challenge window + arbitration period hold for every slot.
        IPaymentSchedule.ScheduleTerm memory first = s.points[0].terms[0];
        uint256 settling = OutcomeTermChecks.settlingTime(_FEED, t.missionId, version, first.goalId, first.period);
        ScheduleSlots.Slot memory slot;
        for (uint256 i; i < s.points.length; ++i) {
            IPaymentSchedule.Point memory p = s.points[i];
            uint256 n = ScheduleSlots.count(p);
            for (uint256 j; j < n; ++j) {
                ScheduleSlots.load(p, i, j, t.gracePeriod, slot);
                _checkSlot(t, slot, settling);
            }
        }
    }

    /// @dev One slot: the escrow's mission, the registry and direction checks (`ScheduleSlots.check`), then the pinned
    /// goal version and the timing (`EscrowChecks.checkSlotTiming`).
    function _checkSlot(
        IScheduledEscrow.ScheduledTerms calldata t,
        ScheduleSlots.Slot memory slot,
        uint256 settling
    ) private view {
        if (slot.missionId != t.missionId) {
            revert TermMissionMismatch(slot.index, slot.missionId);
        }
        IMissionRegistry.Goal memory goal = ScheduleSlots.check(_REGISTRY, slot);
        EscrowChecks.checkSlotTiming(
            slot.index,
            goal,
            slot.goalId,
            slot.period,
            t.goalVersion,
            t.fundingDeadline,
            settling,
            slot.noDataAfter
        );
    }
}
