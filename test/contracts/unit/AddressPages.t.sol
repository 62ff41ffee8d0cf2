// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {AddressPages} from "../../../contracts/libraries/AddressPages.sol";

/// @dev A storage list paged through the library, as the factories do.
contract AddressPagesHarness {
    address[] internal _list;

    function push(uint256 n) external {
        for (uint256 i; i < n; ++i) _list.push(address(uint160(0xA000 + _list.length)));
    }

    function page(uint256 offset, uint256 limit) external view returns (address[] memory) {
        return AddressPages.page(_list, offset, limit);
    }
}

contract AddressPagesTest is TestBase {
    AddressPagesHarness internal h = new AddressPagesHarness();

    function _entry(uint256 i) internal pure returns (address) {
        return address(uint160(0xA000 + i));
    }

    /// @dev A page that runs past the end is clipped to the list's end (never an out-of-bounds read).
    function test_Page_ClipsToTheEnd() public {
        h.push(5);
        address[] memory p = h.page(3, 10);
        assertEq(p.length, 2, "clipped length");
        assertEq(p[0], _entry(3), "first");
        assertEq(p[1], _entry(4), "last");
        p = h.page(0, 5);
        assertEq(p.length, 5, "exactly the whole list");
        assertEq(p[4], _entry(4), "whole list, last");
        p = h.page(1, type(uint256).max);
        assertEq(p.length, 4, "an unbounded limit cannot overflow offset + limit");
        assertEq(p[0], _entry(1), "unbounded, first");
    }

    function test_Page_EmptyAtOrPastTheEndOrWithZeroLimit() public {
        h.push(3);
        assertEq(h.page(3, 1).length, 0, "offset == length");
        assertEq(h.page(4, 1).length, 0, "offset past the end");
        assertEq(h.page(type(uint256).max, type(uint256).max).length, 0, "both maximal");
        assertEq(h.page(1, 0).length, 0, "zero limit");
        assertEq(new AddressPagesHarness().page(0, 10).length, 0, "empty list");
    }

    /// @dev Every page is exactly the slice list[offset : min(offset + limit, length)], in order.
    function testFuzz_Page_IsTheSlice(uint256 n, uint256 offset, uint256 limit) public {
        n = bound(n, 0, 12);
        offset = bound(offset, 0, 15);
        limit = bound(limit, 0, 15);
        h.push(n);
        address[] memory p = h.page(offset, limit);
        uint256 end = offset + limit < n ? offset + limit : n;
        uint256 expected = offset < end ? end - offset : 0;
        assertEq(p.length, expected, "length");
        for (uint256 i; i < p.length; ++i) assertEq(p[i], _entry(offset + i), "entry");
    }
}
