// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "../../../../contracts/escrow/IOutcomeEscrow.sol";
import {IScheduledEscrow} from "../../../../contracts/escrow/IScheduledEscrow.sol";
import {IPaymentSchedule} from "../../../../contracts/outcomes/IPaymentSchedule.sol";
import {VersionedMetricFeed} from "../../fixtures/VersionedMetricFeed.sol";
import {MockERC20} from "../../../mocks/tokens/MockERC20.sol";

/// @notice Drives one scheduled escrow (3 points reading 3 slots, two payer tiers) with 4 funders (the last one in the
/// co-payment tier), 2 beneficiaries, time and oracle moves. Ghost ledgers: what went in and out, how often each point
/// settled, and whether a point settled while one of its slots could still change. Every call's outcome is either
/// predicted exactly (deposits after the funding deadline, claims and refunds: the amount, or the exact error) or one
/// of the errors allowed for it (settlement: funding open, pending, already settled, an earlier point open).
contract ScheduledEscrowHandler is HandlerBase {
    uint256 public constant FUNDERS = 4;
    uint256 public constant BENEFICIARIES = 2;
    uint256 public constant POINTS = 3;
    uint256 public constant SLOTS = 3;

    MockERC20 public immutable token;
    VersionedMetricFeed public immutable feed;
    IScheduledEscrow public immutable escrow;
    uint256 public immutable fundingDeadline;
    uint256 public immutable lastCutOff;
    uint256 internal immutable _mission;
    uint16 internal immutable _version;
    address[2] internal _beneficiaries;
    bytes[3] internal _points;
    bytes32[][3] internal _proofs;
    /// @dev Slot `s` is (goal `_goals[s]`, period `s + 1`).
    uint8[3] internal _goals = [0, 2, 0];

    // Ghost ledgers.
    uint256 public gIn;
    uint256 public gOut;
    mapping(uint256 point => uint256 count) public gSettles;
    /// @notice Settlements while a slot the point reads was Proposed or Disputed: must stay 0.
    uint256 public gSettledWhileChanging;
    /// @dev Slot `s` is Final (terminal: it never changes again), or Proposed / Disputed (it still can).
    bool[3] public isFinal;
    bool[3] public changing;

    constructor(
        MockERC20 token_,
        VersionedMetricFeed feed_,
        IScheduledEscrow escrow_,
        uint256 mission_,
        uint16 version_,
        uint256 fundingDeadline_,
        uint256 lastCutOff_,
        address[2] memory beneficiaries_
    ) {
        token = token_;
        feed = feed_;
        escrow = escrow_;
        _mission = mission_;
        _version = version_;
        fundingDeadline = fundingDeadline_;
        lastCutOff = lastCutOff_;
        _beneficiaries = beneficiaries_;
    }

    /// @notice Point `p`'s packed bytes and proof (set once by the suite's setUp; not a fuzzed action).
    function setPoint(uint256 p, bytes calldata data, bytes32[] calldata proof_) external {
        if (_points[p].length != 0) revert UnexpectedSuccess("setPoint twice");
        _points[p] = data;
        _proofs[p] = proof_;
    }

    function funder(uint256 i) public pure returns (address) {
        return address(uint160(0xF000 + i)); // cast: small constants
    }

    /// @dev The last funder pays in the co-payment tier (1), the others in the ordered tier (0).
    function tierOf(uint256 i) public pure returns (uint256) {
        return i == FUNDERS - 1 ? 1 : 0;
    }

    function beneficiary(uint256 i) external view returns (address) {
        return _beneficiaries[i];
    }

    function pointBytes(uint256 p) external view returns (bytes memory) {
        return _points[p];
    }

    function proof(uint256 p) external view returns (bytes32[] memory) {
        return _proofs[p];
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

    function deposit(uint256 f, uint256 amount) external {
        f %= FUNDERS;
        amount = bound(amount, 1, 1e24);
        address who = funder(f);
        token.mint(who, amount);
        vm.startPrank(who);
        token.approve(address(escrow), amount);
        try escrow.deposit(tierOf(f), amount) returns (uint256 credited) {
            vm.stopPrank();
            if (block.timestamp > fundingDeadline) revert UnexpectedSuccess("deposit");
            if (credited != amount) revert UnexpectedRevert("deposit: credited", "");
            gIn += amount;
            _ok("deposit");
        } catch (bytes memory reason) {
            vm.stopPrank();
            _expectExactRevert(
                "deposit",
                reason,
                abi.encodeWithSelector(IOutcomeEscrow.FundingClosed.selector, fundingDeadline, block.timestamp)
            );
            // Undo the mint: the funder's tokens stay out of the accounting.
            vm.prank(who);
            token.transfer(address(0xdead), amount);
        }
    }

    /// @dev Time moves only after a first successful call (so that every run can make one: a deposit before the
    /// funding deadline).
    function warp(uint256 seconds_) external {
        if (successes == 0) return;
        vm.warp(block.timestamp + bound(seconds_, 1, 40 days));
    }

    /// @notice Moves slot `s`: a final value (terminal), or Proposed / Disputed while it is not final.
    function setResult(uint256 s, uint64 value, uint256 mode) external {
        s %= SLOTS;
        if (isFinal[s]) return;
        uint16 period = uint16(s + 1); // cast: s < 3
        mode %= 4;
        if (mode < 2) {
            feed.setFinal(_mission, _version, _goals[s], period, uint64(bound(value, 0, s == 1 ? 1_000 : 150)));
            isFinal[s] = true;
            changing[s] = false;
        } else {
            IMetricFeed.SlotStatus status =
                mode == 2 ? IMetricFeed.SlotStatus.Proposed : IMetricFeed.SlotStatus.Disputed;
            feed.setStatus(_mission, _version, _goals[s], period, status);
            changing[s] = true;
        }
    }

    function settle(uint256 p) external {
        if (gIn == 0) return; // nothing deposited yet: the first call of a run is a deposit
        p %= POINTS;
        IPaymentSchedule.Ledger memory before = escrow.ledger();
        try escrow.settlePoint(p, _points[p], _proofs[p]) returns (uint256 amount) {
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
                    IScheduledEscrow.FundingOpen.selector,
                    IPaymentSchedule.PointPending.selector,
                    IPaymentSchedule.PointAlreadySettled.selector,
                    IPaymentSchedule.EarlierPointOpen.selector
                )
            );
        }
    }

    function claim(uint256 b) external {
        if (gIn == 0) return;
        address who = _beneficiaries[b % BENEFICIARIES];
        uint256 expected = escrow.claimable(who);
        try escrow.claimFor(who) returns (uint256 amount) {
            if (amount != expected) revert UnexpectedRevert("claim: amount", "");
            gOut += amount;
            _ok("claim");
        } catch (bytes memory reason) {
            if (expected != 0) revert UnexpectedRevert("claim", reason);
            _expectExactRevert("claim", reason, abi.encodeWithSelector(IScheduledEscrow.NothingToClaim.selector, who));
        }
    }

    function refund(uint256 f) external {
        if (gIn == 0) return;
        address who = funder(f % FUNDERS);
        uint256 expected = escrow.refundable(who);
        uint256 open = _firstOpen();
        try escrow.refundFor(who) returns (uint256 amount) {
            if (amount != expected || open != POINTS) revert UnexpectedRevert("refund: amount", "");
            gOut += amount;
            _ok("refund");
        } catch (bytes memory reason) {
            bytes memory want =
                open != POINTS
                    ? abi.encodeWithSelector(IScheduledEscrow.PointsOpen.selector, open)
                    : abi.encodeWithSelector(IScheduledEscrow.NothingToRefund.selector, who);
            if (open == POINTS && expected != 0) revert UnexpectedRevert("refund", reason);
            _expectExactRevert("refund", reason, want);
        }
    }

    /// @dev The first point not settled (`POINTS` when all are).
    function _firstOpen() internal view returns (uint256) {
        uint256 settled = escrow.ledger().settled;
        for (uint256 p; p < POINTS; ++p) {
            if ((settled >> p) & 1 == 0) return p;
        }
        return POINTS;
    }
}
