/**
 * A scheduled escrow (issue #12) as its page reads it from the chain: the terms of the factory's
 * `ScheduledEscrowCreated` event (the points the escrow committed to), header, ledger, `PointSettled` events, each
 * open point's `previewPayment` (with the bytes and proof the CLI builds: scripts/outcomes/schedule-points.ts), each
 * trigger condition's slot from the feed, and the connected account's deposits per tier, claimable and refundable.
 * The figures "still possible" are the CLI's own (`scheduleBounds`), so the page and `escrow:show` agree to the wei.
 */
import type { Address, PublicClient } from "viem";
import { NO_CAP } from "../../scripts/formats/schedule-structs.js";
import type { PointStruct } from "../../scripts/formats/schedule-structs.js";
import {
  conditionHolds,
  laneVersion,
  pointCall,
  pointOf,
  scheduleBounds,
  type ScheduleBounds,
} from "../../scripts/outcomes/schedule-points.js";
import { erc20Abi, metricOracleAbi, scheduledEscrowAbi, scheduledEscrowFactoryAbi } from "./abis";
import { revertSentence } from "./revert";
import { ENUMS } from "../../scripts/core/errors/enums.js";

export { NO_CAP };

/** A point's figures, settled (`PointSettled`) or previewed now (`previewPayment`). */
export interface PointFigures {
  resolution: number;
  triggerHeld: boolean;
  amount: bigint;
  capHit: number;
  parts: readonly bigint[];
  terms: readonly { unitsWad: bigint; raw: bigint; paid: bigint; capHit: number }[];
}

/** A trigger condition now: its slot's final value and whether it holds, or the slot's status when not final. */
export type ConditionNow = { holds: boolean; value: bigint } | { status: number };

export interface PointView {
  point: PointStruct;
  /** The no-data cut-off: deadline + grace period. */
  cutOff: bigint;
  conditions: ConditionNow[];
  settled?: PointFigures;
  /** An open point's preview now, or why it cannot be previewed (the revert decoder's sentence). */
  preview?: PointFigures;
  previewError?: string;
  /** The most it can still pay (0 once settled). */
  possible: bigint;
  call: { bytes: `0x${string}`; proof: `0x${string}`[] };
}

export interface AccountView {
  balance: bigint;
  allowance: bigint;
  deposits: bigint[];
  claimable: bigint;
  refundable: bigint;
}

export async function readScheduledEscrow(client: PublicClient, escrow: Address, account: Address | undefined) {
  const read = <const F extends "factory" | "header" | "ledger">(functionName: F) =>
    client.readContract({ address: escrow, abi: scheduledEscrowAbi, functionName });
  const [factory, header, ledger] = await Promise.all([read("factory"), read("header"), read("ledger")]);
  const [created] = await client.getContractEvents({
    address: factory,
    abi: scheduledEscrowFactoryAbi,
    eventName: "ScheduledEscrowCreated",
    args: { escrow },
    fromBlock: 0n,
    strict: true,
  });
  if (created === undefined) throw new Error(`no ScheduledEscrowCreated event for ${escrow}`);
  const terms = created.args.terms;
  const points = terms.paymentSchedule.points.map(pointOf);
  const settledLogs = await client.getContractEvents({
    address: escrow,
    abi: scheduledEscrowAbi,
    eventName: "PointSettled",
    fromBlock: 0n,
    strict: true,
  });
  const settledBy = new Map(settledLogs.map((log) => [Number(log.args.index), log.args]));
  const block = await client.getBlock();
  const fundingOpen = block.timestamp <= BigInt(terms.fundingDeadline);
  const { views, bounds } = await readPointViews(client, {
    points,
    settledBy,
    header,
    versionsOf: () => header.versions,
    ledger,
    gracePeriod: BigInt(terms.gracePeriod),
    closed: fundingOpen ? "funding is open until the funding deadline" : undefined,
    preview: (i, call) =>
      client.readContract({
        address: escrow,
        abi: scheduledEscrowAbi,
        functionName: "previewPayment",
        args: [BigInt(i), call.bytes, call.proof],
      }),
  });

  let mine: AccountView | undefined;
  if (account !== undefined) {
    const token = terms.token;
    const [balance, allowance, claimable, refundable, ...deposits] = await Promise.all([
      client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [account] }),
      client.readContract({ address: token, abi: erc20Abi, functionName: "allowance", args: [account, escrow] }),
      client.readContract({ address: escrow, abi: scheduledEscrowAbi, functionName: "claimable", args: [account] }),
      client.readContract({ address: escrow, abi: scheduledEscrowAbi, functionName: "refundable", args: [account] }),
      ...header.tiers.map((_, t) =>
        client.readContract({
          address: escrow,
          abi: scheduledEscrowAbi,
          functionName: "depositOf",
          args: [account, BigInt(t)],
        }),
      ),
    ]);
    mine = { balance, allowance, claimable, refundable, deposits };
  }
  return {
    terms,
    header,
    ledger,
    points: views,
    bounds,
    fundingOpen,
    allSettled: settledBy.size === points.length,
    mine,
  };
}

