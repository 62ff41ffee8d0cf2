// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEAS, Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {SchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/SchemaResolver.sol";
import {IMetricOracle} from "../oracle/IMetricOracle.sol";
import {IEASReportResolver} from "./IEASReportResolver.sol";

/// @title EASReportResolver
/// @notice An EAS schema resolver that turns the metric attestations of one attester (an evaluator's EAS identity)
/// into oracle reports made by the resolver itself. Revoking before the quorum withdraws the report; after the quorum
/// (or once the reporting window closed) revocation succeeds in EAS and changes nothing in the oracle.
/// @dev Trust: the oracle counts the resolver's reports only where the steward made it a member of the committee
/// version the attestation names; it reports only as itself (events name the resolver as reporter and sender), so
/// it cannot speak for any other member. Withdrawal on revocation needs the resolver to be that version's adapter.
/// `msg.sender` must be EAS (SchemaResolver), and only attestations of the one schema this resolver was made for
/// (revocable, with this resolver) by `attester` are accepted, so another schema or attester cannot inject reports.
contract EASReportResolver is IEASReportResolver, SchemaResolver {
    /// @notice The metric schema, exactly as registered in the SchemaRegistry.
    string public constant SCHEMA =
        "uint256 missionId,uint16 version,uint8 goalId,uint16 period,uint64 value,bytes32 evidenceHash";

    IMetricOracle private immutable _ORACLE;
    address private immutable _ATTESTER;
    bytes32 private immutable _SCHEMA_UID;

    constructor(IEAS eas, IMetricOracle oracle_, address attester_) SchemaResolver(eas) {
        _ORACLE = oracle_;
        _ATTESTER = attester_;
        _SCHEMA_UID = keccak256(abi.encodePacked(SCHEMA, address(this), true));
    }

    /// @inheritdoc IEASReportResolver
    function oracle() external view returns (IMetricOracle) {
        return _ORACLE;
    }

    /// @inheritdoc IEASReportResolver
    function attester() external view returns (address) {
        return _ATTESTER;
    }

    /// @inheritdoc IEASReportResolver
    function schemaUID() external view returns (bytes32) {
        return _SCHEMA_UID;
    }

    function onAttest(Attestation calldata attestation, uint256) internal override returns (bool) {
        if (attestation.schema != _SCHEMA_UID) revert WrongSchema(attestation.schema);
        if (attestation.attester != _ATTESTER) revert WrongAttester(attestation.attester, _ATTESTER);
        (uint256 missionId, uint16 version, uint8 goalId, uint16 period, uint64 value, bytes32 evidenceHash) = abi
            .decode(attestation.data, (uint256, uint16, uint8, uint16, uint64, bytes32));
        _ORACLE.report(
            IMetricOracle.Report({
                missionId: missionId,
                version: version,
                goalId: goalId,
                period: period,
                value: value,
                evidenceHash: evidenceHash
            })
        );
        return true;
    }

    /// @dev Only attestations `onAttest` accepted can be revoked, so schema and attester need no second check.
    function onRevoke(Attestation calldata attestation, uint256) internal override returns (bool) {
        (uint256 missionId, uint16 version, uint8 goalId, uint16 period, , ) = abi.decode(
            attestation.data,
            (uint256, uint16, uint8, uint16, uint64, bytes32)
        );
        _ORACLE.withdrawReport(missionId, version, goalId, period);
        return true;
    }
}
