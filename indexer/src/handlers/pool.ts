/**
 * ImpactPoolFactory and its ImpactPool clones: every event recorded; pools, their baskets and the missions of those,
 * tranches, share transfers, positions and the money tables kept for dashboards. Basket, settlement, tranche and
 * share-transfer rows are the exporter's (`poolOutcomeRows`, `poolSettlement`, `trancheRows`, `shareTransferRow`).
 *
 * A pool in scheduled mode (issue #12, `ScheduledPoolCreated`) is the same clone kind, followed as the Ponder contract
 * `ScheduledImpactPool` (the ImpactPool ABI; a factory source names one creation event): every pool handler is
 * registered for both names (`onPool`). Its points, terms, tier rows and commitments per tier are the scheduled
 * escrow's rows (handlers/schedule.ts: `scheduleCreated`, `tierDeposited`, `pointSettled`), contractKind `pool`.
 */
import { ponder, type IndexingFunctionArgs } from "ponder:registry";
import {
  deposit,
  payout,
  pool,
  poolMission,
  poolOutcome,
  poolShareTransfer,
  poolTranche,
  position,
  settlement,
} from "ponder:schema";
import { getAddress, zeroAddress, type Address } from "viem";
import { coPaysOf } from "../../../scripts/open-data/reducers/schedule-rows.js";
import {
  newPool,
  poolOutcomeRows,
  poolSettlement,
  scheduleSettlement,
  shareTransferRow,
  trancheRows,
} from "../../../scripts/open-data/reducers/shared.js";
import { pointSettled, scheduleCreated, tierDeposited } from "./schedule.js";
import { bump, ensureToken, meta, record, type AnyEvent, type Ctx } from "./shared.js";

/** An event name of the ImpactPool ABI. */
type PoolEvent =
  Extract<Parameters<typeof ponder.on>[0], `ImpactPool:${string}`> extends `ImpactPool:${infer E}` ? E : never;

/**
 * Registers `handler` for event `name` of every pool clone: those of `PoolCreated` (`ImpactPool`) and those of
 * `ScheduledPoolCreated` (`ScheduledImpactPool`, the same ABI, so the handler takes the events of both).
 */
export function onPool<E extends PoolEvent>(
  name: E,
  handler: (
    args: IndexingFunctionArgs<`ImpactPool:${E}`> | IndexingFunctionArgs<`ScheduledImpactPool:${E}`>,
  ) => Promise<void>,
): void {
  ponder.on(`ImpactPool:${name}`, handler);
  ponder.on(`ScheduledImpactPool:${name}`, handler);
}

async function poolPayout(
  event: AnyEvent & { log: { address: Address } },
  context: Ctx,
  kind: "disburse" | "withdraw" | "redeem" | "refund",
  account: Address,
  amount: bigint,
  shares: bigint | null,
): Promise<void> {
  const names = { disburse: "Disbursed", withdraw: "Withdrawn", redeem: "Redeemed", refund: "Refunded" } as const;
  await record(event, context, `ImpactPool:${names[kind]}`);
  const contract = event.log.address;
  await context.db
    .insert(payout)
    .values({ ...meta(event), contract, contractKind: "pool", kind, account: getAddress(account), amount, shares });
  await context.db.update(pool, { address: contract }).set((p) => ({
    balance: p.balance - amount,
    totalDisbursed: p.totalDisbursed + (kind === "disburse" ? amount : 0n),
    totalWithdrawn: p.totalWithdrawn + (kind === "withdraw" ? amount : 0n),
    totalRedeemed: p.totalRedeemed + (kind === "redeem" ? amount : 0n),
    totalRefunded: p.totalRefunded + (kind === "refund" ? amount : 0n),
  }));
  if (kind === "disburse") await bump(context, account, contract, "pool", { disbursed: amount });
  if (kind === "withdraw") await bump(context, account, contract, "pool", { withdrawn: amount });
  if (kind === "redeem") await bump(context, account, contract, "pool", { redeemed: amount });
  if (kind === "refund") {
    const row = await context.db.find(position, { account: getAddress(account), contract });
    const committed = row?.committed ?? 0n;
    await bump(context, account, contract, "pool", { refunded: amount }, ["committed"]);
    await context.db.update(pool, { address: contract }).set((p) => ({ fundCommitted: p.fundCommitted - committed }));
  }
}

