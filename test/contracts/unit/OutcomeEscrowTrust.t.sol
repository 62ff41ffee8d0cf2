// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LibClone} from "solady/src/utils/LibClone.sol";
import {EscrowFixture} from "../fixtures/EscrowFixture.sol";
import {IOutcomeEscrow} from "../../../contracts/escrow/IOutcomeEscrow.sol";
import {MockERC20} from "../../mocks/tokens/MockERC20.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";
import {IOutcomeTermChecks} from "../../../contracts/outcomes/IOutcomeTermChecks.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {OutcomeEscrowFactory} from "../../../contracts/escrow/OutcomeEscrowFactory.sol";
import {VersionedMetricFeed} from "../fixtures/VersionedMetricFeed.sol";
import {IEscrowFactory} from "../../../contracts/escrow/IEscrowFactory.sol";

/// @notice Issue 11 (escrow side): funding closes before an outcome can be known, and only the factory's own
/// initialised clones take money.
contract OutcomeEscrowTrustTest is EscrowFixture {
    MockERC20 internal token;
    address internal constant BEN = address(0xB1);
    address internal constant ALICE = address(0xA11CE);

    function setUp() public {
        _setUpFixture();
        token = new MockERC20("Dollar", "USD", 18);
    }

    function _default() internal view returns (IOutcomeEscrow.Terms memory t) {
        address[] memory b = new address[](1);
        b[0] = BEN;
        uint96[] memory w = new uint96[](1);
        w[0] = 1;
        t = _terms(IERC20(address(token)), b, w);
    }

    /// @dev Goal 0's period 1 ends at T0 + 20 days: no report (so no final value) before. A funding deadline after
    /// it would let funders top up, or an underfunded escrow settle, once the outcome is known.
    function test_Create_RevertWhen_FundingDeadlineAfterFirstPeriodEnd() public {
        uint256 periodEnd = T0 + 20 days;
        IOutcomeEscrow.Terms memory t = _default();
        t.fundingDeadline = uint40(periodEnd + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IEscrowFactory.FundingAfterPeriodEnd.selector, 0, periodEnd + 1, periodEnd)
        );
        factory.createEscrow(t);
        // The earliest period counts: a second term on period 2 does not relax it.
        t.outcomes = new OutcomeLib.OutcomeTerm[](2);
        (t.outcomes[0], t.outcomes[1]) = (_linearTerm(0, 0.5e18), _linearTerm(0, 0.5e18));
        t.outcomes[0].period = 2;
        t.settlementDeadline = uint40(T0 + 50 days); // period 2 reports until T0 + 57 days
        vm.expectRevert(
            abi.encodeWithSelector(IEscrowFactory.FundingAfterPeriodEnd.selector, 1, periodEnd + 1, periodEnd)
        );
        factory.createEscrow(t);
        t.fundingDeadline = uint40(periodEnd); // deposits up to the last second of the period: accepted
        IOutcomeEscrow e = IOutcomeEscrow(factory.createEscrow(t));
        assertTrue(factory.isEscrow(address(e)), "created");
    }

    /// @dev Goal 0 period 1 reports until T0 + 27 days; with a 3-day challenge window and a 30-day arbitration
    /// period the slot can change until T0 + 60 days: a cut-off (settlement deadline + grace) before it is refused.
    function test_Create_RevertWhen_NoDataCutOffBeforeOracleTimeline() public {
        feed.setTimeline(3 days, 30 days);
        IOutcomeEscrow.Terms memory t = _default();
        uint256 earliest = T0 + 27 days + 33 days;
        vm.expectRevert(
            abi.encodeWithSelector(
                IOutcomeTermChecks.NoDataCutOffTooEarly.selector,
                0,
                uint256(SETTLEMENT_DEADLINE) + GRACE,
                earliest
            )
        );
        factory.createEscrow(t);
        t.settlementDeadline = uint40(earliest - GRACE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IOutcomeTermChecks.NoDataCutOffTooEarly.selector, 0, earliest - 1, earliest)
        );
        factory.createEscrow(t);
        t.settlementDeadline = uint40(earliest - GRACE); // exactly at the end of the timeline: accepted
        assertTrue(factory.isEscrow(factory.createEscrow(t)), "accepted");
    }

    function test_Clone_NotFromFactory_CannotTakeMoney() public {
        IOutcomeEscrow real = IOutcomeEscrow(factory.createEscrow(_default()));
        // Same implementation, same (valid) packed terms, but deployed by someone else: never initialised.
        address fake = LibClone.clone(factory.implementation(), LibClone.argsOnClone(address(real)));
        address fake2 = LibClone.cloneDeterministic(factory.implementation(), LibClone.argsOnClone(address(real)), 0);
        token.mint(ALICE, 2e18);
        vm.startPrank(ALICE);
        token.approve(fake, 1e18);
        vm.expectRevert(IOutcomeEscrow.NotAClone.selector);
        IOutcomeEscrow(fake).deposit(1e18);
        vm.expectRevert(IOutcomeEscrow.NotAClone.selector);
        IOutcomeEscrow(fake).depositFor(ALICE, 1e18);
        vm.expectRevert(IOutcomeEscrow.NotAClone.selector);
        IOutcomeEscrow(fake).depositWithPermit(1e18, block.timestamp, 0, 0, 0);
        vm.expectRevert(IOutcomeEscrow.NotAClone.selector);
        IOutcomeEscrow(fake).settle();
        vm.expectRevert(IOutcomeEscrow.NotAClone.selector);
        IOutcomeEscrow(fake).claim();
        vm.expectRevert(IOutcomeEscrow.NotAClone.selector);
        IOutcomeEscrow(fake).refundFor(ALICE);
        vm.expectRevert(IOutcomeEscrow.NotAClone.selector);
        IOutcomeEscrow(fake).status();
        // Only the factory initialises, once.
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NotFactory.selector, ALICE));
        IOutcomeEscrow(fake).initialize();
        vm.stopPrank();
        vm.prank(address(factory));
        vm.expectRevert(abi.encodeWithSelector(IOutcomeEscrow.NotFactory.selector, address(factory)));
        real.initialize();
        assertEq(token.balanceOf(fake), 0, "nothing taken");

        assertTrue(factory.isEscrow(address(real)), "real");
        assertTrue(!factory.isEscrow(fake), "fake (CREATE)");
        assertTrue(!factory.isEscrow(fake2), "fake (CREATE2 by another deployer)");
        assertTrue(!factory.isEscrow(factory.implementation()), "implementation");
        assertTrue(!factory.isEscrow(address(token)), "a token");
        assertTrue(!factory.isEscrow(ALICE), "an EOA");
        assertEq(real.factory(), address(factory), "factory");
    }

    /// @dev Issue 11: every term of an escrow reads the committee version pinned at creation (3 here), not the one
    /// current at settlement (4), and not version 0 for the terms after the first.
    function test_Settle_EveryTermReadsThePinnedVersion() public {
        VersionedMetricFeed vfeed = new VersionedMetricFeed();
        OutcomeEscrowFactory f = new OutcomeEscrowFactory(
            IMissionRegistry(address(registry)),
            IMetricFeed(address(vfeed))
        );
        vfeed.setCommitteeVersion(MISSION, 3);
        IOutcomeEscrow.Terms memory t = _default();
        t.outcomes = new OutcomeLib.OutcomeTerm[](2);
        (t.outcomes[0], t.outcomes[1]) = (_linearTerm(0, 0.5e18), _linearTerm(0, 0.5e18));
        t.outcomes[1].period = 2;
        t.settlementDeadline = uint40(T0 + 50 days); // period 2 reports until T0 + 57 days
        IOutcomeEscrow e = IOutcomeEscrow(f.createEscrow(t));
        assertEq(e.committeeVersion(), 3, "pinned");
        vfeed.setCommitteeVersion(MISSION, 4);
        token.mint(ALICE, 10e18);
        vm.startPrank(ALICE);
        token.approve(address(e), 10e18);
        e.deposit(10e18);
        vm.stopPrank();
        vm.warp(T0 + 55 days); // both periods ended; the no-data cut-off (T0 + 57 days) not passed
        vfeed.setFinal(MISSION, 4, 0, 1, 200); // the later committee's values are not read
        vfeed.setFinal(MISSION, 4, 0, 2, 200);
        vfeed.setFinal(MISSION, 3, 0, 1, 200);
        vm.expectRevert(
            abi.encodeWithSelector(IOutcomeEscrow.OutcomePending.selector, T0 + 50 days + GRACE, block.timestamp)
        );
        e.settle(); // term 1 (period 2) has no value under version 3 yet
        vfeed.setFinal(MISSION, 3, 0, 2, 150);
        assertEq(uint256(e.settle()), uint256(IOutcomeEscrow.Status.Achieved), "achieved");
        assertEq(e.claimable(BEN), 7.5e18, "50 % x 100 % + 50 % x 50 %, from version 3");
    }

    /// @dev Identical terms twice: two distinct escrows (the creation index ends the args), both recognised.
    function test_Create_SameTermsTwice_DistinctAndRecognised() public {
        address a = factory.createEscrow(_default());
        address b = factory.createEscrow(_default());
        assertTrue(a != b, "distinct");
        assertTrue(factory.isEscrow(a) && factory.isEscrow(b), "both");
    }
}
