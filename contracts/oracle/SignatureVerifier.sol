// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IMetricOracle} from "./IMetricOracle.sol";

/// @title SignatureVerifier
/// @notice Checks EIP-712 signed reports: the domain (name, version, chain id, verifying contract), an unordered
/// nonce per reporter (a bitmap, as Permit2: any unused number, so one lost signature blocks no other), a deadline,
/// and the signature itself by ECDSA (no malleable high-s) or EIP-1271 (contract signers such as Safes), via
/// OpenZeppelin `SignatureChecker`. Each signature is usable once, on one chain, on one contract. Errors are
/// `IMetricOracle.SignatureExpired`, `IMetricOracle.NonceUsed` and `IMetricOracle.InvalidSignature`.
abstract contract SignatureVerifier is EIP712 {
    /// @notice The EIP-712 type of a signed report: it names the committee version the report is for.
    /// @dev keccak256("Report(uint256 missionId,uint16 version,uint8 goalId,uint16 period,uint64 value,bytes32
    /// evidenceHash,address reporter,uint256 nonce,uint256 deadline)") — one line, no spaces around commas.
    bytes32 public constant REPORT_TYPEHASH = keccak256(
        "Report(uint256 missionId,uint16 version,uint8 goalId,uint16 period,uint64 value,bytes32 evidenceHash,address reporter,uint256 nonce,uint256 deadline)"
    );

    /// @dev Used nonces: bit `nonce % 256` of word `nonce / 256`.
    mapping(address reporter => mapping(uint256 wordPos => uint256 bits)) internal _nonceBitmap;

    /// @param name The EIP-712 domain name. @param version The EIP-712 domain version.
    constructor(string memory name, string memory version) EIP712(name, version) {}

    /// @dev Checks deadline, that the nonce is unused, and the signature; changes nothing. Returns the encoded error
    /// (empty when valid) so that a batch can skip an entry while a single report reverts with it, and the nonce's
    /// bitmap word with the nonce's bit set, for `_useNonce` (one storage read per signed report).
    function _checkSignedReport(
        IMetricOracle.SignedReport calldata s
    ) internal view returns (bytes memory err, uint256 usedWord) {
        if (block.timestamp > s.deadline) {
            return (abi.encodeWithSelector(IMetricOracle.SignatureExpired.selector, s.reporter, s.deadline), 0);
        }
        uint256 word = _nonceBitmap[s.reporter][s.nonce >> 8];
        uint256 bit = 1 << (s.nonce & 0xff);
        if (word & bit != 0) return (abi.encodeWithSelector(IMetricOracle.NonceUsed.selector, s.reporter, s.nonce), 0);
        usedWord = word | bit;
        bytes32 digest = _reportDigest(s.report, s.reporter, s.nonce, s.deadline);
        if (!SignatureChecker.isValidSignatureNowCalldata(s.reporter, digest, s.signature)) {
            return (abi.encodeWithSelector(IMetricOracle.InvalidSignature.selector, s.reporter), 0);
        }
    }

    /// @dev Marks `nonce` of `reporter` used: writes `usedWord` from `_checkSignedReport` in the same call (nothing
    /// else writes the bitmap in between: reports make no external calls that could re-enter).
    function _useNonce(address reporter, uint256 nonce, uint256 usedWord) internal {
        _nonceBitmap[reporter][nonce >> 8] = usedWord;
    }

    /// @dev The EIP-712 digest `reporter` signs for `r` with `nonce` and `deadline`.
    function _reportDigest(
        IMetricOracle.Report calldata r,
        address reporter,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        REPORT_TYPEHASH,
                        r.missionId,
                        r.version,
                        r.goalId,
                        r.period,
                        r.value,
                        r.evidenceHash,
                        reporter,
                        nonce,
                        deadline
                    )
                )
            );
    }
}