/** A pool's row, tranches and missions at its creation (`PoolCreated` or `ScheduledPoolCreated`). */
async function poolCreated(
  event: AnyEvent & { args: Parameters<typeof newPool>[1] },
  context: Ctx,
  missionIds: bigint[],
  tierCoPayWads: bigint[],
): Promise<Address> {
  const t = event.args.terms;
  const { pool: address, ...row } = newPool(getAddress(event.args.pool), event.args, event.block.number);
  await context.db.insert(pool).values({ address, ...row, fundCommitted: 0n, tierCoPayWads });
  await ensureToken(context, t.token);
  const tranches = trancheRows(address, t);
  if (tranches.length > 0) await context.db.insert(poolTranche).values(tranches);
  for (const missionId of new Set(missionIds)) {
    await context.db.insert(poolMission).values({ pool: address, missionId }).onConflictDoNothing();
  }
  return address;
}

/** A pool's settlement (`Settled`, or `ScheduleSettled` after a scheduled pool's last point): the pots, a row. */
async function poolSettled(
  event: AnyEvent & { log: { address: Address } },
  context: Ctx,
  name: "Settled" | "ScheduleSettled",
  settled: ReturnType<typeof poolSettlement> | ReturnType<typeof scheduleSettlement>,
): Promise<void> {
  await record(event, context, `ImpactPool:${name}`);
  const contract = event.log.address;
  await context.db.update(pool, { address: contract }).set({
    phase: settled.status,
    resolution: settled.reason,
    compositeWad: settled.compositeWad,
    multipleWad: settled.multipleWad,
    outcomePayment: settled.outcomePayment,
    investorPot: settled.payoutPot,
    refundPot: settled.refundPot,
  });
  await context.db.insert(settlement).values({ ...meta(event), contract, contractKind: "pool", ...settled });
}

/** A commitment to the outcome fund (`Committed`, or `TierCommitted` of a scheduled pool): money in, the totals. */
async function poolCommitted(
  event: AnyEvent & { args: { payer: Address; amount: bigint }; log: { address: Address } },
  context: Ctx,
): Promise<Address> {
  const contract = event.log.address;
  const account = getAddress(event.args.payer);
  const amount = event.args.amount;
  await context.db
    .insert(deposit)
    .values({ ...meta(event), contract, contractKind: "pool", kind: "commit", account, payer: account, amount });
  await context.db.update(pool, { address: contract }).set((p) => ({
    totalCommitted: p.totalCommitted + amount,
    fundCommitted: p.fundCommitted + amount,
    balance: p.balance + amount,
  }));
  await bump(context, account, contract, "pool", { committed: amount });
  return account;
}

