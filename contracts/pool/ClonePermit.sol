// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {IClonePermit} from "./IClonePermit.sol";

/// @title ClonePermit
/// @notice EIP-2612 permits (and the EIP-5267 domain) for an ERC-20 deployed as a clone: OpenZeppelin's `EIP712`
/// caches its domain in immutables, which every clone of one implementation would share. Here the domain is built per
/// call from the token's own `name()`, version "1", the chain id and the clone's own address, so a permit signed for
/// one clone cannot be used on another. Used by `ImpactPool` (its shares) and `PoolShareClass` (a class's shares).
abstract contract ClonePermit is IClonePermit, IERC20Permit, IERC5267, Nonces {
    bytes32 private constant _PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant _DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 private constant _VERSION_HASH = keccak256("1");

    /// @dev The token's name (the EIP-712 domain's name).
    function _permitName() internal view virtual returns (string memory);

    /// @dev Sets `owner`'s allowance for `spender` to `value` (with the ERC-20 `Approval` event).
    function _permitApprove(address owner, address spender, uint256 value) internal virtual;

    /// @inheritdoc IERC20Permit
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        bytes32 structHash = keccak256(abi.encode(_PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline));
        address signer = ECDSA.recover(MessageHashUtils.toTypedDataHash(_domainSeparator(), structHash), v, r, s);
        if (signer != owner) revert ERC2612InvalidSigner(signer, owner);
        _permitApprove(owner, spender, value);
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view virtual override(IERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IERC20Permit
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparator();
    }

    /// @inheritdoc IERC5267
    function eip712Domain()
        external
        view
        returns (bytes1, string memory, string memory, uint256, address, bytes32, uint256[] memory)
    {
        // Fields 0x0f: name, version, chainId, verifyingContract.
        return (hex"0f", _permitName(), "1", block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    /// @dev Built per call from the clone's own name and address.
    function _domainSeparator() private view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    _DOMAIN_TYPEHASH,
                    keccak256(bytes(_permitName())),
                    _VERSION_HASH,
                    block.chainid,
                    address(this)
                )
            );
    }
}
