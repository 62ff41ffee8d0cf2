// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricOracle} from "../oracle/IMetricOracle.sol";

/// @title IEASReportResolver
/// @notice An EAS schema resolver that turns attestations of the metric schema by committee members into oracle
/// reports (the attester is the reporting member); revoking before the quorum withdraws the report.
interface IEASReportResolver {
    /// @notice The attestation is of schema `schema`, not of this resolver's metric schema.
    error WrongSchema(bytes32 schema);

    /// @notice The oracle reports are forwarded to.
    function oracle() external view returns (IMetricOracle);

    /// @notice UID of (SCHEMA, this resolver, revocable = true), as the SchemaRegistry computes it.
    function schemaUID() external view returns (bytes32);
}
