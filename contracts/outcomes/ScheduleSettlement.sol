// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPaymentSchedule} from "./IPaymentSchedule.sol";
import {ScheduleLib} from "./ScheduleLib.sol";

/// @title ScheduleSettlement
/// @notice `ScheduleLib`'s settlement as a deployed library (external functions, called by DELEGATECALL on the
/// consumer's own ledger): for a consumer whose code cannot hold the settlement inlined. `ImpactPool` is one — with
/// its ERC-20 shares, permits, raise, tranches and basket settlement it would pass the 24 KiB code limit with
/// `ScheduleLib.settlePoint` inlined (`docs/payment-schedules.md`, Revisions). Thin wrappers, no logic of their own:
/// the rules, the `PointSettled` event (emitted by the consumer's address, as the call runs in its context) and the
/// errors are `ScheduleLib`'s.
/// @dev Link it at deployment (Hardhat's Solidity tests link it themselves; ethers `deployContract(…, { libraries })`,
/// Ignition `m.library` + `libraries`). Its functions take the ledger by storage reference: only a DELEGATECALL can
/// reach them with one, so calling the deployed library directly cannot touch anyone's ledger.
library ScheduleSettlement {
    /// @notice `ScheduleLib.settlePoint` on the caller's `ledger`; returns the amount the point paid.
    function settlePoint(
        IPaymentSchedule.Ledger storage ledger,
        IPaymentSchedule.Header calldata h,
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external returns (uint256) {
        return ScheduleLib.settlePoint(ledger, h, index, pointBytes, proof).amount;
    }

    /// @notice `ScheduleLib.previewPayment` on the caller's `ledger`, ABI-encoded (`abi.encode` of the
    /// `PointResult`: the consumer returns these bytes as its own view's result, without decoding them).
    function previewPayment(
        IPaymentSchedule.Ledger storage ledger,
        IPaymentSchedule.Header calldata h,
        uint256 index,
        bytes calldata pointBytes,
        bytes32[] calldata proof
    ) external view returns (bytes memory) {
        return abi.encode(ScheduleLib.previewPayment(ledger, h, index, pointBytes, proof));
    }

    /// @notice `ScheduleLib.books` of the caller's `ledger`, ABI-encoded (as `previewPayment`).
    function books(IPaymentSchedule.Ledger storage ledger) external view returns (bytes memory) {
        return abi.encode(ScheduleLib.books(ledger));
    }
}
