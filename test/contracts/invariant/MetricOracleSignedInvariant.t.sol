// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "../fixtures/OracleFixture.sol";
import {IMetricFeed} from "../../../contracts/oracle/IMetricFeed.sol";
import {IMissionRegistry} from "../../../contracts/registry/IMissionRegistry.sol";
import {MetricOracleSignedHandler} from "./handlers/MetricOracleSignedHandler.sol";

/// @notice The oracle's signed, batched, EAS and committee paths and the feed adapter, driven by
/// `MetricOracleSignedHandler` (goal 1 of mission 1: 250 periods from t = 2^32 + 1000; committee version 1: four members with keys and the
/// EAS resolver as fifth member and adapter, quorum 3, a 60 s challenge window). Every call's outcome is predicted by
/// the handler's ghost model; slots, nonce bitmaps, committee versions and the latest final period are compared with
/// it after every call.
contract MetricOracleSignedInvariantTest is OracleFixture {
    MetricOracleSignedHandler internal handler;

    function setUp() public override {
        super.setUp();
        // Goal 1: 250 periods of 100 s from t = 2^32 + 1000 (past 2106: every 40-bit time uses its high byte).
        IMissionRegistry.Goal memory g = _goal(250);
        g.firstPeriodEnd = uint40(2 ** 32 + FIRST_END);
        registry.addGoal(MISSION, g);
        uint256[4] memory k = [keys[0], keys[1], keys[2], keys[3]];
        handler = new MetricOracleSignedHandler(oracle, steward, arbiter, address(token), k);
        vm.warp(2 ** 32 + FIRST_END + 1);
        targetContract(address(handler));
        bytes4[] memory s = new bytes4[](14);
        s[0] = MetricOracleSignedHandler.reportSigned.selector;
        s[1] = MetricOracleSignedHandler.reportSigned.selector;
        s[2] = MetricOracleSignedHandler.reportSigned.selector;
        s[3] = MetricOracleSignedHandler.reportBatch.selector;
        s[4] = MetricOracleSignedHandler.reportBatch.selector;
        s[5] = MetricOracleSignedHandler.invalidateNonces.selector;
        s[6] = MetricOracleSignedHandler.attest.selector;
        s[7] = MetricOracleSignedHandler.revoke.selector;
        s[8] = MetricOracleSignedHandler.withdrawByOther.selector;
        s[9] = MetricOracleSignedHandler.finalize.selector;
        s[10] = MetricOracleSignedHandler.readFeed.selector;
        s[11] = MetricOracleSignedHandler.setCommittee.selector;
        s[12] = MetricOracleSignedHandler.warp.selector;
        s[13] = MetricOracleSignedHandler.attest.selector;
        targetSelector(address(handler), s);
    }

    /// @dev Every run that called the oracle made at least one successful call.
    function afterInvariant() public view {
        if (handler.calls() > 0) assertGt(handler.successes(), 0, "no successful call in this run");
        handler.checkModel();
    }

    /// @dev Every action can succeed, and each refusal the model predicts is met (figures by hand: period 1 ends at
    /// t = 2^32 + 1000 and takes reports 50 s more; the challenge window is 60 s).
    function test_Handler_EveryActionSucceeds() public {
        // Period 1 (seed 1: the current period). Member 0, nonce 1 (seed 0x100), deadline ahead.
        handler.reportSigned(0x100, 1, 10, 0);
        handler.reportSigned(0x100, 1, 10, 6); // the same signature again: NonceUsed
        handler.reportSigned(0x201, 1, 20, 4); // member 1, deadline one second ago: SignatureExpired
        handler.reportSigned(0x201, 1, 20, 5); // member 1 signed with member 2's key: InvalidSignature
        handler.reportSigned(0x201, 1, 20, 3); // member 1, deadline this very second: accepted
        handler.reportSigned(0x302, 1, 30, 7); // member 2 has no used nonce yet: nonce 3, accepted
        assertEq(uint256(oracle.slotStatus(MISSION, 1, 1, 1)), uint256(IMetricFeed.SlotStatus.Proposed), "quorum");
        assertEq(oracle.getSlot(MISSION, 1, 1, 1).value, 20, "median of 10, 20, 30");
        handler.reportSigned(0x500, 1, 40, 7); // member 0's used nonce 1 on a fresh report: NonceUsed
        handler.invalidateNonces(3, 0, 0x0505); // member 3 invalidates nonces 5 (twice)
        handler.attest(1, 70, 2); // the resolver reports 70: median of 10, 20, 30, 70 stays 20
        handler.attest(1, 70, 0); // another schema: WrongSchema
        handler.attest(1, 70, 1); // another attester: WrongAttester
        handler.revoke(1); // Proposed: the report stays
        handler.withdrawByOther(1, 1); // member 1 is not the adapter: NotAdapter
        handler.finalize(1); // the window is still open: ChallengeWindowOpen
        handler.finalize(2); // one past the challenge end: final
        handler.readFeed(2); // latest round: period 1
        handler.readFeed(0); // round 0: RoundOutOfRange
        handler.reportBatch(0);
        handler.setCommittee(0, 8);
        handler.setCommittee(0, 1); // quorum above the size: InvalidQuorum
        handler.warp(0); // to period 2's end + 1
        handler.attest(1, 50, 2); // the resolver reports in period 2 (Collecting)
        handler.revoke(1); // withdrawn
        assertEq(oracle.getSlot(MISSION, 1, 1, 2).reportCount, 0, "withdrawn");
        string[10] memory actions = [
            "reportSigned",
            "reportBatch",
            "invalidateNonces",
            "attest",
            "revoke",
            "withdrawByOther",
            "finalize",
            "readFeed",
            "setCommittee",
            "reportSigned"
        ];
        for (uint256 i; i < actions.length; ++i) {
            assertGt(handler.callsOf(keccak256(bytes(actions[i]))), 0, actions[i]);
        }
        for (uint256 i; i < 9; ++i) {
            if (i == 5) continue; // withdrawByOther only ever meets NotAdapter
            assertGt(handler.succeeded(actions[i]), 0, actions[i]);
        }
        afterInvariant();
    }

    /// @dev The oracle equals the model (also checked after every call).
    function invariant_OracleMatchesTheModel() public view {
        handler.checkModel();
    }
}
