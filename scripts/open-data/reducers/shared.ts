/**
 * Pure pieces of the reducers that the indexer's handlers (indexer/src/handlers/) use as well, so the two sources of
 * the same rows cannot drift apart: text of a bytes32, a report row, a slot's first row, the settlement row of an
 * escrow or a pool, the kind of a share transfer. At run time it imports only viem and the enum names (nothing
 * generated, no Hardhat).
 */
import { getAddress, hexToString, zeroAddress, type Hex } from "viem";
import { enumName } from "../../core/errors/enums.js";
import type { Meta } from "../decode.js";
import type { ReportRow } from "../state.js";

/** A bytes32 holding left-aligned text (hashtags, metric keys) as a string. */
export const text32 = (v: Hex): string => hexToString(v, { size: 32 }).replace(/\0+$/, "");

/** A metric slot's row before its first event applies: Collecting, no report, nothing proposed. */
export function newSlot<K extends { missionId: bigint; goalId: number; period: number }>(key: K) {
  return {
    ...key,
    status: "Collecting",
    committeeVersion: null,
    reportCount: 0,
    proposedValue: null,
    challengeEnd: null,
    disputed: false,
    finalValue: null,
    finalizedAt: null,
    unresolvedReason: null,
  };
}

/** The `reports` row of a `ReportSubmitted` event (without the event columns): not withdrawn, yet. */
export function reportRow(a: Omit<ReportRow, "withdrawn" | keyof Meta>) {
  return {
    missionId: a.missionId,
    goalId: a.goalId,
    period: a.period,
    reporter: getAddress(a.reporter),
    value: a.value,
    evidenceHash: a.evidenceHash,
    via: getAddress(a.via),
    withdrawn: false,
  };
}

/** Why a slot ended Unresolved, by name. */
export const unresolvedReason = (reason: number): string => enumName("IMetricOracle.UnresolvedReason", reason);

/** A mission status code by name (Draft, Active, Concluded). */
export const missionStatus = (status: number): string => enumName("IMissionRegistry.MissionStatus", status);

/** The `settlements` row of an escrow's `Settled` event (without the contract and event columns). */
export function escrowSettlement(a: {
  status: number;
  reason: number;
  compositeWad: bigint;
  beneficiaryPot: bigint;
  refundPot: bigint;
}) {
  return {
    status: enumName("IOutcomeEscrow.Status", a.status),
    reason: enumName("IOutcomeEscrow.SettleReason", a.reason),
    compositeWad: a.compositeWad,
    payoutPot: a.beneficiaryPot,
    refundPot: a.refundPot,
    multipleWad: null,
    outcomePayment: null,
  };
}

/** The `settlements` row of a pool's `Settled` event (without the contract and event columns). */
export function poolSettlement(a: {
  resolution: number;
  compositeWad: bigint;
  multipleWad: bigint;
  outcomePayment: bigint;
  investorPot: bigint;
  refundPot: bigint;
}) {
  return {
    status: "Settled",
    reason: enumName("OutcomeLib.Resolution", a.resolution),
    compositeWad: a.compositeWad,
    payoutPot: a.investorPot,
    refundPot: a.refundPot,
    multipleWad: a.multipleWad,
    outcomePayment: a.outcomePayment,
  };
}

/** A pool share transfer: a mint (from the zero address), a burn (to it) or a transfer between holders. */
export const shareTransferKind = (from: string, to: string): "mint" | "burn" | "transfer" =>
  from === zeroAddress ? "mint" : to === zeroAddress ? "burn" : "transfer";
