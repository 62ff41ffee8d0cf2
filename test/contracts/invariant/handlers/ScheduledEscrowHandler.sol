// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScheduledEscrowModel} from "./ScheduledEscrowModel.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "../../../../contracts/escrow/IOutcomeEscrow.sol";
import {IScheduledEscrow} from "../../../../contracts/escrow/IScheduledEscrow.sol";
import {VersionedMetricFeed} from "../../fixtures/VersionedMetricFeed.sol";
import {WeirdERC20} from "../../../mocks/tokens/WeirdERC20.sol";
import {IEscrowPayouts} from "../../../../contracts/escrow/IEscrowPayouts.sol";

/// @notice Drives one scheduled escrow (the schedule of `ScheduledEscrowModel`) with 4 funders, each paying into
/// either tier, 2 beneficiaries (weights 3 and 1), time and oracle moves. Every call's outcome — the amount, or the
/// exact error — is predicted by the model and checked: deposits (a tier out of range, funding closed, zero), each
/// settlement's amount and payer split, claims and refunds. `warpToEdge` lands on the funding deadline and on each
/// point's no-data cut-off (at the second and one past); oracle moves hit the triggers' thresholds exactly.
contract ScheduledEscrowHandler is ScheduledEscrowModel {
    WeirdERC20 public immutable token;
    VersionedMetricFeed public immutable feed;
    IScheduledEscrow public immutable escrow;
    uint256 internal immutable _mission;
    uint16 internal immutable _version;
    address[2] internal _beneficiaries;
    bytes[3] internal _points;
    bytes32[][3] internal _proofs;
    /// @dev Slot `s` is (goal `_goals[s]`, period `s + 1`).
    uint8[3] internal _goals = [0, 2, 0];
    /// @notice Edges `warpToEdge` landed on.
    uint256 public edgesHit;

    constructor(
        WeirdERC20 token_,
        VersionedMetricFeed feed_,
        IScheduledEscrow escrow_,
        uint256 mission_,
        uint16 version_,
        uint256 fundingDeadline_,
        uint256[3] memory cutOff_,
        address[2] memory beneficiaries_
    ) ScheduledEscrowModel(fundingDeadline_, cutOff_) {
        token = token_;
        feed = feed_;
        escrow = escrow_;
        _mission = mission_;
        _version = version_;
        _beneficiaries = beneficiaries_;
    }

    /// @notice Point `p`'s packed bytes and proof (set once by the suite's setUp; not a fuzzed action).
    function setPoint(uint256 p, bytes calldata data, bytes32[] calldata proof_) external {
        if (_points[p].length != 0) revert UnexpectedSuccess("setPoint twice");
        _points[p] = data;
        _proofs[p] = proof_;
    }

    function beneficiary(uint256 i) public view returns (address) {
        return _beneficiaries[i % BENEFICIARIES];
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

    /// @dev Funder `f` deposits into tier `tierSeed % 2`, or (one call in eight) into a tier out of range, or (one in
    /// eight) while the token burns whatever it moves (a transfer that delivers nothing: ZeroDeposit); `amount` is at
    /// most 2,000,000 (the caps' scale); none of these faults, nor 0 (ZeroDeposit), before a first success.
    function deposit(uint256 f, uint256 tierSeed, uint256 amount) external {
        address who = funder(f);
        // A tier out of range only once a call succeeded (the first call of a run succeeds).
        uint256 tier = tierSeed % 8 == 7 && successes != 0 ? TIERS + ((tierSeed >> 3) % 3) : tierSeed % TIERS;
        bool burns = tierSeed % 8 == 6 && successes != 0;
        amount = bound(amount, successes == 0 ? 1 : 0, 2_000_000);
        token.mint(who, amount);
        gWallet[who] += amount;
        bytes memory expected;
        if (tier >= TIERS) expected = abi.encodeWithSelector(IScheduledEscrow.TierIndex.selector, tier, TIERS);
        else if (block.timestamp > fundingDeadline) {
            expected = abi.encodeWithSelector(IOutcomeEscrow.FundingClosed.selector, fundingDeadline, block.timestamp);
        } else if (amount == 0 || burns) expected = abi.encodeWithSelector(IOutcomeEscrow.ZeroDeposit.selector);
        if (burns) token.setFeeBps(10_000);
        vm.startPrank(who);
        token.approve(address(escrow), amount);
        try escrow.deposit(tier, amount) returns (uint256 credited) {
            vm.stopPrank();
            if (expected.length != 0) revert UnexpectedSuccess("deposit");
            assertEq(credited, amount, "deposit: credited the amount");
            gIn += amount;
            gCommitted[tier] += amount;
            _gDeposit[who][tier] += amount;
            gWallet[who] -= amount;
            _ok("deposit");
        } catch (bytes memory reason) {
            vm.stopPrank();
            if (expected.length == 0) revert UnexpectedRevert("deposit", reason);
            _expectExactRevert("deposit", reason, expected);
        }
        if (burns) token.setFeeBps(0);
    }

    /// @dev Time moves only after a first successful call (so that every run can make one: a deposit before the
    /// funding deadline).
    function warp(uint256 seconds_) external {
        if (successes == 0) return;
        vm.warp(block.timestamp + bound(seconds_, 1, 40 days));
    }

    /// @dev Moves time to the funding deadline or a point's cut-off, at the second or one past it (the first edge
    /// still ahead from the one `seed` picks), and settles there — at a cut-off the point it closes, at the funding
    /// deadline any point (FundingOpen at the second itself). Not before a first successful call.
    function warpToEdge(uint256 seed) external {
        if (successes == 0) return;
        uint256[8] memory edges = [
            fundingDeadline,
            fundingDeadline + 1,
            cutOff[0],
            cutOff[0] + 1,
            cutOff[1],
            cutOff[1] + 1,
            cutOff[2],
            cutOff[2] + 1
        ];
        for (uint256 i; i < 8; ++i) {
            uint256 k = ((seed % 8) + i) % 8;
            if (edges[k] > block.timestamp) {
                vm.warp(edges[k]);
                ++edgesHit;
                _settle(k < 2 ? (seed >> 3) % POINTS : k / 2 - 1);
                return;
            }
        }
    }

    /// @dev A value for slot `s`: one call in two a threshold edge (29/30, 59/60, 99/100, the targets, the 1.5
    /// ceiling, the improvement reference), else any value up to 200 (slot 1: 1,000).
    function _value(uint256 s, uint256 seed) internal pure returns (uint64) {
        if (seed % 2 == 0) {
            uint64[8] memory edges =
                s == 1 ? [uint64(99), 100, 299, 300, 400, 401, 800, 1000] : [uint64(0), 29, 30, 59, 60, 100, 150, 151];
            return edges[(seed >> 1) % 8];
        }
        return uint64((seed >> 1) % (s == 1 ? 1_001 : 201)); // cast: < 1,001
    }

    /// @notice Moves slot `s` (unless it is terminal): a final value, Proposed / Disputed (it can still change), or
    /// Unresolved (terminal: no data).
    function setResult(uint256 s, uint256 value, uint256 mode) external {
        s %= SLOTS;
        if (slotRead[s] == Read.Final || slotRead[s] == Read.Unresolved) return;
        uint16 period = uint16(s + 1); // cast: s < 3
        mode %= 5;
        if (mode < 2) {
            uint64 v = _value(s, value);
            feed.setFinal(_mission, _version, _goals[s], period, v);
            (slotRead[s], slotValue[s]) = (Read.Final, v);
        } else if (mode < 4) {
            IMetricFeed.SlotStatus status =
                mode == 2 ? IMetricFeed.SlotStatus.Proposed : IMetricFeed.SlotStatus.Disputed;
            feed.setStatus(_mission, _version, _goals[s], period, status);
            slotRead[s] = Read.Changing;
        } else {
            feed.setStatus(_mission, _version, _goals[s], period, IMetricFeed.SlotStatus.Unresolved);
            slotRead[s] = Read.Unresolved;
        }
    }

    /// @dev Settles point `p`, or (`upTo`) every point from the first up to `p`, in order, each predicted.
    function settle(uint256 p, bool upTo) external {
        if (successes == 0) return; // the first call of a run is a deposit
        p %= POINTS;
        for (uint256 q = upTo ? 0 : p; q <= p; ++q) _settle(q);
    }

    function _settle(uint256 p) internal {
        Settlement memory m = modelSettle(p);
        try escrow.settlePoint(p, _points[p], _proofs[p]) returns (uint256 amount) {
            if (m.err.length != 0) revert UnexpectedSuccess("settle");
            assertEq(amount, m.amount, "settle: amount = the model's");
            _book(p, m);
            _ok("settle");
        } catch (bytes memory reason) {
            if (m.err.length == 0) revert UnexpectedRevert("settle", reason);
            _expectExactRevert("settle", reason, m.err);
        }
    }

    /// @dev Beneficiary `b` claims (`claim`), or anyone claims for it (`claimFor`).
    function claim(uint256 b, bool forOther) external {
        if (successes == 0) return;
        address who = beneficiary(b);
        uint256 due = modelClaimable(who, b);
        vm.prank(forOther ? funder(b) : who);
        (bool ok, bytes memory ret) = address(escrow).call(
            forOther ? abi.encodeCall(IEscrowPayouts.claimFor, (who)) : abi.encodeCall(IEscrowPayouts.claim, ())
        );
        if (ok) {
            if (due == 0) revert UnexpectedSuccess("claim");
            assertEq(abi.decode(ret, (uint256)), due, "claim: share of paid - claimed");
            gClaimed[who] += due;
            gOut += due;
            gWallet[who] += due;
            _ok("claim");
        } else {
            if (due != 0) revert UnexpectedRevert("claim", ret);
            _expectExactRevert("claim", ret, abi.encodeWithSelector(IScheduledEscrow.NothingToClaim.selector, who));
        }
    }

    /// @dev Funder `f` asks for its refund (`refund`), or anyone for it (`refundFor`).
    function refund(uint256 f, bool forOther) external {
        if (successes == 0) return;
        address who = funder(f);
        uint256 open = firstOpen();
        uint256 due = modelRefundable(who);
        bytes memory expected;
        if (open != POINTS) expected = abi.encodeWithSelector(IScheduledEscrow.PointsOpen.selector, open);
        else if (due == 0) expected = abi.encodeWithSelector(IScheduledEscrow.NothingToRefund.selector, who);
        vm.prank(forOther ? beneficiary(f) : who);
        (bool ok, bytes memory ret) = address(escrow).call(
            forOther ? abi.encodeCall(IEscrowPayouts.refundFor, (who)) : abi.encodeCall(IEscrowPayouts.refund, ())
        );
        if (ok) {
            if (expected.length != 0) revert UnexpectedSuccess("refund");
            assertEq(abi.decode(ret, (uint256)), due, "refund: share of each tier's unpaid commitment");
            delete _gDeposit[who];
            gOut += due;
            gWallet[who] += due;
            _ok("refund");
        } else {
            if (expected.length == 0) revert UnexpectedRevert("refund", ret);
            _expectExactRevert("refund", ret, expected);
        }
    }
}
