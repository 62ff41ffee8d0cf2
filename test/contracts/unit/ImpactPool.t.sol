// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {PoolFixtures} from "../fixtures/PoolFixtures.sol";
import {Eip712} from "../utils/Eip712.sol";
import {ImpactPool} from "../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../contracts/pool/IImpactPool.sol";
import {IImpactPoolFactory} from "../../../contracts/pool/IImpactPoolFactory.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";
import {RepaymentLib} from "../../../contracts/pool/RepaymentLib.sol";

/// @dev Exposes RepaymentLib so reverts can be expected.
contract RepaymentHarness {
    function multiple(RepaymentLib.Curve memory c, uint256 compositeWad) external pure returns (uint256) {
        return RepaymentLib.multipleWad(c, compositeWad);
    }

    function validate(RepaymentLib.Curve memory c) external pure {
        RepaymentLib.validate(c);
    }
}

contract ImpactPoolTest is PoolFixtures {
    ImpactPool internal pool;
    address internal constant ALICE = address(0xB1);
    address internal constant BOB = address(0xB2);
    address internal constant PAYER = address(0xC1);
    address internal constant PAYER2 = address(0xC2);

    function setUp() public {
        _deploy();
        pool = _create(_terms());
    }

    /// @dev Raise met (Alice 600k, Bob 400k), payers 800k + 400k.
    function _funded() internal {
        _invest(pool, ALICE, 600_000e18);
        _invest(pool, BOB, 400_000e18);
        _commit(pool, PAYER, 800_000e18);
        _commit(pool, PAYER2, 400_000e18);
    }

    function _expectCreateRevert(IImpactPoolFactory.PoolTerms memory t, bytes memory err) internal {
        vm.expectRevert(err);
        factory.createPool(t);
    }

    /*//////////////////////////////////////////////////////////////
                                CREATION
    //////////////////////////////////////////////////////////////*/

    function test_Create_InitialisesCloneAndIndexes() public {
        assertTrue(keccak256(bytes(pool.name())) == keccak256("Education Impact Pool"), "name");
        assertTrue(keccak256(bytes(pool.symbol())) == keccak256("EDU-IP"), "symbol");
        assertEq(pool.factory(), address(factory), "factory");
        IImpactPool.Config memory c = pool.config();
        assertEq(address(c.token), address(token), "token");
        assertEq(address(c.feed), address(feed), "feed");
        assertEq(c.capitalTarget, TARGET, "target");
        assertEq(c.fundCap, FUND_CAP, "cap");
        assertEq(c.raiseDeadline, RAISE_DEADLINE, "raise");
        assertEq(c.settlementDeadline, SETTLEMENT_DEADLINE, "settle");
        assertEq(c.gracePeriod, GRACE, "grace");
        assertEq(c.repayment.principalAtWad, 0.6e18, "curve");
        assertEq(c.basketHash, keccak256(abi.encode(_basket())), "basket hash");
        assertEq(c.scheduleHash, keccak256(abi.encode(_schedule())), "schedule hash");
        assertTrue(pool.phase() == IImpactPool.Phase.Raising, "raising");

        ImpactPool second = _create(_terms());
        assertEq(factory.poolCount(), 2, "count");
        assertEq(factory.poolAt(1), address(second), "poolAt");
        assertEq(factory.missionPoolCount(1), 2, "mission 1 deduped");
        assertEq(factory.missionPoolCount(2), 2, "mission 2");
        assertEq(factory.missionPoolCount(3), 0, "mission 3");
        address[] memory page = factory.pools(1, 10);
        assertEq(page.length, 1, "page len");
        assertEq(page[0], address(second), "page");
        assertEq(factory.pools(5, 10).length, 0, "past end");
        assertEq(factory.missionPools(2, 0, 1)[0], address(pool), "mission page");
    }

    function test_Initialize_RevertWhen_NotFactoryOrTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.NotFactory.selector, address(this)));
        pool.initialize();
        vm.prank(address(factory));
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.NotFactory.selector, address(factory)));
        pool.initialize();
    }

    function test_Create_RevertWhen_Name() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.name = "";
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IImpactPoolFactory.InvalidName.selector, IImpactPoolFactory.TermField.Name, 0)
        );
        t = _terms();
        t.symbol = "0123456789012345678901234567890123";
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IImpactPoolFactory.InvalidName.selector, IImpactPoolFactory.TermField.Symbol, 34)
        );
    }

    function test_Create_RevertWhen_TokenHasNoCode() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.token = IERC20(address(0xdead));
        _expectCreateRevert(t, abi.encodeWithSelector(IImpactPoolFactory.InvalidToken.selector, address(0xdead)));
    }

    function test_Create_RevertWhen_ZeroAmounts() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.capitalTarget = 0;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(
                IImpactPoolFactory.ZeroAmountTerm.selector,
                IImpactPoolFactory.TermField.CapitalTarget
            )
        );
        t = _terms();
        t.fundCap = 0;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IImpactPoolFactory.ZeroAmountTerm.selector, IImpactPoolFactory.TermField.FundCap)
        );
    }

    function test_Create_RevertWhen_DeadlinesOutOfOrder() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.raiseDeadline = T0;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IImpactPoolFactory.DeadlineOrder.selector, T0, SETTLEMENT_DEADLINE, T0)
        );
        t = _terms();
        t.settlementDeadline = RAISE_DEADLINE;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IImpactPoolFactory.DeadlineOrder.selector, RAISE_DEADLINE, RAISE_DEADLINE, T0)
        );
    }

    function test_Create_RevertWhen_PrincipalPointAboveFull() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.repayment = RepaymentLib.Curve(0.3e18, 1e18 + 1, 0.2e18);
        _expectCreateRevert(t, abi.encodeWithSelector(RepaymentLib.PrincipalPointAboveFull.selector, 1e18 + 1));
    }

    function test_Create_RevertWhen_ThresholdAbovePrincipalPoint() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.repayment = RepaymentLib.Curve(0.7e18, 0.6e18, 0);
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(RepaymentLib.ThresholdAbovePrincipalPoint.selector, 0.7e18, 0.6e18)
        );
    }

    function test_Create_RevertWhen_BasketWeightsDoNotSum() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.basket[3].weightWad = 0.1e18;
        _expectCreateRevert(t, abi.encodeWithSelector(OutcomeLib.TermWeightSum.selector, 0.9e18));
    }

    function test_Create_RevertWhen_ProviderListHasDuplicates() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.schedule.providers[2] = NUTRITION;
        _expectCreateRevert(t, abi.encodeWithSelector(IImpactPoolFactory.DuplicateProvider.selector, 2, NUTRITION));
    }

    function test_Create_RevertWhen_ProviderCountOrZero() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.schedule.providers = new address[](0);
        _expectCreateRevert(t, abi.encodeWithSelector(IImpactPoolFactory.ProviderCount.selector, 0, 16));
        t = _terms();
        t.schedule.providers[1] = address(0);
        _expectCreateRevert(t, abi.encodeWithSelector(IImpactPoolFactory.ZeroProvider.selector, 1));
    }

    function test_Create_RevertWhen_Tranches() public {
        IImpactPoolFactory.PoolTerms memory t = _terms();
        t.schedule.tranches = new IImpactPool.Tranche[](0);
        _expectCreateRevert(t, abi.encodeWithSelector(IImpactPoolFactory.TrancheCount.selector, 0, 32));
        t = _terms();
        t.schedule.tranches[1].provider = 4;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(
                IImpactPoolFactory.InvalidTranche.selector,
                1,
                IImpactPoolFactory.TrancheField.Provider
            )
        );
        t = _terms();
        t.schedule.tranches[2].dueAt = SETTLEMENT_DEADLINE + 1;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(IImpactPoolFactory.InvalidTranche.selector, 2, IImpactPoolFactory.TrancheField.DueAt)
        );
        t = _terms();
        t.schedule.tranches[0].shareBps = 0;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(
                IImpactPoolFactory.InvalidTranche.selector,
                0,
                IImpactPoolFactory.TrancheField.ShareBps
            )
        );
        t = _terms();
        t.schedule.tranches[0].minValue = 5;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(
                IImpactPoolFactory.InvalidTranche.selector,
                0,
                IImpactPoolFactory.TrancheField.Milestone
            )
        );
        t = _terms();
        t.schedule.tranches[0].shareBps = 4001;
        _expectCreateRevert(t, abi.encodeWithSelector(IImpactPoolFactory.TrancheSharesSum.selector, 10_001));
    }

    /*//////////////////////////////////////////////////////////////
                                 RAISE
    //////////////////////////////////////////////////////////////*/

    function test_Invest_MintsSharesAndClampsToTarget() public {
        _invest(pool, ALICE, 600_000e18);
        assertEq(pool.balanceOf(ALICE), 600_000e18, "alice shares");
        _fund(BOB, 500_000e18, address(pool));
        vm.prank(BOB);
        uint256 shares = pool.invest(500_000e18);
        assertEq(shares, 400_000e18, "clamped");
        assertEq(token.balanceOf(BOB), 100_000e18, "bob keeps the rest");
        assertTrue(pool.phase() == IImpactPool.Phase.Funded, "funded");
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.RaiseFull.selector, TARGET));
        vm.prank(BOB);
        pool.invest(1);
    }

    function test_Invest_RevertWhen_ZeroAmount() public {
        vm.expectRevert(IImpactPool.ZeroAmount.selector);
        pool.invest(0);
    }

    function test_Invest_RevertWhen_AfterDeadline() public {
        _fund(ALICE, 1e18, address(pool));
        vm.warp(RAISE_DEADLINE + 1);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.RaiseClosed.selector, RAISE_DEADLINE));
        vm.prank(ALICE);
        pool.invest(1e18);
    }

    function test_Invest_FeeOnTransferMintsWhatArrived() public {
        token.setFeeBps(100);
        _invest(pool, ALICE, 100e18);
        assertEq(pool.balanceOf(ALICE), 99e18, "balance delta");
        token.setFeeBps(10_000);
        _fund(BOB, 1e18, address(pool));
        vm.expectRevert(IImpactPool.ZeroAmount.selector);
        vm.prank(BOB);
        pool.invest(1e18);
    }

    function test_Withdraw_AfterFailedRaise() public {
        _invest(pool, ALICE, 600_000e18);
        _commit(pool, PAYER, 1_000e18);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Raising));
        vm.prank(ALICE);
        pool.withdraw();
        vm.warp(RAISE_DEADLINE + 1);
        assertTrue(pool.phase() == IImpactPool.Phase.RaiseFailed, "failed");
        assertEq(pool.previewRefund(PAYER), 1_000e18, "preview refund");
        vm.prank(ALICE);
        pool.withdraw();
        assertEq(token.balanceOf(ALICE), 600_000e18, "capital back");
        assertEq(pool.totalSupply(), 0, "burned");
        vm.expectRevert(IImpactPool.ZeroAmount.selector);
        vm.prank(ALICE);
        pool.withdraw();
        vm.prank(PAYER);
        pool.refund();
        assertEq(token.balanceOf(PAYER), 1_000e18, "commit back");
        assertEq(token.balanceOf(address(pool)), 0, "empty");
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.RaiseFailed));
        pool.settle(abi.encode(_basket()));
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.RaiseFailed));
        pool.commit(1);
    }

    /*//////////////////////////////////////////////////////////////
                              OUTCOME FUND
    //////////////////////////////////////////////////////////////*/

    function test_Commit_ClampsToCapThenFull() public {
        _commit(pool, PAYER, 1_000_000e18);
        _fund(PAYER2, 500_000e18, address(pool));
        vm.prank(PAYER2);
        assertEq(pool.commit(500_000e18), 200_000e18, "clamped");
        assertEq(pool.commitmentOf(PAYER2), 200_000e18, "commitment");
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.FundFull.selector, FUND_CAP));
        vm.prank(PAYER2);
        pool.commit(1);
        vm.expectRevert(IImpactPool.ZeroAmount.selector);
        pool.commit(0);
    }

    function test_Refund_RevertWhen_NothingOrWrongPhase() public {
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Raising));
        pool.refund();
        assertEq(pool.previewRefund(PAYER), 0, "nothing yet");
        vm.warp(RAISE_DEADLINE + 1);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.NothingToRefund.selector, PAYER));
        vm.prank(PAYER);
        pool.refund();
    }

    /*//////////////////////////////////////////////////////////////
                              DISBURSEMENT
    //////////////////////////////////////////////////////////////*/

    function test_Disburse_PaysOnceWhenDue() public {
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Raising));
        pool.disburse(0, abi.encode(_schedule()));
        _funded();
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.TrancheNotDue.selector, 0, RAISE_DEADLINE));
        pool.disburse(0, abi.encode(_schedule()));
        vm.warp(RAISE_DEADLINE);
        assertEq(pool.disburse(0, abi.encode(_schedule())), 300_000e18, "30 %");
        assertEq(token.balanceOf(NUTRITION), 300_000e18, "provider paid");
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.TrancheAlreadyDisbursed.selector, 0));
        pool.disburse(0, abi.encode(_schedule()));
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.TrancheNotFound.selector, 4, 4));
        pool.disburse(4, abi.encode(_schedule()));
        IImpactPool.Schedule memory wrong = _schedule();
        wrong.tranches[1].shareBps = 9000;
        bytes32 expected = keccak256(abi.encode(_schedule()));
        vm.expectRevert(
            abi.encodeWithSelector(IImpactPool.TermsMismatch.selector, expected, keccak256(abi.encode(wrong)))
        );
        pool.disburse(1, abi.encode(wrong));
        assertEq(pool.state().disbursedTranches, 1, "bitmap");
    }

    function test_Disburse_MilestoneTranche() public {
        _funded();
        vm.warp(T0 + 180 days);
        vm.expectRevert(
            abi.encodeWithSelector(IImpactPool.MilestoneNotMet.selector, 3, IMetricFeed.SlotStatus.None, 0, 50)
        );
        pool.disburse(3, abi.encode(_schedule()));
        feed.setFinal(2, 1, 2, 49);
        vm.expectRevert(
            abi.encodeWithSelector(IImpactPool.MilestoneNotMet.selector, 3, IMetricFeed.SlotStatus.Final, 49, 50)
        );
        pool.disburse(3, abi.encode(_schedule()));
        feed.setFinal(2, 1, 2, 50);
        pool.disburse(3, abi.encode(_schedule()));
        assertEq(token.balanceOf(PARENTS), 100_000e18, "10 %");
    }

    /*//////////////////////////////////////////////////////////////
                               SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    function test_Settle_Guards() public {
        _funded();
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.SettlementNotOpen.selector, SETTLEMENT_DEADLINE));
        pool.settle(abi.encode(_basket()));
        vm.warp(SETTLEMENT_DEADLINE);
        OutcomeLib.OutcomeTerm[] memory wrong = _basket();
        wrong[0].weightWad = 0.31e18;
        vm.expectRevert(
            abi.encodeWithSelector(
                IImpactPool.TermsMismatch.selector,
                keccak256(abi.encode(_basket())),
                keccak256(abi.encode(wrong))
            )
        );
        pool.settle(abi.encode(wrong));
        feed.setFinal(1, 0, 1, 80);
        vm.warp(SETTLEMENT_DEADLINE + GRACE);
        vm.expectRevert(IImpactPool.OutcomePending.selector);
        pool.settle(abi.encode(_basket()));
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Funded));
        pool.redeem(1);
    }

    function test_Settle_OnceAndFullAchievement() public {
        _funded();
        vm.warp(T0 + 90 days);
        pool.disburse(0, abi.encode(_schedule()));
        pool.disburse(1, abi.encode(_schedule()));
        pool.disburse(2, abi.encode(_schedule()));
        vm.warp(SETTLEMENT_DEADLINE);
        _outcome(80, 90, 70, 200);
        pool.settle(abi.encode(_basket()));
        IImpactPool.State memory s = pool.state();
        assertTrue(s.phase == IImpactPool.Phase.Settled, "settled");
        assertEq(s.compositeWad, WAD, "composite");
        // disbursed 800k × 1.2 = 960k from the fund; investors get 200k undisbursed + 960k.
        assertEq(s.outcomePayment, 960_000e18, "payment");
        assertEq(s.investorPotRemaining, 1_160_000e18, "investor pot");
        assertEq(s.refundPotRemaining, 240_000e18, "refund pot");
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Settled));
        pool.settle(abi.encode(_basket()));
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Settled));
        pool.disburse(3, abi.encode(_schedule()));
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Settled));
        pool.commit(1);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Settled));
        pool.withdraw();

        assertEq(pool.previewRedeem(600_000e18), 696_000e18, "preview");
        vm.expectRevert(IImpactPool.ZeroAmount.selector);
        vm.prank(ALICE);
        pool.redeem(0);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, ALICE, 600_000e18, 600_000e18 + 1)
        );
        vm.prank(ALICE);
        pool.redeem(600_000e18 + 1);
        vm.prank(ALICE);
        assertEq(pool.redeem(600_000e18), 696_000e18, "alice");
        vm.prank(BOB);
        assertEq(pool.redeem(400_000e18), 464_000e18, "bob");
        assertEq(pool.previewRedeem(1), 0, "no supply");
        assertEq(pool.previewRefund(PAYER), 160_000e18, "preview refund");
        vm.prank(PAYER);
        assertEq(pool.refund(), 160_000e18, "payer");
        vm.prank(PAYER2);
        assertEq(pool.refund(), 80_000e18, "payer2");
        assertEq(token.balanceOf(address(pool)), 0, "empty");
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.NothingToRefund.selector, PAYER));
        vm.prank(PAYER);
        pool.refund();
    }

    function test_Settle_NoDataAfterGraceIsZeroAchievement() public {
        _funded();
        vm.warp(RAISE_DEADLINE);
        pool.disburse(0, abi.encode(_schedule()));
        vm.warp(SETTLEMENT_DEADLINE + GRACE + 1);
        pool.settle(abi.encode(_basket()));
        IImpactPool.State memory s = pool.state();
        assertEq(s.outcomePayment, 0, "no payment");
        assertEq(s.investorPotRemaining, 700_000e18, "undisbursed only");
        assertEq(s.refundPotRemaining, 1_200_000e18, "fund back");
    }

    function test_Settle_UnresolvedSlotIsNoData() public {
        _funded();
        vm.warp(SETTLEMENT_DEADLINE);
        _outcome(80, 90, 70, 200);
        feed.setSlot(2, 0, 1, IMetricFeed.SlotStatus.Unresolved, 0, 0);
        pool.settle(abi.encode(_basket()));
        assertEq(pool.state().refundPotRemaining, FUND_CAP, "refund all");
        assertEq(pool.state().investorPotRemaining, TARGET, "capital back");
    }

    function test_Redeem_LastRedeemerGetsDust() public {
        _invest(pool, ALICE, 333_333e18 + 1);
        _invest(pool, BOB, TARGET - 333_333e18 - 1);
        _commit(pool, PAYER, 7);
        vm.warp(RAISE_DEADLINE);
        pool.disburse(0, abi.encode(_schedule()));
        vm.warp(SETTLEMENT_DEADLINE);
        _outcome(100, 65, 50, 100); // 0.15 + 0.1 + 0.15 + 0.1 = 0.5 → multiple 2/3
        pool.settle(abi.encode(_basket()));
        // Fund of 7 wei caps the payment: investors get 700k + 7.
        uint256 pot = 700_000e18 + 7;
        assertEq(pool.state().investorPotRemaining, pot, "pot");
        vm.prank(BOB);
        pool.transfer(address(0xD1), 1);
        vm.prank(ALICE);
        uint256 a = pool.redeem(333_333e18 + 1);
        assertEq(a, (pot * (333_333e18 + 1)) / TARGET, "alice floor");
        vm.prank(BOB);
        uint256 b = pool.redeem(TARGET - 333_333e18 - 2);
        vm.prank(address(0xD1));
        uint256 d = pool.redeem(1);
        assertEq(a + b + d, pot, "all paid");
        assertEq(token.balanceOf(address(pool)), 0, "no dust stuck");
    }

    function test_Disburse_RevertWhen_Twice() public {
        _funded();
        vm.warp(RAISE_DEADLINE);
        pool.disburse(0, abi.encode(_schedule()));
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.TrancheAlreadyDisbursed.selector, 0));
        pool.disburse(0, abi.encode(_schedule()));
    }

    function test_Redeem_RevertWhen_BeforeSettlement() public {
        _invest(pool, ALICE, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IImpactPool.WrongState.selector, IImpactPool.Phase.Raising));
        vm.prank(ALICE);
        pool.redeem(1e18);
        assertEq(pool.previewRedeem(1e18), 0, "no preview before settlement");
    }

    function test_ZeroAmounts_Revert() public {
        vm.expectRevert(IImpactPool.ZeroAmount.selector);
        pool.invest(0);
        vm.expectRevert(IImpactPool.ZeroAmount.selector);
        pool.commit(0);
        _funded();
        vm.warp(SETTLEMENT_DEADLINE + GRACE + 1);
        pool.settle(abi.encode(_basket()));
        vm.expectRevert(IImpactPool.ZeroAmount.selector);
        pool.redeem(0);
    }

    function test_Factory_ReadOutcomeIsTheSharedRead() public {
        bytes memory basket = abi.encode(_basket());
        (OutcomeLib.Resolution r, uint256 composite) = factory.readOutcome(basket, 0, SETTLEMENT_DEADLINE);
        assertTrue(r == OutcomeLib.Resolution.Pending, "pending");
        _outcome(100, 65, 50, 50);
        (r, composite) = factory.readOutcome(basket, 0, SETTLEMENT_DEADLINE);
        assertTrue(r == OutcomeLib.Resolution.Achieved, "achieved");
        assertEq(composite, 0.45e18, "composite");
    }

    /*//////////////////////////////////////////////////////////////
                            SHARES AND PERMIT
    //////////////////////////////////////////////////////////////*/

    function test_Permit_BoundToEachClone() public {
        ImpactPool other = _create(_terms());
        assertTrue(pool.DOMAIN_SEPARATOR() != other.DOMAIN_SEPARATOR(), "distinct domains");
        uint256 pk = 0xA11CE;
        address owner = vm.addr(pk);
        bytes32 digest = Eip712.permitDigest(pool.DOMAIN_SEPARATOR(), owner, BOB, 5e18, 0, T0 + 1 days);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        // Replaying the signature on another pool recovers a different signer.
        vm.expectRevert();
        other.permit(owner, BOB, 5e18, T0 + 1 days, v, r, s);
        pool.permit(owner, BOB, 5e18, T0 + 1 days, v, r, s);
        assertEq(pool.allowance(owner, BOB), 5e18, "allowance");
        assertEq(other.allowance(owner, BOB), 0, "other untouched");
        assertEq(pool.nonces(owner), 1, "nonce");
        (, string memory domainName, , , address verifying, , ) = pool.eip712Domain();
        assertEq(verifying, address(pool), "verifying contract");
        assertTrue(keccak256(bytes(domainName)) == keccak256(bytes(pool.name())), "domain name = name()");
    }

    function test_Shares_TransferableMidLife() public {
        _funded();
        vm.prank(ALICE);
        pool.transfer(address(0xD1), 100_000e18);
        vm.warp(SETTLEMENT_DEADLINE + GRACE + 1);
        pool.settle(abi.encode(_basket()));
        vm.prank(address(0xD1));
        assertEq(pool.redeem(100_000e18), 100_000e18, "holder redeems");
    }

    /*//////////////////////////////////////////////////////////////
                             REPAYMENT CURVE
    //////////////////////////////////////////////////////////////*/

    function test_Repayment_CurvePoints() public {
        RepaymentHarness h = new RepaymentHarness();
        RepaymentLib.Curve memory c = RepaymentLib.Curve(0.3e18, 0.6e18, 0.2e18);
        assertEq(h.multiple(c, 0), 0, "zero");
        assertEq(h.multiple(c, 0.3e18 - 1), 0, "below threshold");
        assertEq(h.multiple(c, 0.3e18), 0, "at threshold");
        assertEq(h.multiple(c, 0.45e18), 0.5e18, "half way");
        assertEq(h.multiple(c, 0.6e18), 1e18, "principal");
        assertEq(h.multiple(c, 0.8e18), 1.1e18, "return half");
        assertEq(h.multiple(c, 1e18), 1.2e18, "full");
        // Inexact points round down, never up: the fraction of a wei stays with the outcome payers.
        assertEq(h.multiple(c, 0.4e18), 333_333_333_333_333_333, "a third of the way to principal, rounded down");
        RepaymentLib.Curve memory sevenths = RepaymentLib.Curve(0, 0.7e18, 0.1e18);
        assertEq(h.multiple(sevenths, 0.1e18), 142_857_142_857_142_857, "a seventh of principal, rounded down");
        assertEq(h.multiple(sevenths, 0.8e18), 1_033_333_333_333_333_333, "a third of the return, rounded down");
        RepaymentLib.Curve memory step = RepaymentLib.Curve(0.5e18, 0.5e18, 0);
        assertEq(h.multiple(step, 0.5e18), 1e18, "jump at principal");
        RepaymentLib.Curve memory atFull = RepaymentLib.Curve(0, 1e18, 0.1e18);
        assertEq(h.multiple(atFull, 0.5e18), 0.5e18, "linear to full");
        assertEq(h.multiple(atFull, 1e18), 1.1e18, "return at full only");
        vm.expectRevert(abi.encodeWithSelector(RepaymentLib.PrincipalPointAboveFull.selector, 2e18));
        h.validate(RepaymentLib.Curve(0, 2e18, 0));
    }

    function testFuzz_Repayment_Monotonic(uint64 th, uint64 pa, uint64 mr, uint256 x, uint256 y) public {
        RepaymentHarness h = new RepaymentHarness();
        pa = uint64(bound(pa, 0, WAD));
        th = uint64(bound(th, 0, pa));
        x = bound(x, 0, 2 * WAD);
        y = bound(y, x, 2 * WAD);
        RepaymentLib.Curve memory c = RepaymentLib.Curve(th, pa, mr);
        assertLe(h.multiple(c, x), h.multiple(c, y), "monotonic");
        assertLe(h.multiple(c, y), WAD + mr, "bounded");
    }
}
