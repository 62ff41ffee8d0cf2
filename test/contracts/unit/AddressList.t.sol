// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {AddressList} from "../../../contracts/libraries/AddressList.sol";

/// @dev A storage list kept through the library, as the factories do.
contract AddressListHarness {
    using AddressList for AddressList.List;

    AddressList.List internal _list;

    function push(uint256 n) external {
        for (uint256 i; i < n; ++i) _list.push(address(uint160(0xA000 + _list.count())));
    }

    function pushOne(address entry) external returns (uint256) {
        return _list.push(entry);
    }

    function count() external view returns (uint256) {
        return _list.count();
    }

    function at(uint256 index) external view returns (address) {
        return _list.at(index);
    }

    function page(uint256 offset, uint256 limit) external view returns (address[] memory) {
        return _list.page(offset, limit);
    }
}

contract AddressListTest is TestBase {
    AddressListHarness internal h = new AddressListHarness();

    function _entry(uint256 i) internal pure returns (address) {
        return address(uint160(0xA000 + i));
    }

    function test_Push_ReturnsIndex_AtReadsBack() public {
        assertEq(h.pushOne(address(0xBEEF)), 0, "first index");
        assertEq(h.pushOne(address(0xCAFE)), 1, "second index");
        assertEq(h.count(), 2, "count");
        assertEq(h.at(0), address(0xBEEF), "entry 0 (packed with the length)");
        assertEq(h.at(1), address(0xCAFE), "entry 1 (in the mapping)");
    }

    /// @dev Slot 0 of the list holds the length (low 96 bits) and entry 0 (the 160 bits above): a first push writes
    /// one slot.
    function test_Push_FirstEntrySharesTheLengthSlot() public {
        h.pushOne(address(0xBEEF));
        bytes32 word = vm.load(address(h), bytes32(0));
        assertEq(uint256(word), (uint256(uint160(0xBEEF)) << 96) | 1, "length 1 and entry 0 in one word");
    }

    function test_At_RevertWhen_PastTheEnd() public {
        vm.expectRevert(abi.encodeWithSelector(AddressList.IndexOutOfBounds.selector, 0, 0));
        h.at(0);
        h.push(2);
        vm.expectRevert(abi.encodeWithSelector(AddressList.IndexOutOfBounds.selector, 2, 2));
        h.at(2);
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
        assertEq(p[0], _entry(0), "whole list, first");
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
        assertEq(new AddressListHarness().page(0, 10).length, 0, "empty list");
    }

    /// @dev Every page is exactly the slice list[offset : min(offset + limit, length)], in order, and equals `at`.
    function testFuzz_Page_IsTheSlice(uint256 n, uint256 offset, uint256 limit) public {
        n = bound(n, 0, 12);
        offset = bound(offset, 0, 15);
        limit = bound(limit, 0, 15);
        h.push(n);
        assertEq(h.count(), n, "count");
        address[] memory p = h.page(offset, limit);
        uint256 end = offset + limit < n ? offset + limit : n;
        uint256 expected = offset < end ? end - offset : 0;
        assertEq(p.length, expected, "length");
        for (uint256 i; i < p.length; ++i) {
            assertEq(p[i], _entry(offset + i), "entry");
            assertEq(h.at(offset + i), p[i], "at agrees with page");
        }
    }
}
