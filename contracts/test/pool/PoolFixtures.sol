// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ImpactPoolFactory} from "../../ImpactPoolFactory.sol";
import {ImpactPool} from "../../ImpactPool.sol";
import {IImpactPool} from "../../interfaces/IImpactPool.sol";
import {IImpactPoolFactory} from "../../interfaces/IImpactPoolFactory.sol";
import {IMetricFeed} from "../../interfaces/IMetricFeed.sol";
import {OutcomeLib} from "../../libraries/OutcomeLib.sol";
import {PayoutCurves} from "../../libraries/PayoutCurves.sol";
import {RepaymentLib} from "../../libraries/RepaymentLib.sol";
import {MockMetricFeed} from "../mocks/MockMetricFeed.sol";
import {MockPoolToken} from "../mocks/MockPoolToken.sol";

/// @dev Shared builders for the impact-pool tests: the seed's education example.
/// Missions: 1 = #healthystart (goal 0: low-birth-weight rate ‰, must fall 120 → 80; goal 1: breakfast-club
/// attendance %, 40 → 90), 2 = #readingcity (goal 0: reading-level %, 30 → 70; goal 1: parents' association
/// members, 0 → 200). Weights 30 / 20 / 30 / 20 %.
abstract contract PoolFixtures is TestBase {
    uint256 internal constant WAD = 1e18;
    uint40 internal constant T0 = 1_700_000_000;
    uint40 internal constant RAISE_DEADLINE = T0 + 30 days;
    uint40 internal constant SETTLEMENT_DEADLINE = T0 + 400 days;
    uint40 internal constant GRACE = 30 days;
    uint128 internal constant TARGET = 1_000_000e18;
    uint128 internal constant FUND_CAP = 1_200_000e18;

    MockMetricFeed internal feed;
    MockPoolToken internal token;
    ImpactPoolFactory internal factory;

    address internal constant NUTRITION = address(0xA1);
    address internal constant BREAKFAST = address(0xA2);
    address internal constant READING = address(0xA3);
    address internal constant PARENTS = address(0xA4);

    function _deploy() internal {
        vm.warp(T0);
        feed = new MockMetricFeed();
        token = new MockPoolToken();
        factory = new ImpactPoolFactory(IMetricFeed(address(feed)));
    }

    function _noSteps() internal pure returns (uint64[] memory e) {
        e = new uint64[](0);
    }

    function _linear(uint64 baseline, uint64 target) internal pure returns (PayoutCurves.Curve memory) {
        return
            PayoutCurves.Curve(
                PayoutCurves.Kind.Linear,
                target < baseline,
                baseline,
                target,
                0,
                0,
                _noSteps(),
                _noSteps()
            );
    }

    function _basket() internal pure returns (OutcomeLib.OutcomeTerm[] memory b) {
        b = new OutcomeLib.OutcomeTerm[](4);
        b[0] = OutcomeLib.OutcomeTerm(1, 0, 1, 0.3e18, _linear(120, 80));
        b[1] = OutcomeLib.OutcomeTerm(1, 1, 1, 0.2e18, _linear(40, 90));
        b[2] = OutcomeLib.OutcomeTerm(2, 0, 1, 0.3e18, _linear(30, 70));
        b[3] = OutcomeLib.OutcomeTerm(2, 1, 1, 0.2e18, _linear(0, 200));
    }

    /// @dev Four providers; nutrition 30 % now, breakfast 25 % at +60 days, reading 25 % at +90 days, parents'
    /// association 10 % at +180 days once mission 2 goal 1 period 0 is Final with ≥ 50 members. 10 % is reserve.
    function _schedule() internal pure returns (IImpactPool.Schedule memory s) {
        s.providers = new address[](4);
        s.providers[0] = NUTRITION;
        s.providers[1] = BREAKFAST;
        s.providers[2] = READING;
        s.providers[3] = PARENTS;
        s.tranches = new IImpactPool.Tranche[](4);
        s.tranches[0] = IImpactPool.Tranche(0, RAISE_DEADLINE, 3000, false, 0, 0, 0, 0);
        s.tranches[1] = IImpactPool.Tranche(1, T0 + 60 days, 2500, false, 0, 0, 0, 0);
        s.tranches[2] = IImpactPool.Tranche(2, T0 + 90 days, 2500, false, 0, 0, 0, 0);
        s.tranches[3] = IImpactPool.Tranche(3, T0 + 180 days, 1000, true, 2, 1, 0, 50);
    }

    function _terms() internal view returns (IImpactPoolFactory.PoolTerms memory t) {
        t.name = "Education Impact Pool";
        t.symbol = "EDU-IP";
        t.token = IERC20(address(token));
        t.capitalTarget = TARGET;
        t.raiseDeadline = RAISE_DEADLINE;
        t.fundCap = FUND_CAP;
        t.settlementDeadline = SETTLEMENT_DEADLINE;
        t.gracePeriod = GRACE;
        t.repayment = RepaymentLib.Curve(0.3e18, 0.6e18, 0.2e18);
        t.schedule = _schedule();
        t.basket = _basket();
    }

    function _create(IImpactPoolFactory.PoolTerms memory t) internal returns (ImpactPool) {
        return ImpactPool(factory.createPool(t));
    }

    function _fund(address who, uint256 amount, address pool) internal {
        token.mint(who, amount);
        vm.prank(who);
        token.approve(pool, type(uint256).max);
    }

    function _invest(ImpactPool pool, address who, uint256 amount) internal {
        _fund(who, amount, address(pool));
        vm.prank(who);
        pool.invest(amount);
    }

    function _commit(ImpactPool pool, address who, uint256 amount) internal {
        _fund(who, amount, address(pool));
        vm.prank(who);
        pool.commit(amount);
    }

    /// @dev Sets the four outcome slots Final.
    function _outcome(uint64 v0, uint64 v1, uint64 v2, uint64 v3) internal {
        feed.setFinal(1, 0, 1, v0);
        feed.setFinal(1, 1, 1, v1);
        feed.setFinal(2, 0, 1, v2);
        feed.setFinal(2, 1, 1, v3);
    }
}
