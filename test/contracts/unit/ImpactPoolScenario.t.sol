// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PoolFixtures} from "../fixtures/PoolFixtures.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";

/// @dev The seed's education example run to settlement: one pool finances prenatal nutrition, breakfast clubs,
/// reading clubs and a parents' association (four providers), paid on a weighted basket of their four metrics across
/// two missions, with 3 outcome payers (600k / 400k / 200k) and 20 investors (50k each; shares change hands
/// mid-life). Every balance is checked to the wei for a high, a partial and a failed outcome.
contract ImpactPoolScenarioTest is PoolFixtures {
    ImpactPool internal pool;
    address[20] internal investors;
    address[3] internal payers;
    address internal constant NEWCOMER = address(0xE0);
    uint256[3] internal commits = [uint256(600_000e18), 400_000e18, 200_000e18];

    function setUp() public {
        _deploy();
        pool = _create(_terms());
        for (uint256 i; i < 20; ++i) investors[i] = address(uint160(0x5000 + i));
        for (uint256 i; i < 3; ++i) payers[i] = address(uint160(0x6000 + i));
    }

    /// @dev Raise, fund, trade shares, disburse the three dated tranches (and the milestone one when `milestone`
    /// reaches 50), then warp to `settleAt` and settle.
    function _run(uint64 milestone, bool reportMilestone, uint256 settleAt) internal {
        for (uint256 i; i < 20; ++i) _invest(pool, investors[i], 50_000e18);
        for (uint256 i; i < 3; ++i) _commit(pool, payers[i], commits[i]);
        assertEq(pool.totalSupply(), TARGET, "raised");
        assertTrue(pool.phase() == IImpactPool.Phase.Funded, "funded");

        vm.warp(RAISE_DEADLINE);
        pool.disburse(0, abi.encode(_schedule()));
        vm.prank(investors[0]);
        pool.transfer(investors[19], 20_000e18);
        vm.warp(T0 + 90 days);
        pool.disburse(1, abi.encode(_schedule()));
        pool.disburse(2, abi.encode(_schedule()));
        vm.prank(investors[5]);
        pool.transfer(NEWCOMER, 50_000e18);
        vm.warp(T0 + 180 days);
        if (reportMilestone) feed.setFinal(2, 1, 2, milestone);
        if (milestone >= 50) pool.disburse(3, abi.encode(_schedule()));

        vm.warp(settleAt);
        pool.settle(abi.encode(_basket()));
    }

    function _shares(uint256 i) internal pure returns (uint256) {
        if (i == 0) return 30_000e18;
        if (i == 19) return 70_000e18;
        if (i == 5) return 0;
        return 50_000e18;
    }

    /// @dev Everyone redeems / refunds; `perShare50k` is what 50k shares earn, `refunds` what each payer gets.
    function _payOutAndCheck(uint256 perShare50k, uint256[3] memory refunds, uint256 parents) internal {
        assertEq(token.balanceOf(NUTRITION), 300_000e18, "nutrition");
        assertEq(token.balanceOf(BREAKFAST), 250_000e18, "breakfast");
        assertEq(token.balanceOf(READING), 250_000e18, "reading");
        assertEq(token.balanceOf(PARENTS), parents, "parents");
        for (uint256 i; i < 20; ++i) {
            uint256 held = _shares(i);
            assertEq(pool.balanceOf(investors[i]), held, "shares");
            if (held == 0) continue;
            vm.prank(investors[i]);
            pool.redeem(held);
            assertEq(token.balanceOf(investors[i]), (perShare50k * held) / 50_000e18, "investor paid");
        }
        vm.prank(NEWCOMER);
        pool.redeem(50_000e18);
        assertEq(token.balanceOf(NEWCOMER), perShare50k, "newcomer paid");
        assertEq(token.balanceOf(investors[5]), 0, "seller holds nothing");
        for (uint256 i; i < 3; ++i) {
            vm.prank(payers[i]);
            pool.refund();
            assertEq(token.balanceOf(payers[i]), refunds[i], "payer refund");
        }
        assertEq(pool.totalSupply(), 0, "all shares burned");
        assertEq(token.balanceOf(address(pool)), 0, "pool empty");
        IImpactPool.State memory s = pool.state();
        assertEq(s.investorPotRemaining, 0, "investor pot drained");
        assertEq(s.refundPotRemaining, 0, "refund pot drained");
        assertEq(s.fundCommitted, 0, "commitments cleared");
    }

    /// @dev All four targets met: composite 100 % → multiple 1.2; 900k disbursed → 1.08M from the fund; investors'
    /// pot 100k + 1.08M = 1.18M (59k per 50k shares); payers get 120k back pro rata.
    function test_Scenario_HighOutcome() public {
        _outcome(80, 90, 70, 200);
        _run(120, true, SETTLEMENT_DEADLINE);
        IImpactPool.State memory s = pool.state();
        assertEq(s.compositeWad, 1e18, "composite");
        assertEq(s.disbursed, 900_000e18, "disbursed");
        assertEq(s.outcomePayment, 1_080_000e18, "payment");
        assertEq(s.investorPotRemaining, 1_180_000e18, "pot");
        assertEq(s.refundPotRemaining, 120_000e18, "refund pot");
        _payOutAndCheck(59_000e18, [uint256(60_000e18), 40_000e18, 20_000e18], 100_000e18);
    }

    /// @dev Half-way on three metrics, a quarter on the fourth: composite 45 % → multiple 0.5; the parents'
    /// milestone (30 < 50) is missed so 800k was disbursed → 400k from the fund; investors' pot 200k + 400k
    /// (30k per 50k shares); the 800k refund pot splits 400k / 266,666.67 / 133,333.33 with the last payer taking
    /// the rounding wei.
    function test_Scenario_PartialOutcome() public {
        _outcome(100, 65, 50, 50);
        _run(30, true, SETTLEMENT_DEADLINE);
        IImpactPool.State memory s = pool.state();
        assertEq(s.compositeWad, 0.45e18, "composite");
        assertEq(s.disbursed, 800_000e18, "disbursed");
        assertEq(s.outcomePayment, 400_000e18, "payment");
        assertEq(s.investorPotRemaining, 600_000e18, "pot");
        assertEq(s.refundPotRemaining, 800_000e18, "refund pot");
        _payOutAndCheck(30_000e18, [uint256(400_000e18), 266_666_666666666666666666, 133_333_333333333333333334], 0);
    }

    /// @dev The oracle stays silent past deadline + grace: no data settles as zero achievement; nothing is paid from
    /// the fund, investors share the 200k never disbursed (10k per 50k shares), payers get everything back.
    function test_Scenario_FailedOutcome() public {
        _run(0, false, SETTLEMENT_DEADLINE + GRACE + 1);
        IImpactPool.State memory s = pool.state();
        assertEq(s.compositeWad, 0, "composite");
        assertEq(s.outcomePayment, 0, "payment");
        assertEq(s.investorPotRemaining, 200_000e18, "pot");
        assertEq(s.refundPotRemaining, FUND_CAP, "refund pot");
        _payOutAndCheck(10_000e18, [uint256(600_000e18), 400_000e18, 200_000e18], 0);
    }
}
