// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "./utils/TestBase.sol";
import {MetricOracle} from "../MetricOracle.sol";
import {IMetricOracle} from "../interfaces/IMetricOracle.sol";
import {IMissionRegistry} from "../interfaces/IMissionRegistry.sol";
import {MockMissionRegistry} from "./mocks/MockMissionRegistry.sol";
import {MockBondToken} from "./mocks/MockBondToken.sol";

/// @notice Shared setup for the oracle tests: a mock registry with mission 1 (goal 0: 3 periods of 100 s from
/// t = 1000, reporting window 50 s), a bond token, member keys, and helpers to report by each path.
abstract contract OracleFixture is TestBase {
    uint256 internal constant MISSION = 1;
    uint8 internal constant GOAL = 0;
    uint40 internal constant FIRST_END = 1000;
    uint32 internal constant PERIOD_LENGTH = 100;
    uint32 internal constant REPORTING_WINDOW = 50;
    uint32 internal constant CHALLENGE = 3600;
    uint96 internal constant BOND = 100e18;
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    /// @dev Report paths the shared report tests run over.
    uint256 internal constant DIRECT = 0;
    uint256 internal constant SIGNED = 1;
    uint256 internal constant BATCH = 2;

    MockMissionRegistry internal registry;
    MetricOracle internal oracle;
    MockBondToken internal token;

    address internal steward = address(0x5157);
    address internal arbiter = address(0xA4B1);
    address internal relayer = address(0x4E1A);
    address internal disputer = address(0xD15);
    uint256[] internal keys;
    address[] internal members;

    function setUp() public virtual {
        vm.warp(1);
        registry = new MockMissionRegistry();
        oracle = new MetricOracle(IMissionRegistry(address(registry)));
        token = new MockBondToken();
        registry.setMission(MISSION, steward);
        registry.addGoal(MISSION, _goal(3));
        for (uint256 i = 0; i < 16; ++i) {
            keys.push(0xA11CE + i);
            members.push(vm.addr(0xA11CE + i));
        }
        token.mint(disputer, 1_000e18);
        vm.prank(disputer);
        token.approve(address(oracle), type(uint256).max);
    }

    function _goal(uint8 periodCount) internal pure returns (IMissionRegistry.Goal memory) {
        return
            IMissionRegistry.Goal({
                baseline: 100,
                target: 500,
                firstPeriodEnd: FIRST_END,
                periodLength: PERIOD_LENGTH,
                periodCount: periodCount,
                reportingWindow: REPORTING_WINDOW,
                decimals: 2,
                version: 1
            });
    }

    function _input(uint256 n, uint8 k) internal view returns (IMetricOracle.CommitteeInput memory input) {
        address[] memory m = new address[](n);
        for (uint256 i = 0; i < n; ++i) {
            m[i] = members[i];
        }
        input = IMetricOracle.CommitteeInput({
            members: m,
            quorum: k,
            challengeWindow: CHALLENGE,
            bondToken: address(token),
            bondAmount: BOND,
            arbiter: arbiter,
            adapter: address(0)
        });
    }

    function _setCommittee(uint256 n, uint8 k) internal returns (uint16) {
        vm.prank(steward);
        return oracle.setCommittee(MISSION, _input(n, k));
    }

    function _r(uint16 period, uint64 value) internal pure returns (IMetricOracle.Report memory) {
        return
            IMetricOracle.Report({
                missionId: MISSION,
                goalId: GOAL,
                period: period,
                value: value,
                evidenceHash: keccak256(abi.encode(value))
            });
    }

    /// @dev Opens the reporting window of `period` (just after its end).
    function _openWindow(uint16 period) internal {
        vm.warp(_periodEnd(period) + 1);
    }

    function _periodEnd(uint16 period) internal pure returns (uint256) {
        return FIRST_END + uint256(period - 1) * PERIOD_LENGTH;
    }

    function _sign(
        uint256 key,
        IMetricOracle.Report memory r,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (IMetricOracle.SignedReport memory s) {
        return _signFor(oracle, key, r, nonce, deadline);
    }

    function _signFor(
        MetricOracle target,
        uint256 key,
        IMetricOracle.Report memory r,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (IMetricOracle.SignedReport memory s) {
        address reporter = vm.addr(key);
        (uint8 v, bytes32 rr, bytes32 ss) = vm.sign(key, target.reportDigest(r, reporter, nonce, deadline));
        s = IMetricOracle.SignedReport({
            report: r,
            reporter: reporter,
            nonce: nonce,
            deadline: deadline,
            signature: abi.encodePacked(rr, ss, v)
        });
    }

    /// @dev A report ready to send by `path` (signed now, so that no call sits between `expectRevert` and the send).
    struct Pending {
        uint256 path;
        uint256 member;
        IMetricOracle.SignedReport signed;
    }

    function _prep(uint256 path, uint256 i, IMetricOracle.Report memory r) internal view returns (Pending memory p) {
        p.path = path;
        p.member = i;
        if (path == DIRECT) {
            p.signed.report = r;
        } else {
            p.signed = _sign(keys[i], r, oracle.nonces(members[i]), block.timestamp + 1 hours);
        }
    }

    function _send(Pending memory p) internal {
        if (p.path == DIRECT) {
            vm.prank(members[p.member]);
            oracle.report(p.signed.report);
        } else if (p.path == SIGNED) {
            vm.prank(relayer);
            oracle.reportSigned(p.signed);
        } else {
            IMetricOracle.SignedReport[] memory batch = new IMetricOracle.SignedReport[](1);
            batch[0] = p.signed;
            vm.prank(relayer);
            oracle.reportBatch(batch);
        }
    }

    /// @dev Member `i` reports `r` by `path`.
    function _submit(uint256 path, uint256 i, IMetricOracle.Report memory r) internal {
        _send(_prep(path, i, r));
    }

    /// @dev Members 0…count-1 report `values` directly.
    function _reportAll(uint16 period, uint64[] memory values) internal {
        for (uint256 i = 0; i < values.length; ++i) {
            vm.prank(members[i]);
            oracle.report(_r(period, values[i]));
        }
    }

    /// @dev A 3-of-5 committee whose period-1 slot is Proposed with value 20 (reports 10, 30, 20).
    function _proposed() internal {
        _setCommittee(5, 3);
        _openWindow(1);
        uint64[] memory v = new uint64[](3);
        (v[0], v[1], v[2]) = (10, 30, 20);
        _reportAll(1, v);
    }

    function _disputed() internal {
        _proposed();
        vm.prank(disputer);
        oracle.dispute(MISSION, GOAL, 1);
    }

    function _status(uint16 period) internal view returns (uint256) {
        return uint256(oracle.slotStatus(MISSION, GOAL, period));
    }
}
