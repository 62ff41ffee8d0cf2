// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricOracle} from "../../../contracts/oracle/IMetricOracle.sol";

/// @notice The EIP-712 digests the tests sign, written once from the standard (never from the contract under test,
/// so a wrong typehash, domain or field order in a contract fails the test that signs with these).
library Eip712 {
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    /// @dev ERC-2612.
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );
    /// @dev `MetricOracle.reportSigned` / `reportBatch`.
    bytes32 internal constant REPORT_TYPEHASH = keccak256(
        "Report(uint256 missionId,uint16 version,uint8 goalId,uint16 period,uint64 value,bytes32 evidenceHash,address reporter,uint256 nonce,uint256 deadline)"
    );

    /// @notice The domain separator of `verifying` on this chain, with the name and version a wallet reads.
    function domain(string memory name, string memory version, address verifying) internal view returns (bytes32) {
        return
            keccak256(
                abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256(bytes(version)), block.chainid, verifying)
            );
    }

    /// @notice `"\x19\x01" ‖ domain ‖ structHash`, hashed: what is signed.
    function digest(bytes32 domainSeparator, bytes32 structHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    /// @notice The digest of an ERC-2612 permit.
    function permitDigest(
        bytes32 domainSeparator,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal pure returns (bytes32) {
        return digest(domainSeparator, keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline)));
    }

    /// @notice The digest of a signed metric report.
    function reportDigest(
        bytes32 domainSeparator,
        IMetricOracle.Report memory r,
        address reporter,
        uint256 nonce,
        uint256 deadline
    ) internal pure returns (bytes32) {
        bytes32 structHash = keccak256(
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
        );
        return digest(domainSeparator, structHash);
    }
}
