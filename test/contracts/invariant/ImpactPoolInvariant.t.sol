// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {PoolFixtures} from "../fixtures/PoolFixtures.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";
import {MockMetricFeed} from "../../mocks/MockMetricFeed.sol";
import {MockPoolToken} from "../../mocks/MockPoolToken.sol";

/// @dev Drives one pool with 8 investors (who also trade shares), 3 outcome payers, tranche disbursements, oracle
/// outcomes and time. Ghost totals record every token that entered or left the pool.
contract PoolHandler is TestBase {
    ImpactPool public immutable pool;
    MockPoolToken public immutable token;
    MockMetricFeed public immutable feed;
    IImpactPool.Schedule internal _schedule;
    OutcomeLib.OutcomeTerm[] internal _basket;

    address[] public investors;
    address[] public payers;

    uint256 public capitalIn;
    uint256 public withdrawn;
    uint256 public disbursed;
    uint256 public fundIn;
    uint256 public refundedFailed;
    uint256 public refundedSettled;
    uint256 public redeemed;
    uint256 public settleCount;
    /// @dev Redemptions that paid more than the pro-rata share of the pot, rounded down.
    uint256 public roundingViolations;

    /// @dev Moments worth jumping to: just past the raise deadline, the milestone tranche, the settlement deadline,
    /// and just past deadline + grace.
    uint256[4] internal _moments;

    constructor(
        ImpactPool pool_,
        MockPoolToken token_,
        MockMetricFeed feed_,
        IImpactPool.Schedule memory schedule_,
        OutcomeLib.OutcomeTerm[] memory basket_,
        uint256[4] memory moments_
    ) {
        _moments = moments_;
        pool = pool_;
        token = token_;
        feed = feed_;
        _schedule.providers = schedule_.providers;
        for (uint256 i; i < schedule_.tranches.length; ++i) _schedule.tranches.push(schedule_.tranches[i]);
        for (uint256 i; i < basket_.length; ++i) _basket.push(basket_[i]);
        for (uint256 i; i < 8; ++i) investors.push(address(uint160(0x1000 + i)));
        for (uint256 i; i < 3; ++i) payers.push(address(uint160(0x2000 + i)));
    }

    function investorCount() external view returns (uint256) {
        return investors.length;
    }

    function payerCount() external view returns (uint256) {
        return payers.length;
    }

    function basket() public view returns (OutcomeLib.OutcomeTerm[] memory) {
        return _basket;
    }

    function invest(uint256 who, uint256 amount) external {
        address a = investors[who % investors.length];
        // Half the calls fill the rest of the raise, so that runs reach the funded phase often.
        uint256 room = pool.config().capitalTarget - pool.totalSupply();
        amount = amount % 2 == 0 && room > 0 ? room : bound(amount, 1, 700_000e18);
        token.mint(a, amount);
        vm.prank(a);
        token.approve(address(pool), amount);
        vm.prank(a);
        try pool.invest(amount) returns (uint256 shares) {
            capitalIn += shares;
        } catch {}
    }

    function transferShares(uint256 from, uint256 to, uint256 amount) external {
        address a = investors[from % investors.length];
        address b = investors[to % investors.length];
        amount = bound(amount, 0, pool.balanceOf(a));
        vm.prank(a);
        pool.transfer(b, amount);
    }

    function commit(uint256 who, uint256 amount) external {
        address p = payers[who % payers.length];
        amount = bound(amount, 1, 700_000e18);
        token.mint(p, amount);
        vm.prank(p);
        token.approve(address(pool), amount);
        vm.prank(p);
        try pool.commit(amount) returns (uint256 c) {
            fundIn += c;
        } catch {}
    }

    function disburse(uint256 index) external {
        try pool.disburse(index % _schedule.tranches.length, abi.encode(_schedule)) returns (uint256 amount) {
            disbursed += amount;
        } catch {}
    }

    /// @dev Half the time a short step, otherwise a jump to the next interesting moment (never backwards).
    function warp(uint256 seed) external {
        uint256 pick = seed % 8;
        uint256 to = pick < 4 ? block.timestamp + bound(seed >> 8, 1, 60 days) : _moments[pick - 4];
        if (to <= block.timestamp) to = block.timestamp + 1 days;
        vm.warp(to);
    }

    function report(uint256 term, uint64 value, uint8 status) external {
        OutcomeLib.OutcomeTerm memory t = _basket[term % _basket.length];
        IMetricFeed.SlotStatus s = status % 4 == 0 ? IMetricFeed.SlotStatus.Unresolved : IMetricFeed.SlotStatus.Final;
        feed.setSlot(t.missionId, t.goalId, t.period, s, uint64(bound(value, 0, 250)), uint40(block.timestamp));
    }

    function milestone(uint64 value) external {
        feed.setFinal(2, 1, 0, uint64(bound(value, 0, 100)));
    }

    /// @dev When funded, two calls in three first move to settlement: either to the deadline with every slot
    /// reported Final (values from the seed), or past deadline + grace (no data). The third tries as things stand.
    function settle(uint256 seed) external {
        uint256 mode = seed % 3;
        if (pool.phase() == IImpactPool.Phase.Funded && mode < 2) {
            uint256 to = _moments[2 + mode];
            if (to > block.timestamp) vm.warp(to);
            if (mode == 0) {
                for (uint256 i; i < _basket.length; ++i) {
                    OutcomeLib.OutcomeTerm memory t = _basket[i];
                    feed.setFinal(t.missionId, t.goalId, t.period, uint64(bound(seed >> (8 + 16 * i), 0, 250)));
                }
            }
        }
        try pool.settle(abi.encode(_basket)) {
            ++settleCount;
        } catch {}
    }

    function redeem(uint256 who, uint256 shares) external {
        address a = investors[who % investors.length];
        shares = bound(shares, 1, pool.balanceOf(a) + 1);
        uint256 pot = pool.state().investorPotRemaining;
        uint256 supply = pool.totalSupply();
        vm.prank(a);
        try pool.redeem(shares) returns (uint256 amount) {
            redeemed += amount;
            if (amount > (pot * shares) / supply) ++roundingViolations;
        } catch {}
    }

    function withdraw(uint256 who) external {
        vm.prank(investors[who % investors.length]);
        try pool.withdraw() returns (uint256 amount) {
            withdrawn += amount;
        } catch {}
    }

    function refund(uint256 who) external {
        IImpactPool.Phase p = pool.phase();
        vm.prank(payers[who % payers.length]);
        try pool.refund() returns (uint256 amount) {
            if (p == IImpactPool.Phase.Settled) refundedSettled += amount;
            else refundedFailed += amount;
        } catch {}
    }
}

