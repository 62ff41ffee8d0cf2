// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IOutcomeEscrow} from "./IOutcomeEscrow.sol";
import {IEscrowFactory} from "./IEscrowFactory.sol";
import {IMissionRegistry} from "../registry/IMissionRegistry.sol";
import {OutcomeTermChecks} from "../outcomes/OutcomeTermChecks.sol";
import {IOutcomeTermChecks} from "../outcomes/IOutcomeTermChecks.sol";

/// @title EscrowChecks
/// @notice The escrow-specific part of the one validation path both escrow factories run (`OutcomeEscrowFactory`,
/// `ScheduledEscrowFactory`), on top of the registry checks of `OutcomeTermChecks`: token and deadlines, the timing of
/// every slot read against funding and the no-data cut-off, and the beneficiaries. Errors: `IEscrowFactory`.
library EscrowChecks {
    /// @notice Most beneficiaries per escrow (their claim state stays O(1) to find).
    uint256 internal constant MAX_BENEFICIARIES = 32;

    /// @notice Reverts unless the token is set, funding is still open and the first settlement deadline is not before
    /// the funding deadline.
    function checkDeadlines(IERC20 token, uint256 fundingDeadline, uint256 settlementDeadline) internal view {
        if (address(token) == address(0)) revert IEscrowFactory.ZeroToken();
        if (fundingDeadline < block.timestamp) {
            revert IEscrowFactory.FundingDeadlinePassed(fundingDeadline, block.timestamp);
        }
        if (settlementDeadline < fundingDeadline) {
            revert IEscrowFactory.SettlementBeforeFunding(settlementDeadline, fundingDeadline);
        }
    }

    /// @notice Checks the timing of slot `index` (period `period` of `goal`): the goal is of the pinned `goalVersion`,
    /// funding closes by the period's end (no report, so no final value, before it: funding cannot be topped up, nor
    /// decided, once the outcome is known) and the no-data cut-off is no earlier than the slot can last change.
    function checkSlotTiming(
        uint256 index,
        IMissionRegistry.Goal memory goal,
        uint8 goalId,
        uint16 period,
        uint8 goalVersion,
        uint256 fundingDeadline,
        uint256 settling,
        uint256 noDataAfter
    ) internal pure {
        if (goal.version != goalVersion) {
            revert IOutcomeTermChecks.GoalNotInVersion(index, goalId, goal.version, goalVersion);
        }
        checkTiming(index, goal, period, fundingDeadline, settling, noDataAfter);
    }

    /// @notice The timing part of `checkSlotTiming` (without a pinned goal version; impact pools pin none): funds close
    /// (`fundingDeadline`: an escrow's funding deadline, a scheduled pool's raise deadline, when its commitments close)
    /// by the period's end, and the no-data cut-off is no earlier than the slot can last change.
    function checkTiming(
        uint256 index,
        IMissionRegistry.Goal memory goal,
        uint16 period,
        uint256 fundingDeadline,
        uint256 settling,
        uint256 noDataAfter
    ) internal pure {
        uint256 end = OutcomeTermChecks.periodEnd(goal, period);
        if (fundingDeadline > end) revert IEscrowFactory.FundingAfterPeriodEnd(index, fundingDeadline, end);
        OutcomeTermChecks.checkCutOff(index, OutcomeTermChecks.reportingDeadline(goal, period), settling, noDataAfter);
    }

    /// @notice Reverts unless there are 1–32 beneficiaries, none zero, none with weight 0, none twice; returns the sum
    /// of their weights.
    function checkBeneficiaries(
        IOutcomeEscrow.Beneficiary[] calldata beneficiaries
    ) internal pure returns (uint256 totalWeight) {
        uint256 n = beneficiaries.length;
        if (n == 0 || n > MAX_BENEFICIARIES) revert IEscrowFactory.BeneficiaryCount(n, MAX_BENEFICIARIES);
        for (uint256 i; i < n; ++i) {
            address account = beneficiaries[i].account;
            if (account == address(0)) revert IEscrowFactory.ZeroBeneficiary(i);
            if (beneficiaries[i].weight == 0) revert IEscrowFactory.ZeroBeneficiaryWeight(i);
            for (uint256 j; j < i; ++j) {
                if (beneficiaries[j].account == account) revert IEscrowFactory.DuplicateBeneficiary(account);
            }
            totalWeight += beneficiaries[i].weight;
        }
    }
}
