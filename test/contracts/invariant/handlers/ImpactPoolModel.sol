// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentryProbe} from "./ReentryProbe.sol";
import {ImpactPool} from "../../../../contracts/pool/ImpactPool.sol";
import {IImpactPool} from "../../../../contracts/pool/IImpactPool.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {OutcomeLib} from "../../../../contracts/outcomes/OutcomeLib.sol";
import {RepaymentLib} from "../../../../contracts/pool/RepaymentLib.sol";
import {MockMetricFeed} from "../../../mocks/MockMetricFeed.sol";
import {WeirdERC20} from "../../../mocks/tokens/WeirdERC20.sol";

/// @notice The ghost model `ImpactPoolHandler` drives one pool with (the education example of `PoolFixtures`: 8
/// investors, 3 outcome payers, its providers): Liquity-style ledgers of every account's shares, commitment and
/// wallet, and the pool's supply, fund, disbursed capital, pots and phase; the phase, redemptions, refunds, curves,
/// composite and repayment multiple re-computed by hand from the interface's rules.
abstract contract ImpactPoolModel is ReentryProbe {
    uint256 internal constant WAD = 1e18;

    ImpactPool public immutable pool;
    WeirdERC20 public immutable token;
    MockMetricFeed public immutable feed;
    IImpactPool.Schedule internal _schedule;
    OutcomeLib.OutcomeTerm[] internal _basket;
    IImpactPool.Config internal _c;

    address[] public investors;
    address[] public payers;

    // Ghost ledgers.
    mapping(address account => uint256 shares) public gShares;
    mapping(address payer => uint256 amount) public gCommit;
    mapping(address account => uint256 amount) public gWallet;
    uint256 public gSupply;
    uint256 public gFund;
    uint256 public gDisbursed;
    uint256 public gDisbursedBits;
    bool public gSettled;
    uint256 public gComposite;
    uint256 public gOutcomePayment;
    uint256 public gInvestorPot;
    uint256 public gRefundPot;
    uint256 public gPoolBalance;
    uint256 public gSettles;
    /// @notice Runs wound up by `windUp`.
    uint256 public windUps;

    /// @dev Moments worth jumping to: just past the raise deadline, the milestone tranche, the settlement deadline,
    /// and just past deadline + grace.
    uint256[4] internal _moments;

    constructor(
        ImpactPool pool_,
        WeirdERC20 token_,
        MockMetricFeed feed_,
        IImpactPool.Schedule memory schedule_,
        OutcomeLib.OutcomeTerm[] memory basket_,
        uint256[4] memory moments_
    ) {
        _moments = moments_;
        pool = pool_;
        token = token_;
        feed = feed_;
        _c = pool_.config();
        _schedule.providers = schedule_.providers;
        for (uint256 i; i < schedule_.tranches.length; ++i) _schedule.tranches.push(schedule_.tranches[i]);
        for (uint256 i; i < basket_.length; ++i) _basket.push(basket_[i]);
        for (uint256 i; i < 8; ++i) investors.push(address(uint160(0x1000 + i)));
        for (uint256 i; i < 3; ++i) payers.push(address(uint160(0x2000 + i)));
    }

    function investorCount() external view returns (uint256) {
        return investors.length;
    }

    function payerCount() external view returns (uint256) {
        return payers.length;
    }

    function providerCount() external view returns (uint256) {
        return _schedule.providers.length;
    }

    function provider(uint256 i) external view returns (address) {
        return _schedule.providers[i];
    }

    function basket() public view returns (OutcomeLib.OutcomeTerm[] memory) {
        return _basket;
    }

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    function modelPhase() public view returns (IImpactPool.Phase) {
        if (gSettled) return IImpactPool.Phase.Settled;
        if (gSupply >= _c.capitalTarget) return IImpactPool.Phase.Funded;
        if (block.timestamp > _c.raiseDeadline) return IImpactPool.Phase.RaiseFailed;
        return IImpactPool.Phase.Raising;
    }

    function modelRedeem(uint256 shares) public view returns (uint256) {
        if (!gSettled || gSupply == 0) return 0;
        return (gInvestorPot * shares) / gSupply;
    }

    function modelRefund(address payer) public view returns (uint256) {
        IImpactPool.Phase p = modelPhase();
        uint256 committed = gCommit[payer];
        if (committed == 0) return 0;
        if (p == IImpactPool.Phase.RaiseFailed) return committed;
        if (p == IImpactPool.Phase.Settled) return (gRefundPot * committed) / gFund;
        return 0;
    }

    /// @dev Linear progress from `from` to `to`, rounded down, clamped to [0, WAD], in either direction.
    function _progress(uint64 v, uint64 from, uint64 to) internal pure returns (uint256) {
        bool lower = to < from;
        if (lower ? v <= to : v >= to) return WAD;
        if (lower ? v >= from : v <= from) return 0;
        uint256 gained = lower ? from - v : v - from;
        uint256 span = lower ? from - to : to - from;
        return (gained * WAD) / span;
    }

    /// @dev The repayment multiple of the pool's curve, by hand (rounded down).
    function _multiple(uint256 composite) internal view returns (uint256) {
        RepaymentLib.Curve memory r = _c.repayment;
        if (composite == 0 || composite < r.thresholdWad) return 0;
        if (composite >= WAD) return WAD + r.maxReturnWad;
        if (composite >= r.principalAtWad) {
            return WAD + (uint256(r.maxReturnWad) * (composite - r.principalAtWad)) / (WAD - r.principalAtWad);
        }
        return (WAD * (composite - r.thresholdWad)) / (r.principalAtWad - r.thresholdWad);
    }

    /// @dev (pending, composite) of the basket now: any Unresolved slot or silence past deadline + grace reads 0.
    function _outcome() internal view returns (bool pending, uint256 composite) {
        bool allFinal = true;
        bool changing;
        for (uint256 i; i < _basket.length; ++i) {
            OutcomeLib.OutcomeTerm memory t = _basket[i];
            IMetricFeed.SlotStatus s = feed.slotStatus(t.missionId, 0, t.goalId, t.period);
            if (s == IMetricFeed.SlotStatus.Unresolved) return (false, 0);
            if (s != IMetricFeed.SlotStatus.Final) allFinal = false;
            if (s == IMetricFeed.SlotStatus.Proposed || s == IMetricFeed.SlotStatus.Disputed) changing = true;
        }
        // A value that can still change (Proposed / Disputed) keeps the outcome pending, past deadline + grace too.
        if (!allFinal) return (changing || block.timestamp <= uint256(_c.settlementDeadline) + _c.gracePeriod, 0);
        uint256 sum;
        for (uint256 i; i < _basket.length; ++i) {
            OutcomeLib.OutcomeTerm memory t = _basket[i];
            (uint64 v, ) = feed.finalValue(t.missionId, 0, t.goalId, t.period);
            sum += uint256(t.weightWad) * _progress(v, t.curve.baseline, t.curve.target);
        }
        return (false, sum / WAD);
    }

    function _phaseError(IImpactPool.Phase p) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IImpactPool.WrongState.selector, p);
    }

    /// @dev Ends an action: a success the model did not expect, or a revert other than the predicted one, fails.
    function _settleCall(string memory action, bool ok, bytes memory ret, bytes memory expected) internal {
        if (ok && expected.length != 0) revert UnexpectedSuccess(action);
        if (!ok && expected.length == 0) revert UnexpectedRevert(action, ret);
        if (!ok) _expectExactRevert(action, ret, expected);
        else _ok(action);
    }
}