export type ScheduledEscrowView = Awaited<ReturnType<typeof readScheduledEscrow>>;

/** What a schedule's consumer (an escrow, a scheduled pool) gives `readPointViews`. */
export interface PointSource {
  points: PointStruct[];
  /** Each settled point's figures, from the consumer's `PointSettled` events. */
  settledBy: Map<number, PointFigures>;
  header: { feed: Address; cap: bigint; keyCaps: readonly bigint[] };
  /** The committee versions pinned for point `i`'s slots (an escrow: one word for all; a pool: one per point). */
  versionsOf: (i: number) => bigint;
  ledger: { totalCommitted: bigint; totalPaid: bigint; keyPaid: readonly bigint[] };
  gracePeriod: bigint;
  /** Why no open point can be previewed yet (commitments still open), or undefined when they can. */
  closed: string | undefined;
  preview: (i: number, call: { bytes: `0x${string}`; proof: `0x${string}`[] }) => Promise<PointFigures>;
}

/**
 * Each point of a schedule as its page shows it: its trigger conditions' slots now, settled figures or a preview
 * (or why not), and what it can still pay (the CLI's `scheduleBounds`, so page and CLI agree to the wei).
 */
export async function readPointViews(client: PublicClient, src: PointSource) {
  const { points, settledBy, header, ledger } = src;
  const bounds: ScheduleBounds = scheduleBounds(points, (i) => settledBy.has(i), {
    cap: header.cap,
    keyCaps: header.keyCaps,
    funds: ledger.totalCommitted,
    totalPaid: ledger.totalPaid,
    keyPaid: ledger.keyPaid,
  });
  const views = await Promise.all(
    points.map(async (point, i): Promise<PointView> => {
      const conditions = await Promise.all(
        point.trigger.conditions.map(async (c, k): Promise<ConditionNow> => {
          const slot = [c.missionId, laneVersion(src.versionsOf(i), 8 + k), c.goalId, c.period] as const;
          const status = await client.readContract({
            address: header.feed,
            abi: metricOracleAbi,
            functionName: "slotStatus",
            args: slot,
          });
          if (status !== FINAL) return { status };
          const [value] = await client.readContract({
            address: header.feed,
            abi: metricOracleAbi,
            functionName: "finalValue",
            args: slot,
          });
          return { holds: conditionHolds(c, value), value };
        }),
      );
      const call = pointCall(points, i);
      const view: PointView = {
        point,
        cutOff: point.deadline + src.gracePeriod,
        conditions,
        possible: bounds.bounds[i] ?? 0n,
        call,
      };
      const settled = settledBy.get(i);
      if (settled !== undefined) return { ...view, settled };
      if (src.closed !== undefined) return { ...view, previewError: src.closed };
      try {
        return { ...view, preview: await src.preview(i, call) };
      } catch (err) {
        return { ...view, previewError: revertSentence(err) };
      }
    }),
  );
  return { views, bounds };
}

/** `IMetricFeed.SlotStatus.Final`. */
const FINAL = ENUMS["IMetricFeed.SlotStatus"].indexOf("Final");
