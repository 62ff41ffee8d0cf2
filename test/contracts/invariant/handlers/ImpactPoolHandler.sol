// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ImpactPoolModel} from "./ImpactPoolModel.sol";
import {ImpactPool} from "../../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../../contracts/pool/IImpactPool.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {OutcomeLib} from "../../../../contracts/outcomes/OutcomeLib.sol";
import {MockMetricFeed} from "../../../mocks/MockMetricFeed.sol";
import {WeirdERC20} from "../../../mocks/tokens/WeirdERC20.sol";

/// @notice Drives one pool (the education example of `PoolFixtures`) with 8 investors who also trade shares, 3
/// outcome payers, tranche disbursements, oracle outcomes and time. Liquity-style ghost ledgers: every account's
/// shares, commitment and wallet, and the pool's supply, fund, disbursed capital, pots and phase — all from the
/// handler's own model (`ImpactPoolModel`: curves and repayment re-computed by hand). Every call's result, or its
/// exact error, is predicted and checked.
contract ImpactPoolHandler is ImpactPoolModel {
    constructor(
        ImpactPool pool_,
        WeirdERC20 token_,
        MockMetricFeed feed_,
        IImpactPool.Schedule memory schedule_,
        OutcomeLib.OutcomeTerm[] memory basket_,
        uint256[4] memory moments_
    ) ImpactPoolModel(pool_, token_, feed_, schedule_, basket_, moments_) {}

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Half the calls fill exactly the rest of the raise, so that runs reach the funded phase (and the target
    /// exactly) often.
    function invest(uint256 who, uint256 amount) external {
        address a = investors[who % investors.length];
        uint256 room = gSupply < _c.capitalTarget ? _c.capitalTarget - gSupply : 0;
        amount = amount % 2 == 0 && room > 0 ? room : bound(amount, 1, 700_000e18);
        token.mint(a, amount);
        gWallet[a] += amount;
        vm.prank(a);
        token.approve(address(pool), amount);
        bytes memory expected;
        if (block.timestamp > _c.raiseDeadline) {
            expected = abi.encodeWithSelector(IImpactPool.RaiseClosed.selector, _c.raiseDeadline);
        } else if (room == 0) {
            expected = abi.encodeWithSelector(IImpactPool.RaiseFull.selector, _c.capitalTarget);
        }
        uint256 want = amount < room ? amount : room;
        vm.prank(a);
        (bool ok, bytes memory ret) = address(pool).call(abi.encodeCall(pool.invest, (amount)));
        if (ok) {
            assertEq(abi.decode(ret, (uint256)), want, "invest: shares = min(amount, room)");
            gShares[a] += want;
            gSupply += want;
            gWallet[a] -= want;
            gPoolBalance += want;
        }
        _settleCall("invest", ok, ret, expected);
    }

    function transferShares(uint256 from, uint256 to, uint256 amount) external {
        address a = investors[from % investors.length];
        address b = investors[to % investors.length];
        amount = bound(amount, 0, gShares[a]);
        vm.prank(a);
        assertTrue(pool.transfer(b, amount), "transfer");
        gShares[a] -= amount;
        gShares[b] += amount;
        _ok("transfer");
    }

    /// @dev One call in four fills exactly the rest of the fund cap.
    function commit(uint256 who, uint256 amount) external {
        address p = payers[who % payers.length];
        uint256 room = gFund < _c.fundCap ? _c.fundCap - gFund : 0;
        amount = amount % 4 == 0 && room > 0 ? room : bound(amount, 1, 700_000e18);
        token.mint(p, amount);
        gWallet[p] += amount;
        vm.prank(p);
        token.approve(address(pool), amount);
        bytes memory expected;
        IImpactPool.Phase phase = modelPhase();
        if (phase == IImpactPool.Phase.Settled || phase == IImpactPool.Phase.RaiseFailed) {
            expected = _phaseError(phase);
        } else if (room == 0) {
            expected = abi.encodeWithSelector(IImpactPool.FundFull.selector, _c.fundCap);
        }
        uint256 want = amount < room ? amount : room;
        vm.prank(p);
        (bool ok, bytes memory ret) = address(pool).call(abi.encodeCall(pool.commit, (amount)));
        if (ok) {
            assertEq(abi.decode(ret, (uint256)), want, "commit: committed = min(amount, room)");
            gCommit[p] += want;
            gFund += want;
            gWallet[p] -= want;
            gPoolBalance += want;
        }
        _settleCall("commit", ok, ret, expected);
    }

    /// @dev Disburses tranche `index % count`. For a tranche still owed while funded, `(index / count) % 4` = 1 first
    /// moves to one second before its due time and 2 to exactly its due time, so the boundary is tried on both sides.
    function disburse(uint256 index) external {
        uint256 count = _schedule.tranches.length;
        uint256 i = index % count;
        IImpactPool.Tranche memory t = _schedule.tranches[i];
        if (modelPhase() == IImpactPool.Phase.Funded && gDisbursedBits & (1 << i) == 0) {
            uint256 mode = (index / count) % 4;
            if (mode == 1 && t.dueAt > block.timestamp + 1) vm.warp(t.dueAt - 1);
            else if (mode == 2 && t.dueAt > block.timestamp) vm.warp(t.dueAt);
        }
        bytes memory expected;
        IImpactPool.Phase phase = modelPhase();
        if (phase != IImpactPool.Phase.Funded) {
            expected = _phaseError(phase);
        } else if (gDisbursedBits & (1 << i) != 0) {
            expected = abi.encodeWithSelector(IImpactPool.TrancheAlreadyDisbursed.selector, i);
        } else if (block.timestamp < t.dueAt) {
            expected = abi.encodeWithSelector(IImpactPool.TrancheNotDue.selector, i, t.dueAt);
        } else if (t.hasMilestone) {
            IMetricFeed.SlotStatus s = feed.slotStatus(t.missionId, 0, t.goalId, t.period);
            uint64 v;
            if (s == IMetricFeed.SlotStatus.Final) (v, ) = feed.finalValue(t.missionId, 0, t.goalId, t.period);
            if (s != IMetricFeed.SlotStatus.Final || v < t.minValue) {
                expected = abi.encodeWithSelector(IImpactPool.MilestoneNotMet.selector, i, s, v, t.minValue);
            }
        }
        uint256 want = (uint256(_c.capitalTarget) * t.shareBps) / 10_000;
        address to = _schedule.providers[t.provider];
        (bool ok, bytes memory ret) = address(pool).call(abi.encodeCall(pool.disburse, (i, abi.encode(_schedule))));
        if (ok) {
            assertEq(abi.decode(ret, (uint256)), want, "disburse: target x bps / 10000");
            gDisbursed += want;
            gDisbursedBits |= 1 << i;
            gWallet[to] += want;
            gPoolBalance -= want;
        }
        _settleCall("disburse", ok, ret, expected);
    }

    /// @dev Half the time a short step, otherwise a jump to the next interesting moment (never backwards). Time does
    /// not pass the raise deadline before a first call into the pool succeeded, so that no run is all reverts.
    function warp(uint256 seed) external {
        uint256 pick = seed % 8;
        uint256 to = pick < 4 ? block.timestamp + bound(seed >> 8, 1, 60 days) : _moments[pick - 4];
        if (to <= block.timestamp) to = block.timestamp + 1 days;
        if (successes == 0 && to > _c.raiseDeadline) to = _c.raiseDeadline;
        if (to > block.timestamp) vm.warp(to);
    }

    function report(uint256 term, uint64 value, uint8 status) external {
        OutcomeLib.OutcomeTerm memory t = _basket[term % _basket.length];
        IMetricFeed.SlotStatus s = status % 4 == 0 ? IMetricFeed.SlotStatus.Unresolved : IMetricFeed.SlotStatus.Final;
        feed.setSlot(t.missionId, t.goalId, t.period, s, uint64(bound(value, 0, 250)), uint40(block.timestamp));
    }

    /// @dev Half the calls put the milestone exactly at its minimum or one below it (the boundary, on both sides).
    function milestone(uint64 value) external {
        uint64 min = _schedule.tranches[3].minValue;
        feed.setFinal(
            2,
            1,
            2,
            value % 4 == 0
                ? min - 1
                : value % 4 == 1
                    ? min
                    : uint64(bound(value, 0, 100))
        );
    }

    /// @dev When funded, half the calls first move to settlement: either to the deadline with every slot reported
    /// Final (values from the seed; 3 times in 16 on the repayment curve's edges: composite exactly at its threshold,
    /// at its principal point, or full), or to deadline + grace exactly or one second past it. A quarter first move
    /// to one second before the deadline (while before it, and as `warp` once a call succeeded); the rest try as
    /// things stand.
    function settle(uint256 seed) external {
        uint256 mode = seed % 4;
        if (modelPhase() == IImpactPool.Phase.Funded && mode < 2) {
            // Mode 1 one time in two stops at deadline + grace exactly: the last second a silent slot keeps it pending.
            uint256 to = mode == 1 && (seed >> 2) % 2 == 0 ? _moments[3] - 1 : _moments[2 + mode];
            if (to > block.timestamp) vm.warp(to);
            if (mode == 0) {
                // (80, 40, 30, 0) reads 0.3 x 1 = 0.3; (80, 40, 70, 0) 0.3 + 0.3 = 0.6; (80, 90, 70, 200) 1.
                uint64[4][3] memory edges = [
                    [uint64(80), 40, 30, 0],
                    [uint64(80), 40, 70, 0],
                    [uint64(80), 90, 70, 200]
                ];
                uint256 e = (seed >> 4) % 4 == 3 ? (seed >> 2) % 4 : 3; // 3: values from the seed
                for (uint256 i; i < _basket.length; ++i) {
                    OutcomeLib.OutcomeTerm memory t = _basket[i];
                    uint64 v = e < 3 ? edges[e][i] : uint64(bound(seed >> (8 + 16 * i), 0, 250));
                    feed.setFinal(t.missionId, t.goalId, t.period, v);
                }
            }
        } else if (mode == 3 && successes > 0 && block.timestamp + 1 < _c.settlementDeadline) {
            vm.warp(_c.settlementDeadline - 1);
        }
        bytes memory expected;
        IImpactPool.Phase phase = modelPhase();
        (bool pending, uint256 composite) = _outcome();
        if (phase != IImpactPool.Phase.Funded) {
            expected = _phaseError(phase);
        } else if (block.timestamp < _c.settlementDeadline) {
            expected = abi.encodeWithSelector(IImpactPool.SettlementNotOpen.selector, _c.settlementDeadline);
        } else if (pending) {
            expected = abi.encodeWithSelector(IImpactPool.OutcomePending.selector);
        }
        (bool ok, bytes memory ret) = address(pool).call(abi.encodeCall(pool.settle, (abi.encode(_basket))));
        if (ok) {
            uint256 owed = (gDisbursed * _multiple(composite)) / WAD;
            uint256 payment = owed < gFund ? owed : gFund;
            gSettled = true;
            gComposite = composite;
            gOutcomePayment = payment;
            gInvestorPot = gSupply - gDisbursed + payment;
            gRefundPot = gFund - payment;
            ++gSettles;
        }
        _settleCall("settle", ok, ret, expected);
    }

    /// @dev An invest, commit, redeem, withdraw or refund during whose transfer the token calls the pool again (an
    /// invest or commit it holds and approved, a withdraw, or a refund). The outer call is predicted and checked as
    /// in its own action; the inner one must be refused by the reentrancy guard (a missing guard would credit an
    /// invest or commit twice through the balance delta: more shares or commitment than tokens).
    function reenter(uint256 outer, uint256 inner, uint256 who, uint256 amount) external {
        inner %= 4;
        bytes memory data;
        if (inner == 0) data = abi.encodeCall(IImpactPool.invest, (1e18));
        else if (inner == 1) data = abi.encodeCall(IImpactPool.commit, (1e18));
        else if (inner == 2) data = abi.encodeCall(IImpactPool.withdraw, ());
        else data = abi.encodeCall(IImpactPool.refund, ());
        uint256 before = _armReentry(token, address(pool), data, 1e18);
        outer %= 5;
        if (outer == 0) this.invest(who, amount);
        else if (outer == 1) this.commit(who, amount);
        else if (outer == 2) this.redeem(who, amount);
        else if (outer == 3) this.withdraw(who);
        else this.refund(who);
        _requireReentryRefused(token, "reenter", before);
    }

    function redeem(uint256 who, uint256 shares) external {
        address a = investors[who % investors.length];
        uint256 balance = gShares[a];
        // Over-balance redeems only while other holders keep the supply above it (redeeming more than the whole
        // supply, or with no share left, panics instead of failing with the balance error: a unit test pins that).
        if (gSettled && gSupply == 0) return;
        uint256 most = balance < gSupply ? balance + 1 : balance;
        _redeem(a, bound(shares, 1, most == 0 ? 1 : most));
    }

    function _redeem(address a, uint256 shares) internal {
        uint256 balance = gShares[a];
        bytes memory expected;
        if (!gSettled) {
            expected = _phaseError(modelPhase());
        } else if (shares > balance) {
            expected = abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, a, balance, shares);
        }
        uint256 want = modelRedeem(shares);
        uint256 before = token.balanceOf(a);
        vm.prank(a);
        (bool ok, bytes memory ret) = address(pool).call(abi.encodeCall(pool.redeem, (shares)));
        if (ok) {
            assertEq(abi.decode(ret, (uint256)), want, "redeem: pot x shares / supply");
            assertEq(token.balanceOf(a) - before, want, "redeem: paid to the holder");
            gInvestorPot -= want;
            gShares[a] -= shares;
            gSupply -= shares;
            gWallet[a] += want;
            gPoolBalance -= want;
        }
        _settleCall("redeem", ok, ret, expected);
    }

    function withdraw(uint256 who) external {
        _withdraw(investors[who % investors.length]);
    }

    function _withdraw(address a) internal {
        uint256 balance = gShares[a];
        bytes memory expected;
        IImpactPool.Phase phase = modelPhase();
        if (phase != IImpactPool.Phase.RaiseFailed) expected = _phaseError(phase);
        else if (balance == 0) expected = abi.encodeWithSelector(IImpactPool.ZeroAmount.selector);
        vm.prank(a);
        (bool ok, bytes memory ret) = address(pool).call(abi.encodeCall(pool.withdraw, ()));
        if (ok) {
            assertEq(abi.decode(ret, (uint256)), balance, "withdraw: capital 1:1 for shares");
            gShares[a] = 0;
            gSupply -= balance;
            gWallet[a] += balance;
            gPoolBalance -= balance;
        }
        _settleCall("withdraw", ok, ret, expected);
    }

    function refund(uint256 who) external {
        _refund(payers[who % payers.length]);
    }

    function _refund(address p) internal {
        bytes memory expected;
        IImpactPool.Phase phase = modelPhase();
        if (phase != IImpactPool.Phase.Settled && phase != IImpactPool.Phase.RaiseFailed) {
            expected = _phaseError(phase);
        } else if (gCommit[p] == 0) {
            expected = abi.encodeWithSelector(IImpactPool.NothingToRefund.selector, p);
        }
        uint256 want = modelRefund(p);
        vm.prank(p);
        (bool ok, bytes memory ret) = address(pool).call(abi.encodeCall(pool.refund, ()));
        if (ok) {
            assertEq(abi.decode(ret, (uint256)), want, "refund: the model's amount");
            if (phase == IImpactPool.Phase.Settled) gRefundPot -= want;
            gFund -= gCommit[p];
            gCommit[p] = 0;
            gWallet[p] += want;
            gPoolBalance -= want;
        }
        _settleCall("refund", ok, ret, expected);
    }

    /// @notice Ends the run the way every participant eventually would: past deadline + grace the pool settles (as
    /// the oracle stands: a slot never reported is no data), then every holder redeems (or, after a failed raise,
    /// withdraws) every share and every payer asks for its refund — each call predicted and paid exactly as in
    /// `redeem`, `withdraw` and `refund`.
    function windUp() external {
        if (block.timestamp < _moments[3]) vm.warp(_moments[3]);
        if (modelPhase() == IImpactPool.Phase.Funded) this.settle(2); // mode 2: settles as things stand
        IImpactPool.Phase phase = modelPhase();
        for (uint256 i; i < investors.length; ++i) {
            address a = investors[i];
            if (gShares[a] == 0) continue;
            if (phase == IImpactPool.Phase.Settled) _redeem(a, gShares[a]);
            else _withdraw(a);
        }
        for (uint256 i; i < payers.length; ++i) _refund(payers[i]);
        ++windUps;
    }
}
