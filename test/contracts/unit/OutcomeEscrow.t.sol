// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EscrowFixture} from "../fixtures/EscrowFixture.sol";
import {Eip712} from "../utils/Eip712.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "../../../contracts/escrow/IOutcomeEscrow.sol";
import {IOutcomeTermChecks} from "../../../contracts/outcomes/IOutcomeTermChecks.sol";
import {OutcomeEscrow} from "../../../contracts/escrow/OutcomeEscrow.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";
import {PayoutCurves} from "../../../contracts/outcomes/PayoutCurves.sol";
import {MockERC20} from "../../mocks/tokens/MockERC20.sol";
import {WeirdERC20} from "../../mocks/tokens/WeirdERC20.sol";
import {IEscrowPayouts} from "../../../contracts/escrow/IEscrowPayouts.sol";
import {IEscrowFactory} from "../../../contracts/escrow/IEscrowFactory.sol";

contract OutcomeEscrowTest is EscrowFixture {
    MockERC20 internal token;
    IOutcomeEscrow internal escrow;
    address internal constant BEN1 = address(0xB1);
    address internal constant BEN2 = address(0xB2);
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    function setUp() public {
        _setUpFixture();
        token = new MockERC20("Dollar", "USD", 18);
        escrow = _create(_default());
    }

    function _default() internal view returns (IOutcomeEscrow.Terms memory) {
        return _terms(IERC20(address(token)), _two(BEN1, BEN2), _weights(1, 3));
    }

    function _create(IOutcomeEscrow.Terms memory t) internal returns (IOutcomeEscrow) {
        return IOutcomeEscrow(factory.createEscrow(t));
    }

    function _fund(IOutcomeEscrow e, MockERC20 tok, address funder, uint256 amount) internal {
        tok.mint(funder, amount);
        vm.startPrank(funder);
        tok.approve(address(e), amount);
        e.deposit(amount);
        vm.stopPrank();
    }

    function _weird(WeirdERC20.Mode mode) internal returns (WeirdERC20 t) {
        t = new WeirdERC20("Weird", "WRD", 18);
        t.setMode(mode);
    }

    function _expectCreateRevert(IOutcomeEscrow.Terms memory t, bytes memory err) internal {
        vm.expectRevert(err);
        factory.createEscrow(t);
    }

    /*//////////////////////////////////////////////////////////////
                                CREATION
    //////////////////////////////////////////////////////////////*/

    function test_Create_IndexesAndStoresTerms() public {
        IOutcomeEscrow.Terms memory t = _default();
        t.minFunding = 5e18;
        t.outcomes = new OutcomeLib.OutcomeTerm[](4);
        t.outcomes[0] = _linearTerm(0, 0.25e18);
        t.outcomes[1] = _linearTerm(0, 0.25e18);
        t.outcomes[1].period = 2;
        t.outcomes[1].curve = PayoutCurves.Curve(
            PayoutCurves.Kind.ThresholdLinear,
            false,
            100,
            200,
            150,
            0.8e18,
            _noSteps(),
            _noSteps()
        );
        t.outcomes[2] = _linearTerm(1, 0.25e18);
        uint64[] memory v = new uint64[](2);
        uint64[] memory r = new uint64[](2);
        (v[0], v[1], r[0], r[1]) = (40, 25, 0.5e18, 1e18);
        t.outcomes[2].curve = PayoutCurves.Curve(PayoutCurves.Kind.Stepped, true, 0, 0, 0, 0, v, r);
        t.outcomes[3] = _linearTerm(1, 0.25e18);
        t.outcomes[3].curve = PayoutCurves.Curve(PayoutCurves.Kind.Binary, true, 0, 0, 30, 0, _noSteps(), _noSteps());
        t.settlementDeadline = uint40(T0 + 50 days); // period 2 reports until T0 + 57 days: cut-off at or after it
        IOutcomeEscrow e = _create(t);
        assertEq(keccak256(abi.encode(e.terms())), keccak256(abi.encode(t)), "terms round-trip");
        assertEq(factory.missionEscrowCount(MISSION), 2, "count of mission");
        assertEq(factory.escrowCount(), 2, "count");
        assertEq(factory.missionEscrows(MISSION, 0, 2)[1], address(e), "missionEscrows");
        assertEq(factory.escrows(0, 2)[0], address(escrow), "escrows");
        assertEq(address(factory.registry()), address(registry), "registry");
        assertEq(address(factory.feed()), address(feed), "feed");
        assertEq(address(OutcomeEscrow(factory.implementation()).FEED()), address(feed), "impl feed");
    }

    function test_Create_RevertWhen_TermsInvalid() public {
        IOutcomeEscrow.Terms memory t = _default();
        t.token = IERC20(address(0));
        _expectCreateRevert(t, abi.encodeWithSelector(IEscrowFactory.ZeroToken.selector));
        t = _default();
        t.fundingDeadline = uint40(T0 - 1);
        _expectCreateRevert(t, abi.encodeWithSelector(IEscrowFactory.FundingDeadlinePassed.selector, T0 - 1, T0));
        t = _default();
        t.settlementDeadline = FUNDING_DEADLINE - 1;
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(
                IEscrowFactory.SettlementBeforeFunding.selector,
                FUNDING_DEADLINE - 1,
                FUNDING_DEADLINE
            )
        );
        t = _default();
        t.missionId = 7;
        _expectCreateRevert(t, abi.encodeWithSelector(IMissionRegistry.MissionNotFound.selector, 7));
        registry.setMission(7, IMissionRegistry.MissionStatus.Draft);
        _expectCreateRevert(
            t,
            abi.encodeWithSelector(
                IOutcomeTermChecks.MissionNotActive.selector,
                7,
                IMissionRegistry.MissionStatus.Draft
            )
        );
        t = _default();
        t.outcomes[0].missionId = 2;
        _expectCreateRevert(t, abi.encodeWithSelector(IEscrowFactory.TermMissionMismatch.selector, 0, 2));
        t = _default();
        t.outcomes[0].goalId = 2;
        t.outcomes[0].curve.baseline = 0;
        t.outcomes[0].curve.target = 10;
        _expectCreateRevert(t, abi.encodeWithSelector(IOutcomeTermChecks.GoalNotInVersion.selector, 0, 2, 2, 1));
        t.outcomes[0].goalId = 9;
        _expectCreateRevert(t, abi.encodeWithSelector(IMissionRegistry.GoalNotFound.selector, MISSION, 9));
        t = _default();
        t.outcomes[0].period = 0;
        _expectCreateRevert(t, abi.encodeWithSelector(IOutcomeTermChecks.TermPeriodOutOfRange.selector, 0, 0, 2));
        t.outcomes[0].period = 3;
        _expectCreateRevert(t, abi.encodeWithSelector(IOutcomeTermChecks.TermPeriodOutOfRange.selector, 0, 3, 2));
        t = _default();
        t.outcomes[0].goalId = 1; // goal 1 falls, the curve rises
        _expectCreateRevert(t, abi.encodeWithSelector(IOutcomeTermChecks.CurveDirectionMismatch.selector, 0, false));
        t = _default();
        t.outcomes[0].weightWad = 1;
        _expectCreateRevert(t, abi.encodeWithSelector(OutcomeLib.TermWeightSum.selector, 1));
    }

    function test_Create_RevertWhen_BeneficiariesInvalid() public {
        IOutcomeEscrow.Terms memory t = _default();
        t.beneficiaries = new IOutcomeEscrow.Beneficiary[](0);
        _expectCreateRevert(t, abi.encodeWithSelector(IEscrowFactory.BeneficiaryCount.selector, 0, 32));
        t.beneficiaries = new IOutcomeEscrow.Beneficiary[](33);
        _expectCreateRevert(t, abi.encodeWithSelector(IEscrowFactory.BeneficiaryCount.selector, 33, 32));
        t = _default();
        t.beneficiaries[1].account = address(0);
        _expectCreateRevert(t, abi.encodeWithSelector(IEscrowFactory.ZeroBeneficiary.selector, 1));
        t = _default();
        t.beneficiaries[1].weight = 0;
        _expectCreateRevert(t, abi.encodeWithSelector(IEscrowFactory.ZeroBeneficiaryWeight.selector, 1));
        t = _default();
        t.beneficiaries[1].account = BEN1;
        _expectCreateRevert(t, abi.encodeWithSelector(IEscrowFactory.DuplicateBeneficiary.selector, BEN1));
    }

    function test_Implementation_RevertWhen_CalledDirectly() public {
        IOutcomeEscrow impl = IOutcomeEscrow(factory.implementation());
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NotAClone.selector));
        impl.deposit(1);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NotAClone.selector));
        impl.terms();
    }

    /*//////////////////////////////////////////////////////////////
                                DEPOSITS
    //////////////////////////////////////////////////////////////*/

    function test_Deposit_AtFundingDeadlineBoundaries() public {
        vm.warp(FUNDING_DEADLINE - 1);
        _fund(escrow, token, ALICE, 1e18);
        vm.warp(FUNDING_DEADLINE);
        _fund(escrow, token, ALICE, 2e18); // exactly at the deadline: accepted
        assertEq(escrow.depositOf(ALICE), 3e18, "credited");
        vm.warp(FUNDING_DEADLINE + 1);
        token.mint(ALICE, 1e18);
        vm.startPrank(ALICE);
        token.approve(address(escrow), 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IOutcomeEscrow.FundingClosed.selector, FUNDING_DEADLINE, FUNDING_DEADLINE + 1)
        );
        escrow.deposit(1e18);
        vm.stopPrank();
    }

    function test_Deposit_RevertWhen_ZeroOrZeroFunder() public {
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.ZeroDeposit.selector));
        escrow.deposit(0);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.ZeroFunder.selector));
        escrow.depositFor(address(0), 1);
    }

    function test_DepositFor_CreditsFunder() public {
        token.mint(address(this), 5e18);
        token.approve(address(escrow), 5e18);
        assertEq(escrow.depositFor(BOB, 5e18), 5e18, "credited");
        assertEq(escrow.depositOf(BOB), 5e18, "bob");
        assertEq(escrow.depositOf(address(this)), 0, "payer");
    }

    function test_DepositWithPermit_AndFrontRunPermit() public {
        uint256 key = 0xA11;
        address owner = vm.addr(key);
        token.mint(owner, 10e18);
        bytes32 digest = Eip712.permitDigest(token.DOMAIN_SEPARATOR(), owner, address(escrow), 4e18, 0, T0 + 1 days);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        // A permit for a second deposit goes through depositWithPermit itself.
        uint256 key2 = 0xB22;
        address owner2 = vm.addr(key2);
        token.mint(owner2, 1e18);
        bytes32 digest2 = Eip712.permitDigest(token.DOMAIN_SEPARATOR(), owner2, address(escrow), 1e18, 0, T0 + 1 days);
        (uint8 v2, bytes32 r2, bytes32 s2) = vm.sign(key2, digest2);
        vm.prank(owner2);
        escrow.depositWithPermit(1e18, T0 + 1 days, v2, r2, s2);
        assertEq(escrow.depositOf(owner2), 1e18, "permit deposit");
        // Front-run: someone submits the permit first; the deposit still goes through on the allowance.
        token.permit(owner, address(escrow), 4e18, T0 + 1 days, v, r, s);
        vm.prank(owner);
        assertEq(escrow.depositWithPermit(4e18, T0 + 1 days, v, r, s), 4e18, "deposited");
        assertEq(escrow.depositOf(owner), 4e18, "credited");
    }

    /*//////////////////////////////////////////////////////////////
                               SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    function test_Settle_RevertWhen_NotFinal_UntilDeadlinePlusGrace() public {
        _fund(escrow, token, ALICE, 10e18);
        uint256 noDataAfter = uint256(SETTLEMENT_DEADLINE) + GRACE;
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.OutcomePending.selector, noDataAfter, T0));
        escrow.settle();
        feed.setSlot(MISSION, 0, 1, IMetricFeed.SlotStatus.Collecting, 150, 0);
        vm.warp(noDataAfter);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.OutcomePending.selector, noDataAfter, noDataAfter));
        escrow.settle();
        // Issue 11: a proposed or disputed value can still change; it never reads as NoData, even past the cut-off.
        feed.setSlot(MISSION, 0, 1, IMetricFeed.SlotStatus.Proposed, 150, 0);
        vm.warp(noDataAfter + 1);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.OutcomePending.selector, noDataAfter, noDataAfter + 1));
        escrow.settle();
        feed.setSlot(MISSION, 0, 1, IMetricFeed.SlotStatus.Disputed, 150, 0);
        vm.warp(noDataAfter + 365 days);
        vm.expectRevert(
            abi.encodeWithSelector(IOutcomeEscrow.OutcomePending.selector, noDataAfter, noDataAfter + 365 days)
        );
        escrow.settle();
        assertEq(escrow.refundable(ALICE), 0, "no money moved");
        // Silence (nothing proposed) past the cut-off is no data.
        feed.setSlot(MISSION, 0, 1, IMetricFeed.SlotStatus.Collecting, 0, 0);
        vm.expectEmit(address(escrow));
        emit IOutcomeEscrow.Settled(IOutcomeEscrow.Status.Refunding, IOutcomeEscrow.SettleReason.NoData, 0, 0, 10e18);
        assertEq(uint256(escrow.settle()), uint256(IOutcomeEscrow.Status.Refunding), "refunding");
        assertEq(escrow.refundable(ALICE), 10e18, "full refund");
    }

    function test_Settle_Achieved_SplitsPots() public {
        _fund(escrow, token, ALICE, 3e18);
        _fund(escrow, token, BOB, 1e18);
        assertEq(escrow.claimable(BEN1), 0, "nothing while open");
        assertEq(escrow.refundable(ALICE), 0, "nothing while open");
        feed.setFinal(MISSION, 0, 1, 175); // 75 %
        assertEq(uint256(escrow.settle()), uint256(IOutcomeEscrow.Status.Achieved), "achieved");
        (uint256 total, uint256 pot, uint256 refundPot, uint256 comp) = escrow.totals();
        assertEq(total, 4e18, "total");
        assertEq(pot, 3e18, "pot");
        assertEq(refundPot, 1e18, "refund pot");
        assertEq(comp, 0.75e18, "composite");
        assertEq(escrow.claimable(BEN2), 2.25e18, "ben2 3/4");
        vm.prank(BEN1);
        assertEq(escrow.claim(), 0.75e18, "ben1 1/4");
        assertEq(escrow.claimFor(BEN2), 2.25e18, "claimFor pays ben2");
        assertEq(token.balanceOf(BEN2), 2.25e18, "ben2 paid");
        vm.prank(ALICE);
        assertEq(escrow.refund(), 0.75e18, "alice 3/4 of refund pot");
        assertEq(escrow.refundFor(BOB), 0.25e18, "bob");
        assertEq(token.balanceOf(address(escrow)), 0, "emptied");
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NothingToClaim.selector, BEN1));
        escrow.claimFor(BEN1);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NothingToRefund.selector, ALICE));
        escrow.refundFor(ALICE);
        assertEq(escrow.claimable(BEN1), 0, "claimed");
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.WrongState.selector, IOutcomeEscrow.Status.Achieved));
        escrow.settle();
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.WrongState.selector, IOutcomeEscrow.Status.Achieved));
        escrow.deposit(1);
    }

    function test_Settle_Unresolved_RefundsAll() public {
        _fund(escrow, token, ALICE, 1e18);
        feed.setSlot(MISSION, 0, 1, IMetricFeed.SlotStatus.Unresolved, 0, 0);
        escrow.settle();
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NothingToClaim.selector, BEN1));
        escrow.claimFor(BEN1);
        assertEq(escrow.refundFor(ALICE), 1e18, "full refund");
    }

    function test_Settle_FullAchievement_NothingToRefund() public {
        _fund(escrow, token, ALICE, 1e18);
        feed.setFinal(MISSION, 0, 1, 250);
        escrow.settle();
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NothingToRefund.selector, ALICE));
        escrow.refundFor(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NothingToClaim.selector, ALICE));
        escrow.claimFor(ALICE);
    }

    /// @dev Issue 11: an underfunded escrow waits for the funding deadline even when the outcome is already final
    /// (a mock feed can do that; the factory keeps the real oracle from it), then refunds in full.
    function test_Settle_Underfunded_WaitsForFundingDeadline() public {
        IOutcomeEscrow.Terms memory t = _default();
        t.minFunding = 10e18;
        IOutcomeEscrow e = _create(t);
        _fund(e, token, ALICE, 4e18);
        IOutcomeEscrow e2 = _create(t);
        _fund(e2, token, BOB, 4e18);
        feed.setFinal(MISSION, 0, 1, 200);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.FundingOpen.selector, FUNDING_DEADLINE, T0));
        e2.settle();
        // Still open: a top-up reaches the minimum and the escrow settles on the outcome.
        _fund(e2, token, BOB, 6e18);
        assertEq(uint256(e2.settle()), uint256(IOutcomeEscrow.Status.Achieved), "minimum met: achieved");
        feed.setSlot(MISSION, 0, 1, IMetricFeed.SlotStatus.Proposed, 0, 0);
        vm.warp(FUNDING_DEADLINE);
        vm.expectRevert(
            abi.encodeWithSelector(IOutcomeEscrow.FundingOpen.selector, FUNDING_DEADLINE, FUNDING_DEADLINE)
        );
        e.settle();
        // After the funding deadline: refund at once, without waiting for the oracle.
        vm.warp(FUNDING_DEADLINE + 1);
        vm.expectEmit(address(e));
        emit IOutcomeEscrow.Settled(
            IOutcomeEscrow.Status.Refunding,
            IOutcomeEscrow.SettleReason.Underfunded,
            0,
            0,
            4e18
        );
        e.settle();
        assertEq(e.refundFor(ALICE), 4e18, "refund");
        assertEq(e2.claimFor(BEN2), 7.5e18, "beneficiary paid on the outcome");
    }

    function test_ClaimRefund_RevertWhen_Open() public {
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.WrongState.selector, IOutcomeEscrow.Status.Open));
        escrow.claim();
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.WrongState.selector, IOutcomeEscrow.Status.Open));
        escrow.refund();
        assertEq(uint256(escrow.status()), 0, "open");
    }

    /// @dev 3 funders, 3 equal beneficiaries, composite 1/3: every wei accounted for, dust ≤ 6 wei and stays put.
    function test_Dust_BoundedAndStaysInEscrow() public {
        address[] memory b = new address[](3);
        (b[0], b[1], b[2]) = (BEN1, BEN2, address(0xB3));
        uint96[] memory w = new uint96[](3);
        (w[0], w[1], w[2]) = (1, 1, 1);
        IOutcomeEscrow.Terms memory t = _terms(IERC20(address(token)), b, w);
        t.outcomes[0].curve.target = 400; // 100 → 400: a value of 200 is 1/3
        IOutcomeEscrow e = _create(t);
        _fund(e, token, ALICE, 1000);
        _fund(e, token, BOB, 1001);
        _fund(e, token, address(0xCA), 7);
        feed.setFinal(MISSION, 0, 1, 200);
        e.settle();
        uint256 paid;
        for (uint256 i; i < 3; ++i) paid += e.claimFor(b[i]);
        paid += e.refundFor(ALICE) + e.refundFor(BOB) + e.refundFor(address(0xCA));
        uint256 dust = token.balanceOf(address(e));
        assertEq(paid + dust, 2008, "conservation");
        assertLe(dust, 6, "dust <= #beneficiaries + #funders");
        assertTrue(dust > 0, "this case has dust");
    }

    /// @dev Random funders, weights and achievement: everything paid out plus the dust equals what was deposited,
    /// and the dust is at most #beneficiaries + #funders wei.
    function testFuzz_Dust_Bound(uint256 seed, uint64 value, uint8 nFunders, uint8 nBeneficiaries) public {
        uint256 nf = bound(nFunders, 1, 12);
        uint256 nb = bound(nBeneficiaries, 1, 8);
        address[] memory b = new address[](nb);
        uint96[] memory w = new uint96[](nb);
        for (uint256 i; i < nb; ++i) {
            b[i] = address(uint160(0xBE00 + i));
            w[i] = uint96(bound(uint256(keccak256(abi.encode(seed, "w", i))), 1, 1e24));
        }
        IOutcomeEscrow e = _create(_terms(IERC20(address(token)), b, w));
        uint256 deposited;
        for (uint256 i; i < nf; ++i) {
            uint256 amount = bound(uint256(keccak256(abi.encode(seed, "d", i))), 1, 1e27);
            _fund(e, token, address(uint160(0xF000 + i)), amount);
            deposited += amount;
        }
        feed.setFinal(MISSION, 0, 1, uint64(bound(value, 0, 300)));
        e.settle();
        uint256 paid;
        for (uint256 i; i < nb; ++i) {
            uint256 due = e.claimable(b[i]);
            if (due > 0) paid += e.claimFor(b[i]);
        }
        for (uint256 i; i < nf; ++i) {
            uint256 due = e.refundable(address(uint160(0xF000 + i)));
            if (due > 0) paid += e.refundFor(address(uint160(0xF000 + i)));
        }
        uint256 dust = token.balanceOf(address(e));
        assertEq(paid + dust, deposited, "conservation");
        assertLe(dust, nb + nf, "dust bound");
    }

    /*//////////////////////////////////////////////////////////////
                              WEIRD TOKENS
    //////////////////////////////////////////////////////////////*/

    function test_FeeOnTransfer_CreditsWhatArrived() public {
        WeirdERC20 fee = _weird(WeirdERC20.Mode.Standard);
        fee.setFeeBps(100); // 1 %
        IOutcomeEscrow e = _create(_terms(IERC20(address(fee)), _two(BEN1, BEN2), _weights(1, 1)));
        fee.mint(ALICE, 100e18);
        vm.startPrank(ALICE);
        fee.approve(address(e), 100e18);
        assertEq(e.deposit(100e18), 99e18, "credited after fee");
        vm.stopPrank();
        feed.setFinal(MISSION, 0, 1, 150);
        e.settle();
        assertEq(e.claimFor(BEN1), 24.75e18, "quarter of credited");
        assertEq(e.claimFor(BEN2), 24.75e18, "quarter of credited");
        assertEq(e.refundFor(ALICE), 49.5e18, "half of credited");
        assertEq(fee.balanceOf(address(e)), 0, "solvent and emptied");
    }

    function test_Deposit_CreditsTokensSentByPlainTransferBefore() public {
        token.mint(BOB, 5e18);
        vm.prank(BOB);
        assertTrue(token.transfer(address(escrow), 5e18), "plain transfer");
        token.mint(ALICE, 100e18);
        vm.startPrank(ALICE);
        token.approve(address(escrow), 100e18);
        assertEq(escrow.deposit(100e18), 105e18, "the next deposit absorbs the stray tokens");
        vm.stopPrank();
        assertEq(escrow.depositOf(ALICE), 105e18, "credited to the depositor");
        (uint256 total, , , ) = escrow.totals();
        assertEq(total, token.balanceOf(address(escrow)), "nothing stranded");
    }

    function test_Deposit_RevertWhen_NothingArrives() public {
        WeirdERC20 all = _weird(WeirdERC20.Mode.Standard);
        all.setFeeBps(10_000); // the whole transfer is burned
        IOutcomeEscrow e = _create(_terms(IERC20(address(all)), _two(BEN1, BEN2), _weights(1, 1)));
        all.mint(ALICE, 100);
        vm.startPrank(ALICE);
        all.approve(address(e), 100);
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.ZeroDeposit.selector));
        e.deposit(100);
        vm.stopPrank();
    }

    function test_NoReturnToken_Works() public {
        WeirdERC20 nr = _weird(WeirdERC20.Mode.Standard);
        IOutcomeEscrow e = _create(_terms(IERC20(address(nr)), _two(BEN1, BEN2), _weights(1, 1)));
        nr.mint(ALICE, 10);
        vm.prank(ALICE);
        nr.approve(address(e), 10);
        nr.setMode(WeirdERC20.Mode.NoReturn); // from here transfer and transferFrom return no data
        vm.startPrank(ALICE);
        e.deposit(10);
        vm.stopPrank();
        feed.setFinal(MISSION, 0, 1, 100);
        e.settle();
        assertEq(e.refundFor(ALICE), 10, "refund");
        assertEq(nr.balanceOf(ALICE), 10, "received");
    }

    function test_ReturnsFalseToken_Reverts() public {
        WeirdERC20 rf = _weird(WeirdERC20.Mode.ReturnsFalse);
        IOutcomeEscrow e = _create(_terms(IERC20(address(rf)), _two(BEN1, BEN2), _weights(1, 1)));
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(rf)));
        e.deposit(10); // no balance, no allowance: the token returns false
        rf.mint(ALICE, 10);
        vm.startPrank(ALICE);
        rf.approve(address(e), 10);
        e.deposit(10);
        vm.stopPrank();
        assertEq(e.depositOf(ALICE), 10, "credited");
    }

    function test_ReentrantToken_HookCannotReenter() public {
        WeirdERC20 rt = _weird(WeirdERC20.Mode.Standard);
        IOutcomeEscrow e = _create(_terms(IERC20(address(rt)), _two(BEN1, BEN2), _weights(1, 1)));
        rt.mint(ALICE, 10e18);
        vm.prank(ALICE);
        rt.approve(address(e), 10e18);
        bytes memory guardErr = abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        rt.setHook(address(e), abi.encodeCall(IOutcomeEscrow.deposit, (1)));
        vm.prank(ALICE);
        e.deposit(5e18);
        assertTrue(!rt.reentered(), "deposit re-entry refused");
        assertEq(keccak256(rt.lastRevert()), keccak256(guardErr), "by the guard");
        feed.setFinal(MISSION, 0, 1, 150);
        e.settle();
        rt.setHook(address(e), abi.encodeCall(IEscrowPayouts.claimFor, (BEN2)));
        e.claimFor(BEN1);
        assertTrue(!rt.reentered(), "claim re-entry refused");
        assertEq(keccak256(rt.lastRevert()), keccak256(guardErr), "by the guard");
        rt.setHook(address(e), abi.encodeCall(IEscrowPayouts.refundFor, (ALICE)));
        e.refundFor(ALICE);
        assertTrue(!rt.reentered(), "refund re-entry refused");
        assertEq(e.claimFor(BEN2), 1.25e18, "ben2 intact");
        assertEq(rt.balanceOf(address(e)), 0, "exact");
    }

    function test_Blocklisted_BeneficiaryDoesNotBlockOthers() public {
        WeirdERC20 bt = _weird(WeirdERC20.Mode.Standard);
        IOutcomeEscrow e = _create(_terms(IERC20(address(bt)), _two(BEN1, BEN2), _weights(1, 1)));
        bt.mint(ALICE, 8e18);
        vm.startPrank(ALICE);
        bt.approve(address(e), 8e18);
        e.deposit(8e18);
        vm.stopPrank();
        feed.setFinal(MISSION, 0, 1, 150);
        e.settle();
        bt.setBlocked(BEN1, true);
        vm.expectRevert(abi.encodeWithSelector(WeirdERC20.Blocked.selector, BEN1));
        e.claimFor(BEN1);
        assertEq(e.claimFor(BEN2), 2e18, "ben2 paid");
        assertEq(e.refundFor(ALICE), 4e18, "alice refunded");
        bt.setBlocked(BEN1, false);
        assertEq(e.claimFor(BEN1), 2e18, "ben1 paid once unblocked");
    }

    function test_SixDecimals_AndOverflowGuard() public {
        MockERC20 usdc = new MockERC20("USD Coin", "USDC", 6);
        IOutcomeEscrow e = _create(_terms(IERC20(address(usdc)), _two(BEN1, BEN2), _weights(1, 1)));
        _fund(e, usdc, ALICE, 1_000_000e6 + 1);
        feed.setFinal(MISSION, 0, 1, 133);
        e.settle();
        (, uint256 pot, , ) = e.totals();
        assertEq(pot, (uint256(1_000_000e6 + 1) * 0.33e18) / 1e18, "pot rounded down");
        usdc.mint(BOB, type(uint128).max);
        IOutcomeEscrow e2 = _create(_terms(IERC20(address(usdc)), _two(BEN1, BEN2), _weights(1, 1)));
        _fund(e2, usdc, ALICE, 1);
        vm.startPrank(BOB);
        usdc.approve(address(e2), type(uint128).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                SafeCast.SafeCastOverflowedUintDowncast.selector,
                128,
                uint256(type(uint128).max) + 1
            )
        );
        e2.deposit(type(uint128).max);
        vm.stopPrank();
    }
}
