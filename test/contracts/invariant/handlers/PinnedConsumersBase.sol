// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {PinnedStack} from "../../fixtures/PinnedStackFixture.sol";
import {MissionRegistry} from "../../../../contracts/registry/MissionRegistry.sol";
import {MetricOracle} from "../../../../contracts/oracle/MetricOracle.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {IOutcomeEscrow} from "../../../../contracts/escrow/IOutcomeEscrow.sol";
import {ImpactPoolFactory} from "../../../../contracts/pool/ImpactPoolFactory.sol";
import {ImpactPool} from "../../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../../contracts/pool/IImpactPool.sol";
import {OutcomeLib} from "../../../../contracts/outcomes/OutcomeLib.sol";

/// @notice What both actors of the pinned-stack suite share: the outcome readings of the escrow and the pool through
/// the versions they pinned (exactly the reads `settle` and `disburse` make), and the money calls. Every money call
/// records, from the oracle's own slot status at the moment of the call, whether the slot it rests on was decided —
/// Final or Unresolved; Final for a milestone — and a ghost of what left the escrow and the pool: a settlement or
/// a disbursement that succeeded on an undecided slot, or any token that left while it was undecided, is counted.
abstract contract PinnedConsumersBase is HandlerBase {
    uint256 internal constant MISSION = 1;
    uint8 internal constant GOAL = 0;
    /// @dev The committee version the escrow and the pool pinned at creation (checked by the suite's invariants).
    uint16 internal constant V1 = 1;
    /// @dev The escrow's term and the pool's milestone read period 1; the pool's basket reads period 2.
    uint16 internal constant ESCROW_PERIOD = 1;
    uint16 internal constant POOL_PERIOD = 2;
    uint64 internal constant MILESTONE_MIN = 300;

    /// @notice The slot a money call rests on.
    enum Rests {
        EscrowOutcome,
        PoolOutcome,
        PoolMilestone
    }

    MissionRegistry public immutable registry;
    MetricOracle public immutable oracle;
    ImpactPoolFactory public immutable poolFactory;
    IOutcomeEscrow public immutable escrow;
    ImpactPool public immutable pool;
    IERC20 public immutable money;
    bytes internal _basketAbi;
    bytes internal _scheduleAbi;

    /// @notice Tokens that left the escrow / the pool through this actor's calls.
    uint256 public gEscrowOut;
    uint256 public gPoolOut;
    /// @notice Settlements and disbursements that succeeded while their slot could still change: must stay 0.
    uint256 public gSettledUndecided;
    /// @notice Calls that moved tokens out while their slot could still change: must stay 0.
    uint256 public gMovedUndecided;

    constructor(PinnedStack memory s) {
        (registry, oracle, poolFactory, escrow, pool, money) = (
            s.registry,
            s.oracle,
            s.poolFactory,
            s.escrow,
            s.pool,
            s.money
        );
        (_basketAbi, _scheduleAbi) = (s.basketAbi, s.scheduleAbi);
    }

    /*//////////////////////////////////////////////////////////////
                       READINGS THROUGH THE PINS
    //////////////////////////////////////////////////////////////*/

    /// @notice The escrow's outcome as its `settle` reads it: its terms under its pinned committee version.
    function escrowReading() public view returns (OutcomeLib.Resolution, uint256) {
        IOutcomeEscrow.Terms memory t = escrow.terms();
        uint256 noDataAfter = uint256(t.settlementDeadline) + t.gracePeriod;
        return
            OutcomeLib.readOutcome(
                oracle,
                t.outcomes,
                OutcomeLib.uniformVersions(escrow.committeeVersion()),
                noDataAfter
            );
    }

    /// @notice The pool's outcome as its `settle` reads it (the factory's view, the pool's pinned basket versions).
    function poolReading() public view returns (OutcomeLib.Resolution, uint256) {
        IImpactPool.Config memory c = pool.config();
        return poolFactory.readOutcome(_basketAbi, c.basketVersions, uint256(c.settlementDeadline) + c.gracePeriod);
    }

    /// @notice The pool's milestone as its `disburse` reads it (lane 0 of the pinned milestone versions).
    function milestoneReading() public view returns (IMetricFeed.SlotStatus, uint64, bool) {
        uint16 version = uint16(pool.config().milestoneVersions); // cast: lane 0
        return poolFactory.milestone(MISSION, version, GOAL, ESCROW_PERIOD, MILESTONE_MIN);
    }

    /// @notice Every pinned reading in one word.
    function pinnedReading() public view returns (bytes32) {
        (OutcomeLib.Resolution er, uint256 ec) = escrowReading();
        (OutcomeLib.Resolution pr, uint256 pc) = poolReading();
        (IMetricFeed.SlotStatus ms, uint64 mv, bool met) = milestoneReading();
        return keccak256(abi.encode(er, ec, pr, pc, ms, mv, met));
    }

    /// @notice Whether the slot `r` rests on can no longer change (Final or Unresolved; Final for the milestone).
    function decided(Rests r) public view returns (bool) {
        uint16 period = r == Rests.PoolOutcome ? POOL_PERIOD : ESCROW_PERIOD;
        IMetricFeed.SlotStatus s = oracle.slotStatus(MISSION, V1, GOAL, period);
        if (s == IMetricFeed.SlotStatus.Final) return true;
        return r != Rests.PoolMilestone && s == IMetricFeed.SlotStatus.Unresolved;
    }

    /*//////////////////////////////////////////////////////////////
                              MONEY CALLS
    //////////////////////////////////////////////////////////////*/

    function _done(string memory action, bool ok, bytes memory ret, bytes4[] memory allowed) internal {
        if (ok) _ok(action);
        else _expectRevert(action, ret, allowed);
    }

    /// @dev Calls the escrow (for `EscrowOutcome`) or the pool with `data`, as `caller` (none: as this actor).
    function _money(
        string memory action,
        Rests r,
        address caller,
        bytes memory data,
        bool settles,
        bytes4[] memory allowed
    ) internal {
        address target = r == Rests.EscrowOutcome ? address(escrow) : address(pool);
        bool isDecided = decided(r);
        uint256 before = money.balanceOf(target);
        if (caller != address(0)) vm.prank(caller);
        (bool ok, bytes memory ret) = target.call(data);
        uint256 out = before - money.balanceOf(target);
        if (target == address(escrow)) gEscrowOut += out;
        else gPoolOut += out;
        if (!isDecided && out > 0) ++gMovedUndecided;
        if (!isDecided && ok && settles) ++gSettledUndecided;
        _done(action, ok, ret, allowed);
    }

    function _settleEscrow() internal {
        bytes memory data = abi.encodeCall(IOutcomeEscrow.settle, ());
        _money(
            "settleEscrow",
            Rests.EscrowOutcome,
            address(0),
            data,
            true,
            _sel(IOutcomeEscrow.OutcomePending.selector, IOutcomeEscrow.WrongState.selector)
        );
    }

    function _settlePool() internal {
        bytes memory data = abi.encodeCall(IImpactPool.settle, (_basketAbi));
        _money(
            "settlePool",
            Rests.PoolOutcome,
            address(0),
            data,
            true,
            _sel(IImpactPool.OutcomePending.selector, IImpactPool.WrongState.selector)
        );
    }

    function _disburse() internal {
        bytes memory data = abi.encodeCall(IImpactPool.disburse, (0, _scheduleAbi));
        _money(
            "disburse",
            Rests.PoolMilestone,
            address(0),
            data,
            true,
            _sel(
                IImpactPool.MilestoneNotMet.selector,
                IImpactPool.TrancheAlreadyDisbursed.selector,
                IImpactPool.WrongState.selector
            )
        );
    }
}
