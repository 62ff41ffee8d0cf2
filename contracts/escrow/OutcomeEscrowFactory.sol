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
import {AddressList} from "../libraries/AddressList.sol";

/// @title OutcomeEscrowFactory
/// @notice Validates escrow terms against the mission registry, creates each escrow as an EIP-1167 clone whose
/// immutable arguments are the packed terms, and indexes escrows per mission. No owner, no funds, no upgrades.
contract OutcomeEscrowFactory is IOutcomeEscrowFactory {
    using AddressList for AddressList.List;

    /// @inheritdoc IOutcomeEscrowFactory
    uint256 public constant MAX_BENEFICIARIES = EscrowChecks.MAX_BENEFICIARIES;

    IMissionRegistry private immutable _REGISTRY;
    IMetricFeed private immutable _FEED;
    address private immutable _IMPLEMENTATION;

    AddressList.List private _escrows;
    mapping(uint256 missionId => AddressList.List escrows) private _missionEscrows;

    constructor(IMissionRegistry registry_, IMetricFeed feed_) {
        _REGISTRY = registry_;
        _FEED = feed_;
        _IMPLEMENTATION = address(new OutcomeEscrow(feed_));
    }

    /// @inheritdoc IOutcomeEscrowFactory
    function createEscrow(IOutcomeEscrow.Terms calldata terms) external returns (address escrow) {
        // Pin the committee version current now: later versions apply only to escrows created afterwards.
        uint16 version = _FEED.committeeVersion(terms.missionId);
        uint256 totalWeight = _validate(terms, version);
        uint256 index = _escrows.count();
        // CREATE2 with salt 0 over args that end with the creation index (unique): `isEscrow` recomputes the address.
        escrow = LibClone.cloneDeterministic(_IMPLEMENTATION, EscrowArgs.encode(terms, totalWeight, version, index), 0);
        OutcomeEscrow(escrow).initialize();
        uint256 missionIndex = _missionEscrows[terms.missionId].push(escrow);
        _escrows.push(escrow);
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

    /// @inheritdoc IOutcomeEscrowFactory
    function registry() external view returns (IMissionRegistry) {
        return _REGISTRY;
    }

    /// @inheritdoc IOutcomeEscrowFactory
    function feed() external view returns (IMetricFeed) {
        return _FEED;
    }

    /// @inheritdoc IOutcomeEscrowFactory
    function implementation() external view returns (address) {
        return _IMPLEMENTATION;
    }

    /// @inheritdoc IOutcomeEscrowFactory
    function isEscrow(address account) external view returns (bool) {
        // A clone with args has 0x2d bytes of code before them; ours end with an 8-byte index.
        if (account.code.length < 0x2d + EscrowArgs.INDEX_SIZE) return false;
        bytes memory args = LibClone.argsOnClone(account);
        return LibClone.predictDeterministicAddress(_IMPLEMENTATION, args, 0, address(this)) == account;
    }

    /// @inheritdoc IOutcomeEscrowFactory
    function escrowCount() external view returns (uint256) {
        return _escrows.count();
    }

    /// @inheritdoc IOutcomeEscrowFactory
    function escrowAt(uint256 index) external view returns (address) {
        return _escrows.at(index);
    }

    /// @inheritdoc IOutcomeEscrowFactory
    function escrows(uint256 offset, uint256 limit) external view returns (address[] memory) {
        return _escrows.page(offset, limit);
    }

    /// @inheritdoc IOutcomeEscrowFactory
    function missionEscrowCount(uint256 missionId) external view returns (uint256) {
        return _missionEscrows[missionId].count();
    }

    /// @inheritdoc IOutcomeEscrowFactory
    function missionEscrows(uint256 missionId, uint256 offset, uint256 limit) external view returns (address[] memory) {
        return _missionEscrows[missionId].page(offset, limit);
    }
}
