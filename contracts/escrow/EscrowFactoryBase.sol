// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/src/utils/LibClone.sol";
import {IEscrowFactory} from "./IEscrowFactory.sol";
import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {AddressList} from "../libraries/AddressList.sol";

/// @title EscrowFactoryBase
/// @notice The part both escrow factories share: the registry, feed and implementation they are built with, the
/// escrow lists with their lookup and paginated listing (`IEscrowFactory`). A factory validates its terms, encodes
/// arguments that end with the creation index (`_nextIndex()`), clones the implementation with them (CREATE2, salt 0:
/// the address is unique and `isEscrow` can recompute it), initialises the clone and lists it (`_record`).
abstract contract EscrowFactoryBase is IEscrowFactory {
    using AddressList for AddressList.List;

    /// @dev Bytes of an EIP-1167 clone's code before its immutable arguments (Solady `LibClone`).
    uint256 private constant _CLONE_CODE = 0x2d;

    IMissionRegistry internal immutable _REGISTRY;
    IMetricFeed internal immutable _FEED;
    address internal immutable _IMPLEMENTATION;
    /// @dev The least code an escrow clone has: the clone's own code and at least the creation index.
    uint256 private immutable _MIN_CODE;

    AddressList.List private _escrows;
    mapping(uint256 missionId => AddressList.List escrows) private _missionEscrows;

    /// @param indexSize Bytes of the creation index that ends the factory's clone arguments.
    constructor(IMissionRegistry registry_, IMetricFeed feed_, address implementation_, uint256 indexSize) {
        _REGISTRY = registry_;
        _FEED = feed_;
        _IMPLEMENTATION = implementation_;
        _MIN_CODE = _CLONE_CODE + indexSize;
    }

    /// @inheritdoc IEscrowFactory
    function registry() external view returns (IMissionRegistry) {
        return _REGISTRY;
    }

    /// @inheritdoc IEscrowFactory
    function feed() external view returns (IMetricFeed) {
        return _FEED;
    }

    /// @inheritdoc IEscrowFactory
    function implementation() external view returns (address) {
        return _IMPLEMENTATION;
    }

    /// @inheritdoc IEscrowFactory
    function isEscrow(address account) external view returns (bool) {
        if (account.code.length < _MIN_CODE) return false;
        bytes memory args = LibClone.argsOnClone(account);
        return LibClone.predictDeterministicAddress(_IMPLEMENTATION, args, 0, address(this)) == account;
    }

    /// @inheritdoc IEscrowFactory
    function escrowCount() external view returns (uint256) {
        return _escrows.count();
    }

    /// @inheritdoc IEscrowFactory
    function escrowAt(uint256 index) external view returns (address) {
        return _escrows.at(index);
    }

    /// @inheritdoc IEscrowFactory
    function escrows(uint256 offset, uint256 limit) external view returns (address[] memory) {
        return _escrows.page(offset, limit);
    }

    /// @inheritdoc IEscrowFactory
    function missionEscrowCount(uint256 missionId) external view returns (uint256) {
        return _missionEscrows[missionId].count();
    }

    /// @inheritdoc IEscrowFactory
    function missionEscrows(uint256 missionId, uint256 offset, uint256 limit) external view returns (address[] memory) {
        return _missionEscrows[missionId].page(offset, limit);
    }

    /// @dev The creation index the next escrow's arguments end with.
    function _nextIndex() internal view returns (uint256) {
        return _escrows.count();
    }

    /// @dev Lists `escrow` (just created and initialised) under `missionId`; returns its index in the mission.
    function _record(address escrow, uint256 missionId) internal returns (uint256 missionIndex) {
        missionIndex = _missionEscrows[missionId].push(escrow);
        _escrows.push(escrow);
    }
}
