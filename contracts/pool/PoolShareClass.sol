// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/src/utils/LibClone.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ShortString, ShortStrings} from "@openzeppelin/contracts/utils/ShortStrings.sol";
import {IPoolShareClass} from "./IPoolShareClass.sol";
import {IImpactPool} from "./IImpactPool.sol";
import {ClonePermit} from "./ClonePermit.sol";
import {MathLib} from "../libraries/MathLib.sol";

/// @title PoolShareClass
/// @notice One investor class's share token (see `IPoolShareClass`).
/// @dev Clone args: pool (20 bytes) | class index (1) | name (32, an OZ `ShortString`) | symbol (32) | the class's raise
/// target (16). The supply is not stored here: it is the class's raise the pool stores (`IImpactPool.classRaised`: up
/// by every class share minted, down by every withdrawal after a failed raise), and once the pool distributes (only
/// when Funded) it is the class's target exactly (each class is capped at its target and the targets sum to the capital target). The factory
/// bounds every class and every distribution total below 2^94, so a balance fits 96 bits and a correction
/// (accumulator × shares, magnified by 2^64) fits a signed 160 bits; the casts below are checked regardless.
contract PoolShareClass is IPoolShareClass, ClonePermit {
    using SafeCast for uint256;
    using SafeCast for int256;

    /// @dev One slot per account: the balance and the accumulator correction (magnified by 2^64).
    struct Account {
        uint96 balance;
        int160 correction;
    }

    uint256 private constant _POOL_END = 20;
    uint256 private constant _INDEX_END = 21;
    uint256 private constant _NAME_END = 53;
    uint256 private constant _SYMBOL_END = 85;
    uint256 private constant _TARGET_END = 101;
    /// @dev One share's claim in the accumulator's fixed point (amounts magnified by 2^64).
    uint256 private constant _ONE_X64 = 1 << 64;

    uint256 private _perShareX64;
    mapping(address account => Account) private _accounts;
    mapping(address owner => mapping(address spender => uint256)) private _allowances;

    modifier onlyPool() {
        if (msg.sender != pool()) revert NotPool(msg.sender);
        _;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERC-20
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPoolShareClass
    function pool() public view returns (address) {
        return address(bytes20(LibClone.argsOnClone(address(this), 0, _POOL_END)));
    }

    /// @inheritdoc IPoolShareClass
    function classIndex() public view returns (uint256) {
        return uint8(LibClone.argsOnClone(address(this), _POOL_END, _INDEX_END)[0]);
    }

    /// @notice The class token's name (clone args).
    function name() public view returns (string memory) {
        return _short(_INDEX_END, _NAME_END);
    }

    /// @notice The class token's symbol (clone args).
    function symbol() external view returns (string memory) {
        return _short(_NAME_END, _SYMBOL_END);
    }

    /// @notice 18, as the pool's own shares (one share per unit of the pool's token invested).
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @notice Shares outstanding: the class's raise the pool stores (one per class share).
    function totalSupply() external view returns (uint256) {
        return IImpactPool(pool()).classRaised(classIndex());
    }

    /// @notice `account`'s shares.
    function balanceOf(address account) external view returns (uint256) {
        return _accounts[account].balance;
    }

    /// @notice `spender`'s allowance from `owner`.
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @notice Sets `spender`'s allowance to `value`.
    function approve(address spender, uint256 value) external returns (bool) {
        _approve(msg.sender, spender, value);
        return true;
    }

    /// @notice Moves `value` shares to `to`; what accrued stays claimable by the sender.
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @notice Moves `value` shares from `from` to `to` against the caller's allowance (unlimited at 2^256 − 1).
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert InsufficientAllowance(msg.sender, allowed, value);
            // unchecked: allowed ≥ value just checked.
            unchecked {
                _allowances[from][msg.sender] = allowed - value;
            }
        }
        _transfer(from, to, value);
        return true;
    }

    /*//////////////////////////////////////////////////////////////
                              DISTRIBUTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPoolShareClass
    function perShareX64() external view returns (uint256) {
        return _perShareX64;
    }

    /// @inheritdoc IPoolShareClass
    function claimable(address account) public view returns (uint256) {
        Account memory a = _accounts[account];
        // ≥ 0 exactly: the correction holds −(accumulator × shares) at every balance change and −claimed × 2^64.
        return uint256(int256(_perShareX64 * a.balance) + a.correction) >> 64;
    }

    /// @inheritdoc IPoolShareClass
    function claim() external returns (uint256 amount) {
        amount = claimable(msg.sender);
        if (amount == 0) revert NothingToClaim(msg.sender);
        Account storage a = _accounts[msg.sender];
        // cast: amount << 64 ≤ accumulator × balance < 2^255 (the factory's bounds).
        a.correction = (int256(a.correction) - int256(amount << 64)).toInt160();
        emit Claimed(msg.sender, amount);
        IImpactPool(pool()).payout(classIndex(), msg.sender, amount, false);
    }

    /// @inheritdoc IPoolShareClass
    function withdraw() external returns (uint256 amount) {
        Account storage a = _accounts[msg.sender];
        amount = a.balance;
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        a.balance = 0;
        a.correction = (int256(a.correction) + int256(_perShareX64 * amount)).toInt160();
        emit Transfer(msg.sender, address(0), amount);
        emit Withdrawn(msg.sender, amount);
        // The pool checks the raise failed (else reverts) and burns the same amount of its own shares held here.
        IImpactPool(pool()).payout(classIndex(), msg.sender, amount, true);
    }

    /// @inheritdoc IPoolShareClass
    function mint(address to, uint256 amount) external onlyPool {
        // No correction (and no cold read of the accumulator): the pool mints only while its raise is open (up to the
        // raise deadline, `RaiseClosed`) and distributes only after it (`SettlementNotOpen`), so the accumulator is 0.
        Account storage a = _accounts[to];
        a.balance = (a.balance + amount).toUint96();
        emit Transfer(address(0), to, amount);
    }

    /// @inheritdoc IPoolShareClass
    function distribute(uint256 amount) external onlyPool {
        // Rounded down: the dust (< supply / 2^64 + 1 wei per distribution) stays in the pool. The pool distributes only
        // once Funded, so the supply is the class's (non-zero) target, read from the clone args. amount < 2^94 (the
        // factory's bounds), so amount × 2^64 fits.
        uint256 target = uint128(bytes16(LibClone.argsOnClone(address(this), _SYMBOL_END, _TARGET_END)));
        uint256 perShare = _perShareX64 + MathLib.mulDivDown(amount, _ONE_X64, target);
        _perShareX64 = perShare;
        emit ClassDistributed(amount, perShare);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _transfer(address from, address to, uint256 value) private {
        if (to == address(0)) revert ZeroAddress();
        Account storage f = _accounts[from];
        uint256 balance = f.balance;
        if (balance < value) revert InsufficientBalance(from, balance, value);
        int256 moved = int256(_perShareX64 * value);
        // cast: value ≤ balance < 2^96; corrections bounded as above (checked).
        f.balance = uint96(balance - value);
        f.correction = (int256(f.correction) + moved).toInt160();
        Account storage t = _accounts[to];
        t.balance = (t.balance + value).toUint96();
        t.correction = (int256(t.correction) - moved).toInt160();
        emit Transfer(from, to, value);
    }

    function _approve(address owner, address spender, uint256 value) private {
        if (spender == address(0)) revert ZeroAddress();
        _allowances[owner][spender] = value;
        emit Approval(owner, spender, value);
    }

    function _permitName() internal view override returns (string memory) {
        return name();
    }

    function _permitApprove(address owner, address spender, uint256 value) internal override {
        _approve(owner, spender, value);
    }

    function _short(uint256 start, uint256 end) private view returns (string memory) {
        return ShortStrings.toString(ShortString.wrap(bytes32(LibClone.argsOnClone(address(this), start, end))));
    }
}
