// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMetricOracle} from "../oracle/IMetricOracle.sol";

/// @title IEASReportResolver
/// @notice An EAS schema resolver that turns the metric attestations of one attester into oracle reports made by the
/// resolver itself: the resolver is a committee member (and the committee's adapter), never a proxy for others.
/// Revoking before the quorum withdraws the report.
interface IEASReportResolver {
    /// @notice The attestation is of schema `schema`, not of this resolver's metric schema.
    error WrongSchema(bytes32 schema);
    /// @notice Only `expected` may attest through this resolver; `attester` did.
    error WrongAttester(address attester, address expected);

    /// @notice The oracle reports are forwarded to.
    function oracle() external view returns (IMetricOracle);

    /// @notice The one attester whose attestations this resolver reports (as itself).
    function attester() external view returns (address);

    /// @notice UID of (SCHEMA, this resolver, revocable = true), as the SchemaRegistry computes it.
    function schemaUID() external view returns (bytes32);
}
