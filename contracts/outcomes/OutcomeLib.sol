// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricFeed} from "../oracle/IMetricFeed.sol";
import {PayoutCurves} from "./PayoutCurves.sol";
import {MathLib} from "../libraries/MathLib.sol";

/// @title OutcomeLib
/// @notice Outcome terms (a payout curve on one metric slot, with a weight) and the composite achievement of a
/// weighted basket of terms. Also the one settlement read shared by escrows and pools, so both resolve an outcome
/// in exactly the same way.
/// @dev Fixed point in WAD (1e18 = 100 %); every result is rounded DOWN, which favours the payer / protocol.
library OutcomeLib {
    /// @notice Most terms in one basket.
    uint256 internal constant MAX_TERMS = 8;

    /// @notice How an outcome stands when it is read.
    /// - `Pending`: not every slot is final yet, and a slot can still change (Proposed, Disputed) or the no-data time
    ///   has not passed (callers revert).
    /// - `Achieved`: every slot is final; the composite achievement is known (it may be 0).
    /// - `NoData`: a slot is `Unresolved`, or after the no-data time some slot has no value at all (refund).
    enum Resolution {
        Pending,
        Achieved,
        NoData
    }

    /// @notice One outcome term: the curve applied to the final value of slot (missionId, goalId, period).
    /// @param weightWad Weight of the term in the composite; the weights of a basket sum to exactly WAD.
    struct OutcomeTerm {
        uint256 missionId;
        uint8 goalId;
        uint16 period;
        uint64 weightWad;
        PayoutCurves.Curve curve;
    }

    /// @notice A basket must have between 1 and `max` terms; `count` were given.
    error TermCount(uint256 count, uint256 max);
    /// @notice Term `index` has weight 0.
    error TermZeroWeight(uint256 index);
    /// @notice The weights sum to `sumWad` instead of exactly WAD.
    error TermWeightSum(uint256 sumWad);
    /// @notice `values` has `values` entries for `terms` terms.
    error TermValueCount(uint256 terms, uint256 values);

    /// @notice Σ weightWad × achievementWad / WAD over the terms, rounded down (favours the payer).
    /// @dev One division at the end, so the only loss is < 1 wei of WAD; the result is ≤ the largest
    /// achievement, WAD when every achievement is WAD, and 0 when every achievement is 0.
    /// @param values The metric value of each term's slot, in term order.
    function compositeWad(OutcomeTerm[] memory terms, uint64[] memory values) internal pure returns (uint256) {
        uint256 n = terms.length;
        if (values.length != n) revert TermValueCount(n, values.length);
        uint256 sum;
        for (uint256 i; i < n; ++i) {
            // ≤ 8 × 2^64 × 1e18, far below 2^256.
            sum += uint256(terms[i].weightWad) * PayoutCurves.achievementWad(terms[i].curve, values[i]);
        }
        // Rounded down (favours the payer): a sum of products, so one plain division by the unit, not a mulDiv.
        return sum / MathLib.WAD;
    }

    /// @notice Reverts unless there are 1–8 terms with positive weights summing to exactly WAD and valid curves.
    /// @dev Does not check the slots against a registry: callers that pin a goal version check that themselves.
    function validateTerms(OutcomeTerm[] memory terms) internal pure {
        uint256 n = terms.length;
        if (n == 0 || n > MAX_TERMS) revert TermCount(n, MAX_TERMS);
        uint256 sum;
        for (uint256 i; i < n; ++i) {
            if (terms[i].weightWad == 0) revert TermZeroWeight(i);
            sum += terms[i].weightWad;
            PayoutCurves.validate(terms[i].curve);
        }
        if (sum != MathLib.WAD) revert TermWeightSum(sum);
    }

    /// @notice The pinned committee versions of a basket: term `i`'s version is the 16-bit lane `i` of the word.
    /// @dev 8 terms × 16 bits = 128 bits: every lane fits.
    function versionOf(uint256 versions, uint256 i) internal pure returns (uint16) {
        return uint16(versions >> (16 * i)); // cast: takes lane i
    }

    /// @notice `version` in every lane (a basket whose terms all read one mission's pinned version).
    function uniformVersions(uint16 version) internal pure returns (uint256) {
        // 0x0001 repeated 8 times: version copied into lanes 0–7 (no lane overflows: version < 2^16).
        return uint256(version) * 0x00010001000100010001000100010001;
    }

    /// @notice The settlement read shared by escrows and pools. Each term reads its slot under the committee
    /// version the consumer pinned at creation (`versions`, lane per term).
    /// @return resolution `Achieved` when every term's slot is Final (composite from the final values); `NoData`
    /// when any slot is Unresolved, or when some slot has neither a proposal nor a final value (None or Collecting)
    /// and `block.timestamp > noDataAfter`; `Pending` otherwise (the caller reverts). A slot that is Proposed or
    /// Disputed can still change and always reads Pending, never NoData: it becomes Final or Unresolved by
    /// `reportingDeadline + challengeWindow + arbitrationPeriod` (or anyone can make it so), which factories keep
    /// at or before `noDataAfter`.
    /// @return compositeWad_ The composite achievement when `Achieved`, else 0.
    /// @param noDataAfter Usually the settlement deadline plus the grace period: at exactly that time the outcome
    /// is still Pending; one second later it is NoData.
    function readOutcome(
        IMetricFeed feed,
        OutcomeTerm[] memory terms,
        uint256 versions,
        uint256 noDataAfter
    ) internal view returns (Resolution resolution, uint256 compositeWad_) {
        uint256 n = terms.length;
        bool allFinal = true;
        bool changing;
        for (uint256 i; i < n; ++i) {
            OutcomeTerm memory t = terms[i];
            IMetricFeed.SlotStatus status = feed.slotStatus(t.missionId, versionOf(versions, i), t.goalId, t.period);
            if (status == IMetricFeed.SlotStatus.Unresolved) return (Resolution.NoData, 0);
            if (status != IMetricFeed.SlotStatus.Final) allFinal = false;
            if (status == IMetricFeed.SlotStatus.Proposed || status == IMetricFeed.SlotStatus.Disputed) {
                changing = true;
            }
        }
        if (!allFinal) {
            return (!changing && block.timestamp > noDataAfter ? Resolution.NoData : Resolution.Pending, 0);
        }
        uint64[] memory values = new uint64[](n);
        for (uint256 i; i < n; ++i) {
            (values[i], ) = feed.finalValue(
                terms[i].missionId,
                versionOf(versions, i),
                terms[i].goalId,
                terms[i].period
            );
        }
        return (Resolution.Achieved, compositeWad(terms, values));
    }
}
