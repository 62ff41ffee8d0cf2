// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IMetricOracle} from "./IMetricOracle.sol";

/// @title SignatureVerifier
/// @notice Checks EIP-712 signed reports: the domain (name, version, chain id, verifying contract), one sequential
/// nonce per reporter, a deadline, and the signature itself by ECDSA (no malleable high-s) or EIP-1271 (contract
/// signers such as Safes), via OpenZeppelin `SignatureChecker`. Each signature is usable once, on one chain, on one
/// contract. Errors are `IMetricOracle.SignatureExpired` and `IMetricOracle.InvalidSignature`.
abstract contract SignatureVerifier is EIP712, Nonces {
    /// @notice The EIP-712 type of a signed report.
    /// @dev keccak256("Report(uint256 missionId,uint8 goalId,uint16 period,uint64 value,bytes32 evidenceHash,address
    /// reporter,uint256 nonce,uint256 deadline)") — one line, no spaces around commas.
    bytes32 public constant REPORT_TYPEHASH = keccak256(
        "Report(uint256 missionId,uint8 goalId,uint16 period,uint64 value,bytes32 evidenceHash,address reporter,uint256 nonce,uint256 deadline)"
    );

    /// @param name The EIP-712 domain name. @param version The EIP-712 domain version.
    constructor(string memory name, string memory version) EIP712(name, version) {}

    /// @dev Checks deadline, nonce (and uses it) and signature of a signed report; reverts otherwise.
    function _verifyReport(IMetricOracle.SignedReport calldata s) internal {
        if (block.timestamp > s.deadline) revert IMetricOracle.SignatureExpired(s.reporter, s.deadline);
        _useCheckedNonce(s.reporter, s.nonce);
        bytes32 digest = _reportDigest(s.report, s.reporter, s.nonce, s.deadline);
        if (!SignatureChecker.isValidSignatureNowCalldata(s.reporter, digest, s.signature)) {
            revert IMetricOracle.InvalidSignature(s.reporter);
        }
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
