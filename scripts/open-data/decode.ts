/**
 * Typed event decoding: each log is decoded with viem's `parseEventLogs` over the `as const` ABI of its contract kind
 * (`scripts/core/abis.ts`, generated from the artifacts), so a reducer switches on `event.eventName` and receives
 * the event's arguments with their Solidity types (uint256 → bigint, uint8…uint48 → number, address → Address).
 */
import { parseEventLogs, type Address, type Hex, type Log, type ParseEventLogsReturnType } from "viem";
import {
  impactPoolAbi,
  impactPoolFactoryAbi,
  metricOracleAbi,
  missionRegistryAbi,
  outcomeEscrowAbi,
  outcomeEscrowFactoryAbi,
  poolShareClassAbi,
  scheduledEscrowAbi,
  scheduledEscrowFactoryAbi,
} from "../core/abis.js";

/** Contract kinds the exporter understands, and the ABI each one's events are decoded with. */
export const ABIS = {
  registry: missionRegistryAbi,
  oracle: metricOracleAbi,
  escrowFactory: outcomeEscrowFactoryAbi,
  escrow: outcomeEscrowAbi,
  scheduledEscrowFactory: scheduledEscrowFactoryAbi,
  scheduledEscrow: scheduledEscrowAbi,
  poolFactory: impactPoolFactoryAbi,
  pool: impactPoolAbi,
  poolClass: poolShareClassAbi,
} as const;
export type Kind = keyof typeof ABIS;

/** A decoded event of a contract kind: a union over its event names, each with typed `args`. */
export type EventOf<K extends Kind> = ParseEventLogsReturnType<(typeof ABIS)[K], undefined, true>[number];

/** Where an event row comes from (the columns every event row ends with). */
export type Meta = {
  blockNumber: bigint;
  timestamp: bigint | null;
  txHash: Hex;
  logIndex: number;
};

/** One decoded event of a contract kind, with where it comes from. */
export type Decoded<K extends Kind> = { kind: K; address: Address; event: EventOf<K>; meta: Meta };

/** A log as eth_getLogs returns it for a mined block. */
export type MinedLog = Log<bigint, number, false>;

/**
 * Decodes `log` with the ABI of `kind`; undefined when the log is not an event of that ABI (viem drops it: strict
 * decoding, as a clone's implementation may emit events the exporter has no table for).
 */
export function decode<K extends Kind>(kind: K, address: Address, log: MinedLog, meta: Meta): Decoded<K> | undefined {
  const events: EventOf<K>[] = parseEventLogs<(typeof ABIS)[K]>({ abi: ABIS[kind], logs: [log] });
  const [event] = events;
  return event === undefined ? undefined : { kind, address, event, meta };
}
