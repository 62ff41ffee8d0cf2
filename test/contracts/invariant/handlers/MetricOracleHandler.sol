// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {MetricOracle} from "../../../../contracts/oracle/MetricOracle.sol";
import {IMetricOracle} from "../../../../contracts/oracle/IMetricOracle.sol";
import {IMetricFeed} from "../../../../contracts/oracle/IMetricFeed.sol";
import {WeirdERC20} from "../../../mocks/tokens/WeirdERC20.sol";

/// @notice Drives the oracle with bounded random actions over 3 periods of one goal (3-of-5 committee). Every revert
/// must be in the allowlist of its call. Liquity-style bond ledgers per account: posted, credited (owed), withdrawn,
/// and every wallet; the bond moves of a dispute, a resolution, an invalidation, an expiry and a withdrawal are
/// predicted exactly. Final values are recorded when first seen and must never change.
contract MetricOracleHandler is HandlerBase {
    /// @dev The committee version every slot here is read and written under (the one set up before the run).
    uint16 internal constant V = 1;
    MetricOracle internal oracle;
    WeirdERC20 internal token;
    address[] internal members;
    address internal arbiter;
    address public steward;
    uint96 public immutable bond;
    uint256 public immutable challengeWindow;
    address[3] internal _disputers = [address(0xD1), address(0xD2), address(0xD3)];

    // Bond ledgers.
    uint256 public posted;
    uint256 public withdrawn;
    mapping(address account => uint256 amount) public gPosted;
    mapping(address account => uint256 amount) public gOwed;
    mapping(address account => uint256 amount) public gWithdrawn;
    mapping(address account => uint256 amount) public gWallet;
    mapping(uint16 period => address disputer) public gDisputer;

    mapping(uint16 period => bool) public arbiterResolved;
    mapping(uint16 period => bool) public seenFinal;
    mapping(uint16 period => uint64) public seenValue;
    mapping(uint16 period => uint40) public seenAt;
    bool public finalChanged;
    uint256 public finalsSeen;

    /// @dev After every action: record the first final value seen per slot and flag any later change.
    modifier track() {
        _;
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

    function _period(uint256 seed) internal pure returns (uint16) {
        return uint16(bound(seed, 1, 3)); // cast: ≤ 3
    }

    function _done(string memory action, bool ok, bytes memory ret, bytes4[] memory allowed) internal {
        if (ok) _ok(action);
        else _expectRevert(action, ret, allowed);
    }

    /// @dev The period (1…3) from `seed`, or the first after it whose slot is in `status` (Morpho-style bounding:
    /// most calls go where they can succeed).
    function _periodIn(uint256 seed, IMetricFeed.SlotStatus status) internal view returns (uint16) {
        for (uint256 i; i < 3; ++i) {
            uint16 p = uint16(1 + (((seed % 3) + i) % 3)); // cast: ≤ 3
            if (oracle.slotStatus(1, V, 0, p) == status) return p;
        }
        return _period(seed);
    }

    /// @dev Short steps through the report windows (50 s each, every 100 s), or one in four a jump past the
    /// challenge window. Time stands still until a first call into the oracle succeeded, so no run is all reverts.
    function warp(uint256 dt) external track {
        if (successes == 0) return;
        vm.warp(block.timestamp + (dt % 4 == 0 ? challengeWindow + 1 : bound(dt >> 2, 1, 60)));
    }

    /// @dev A member that has not reported in the slot yet (from `memberSeed` on), so that quorums form. The first
    /// report of a run goes to period 1, open at the start (periods 2 and 3 have not ended yet).
    function report(uint256 memberSeed, uint256 periodSeed, uint64 value) external track {
        _report(memberSeed, periodSeed, value);
    }

    /// @dev Before a first success, the other actions report first (member 0, period 1, which is open at the start),
    /// so that no run is all reverts (the escrow handler's `_bootstrap`).
    function _bootstrap() internal {
        if (successes == 0) _report(0, 0, 0);
    }

    function _report(uint256 memberSeed, uint256 periodSeed, uint64 value) internal {
        uint16 p = successes == 0 ? 1 : _period(periodSeed);
        address member = _freshMember(memberSeed % 5, p);
        IMetricOracle.Report memory r = IMetricOracle.Report(1, V, 0, p, value % 1000, bytes32(0));
        vm.prank(member);
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.report, (r)));
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

    /// @dev The first member from `start` on that has not reported in period `p` (member `start` if all have).
    function _freshMember(uint256 start, uint16 p) internal view returns (address) {
        for (uint256 i; i < 5; ++i) {
            address m = members[(start + i) % 5];
            (bool reported, ) = oracle.reportOf(1, V, 0, p, m);
            if (!reported) return m;
        }
        return members[start];
    }

    function dispute(uint256 periodSeed, uint256 who) external track {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Proposed);
        address d = _disputers[bound(who, 0, 2)];
        uint256 before = token.balanceOf(address(oracle));
        vm.prank(d);
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.dispute, (1, V, 0, p)));
        if (ok) {
            assertEq(token.balanceOf(address(oracle)) - before, bond, "dispute: the committee's bond arrived");
            IMetricOracle.Dispute memory rec = oracle.getDispute(1, V, 0, p);
            assertEq(rec.disputer, d, "dispute: disputer recorded");
            assertEq(rec.bond, bond, "dispute: bond recorded");
            posted += bond;
            gPosted[d] += bond;
            gWallet[d] -= bond;
            gDisputer[p] = d;
        }
        _done(
            "dispute",
            ok,
            ret,
            _sel(IMetricOracle.WrongState.selector, IMetricOracle.ChallengeWindowClosed.selector)
        );
    }

    function resolve(uint256 periodSeed, uint64 value, bool invalid) external track {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Disputed);
        uint64 proposed = oracle.getSlot(1, V, 0, p).value;
        // One resolution in two upholds the proposed value (a wrong dispute: the bond is forfeited to the steward),
        // so that both ways a bond can go are taken often.
        value = value % 2 == 0 ? proposed : value % 1000;
        vm.prank(arbiter);
        (bool ok, bytes memory ret) = address(oracle).call(
            invalid
                ? abi.encodeCall(oracle.resolveInvalid, (1, V, 0, p))
                : abi.encodeCall(oracle.resolve, (1, V, 0, p, value))
        );
        if (ok) {
            // A right dispute (or an invalid slot) returns the bond; a wrong one forfeits it to the steward.
            address to = invalid || value != proposed ? gDisputer[p] : steward;
            gOwed[to] += bond;
            if (!invalid) arbiterResolved[p] = true;
        }
        _done("resolve", ok, ret, _sel(IMetricOracle.WrongState.selector));
    }

    function finalize(uint256 periodSeed) external track {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Proposed);
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.finalize, (1, V, 0, p)));
        _done("finalize", ok, ret, _sel(IMetricOracle.WrongState.selector, IMetricOracle.ChallengeWindowOpen.selector));
    }

    function markUnresolved(uint256 periodSeed) external track {
        _bootstrap();
        (bool ok, bytes memory ret) = address(oracle).call(
            abi.encodeCall(oracle.markUnresolved, (1, V, 0, _period(periodSeed)))
        );
        _done("markUnresolved", ok, ret, _sel(IMetricOracle.WrongState.selector));
    }

    function expire(uint256 periodSeed) external track {
        _bootstrap();
        uint16 p = _periodIn(periodSeed, IMetricFeed.SlotStatus.Disputed);
        if (successes > 0) vm.warp(block.timestamp + 31 days); // time stands still until a first success
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.expireDispute, (1, V, 0, p)));
        if (ok) gOwed[gDisputer[p]] += bond;
        _done("expire", ok, ret, _sel(IMetricOracle.WrongState.selector, IMetricOracle.ArbitrationNotExpired.selector));
    }

    /// @dev Pays exactly what the ledger says `a` is owed, once; with nothing owed it must revert NothingToWithdraw.
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
        uint256 due = gOwed[a];
        uint256 before = token.balanceOf(a);
        vm.prank(a);
        (bool ok, bytes memory ret) = address(oracle).call(abi.encodeCall(oracle.withdrawBond, (address(token))));
        if (ok) {
            if (due == 0) revert UnexpectedSuccess("withdraw");
            assertEq(token.balanceOf(a) - before, due, "withdrawBond: exactly what is owed");
            gOwed[a] = 0;
            gWithdrawn[a] += due;
            gWallet[a] += due;
            withdrawn += due;
            _ok("withdraw");
        } else {
            if (due != 0) revert UnexpectedRevert("withdraw", ret);
            _expectExactRevert(
                "withdraw",
                ret,
                abi.encodeWithSelector(IMetricOracle.NothingToWithdraw.selector, address(token), a)
            );
        }
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