export function registerPoolHandlers(): void {
  ponder.on("ImpactPoolFactory:PoolCreated", async ({ event, context }) => {
    await record(event, context, "ImpactPoolFactory:PoolCreated");
    const t = event.args.terms;
    const missions = t.basket.map((o) => o.missionId);
    const address = await poolCreated(event, context, missions, []);
    const basket = poolOutcomeRows(address, t);
    if (basket.length > 0) await context.db.insert(poolOutcome).values(basket);
  });
  // A pool in scheduled mode: its missions are those its points' slots name (terms and trigger conditions).
  ponder.on("ImpactPoolFactory:ScheduledPoolCreated", async ({ event, context }) => {
    await record(event, context, "ImpactPoolFactory:ScheduledPoolCreated");
    const schedule = event.args.terms.paymentSchedule;
    const missions = schedule.points.flatMap((p) => [
      ...p.terms.map((term) => term.missionId),
      ...p.trigger.conditions.map((c) => c.missionId),
    ]);
    const address = await poolCreated(event, context, missions, coPaysOf(schedule));
    await scheduleCreated(context, address, "pool", schedule);
  });

  onPool("Invested", async ({ event, context }) => {
    await record(event, context, "ImpactPool:Invested");
    const contract = event.log.address;
    const account = getAddress(event.args.investor);
    const amount = event.args.amount;
    await context.db
      .insert(deposit)
      .values({ ...meta(event), contract, contractKind: "pool", kind: "invest", account, payer: account, amount });
    await context.db.update(pool, { address: contract }).set((p) => ({
      totalInvested: p.totalInvested + amount,
      phase: p.totalInvested + amount >= p.capitalTarget ? "Funded" : p.phase,
      balance: p.balance + amount,
    }));
    await bump(context, account, contract, "pool", { invested: amount });
  });
  onPool("Committed", async ({ event, context }) => {
    await record(event, context, "ImpactPool:Committed");
    await poolCommitted(event, context);
  });
  onPool("TierCommitted", async ({ event, context }) => {
    await record(event, context, "ImpactPool:TierCommitted");
    const payer = await poolCommitted(event, context);
    // A tier below the schedule's (at most 4; the pool reverts otherwise), so it fits a number.
    await tierDeposited(context, event.log.address, "pool", payer, Number(event.args.tier), event.args.amount);
  });
  onPool("PointSettled", async ({ event, context }) => {
    await record(event, context, "ImpactPool:PointSettled");
    const contract = event.log.address;
    const row = await context.db.find(pool, { address: contract });
    if (row === null) throw new Error(`indexer: pool ${contract} has no creation row`);
    await pointSettled(event, context, "pool", row.tierCoPayWads);
    await context.db.update(pool, { address: contract }).set((p) => ({
      pointsSettled: p.pointsSettled + 1,
      totalPaid: p.totalPaid + event.args.amount,
    }));
  });
  onPool("Disbursed", async ({ event, context }) => {
    await poolPayout(event, context, "disburse", event.args.provider, event.args.amount, null);
    // A tranche index below the schedule's length (the pool reverts otherwise), so it fits a number.
    const key = { pool: event.log.address, trancheIndex: Number(event.args.index) };
    if ((await context.db.find(poolTranche, key)) !== null) {
      await context.db.update(poolTranche, key).set({ disbursed: true, disbursedBlock: event.block.number });
    }
  });
  // Withdrawals after a failed raise return capital 1:1 for shares.
  onPool("Withdrawn", async ({ event, context }) =>
    poolPayout(event, context, "withdraw", event.args.investor, event.args.shares, event.args.shares),
  );
  onPool("Redeemed", async ({ event, context }) =>
    poolPayout(event, context, "redeem", event.args.account, event.args.amount, event.args.shares),
  );
  onPool("Refunded", async ({ event, context }) =>
    poolPayout(event, context, "refund", event.args.payer, event.args.amount, null),
  );

  onPool("Settled", async ({ event, context }) => poolSettled(event, context, "Settled", poolSettlement(event.args)));
  onPool("ScheduleSettled", async ({ event, context }) =>
    poolSettled(event, context, "ScheduleSettled", scheduleSettlement(event.args)),
  );

  onPool("Transfer", async ({ event, context }) => {
    await record(event, context, "ImpactPool:Transfer");
    const contract = event.log.address;
    const transfer = shareTransferRow(contract, event.args);
    await context.db.insert(poolShareTransfer).values({ ...meta(event), ...transfer });
    const { from, to, shares, kind } = transfer;
    if (from !== zeroAddress) await bump(context, from, contract, "pool", { shares: -shares });
    if (to !== zeroAddress) await bump(context, to, contract, "pool", { shares });
    const delta = kind === "mint" ? shares : kind === "burn" ? -shares : 0n;
    if (delta !== 0n) {
      await context.db
        .update(pool, { address: contract })
        .set((p) => ({ sharesOutstanding: p.sharesOutstanding + delta }));
    }
  });
  onPool("Approval", async ({ event, context }) => record(event, context, "ImpactPool:Approval"));
  onPool("EIP712DomainChanged", async ({ event, context }) => record(event, context, "ImpactPool:EIP712DomainChanged"));
}
