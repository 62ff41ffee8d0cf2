// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RegistryFixture} from "../unit/MissionRegistry.t.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";

contract MissionRegistryFuzzTest is RegistryFixture {
    bytes internal constant ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    /// @dev A random valid hashtag of `length` characters (mixed case), its lowercase form, and a case-flipped twin.
    function _randomTag(
        uint256 seed,
        uint256 length
    ) internal pure returns (bytes memory tag, bytes memory lower, bytes memory flipped) {
        tag = new bytes(length);
        lower = new bytes(length);
        flipped = new bytes(length);
        for (uint256 i = 0; i < length; ++i) {
            bytes1 c = ALPHABET[uint256(keccak256(abi.encode(seed, i))) % ALPHABET.length];
            tag[i] = c;
            bool upper = c >= "A" && c <= "Z";
            bool lowerLetter = c >= "a" && c <= "z";
            lower[i] = upper ? c | 0x20 : c;
            flipped[i] =
                upper
                    ? c | 0x20
                    : lowerLetter
                        ? c & 0xdf
                        : c;
        }
    }

    /// @dev For any roles held (joined once or in two steps) and any query, `hasRoles` is true exactly when every
    /// queried bit is held (`roles = 0`: when the account joined); an account that never joined has no role.
    function testFuzz_HasRoles_IsTheSubsetTest(uint8 first, uint8 second, uint8 query) public {
        uint8 all = registry.ALL_ROLES();
        first = uint8(bound(first, 1, all)); // cast: ≤ 0x1f
        second = uint8(bound(second, 0, all)); // cast: ≤ 0x1f
        uint256 id = _create("tag");
        _join(id, ALICE, first);
        if (second != 0) _join(id, ALICE, second);
        uint8 held = first | second;
        assertTrue(registry.hasRoles(id, ALICE, query) == (held & query == query), "every queried bit held");
        assertTrue(!registry.hasRoles(id, BOB, query), "never joined");
    }

    function testFuzz_Hashtag_ValidNormalisesAndIsUniqueCaseInsensitively(
        uint256 seed,
        uint256 length,
        bool hash
    ) public {
        length = bound(length, 3, 32);
        (bytes memory tag, bytes memory lower, bytes memory flipped) = _randomTag(seed, length);
        string memory given = hash ? string.concat("#", string(tag)) : string(tag);
        bytes32 expected = bytes32(lower);
        assertEq(registry.normalizeHashtag(given), expected, "normalised");

        uint256 id = _create(given);
        assertEq(registry.getMission(id).hashtag, expected, "stored (packed round trip)");
        assertEq(registry.missionIdOf(string(flipped)), id, "lookup by case-flipped twin");
        assertEq(registry.missionIdOf(string.concat("#", string(lower))), id, "lookup with #");

        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.HashtagTaken.selector, expected, id));
        _create(string(flipped));
    }

    function testFuzz_Hashtag_DistinctTagsGetDistinctMissions(
        uint256 seedA,
        uint256 seedB,
        uint256 lenA,
        uint256 lenB
    ) public {
        (, bytes memory a, ) = _randomTag(seedA, bound(lenA, 3, 32));
        (, bytes memory b, ) = _randomTag(seedB, bound(lenB, 3, 32));
        vm.assume(keccak256(a) != keccak256(b));
        uint256 idA = _create(string(a));
        uint256 idB = _create(string(b));
        assertEq(registry.missionIdOf(string(a)), idA, "a");
        assertEq(registry.missionIdOf(string(b)), idB, "b");
        assertEq(registry.getMission(idB).hashtag, bytes32(b), "b hashtag");
    }

    function testFuzz_Hashtag_InvalidCharacterRejected(
        uint256 seed,
        uint256 length,
        uint256 position,
        uint8 raw
    ) public {
        bytes1 bad = bytes1(raw);
        bool allowed =
            (bad >= "a" && bad <= "z") || (bad >= "A" && bad <= "Z") || (bad >= "0" && bad <= "9") || bad == "_";
        vm.assume(!allowed);
        length = bound(length, 3, 32);
        (bytes memory tag, , ) = _randomTag(seed, length);
        position = bound(position, 0, length - 1);
        // A `#` in first place is the accepted prefix, not a character of the tag.
        vm.assume(!(position == 0 && bad == "#"));
        tag[position] = bad;
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.HashtagInvalidCharacter.selector, position, bad));
        registry.normalizeHashtag(string(tag));
    }

    function testFuzz_Hashtag_LengthOutsideRangeRejected(uint256 seed, uint256 length, bool hash) public {
        length = bound(length, 0, 64);
        vm.assume(length < 3 || length > 32);
        bytes memory tag = new bytes(length);
        for (uint256 i = 0; i < length; ++i) tag[i] = ALPHABET[(seed >> (i % 200)) % 26];
        string memory given = hash ? string.concat("#", string(tag)) : string(tag);
        vm.expectRevert(abi.encodeWithSelector(IMissionRegistry.HashtagLength.selector, length));
        registry.normalizeHashtag(given);
    }

    /// @dev The only ways a lifecycle action may fail here: the wrong state, or a stranger acting as the steward.
    function _expectedRevert(bytes memory reason) internal pure {
        bytes4 selector = bytes4(reason);
        assertTrue(
            selector == IMissionRegistry.WrongState.selector || selector == IMissionRegistry.NotSteward.selector,
            "unexpected revert"
        );
    }

    /// @dev Random sequences of steward/stranger actions never move the status backwards, and every successful
    /// transition is exactly one step forward.
    function testFuzz_Lifecycle_StatusOnlyMovesForward(uint256 seed) public {
        uint256 id = _create("lifecycle");
        uint256 last = uint256(IMissionRegistry.MissionStatus.Draft);
        for (uint256 i = 0; i < 24; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            address caller = r % 4 == 0 ? ALICE : STEWARD;
            uint256 action = (r >> 8) % 5;
            vm.prank(caller);
            if (action == 0) {
                try registry.activate(id) {} catch (bytes memory reason) {
                    _expectedRevert(reason);
                }
            } else if (action == 1) {
                try registry.conclude(id) {} catch (bytes memory reason) {
                    _expectedRevert(reason);
                }
            } else if (action == 2) {
                try registry.amendGoals(id, URI, DOC_HASH_2, _goals(1)) {} catch (bytes memory reason) {
                    _expectedRevert(reason);
                }
            } else if (action == 3) {
                try registry.join(id, uint8(1 << ((r >> 16) % 5))) {} catch (bytes memory reason) {
                    _expectedRevert(reason);
                }
            } else {
                try registry.transferSteward(id, STEWARD) {} catch (bytes memory reason) {
                    _expectedRevert(reason);
                }
            }
            uint256 now_ = uint256(registry.getMission(id).status);
            assertGe(now_, last, "status moved backwards");
            assertLe(now_, last + 1, "status skipped a step");
            last = now_;
        }
    }
}
