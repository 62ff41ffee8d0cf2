// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "../fixtures/OracleFixture.sol";
import {IMetricOracle} from "../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {MetricOracleHandler} from "./handlers/MetricOracleHandler.sol";
import {StewardActor} from "./handlers/StewardActor.sol";
import {OutcomeLib} from "../../../contracts/outcomes/OutcomeLib.sol";
import {PayoutCurves} from "../../../contracts/outcomes/PayoutCurves.sol";

/// @notice Reads an outcome as escrows and pools do (`OutcomeLib.readOutcome`) under pinned committee version 1.
contract PinnedReader {
    function read(IMetricFeed feed, uint16 period, uint256 noDataAfter) external view returns (OutcomeLib.Resolution) {
        OutcomeLib.OutcomeTerm[] memory terms = new OutcomeLib.OutcomeTerm[](1);
        terms[0] = OutcomeLib.OutcomeTerm(
            1,
            0,
            period,
            1e18,
            PayoutCurves.Curve(PayoutCurves.Kind.Linear, false, 0, 1000, 0, 0, new uint64[](0), new uint64[](0))
        );
        (OutcomeLib.Resolution r, ) = OutcomeLib.readOutcome(feed, terms, OutcomeLib.uniformVersions(1), noDataAfter);
        return r;
    }
}

/// @notice The oracle driven by `MetricOracleHandler` (3-of-5 committee, 3 periods, 3 disputers, a bond token that may
/// take a fee on transfer); every call's outcome is predicted by the handler's ghost model, the slots are compared with
/// it after every call, bonds are checked per account against the handler's ledgers, and every run ends with every
/// dispute settled and every bond withdrawn by the account it is owed to.

