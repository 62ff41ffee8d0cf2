/**
 * ImpactPoolFactory and ImpactPool events → pools, pool_outcomes, pool_tranches, pool_share_transfers and the shared
 * money tables (deposits, payouts, settlements). A pool in scheduled mode (`ScheduledPoolCreated`, issue #12) also
 * fills the payment-schedule tables shared with the scheduled escrows (contractKind `pool`): its points and terms, what
 * each payer tier paid of each point (`PointSettled`), and its outcome payers' commitments per tier
 * (`TierCommitted` → schedule_tier_deposits, and a `commit` row of deposits like `Committed`). A classed pool's capital
 * structure (`CapitalStructureCreated` and the pool's class events, issue #13) goes to reducers/classes.ts.
 */
import { getAddress, type Address } from "viem";
import type { Decoded } from "../decode.js";
import type { PayoutRow, State } from "../state.js";
import { reduceCapitalCreated, reducePoolCapital } from "./classes.js";
import {
  newPool,
  poolOutcomeRows,
  poolSettlement,
  scheduleSettlement,
  shareTransferRow,
  trancheRows,
} from "./shared.js";

export function reducePoolFactory(state: State, { event: e, meta: m }: Decoded<"poolFactory">): void {
  if (e.eventName === "CapitalStructureCreated") return reduceCapitalCreated(state, e.args, m);
  const t = e.args.terms;
  const pool = getAddress(e.args.pool);
  state.pools.set(pool, newPool(pool, e.args, m.blockNumber));
  state.poolTranches.push(...trancheRows(pool, t));
  if ("basket" in t) state.poolOutcomes.push(...poolOutcomeRows(pool, t));
  else state.schedule.created(pool, "pool", t.paymentSchedule);
}

export function reducePool(state: State, decoded: Decoded<"pool">): void {
  const { address, event: e, meta: m } = decoded;
  const row = { contract: address, contractKind: "pool" } as const;
  /** A payout row; every payout leaves the pool's balance. */
  const payout = (kind: PayoutRow["kind"], account: Address, amount: bigint, shares: bigint | null): void => {
    state.payouts.push({ ...row, kind, account: getAddress(account), amount, shares, ...m });
    state.pool(address).balance -= amount;
  };
  switch (e.eventName) {
    case "ClassInvested":
    case "Distributed":
    case "UndrawnReturned":
    case "GuaranteeCommitted":
    case "GuaranteeCalled":
    case "GuaranteeReturned":
      return reducePoolCapital(state, decoded);
    case "Invested":
    case "Committed":
    case "TierCommitted": {
      const p = state.pool(address);
      const { amount } = e.args;
      const invest = e.eventName === "Invested";
      const account = getAddress(e.eventName === "Invested" ? e.args.investor : e.args.payer);
      state.deposits.push({ ...row, kind: invest ? "invest" : "commit", account, payer: account, amount, ...m });
      if (invest) {
        p.totalInvested += amount;
        if (p.totalInvested >= p.capitalTarget) p.phase = "Funded";
      } else p.totalCommitted += amount;
      p.balance += amount;
      // A tier below the schedule's (at most 4; the pool reverts otherwise), so it fits a number.
      if (e.eventName === "TierCommitted")
        state.schedule.deposited(address, "pool", account, Number(e.args.tier), amount);
      return;
    }
    case "PointSettled":
      state.schedule.settled(address, "pool", e.args, m, state.pool(address));
      return;
    case "Disbursed": {
      const p = state.pool(address);
      const { amount, index } = e.args;
      payout("disburse", e.args.provider, amount, null);
      p.totalDisbursed += amount;
      const tranche = state.poolTranches.find((t) => t.pool === address && BigInt(t.trancheIndex) === index);
      if (tranche !== undefined) {
        tranche.disbursed = true;
        tranche.disbursedBlock = m.blockNumber;
      }
      return;
    }
    case "Withdrawn": {
      const p = state.pool(address);
      // Withdrawals return capital 1:1 for shares.
      payout("withdraw", e.args.investor, e.args.shares, e.args.shares);
      p.totalWithdrawn += e.args.shares;
      return;
    }
    case "Redeemed": {
      const p = state.pool(address);
      payout("redeem", e.args.account, e.args.amount, e.args.shares);
      p.totalRedeemed += e.args.amount;
      return;
    }
    case "Refunded": {
      const p = state.pool(address);
      payout("refund", e.args.payer, e.args.amount, null);
      p.totalRefunded += e.args.amount;
      return;
    }
    case "Settled":
    case "ScheduleSettled": {
      const p = state.pool(address);
      const settled = e.eventName === "Settled" ? poolSettlement(e.args) : scheduleSettlement(e.args);
      p.phase = "Settled";
      p.resolution = settled.reason;
      p.compositeWad = settled.compositeWad;
      p.multipleWad = settled.multipleWad;
      p.outcomePayment = settled.outcomePayment;
      p.investorPot = settled.payoutPot;
      p.refundPot = settled.refundPot;
      state.settlements.push({ ...row, ...settled, ...m });
      return;
    }
    case "Transfer": {
      const p = state.pool(address);
      const transfer = shareTransferRow(address, e.args);
      state.poolShareTransfers.push({ ...transfer, ...m });
      const { kind, shares } = transfer;
      if (kind === "mint") p.sharesOutstanding += shares;
      if (kind === "burn") p.sharesOutstanding -= shares;
      return;
    }
  }
}
