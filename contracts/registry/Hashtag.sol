// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMissionRegistry} from "./IMissionRegistry.sol";

/// @title Hashtag
/// @notice Normalisation of mission hashtags: strip one leading `#`, lowercase `A-Z`, then require `[a-z0-9_]{3,32}`.
/// The normalised form is the ASCII left-aligned in a `bytes32` (zero padded on the right).
/// @dev A normalised hashtag has at most 32 symbols from a 37-letter alphabet, so it also packs losslessly into
/// 192 bits (6 bits per character, code 0 = padding). The registry keys its hashtag index by the packed form and
/// stores the packed form in the mission core slot, which saves one storage slot per mission.
library Hashtag {
    uint256 internal constant MIN_LENGTH = 3;
    uint256 internal constant MAX_LENGTH = 32;

    /// @notice Normalises `tag` and packs it. Reverts with `HashtagLength` (length after stripping the `#`) or
    /// `HashtagInvalidCharacter` (index into `tag` as given, and the offending byte as given).
    /// @return normalized The normalised hashtag, left-aligned ASCII.
    /// @return packed The same hashtag, 6 bits per character, first character in the highest bits.
    function normalize(string calldata tag) internal pure returns (bytes32 normalized, uint192 packed) {
        bytes calldata raw = bytes(tag);
        uint256 start = raw.length > 0 && raw[0] == "#" ? 1 : 0;
        uint256 length = raw.length - start;
        if (length < MIN_LENGTH || length > MAX_LENGTH) revert IMissionRegistry.HashtagLength(length);
        uint256 word;
        uint256 codes;
        for (uint256 i = start; i < raw.length; ++i) {
            // Cast: one byte read as its unsigned value.
            uint256 c = uint8(raw[i]);
            uint256 code;
            if (c >= 0x61 && c <= 0x7a) {
                code = c - 0x55; // a-z → 12..37
            } else if (c >= 0x41 && c <= 0x5a) {
                c |= 0x20; // A-Z → a-z
                code = c - 0x55;
            } else if (c >= 0x30 && c <= 0x39) {
                code = c - 0x2f; // 0-9 → 1..10
            } else if (c == 0x5f) {
                code = 11; // _
            } else {
                revert IMissionRegistry.HashtagInvalidCharacter(i, raw[i]);
            }
            word = (word << 8) | c;
            codes = (codes << 6) | code;
        }
        // Left-align both: `length` characters were shifted in from the right.
        normalized = bytes32(word << ((MAX_LENGTH - length) * 8));
        // Cast: 32 six-bit codes are exactly 192 bits.
        packed = uint192(codes << ((MAX_LENGTH - length) * 6));
    }

    /// @notice The left-aligned ASCII form of a packed hashtag (the inverse of the packing in `normalize`).
    function unpack(uint192 packed) internal pure returns (bytes32 normalized) {
        uint256 word;
        uint256 i;
        for (; i < MAX_LENGTH; ++i) {
            uint256 code = (uint256(packed) >> ((MAX_LENGTH - 1 - i) * 6)) & 0x3f;
            if (code == 0) break; // padding: the hashtag ended
            uint256 c;
            if (code <= 10) c = code + 0x2f;
            else if (code == 11) c = 0x5f;
            else c = code + 0x55;
            word = (word << 8) | c;
        }
        // Left-align the `i` characters read.
        normalized = bytes32(word << ((MAX_LENGTH - i) * 8));
    }
}
