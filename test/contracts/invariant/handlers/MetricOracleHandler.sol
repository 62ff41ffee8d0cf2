// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentryProbe} from "./ReentryProbe.sol";
import {MetricOracleGhost} from "./MetricOracleGhost.sol";
import {MetricOracle} from "../../../../contracts/oracle/MetricOracle.sol";
import {IMetricOracle} from "../../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {IMissionRegistry} from "../../../../contracts/registry/IMissionRegistry.sol";
import {WeirdERC20} from "../../../mocks/tokens/WeirdERC20.sol";

/// @notice Drives the oracle with bounded random actions over 3 periods of one goal (3-of-5 committee).
///
/// A ghost model of every slot (status, reports by member, count, value, challenge end, finalisation time, disputer
/// and bond), written from the interface's rules and not from the contract, predicts the outcome of every call
/// exactly: a call the model says must succeed has to succeed, and one it says must fail has to revert with exactly the
/// predicted error (selector and arguments). After every action the oracle's slot words and dispute records must
/// equal the model's. The timing edges (period end, reporting deadline, challenge end, arbitration expiry, each at
/// the second and one past it) are reached on purpose by `warpToEdge`, so boundary faults show.
///
/// Liquity-style bond ledgers per account: posted, credited (owed), withdrawn, and every wallet. The bond token can
/// take a fee on transfer (`setFee`), so the bond credited is what arrived and a withdrawal pays the owed amount less
/// the fee, both computed here by hand. `settleAll` (run after every sequence) expires every open dispute and
/// withdraws for every account owed something: each receives exactly what the ledger says, and the oracle ends
/// holding nothing.
contract MetricOracleHandler is ReentryProbe {
    /// @dev The committee version every slot here is read and written under (the one set up before the run).
    uint16 internal constant V = 1;
    uint256 internal constant QUORUM = 3;
    uint256 internal constant ARBITRATION = 30 days;
    /// @dev Largest fee on transfer `setFee` sets (1 %).
    uint256 internal constant MAX_FEE_BPS = 100;

    MetricOracle internal oracle;
    WeirdERC20 internal token;
    address[] internal members;
    address internal arbiter;
    address public steward;
    /// @dev Reports as a non-member; resolves as a non-arbiter.
    address internal constant OUTSIDER = address(0x757);
    uint96 public immutable bond;
    uint256 public immutable challengeWindow;
    address[3] internal _disputers = [address(0xD1), address(0xD2), address(0xD3)];

    /// @dev The ghost slot of each period.
    mapping(uint16 period => MetricOracleGhost.Slot) internal _m;

    // Bond ledgers.
    uint256 public posted;
    uint256 public withdrawn;
    mapping(address account => uint256 amount) public gPosted;
    mapping(address account => uint256 amount) public gOwed;
    /// @notice Everything ever credited to the account (returned or forfeited bonds), withdrawn or not.
    mapping(address account => uint256 amount) public gCredited;
    mapping(address account => uint256 amount) public gWithdrawn;
    mapping(address account => uint256 amount) public gReceived;
    mapping(address account => uint256 amount) public gWallet;
    mapping(uint16 period => address disputer) public gDisputer;
    /// @notice Fees the token burned on bond transfers in and out (posted − fees in = credited to the oracle).
    uint256 public feesIn;
    uint256 public feesOut;

    mapping(uint16 period => bool) public arbiterResolved;
    mapping(uint16 period => bool) public seenFinal;
    mapping(uint16 period => uint64) public seenValue;
    mapping(uint16 period => uint40) public seenAt;
    bool public finalChanged;
    uint256 public finalsSeen;
    /// @notice Edges `warpToEdge` landed on, and open disputes `settleAll` expired.
    uint256 public edgesHit;
    uint256 public settledDisputes;

    /// @dev After every action: the oracle's slots equal the model; the first final value seen per slot is kept and
    /// any later change flagged.
    modifier track() {
        _;
        _checkModel();
        _checkFinals();
    }

    constructor(
        MetricOracle oracle_,
        WeirdERC20 token_,
        address[] memory members_,
        address arbiter_,
        address steward_,
        uint96 bond_,
        uint256 challengeWindow_
    ) {
        challengeWindow = challengeWindow_;
        oracle = oracle_;
        token = token_;
        members = members_;
        arbiter = arbiter_;
        steward = steward_;
        bond = bond_;
        for (uint256 i = 0; i < 3; ++i) {
            token.mint(_disputers[i], 1e30);
            gWallet[_disputers[i]] = 1e30;
            vm.prank(_disputers[i]);
            token.approve(address(oracle), type(uint256).max);
        }
    }

    /// @notice Disputer `i` (0…2) or, for 3, the steward (who receives forfeited bonds).
    function account(uint256 i) public view returns (address) {
        return i == 3 ? steward : _disputers[i];
    }

    /// @notice The bond the model says the dispute of period `p` holds (what arrived, after any fee).
    function disputeBond(uint16 p) external view returns (uint256) {
        return _m[p].bond;
    }

    /// @notice The model's stored status of period `p` (as `getSlot` would return it).
    function modelStatus(uint16 p) external view returns (IMetricFeed.SlotStatus) {
        return _m[p].status;
    }

    /*//////////////////////////////////////////////////////////////
                               THE MODEL
    //////////////////////////////////////////////////////////////*/

    function _period(uint256 seed) internal pure returns (uint16) {
        return uint16(bound(seed, 1, 3)); // cast: ≤ 3
    }

    function _window(uint16 p) internal view returns (uint40 end, uint40 deadline) {
        return IMissionRegistry(oracle.registry()).periodWindow(1, 0, p);
    }

    /// @dev The status an error reports (`_statusOf`): a slot still collecting past its deadline reads Unresolved.
    function _viewStatus(uint16 p) internal view returns (IMetricFeed.SlotStatus) {
        MetricOracleGhost.Slot storage m = _m[p];
        if (m.status == IMetricFeed.SlotStatus.Collecting && block.timestamp > m.deadline) {
            return IMetricFeed.SlotStatus.Unresolved;
        }
        return m.status;
    }

    function _wrongState(uint16 p, IMetricFeed.SlotStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMetricOracle.WrongState.selector, uint256(1), uint8(0), p, status);
    }

    function _expiresAt(uint16 p) internal view returns (uint256) {
        return uint256(_m[p].challengeEnd) + ARBITRATION;
    }

    /// @dev The arbitration expiry of a disputed slot; 0 (no edge) for any other.
    function _disputedExpiry(uint16 p) internal view returns (uint256) {
        return _m[p].status == IMetricFeed.SlotStatus.Disputed ? _expiresAt(p) : 0;
    }

    /// @dev What a transfer of `amount` delivers under the token's current fee.
    function _net(uint256 amount) internal view returns (uint256) {
        return amount - (amount * token.feeBps()) / 10_000;
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Short steps through the report windows (50 s each, every 100 s), or one in four a jump past the
    /// challenge window. Time stands still until a first call into the oracle succeeded, so no run is all reverts.
    function warp(uint256 dt) external track {
        if (successes == 0) return;
        vm.warp(block.timestamp + (dt % 4 == 0 ? challengeWindow + 1 : bound(dt >> 2, 1, 60)));
    }

    /// @dev Moves time to a timing edge of a slot, still ahead: its period end, reporting deadline, challenge end or
    /// arbitration expiry, at the second or one past it (the first edge ahead from the one `seed` picks).
    function warpToEdge(uint256 seed) external track {
        if (successes == 0) return;
        uint256[24] memory edges;
        for (uint16 p = 1; p <= 3; ++p) {
            (uint40 end, uint40 deadline) = _window(p);
            uint256 b = 8 * (p - 1);
            edges[b] = end;
            edges[b + 1] = uint256(end) + 1;
            edges[b + 2] = deadline;
            edges[b + 3] = uint256(deadline) + 1;
            MetricOracleGhost.Slot storage m = _m[p];
            if (m.challengeEnd != 0) {
                edges[b + 4] = m.challengeEnd;
                edges[b + 5] = uint256(m.challengeEnd) + 1;
                edges[b + 6] = _expiresAt(p);
                edges[b + 7] = _expiresAt(p) + 1;
            }
        }
        for (uint256 i; i < 24; ++i) {
            uint256 t = edges[((seed % 24) + i) % 24];
            if (t > block.timestamp) {
                vm.warp(t);
                ++edgesHit;
                return;
            }
        }
    }

    /// @dev The bond token's fee on transfer: none (one in two) or 1…100 bps.
    function setFee(uint256 seed) external track {
        token.setFeeBps(seed % 2 == 0 ? 0 : bound(seed >> 1, 1, MAX_FEE_BPS));
    }

    /// @dev A member that has not reported in the slot yet (from `memberSeed` on), so that quorums form. The first
    /// report of a run goes to period 1, open at the start (periods 2 and 3 have not ended yet).
    function report(uint256 memberSeed, uint256 periodSeed, uint64 value) external track {
        _report(memberSeed, periodSeed, value);
    }

    /// @dev A member that already reported in the slot, if any (else any member): AlreadyReported once the slot
    /// takes reports.
    function reportAgain(uint256 memberSeed, uint256 periodSeed, uint64 value) external track {
        _bootstrap();
        uint16 p = _period(periodSeed);
        uint256 idx = memberSeed % 5;
        for (uint256 i; i < 5; ++i) {
            if (_m[p].mask & (1 << ((idx + i) % 5)) != 0) {
                idx = (idx + i) % 5;
                break;
            }
        }
        _reportAs(members[idx], idx, p, value);
    }

    /// @dev A report by an account outside the committee: NotCommitteeMember once the slot takes reports.
    function reportByOutsider(uint256 periodSeed, uint64 value) external track {
        _bootstrap();
        _reportAs(OUTSIDER, type(uint256).max, _period(periodSeed), value);
    }

    /// @dev Before a first success, the other actions report first (member 0, period 1, which is open at the start),
    /// so that no run is all reverts (the escrow handler's `_bootstrap`).
    function _bootstrap() internal {
        if (successes == 0) _report(0, 0, 0);
    }

    function _report(uint256 memberSeed, uint256 periodSeed, uint64 value) internal {
        uint16 p = successes == 0 ? 1 : _period(periodSeed);
        uint256 idx = _freshMember(memberSeed % 5, p);
        _reportAs(members[idx], idx, p, value);
    }

    /// @dev The first member index from `start` on that has not reported in period `p` (`start` if all have).
    function _freshMember(uint256 start, uint16 p) internal view returns (uint256) {
        for (uint256 i; i < 5; ++i) {
            uint256 idx = (start + i) % 5;
            if (_m[p].mask & (1 << idx) == 0) return idx;
        }
        return start;
    }

    /// @dev `idx` is the reporter's member index, or `type(uint256).max` for a non-member.
    function _reportAs(address reporter, uint256 idx, uint16 p, uint64 value) internal {
        value %= 1000;
        MetricOracleGhost.Slot storage m = _m[p];
        (uint40 end, uint40 deadline) = _window(p);
        bytes memory expected;
        if (m.status == IMetricFeed.SlotStatus.None && block.timestamp <= end) {
            expected = abi.encodeWithSelector(IMetricOracle.PeriodNotEnded.selector, uint256(1), uint8(0), p, end);
        } else if (
            m.status != IMetricFeed.SlotStatus.None &&
            m.status != IMetricFeed.SlotStatus.Collecting &&
            m.status != IMetricFeed.SlotStatus.Proposed
        ) {
            expected = _wrongState(p, m.status);
        } else if (block.timestamp > deadline) {
            expected = abi.encodeWithSelector(
                IMetricOracle.ReportingClosed.selector,
                uint256(1),
                uint8(0),
                p,
                deadline
            );
        } else if (idx == type(uint256).max) {
            expected = abi.encodeWithSelector(IMetricOracle.NotCommitteeMember.selector, uint256(1), V, reporter);
        } else if (m.mask & (1 << idx) != 0) {
            expected = abi.encodeWithSelector(
                IMetricOracle.AlreadyReported.selector,
                uint256(1),
                uint8(0),
                p,
                reporter
            );
        }
        vm.prank(reporter);
        (bool ok, bytes memory ret) = address(oracle).call(
            abi.encodeCall(oracle.report, (IMetricOracle.Report(1, V, 0, p, value, bytes32(0))))
        );
        _outcome("report", ok, ret, expected);
        if (expected.length != 0) return;
        MetricOracleGhost.applyReport(m, idx, value, deadline, QUORUM, challengeWindow);
    }

    function dispute(uint256 periodSeed, uint256 who) external track {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Proposed);
        _edgeWarp(periodSeed, _m[p].challengeEnd);
        address d = _disputers[bound(who, 0, 2)];
        MetricOracleGhost.Slot storage m = _m[p];
        bytes memory expected;
        if (m.status != IMetricFeed.SlotStatus.Proposed) {
            expected = _wrongState(p, _viewStatus(p));
        } else if (block.timestamp > m.challengeEnd) {
            expected = abi.encodeWithSelector(
                IMetricOracle.ChallengeWindowClosed.selector,
                uint256(1),
                uint8(0),
                p,
                m.challengeEnd
            );
        }
        uint256 arrives = _net(bond);
        uint256 before = token.balanceOf(address(oracle));
        uint256 walletBefore = token.balanceOf(d);
        vm.prank(d);
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.dispute, (1, V, 0, p)));
        _outcome("dispute", ok, ret, expected);
        if (!ok) return;
        assertEq(walletBefore - token.balanceOf(d), bond, "dispute: the disputer paid the committee's bond");
        assertEq(token.balanceOf(address(oracle)) - before, arrives, "dispute: the bond less the fee arrived");
        m.status = IMetricFeed.SlotStatus.Disputed;
        m.disputer = d;
        m.bond = uint96(arrives); // cast: ≤ bond
        posted += arrives;
        feesIn += bond - arrives;
        gPosted[d] += arrives;
        gWallet[d] -= bond;
        gDisputer[p] = d;
    }

    /// @dev A dispute during whose bond transfer the token calls the oracle again (a dispute of period 1…3, whose bond
    /// it holds and approved, or a bond withdrawal). The outer dispute is predicted and checked as in `dispute`; the
    /// inner call must be refused by the reentrancy guard.
    function reenterDispute(uint256 periodSeed, uint256 who, uint256 inner) external {
        uint16 other = uint16(bound(inner >> 1, 1, 3)); // cast: at most 3
        bytes memory data =
            inner % 2 == 0
                ? abi.encodeCall(oracle.dispute, (1, V, 0, other))
                : abi.encodeCall(oracle.withdrawBond, (address(token)));
        uint256 before = _armReentry(token, address(oracle), data, bond);
        this.dispute(periodSeed, who);
        _requireReentryRefused(token, "reenterDispute", before);
    }

    /// @dev The arbiter's ruling. One resolution in two upholds the proposed value (a wrong dispute: the bond is
    /// forfeited to the steward), so that both ways a bond can go are taken often.
    function resolve(uint256 periodSeed, uint64 value, bool invalid) external track {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Disputed);
        _edgeWarp(periodSeed, _disputedExpiry(p));
        value = value % 2 == 0 ? _m[p].value : value % 1000;
        _resolveAs(arbiter, p, value, invalid);
    }

    /// @dev A ruling by someone other than the arbiter (a disputer, the steward or an outsider): NotArbiter.
    function resolveByOther(uint256 periodSeed, uint256 who, uint64 value, bool invalid) external track {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Disputed);
        _edgeWarp(periodSeed, _disputedExpiry(p));
        address caller = who % 5 == 4 ? OUTSIDER : account(who % 4);
        _resolveAs(caller, p, value % 1000, invalid);
    }

    function _resolveAs(address caller, uint16 p, uint64 value, bool invalid) internal {
        MetricOracleGhost.Slot storage m = _m[p];
        bytes memory expected;
        if (m.status != IMetricFeed.SlotStatus.Disputed) {
            expected = _wrongState(p, _viewStatus(p));
        } else if (block.timestamp > _expiresAt(p)) {
            expected = abi.encodeWithSelector(
                IMetricOracle.ArbitrationExpired.selector,
                uint256(1),
                uint8(0),
                p,
                _expiresAt(p)
            );
        } else if (caller != arbiter) {
            expected = abi.encodeWithSelector(IMetricOracle.NotArbiter.selector, uint256(1), V, caller);
        }
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(oracle).call(
            invalid
                ? abi.encodeCall(oracle.resolveInvalid, (1, V, 0, p))
                : abi.encodeCall(oracle.resolve, (1, V, 0, p, value))
        );
        _outcome("resolve", ok, ret, expected);
        if (!ok) return;
        // A right dispute (or an invalid slot) returns the bond; a wrong one forfeits it to the steward.
        address to = invalid || value != m.value ? m.disputer : steward;
        gOwed[to] += m.bond;
        gCredited[to] += m.bond;
        if (invalid) {
            m.status = IMetricFeed.SlotStatus.Unresolved;
        } else {
            m.status = IMetricFeed.SlotStatus.Final;
            m.value = value;
            m.finalizedAt = uint40(block.timestamp); // cast: test timestamps are small
            arbiterResolved[p] = true;
        }
    }

    function finalize(uint256 periodSeed) external track {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Proposed);
        _edgeWarp(periodSeed, _m[p].challengeEnd);
        MetricOracleGhost.Slot storage m = _m[p];
        bytes memory expected;
        if (m.status != IMetricFeed.SlotStatus.Proposed) {
            expected = _wrongState(p, _viewStatus(p));
        } else if (block.timestamp <= m.challengeEnd) {
            expected = abi.encodeWithSelector(
                IMetricOracle.ChallengeWindowOpen.selector,
                uint256(1),
                uint8(0),
                p,
                m.challengeEnd
            );
        }
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.finalize, (1, V, 0, p)));
        _outcome("finalize", ok, ret, expected);
        if (!ok) return;
        m.status = IMetricFeed.SlotStatus.Final;
        m.finalizedAt = uint40(block.timestamp); // cast: test timestamps are small
    }

    function markUnresolved(uint256 periodSeed) external track {
        _bootstrap();
        uint16 p = _period(periodSeed);
        MetricOracleGhost.Slot storage m = _m[p];
        (, uint40 deadline) = _window(p);
        IMetricFeed.SlotStatus status =
            m.status == IMetricFeed.SlotStatus.None
                ? (block.timestamp > deadline ? IMetricFeed.SlotStatus.Unresolved : IMetricFeed.SlotStatus.None)
                : _viewStatus(p);
        bytes memory expected;
        if (status != IMetricFeed.SlotStatus.Unresolved || m.status == IMetricFeed.SlotStatus.Unresolved) {
            expected = _wrongState(p, status);
        }
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.markUnresolved, (1, V, 0, p)));
        _outcome("markUnresolved", ok, ret, expected);
        if (ok) m.status = IMetricFeed.SlotStatus.Unresolved;
    }

    /// @dev Expires a dispute; one call in four first jumps 31 days (past any arbitration period), the others try at
    /// the expiry's second, one past it, or the current time (`_edgeWarp`).
    function expire(uint256 periodSeed) external track {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Disputed);
        if (successes > 0 && periodSeed % 4 == 0) vm.warp(block.timestamp + 31 days);
        else _edgeWarp(periodSeed, _disputedExpiry(p));
        _expire(p);
    }

    /// @dev Before a call whose outcome turns on time `t` (a challenge end, an arbitration expiry): when `seed % 4`
    /// is 1 it first moves to exactly `t`, when 2 to `t + 1` (when ahead), so that each boundary is tried at the second
    /// and one past (the period choice from the same seed still finds the slot in the wanted state). Time stands
    /// still before a first success.
    function _edgeWarp(uint256 seed, uint256 t) internal {
        if (successes == 0 || t == 0) return;
        uint256 mode = seed % 4;
        if (mode == 1 && t > block.timestamp) vm.warp(t);
        else if (mode == 2 && t + 1 > block.timestamp) vm.warp(t + 1);
        else return;
        ++edgesHit;
    }

    function _expire(uint16 p) internal {
        MetricOracleGhost.Slot storage m = _m[p];
        bytes memory expected;
        if (m.status != IMetricFeed.SlotStatus.Disputed) {
            expected = _wrongState(p, _viewStatus(p));
        } else if (block.timestamp <= _expiresAt(p)) {
            expected = abi.encodeWithSelector(
                IMetricOracle.ArbitrationNotExpired.selector,
                uint256(1),
                uint8(0),
                p,
                _expiresAt(p)
            );
        }
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.expireDispute, (1, V, 0, p)));
        _outcome("expire", ok, ret, expected);
        if (!ok) return;
        gOwed[m.disputer] += m.bond;
        gCredited[m.disputer] += m.bond;
        m.status = IMetricFeed.SlotStatus.Unresolved;
    }

    /// @dev The period (1…3) from `seed`, or the first after it whose model slot is in `status` (Morpho-style
    /// bounding: most calls go where they can succeed).
    function _periodIn(uint256 seed, IMetricFeed.SlotStatus status) internal view returns (uint16) {
        for (uint256 i; i < 3; ++i) {
            uint16 p = uint16(1 + (((seed % 3) + i) % 3)); // cast: ≤ 3
            if (_m[p].status == status) return p;
        }
        return _period(seed);
    }

    /// @dev Pays exactly what the ledger says `a` is owed (less the token's fee), once; with nothing owed it must
    /// revert NothingToWithdraw.
    function withdraw(uint256 who) external track {
        _bootstrap();
        // Two calls in three go to an account that is owed something, if any; the third may find nothing owed.
        address a = account(who % 4);
        if (who % 3 != 0) {
            for (uint256 i; i < 4; ++i) {
                if (gOwed[account(((who % 4) + i) % 4)] > 0) {
                    a = account(((who % 4) + i) % 4);
                    break;
                }
            }
        }
        _withdraw(a);
    }

    function _withdraw(address a) internal {
        uint256 due = gOwed[a];
        uint256 net = _net(due);
        uint256 before = token.balanceOf(a);
        uint256 held = token.balanceOf(address(oracle));
        vm.prank(a);
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.withdrawBond, (address(token))));
        _outcome(
            "withdraw",
            ok,
            ret,
            due == 0 ? abi.encodeWithSelector(IMetricOracle.NothingToWithdraw.selector, address(token), a) : bytes("")
        );
        if (!ok) return;
        assertEq(token.balanceOf(a) - before, net, "withdrawBond: exactly what is owed, less the fee");
        assertEq(held - token.balanceOf(address(oracle)), due, "withdrawBond: the oracle paid out what was owed");
        gOwed[a] = 0;
        gWithdrawn[a] += due;
        gReceived[a] += net;
        gWallet[a] += net;
        withdrawn += due;
        feesOut += due - net;
    }

    /*//////////////////////////////////////////////////////////////
                              END OF RUN
    //////////////////////////////////////////////////////////////*/

    /// @notice Ends the run the way every participant eventually would: each open dispute expires (its bond back to
    /// its disputer), then every account owed a bond withdraws it. Each withdrawal is checked as in `withdraw`.
    function settleAll() external {
        for (uint16 p = 1; p <= 3; ++p) {
            if (_m[p].status != IMetricFeed.SlotStatus.Disputed) continue;
            if (block.timestamp <= _expiresAt(p)) vm.warp(_expiresAt(p) + 1);
            _expire(p);
            ++settledDisputes;
        }
        for (uint256 i; i < 4; ++i) {
            if (gOwed[account(i)] > 0) _withdraw(account(i));
        }
        _checkModel();
    }

    /*//////////////////////////////////////////////////////////////
                                CHECKS
    //////////////////////////////////////////////////////////////*/

    /// @notice The oracle's slot words and dispute records equal the model's (reverts on the first difference).
    function checkModel() external view {
        _checkModel();
    }

    function _checkModel() internal view {
        uint16 latestFinal;
        for (uint16 p = 1; p <= 3; ++p) {
            MetricOracleGhost.Slot storage m = _m[p];
            if (m.status == IMetricFeed.SlotStatus.Final) latestFinal = p;
            IMetricOracle.Slot memory s = oracle.getSlot(1, V, 0, p);
            assertEq(uint256(s.status), uint256(m.status), "model: status");
            assertEq(s.reportCount, m.count, "model: report count");
            assertEq(s.reportedMask, m.mask, "model: reported mask");
            if (m.status == IMetricFeed.SlotStatus.None) continue;
            if (m.count != 0) {
                // A slot marked Unresolved with no report carries no window (markUnresolved writes only the status).
                assertEq(s.reportingDeadline, m.deadline, "model: reporting deadline");
                assertEq(s.quorum, QUORUM, "model: quorum copied");
            }
            assertEq(s.value, m.value, "model: value");
            assertEq(s.challengeEnd, m.challengeEnd, "model: challenge end");
            assertEq(s.finalizedAt, m.finalizedAt, "model: finalised at");
            for (uint256 i; i < 5; ++i) {
                (bool reported, uint64 v) = oracle.reportOf(1, V, 0, p, members[i]);
                assertTrue(reported == (m.mask & (1 << i) != 0), "model: member reported");
                if (reported) assertEq(v, m.values[i], "model: member's value");
            }
            IMetricOracle.Dispute memory d = oracle.getDispute(1, V, 0, p);
            assertEq(d.disputer, m.disputer, "model: disputer");
            assertEq(d.bond, m.bond, "model: bond credited");
        }
        // The highest final period, whatever order the periods became final in.
        assertEq(oracle.latestFinalPeriod(1, V, 0), latestFinal, "model: latest final period");
    }

    function _checkFinals() internal {
        for (uint16 p = 1; p <= 3; ++p) {
            if (oracle.slotStatus(1, V, 0, p) != IMetricFeed.SlotStatus.Final) {
                if (seenFinal[p]) finalChanged = true; // a final slot left Final
                continue;
            }
            (uint64 v, uint40 at) = oracle.finalValue(1, V, 0, p);
            if (!seenFinal[p]) {
                seenFinal[p] = true;
                seenValue[p] = v;
                seenAt[p] = at;
                ++finalsSeen;
            } else if (seenValue[p] != v || seenAt[p] != at) {
                finalChanged = true;
            }
        }
    }
}
