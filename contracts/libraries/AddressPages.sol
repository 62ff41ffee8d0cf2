// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title AddressPages
/// @notice The one paginated listing both factories use: up to `limit` entries of a storage list from `offset`, so
/// no view ever copies an unbounded list.
library AddressPages {
    /// @notice `list[offset : offset + limit]`, clipped to the list's end (empty when `offset` is past it).
    function page(address[] storage list, uint256 offset, uint256 limit) internal view returns (address[] memory out) {
        uint256 len = list.length;
        if (offset >= len) return new address[](0);
        uint256 end = len - offset < limit ? len : offset + limit;
        out = new address[](end - offset);
        for (uint256 i = offset; i < end; ++i) out[i - offset] = list[i];
    }
}
