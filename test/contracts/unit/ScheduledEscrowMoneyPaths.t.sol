// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ScheduledEscrowFixture} from "../fixtures/ScheduledEscrowFixture.sol";
import {WeirdERC20} from "../../mocks/tokens/WeirdERC20.sol";
import {IOutcomeEscrow} from "../../../contracts/escrow/IOutcomeEscrow.sol";
import {IScheduledEscrow} from "../../../contracts/escrow/IScheduledEscrow.sol";
import {IPaymentSchedule} from "../../../contracts/outcomes/IPaymentSchedule.sol";

/// @notice The scheduled escrow's money paths at their edges (found by `npm run mutate`): the funding deadline's last
/// second, a refund while the first point is still open, a deposit of which nothing arrives, rounding on figures that
/// do not divide, and an inner node of the points tree passed off as a point. Figures are hand-computed, to the wei.
contract ScheduledEscrowMoneyPathsTest is ScheduledEscrowFixture {
    /// @dev Two cohort points of 30 % of the funds each (periods 1 and 2 of goal 0).
    function _cohorts() internal pure returns (IPaymentSchedule.Point[] memory) {
        return _twoCohorts(0.3e18);
    }

    function test_SettlePoint_RevertWhen_FundingIsOpen_AtTheDeadlineSecond() public {
        IPaymentSchedule.Point[] memory ps = _cohorts();
        IScheduledEscrow e = _create(ps);
        _final(0, 1, 100);
        vm.warp(FUNDING_DEADLINE);
        // The deadline second still takes deposits, so the funds a point shares are not final yet.
        _deposit(e, ALICE, 0, 1_000_000);
        _expectSettleRevert(
            e,
            ps,
            0,
            abi.encodeWithSelector(IScheduledEscrow.FundingOpen.selector, FUNDING_DEADLINE, FUNDING_DEADLINE)
        );
        vm.warp(uint256(FUNDING_DEADLINE) + 1);
        // 1,000,000 × 0.3 × 100 %
        assertEq(_settle(e, ps, 0), 300_000, "settles once funding closed");
    }

    function test_Refund_RevertWhen_TheFirstPointIsOpen_AndTheLaterOneSettled() public {
        IPaymentSchedule.Point[] memory ps = _cohorts();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 1_000_000);
        vm.warp(uint256(FUNDING_DEADLINE) + 1);
        _final(0, 2, 50); // 1,000,000 × 0.3 × 50 % = 150,000
        assertEq(_settle(e, ps, 1), 150_000, "the second point settles first");
        // Point 0's slot has no value before its cut-off: it cannot settle, and nothing is refundable yet.
        _expectSettleRevert(e, ps, 0, abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, 0));
        assertEq(e.refundable(ALICE), 0, "nothing refundable while point 0 is open");
        vm.expectRevert(abi.encodeWithSelector(IScheduledEscrow.PointsOpen.selector, 0));
        _refund(e, ALICE);
    }

    function test_Deposit_RevertWhen_NothingArrives() public {
        WeirdERC20 burner = new WeirdERC20("Weird", "WRD", 18);
        burner.setFeeBps(10_000); // the whole transfer is burned
        IScheduledEscrow.ScheduledTerms memory t = _scheduledTerms(_cohorts());
        t.token = IERC20(address(burner));
        IScheduledEscrow e = IScheduledEscrow(factory.createEscrow(t));
        burner.mint(ALICE, 100);
        vm.startPrank(ALICE);
        burner.approve(address(e), 100);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.ZeroDeposit.selector));
        e.deposit(0, 100);
        vm.stopPrank();
        assertEq(e.ledger().totalCommitted, 0, "nothing committed");
    }

    function test_Rounding_PotAndClaimsRoundDown_OnFiguresThatDoNotDivide() public {
        IPaymentSchedule.Point[] memory ps = _cohorts();
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 1_000_011);
        vm.warp(uint256(FUNDING_DEADLINE) + 1);
        _final(0, 1, 100);
        // pot: 1,000,011 × 0.3 = 300,003.3 → 300,003 (down: favours the payer); the term earns all of it.
        assertEq(_settle(e, ps, 0), 300_003, "pot rounded down");
        // PROVIDER (weight 3 of 4): 300,003 × 3 / 4 = 225,002.25 → 225,002; PARTNER: 300,003 / 4 = 75,000.75 → 75,000.
        assertEq(_claim(e, PROVIDER), 225_002, "provider's share rounded down");
        assertEq(_claim(e, PARTNER), 75_000, "partner's share rounded down");
        assertEq(e.claimable(PROVIDER) + e.claimable(PARTNER), 0, "the wei of dust is nobody's claim");
    }

    /// @dev With one point, leaf 1 is empty (zero), so the level-1 node is keccak(0 ‖ leaf 0): exactly the leaf of
    /// "point 0" whose bytes are leaf 0 itself. Only the fixed proof depth (4) tells the two apart.
    function test_SettlePoint_RevertWhen_AnInnerNodeIsPassedOffAsPoint0() public {
        IPaymentSchedule.Point[] memory ps = _points(_point(0, false, 0.3e18, _terms(_curveTerm(1, 0, 1e18))));
        IScheduledEscrow e = _create(ps);
        _deposit(e, ALICE, 0, 1_000_000);
        vm.warp(uint256(FUNDING_DEADLINE) + 1);
        bytes32[] memory full = roots.pointProof(ps, 0);
        bytes32[] memory short = new bytes32[](3);
        for (uint256 i; i < 3; ++i) short[i] = full[i + 1];
        bytes memory forged = abi.encodePacked(roots.leaf(0, ps[0]));
        vm.expectRevert(abi.encodeWithSelector(IPaymentSchedule.PointProof.selector, 0));
        e.settlePoint(0, forged, short);
    }
}
