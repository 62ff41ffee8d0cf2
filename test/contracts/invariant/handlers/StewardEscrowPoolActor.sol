// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PinnedConsumersBase} from "./PinnedConsumersBase.sol";
import {PinnedStack, PinnedActors} from "../../fixtures/PinnedStackFixture.sol";
import {IMetricOracle} from "../../../../contracts/oracle/IMetricOracle.sol";
import {IMissionRegistry} from "../../../../contracts/registry/IMissionRegistry.sol";

/// @notice The steward of mission 1 acting after the escrow and the pool pinned committee version 1: it installs
/// committees of its own (this contract — a contract adapter — and `ALLY`, quorum 1, no challenge window, a 1-wei
/// bond, its own arbiter), reports extreme values under them and finalises them, then at once tries to settle the
/// escrow and the pool and to release the pool's milestone tranche; it amends the mission's goals (a new goal
/// version), concludes the mission, and has its arbiter try to resolve the pinned slots. Around every action the
/// escrow's and the pool's outcome readings through their pinned versions are compared, at the same block time
/// (no steward action moves time): any difference counts in `gOutcomeChanged`.
contract StewardEscrowPoolActor is PinnedConsumersBase {
    address internal constant STEWARD_ARBITER = address(0xE71);
    address internal constant ALLY = address(0xA11);

    address public immutable bondToken;

    /// @notice Steward actions after which a pinned outcome reading differed from before: must stay 0.
    uint256 public gOutcomeChanged;
    uint256 public versionsInstalled;
    uint256 public valuesFinalised;
    /// @dev Slots of the steward's versions that hold its proposed value, not yet finalised.
    uint16[] internal _pendingVersion;
    uint16[] internal _pendingPeriod;

    constructor(PinnedStack memory s, address bondToken_) PinnedConsumersBase(s) {
        bondToken = bondToken_;
    }

    modifier stewardAction() {
        bytes32 before = pinnedReading();
        _;
        if (pinnedReading() != before) ++gOutcomeChanged;
    }

    /// @dev The steward's first move is always a committee of its own (so no run of it is all reverts).
    function _bootstrap() internal {
        if (versionsInstalled == 0) _install(0, 0);
    }

    /// @dev 0, the largest uint64, or the goal's target.
    function _extreme(uint256 seed) internal pure returns (uint64) {
        uint256 k = seed % 3;
        return
            k == 0
                ? 0
                : k == 1
                    ? type(uint64).max
                    : 500;
    }

    function stewardInstallsCommittee(uint256 periodSeed, uint256 valueSeed) external stewardAction {
        _install(periodSeed, valueSeed);
    }

    function _install(uint256 periodSeed, uint256 valueSeed) internal {
        address[] memory m = new address[](2);
        (m[0], m[1]) = (address(this), ALLY);
        IMetricOracle.CommitteeInput memory input = IMetricOracle.CommitteeInput(
            m,
            1,
            0,
            bondToken,
            1,
            STEWARD_ARBITER,
            address(this)
        );
        vm.prank(PinnedActors.STEWARD);
        (bool ok, bytes memory ret) = address(oracle).call(
            abi.encodeCall(IMetricOracle.setCommittee, (MISSION, input))
        );
        _done("installCommittee", ok, ret, new bytes4[](0));
        uint16 v = abi.decode(ret, (uint16));
        ++versionsInstalled;
        // The adapter reports as itself: refused before the period ends or after its reporting deadline.
        uint16 p = uint16(1 + (periodSeed % 3)); // cast: ≤ 3
        IMetricOracle.Report memory r = IMetricOracle.Report(MISSION, v, GOAL, p, _extreme(valueSeed), bytes32(0));
        (ok, ret) = address(oracle).call(abi.encodeCall(IMetricOracle.report, (r)));
        if (ok) {
            _pendingVersion.push(v);
            _pendingPeriod.push(p);
        }
        _done(
            "stewardReport",
            ok,
            ret,
            _sel(IMetricOracle.PeriodNotEnded.selector, IMetricOracle.ReportingClosed.selector)
        );
    }

    /// @dev Finalises one of its proposed values (window 0: any later second), then tries every money call at once.
    function stewardFinalisesThenSettles(uint256 seed) external stewardAction {
        _bootstrap();
        uint256 n = _pendingVersion.length;
        if (n > 0) {
            uint256 i = seed % n;
            (uint16 v, uint16 p) = (_pendingVersion[i], _pendingPeriod[i]);
            (bool ok, bytes memory ret) = address(oracle).call(
                abi.encodeCall(IMetricOracle.finalize, (MISSION, v, GOAL, p))
            );
            if (ok) {
                ++valuesFinalised;
                (_pendingVersion[i], _pendingPeriod[i]) = (_pendingVersion[n - 1], _pendingPeriod[n - 1]);
                _pendingVersion.pop();
                _pendingPeriod.pop();
            }
            _done("stewardFinalize", ok, ret, _sel(IMetricOracle.ChallengeWindowOpen.selector));
        }
        _settleEscrow();
        _settlePool();
        _disburse();
    }

    /// @dev A new goal version with one extreme goal (new goal id); refused once the mission is Concluded.
    function stewardAmendsGoals(uint256 seed) external stewardAction {
        _bootstrap();
        bool up = seed % 2 == 0;
        IMissionRegistry.GoalInput[] memory g = new IMissionRegistry.GoalInput[](1);
        g[0] = IMissionRegistry.GoalInput(
            keccak256(abi.encode(seed)),
            up ? 0 : type(uint64).max,
            up ? type(uint64).max : 0,
            uint40(block.timestamp + 1),
            1 days,
            3,
            1 days,
            0
        );
        vm.prank(PinnedActors.STEWARD);
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeCall(IMissionRegistry.amendGoals, (MISSION, "ipfs://amended", keccak256(abi.encode(seed)), g))
        );
        _done("amendGoals", ok, ret, _sel(IMissionRegistry.WrongState.selector));
    }

    /// @dev Active → Concluded (once; then WrongState).
    function stewardConcludes() external stewardAction {
        _bootstrap();
        vm.prank(PinnedActors.STEWARD);
        (bool ok, bytes memory ret) = address(registry).call(abi.encodeCall(IMissionRegistry.conclude, (MISSION)));
        _done("conclude", ok, ret, _sel(IMissionRegistry.WrongState.selector));
    }

    /// @dev The steward's arbiter tries to resolve a pinned slot with an extreme value: it must never succeed.
    function stewardArbiterResolvesPinned(uint256 periodSeed, uint256 valueSeed) external stewardAction {
        _bootstrap();
        uint16 p = uint16(1 + (periodSeed % 3)); // cast: ≤ 3
        vm.prank(STEWARD_ARBITER);
        (bool ok, bytes memory ret) = address(oracle).call(
            abi.encodeCall(IMetricOracle.resolve, (MISSION, V1, GOAL, p, _extreme(valueSeed)))
        );
        if (ok) revert UnexpectedSuccess("stewardArbiterResolve");
        _expectRevert(
            "stewardArbiterResolve",
            ret,
            _sel(
                IMetricOracle.NotArbiter.selector,
                IMetricOracle.WrongState.selector,
                IMetricOracle.ArbitrationExpired.selector
            )
        );
    }

    /// @notice Expected reverts of `action` so far.
    function refused(string memory action) external view returns (uint256) {
        return expectedRevertsOf[keccak256(bytes(action))];
    }
}
