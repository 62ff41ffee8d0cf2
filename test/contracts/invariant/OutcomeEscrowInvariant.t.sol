// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Vm} from "../utils/Vm.sol";
import {EscrowFixture} from "../fixtures/EscrowFixture.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "../../../contracts/escrow/IOutcomeEscrow.sol";
import {OutcomeEscrowFactory} from "../../../contracts/escrow/OutcomeEscrowFactory.sol";
import {MockERC20} from "../../mocks/tokens/MockERC20.sol";
import {MockMetricFeed} from "../../mocks/MockMetricFeed.sol";

/// @notice Drives two escrows sharing one token (and one feed slot) with many funders, beneficiaries, time warps
/// and oracle outcomes, keeping ghost totals for the invariants.
contract EscrowHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant FUNDERS = 6;
    uint256 internal constant BENEFICIARIES = 3;

    MockERC20 public immutable token;
    MockMetricFeed public immutable feed;
    IOutcomeEscrow[2] public escrows;
    uint256 public immutable noDataAfter;

    mapping(uint256 e => uint256 amount) public deposited;
    mapping(uint256 e => uint256 amount) public paidOut;
    mapping(uint256 e => uint256 count) public settleCount;
    mapping(uint256 e => uint256 status) public lastStatus;
    bool public statusWentBack;
    bool public stuck;

    constructor(MockERC20 token_, MockMetricFeed feed_, IOutcomeEscrow a, IOutcomeEscrow b, uint256 noDataAfter_) {
        token = token_;
        feed = feed_;
        escrows[0] = a;
        escrows[1] = b;
        noDataAfter = noDataAfter_;
    }

    function funder(uint256 i) public pure returns (address) {
        return address(uint160(0xF000 + (i % FUNDERS)));
    }

    function beneficiary(uint256 i) public pure returns (address) {
        return address(uint160(0xBE00 + (i % BENEFICIARIES)));
    }

    function deposit(uint256 e, uint256 who, uint256 amount) external {
        e %= 2;
        amount = 1 + (amount % 1e24);
        address f = funder(who);
        token.mint(f, amount);
        vm.startPrank(f);
        token.approve(address(escrows[e]), amount);
        try escrows[e].deposit(amount) returns (uint256 credited) {
            deposited[e] += credited;
        } catch {}
        vm.stopPrank();
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + (secondsAhead % 12 days));
    }

    /// @dev Oracle moves: a final value, an unresolved slot, or a proposal.
    function setOutcome(uint256 kind, uint64 value) external {
        kind %= 3;
        if (kind == 0) feed.setFinal(1, 0, 1, value % 300);
        else if (kind == 1) feed.setSlot(1, 0, 1, IMetricFeed.SlotStatus.Unresolved, 0, 0);
        else feed.setSlot(1, 0, 1, IMetricFeed.SlotStatus.Proposed, value, 0);
    }

    function settle(uint256 e) external {
        e %= 2;
        try escrows[e].settle() returns (IOutcomeEscrow.Status s) {
            settleCount[e] += 1;
            if (uint256(s) == 0 || lastStatus[e] != 0) statusWentBack = true;
            lastStatus[e] = uint256(s);
        } catch {
            // Never stuck: once past deadline + grace an open escrow always settles.
            if (lastStatus[e] == 0 && block.timestamp > noDataAfter) stuck = true;
        }
        if (uint256(escrows[e].status()) != lastStatus[e]) statusWentBack = true;
    }

    function claim(uint256 e, uint256 who) external {
        e %= 2;
        try escrows[e].claimFor(beneficiary(who)) returns (uint256 amount) {
            paidOut[e] += amount;
        } catch {}
    }

    function refund(uint256 e, uint256 who) external {
        e %= 2;
        try escrows[e].refundFor(funder(who)) returns (uint256 amount) {
            paidOut[e] += amount;
        } catch {}
    }

    /// @dev Σ claimable + Σ refundable over every actor (what the escrow still owes once settled).
    function owed(uint256 e) public view returns (uint256 sum) {
        IOutcomeEscrow x = escrows[e];
        if (x.status() == IOutcomeEscrow.Status.Open) {
            (uint256 total, , , ) = x.totals();
            return total;
        }
        for (uint256 i; i < BENEFICIARIES; ++i) sum += x.claimable(beneficiary(i));
        for (uint256 i; i < FUNDERS; ++i) sum += x.refundable(funder(i));
    }

    function dustBound() external pure returns (uint256) {
        return BENEFICIARIES + FUNDERS;
    }
}

contract OutcomeEscrowInvariantTest is EscrowFixture {
    EscrowHandler internal handler;

    function setUp() public {
        _setUpFixture();
        MockERC20 token = new MockERC20("Dollar", "USD", 18);
        address[] memory b = new address[](3);
        uint96[] memory w = new uint96[](3);
        (b[0], b[1], b[2]) = (address(0xBE00), address(0xBE01), address(0xBE02));
        (w[0], w[1], w[2]) = (1, 2, 7);
        IOutcomeEscrow.Terms memory t = _terms(IERC20(address(token)), b, w);
        IOutcomeEscrow a = IOutcomeEscrow(factory.createEscrow(t));
        t.minFunding = 1e24; // the second escrow may miss its minimum
        t.beneficiaries[2].weight = 1;
        IOutcomeEscrow c = IOutcomeEscrow(factory.createEscrow(t));
        handler = new EscrowHandler(token, feed, a, c, uint256(SETTLEMENT_DEADLINE) + GRACE);
        targetContract(address(handler));
    }

    function _check(uint256 e) internal view {
        IOutcomeEscrow x = handler.escrows(e);
        uint256 balance = handler.token().balanceOf(address(x));
        uint256 owed = handler.owed(e);
        // Solvency.
        assertGe(balance, owed, "solvency");
        // Isolation + exactness: the balance is this escrow's own deposits minus its own payouts.
        assertEq(balance, handler.deposited(e) - handler.paidOut(e), "isolation");
        // Conservation with bounded dust.
        assertLe(handler.deposited(e) - handler.paidOut(e) - owed, handler.dustBound(), "dust bound");
        (uint256 total, , , ) = x.totals();
        assertEq(total, handler.deposited(e), "total deposited");
        assertLe(handler.settleCount(e), 1, "settles once");
    }

    function invariant_SolvencyConservationIsolation() public view {
        _check(0);
        _check(1);
    }

    function invariant_StatesOnlyMoveForward() public view {
        assertTrue(!handler.statusWentBack(), "states only move forward");
    }

    function invariant_NeverStuckAfterDeadlinePlusGrace() public view {
        assertTrue(!handler.stuck(), "never stuck");
    }
}
