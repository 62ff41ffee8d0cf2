// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentryProbe} from "./ReentryProbe.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "../../../../contracts/escrow/IOutcomeEscrow.sol";
import {WeirdERC20} from "../../../mocks/tokens/WeirdERC20.sol";
import {MockMetricFeed} from "../../../mocks/MockMetricFeed.sol";
import {IEscrowPayouts} from "../../../../contracts/escrow/IEscrowPayouts.sol";

/// @notice Drives two escrows sharing one token and one feed slot (mission 1, goal 0, period 1; escrow 0 one linear
/// term 100 → 200, escrow 1 a basket of the four curve kinds: `modelComposite`) with 6 funders, 3 beneficiaries, time and oracle moves. Liquity-style ghost ledgers: what
/// every funder deposited and was refunded, what every beneficiary claimed, what every wallet must hold, and the
/// escrow's expected status and composite — computed by the handler's own model, never read back from the escrow.
/// Every call's outcome (amount paid, or the exact error) is predicted by the model and checked. The token may take a
/// fee on transfer (`setFee`): a deposit credits what arrived, a payout delivers the amount less the fee, both
/// computed here by hand. `warpToEdge` lands on the funding deadline and the no-data time (at the second and one past),
/// and `windUp` (after every run) settles both escrows and pays everyone owed, each for exactly the model's amount.
contract OutcomeEscrowHandler is ReentryProbe {
    uint256 internal constant WAD = 1e18;
    uint256 public constant FUNDERS = 6;
    uint256 public constant BENEFICIARIES = 3;
    /// @dev Largest fee on transfer `setFee` sets (1 %).
    uint256 internal constant MAX_FEE_BPS = 100;

    WeirdERC20 public immutable token;
    MockMetricFeed public immutable feed;
    IOutcomeEscrow[2] public escrows;
    uint256 public immutable fundingDeadline;
    uint256 public immutable noDataAfter;
    uint256[2] public minFunding;
    uint256[3][2] internal _weights;
    uint256[2] public totalWeight;

    // Ghost ledgers, per escrow.
    mapping(uint256 e => uint256 amount) public gTotal;
    mapping(uint256 e => uint256 amount) public gPaid;
    mapping(uint256 e => IOutcomeEscrow.Status status) public gStatus;
    mapping(uint256 e => uint256 wad) public gComposite;
    mapping(uint256 e => uint256 count) public gSettles;
    /// @notice Settlements (other than an underfunded refund) while the slot could still change: must stay 0.
    uint256 public gSettledOnChangingValue;
    mapping(uint256 e => mapping(address funder => uint256 amount)) public gDeposit; // outstanding (0 once refunded)
    mapping(uint256 e => mapping(address funder => uint256 amount)) public gRefunded;
    mapping(uint256 e => mapping(address beneficiary => uint256 amount)) public gClaimed;
    mapping(uint256 e => mapping(address beneficiary => bool done)) public gHasClaimed;
    /// @notice What every actor's wallet must hold (minted − paid in + paid out less fees).
    mapping(address account => uint256 amount) public gWallet;
    /// @notice Edges `warpToEdge` landed on; settlements and payouts made by `windUp`.
    uint256 public edgesHit;
    uint256 public windUps;
    /// @dev The value last set on the slot (what a Proposed or Disputed value finalises at in `windUp`).
    uint64 internal _changingValue;

    constructor(
        WeirdERC20 token_,
        MockMetricFeed feed_,
        IOutcomeEscrow[2] memory escrows_,
        uint256 fundingDeadline_,
        uint256 noDataAfter_
    ) {
        token = token_;
        feed = feed_;
        fundingDeadline = fundingDeadline_;
        noDataAfter = noDataAfter_;
        for (uint256 e; e < 2; ++e) {
            escrows[e] = escrows_[e];
            IOutcomeEscrow.Terms memory t = escrows_[e].terms();
            minFunding[e] = t.minFunding;
            for (uint256 i; i < BENEFICIARIES; ++i) {
                _weights[e][i] = t.beneficiaries[i].weight;
                totalWeight[e] += t.beneficiaries[i].weight;
            }
        }
    }

    function funder(uint256 i) public pure returns (address) {
        return address(uint160(0xF000 + (i % FUNDERS)));
    }

    function beneficiary(uint256 i) public pure returns (address) {
        return address(uint160(0xBE00 + (i % BENEFICIARIES)));
    }

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    /// @notice The beneficiaries' pot: total × composite / WAD, rounded down.
    function modelPot(uint256 e) public view returns (uint256) {
        return (gTotal[e] * gComposite[e]) / WAD;
    }

    /// @notice What beneficiary `i` can claim now.
    function modelClaimable(uint256 e, uint256 i) public view returns (uint256) {
        if (gStatus[e] == IOutcomeEscrow.Status.Open || gHasClaimed[e][beneficiary(i)]) return 0;
        return (modelPot(e) * _weights[e][i % BENEFICIARIES]) / totalWeight[e];
    }

    /// @notice What `f` can be refunded now.
    function modelRefundable(uint256 e, address f) public view returns (uint256) {
        if (gStatus[e] == IOutcomeEscrow.Status.Open || gDeposit[e][f] == 0) return 0;
        return ((gTotal[e] - modelPot(e)) * gDeposit[e][f]) / gTotal[e];
    }

    /// @dev What a transfer of `amount` delivers under the token's current fee.
    function _net(uint256 amount) internal view returns (uint256) {
        return amount - (amount * token.feeBps()) / 10_000;
    }

    /// @notice The composite achievement of escrow `e` at a final value `v` of the shared slot, by hand (each curve's
    /// achievement rounded down, then one division of the weighted sum, rounded down).
    /// Escrow 0: one linear term 100 → 200. Escrow 1, a basket on the same slot: 0.3 × linear 100 → 103 (thirds),
    /// 0.3 × threshold-linear 100 → 200 from 150 capped at 0.7, 0.2 × steps (120: 0.2, 160: 0.5, 200: 1), 0.2 × binary
    /// at 170.
    function modelComposite(uint256 e, uint64 v) public pure returns (uint256) {
        if (e == 0) return _progress(v, 100, 200);
        uint256 thresholdLinear = v < 150 ? 0 : _progress(v, 100, 200);
        if (thresholdLinear > 0.7e18) thresholdLinear = 0.7e18;
        uint256 steps;
        if (v >= 200) steps = WAD;
        else if (v >= 160) steps = 0.5e18;
        else if (v >= 120) steps = 0.2e18;
        uint256 binary = v >= 170 ? WAD : 0;
        return (0.3e18 * _progress(v, 100, 103) + 0.3e18 * thresholdLinear + 0.2e18 * steps + 0.2e18 * binary) / WAD;
    }

    /// @dev Rising linear progress from `from` to `to`, in WAD, rounded down: 0 up to `from`, 1 from `to` on.
    function _progress(uint256 v, uint256 from, uint256 to) internal pure returns (uint256) {
        if (v >= to) return WAD;
        if (v <= from) return 0;
        return ((v - from) * WAD) / (to - from);
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Deposits (or `depositFor` paid by the next funder). One call in four tops the escrow up to exactly its
    /// minimum funding, so that the `total == minFunding` boundary is hit often.
    function deposit(uint256 e, uint256 who, uint256 amount, bool forOther) external {
        _deposit(e % 2, who, amount, forOther);
    }

    /// @dev Before a first success (time has not passed the funding deadline then), the other actions deposit first,
    /// so that no run is all reverts.
    function _bootstrap(uint256 e) internal {
        if (successes == 0) _deposit(e, e, 1e18 + 1, false);
    }

    function _deposit(uint256 e, uint256 who, uint256 amount, bool forOther) internal {
        IOutcomeEscrow x = escrows[e];
        address f = funder(who);
        address payer = forOther ? funder((who % FUNDERS) + 1) : f;
        if (amount % 4 == 0 && gTotal[e] < minFunding[e]) amount = _grossFor(minFunding[e] - gTotal[e]);
        else amount = bound(amount, successes == 0 ? 1 : 0, 1e24); // 0 (ZeroDeposit) only once a call succeeded
        token.mint(payer, amount);
        gWallet[payer] += amount;
        vm.prank(payer);
        token.approve(address(x), amount);

        bytes memory expected;
        if (gStatus[e] != IOutcomeEscrow.Status.Open) {
            expected = abi.encodeWithSelector(IOutcomeEscrow.WrongState.selector, gStatus[e]);
        } else if (block.timestamp > fundingDeadline) {
            expected = abi.encodeWithSelector(IOutcomeEscrow.FundingClosed.selector, fundingDeadline, block.timestamp);
        } else if (amount == 0) {
            expected = abi.encodeWithSelector(IOutcomeEscrow.ZeroDeposit.selector);
        }
        vm.prank(payer);
        (bool ok, bytes memory ret) = address(x).call(
            forOther ? abi.encodeCall(x.depositFor, (f, amount)) : abi.encodeCall(x.deposit, (amount))
        );
        if (ok) {
            if (expected.length != 0) revert UnexpectedSuccess("deposit");
            uint256 credited = abi.decode(ret, (uint256));
            assertEq(credited, _net(amount), "deposit: credited what arrived (the amount less the fee)");
            gTotal[e] += credited;
            gDeposit[e][f] += credited;
            gWallet[payer] -= amount;
            _ok("deposit");
        } else {
            if (expected.length == 0) revert UnexpectedRevert("deposit", ret);
            _expectExactRevert("deposit", ret, expected);
        }
    }

    /// @dev The smallest amount whose transfer delivers `net` under the current fee (`net` itself without a fee), so
    /// that a top-up meets the minimum exactly whenever the fee allows it.
    function _grossFor(uint256 net) internal view returns (uint256 gross) {
        uint256 bps = token.feeBps();
        gross = (net * 10_000) / (10_000 - bps);
        while (_net(gross) < net) ++gross;
    }

    /// @dev The steward installs a new committee on mission 1: the current version moves on (the new one has no
    /// values), and every escrow keeps reading the version it pinned at creation — the model never changes.
    function newCommittee() external {
        feed.setCommitteeVersion(1, feed.committeeVersion(1) + 1);
    }

    /// @dev The token's fee on transfer: none (one call in two) or 1…100 bps.
    function setFee(uint256 seed) external {
        token.setFeeBps(seed % 2 == 0 ? 0 : bound(seed >> 1, 1, MAX_FEE_BPS));
    }

    /// @dev Moves time to the funding deadline or the no-data time, at the second or one past it (the first edge
    /// still ahead from the one `seed` picks). Not before a first successful call (as `warp`).
    function warpToEdge(uint256 seed) external {
        if (successes == 0) return;
        uint256[4] memory edges = [fundingDeadline, fundingDeadline + 1, noDataAfter, noDataAfter + 1];
        for (uint256 i; i < 4; ++i) {
            uint256 t = edges[((seed % 4) + i) % 4];
            if (t > block.timestamp) {
                vm.warp(t);
                ++edgesHit;
                return;
            }
        }
    }

    /// @dev Time does not pass the funding deadline before a first call into an escrow succeeded, so that no run is
    /// all reverts.
    function warp(uint256 secondsAhead) external {
        uint256 to = block.timestamp + bound(secondsAhead, 1, 12 days);
        if (successes == 0 && to > fundingDeadline) to = fundingDeadline;
        if (to > block.timestamp) vm.warp(to);
    }

    /// @dev Oracle moves on the shared slot: a final value, an unresolved slot, or a proposal (a value that can still
    /// change, which must never move money). A seed below 300 is the value itself; above, one in two is a curve's
    /// edge (a step, a threshold, a target, the thirds of escrow 1's short linear curve), else the seed % 300.
    function setOutcome(uint256 kind, uint64 value) external {
        kind %= 4;
        uint64[10] memory edges = [uint64(100), 101, 102, 103, 120, 149, 150, 160, 170, 200];
        uint64 v = value >= 300 && value % 2 == 0 ? edges[(value / 2) % 10] : value % 300;
        _changingValue = v;
        if (kind == 0) feed.setFinal(1, 0, 1, v);
        else if (kind == 1) feed.setSlot(1, 0, 1, IMetricFeed.SlotStatus.Unresolved, 0, 0);
        else if (kind == 2) feed.setSlot(1, 0, 1, IMetricFeed.SlotStatus.Proposed, v, 0);
        else feed.setSlot(1, 0, 1, IMetricFeed.SlotStatus.Disputed, v, 0);
    }

    function settle(uint256 e) external {
        e %= 2;
        _bootstrap(e);
        _settle(e);
    }

    function _settle(uint256 e) internal {
        // The model: what settle must do now.
        bytes memory expected;
        IOutcomeEscrow.Status next = IOutcomeEscrow.Status.Refunding;
        uint256 composite;
        bool underfunded = gTotal[e] < minFunding[e];
        if (gStatus[e] != IOutcomeEscrow.Status.Open) {
            expected = abi.encodeWithSelector(IOutcomeEscrow.WrongState.selector, gStatus[e]);
        } else if (underfunded) {
            // Below the minimum: settle waits for the funding deadline, then refunds whatever the oracle says.
            if (block.timestamp <= fundingDeadline) {
                expected = abi.encodeWithSelector(
                    IOutcomeEscrow.FundingOpen.selector,
                    fundingDeadline,
                    block.timestamp
                );
            }
        } else {
            IMetricFeed.SlotStatus s = feed.slotStatus(1, 0, 0, 1);
            if (s == IMetricFeed.SlotStatus.Final) {
                (uint64 v, ) = feed.finalValue(1, 0, 0, 1);
                (next, composite) = (IOutcomeEscrow.Status.Achieved, modelComposite(e, v));
            } else if (
                s == IMetricFeed.SlotStatus.Proposed ||
                s == IMetricFeed.SlotStatus.Disputed ||
                (s != IMetricFeed.SlotStatus.Unresolved && block.timestamp <= noDataAfter)
            ) {
                // A value that can still change never moves money: Proposed / Disputed stay pending past noDataAfter.
                expected = abi.encodeWithSelector(IOutcomeEscrow.OutcomePending.selector, noDataAfter, block.timestamp);
            }
        }
        IMetricFeed.SlotStatus slot = feed.slotStatus(1, 0, 0, 1);
        try escrows[e].settle() returns (IOutcomeEscrow.Status status) {
            if (expected.length != 0) revert UnexpectedSuccess("settle");
            if (!underfunded && (slot == IMetricFeed.SlotStatus.Proposed || slot == IMetricFeed.SlotStatus.Disputed))
                ++gSettledOnChangingValue;
            assertEq(uint256(status), uint256(next), "settle: status");
            gStatus[e] = next;
            gComposite[e] = composite;
            ++gSettles[e];
            _ok("settle");
        } catch (bytes memory reason) {
            if (expected.length == 0) revert UnexpectedRevert("settle", reason);
            _expectExactRevert("settle", reason, expected);
        }
    }

    function claim(uint256 e, uint256 who, bool forOther) external {
        e %= 2;
        _bootstrap(e);
        _claim(e, who, forOther);
    }

    function _claim(uint256 e, uint256 who, bool forOther) internal {
        address b = beneficiary(who);
        uint256 due = modelClaimable(e, who);
        bytes memory expected;
        if (gStatus[e] == IOutcomeEscrow.Status.Open) {
            expected = abi.encodeWithSelector(IOutcomeEscrow.WrongState.selector, gStatus[e]);
        } else if (due == 0) {
            expected = abi.encodeWithSelector(IOutcomeEscrow.NothingToClaim.selector, b);
        }
        uint256 before = token.balanceOf(b);
        vm.prank(forOther ? funder(who) : b);
        (bool ok, bytes memory ret) = address(escrows[e]).call(
            forOther ? abi.encodeCall(IEscrowPayouts.claimFor, (b)) : abi.encodeCall(IEscrowPayouts.claim, ())
        );
        if (ok) {
            if (expected.length != 0) revert UnexpectedSuccess("claim");
            uint256 amount = abi.decode(ret, (uint256));
            assertEq(amount, due, "claim: amount = pot x weight / total weight");
            assertEq(token.balanceOf(b) - before, _net(due), "claim: paid to the beneficiary (less the fee)");
            gHasClaimed[e][b] = true;
            gClaimed[e][b] += amount;
            gPaid[e] += amount;
            gWallet[b] += _net(amount);
            _ok("claim");
        } else {
            if (expected.length == 0) revert UnexpectedRevert("claim", ret);
            _expectExactRevert("claim", ret, expected);
        }
    }

    function refund(uint256 e, uint256 who, bool forOther) external {
        e %= 2;
        _bootstrap(e);
        _refund(e, who, forOther);
    }

    function _refund(uint256 e, uint256 who, bool forOther) internal {
        address f = funder(who);
        uint256 due = modelRefundable(e, f);
        bytes memory expected;
        if (gStatus[e] == IOutcomeEscrow.Status.Open) {
            expected = abi.encodeWithSelector(IOutcomeEscrow.WrongState.selector, gStatus[e]);
        } else if (due == 0) {
            expected = abi.encodeWithSelector(IOutcomeEscrow.NothingToRefund.selector, f);
        }
        uint256 before = token.balanceOf(f);
        vm.prank(forOther ? beneficiary(who) : f);
        (bool ok, bytes memory ret) = address(escrows[e]).call(
            forOther ? abi.encodeCall(IEscrowPayouts.refundFor, (f)) : abi.encodeCall(IEscrowPayouts.refund, ())
        );
        if (ok) {
            if (expected.length != 0) revert UnexpectedSuccess("refund");
            uint256 amount = abi.decode(ret, (uint256));
            assertEq(amount, due, "refund: amount = refund pot x deposit / total");
            assertEq(token.balanceOf(f) - before, _net(due), "refund: paid to the funder (less the fee)");
            gDeposit[e][f] = 0;
            gRefunded[e][f] += amount;
            gPaid[e] += amount;
            gWallet[f] += _net(amount);
            _ok("refund");
        } else {
            if (expected.length == 0) revert UnexpectedRevert("refund", ret);
            _expectExactRevert("refund", ret, expected);
        }
    }

    /// @dev A deposit, claim or refund of escrow `e` during whose transfer the token calls the same escrow again (a
    /// deposit it holds and approved, a claim or refund for someone, or settle). The outer call is predicted and
    /// checked as in `deposit` / `claim` / `refund`; the inner one must be refused by the reentrancy guard (a missing
    /// guard would credit a deposit twice through the balance delta).
    function reenter(uint256 e, uint256 outer, uint256 inner, uint256 who, uint256 amount) external {
        e %= 2;
        _bootstrap(e);
        IOutcomeEscrow x = escrows[e];
        inner %= 4;
        bytes memory data;
        if (inner == 0) data = abi.encodeCall(IOutcomeEscrow.deposit, (1e18));
        else if (inner == 1) data = abi.encodeCall(IEscrowPayouts.claimFor, (beneficiary(who)));
        else if (inner == 2) data = abi.encodeCall(IEscrowPayouts.refundFor, (funder(who)));
        else data = abi.encodeCall(IOutcomeEscrow.settle, ());
        uint256 before = _armReentry(token, address(x), data, 1e18);
        outer %= 3;
        if (outer == 0) _deposit(e, who, amount, false);
        else if (outer == 1) _claim(e, who, false);
        else _refund(e, who, false);
        _requireReentryRefused(token, "reenter", before);
    }

    /*//////////////////////////////////////////////////////////////
                              END OF RUN
    //////////////////////////////////////////////////////////////*/

    /// @notice Ends the run the way every participant eventually would: past the no-data time, a value still changing
    /// is decided (final, as it stands), each open escrow settles, and every beneficiary claims and every funder asks for
    /// a refund — each call predicted and paid exactly as in `claim` and `refund` (a call the model says pays nothing
    /// must revert with the exact error).
    function windUp() external {
        if (block.timestamp <= noDataAfter) vm.warp(noDataAfter + 1);
        IMetricFeed.SlotStatus slot = feed.slotStatus(1, 0, 0, 1);
        if (slot == IMetricFeed.SlotStatus.Proposed || slot == IMetricFeed.SlotStatus.Disputed) {
            feed.setFinal(1, 0, 1, _changingValue);
        }
        for (uint256 e; e < 2; ++e) {
            if (gStatus[e] == IOutcomeEscrow.Status.Open) _settle(e);
            for (uint256 i; i < BENEFICIARIES; ++i) _claim(e, i, i % 2 == 1);
            for (uint256 i; i < FUNDERS; ++i) _refund(e, i, i % 2 == 1);
        }
        ++windUps;
    }
}
