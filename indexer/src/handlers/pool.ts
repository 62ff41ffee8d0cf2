/**
 * ImpactPoolFactory and its ImpactPool clones: every event recorded; pools, their baskets and the missions of those,
 * tranches, share transfers, positions and the money tables kept for dashboards. Basket, settlement, tranche and
 * share-transfer rows are the exporter's (`poolOutcomeRows`, `poolSettlement`, `trancheRows`, `shareTransferRow`).
 */
import { ponder } from "ponder:registry";
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
import {
  poolOutcomeRows,
  poolSettlement,
  poolTerms,
  shareTransferRow,
  trancheRows,
} from "../../../scripts/open-data/reducers/shared.js";
import { bump, ensureToken, meta, record, type AnyEvent, type Ctx } from "./shared.js";

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

export function registerPoolHandlers(): void {
  ponder.on("ImpactPoolFactory:PoolCreated", async ({ event, context }) => {
    await record(event, context, "ImpactPoolFactory:PoolCreated");
    const t = event.args.terms;
    const address = getAddress(event.args.pool);
    await context.db.insert(pool).values({
      address,
      ...poolTerms(event.args),
      phase: "Raising",
      totalInvested: 0n,
      totalWithdrawn: 0n,
      totalCommitted: 0n,
      totalDisbursed: 0n,
      totalRedeemed: 0n,
      totalRefunded: 0n,
      sharesOutstanding: 0n,
      fundCommitted: 0n,
      balance: 0n,
      createdBlock: event.block.number,
    });
    await ensureToken(context, t.token);
    const basket = poolOutcomeRows(address, t);
    if (basket.length > 0) await context.db.insert(poolOutcome).values(basket);
    const tranches = trancheRows(address, t);
    if (tranches.length > 0) await context.db.insert(poolTranche).values(tranches);
    for (const missionId of new Set(t.basket.map((o) => o.missionId))) {
      await context.db.insert(poolMission).values({ pool: address, missionId }).onConflictDoNothing();
    }
  });

  ponder.on("ImpactPool:Invested", async ({ event, context }) => {
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
  ponder.on("ImpactPool:Committed", async ({ event, context }) => {
    await record(event, context, "ImpactPool:Committed");
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
  });

  ponder.on("ImpactPool:Disbursed", async ({ event, context }) => {
    await poolPayout(event, context, "disburse", event.args.provider, event.args.amount, null);
    // A tranche index below the schedule's length (the pool reverts otherwise), so it fits a number.
    const key = { pool: event.log.address, trancheIndex: Number(event.args.index) };
    if ((await context.db.find(poolTranche, key)) !== null) {
      await context.db.update(poolTranche, key).set({ disbursed: true, disbursedBlock: event.block.number });
    }
  });
  // Withdrawals after a failed raise return capital 1:1 for shares.
  ponder.on("ImpactPool:Withdrawn", async ({ event, context }) =>
    poolPayout(event, context, "withdraw", event.args.investor, event.args.shares, event.args.shares),
  );
  ponder.on("ImpactPool:Redeemed", async ({ event, context }) =>
    poolPayout(event, context, "redeem", event.args.account, event.args.amount, event.args.shares),
  );
  ponder.on("ImpactPool:Refunded", async ({ event, context }) =>
    poolPayout(event, context, "refund", event.args.payer, event.args.amount, null),
  );

  ponder.on("ImpactPool:Settled", async ({ event, context }) => {
    await record(event, context, "ImpactPool:Settled");
    const contract = event.log.address;
    const settled = poolSettlement(event.args);
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
  });

  ponder.on("ImpactPool:Transfer", async ({ event, context }) => {
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
  ponder.on("ImpactPool:Approval", async ({ event, context }) => record(event, context, "ImpactPool:Approval"));
  ponder.on("ImpactPool:EIP712DomainChanged", async ({ event, context }) =>
    record(event, context, "ImpactPool:EIP712DomainChanged"),
  );
}
