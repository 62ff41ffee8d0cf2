/**
 * The live state of metric slots, read from the oracle on chain (the indexer follows a block or so behind): each
 * slot's status at the current block time (`slotStatus`), its stored word (`getSlot`: proposed value, challenge
 * end, report count, quorum) and whether the connected account already reported (`reportOf`).
 */
import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { enumName } from "../../../scripts/core/errors/enums.js";
import { metricOracleAbi } from "../abis";
import { useAppConfig } from "../context";
import type { SlotRef } from "./data";

export interface LiveSlot {
  status: string;
  value: bigint;
  challengeEnd: number;
  reportCount: number;
  quorum: number;
  /** The connected account's own report, when it made one. */
  mine: bigint | undefined;
}

const key = (s: SlotRef) => [s.missionId, s.version, s.goalId, s.period] as const;

/** Each slot's live state, in the order of `slots` (undefined while it is being read). */
export function useLiveSlots(slots: readonly SlotRef[], account: Address | undefined): (LiveSlot | undefined)[] {
  const { oracle } = useAppConfig().contracts;
  const reads = useReadContracts({
    allowFailure: false,
    contracts: slots.flatMap((s) => [
      { address: oracle, abi: metricOracleAbi, functionName: "slotStatus" as const, args: key(s) },
      { address: oracle, abi: metricOracleAbi, functionName: "getSlot" as const, args: key(s) },
      {
        address: oracle,
        abi: metricOracleAbi,
        functionName: "reportOf" as const,
        args: [...key(s), account ?? oracle] as const,
      },
    ]),
    query: { enabled: slots.length > 0 },
  });
  return slots.map((_, i) => {
    const status = reads.data?.[3 * i];
    const slot = reads.data?.[3 * i + 1];
    const mine = reads.data?.[3 * i + 2];
    if (typeof status !== "number" || slot === undefined || typeof slot !== "object" || !("value" in slot)) {
      return undefined;
    }
    if (!Array.isArray(mine)) return undefined;
    const [reported, value] = mine;
    return {
      status: enumName("IMetricFeed.SlotStatus", status),
      value: slot.value,
      challengeEnd: slot.challengeEnd,
      reportCount: slot.reportCount,
      quorum: slot.quorum,
      mine: account !== undefined && reported === true && typeof value === "bigint" ? value : undefined,
    };
  });
}
