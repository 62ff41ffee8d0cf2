// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test token for the impact-pool tests: anyone can mint; an optional transfer fee (burned) in basis points
/// makes it a fee-on-transfer token.
contract MockPoolToken is ERC20 {
    uint256 public feeBps;

    constructor() ERC20("Mock Pool Token", "MPT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFeeBps(uint256 bps) external {
        feeBps = bps;
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 fee = (from != address(0) && to != address(0)) ? (value * feeBps) / 10_000 : 0;
        if (fee > 0) super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
