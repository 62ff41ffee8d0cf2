// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEAS, Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {SchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/SchemaResolver.sol";
import {IMetricOracle} from "../oracle/IMetricOracle.sol";
import {IEASReportResolver} from "./IEASReportResolver.sol";

/// @title EASReportResolver
/// @notice An EAS schema resolver that turns attestations of the metric schema by committee members into oracle
/// reports: the attester is the reporting member. Revoking before the quorum withdraws the report; after the quorum
/// (or once the reporting window closed) revocation succeeds in EAS and changes nothing in the oracle.
/// @dev Trust: the oracle lets an adapter report on behalf of members only for missions whose steward named it in
/// the committee (`CommitteeInput.adapter`). This resolver only forwards what EAS hands it: `msg.sender` must be
/// EAS (SchemaResolver), and only attestations of the one schema this resolver was made for (revocable, with this
/// resolver) are accepted, so another schema registered with this resolver cannot inject reports.
contract EASReportResolver is IEASReportResolver, SchemaResolver {
    /// @notice The metric schema, exactly as registered in the SchemaRegistry.
    string public constant SCHEMA = "uint256 missionId,uint8 goalId,uint16 period,uint64 value,bytes32 evidenceHash";

    IMetricOracle private immutable _ORACLE;
    bytes32 private immutable _SCHEMA_UID;

    constructor(IEAS eas, IMetricOracle oracle_) SchemaResolver(eas) {
        _ORACLE = oracle_;
        _SCHEMA_UID = keccak256(abi.encodePacked(SCHEMA, address(this), true));
    }

    /// @inheritdoc IEASReportResolver
    function oracle() external view returns (IMetricOracle) {
        return _ORACLE;
    }

    /// @inheritdoc IEASReportResolver
    function schemaUID() external view returns (bytes32) {
        return _SCHEMA_UID;
    }

    function onAttest(Attestation calldata attestation, uint256) internal override returns (bool) {
        if (attestation.schema != _SCHEMA_UID) revert WrongSchema(attestation.schema);
        (uint256 missionId, uint8 goalId, uint16 period, uint64 value, bytes32 evidenceHash) = abi.decode(
            attestation.data,
            (uint256, uint8, uint16, uint64, bytes32)
        );
        _ORACLE.reportFor(
            attestation.attester,
            IMetricOracle.Report({
                missionId: missionId,
                goalId: goalId,
                period: period,
                value: value,
                evidenceHash: evidenceHash
            })
        );
        return true;
    }

    /// @dev Only attestations `onAttest` accepted can be revoked, so the schema needs no second check.
    function onRevoke(Attestation calldata attestation, uint256) internal override returns (bool) {
        (uint256 missionId, uint8 goalId, uint16 period, , ) = abi.decode(
            attestation.data,
            (uint256, uint8, uint16, uint64, bytes32)
        );
        _ORACLE.withdrawReportFor(attestation.attester, missionId, goalId, period);
        return true;
    }
}
