// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {IPaymentSchedule} from "../../../../contracts/outcomes/IPaymentSchedule.sol";
import {IImpactPool} from "../../../../contracts/pool/IImpactPool.sol";
import {ImpactPool} from "../../../../contracts/pool/ImpactPool.sol";
import {VersionedMetricFeed} from "../../fixtures/VersionedMetricFeed.sol";
import {MockERC20} from "../../../mocks/tokens/MockERC20.sol";

/// @notice Drives one scheduled impact pool (3 points reading 3 slots; a 20 % co-payment tier 0 and an ordered tier 1)
/// with 2 investors, 3 outcome payers (the last in tier 1), one provider, time and oracle moves. Ghost ledgers: what
/// came in (capital and commitments) and went out (disbursals, redemptions, withdrawals, refunds), how often each point
/// settled, and whether a point settled while one of its slots could still change. Investing, committing, redeeming,
/// withdrawing and refunding are predicted exactly (the amount, or the exact error); settling and disbursing are allowed
/// only the errors their state can give.
contract ScheduledPoolHandler is HandlerBase {
    uint256 public constant INVESTORS = 2;
    uint256 public constant PAYERS = 3;
    uint256 public constant POINTS = 3;
    uint256 public constant SLOTS = 3;

    MockERC20 public immutable token;
    VersionedMetricFeed public immutable feed;
    ImpactPool public immutable pool;
    uint256 public immutable raiseDeadline;
    uint256 public immutable capital;
    uint256 public immutable fundCap;
    uint256 public immutable lastCutOff;
    uint256 internal immutable _mission;
    uint16 internal immutable _version;
    bytes internal _scheduleAbi;
    bytes[3] internal _points;
    bytes32[][3] internal _proofs;
    /// @dev Slot `s` is (goal `_goals[s]`, period `s + 1`).
    uint8[3] internal _goals = [0, 1, 0];

    // Ghost ledgers.
    uint256 public gIn;
    uint256 public gOut;
    uint256 public gCommitted;
    mapping(uint256 point => uint256 count) public gSettles;
    /// @notice Settlements while a slot the point reads was Proposed or Disputed: must stay 0.
    uint256 public gSettledWhileChanging;
    bool[3] public isFinal;
    bool[3] public changing;

    constructor(
        MockERC20 token_,
        VersionedMetricFeed feed_,
        ImpactPool pool_,
        uint256 mission_,
        uint16 version_,
        uint256 lastCutOff_,
        bytes memory scheduleAbi_
    ) {
        token = token_;
        feed = feed_;
        pool = pool_;
        _mission = mission_;
        _version = version_;
        IImpactPool.Config memory c = pool_.config();
        raiseDeadline = c.raiseDeadline;
        capital = c.capitalTarget;
        fundCap = c.fundCap;
        lastCutOff = lastCutOff_;
        _scheduleAbi = scheduleAbi_;
    }

    /// @notice Point `p`'s packed bytes and proof (set once by the suite's setUp; not a fuzzed action).
    function setPoint(uint256 p, bytes calldata data, bytes32[] calldata proof_) external {
        if (_points[p].length != 0) revert UnexpectedSuccess("setPoint twice");
        _points[p] = data;
        _proofs[p] = proof_;
    }

    function investor(uint256 i) public pure returns (address) {
        return address(uint160(0xF100 + i)); // cast: small constants
    }

    function payer(uint256 i) public pure returns (address) {
        return address(uint160(0xF200 + i)); // cast: small constants
    }

    /// @dev The last payer commits to the ordered tier (1), the others to the co-payment tier (0).
    function tierOf(uint256 i) public pure returns (uint256) {
        return i == PAYERS - 1 ? 1 : 0;
    }

    function pointBytes(uint256 p) external view returns (bytes memory) {
        return _points[p];
    }

    function proof(uint256 p) external view returns (bytes32[] memory) {
        return _proofs[p];
    }

    function scheduleAbi() external view returns (bytes memory) {
        return _scheduleAbi;
    }

    /// @notice The slots point `p` reads: point 0 slot 0; point 1 slots 1 and 0 (its trigger); point 2 slots 0 and 2.
    function reads(uint256 p, uint256 s) public pure returns (bool) {
        if (p == 0) return s == 0;
        if (p == 1) return s <= 1;
        return s != 1;
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    function invest(uint256 i, uint256 amount) external {
        address who = investor(i % INVESTORS);
        amount = bound(amount, 1, 70_000);
        token.mint(who, amount);
        vm.startPrank(who);
        token.approve(address(pool), amount);
        uint256 supply = pool.totalSupply();
        try pool.invest(amount) returns (uint256 shares) {
            vm.stopPrank();
            uint256 room = capital - supply;
            if (block.timestamp > raiseDeadline || shares != (amount < room ? amount : room)) {
                revert UnexpectedSuccess("invest");
            }
            gIn += shares;
            _burnRest(who, amount - shares);
            _ok("invest");
        } catch (bytes memory reason) {
            vm.stopPrank();
            bytes memory want =
                block.timestamp > raiseDeadline
                    ? abi.encodeWithSelector(IImpactPool.RaiseClosed.selector, raiseDeadline)
                    : abi.encodeWithSelector(IImpactPool.RaiseFull.selector, capital);
            _expectExactRevert("invest", reason, want);
            _burnRest(who, amount);
        }
    }

    function commit(uint256 j, uint256 amount) external {
        j %= PAYERS;
        address who = payer(j);
        amount = bound(amount, 1, 50_000);
        token.mint(who, amount);
        vm.startPrank(who);
        token.approve(address(pool), amount);
        bool settled = pool.phase() == IImpactPool.Phase.Settled;
        try pool.commitTier(tierOf(j), amount) returns (uint256 committed) {
            vm.stopPrank();
            uint256 room = fundCap - gCommitted;
            if (settled || block.timestamp > raiseDeadline || committed != (amount < room ? amount : room)) {
                revert UnexpectedSuccess("commit");
            }
            gIn += committed;
            gCommitted += committed;
            _burnRest(who, amount - committed);
            _ok("commit");
        } catch (bytes memory reason) {
            vm.stopPrank();
            bytes memory want;
            if (settled) want = abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Settled);
            else if (block.timestamp > raiseDeadline) {
                want = abi.encodeWithSelector(IImpactPool.RaiseClosed.selector, raiseDeadline);
            } else want = abi.encodeWithSelector(IImpactPool.FundFull.selector, fundCap);
            _expectExactRevert("commit", reason, want);
            _burnRest(who, amount);
        }
    }

    /// @dev Time moves only after a first successful call (so that every run can make one: an investment before the
    /// raise deadline).
    function warp(uint256 seconds_) external {
        if (successes == 0) return;
        // One call in four lands on the raise deadline's last second (while before it): the boundary is tried.
        if (seconds_ % 4 == 3 && block.timestamp < raiseDeadline) vm.warp(raiseDeadline);
        else vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
    }

    /// @notice Moves slot `s`: a final value (terminal), or Proposed / Disputed while it is not final.
    function setResult(uint256 s, uint64 value, uint256 mode) external {
        s %= SLOTS;
        if (isFinal[s]) return;
        uint16 period = uint16(s + 1); // cast: s < 3
        mode %= 4;
        if (mode < 2) {
            feed.setFinal(_mission, _version, _goals[s], period, uint64(bound(value, 0, s == 1 ? 1_000 : 500)));
            isFinal[s] = true;
            changing[s] = false;
        } else {
            IMetricFeed.SlotStatus status =
                mode == 2 ? IMetricFeed.SlotStatus.Proposed : IMetricFeed.SlotStatus.Disputed;
            feed.setStatus(_mission, _version, _goals[s], period, status);
            changing[s] = true;
        }
    }

    function disburse() external {
        if (gIn == 0) return;
        uint256 before = token.balanceOf(address(pool));
        try pool.disburse(0, _scheduleAbi) returns (uint256 amount) {
            if (before - token.balanceOf(address(pool)) != amount || amount != capital) {
                revert UnexpectedSuccess("disburse: amount");
            }
            gOut += amount;
            _ok("disburse");
        } catch (bytes memory reason) {
            _expectRevert(
                "disburse",
                reason,
                _sel(
                    IImpactPool.WrongState.selector,
                    IImpactPool.TrancheNotDue.selector,
                    IImpactPool.TrancheAlreadyDisbursed.selector
                )
            );
        }
    }

    function settle(uint256 p) external {
        if (gIn == 0) return;
        p %= POINTS;
        IPaymentSchedule.Ledger memory before = pool.ledger();
        try pool.settlePoint(p, _points[p], _proofs[p]) returns (uint256 amount) {
            ++gSettles[p];
            for (uint256 s; s < SLOTS; ++s) {
                if (reads(p, s) && changing[s]) ++gSettledWhileChanging;
            }
            if (amount > uint256(before.totalCommitted) - before.totalPaid)
                revert UnexpectedSuccess("settle: overpaid");
            _ok("settle");
        } catch (bytes memory reason) {
            _expectRevert(
                "settle",
                reason,
                _sel(
                    IImpactPool.WrongState.selector,
                    IImpactPool.SettlementNotOpen.selector,
                    IPaymentSchedule.PointPending.selector,
                    IPaymentSchedule.PointAlreadySettled.selector,
                    IPaymentSchedule.EarlierPointOpen.selector
                )
            );
        }
    }

    function redeem(uint256 i) external {
        if (gIn == 0) return;
        address who = investor(i % INVESTORS);
        uint256 shares = pool.balanceOf(who);
        IImpactPool.Phase phase = pool.phase();
        uint256 expected = pool.previewRedeem(shares);
        vm.prank(who);
        try pool.redeem(shares) returns (uint256 amount) {
            if (phase != IImpactPool.Phase.Settled || shares == 0 || amount != expected) {
                revert UnexpectedSuccess("redeem");
            }
            gOut += amount;
            _ok("redeem");
        } catch (bytes memory reason) {
            bytes memory want =
                phase != IImpactPool.Phase.Settled
                    ? abi.encodeWithSelector(IImpactPool.WrongState.selector, phase)
                    : abi.encodeWithSelector(IImpactPool.ZeroAmount.selector);
            _expectExactRevert("redeem", reason, want);
        }
    }

    function withdraw(uint256 i) external {
        if (gIn == 0) return;
        address who = investor(i % INVESTORS);
        uint256 shares = pool.balanceOf(who);
        IImpactPool.Phase phase = pool.phase();
        vm.prank(who);
        try pool.withdraw() returns (uint256 amount) {
            if (phase != IImpactPool.Phase.RaiseFailed || amount != shares) revert UnexpectedSuccess("withdraw");
            gOut += amount;
            _ok("withdraw");
        } catch (bytes memory reason) {
            bytes memory want =
                phase != IImpactPool.Phase.RaiseFailed
                    ? abi.encodeWithSelector(IImpactPool.WrongState.selector, phase)
                    : abi.encodeWithSelector(IImpactPool.ZeroAmount.selector);
            _expectExactRevert("withdraw", reason, want);
        }
    }

    function refund(uint256 j) external {
        if (gIn == 0) return;
        address who = payer(j % PAYERS);
        IImpactPool.Phase phase = pool.phase();
        uint256 expected = pool.previewRefund(who);
        vm.prank(who);
        try pool.refund() returns (uint256 amount) {
            if (amount != expected || expected == 0) revert UnexpectedSuccess("refund");
            gOut += amount;
            _ok("refund");
        } catch (bytes memory reason) {
            bytes memory want =
                phase != IImpactPool.Phase.Settled && phase != IImpactPool.Phase.RaiseFailed
                    ? abi.encodeWithSelector(IImpactPool.WrongState.selector, phase)
                    : abi.encodeWithSelector(IImpactPool.NothingToRefund.selector, who);
            _expectExactRevert("refund", reason, want);
        }
    }

    /// @dev Sends what a participant minted but the pool did not take out of the accounting.
    function _burnRest(address who, uint256 amount) internal {
        if (amount == 0) return;
        vm.prank(who);
        token.transfer(address(0xdead), amount);
    }
}
