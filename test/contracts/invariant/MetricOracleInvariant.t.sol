// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "../fixtures/OracleFixture.sol";
import {TestBase} from "../utils/TestBase.sol";
import {MetricOracle} from "../../../contracts/oracle/MetricOracle.sol";
import {IMetricOracle} from "../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {WeirdERC20} from "../../mocks/tokens/WeirdERC20.sol";

/// @notice Drives the oracle with bounded random actions over 3 periods of one goal (3-of-5 committee) and keeps
/// ghost books: bonds posted / withdrawn, final values first seen, which slots an arbiter resolved.
contract OracleHandler is TestBase {
    MetricOracle internal oracle;
    WeirdERC20 internal token;
    address[] internal members;
    address internal arbiter;
    address internal steward;
    address[3] internal disputers = [address(0xD1), address(0xD2), address(0xD3)];

    uint256 public posted;
    uint256 public withdrawn;
    mapping(uint16 period => bool) public arbiterResolved;
    mapping(uint16 period => bool) public seenFinal;
    mapping(uint16 period => uint64) public seenValue;
    mapping(uint16 period => uint40) public seenAt;
    bool public finalChanged;
    uint256 public finalsSeen;

    /// @dev After every action: record the first final value seen per slot and flag any later change.
    modifier track() {
        _;
        _checkFinals();
    }

    constructor(
        MetricOracle oracle_,
        WeirdERC20 token_,
        address[] memory members_,
        address arbiter_,
        address steward_
    ) {
        oracle = oracle_;
        token = token_;
        members = members_;
        arbiter = arbiter_;
        steward = steward_;
        for (uint256 i = 0; i < 3; ++i) {
            token.mint(disputers[i], 1e30);
            vm.prank(disputers[i]);
            token.approve(address(oracle), type(uint256).max);
        }
    }

    function _period(uint256 seed) internal pure returns (uint16) {
        return uint16(bound(seed, 1, 3)); // cast: ≤ 3
    }

    function warp(uint256 dt) external track {
        vm.warp(block.timestamp + bound(dt, 1, 400));
    }

    function report(uint256 memberSeed, uint256 periodSeed, uint64 value) external track {
        vm.prank(members[bound(memberSeed, 0, 4)]);
        oracle.report(IMetricOracle.Report(1, 0, _period(periodSeed), value % 1000, bytes32(0)));
    }

    function dispute(uint256 periodSeed, uint256 who) external track {
        uint16 p = _period(periodSeed);
        address d = disputers[bound(who, 0, 2)];
        uint256 before = token.balanceOf(address(oracle));
        vm.prank(d);
        oracle.dispute(1, 0, p);
        posted += token.balanceOf(address(oracle)) - before;
    }

    function resolve(uint256 periodSeed, uint64 value, bool invalid) external track {
        uint16 p = _period(periodSeed);
        vm.prank(arbiter);
        if (invalid) {
            oracle.resolveInvalid(1, 0, p);
        } else {
            oracle.resolve(1, 0, p, value % 1000);
            arbiterResolved[p] = true;
        }
    }

    function finalize(uint256 periodSeed) external track {
        oracle.finalize(1, 0, _period(periodSeed));
    }

    function expire(uint256 periodSeed) external track {
        vm.warp(block.timestamp + 31 days);
        oracle.expireDispute(1, 0, _period(periodSeed));
    }

    function withdraw(uint256 who) external track {
        uint256 i = bound(who, 0, 3);
        address account = i == 3 ? steward : disputers[i];
        uint256 before = token.balanceOf(address(oracle));
        vm.prank(account);
        oracle.withdrawBond(address(token));
        withdrawn += before - token.balanceOf(address(oracle));
    }

    function _checkFinals() internal {
        for (uint16 p = 1; p <= 3; ++p) {
            if (oracle.slotStatus(1, 0, p) != IMetricFeed.SlotStatus.Final) {
                if (seenFinal[p]) finalChanged = true; // a final slot left Final
                continue;
            }
            (uint64 v, uint40 at) = oracle.finalValue(1, 0, p);
            if (!seenFinal[p]) {
                seenFinal[p] = true;
                seenValue[p] = v;
                seenAt[p] = at;
                ++finalsSeen;
            } else if (seenValue[p] != v || seenAt[p] != at) {
                finalChanged = true;
            }
        }
    }
}

contract MetricOracleInvariantTest is OracleFixture {
    OracleHandler internal handler;

    function setUp() public override {
        super.setUp();
        _setCommittee(5, 3);
        address[] memory m = new address[](5);
        for (uint256 i = 0; i < 5; ++i) {
            m[i] = members[i];
        }
        handler = new OracleHandler(oracle, token, m, arbiter, steward);
        vm.warp(FIRST_END - 10);
        targetContract(address(handler));
    }

    /// @dev The handler's actions work (they are not all silently reverting): quorum, dispute, resolution, payout.
    function test_Handler_DrivesAFullCycle() public {
        vm.warp(FIRST_END + 1);
        for (uint256 i = 0; i < 3; ++i) {
            handler.report(i, 0, uint64(10 * (i + 1)));
        }
        handler.dispute(0, 0);
        handler.resolve(0, 25, false);
        handler.withdraw(0);
        assertEq(handler.finalsSeen(), 1, "one final seen");
        assertEq(handler.posted(), BOND, "posted");
        assertEq(handler.withdrawn(), BOND, "withdrawn");
        invariant_BondsConserved();
        invariant_NoFinalWithoutQuorumOrArbiter();
        invariant_FinalValuesNeverChange();
    }

    /// @dev Bonds held = posted − paid out (returned or forfeited, both withdrawn by pull) = the oracle's balance.
    function invariant_BondsConserved() public view {
        uint256 held = oracle.bondsHeld(address(token));
        assertEq(held, handler.posted() - handler.withdrawn(), "held = posted - withdrawn");
        assertEq(token.balanceOf(address(oracle)), held, "balance = held");
    }

    /// @dev A slot is final only with a quorum of reports or by the arbiter.
    function invariant_NoFinalWithoutQuorumOrArbiter() public view {
        for (uint16 p = 1; p <= 3; ++p) {
            if (oracle.slotStatus(MISSION, GOAL, p) != IMetricFeed.SlotStatus.Final) continue;
            IMetricOracle.Slot memory s = oracle.getSlot(MISSION, GOAL, p);
            assertTrue(s.reportCount >= 3 || handler.arbiterResolved(p), "quorum or arbiter");
        }
    }

    /// @dev Final values (and their finalisation time) never change.
    function invariant_FinalValuesNeverChange() public view {
        assertTrue(!handler.finalChanged(), "final value changed");
    }
}
