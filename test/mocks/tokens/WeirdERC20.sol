// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The one configurable weird ERC-20 of the Solidity tests: every misbehaviour a test needs, switched on per
/// test. Anyone can mint.
/// - `decimals` is set at construction (6, 0, 18, 24 … in tests);
/// - `setFeeBps`: a fee burned on every transfer between two accounts (the recipient receives less than was sent);
/// - `setBlocked`: USDC-style blocklist, a transfer from or to a blocked account reverts with `Blocked`;
/// - `setMode(NoReturn)`: USDT-style, `transfer`/`transferFrom`/`approve` return no data (and revert on failure);
/// - `setMode(ReturnsFalse)`: a transfer that cannot be made returns `false` instead of reverting;
/// - `setHook`: after the balances of a transfer (or transferFrom) moved, call `target` with `data` once (an attacker
///   hook); whether that call succeeded and its revert data are recorded in `reentered` / `lastRevert`.
contract WeirdERC20 {
    enum Mode {
        Standard,
        NoReturn,
        ReturnsFalse
    }

    error Blocked(address account);
    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    string public name;
    string public symbol;
    uint8 public immutable decimals;
    uint256 public totalSupply;
    mapping(address account => uint256 amount) public balanceOf;
    mapping(address owner => mapping(address spender => uint256 amount)) public allowance;

    Mode public mode;
    uint256 public feeBps;
    mapping(address account => bool) public blocked;

    address public hookTarget;
    bytes public hookData;
    bool public reentered;
    bytes public lastRevert;
    uint256 public hookCalls;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) {
        name = name_;
        symbol = symbol_;
        decimals = decimals_;
    }

    /*//////////////////////////////////////////////////////////////
                                SWITCHES
    //////////////////////////////////////////////////////////////*/

    function setMode(Mode m) external {
        mode = m;
    }

    function setFeeBps(uint256 bps) external {
        feeBps = bps;
    }

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    /// @notice Arms a one-shot hook: the next transfer calls `target` with `data` once its balances moved.
    function setHook(address target, bytes calldata data) external {
        hookTarget = target;
        hookData = data;
        reentered = false;
        delete lastRevert;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERC-20
    //////////////////////////////////////////////////////////////*/

    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        _return(true);
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        bool ok = _move(msg.sender, to, amount);
        _return(ok);
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed < amount) {
            if (mode == Mode.ReturnsFalse) _return(false);
            revert InsufficientAllowance(msg.sender, allowed, amount);
        }
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        bool ok = _move(from, to, amount);
        _return(ok);
    }

    function _move(address from, address to, uint256 amount) private returns (bool) {
        if (blocked[from]) revert Blocked(from);
        if (blocked[to]) revert Blocked(to);
        uint256 balance = balanceOf[from];
        if (balance < amount) {
            if (mode == Mode.ReturnsFalse) return false;
            revert InsufficientBalance(from, balance, amount);
        }
        uint256 fee = (amount * feeBps) / 10_000;
        balanceOf[from] = balance - amount;
        balanceOf[to] += amount - fee;
        totalSupply -= fee;
        emit Transfer(from, to, amount - fee);
        if (fee > 0) emit Transfer(from, address(0), fee);
        _hook();
        return true;
    }

    function _hook() private {
        address target = hookTarget;
        if (target == address(0)) return;
        hookTarget = address(0); // one shot
        ++hookCalls;
        (bool ok, bytes memory ret) = target.call(hookData);
        reentered = ok;
        lastRevert = ok ? bytes("") : ret;
    }

    /// @dev Ends the call: with no return data in NoReturn mode, else with the ABI-encoded `ok`.
    function _return(bool ok) private view {
        // Assembly: ends the external call here with exactly the bytes a USDT-style or standard token returns.
        if (mode == Mode.NoReturn) {
            if (!ok) revert InsufficientBalance(address(0), 0, 0);
            assembly ("memory-safe") {
                return(0, 0)
            }
        }
        assembly ("memory-safe") {
            mstore(0, ok)
            return(0, 0x20)
        }
    }
}
