/**
 * OutcomeEscrowFactory and its OutcomeEscrow clones: every event recorded; escrows, their outcome terms and
 * beneficiaries, positions, the money tables (`deposit`, `payout`, `settlement`) and each mission's money aggregates
 * kept for dashboards. Term, beneficiary and settlement rows are the exporter's (`escrowTermRows`, `escrowSettlement`).
 */
import { ponder } from "ponder:registry";
import { beneficiaryWeight, deposit, escrow, escrowOutcome, mission, payout, settlement } from "ponder:schema";
import { getAddress, type Address } from "viem";
import { escrowSettlement, escrowTermRows, escrowTerms } from "../../../scripts/open-data/reducers/shared.js";
import { bump, ensureToken, meta, record, type AnyEvent, type Ctx } from "./shared.js";

async function missionOfEscrow(context: Ctx, address: Address): Promise<bigint> {
  const row = await context.db.find(escrow, { address });
  if (row === null) throw new Error(`indexer: escrow ${address} has no EscrowCreated row`);
  return row.missionId;
}

async function escrowPayout(
  event: AnyEvent & { args: { account: Address; amount: bigint }; log: { address: Address } },
  context: Ctx,
  kind: "claim" | "refund",
): Promise<void> {
  await record(event, context, kind === "claim" ? "OutcomeEscrow:Claimed" : "OutcomeEscrow:Refunded");
  const contract = event.log.address;
  const amount = event.args.amount;
  await context.db.insert(payout).values({
    ...meta(event),
    contract,
    contractKind: "escrow",
    kind,
    account: getAddress(event.args.account),
    amount,
    shares: null,
  });
  await context.db.update(escrow, { address: contract }).set((e) => ({
    totalClaimed: e.totalClaimed + (kind === "claim" ? amount : 0n),
    totalRefunded: e.totalRefunded + (kind === "refund" ? amount : 0n),
    balance: e.balance - amount,
  }));
  if (kind === "claim") await bump(context, event.args.account, contract, "escrow", { claimed: amount });
  // The escrow zeroes the funder's deposit on refund (its refund basis).
  else await bump(context, event.args.account, contract, "escrow", { refunded: amount }, ["deposited"]);
  await context.db.update(mission, { missionId: await missionOfEscrow(context, contract) }).set((m) => ({
    paid: m.paid + (kind === "claim" ? amount : 0n),
    refunded: m.refunded + (kind === "refund" ? amount : 0n),
    pending: m.pending - amount,
  }));
}

export function registerEscrowHandlers(): void {
  ponder.on("OutcomeEscrowFactory:EscrowCreated", async ({ event, context }) => {
    await record(event, context, "OutcomeEscrowFactory:EscrowCreated");
    const t = event.args.terms;
    const address = getAddress(event.args.escrow);
    await context.db.insert(escrow).values({
      address,
      ...escrowTerms(event.args),
      totalWeight: t.beneficiaries.reduce((sum, b) => sum + BigInt(b.weight), 0n),
      depositCount: 0,
      totalDeposited: 0n,
      status: "Open",
      totalClaimed: 0n,
      totalRefunded: 0n,
      balance: 0n,
      createdBlock: event.block.number,
    });
    await ensureToken(context, t.token);
    const { outcomes, beneficiaries } = escrowTermRows(address, t);
    if (outcomes.length > 0) await context.db.insert(escrowOutcome).values(outcomes);
    if (beneficiaries.length > 0) await context.db.insert(beneficiaryWeight).values(beneficiaries);
    for (const b of beneficiaries) await bump(context, b.account, address, "escrow", { weight: b.weight });
    await context.db
      .update(mission, { missionId: event.args.missionId })
      .set((m) => ({ escrowCount: m.escrowCount + 1 }));
  });

  ponder.on("OutcomeEscrow:Deposited", async ({ event, context }) => {
    await record(event, context, "OutcomeEscrow:Deposited");
    const contract = event.log.address;
    const amount = event.args.credited;
    await context.db.insert(deposit).values({
      ...meta(event),
      contract,
      contractKind: "escrow",
      kind: "deposit",
      account: getAddress(event.args.funder),
      payer: getAddress(event.args.payer),
      amount,
    });
    await context.db.update(escrow, { address: contract }).set((e) => ({
      depositCount: e.depositCount + 1,
      totalDeposited: e.totalDeposited + amount,
      balance: e.balance + amount,
    }));
    await bump(context, event.args.funder, contract, "escrow", { deposited: amount });
    await context.db
      .update(mission, { missionId: await missionOfEscrow(context, contract) })
      .set((m) => ({ funded: m.funded + amount, pending: m.pending + amount }));
  });

  ponder.on("OutcomeEscrow:Settled", async ({ event, context }) => {
    await record(event, context, "OutcomeEscrow:Settled");
    const contract = event.log.address;
    const settled = escrowSettlement(event.args);
    await context.db.update(escrow, { address: contract }).set({
      status: settled.status,
      settleReason: settled.reason,
      compositeWad: settled.compositeWad,
      beneficiaryPot: settled.payoutPot,
      refundPot: settled.refundPot,
    });
    await context.db.insert(settlement).values({ ...meta(event), contract, contractKind: "escrow", ...settled });
  });

  ponder.on("OutcomeEscrow:Claimed", async ({ event, context }) => escrowPayout(event, context, "claim"));
  ponder.on("OutcomeEscrow:Refunded", async ({ event, context }) => escrowPayout(event, context, "refund"));
}
