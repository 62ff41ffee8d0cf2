// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PinnedConsumersBase} from "./PinnedConsumersBase.sol";
import {PinnedStack, PinnedActors} from "../../fixtures/PinnedStackFixture.sol";
import {IMetricOracle} from "../../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "../../../../contracts/escrow/IOutcomeEscrow.sol";
import {IImpactPool} from "../../../../contracts/pool/IImpactPool.sol";
import {IEscrowPayouts} from "../../../../contracts/escrow/IEscrowPayouts.sol";

/// @notice The honest side of the pinned stack: committee version 1 reports, disputes, resolves, finalises and
/// expires slots of goal 0 (periods 1–3; the escrow reads period 1, the pool periods 1 and 2) while time moves; and
/// anyone settles, disburses, claims, refunds and redeems. Every revert must be in its call's allowlist; every money
/// call goes through `_money` (see `PinnedConsumersBase`).
contract PinnedConsumersHandler is PinnedConsumersBase {
    constructor(PinnedStack memory s) PinnedConsumersBase(s) {}

    function _period(uint256 seed) internal pure returns (uint16) {
        return uint16(1 + (seed % 3)); // cast: ≤ 3
    }

    /// @dev The period from `seed`, or the first after it whose version-1 slot is in `status`.
    function _periodIn(uint256 seed, IMetricFeed.SlotStatus status) internal view returns (uint16) {
        for (uint256 i; i < 3; ++i) {
            uint16 p = _period((seed % 3) + i);
            if (oracle.slotStatus(MISSION, V1, GOAL, p) == status) return p;
        }
        return _period(seed);
    }

    /// @dev Before a first success, every action first reports for period 1 (open when the run starts), and time
    /// stands still: no run is all reverts.
    function _bootstrap() internal {
        if (successes == 0) _report(0, 0, 0);
    }

    /// @dev Steps of 10 minutes to 2 days through the reporting and challenge windows, or one in six a jump of up to
    /// 31 days (past an arbitration period or a no-data cut-off).
    function warp(uint256 dt) external {
        if (successes == 0) return;
        vm.warp(block.timestamp + (dt % 6 == 0 ? bound(dt >> 3, 1 days, 31 days) : bound(dt >> 3, 10 minutes, 2 days)));
    }

    function report(uint256 memberSeed, uint256 periodSeed, uint64 value) external {
        _report(memberSeed, periodSeed, value);
    }

    /// @dev A member of version 1 that has not reported in the slot yet (from `memberSeed` on), so quorums form.
    function _report(uint256 memberSeed, uint256 periodSeed, uint64 value) internal {
        uint16 p = successes == 0 ? 1 : _period(periodSeed);
        memberSeed %= 3;
        address m = PinnedActors.member(memberSeed);
        for (uint256 i; i < 3; ++i) {
            (bool reported, ) = oracle.reportOf(MISSION, V1, GOAL, p, PinnedActors.member(memberSeed + i));
            if (!reported) {
                m = PinnedActors.member(memberSeed + i);
                break;
            }
        }
        IMetricOracle.Report memory r = IMetricOracle.Report(MISSION, V1, GOAL, p, value % 1001, bytes32(0));
        vm.prank(m);
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(IMetricOracle.report, (r)));
        _done(
            "report",
            ok,
            ret,
            _sel(
                IMetricOracle.AlreadyReported.selector,
                IMetricOracle.PeriodNotEnded.selector,
                IMetricOracle.ReportingClosed.selector,
                IMetricOracle.WrongState.selector
            )
        );
    }

    function dispute(uint256 periodSeed) external {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Proposed);
        vm.prank(PinnedActors.DISPUTER);
        (bool ok, bytes memory ret) = address(oracle).call(
            abi.encodeCall(IMetricOracle.dispute, (MISSION, V1, GOAL, p))
        );
        _done(
            "dispute",
            ok,
            ret,
            _sel(IMetricOracle.WrongState.selector, IMetricOracle.ChallengeWindowClosed.selector)
        );
    }

    /// @dev The version-1 arbiter resolves: one in two upholds the proposed value; `invalid` makes the slot Unresolved.
    function resolve(uint256 periodSeed, uint64 value, bool invalid) external {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Disputed);
        value = value % 2 == 0 ? oracle.getSlot(MISSION, V1, GOAL, p).value : value % 1001;
        vm.prank(PinnedActors.ARBITER);
        (bool ok, bytes memory ret) = address(oracle).call(
            invalid
                ? abi.encodeCall(IMetricOracle.resolveInvalid, (MISSION, V1, GOAL, p))
                : abi.encodeCall(IMetricOracle.resolve, (MISSION, V1, GOAL, p, value))
        );
        _done("resolve", ok, ret, _sel(IMetricOracle.WrongState.selector, IMetricOracle.ArbitrationExpired.selector));
    }

    function finalize(uint256 periodSeed) external {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Proposed);
        (bool ok, bytes memory ret) = address(oracle).call(
            abi.encodeCall(IMetricOracle.finalize, (MISSION, V1, GOAL, p))
        );
        _done("finalize", ok, ret, _sel(IMetricOracle.WrongState.selector, IMetricOracle.ChallengeWindowOpen.selector));
    }

    /// @dev Moves 32 days on first: past the challenge window (1 day) and the arbitration period (30 days) of a
    /// dispute opened before.
    function expire(uint256 periodSeed) external {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Disputed);
        vm.warp(block.timestamp + 32 days);
        (bool ok, bytes memory ret) = address(oracle).call(
            abi.encodeCall(IMetricOracle.expireDispute, (MISSION, V1, GOAL, p))
        );
        _done("expire", ok, ret, _sel(IMetricOracle.WrongState.selector, IMetricOracle.ArbitrationNotExpired.selector));
    }

    function settleEscrow() external {
        _bootstrap();
        _settleEscrow();
    }

    /// @dev `claimFor` a beneficiary or `refundFor` a funder (anyone may trigger either).
    function escrowPayout(uint256 who, bool claim) external {
        _bootstrap();
        address b = who % 2 == 0 ? PinnedActors.BENEFICIARY_A : PinnedActors.BENEFICIARY_B;
        address f = who % 2 == 0 ? PinnedActors.FUNDER_A : PinnedActors.FUNDER_B;
        bytes memory data =
            claim ? abi.encodeCall(IEscrowPayouts.claimFor, (b)) : abi.encodeCall(IEscrowPayouts.refundFor, (f));
        _money(
            claim ? "claim" : "refund",
            Rests.EscrowOutcome,
            address(0),
            data,
            false,
            _sel(
                IOutcomeEscrow.WrongState.selector,
                IOutcomeEscrow.NothingToClaim.selector,
                IOutcomeEscrow.NothingToRefund.selector
            )
        );
    }

    function disburse() external {
        _bootstrap();
        _disburse();
    }

    function settlePool() external {
        _bootstrap();
        _settlePool();
    }

    /// @dev The investor redeems part of its shares (bounded to what it holds), or the payer takes its refund.
    function poolPayout(uint256 shares, bool redeem) external {
        _bootstrap();
        uint256 held = pool.balanceOf(PinnedActors.INVESTOR);
        shares = held == 0 ? 0 : bound(shares, 1, held);
        bytes memory data =
            redeem ? abi.encodeCall(IImpactPool.redeem, (shares)) : abi.encodeCall(IImpactPool.refund, ());
        _money(
            redeem ? "redeem" : "poolRefund",
            Rests.PoolOutcome,
            redeem ? PinnedActors.INVESTOR : PinnedActors.PAYER,
            data,
            false,
            _sel(IImpactPool.WrongState.selector, IImpactPool.ZeroAmount.selector, IImpactPool.NothingToRefund.selector)
        );
    }
}
