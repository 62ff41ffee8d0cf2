/**
 * ScheduledEscrowFactory and its ScheduledEscrow clones (issue #12): every event recorded; scheduled escrows, the
 * per-point tables (`schedule_point`, `schedule_point_term`, `schedule_point_tier`), deposits per funder and tier,
 * beneficiaries, the money tables (`deposit`, `payout`) and each mission's money aggregates. Rows are the exporter's
 * (`scripts/open-data/reducers/schedule-rows.ts`), so the two agree to the wei. The payment-schedule rows are written
 * by `scheduleCreated`, `tierDeposited` and `pointSettled`, which the pool handlers use for a pool in scheduled mode
 * (contractKind `pool`).
 */
import { ponder } from "ponder:registry";
import {
  beneficiaryWeight,
  deposit,
  mission,
  payout,
  schedulePoint,
  schedulePointTerm,
  schedulePointTier,
  scheduledEscrow,
  scheduleTierDeposit,
} from "ponder:schema";
import { getAddress, type Address } from "viem";
import { beneficiaryRows } from "../../../scripts/open-data/reducers/shared.js";
import {
  coPaysOf,
  pointSettlement,
  schedulePointRows,
  scheduledEscrowRow,
  type PointSettledArgs,
  type Schedule,
  type ScheduleContractKind,
} from "../../../scripts/open-data/reducers/schedule-rows.js";
import { ensureToken, logColumns, meta, record, type AnyEvent, type Ctx } from "./shared.js";

const KIND = "scheduledEscrow";

/** The points and terms of `contract`'s payment schedule at its creation. */
export async function scheduleCreated(
  context: Ctx,
  contract: Address,
  contractKind: ScheduleContractKind,
  schedule: Schedule,
): Promise<void> {
  const { points, terms } = schedulePointRows(contract, contractKind, schedule);
  await context.db.insert(schedulePoint).values(points);
  await context.db.insert(schedulePointTerm).values(terms);
}

/** Adds a deposit (a pool's tier commitment) of `funder` into `tier` to its (contract, funder, tier) row. */
export async function tierDeposited(
  context: Ctx,
  contract: Address,
  contractKind: ScheduleContractKind,
  funder: Address,
  tier: number,
  amount: bigint,
): Promise<void> {
  await context.db
    .insert(scheduleTierDeposit)
    .values({ contract, contractKind, funder, tier, depositCount: 1, deposited: amount })
    .onConflictDoUpdate((d) => ({ depositCount: d.depositCount + 1, deposited: d.deposited + amount }));
}

/**
 * A `PointSettled` of `contract`: the point's settlement, its terms' figures and one tier row per payer tier
 * (`coPays`: each tier's co-payment share, kept from creation). The caller updates its own row's totals.
 */
export async function pointSettled(
  event: AnyEvent & { args: PointSettledArgs; log: { address: Address } },
  context: Ctx,
  contractKind: ScheduleContractKind,
  coPays: readonly bigint[],
): Promise<void> {
  const contract = event.log.address;
  const settled = pointSettlement(contract, contractKind, event.args, coPays);
  const where = { contract, pointIndex: settled.pointIndex };
  const log = logColumns(event);
  await context.db.update(schedulePoint, where).set({ ...settled.point, ...log });
  for (const [termIndex, figures] of settled.terms.entries()) {
    await context.db.update(schedulePointTerm, { ...where, termIndex }).set(figures);
  }
  await context.db.insert(schedulePointTier).values(settled.tiers.map((tier) => ({ ...tier, ...log })));
}

async function scheduledEscrowOf(context: Ctx, address: Address) {
  const row = await context.db.find(scheduledEscrow, { address });
  if (row === null) throw new Error(`indexer: scheduled escrow ${address} has no ScheduledEscrowCreated row`);
  return row;
}

/** A beneficiary's claim or a funder's refund: a `payout` row, the escrow's totals, its mission's aggregates. */
async function schedulePayout(
  event: AnyEvent & { args: { account: Address; amount: bigint }; log: { address: Address } },
  context: Ctx,
  kind: "claim" | "refund",
): Promise<void> {
  await record(event, context, kind === "claim" ? "ScheduledEscrow:Claimed" : "ScheduledEscrow:Refunded");
  const contract = event.log.address;
  const amount = event.args.amount;
  await context.db.insert(payout).values({
    ...meta(event),
    contract,
    contractKind: KIND,
    kind,
    account: getAddress(event.args.account),
    amount,
    shares: null,
  });
  const escrow = await context.db.update(scheduledEscrow, { address: contract }).set((e) => ({
    totalClaimed: e.totalClaimed + (kind === "claim" ? amount : 0n),
    totalRefunded: e.totalRefunded + (kind === "refund" ? amount : 0n),
    balance: e.balance - amount,
  }));
  await context.db.update(mission, { missionId: escrow.missionId }).set((m) => ({
    paid: m.paid + (kind === "claim" ? amount : 0n),
    refunded: m.refunded + (kind === "refund" ? amount : 0n),
    pending: m.pending - amount,
  }));
}

export function registerScheduleHandlers(): void {
  ponder.on("ScheduledEscrowFactory:ScheduledEscrowCreated", async ({ event, context }) => {
    await record(event, context, "ScheduledEscrowFactory:ScheduledEscrowCreated");
    const { escrow, ...row } = scheduledEscrowRow(event.args, event.block.number);
    const schedule = event.args.terms.paymentSchedule;
    await context.db.insert(scheduledEscrow).values({ address: escrow, ...row, tierCoPayWads: coPaysOf(schedule) });
    await ensureToken(context, row.token);
    await scheduleCreated(context, escrow, KIND, schedule);
    const beneficiaries = beneficiaryRows(escrow, event.args.terms.beneficiaries);
    if (beneficiaries.length > 0) await context.db.insert(beneficiaryWeight).values(beneficiaries);
  });

  ponder.on("ScheduledEscrow:Deposited", async ({ event, context }) => {
    await record(event, context, "ScheduledEscrow:Deposited");
    const contract = event.log.address;
    const amount = event.args.credited;
    const funder = getAddress(event.args.funder);
    await context.db.insert(deposit).values({
      ...meta(event),
      contract,
      contractKind: KIND,
      kind: "deposit",
      account: funder,
      payer: getAddress(event.args.payer),
      amount,
    });
    // A tier below the schedule's (at most 4; the escrow reverts otherwise), so it fits a number.
    await tierDeposited(context, contract, KIND, funder, Number(event.args.tier), amount);
    const escrow = await context.db.update(scheduledEscrow, { address: contract }).set((e) => ({
      depositCount: e.depositCount + 1,
      totalDeposited: e.totalDeposited + amount,
      balance: e.balance + amount,
    }));
    await context.db
      .update(mission, { missionId: escrow.missionId })
      .set((m) => ({ funded: m.funded + amount, pending: m.pending + amount }));
  });

  ponder.on("ScheduledEscrow:PointSettled", async ({ event, context }) => {
    await record(event, context, "ScheduledEscrow:PointSettled");
    const contract = event.log.address;
    const escrow = await scheduledEscrowOf(context, contract);
    await pointSettled(event, context, KIND, escrow.tierCoPayWads);
    await context.db.update(scheduledEscrow, { address: contract }).set((e) => ({
      pointsSettled: e.pointsSettled + 1,
      totalPaid: e.totalPaid + event.args.amount,
    }));
  });

  ponder.on("ScheduledEscrow:Claimed", async ({ event, context }) => schedulePayout(event, context, "claim"));
  ponder.on("ScheduledEscrow:Refunded", async ({ event, context }) => schedulePayout(event, context, "refund"));
}
