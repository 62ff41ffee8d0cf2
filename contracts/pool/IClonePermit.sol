// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IClonePermit
/// @notice The EIP-2612 errors of the clone tokens (`ClonePermit`): the pool's shares and each class's shares.
interface IClonePermit {
    /// @notice EIP-2612: the permit's deadline has passed.
    error ERC2612ExpiredSignature(uint256 deadline);
    /// @notice EIP-2612: the permit was signed by `signer`, not `owner`.
    error ERC2612InvalidSigner(address signer, address owner);
}
