// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "../../utils/Vm.sol";
import {MetricOracle} from "../../../../contracts/oracle/MetricOracle.sol";
import {IMetricOracle} from "../../../../contracts/oracle/IMetricOracle.sol";

/// @notice The steward acting after consumers pinned committee version `V` (= 1) of mission 1: it installs a new
/// committee version of its own — members (this contract, as a contract adapter, and `ally`), quorum 1, no challenge
/// window, a 1-wei bond, its own arbiter — then reports and finalises an extreme value under it. Every slot word read
/// under `V` is compared before and after; any difference sets `changedPinned`. Never reverts (failOnRevert).
contract StewardActor {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint16 internal constant V = 1;

    MetricOracle internal immutable _ORACLE;
    address internal immutable _STEWARD;
    address internal immutable _BOND_TOKEN;
    address internal immutable _ALLY;

    bool public changedPinned;
    uint256 public versionsInstalled;
    uint256 public valuesFinalised;

    constructor(MetricOracle oracle_, address steward_, address bondToken_, address ally_) {
        (_ORACLE, _STEWARD, _BOND_TOKEN, _ALLY) = (oracle_, steward_, bondToken_, ally_);
    }

    function stewardInstallsCommittee(uint256 periodSeed, uint64 value) external {
        uint16 p = uint16(1 + (periodSeed % 3)); // cast: ≤ 3
        bytes32[3] memory before;
        for (uint16 q = 1; q <= 3; ++q) before[q - 1] = keccak256(abi.encode(_ORACLE.getSlot(1, V, 0, q)));
        address[] memory m = new address[](2);
        (m[0], m[1]) = (address(this), _ALLY);
        vm.prank(_STEWARD);
        uint16 v = _ORACLE.setCommittee(
            1,
            IMetricOracle.CommitteeInput({
                members: m,
                quorum: 1,
                challengeWindow: 0,
                bondToken: _BOND_TOKEN,
                bondAmount: 1,
                arbiter: address(0xE71),
                adapter: address(this)
            })
        );
        ++versionsInstalled;
        // The adapter reports as itself under the new version: refused before the period ends or after its deadline
        // (then nothing to finalise), else final one second later (zero window).
        (bool ok, ) = address(_ORACLE).call(
            abi.encodeCall(_ORACLE.report, (IMetricOracle.Report(1, v, 0, p, value, bytes32(0))))
        );
        if (ok) {
            vm.warp(block.timestamp + 1);
            _ORACLE.finalize(1, v, 0, p);
            ++valuesFinalised;
        }
        for (uint16 q = 1; q <= 3; ++q) {
            if (keccak256(abi.encode(_ORACLE.getSlot(1, V, 0, q))) != before[q - 1]) changedPinned = true;
        }
    }
}