contract ImpactPoolInvariantTest is PoolFixtures {
    ImpactPool internal pool;
    PoolHandler internal handler;

    function setUp() public {
        _deploy();
        pool = _create(_terms());
        uint256[4] memory moments = [
            uint256(RAISE_DEADLINE) + 1,
            T0 + 180 days,
            SETTLEMENT_DEADLINE,
            uint256(SETTLEMENT_DEADLINE) + GRACE + 1
        ];
        handler = new PoolHandler(pool, token, feed, _schedule(), _basket(), moments);
        targetContract(address(handler));
    }

    function invariant_SupplyEqualsSumOfBalances() public view {
        uint256 sum;
        for (uint256 i; i < handler.investorCount(); ++i) sum += pool.balanceOf(handler.investors(i));
        assertEq(pool.totalSupply(), sum, "supply");
    }

    function invariant_SolvencyAndConservation() public view {
        IImpactPool.State memory s = pool.state();
        uint256 held = token.balanceOf(address(pool));
        if (s.phase == IImpactPool.Phase.Settled) {
            assertEq(held, s.investorPotRemaining + s.refundPotRemaining, "settled: held = pots");
            // Fund in = paid to investors + refunded to payers + still held for payers.
            assertEq(
                handler.fundIn(),
                s.outcomePayment + handler.refundedSettled() + s.refundPotRemaining,
                "fund conservation"
            );
        } else {
            // Capital in = disbursed + withdrawn + held (held: the shares still out, less what was disbursed).
            assertEq(
                handler.capitalIn(),
                handler.disbursed() + handler.withdrawn() + (pool.totalSupply() - s.disbursed),
                "capital"
            );
            assertEq(held, pool.totalSupply() - s.disbursed + s.fundCommitted, "held = capital + fund");
            assertEq(handler.fundIn(), s.fundCommitted + handler.refundedFailed(), "fund conservation");
        }
        assertEq(s.disbursed, handler.disbursed(), "disbursed");
        assertEq(
            handler.capitalIn() + handler.fundIn(),
            handler.disbursed() +
                handler.withdrawn() +
                handler.redeemed() +
                handler.refundedFailed() +
                handler.refundedSettled() +
                held,
            "total conservation"
        );
    }

    function invariant_SettlesAtMostOnce() public view {
        assertLe(handler.settleCount(), 1, "settle count");
    }

    function invariant_RedeemRoundsDown() public view {
        assertEq(handler.roundingViolations(), 0, "redeem paid above its pro-rata share");
    }

    /// @dev After deadline + grace every path ends with every participant paid and nothing stuck.
    function invariant_NeverStuckAfterGrace() public {
        if (block.timestamp <= SETTLEMENT_DEADLINE + GRACE) return;
        uint256 snap = vm.snapshotState();
        IImpactPool.Phase p = pool.phase();
        if (p == IImpactPool.Phase.Funded) {
            pool.settle(abi.encode(handler.basket()));
            p = IImpactPool.Phase.Settled;
        }
        for (uint256 i; i < handler.investorCount(); ++i) {
            address a = handler.investors(i);
            uint256 bal = pool.balanceOf(a);
            if (bal == 0) continue;
            vm.prank(a);
            if (p == IImpactPool.Phase.Settled) pool.redeem(bal);
            else pool.withdraw();
        }
        for (uint256 i; i < handler.payerCount(); ++i) {
            address payer = handler.payers(i);
            if (pool.commitmentOf(payer) == 0) continue;
            vm.prank(payer);
            pool.refund();
        }
        assertEq(token.balanceOf(address(pool)), 0, "nothing stuck");
        vm.revertToState(snap);
    }
}
