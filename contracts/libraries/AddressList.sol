// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title AddressList
/// @notice The one append-only address list both factories keep (every clone, and the clones of each mission), with
/// paged reads so that no view ever copies an unbounded list. The first entry shares its storage slot with the
/// length, so a list's first push writes one fresh slot instead of two (20k gas less): most missions have one
/// escrow or one pool.
library AddressList {
    /// @notice `index` is not below the list's `length`.
    error IndexOutOfBounds(uint256 index, uint256 length);

    /// @dev Slot 0 packs `length` with entry 0; entries 1… live in `rest`.
    struct List {
        uint96 length;
        address first;
        mapping(uint256 index => address entry) rest;
    }

    /// @notice Appends `entry`; returns its index.
    function push(List storage list, address entry) internal returns (uint256 index) {
        index = list.length;
        if (index == 0) {
            list.first = entry;
        } else {
            list.rest[index] = entry;
        }
        // cast: one entry per clone created; 2^96 clones cannot be paid for
        list.length = uint96(index + 1);
    }

    /// @notice The number of entries.
    function count(List storage list) internal view returns (uint256) {
        return list.length;
    }

    /// @notice Entry `index`; reverts with `IndexOutOfBounds` past the end.
    function at(List storage list, uint256 index) internal view returns (address) {
        uint256 len = list.length;
        if (index >= len) revert IndexOutOfBounds(index, len);
        return index == 0 ? list.first : list.rest[index];
    }

    /// @notice `list[offset : offset + limit]`, clipped to the list's end (empty when `offset` is past it).
    function page(List storage list, uint256 offset, uint256 limit) internal view returns (address[] memory out) {
        uint256 len = list.length;
        if (offset >= len) return new address[](0);
        uint256 end = len - offset < limit ? len : offset + limit;
        out = new address[](end - offset);
        for (uint256 i = offset; i < end; ++i) out[i - offset] = i == 0 ? list.first : list.rest[i];
    }
}
