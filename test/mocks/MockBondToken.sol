// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Mintable ERC-20 for oracle bonds, with two misbehaviours a test can switch on: a fee taken on every
/// transfer (so the oracle must credit what arrived) and a blocklist of recipients (a reverting recipient).
contract MockBondToken is ERC20 {
    error Blocked(address account);

    uint256 public feeBps;
    mapping(address account => bool) public blocked;

    constructor() ERC20("Bond", "BOND") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFeeBps(uint256 bps) external {
        feeBps = bps;
    }

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[to]) revert Blocked(to);
        uint256 fee = from == address(0) ? 0 : (value * feeBps) / 10_000;
        if (fee > 0) super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
