// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/src/utils/LibClone.sol";
import {ShortString, ShortStrings} from "@openzeppelin/contracts/utils/ShortStrings.sol";
import {TestBase} from "../utils/TestBase.sol";
import {PoolShareClass} from "../../../contracts/pool/PoolShareClass.sol";
import {IPoolShareClass} from "../../../contracts/pool/IPoolShareClass.sol";

/// @notice The class token's accumulator on its own, this test contract standing in for the pool (it mints,
/// distributes and records every payout): many holders transferring between distributions. After every step:
/// Σ claimed + Σ claimable ≤ Σ distributed, short of it by the rounding dust only (per distribution < supply / 2^64
/// + 1 wei, plus < 1 wei per holder); a transfer changes neither side's claimable; a claim pays exactly what was claimable, once.
contract PoolShareClassFuzzTest is TestBase {
    uint256 internal constant HOLDERS = 6;
    PoolShareClass internal cls;
    uint256 internal paidOut;
    uint256 internal distributed;
    uint256 internal distributions;
    /// @dev The class's raise this "pool" stores (`classRaised`): the class token's supply.
    uint256 internal raised;
    address internal impl;

    function setUp() public {
        impl = address(new PoolShareClass());
        cls = _deploy(1);
    }

    /// @dev A class token of this "pool" whose raise target (the supply it distributes over) is `target`.
    function _deploy(uint128 target) internal returns (PoolShareClass) {
        bytes memory args = abi.encodePacked(
            address(this),
            uint8(0),
            ShortString.unwrap(ShortStrings.toShortString("Senior")),
            ShortString.unwrap(ShortStrings.toShortString("SNR")),
            target
        );
        return PoolShareClass(LibClone.clone(impl, args));
    }

    /// @dev The pool's side of the supply: the class's raise.
    function classRaised(uint256 classId) external view returns (uint256) {
        require(classId == 0, "one class");
        return raised;
    }

    /// @dev The pool's side of a claim: records what it would pay.
    function payout(uint256, address, uint256 amount, bool) external {
        require(msg.sender == address(cls), "only the class token");
        paidOut += amount;
    }

    function _holder(uint256 i) internal pure returns (address) {
        return address(uint160(0x1000 + (i % HOLDERS)));
    }

    function _sumClaimable() internal view returns (uint256 sum) {
        for (uint256 i; i < HOLDERS; ++i) sum += cls.claimable(_holder(i));
    }

    function _check() internal view {
        uint256 owed = paidOut + _sumClaimable();
        assertLe(owed, distributed, "never more than distributed");
        // Each distribution's per-share step is rounded down by < 1/2^64 per share: < supply / 2^64 + 1 wei in all;
        // each holder's claim is rounded down by < 1 wei more.
        uint256 dust = distributions * ((cls.totalSupply() >> 64) + 1) + HOLDERS;
        assertLe(distributed - owed, dust, "dust: the accumulator's rounding only");
    }

    function testFuzz_TransfersBetweenDistributions(uint256 seed, uint128[6] memory stakes) public {
        uint256[HOLDERS] memory minted;
        uint256 target;
        for (uint256 i; i < HOLDERS; ++i) target += minted[i] = bound(stakes[i], 1, 1e26);
        cls = _deploy(uint128(target)); // cast: 6 × 1e26 < 2^128
        for (uint256 i; i < HOLDERS; ++i) cls.mint(_holder(i), minted[i]);
        raised = target; // the raise met: the class's supply is its target
        assertEq(cls.totalSupply(), target, "supply = the class's raise = the target");
        for (uint256 step; step < 24; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 op = r % 3;
            address a = _holder(r >> 8);
            address b = _holder(r >> 16);
            if (op == 0) {
                uint256 amount = bound(r >> 32, 1, 1e26); // 24 steps stay below the factory's 2^94 bound
                cls.distribute(amount);
                distributed += amount;
                ++distributions;
            } else if (op == 1) {
                uint256 bal = cls.balanceOf(a);
                uint256 value = bal == 0 ? 0 : bound(r >> 32, 0, bal);
                (uint256 ca, uint256 cb) = (cls.claimable(a), cls.claimable(b));
                vm.prank(a);
                cls.transfer(b, value);
                assertEq(cls.claimable(a), ca, "the sender keeps what accrued");
                assertEq(cls.claimable(b), cb, "the receiver gains nothing accrued");
            } else {
                uint256 c = cls.claimable(a);
                if (c == 0) continue;
                uint256 before = paidOut;
                vm.prank(a);
                assertEq(cls.claim(), c, "pays what was claimable");
                assertEq(paidOut - before, c, "paid once");
                assertEq(cls.claimable(a), 0, "nothing left to claim twice");
            }
            _check();
        }
    }

    function test_Mint_RevertWhen_NotThePool() public {
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(IPoolShareClass.NotPool.selector, address(0xBAD)));
        cls.mint(address(0xBAD), 1);
    }

    function test_Distribute_RevertWhen_NotThePool() public {
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(IPoolShareClass.NotPool.selector, address(0xBAD)));
        cls.distribute(1);
    }

    function test_Metadata_FromTheCloneArgs() public view {
        assertEq(keccak256(bytes(cls.name())), keccak256("Senior"), "name");
        assertEq(keccak256(bytes(cls.symbol())), keccak256("SNR"), "symbol");
        assertEq(cls.pool(), address(this), "pool");
        assertEq(cls.classIndex(), 0, "class index");
    }
}
