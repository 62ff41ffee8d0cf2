// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {Vm} from "../../utils/Vm.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {IPaymentSchedule} from "../../../../contracts/outcomes/IPaymentSchedule.sol";
import {IImpactPool} from "../../../../contracts/pool/IImpactPool.sol";
import {ImpactPool} from "../../../../contracts/pool/ImpactPool.sol";
import {IPoolShareClass} from "../../../../contracts/pool/IPoolShareClass.sol";
import {PoolShareClass} from "../../../../contracts/pool/PoolShareClass.sol";
import {VersionedMetricFeed} from "../../fixtures/VersionedMetricFeed.sol";
import {MockERC20} from "../../../mocks/tokens/MockERC20.sol";

/// @notice Drives one classed pool (`ClassedPoolFixture`: senior 75,000 capped at 1.2×, junior 25,000 at 1.1×, a
/// 56,250 guarantee, a 10 % provider incentive; three yearly points on goal 0 periods 1–3, one ordered tier) with 4
/// holders investing in either class (or `fill`ing both classes and the fund in one call, so that a short run reaches
/// the distributions) and transferring class shares between distributions, 2 outcome payers, the guarantor, time and
/// oracle moves. Every call is predicted exactly (the amount, or the exact error) except settling
/// and disbursing, which may give only the errors their state allows. Nothing but investing and committing runs before
/// something came in (so a run's first call can succeed: the suite's `afterInvariant` checks one did).
/// Ghost ledgers: what came in and went out; per class what was distributed (read from the class tokens'
/// `ClassDistributed`, split into waterfall, undrawn and guarantee parts from the pool's events); per holder and class
/// what it is owed exactly (Σ over distributions of amount × its balance then, over the class supply: `owedNum`) and
/// what it claimed.
contract ClassedPoolHandler is HandlerBase {
    uint256 public constant HOLDERS = 4;
    uint256 public constant PAYERS = 2;
    uint256 public constant CLASSES = 2;
    uint256 public constant POINTS = 3;
    address public constant GUARANTOR = address(0x9A);
    address public constant SERVICE = address(0x5E2);
    uint256 public constant GUARANTEE = 56_250;

    MockERC20 public immutable token;
    VersionedMetricFeed public immutable feed;
    ImpactPool public immutable pool;
    uint256 public immutable raiseDeadline;
    uint256 public immutable fundCap;
    uint256 public immutable lastCutOff;
    uint256 internal immutable _mission;
    uint16 internal immutable _version;
    bytes internal _scheduleAbi;
    bytes[3] internal _points;
    bytes32[][3] internal _proofs;
    uint256[2] public targets;

    // Ghost ledgers.
    uint256 public gIn;
    uint256 public gOut;
    uint256 public gCommitted;
    uint256 public gPosted;
    uint256 public gProviderCut;
    uint256 public gCappedBack;
    uint256 public gGuaranteeReturned;
    uint256[2] public gDistributed;
    uint256[2] public gDistributions;
    uint256[2] public gUndrawn;
    uint256[2] public gCalled;
    mapping(uint256 cls => mapping(uint256 holder => uint256)) public owedNum;
    mapping(uint256 cls => mapping(uint256 holder => uint256)) public gClaimed;
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
        fundCap = c.fundCap;
        lastCutOff = lastCutOff_;
        _scheduleAbi = scheduleAbi_;
        targets = [uint256(75_000), 25_000];
    }

    /// @notice Point `p`'s packed bytes and proof (set once by the suite's setUp; not a fuzzed action).
    function setPoint(uint256 p, bytes calldata data, bytes32[] calldata proof_) external {
        if (_points[p].length != 0) revert UnexpectedSuccess("setPoint twice");
        _points[p] = data;
        _proofs[p] = proof_;
    }

    function holder(uint256 i) public pure returns (address) {
        return address(uint160(0xE100 + i)); // cast: small constants
    }

    function payer(uint256 j) public pure returns (address) {
        return address(uint160(0xE200 + j)); // cast: small constants
    }

    function cls(uint256 c) public view returns (PoolShareClass) {
        return PoolShareClass(pool.classToken(c));
    }

    function pointBytes(uint256 p) external view returns (bytes memory) {
        return _points[p];
    }

    function proof(uint256 p) external view returns (bytes32[] memory) {
        return _proofs[p];
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    function invest(uint256 i, uint256 c, uint256 amount) external {
        _invest(holder(i % HOLDERS), c % CLASSES, bound(amount, 1, 60_000));
    }

    function commit(uint256 j, uint256 amount) external {
        _commit(payer(j % PAYERS), bound(amount, 1, 70_000));
    }

    /// @notice Fills both classes (holders `i` and `i + 1`) and the payers' fund cap (payer `i`) in one call, so that
    /// a short run reaches a Funded pool, its distributions and the transfers between them; once full (or the raise
    /// closed) it invests and commits one unit, whose error is predicted.
    function fill(uint256 i) external {
        i %= HOLDERS; // before adding c: i may be 2^256 - 1
        for (uint256 c; c < CLASSES; ++c) {
            uint256 room = targets[c] - cls(c).totalSupply();
            _invest(holder((i + c) % HOLDERS), c, room == 0 ? 1 : room);
        }
        uint256 left = fundCap - gCommitted;
        _commit(payer(i % PAYERS), left == 0 ? 1 : left);
    }

    function _invest(address who, uint256 c, uint256 amount) internal {
        token.mint(who, amount);
        vm.startPrank(who);
        token.approve(address(pool), amount);
        uint256 raised = cls(c).totalSupply();
        try pool.investClass(c, amount) returns (uint256 shares) {
            vm.stopPrank();
            uint256 room = targets[c] - raised;
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
                    : abi.encodeWithSelector(IImpactPool.RaiseFull.selector, targets[c]);
            _expectExactRevert("invest", reason, want);
            _burnRest(who, amount);
        }
    }

    function _commit(address who, uint256 amount) internal {
        token.mint(who, amount);
        vm.startPrank(who);
        token.approve(address(pool), amount);
        bool settled = pool.phase() == IImpactPool.Phase.Settled;
        try pool.commitTier(0, amount) returns (uint256 committed) {
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

    /// @notice The guarantor posts the guarantee: only once, and only while the pool is Funded.
    function postGuarantee() external {
        if (gIn == 0) return;
        IImpactPool.Phase phase = pool.phase();
        token.mint(GUARANTOR, GUARANTEE);
        vm.startPrank(GUARANTOR);
        token.approve(address(pool), GUARANTEE);
        try pool.postGuarantee() {
            vm.stopPrank();
            if (phase != IImpactPool.Phase.Funded || gPosted != 0) revert UnexpectedSuccess("postGuarantee");
            gPosted = GUARANTEE;
            gIn += GUARANTEE;
            _ok("postGuarantee");
        } catch (bytes memory reason) {
            vm.stopPrank();
            bytes memory want = abi.encodeWithSelector(IImpactPool.GuaranteeNotExpected.selector, GUARANTOR);
            _expectExactRevert("postGuarantee", reason, want);
            _burnRest(GUARANTOR, GUARANTEE);
        }
    }

    /// @dev Time moves only after a first successful call (so that every run can make one before the raise deadline).
    function warp(uint256 seconds_) external {
        if (successes == 0) return;
        // One call in four lands on the raise deadline's last second (while before it): the boundary is tried.
        if (seconds_ % 4 == 3 && block.timestamp < raiseDeadline) vm.warp(raiseDeadline);
        else vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
    }

    /// @notice Moves slot `s` (goal 0, period s + 1): a final value (terminal), or Proposed / Disputed.
    function setResult(uint256 s, uint64 value, uint256 mode) external {
        s %= POINTS;
        if (isFinal[s]) return;
        uint16 period = uint16(s + 1); // cast: s < 3
        mode %= 4;
        if (mode < 2) {
            feed.setFinal(_mission, _version, 0, period, uint64(bound(value, 0, 500)));
            isFinal[s] = true;
            changing[s] = false;
        } else {
            IMetricFeed.SlotStatus status =
                mode == 2 ? IMetricFeed.SlotStatus.Proposed : IMetricFeed.SlotStatus.Disputed;
            feed.setStatus(_mission, _version, 0, period, status);
            changing[s] = true;
        }
    }

    function disburse() external {
        if (gIn == 0) return;
        uint256 before = token.balanceOf(address(pool));
        try pool.disburse(0, _scheduleAbi) returns (uint256 amount) {
            if (before - token.balanceOf(address(pool)) != amount || amount != targets[0] + targets[1]) {
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
        settlePoint(p);
    }

    /// @notice Settles point `p` and books what it distributed (also called by the suite's never-stuck check).
    function settlePoint(uint256 p) public {
        IPaymentSchedule.Ledger memory before = pool.ledger();
        uint256 service = token.balanceOf(SERVICE);
        uint256 guarantor = token.balanceOf(GUARANTOR);
        vm.recordLogs();
        try pool.settlePoint(p, _points[p], _proofs[p]) returns (uint256 amount) {
            if (amount > uint256(before.totalCommitted) - before.totalPaid)
                revert UnexpectedSuccess("settle: overpaid");
            _book(vm.getRecordedLogs());
            uint256 out = token.balanceOf(SERVICE) - service + token.balanceOf(GUARANTOR) - guarantor;
            gGuaranteeReturned += token.balanceOf(GUARANTOR) - guarantor;
            gOut += out;
            _ok("settle");
        } catch (bytes memory reason) {
            vm.getRecordedLogs();
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

    /// @notice A holder moves class shares to another holder (or itself) between distributions.
    function transfer(uint256 c, uint256 from, uint256 to, uint256 amount) external {
        if (gIn == 0) return;
        c %= CLASSES;
        address f = holder(from % HOLDERS);
        address t = holder(to % HOLDERS);
        PoolShareClass share = cls(c);
        uint256 balance = share.balanceOf(f);
        amount = bound(amount, 0, balance);
        uint256 claimableFrom = share.claimable(f);
        uint256 claimableTo = share.claimable(t);
        vm.prank(f);
        share.transfer(t, amount); // no error is possible: to ≠ 0 and amount ≤ balance
        if (share.claimable(f) != claimableFrom || share.claimable(t) != claimableTo) {
            revert UnexpectedSuccess("transfer moved an entitlement");
        }
        _ok("transfer");
    }

    function claim(uint256 c, uint256 i) external {
        if (gIn == 0) return;
        c %= CLASSES;
        uint256 h = i % HOLDERS;
        address who = holder(h);
        PoolShareClass share = cls(c);
        uint256 expected = share.claimable(who);
        uint256 wallet = token.balanceOf(who);
        vm.prank(who);
        try share.claim() returns (uint256 amount) {
            if (amount != expected || expected == 0 || token.balanceOf(who) - wallet != amount) {
                revert UnexpectedSuccess("claim");
            }
            gClaimed[c][h] += amount;
            gOut += amount;
            _burnRest(who, amount); // keeps the holders' wallets at what they invest next
            _ok("claim");
        } catch (bytes memory reason) {
            _expectExactRevert("claim", reason, abi.encodeWithSelector(IPoolShareClass.NothingToClaim.selector, who));
        }
    }

    function withdraw(uint256 c, uint256 i) external {
        if (gIn == 0) return;
        c %= CLASSES;
        address who = holder(i % HOLDERS);
        PoolShareClass share = cls(c);
        uint256 shares = share.balanceOf(who);
        IImpactPool.Phase phase = pool.phase();
        vm.prank(who);
        try share.withdraw() returns (uint256 amount) {
            if (phase != IImpactPool.Phase.RaiseFailed || amount != shares) revert UnexpectedSuccess("withdraw");
            gOut += amount;
            _burnRest(who, amount);
            _ok("withdraw");
        } catch (bytes memory reason) {
            bytes memory want =
                shares == 0
                    ? abi.encodeWithSelector(IPoolShareClass.NothingToWithdraw.selector, who)
                    : abi.encodeWithSelector(IImpactPool.WrongState.selector, phase);
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
            _burnRest(who, amount);
            _ok("refund");
        } catch (bytes memory reason) {
            bytes memory want =
                phase != IImpactPool.Phase.Settled && phase != IImpactPool.Phase.RaiseFailed
                    ? abi.encodeWithSelector(IImpactPool.WrongState.selector, phase)
                    : abi.encodeWithSelector(IImpactPool.NothingToRefund.selector, who);
            _expectExactRevert("refund", reason, want);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Books a settlement's events: each class token's distribution (to every holder in proportion to its
    /// balance now), and the pool's undrawn, guarantee and per-point split.
    function _book(Vm.Log[] memory logs) internal {
        address[2] memory tokens = [address(cls(0)), address(cls(1))];
        for (uint256 k; k < logs.length; ++k) {
            Vm.Log memory l = logs[k];
            bytes32 topic = l.topics[0];
            for (uint256 c; c < CLASSES; ++c) {
                if (l.emitter != tokens[c] || topic != IPoolShareClass.ClassDistributed.selector) continue;
                (uint256 amount, ) = abi.decode(l.data, (uint256, uint256));
                gDistributed[c] += amount;
                ++gDistributions[c];
                for (uint256 h; h < HOLDERS; ++h) owedNum[c][h] += amount * cls(c).balanceOf(holder(h));
            }
            if (l.emitter != address(pool)) continue;
            if (topic == IImpactPool.UndrawnReturned.selector) {
                uint256[3] memory back = abi.decode(l.data, (uint256[3]));
                (gUndrawn[0], gUndrawn[1]) = (gUndrawn[0] + back[0], gUndrawn[1] + back[1]);
            } else if (topic == IImpactPool.GuaranteeCalled.selector) {
                uint256[3] memory called = abi.decode(l.data, (uint256[3]));
                (gCalled[0], gCalled[1]) = (gCalled[0] + called[0], gCalled[1] + called[1]);
            } else if (topic == IImpactPool.Distributed.selector) {
                (, uint256 cut, uint256 back) = abi.decode(l.data, (uint256[3], uint256, uint256));
                gProviderCut += cut;
                gCappedBack += back;
            }
        }
    }

    /// @dev Sends what a participant minted or received out of the accounting (its wallet holds only what it is about
    /// to put in).
    function _burnRest(address who, uint256 amount) internal {
        if (amount == 0) return;
        vm.prank(who);
        token.transfer(address(0xdead), amount);
    }
}
