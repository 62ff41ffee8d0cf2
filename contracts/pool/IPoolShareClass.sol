// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IClonePermit} from "./IClonePermit.sol";

/// @title IPoolShareClass
/// @notice One investor class of a classed impact pool (`docs/capital-structure.md`): its own transferable ERC-20
/// share token (EIP-2612 permit, `ClonePermit`), minted 1:1 with the capital invested in the class. Each interim
/// distribution the pool makes to the class raises a per-share accumulator (magnified by 2^64); every account keeps
/// a correction next to its balance (one storage slot), adjusted on burn, transfer and claim (a mint precedes every
/// distribution), so a claim and a transfer are O(1) and a transfer moves no accrued entitlement: what accrued before
/// the transfer stays claimable by the sender. The money stays in the pool, which pays a claim on this token's call.
/// Clone of one implementation per factory, with immutable args (pool, class index, name, symbol, target).
interface IPoolShareClass is IERC20Metadata, IClonePermit {
    /// @notice `distribute` or `mint` called by someone other than the class's pool.
    error NotPool(address caller);
    /// @notice `claim` with nothing accrued.
    error NothingToClaim(address account);
    /// @notice `withdraw` by an account without shares.
    error NothingToWithdraw(address account);
    /// @notice An ERC-20 balance or allowance too small for the transfer.
    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    /// @notice An allowance too small for `transferFrom`.
    error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    /// @notice A transfer to or approval of the zero address.
    error ZeroAddress();

    /// @notice The pool distributed `amount` to the class; the accumulator is now `perShareX64`.
    event ClassDistributed(uint256 amount, uint256 perShareX64);
    /// @notice `account` claimed `amount` (paid by the pool).
    event Claimed(address indexed account, uint256 amount);
    /// @notice After a failed raise, `account` burned all its shares for `amount` of capital (paid by the pool).
    event Withdrawn(address indexed account, uint256 amount);

    /// @notice The pool this class belongs to.
    function pool() external view returns (address);

    /// @notice The class's index in the pool's seniority order (0 = most senior).
    function classIndex() external view returns (uint256);

    /// @notice What `account` can claim now: its shares' part of every distribution made while it held them, less
    /// what it claimed (rounded down per distribution: the dust stays in the pool).
    function claimable(address account) external view returns (uint256);

    /// @notice The cumulative amount distributed per share, magnified by 2^64 (rounded down).
    function perShareX64() external view returns (uint256);

    /// @notice Pays the caller everything accrued to it (`claimable`); reverts with `NothingToClaim` at zero.
    function claim() external returns (uint256 amount);

    /// @notice After a failed raise: burns all the caller's shares and has the pool return the same capital.
    function withdraw() external returns (uint256 amount);

    /// @notice Pool only: mints `amount` shares to `to` (an investment, while the raise is open: before any
    /// distribution, so with no accumulator correction).
    function mint(address to, uint256 amount) external;

    /// @notice Pool only: distributes `amount` (already held by the pool) over the current shares.
    function distribute(uint256 amount) external;
}
