// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/src/utils/LibClone.sol";
import {IOutcomeEscrowFactory} from "./IOutcomeEscrowFactory.sol";
import {IOutcomeEscrow} from "./IOutcomeEscrow.sol";
import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {OutcomeLib} from "../outcomes/OutcomeLib.sol";
import {OutcomeTermChecks} from "../outcomes/OutcomeTermChecks.sol";
import {EscrowArgs} from "./EscrowArgs.sol";
import {EscrowChecks} from "./EscrowChecks.sol";
import {OutcomeEscrow} from "./OutcomeEscrow.sol";
import {EscrowFactoryBase} from "./EscrowFactoryBase.sol";

/// @title OutcomeEscrowFactory
/// @notice Validates escrow terms against the mission registry, creates each escrow as an EIP-1167 clone whose
/// immutable arguments are the packed terms, and indexes escrows per mission. No owner, no funds, no upgrades.
contract OutcomeEscrowFactory is IOutcomeEscrowFactory, EscrowFactoryBase {
    /// @inheritdoc IOutcomeEscrowFactory
    uint256 public constant MAX_BENEFICIARIES = EscrowChecks.MAX_BENEFICIARIES;

    constructor(
        IMissionRegistry registry_,
        IMetricFeed feed_
    ) EscrowFactoryBase(registry_, feed_, address(new OutcomeEscrow(feed_)), EscrowArgs.INDEX_SIZE) {}

    /// @inheritdoc IOutcomeEscrowFactory
    function createEscrow(IOutcomeEscrow.Terms calldata terms) external returns (address escrow) {
        // Pin the committee version current now: later versions apply only to escrows created afterwards.
        uint16 version = _FEED.committeeVersion(terms.missionId);
        uint256 totalWeight = _validate(terms, version);
        bytes memory args = EscrowArgs.encode(terms, totalWeight, version, _nextIndex());
        // CREATE2 with salt 0 over args that end with the creation index (unique): `isEscrow` recomputes the address.
        escrow = LibClone.cloneDeterministic(_IMPLEMENTATION, args, 0);
        OutcomeEscrow(escrow).initialize();
        uint256 missionIndex = _record(escrow, terms.missionId);
        emit EscrowCreated(terms.missionId, escrow, msg.sender, missionIndex, terms);
    }

    /// @dev Checks everything the escrow relies on; returns the sum of the beneficiary weights.
    function _validate(IOutcomeEscrow.Terms calldata t, uint16 version) private view returns (uint256 totalWeight) {
        EscrowChecks.checkDeadlines(t.token, t.fundingDeadline, t.settlementDeadline);
        OutcomeTermChecks.checkMission(_REGISTRY, t.missionId);

        OutcomeLib.validateTerms(t.outcomes);
        // One mission, one pinned version: its challenge window + arbitration period hold for every term.
        OutcomeLib.OutcomeTerm calldata first = t.outcomes[0];
        uint256 settling = OutcomeTermChecks.settlingTime(_FEED, t.missionId, version, first.goalId, first.period);
        uint256 noDataAfter = uint256(t.settlementDeadline) + t.gracePeriod;
        for (uint256 i; i < t.outcomes.length; ++i) {
            OutcomeLib.OutcomeTerm calldata o = t.outcomes[i];
            if (o.missionId != t.missionId) revert TermMissionMismatch(i, o.missionId);
            IMissionRegistry.Goal memory goal = OutcomeTermChecks.checkTerm(_REGISTRY, i, o);
            EscrowChecks.checkSlotTiming(
                i,
                goal,
                o.goalId,
                o.period,
                t.goalVersion,
                t.fundingDeadline,
                settling,
                noDataAfter
            );
        }
        totalWeight = EscrowChecks.checkBeneficiaries(t.beneficiaries);
    }
}
