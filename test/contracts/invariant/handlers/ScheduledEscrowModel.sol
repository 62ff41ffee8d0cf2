// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {IScheduledEscrow} from "../../../../contracts/escrow/IScheduledEscrow.sol";
import {IPaymentSchedule} from "../../../../contracts/outcomes/IPaymentSchedule.sol";

// The suite's schedule (file-level: the suite builds the schedule from the same figures the model pays by).
uint64 constant CO_PAY_WAD = 0.2e18;
uint64 constant COHORT_POT_WAD = 0.4e18;
uint64 constant COHORT_CEILING_WAD = 1.5e18;
uint64 constant COHORT_THRESHOLD = 30;
uint64 constant RATE_TRIGGER_0 = 60;
uint64 constant RATE_TRIGGER_1 = 100;
uint128 constant RATE_PRICE = 1_000;
uint128 constant RATE_CAP = 300_000;
uint64 constant IMPROVEMENT_REFERENCE = 400;
uint128 constant IMPROVEMENT_PRICE = 500;
uint128 constant TRUE_UP_CAP = 400_000;
uint128 constant KEY0_CAP = 1_500_000;
uint128 constant KEY1_CAP = 500_000;
uint128 constant OVERALL_CAP = 1_000_000;

/// @notice The ghost model of the scheduled-escrow invariant suite, written from `docs/payment-schedules.md` for the
/// suite's one schedule (never read back from the escrow). The schedule (the suite builds it from these constants):
/// - payer tiers: tier 0 a 20 % co-payment, tier 1 ordered;
/// - key caps: key 0 `KEY0_CAP`, key 1 `KEY1_CAP`; the schedule's overall cap `OVERALL_CAP`;
/// - point 0 (cohort, due at cut-off `cutOff[0]`): 40 % of the funds × the linear achievement of slot 0 (0 → 100,
///   over-achieving up to the 1.5 ceiling), key 0; trigger: slot 0 ≥ 30;
/// - point 1 (rate card, `cutOff[1]`): slot 1 × 1,000 (at most `RATE_CAP` a point) plus (slot 1 − 400) × 500 (an
///   improvement over 400), both on key 1; trigger: slot 0 ≥ 60 OR slot 1 ≥ 100;
/// - point 2 (cumulative true-up, `cutOff[2]`): the funds × (½ achievement of slot 0 + ½ of slot 2, each 0 → 100),
///   both on key 0, less everything paid before, at most `TRUE_UP_CAP`.
/// Slots: 0 = goal 0 period 1, 1 = goal 2 period 2, 2 = goal 0 period 3. Every division rounds down (the payer's side).
abstract contract ScheduledEscrowModel is HandlerBase {
    uint256 internal constant WAD = 1e18;
    uint256 public constant FUNDERS = 4;
    uint256 public constant BENEFICIARIES = 2;
    uint256 public constant POINTS = 3;
    uint256 public constant SLOTS = 3;
    uint256 public constant TIERS = 2;
    /// @dev Beneficiary weights (3 and 1 of 4).
    uint256 internal constant TOTAL_WEIGHT = 4;

    /// @dev How a slot reads: never reported (Empty), Final (terminal), Proposed or Disputed (Changing), Unresolved
    /// (terminal).
    enum Read {
        Empty,
        Final,
        Changing,
        Unresolved
    }

    /// @dev What the model says settling a point does.
    struct Settlement {
        bytes err; // the exact revert, or empty
        uint256 amount;
        uint256[2] parts; // per tier
        uint256[2] keyAdded; // term payments per key (what counts against its cap)
    }

    uint256 public immutable fundingDeadline;
    uint256[3] public cutOff;

    // Ghost ledgers.
    uint256 public gIn;
    uint256 public gOut;
    uint256 public gSettled; // bit per point
    uint256 public gTotalPaid;
    uint256[2] public gCommitted; // per tier
    uint256[2] public gTierPaid;
    uint256[2] public gKeyPaid; // what counts against key k's cap
    mapping(uint256 point => uint256 count) public gSettles;
    mapping(address funder => uint256[2] amounts) internal _gDeposit;
    mapping(address beneficiary => uint256 amount) public gClaimed;
    mapping(address account => uint256 amount) public gWallet;
    /// @notice Settlements while a slot the point reads was Proposed or Disputed: must stay 0.
    uint256 public gSettledWhileChanging;
    Read[3] public slotRead;
    uint64[3] public slotValue;

    constructor(uint256 fundingDeadline_, uint256[3] memory cutOff_) {
        fundingDeadline = fundingDeadline_;
        cutOff = cutOff_;
    }

    function funder(uint256 i) public pure returns (address) {
        return address(uint160(0xF000 + (i % FUNDERS))); // cast: small constants
    }

    function weightOf(uint256 i) public pure returns (uint256) {
        return i % BENEFICIARIES == 0 ? 3 : 1;
    }

    function gDeposit(address f, uint256 tier) public view returns (uint256) {
        return _gDeposit[f][tier];
    }

    function changing(uint256 s) public view returns (bool) {
        return slotRead[s] == Read.Changing;
    }

    /// @notice The funds every point shares: all deposits.
    function funds() public view returns (uint256) {
        return gCommitted[0] + gCommitted[1];
    }

    /// @notice The first point not settled (`POINTS` when all are).
    function firstOpen() public view returns (uint256) {
        for (uint256 p; p < POINTS; ++p) {
            if ((gSettled >> p) & 1 == 0) return p;
        }
        return POINTS;
    }

    /// @notice What beneficiary `i` (weight 3 or 1 of 4) can claim: its share of everything paid less its claims.
    function modelClaimable(address b, uint256 i) public view returns (uint256) {
        return (gTotalPaid * weightOf(i)) / TOTAL_WEIGHT - gClaimed[b];
    }

    /// @notice What funder `f` gets back once every point settled: per tier, its share of the tier's unpaid commitment.
    function modelRefundable(address f) public view returns (uint256 amount) {
        if (firstOpen() != POINTS) return 0;
        for (uint256 t; t < TIERS; ++t) {
            uint256 d = _gDeposit[f][t];
            if (d != 0) amount += ((gCommitted[t] - gTierPaid[t]) * d) / gCommitted[t];
        }
    }

    /*//////////////////////////////////////////////////////////////
                              SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    /// @dev Whether point `p` reads slot `s` (a term or a condition).
    function reads(uint256 p, uint256 s) public pure returns (bool) {
        if (p == 0) return s == 0;
        if (p == 1) return s <= 1;
        return s != 1;
    }

    /// @dev A slot read by a point with cut-off `cut` can still change: Proposed / Disputed, or no value yet up to
    /// and including the cut-off second.
    function _pending(uint256 s, uint256 cut) internal view returns (bool) {
        return slotRead[s] == Read.Changing || (slotRead[s] == Read.Empty && block.timestamp <= cut);
    }

    /// @dev A term's slot has no data: Unresolved, or still nothing past the cut-off.
    function _noData(uint256 s, uint256 cut) internal view returns (bool) {
        return slotRead[s] == Read.Unresolved || (slotRead[s] == Read.Empty && block.timestamp > cut);
    }

    /// @dev A condition "slot `s` at least `threshold`" holds: the slot is Final and its value reaches the threshold.
    function _holds(uint256 s, uint64 threshold) internal view returns (bool) {
        return slotRead[s] == Read.Final && slotValue[s] >= threshold;
    }

    /// @dev Linear 0 → 100 achievement of a Final slot value, in WAD (v × 1e16 exactly), up to `ceiling`.
    function _achievement(uint256 s, uint256 ceiling) internal view returns (uint256) {
        uint256 a = uint256(slotValue[s]) * 1e16;
        return a < ceiling ? a : ceiling;
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }

    function _left(uint256 cap, uint256 used) internal pure returns (uint256) {
        return cap > used ? cap - used : 0;
    }

    /// @notice What settling point `p` now must do: the exact error, or the amount, its payer split and what counts
    /// against each key.
    function modelSettle(uint256 p) public view returns (Settlement memory m) {
        if (block.timestamp <= fundingDeadline) {
            m.err = abi.encodeWithSelector(IScheduledEscrow.FundingOpen.selector, fundingDeadline, block.timestamp);
            return m;
        }
        if ((gSettled >> p) & 1 != 0) {
            m.err = abi.encodeWithSelector(IPaymentSchedule.PointAlreadySettled.selector, p);
            return m;
        }
        if (p == 2) {
            for (uint256 j; j < 2; ++j) {
                if ((gSettled >> j) & 1 == 0) {
                    m.err = abi.encodeWithSelector(IPaymentSchedule.EarlierPointOpen.selector, p, j);
                    return m;
                }
            }
        }
        uint256 cut = cutOff[p];
        bool pending;
        bool noData;
        for (uint256 s; s < SLOTS; ++s) {
            if (!reads(p, s)) continue;
            if (_pending(s, cut))
                pending = true;
                // Point 1 reads slot 0 only through its trigger: a condition without data is false, not "no data".
            else if (!(p == 1 && s == 0) && _noData(s, cut)) noData = true;
        }
        if (pending) {
            m.err = abi.encodeWithSelector(IPaymentSchedule.PointPending.selector, p);
            return m;
        }
        if (noData) return m; // NoData: settles, pays nothing
        uint256 entitlement;
        if (p == 0) {
            if (!_holds(0, COHORT_THRESHOLD)) return m;
            uint256 pot = (funds() * COHORT_POT_WAD) / WAD;
            uint256 raw = (pot * _achievement(0, COHORT_CEILING_WAD)) / WAD;
            m.keyAdded[0] = _min(raw, _left(KEY0_CAP, gKeyPaid[0]));
            entitlement = m.keyAdded[0];
        } else if (p == 1) {
            if (!_holds(0, RATE_TRIGGER_0) && !_holds(1, RATE_TRIGGER_1)) return m;
            uint256 v = slotValue[1];
            uint256 a = _min(_min(v * RATE_PRICE, RATE_CAP), _left(KEY1_CAP, gKeyPaid[1]));
            uint256 improvement = v > IMPROVEMENT_REFERENCE ? v - IMPROVEMENT_REFERENCE : 0;
            uint256 b = _min(improvement * IMPROVEMENT_PRICE, _left(KEY1_CAP, gKeyPaid[1] + a));
            m.keyAdded[1] = a + b;
            entitlement = a + b;
        } else {
            // Cumulative: each term is an entitlement over all results, so only this point's own payments count
            // against key 0's cap; everything paid earlier is then deducted as a whole.
            uint256 f = funds();
            uint256 a = _min((f * _achievement(0, WAD)) / (2 * WAD), KEY0_CAP);
            uint256 b = _min((f * _achievement(2, WAD)) / (2 * WAD), _left(KEY0_CAP, a));
            m.keyAdded[0] = a + b;
            entitlement = _left(a + b, gTotalPaid);
            entitlement = _min(entitlement, TRUE_UP_CAP);
        }
        uint256 amount = _min(_min(entitlement, _left(OVERALL_CAP, gTotalPaid)), _left(funds(), gTotalPaid));
        if (amount != 0) {
            // The co-payment tier pays its 20 % (rounded down) up to what it has left; the ordered tier the rest.
            m.parts[0] = _min((amount * CO_PAY_WAD) / WAD, gCommitted[0] - gTierPaid[0]);
            m.parts[1] = _min(amount - m.parts[0], gCommitted[1] - gTierPaid[1]);
        }
        m.amount = m.parts[0] + m.parts[1];
    }

    /// @dev Books a settlement the model predicted.
    function _book(uint256 p, Settlement memory m) internal {
        gSettled |= 1 << p;
        ++gSettles[p];
        gTotalPaid += m.amount;
        gTierPaid[0] += m.parts[0];
        gTierPaid[1] += m.parts[1];
        if (p == 2) {
            // A cumulative point raises the key's ledger to its own payments (never lowers it).
            if (m.keyAdded[0] > gKeyPaid[0]) gKeyPaid[0] = m.keyAdded[0];
        } else {
            gKeyPaid[0] += m.keyAdded[0];
            gKeyPaid[1] += m.keyAdded[1];
        }
        for (uint256 s; s < SLOTS; ++s) {
            if (reads(p, s) && changing(s)) ++gSettledWhileChanging;
        }
    }
}
