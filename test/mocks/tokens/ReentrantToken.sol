// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice ERC-20 whose transfers call back `hookTarget` with `data` (an attacker hook), and record the result.
contract ReentrantToken is ERC20 {
    address public hookTarget;
    bytes public data;
    bool public reentered;
    bytes public lastRevert;

    constructor() ERC20("Hook", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setHook(address target_, bytes calldata data_) external {
        hookTarget = target_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (hookTarget != address(0) && from != address(0)) {
            address t = hookTarget;
            hookTarget = address(0); // one shot
            bool ok;
            (ok, lastRevert) = t.call(data);
            reentered = ok;
        }
    }
}