contract MetricOracleInvariantTest is OracleFixture {
    MetricOracleHandler internal handler;
    PinnedReader internal reader;
    StewardActor internal stewardActor;

    function setUp() public override {
        super.setUp();
        _setCommittee(5, 3);
        address[] memory m = new address[](5);
        for (uint256 i = 0; i < 5; ++i) {
            m[i] = members[i];
        }
        handler = new MetricOracleHandler(oracle, token, m, arbiter, steward, BOND, CHALLENGE);
        reader = new PinnedReader();
        stewardActor = new StewardActor(oracle, steward, address(token), members[9]);
        vm.warp(FIRST_END + 1);
        targetContract(address(handler));
        bytes4[] memory s = new bytes4[](20);
        s[0] = MetricOracleHandler.report.selector;
        s[1] = MetricOracleHandler.report.selector;
        s[2] = MetricOracleHandler.report.selector;
        s[3] = MetricOracleHandler.report.selector;
        s[4] = MetricOracleHandler.warp.selector;
        s[5] = MetricOracleHandler.dispute.selector;
        s[6] = MetricOracleHandler.resolve.selector;
        s[7] = MetricOracleHandler.finalize.selector;
        s[8] = MetricOracleHandler.markUnresolved.selector;
        s[9] = MetricOracleHandler.expire.selector;
        s[10] = MetricOracleHandler.withdraw.selector;
        s[11] = MetricOracleHandler.withdraw.selector;
        s[12] = MetricOracleHandler.report.selector;
        s[13] = MetricOracleHandler.warpToEdge.selector;
        s[14] = MetricOracleHandler.warpToEdge.selector;
        s[15] = MetricOracleHandler.setFee.selector;
        s[16] = MetricOracleHandler.reportAgain.selector;
        s[17] = MetricOracleHandler.resolveByOther.selector;
        s[18] = MetricOracleHandler.expire.selector;
        s[19] = MetricOracleHandler.reenterDispute.selector;
        targetSelector(address(handler), s);
        targetContract(address(stewardActor));
        bytes4[] memory st = new bytes4[](1);
        st[0] = StewardActor.stewardInstallsCommittee.selector;
        targetSelector(address(stewardActor), st);
    }

    /// @dev The handler's actions work (they are not all silently reverting): quorum, dispute, resolution, payout.
    function test_Handler_DrivesAFullCycle() public {
        vm.warp(FIRST_END + 1);
        for (uint256 i = 0; i < 3; ++i) {
            handler.report(i, 0, uint64(10 * (i + 1)));
        }
        handler.dispute(0, 0);
        handler.resolve(0, 25, false);
        handler.withdraw(0);
        handler.withdraw(0); // twice: NothingToWithdraw, predicted
        handler.finalize(0); // period 1 is already Final: WrongState, allowed
        handler.markUnresolved(2); // period 3 has not even ended: WrongState, allowed
        vm.warp(FIRST_END + PERIOD_LENGTH + REPORTING_WINDOW + 1);
        handler.markUnresolved(1); // period 2's reporting deadline passed with no report
        assertEq(handler.finalsSeen(), 1, "one final seen");
        string[4] memory actions = ["report", "dispute", "resolve", "withdraw"];
        for (uint256 i; i < actions.length; ++i) assertGt(handler.succeeded(actions[i]), 0, actions[i]);
        assertGt(handler.succeeded("markUnresolved"), 0, "markUnresolved");
        assertEq(handler.posted(), BOND, "posted");
        assertEq(handler.withdrawn(), BOND, "withdrawn");
        invariant_BondsConserved();
        invariant_BondLedgersPerAccount();
        invariant_NoFinalWithoutQuorumOrArbiter();
        invariant_FinalValuesNeverChange();
        // The steward installs its own committee and finalises 999 for period 2 under it: version 1 is untouched.
        vm.warp(FIRST_END + PERIOD_LENGTH + 1);
        stewardActor.stewardInstallsCommittee(1, 999);
        assertEq(stewardActor.valuesFinalised(), 1, "the steward's value is final under its version");

        assertEq(uint256(oracle.slotStatus(MISSION, 2, GOAL, 2)), uint256(IMetricFeed.SlotStatus.Final), "v2 final");
        invariant_StewardActionsChangeNoPinnedValue();
        invariant_AChangingValueNeverMovesMoney();
    }

    /// @dev A token hook re-entering the oracle during a dispute's bond transfer (a dispute of another period, a bond
    /// withdrawal) is refused by the guard, and the outer dispute still posts exactly one bond.
    function test_Handler_ReentryIntoDisputeIsRefused() public {
        vm.warp(FIRST_END + 1);
        for (uint256 i = 0; i < 3; ++i) handler.report(i, 0, uint64(10 * (i + 1)));
        handler.reenterDispute(0, 0, 2); // inner: a dispute of period 1 (2 >> 1 = 1) by the token
        assertEq(handler.reentriesRefused(), 1, "re-entry refused");
        assertEq(handler.succeeded("dispute"), 1, "the outer dispute went through");
        assertEq(handler.posted(), BOND, "one bond posted");
        invariant_BondsConserved();
        invariant_BondLedgersPerAccount();
    }

    /// @dev The steward's actions after creation (new committee, adapter, arbiter, and that committee's reports and
    /// finalisations) change no value read under the pinned version.
    function invariant_StewardActionsChangeNoPinnedValue() public view {
        assertTrue(!stewardActor.changedPinned(), "a steward action changed a pinned slot");
    }

    /// @dev A value that can still change never moves money: a consumer reading a Proposed or Disputed slot sees
    /// Pending even long after its no-data time; Final reads Achieved and Unresolved NoData.
    function invariant_AChangingValueNeverMovesMoney() public view {
        for (uint16 p = 1; p <= 3; ++p) {
            IMetricFeed.SlotStatus status = oracle.slotStatus(MISSION, V1, GOAL, p);
            OutcomeLib.Resolution r = reader.read(oracle, p, 0);
            if (status == IMetricFeed.SlotStatus.Proposed || status == IMetricFeed.SlotStatus.Disputed) {
                assertEq(uint256(r), uint256(OutcomeLib.Resolution.Pending), "changing value read as settled");
            } else if (status == IMetricFeed.SlotStatus.Final) {
                assertEq(uint256(r), uint256(OutcomeLib.Resolution.Achieved), "final");
            } else if (status == IMetricFeed.SlotStatus.Unresolved) {
                assertEq(uint256(r), uint256(OutcomeLib.Resolution.NoData), "unresolved");
            }
        }
    }

    /// @dev A wrong dispute (the arbiter upholds the proposed value) forfeits the bond to the mission's steward, who
    /// withdraws it; the disputer gets nothing back.
    function test_Handler_WrongDisputeForfeitsTheBondToTheSteward() public {
        vm.warp(FIRST_END + 1);
        for (uint256 i = 0; i < 3; ++i) {
            handler.report(i, 0, uint64(10 * (i + 1)));
        }
        handler.dispute(0, 1);
        handler.resolve(0, 2, false); // an even value: the arbiter upholds the proposed one
        assertEq(handler.gOwed(steward), BOND, "forfeited to the steward");
        assertEq(handler.gOwed(handler.account(1)), 0, "nothing back to the disputer");
        invariant_BondLedgersPerAccount();
        handler.withdraw(3);
        assertEq(handler.gWithdrawn(steward), BOND, "the steward withdrew the bond");
        invariant_BondsConserved();
        invariant_BondLedgersPerAccount();
    }

    /// @dev The model's actions all work: a repeated report and an outsider's are refused as predicted, a dispute
    /// lands on the very second the challenge window ends (after `warpToEdge`) with a 0.51 % fee taken on the bond, a
    /// ruling by a non-arbiter is refused, and winding up expires the dispute and pays the disputer back the bond that
    /// arrived, less the fee again.
    function test_Handler_ModelActionsAndWindingUp() public {
        vm.warp(FIRST_END + 1);
        for (uint256 i = 0; i < 3; ++i) handler.report(i, 0, uint64(10 * (i + 1)));
        handler.reportAgain(0, 0, 40); // AlreadyReported, predicted
        handler.reportByOutsider(0, 40); // NotCommitteeMember, predicted
        handler.setFee(101); // 1 + 50 = 51 bps
        assertEq(token.feeBps(), 51, "fee set");
        uint40 challengeEnd = oracle.getSlot(MISSION, V1, GOAL, 1).challengeEnd;
        handler.warpToEdge(4); // period 1's challenge end
        assertEq(block.timestamp, challengeEnd, "at the challenge end");
        handler.dispute(0, 1); // still in the window at its last second
        uint256 arrived = BOND - (uint256(BOND) * 51) / 10_000;
        assertEq(handler.disputeBond(1), arrived, "the bond less the fee");
        handler.resolveByOther(0, 0, 7, false); // NotArbiter, predicted
        handler.finalize(0); // Disputed: WrongState, predicted
        handler.checkModel();
        assertEq(handler.succeeded("report"), 3, "three reports");
        assertEq(handler.succeeded("dispute"), 1, "one dispute");
        assertEq(handler.succeeded("resolve"), 0, "no ruling");
        assertEq(handler.edgesHit(), 1, "one edge");
        afterInvariant();
        assertEq(handler.settledDisputes(), 1, "the dispute expired at the end");
        address d = handler.account(1);
        assertEq(handler.gCredited(d), arrived, "credited what arrived");
        assertEq(handler.gReceived(d), arrived - (arrived * 51) / 10_000, "received it less the fee");
    }

    /// @dev Bonds held = posted − paid out (returned or forfeited, both withdrawn by pull) = the oracle's balance.
    function invariant_BondsConserved() public view {
        uint256 held = oracle.bondsHeld(address(token));
        assertEq(held, handler.posted() - handler.withdrawn(), "held = posted - withdrawn");
        assertEq(token.balanceOf(address(oracle)), held, "balance = held");
    }

    /// @dev A slot is final only with a quorum of reports or by the arbiter.
    function invariant_NoFinalWithoutQuorumOrArbiter() public view {
        for (uint16 p = 1; p <= 3; ++p) {
            if (oracle.slotStatus(MISSION, V1, GOAL, p) != IMetricFeed.SlotStatus.Final) continue;
            IMetricOracle.Slot memory s = oracle.getSlot(MISSION, V1, GOAL, p);
            assertTrue(s.reportCount >= 3 || handler.arbiterResolved(p), "quorum or arbiter");
        }
    }

    /// @dev Final values (and their finalisation time) never change.
    function invariant_FinalValuesNeverChange() public view {
        assertTrue(!handler.finalChanged(), "final value changed");
    }

    /// @dev Per account: what the oracle says it may withdraw equals what the ledger credited and did not pay out,
    /// every wallet holds what the ledgers say, and nothing is owed to anyone the ledger does not know.
    function invariant_BondLedgersPerAccount() public view {
        uint256 owed;
        for (uint256 i; i < 4; ++i) {
            address a = handler.account(i);
            assertEq(oracle.claimableBond(address(token), a), handler.gOwed(a), "claimable = ledger");
            assertEq(token.balanceOf(a), handler.gWallet(a), "wallet = ledger");
            owed += handler.gOwed(a);
        }
        // Held = bonds of open disputes (what arrived) + credited bonds not yet withdrawn.
        uint256 open;
        for (uint16 p = 1; p <= 3; ++p) {
            if (oracle.getSlot(MISSION, V1, GOAL, p).status == IMetricFeed.SlotStatus.Disputed) {
                open += handler.disputeBond(p);
            }
        }
        assertEq(oracle.bondsHeld(address(token)), open + owed, "held = open disputes + owed");
    }

    /// @dev A value that can still change never reads as final: `finalValue` reverts unless the slot is Final.
    function invariant_OnlyFinalValuesRead() public view {
        for (uint16 p = 1; p <= 3; ++p) {
            IMetricFeed.SlotStatus status = oracle.slotStatus(MISSION, V1, GOAL, p);
            try oracle.finalValue(MISSION, V1, GOAL, p) returns (uint64, uint40) {
                assertEq(uint256(status), uint256(IMetricFeed.SlotStatus.Final), "finalValue of a non-final slot");
            } catch (bytes memory reason) {
                assertTrue(status != IMetricFeed.SlotStatus.Final, "a final slot must read");
                assertEq(
                    keccak256(reason),
                    keccak256(abi.encodeWithSelector(IMetricFeed.ValueNotFinal.selector, MISSION, GOAL, p, status)),
                    "ValueNotFinal"
                );
            }
        }
    }

    /// @dev The oracle's slots and dispute records equal the handler's model (also checked after every call).
    function invariant_SlotsMatchTheModel() public view {
        handler.checkModel();
    }

    /// @dev Every run that called the contract made at least one successful call into the oracle. Then the run is
    /// wound up (every open dispute expired, every owed bond withdrawn; the handler checks each payment): every account
    /// has withdrawn exactly what it was credited, each wallet holds what the ledger says (bonds back less the token's
    /// fees), and the oracle holds nothing.
    function afterInvariant() public {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful oracle call in this run");
        handler.settleAll();
        for (uint256 i; i < 4; ++i) {
            address a = handler.account(i);
            assertEq(oracle.claimableBond(address(token), a), 0, "end: nothing left to claim");
            assertEq(handler.gOwed(a), 0, "end: ledger owes nothing");
            assertEq(handler.gWithdrawn(a), handler.gCredited(a), "end: withdrew every bond credited");
            assertEq(token.balanceOf(a), handler.gWallet(a), "end: wallet = ledger");
        }
        assertEq(handler.posted(), handler.withdrawn(), "end: every bond posted was paid out");
        assertEq(oracle.bondsHeld(address(token)), 0, "end: no bond held");
        assertEq(token.balanceOf(address(oracle)), 0, "end: the oracle holds nothing");
        invariant_BondLedgersPerAccount();
    }
}
