/**
 * ImpactPoolFactory and ImpactPool events → pools, pool_outcomes, pool_tranches, pool_share_transfers and the shared
 * money tables (deposits, payouts, settlements).
 */
import { getAddress, type Address } from "viem";
import type { Decoded } from "../decode.js";
import type { PayoutRow, State } from "../state.js";
import { poolOutcomeRows, poolSettlement, poolTerms, shareTransferRow, trancheRows } from "./shared.js";

export function reducePoolFactory(state: State, { event: e, meta: m }: Decoded<"poolFactory">): void {
  if (e.eventName !== "PoolCreated") return;
  const t = e.args.terms;
  const pool = getAddress(e.args.pool);
  state.pools.set(pool, {
    pool,
    ...poolTerms(e.args),
    phase: "Raising",
    totalInvested: 0n,
    totalWithdrawn: 0n,
    totalCommitted: 0n,
    totalDisbursed: 0n,
    resolution: null,
    compositeWad: null,
    multipleWad: null,
    outcomePayment: null,
    investorPot: null,
    refundPot: null,
    totalRedeemed: 0n,
    totalRefunded: 0n,
    sharesOutstanding: 0n,
    balance: 0n,
    createdBlock: m.blockNumber,
  });
  state.poolOutcomes.push(...poolOutcomeRows(pool, t));
  state.poolTranches.push(...trancheRows(pool, t));
}

export function reducePool(state: State, { address, event: e, meta: m }: Decoded<"pool">): void {
  const row = { contract: address, contractKind: "pool" } as const;
  /** A payout row; every payout leaves the pool's balance. */
  const payout = (kind: PayoutRow["kind"], account: Address, amount: bigint, shares: bigint | null): void => {
    state.payouts.push({ ...row, kind, account: getAddress(account), amount, shares, ...m });
    state.pool(address).balance -= amount;
  };
  switch (e.eventName) {
    case "Invested":
    case "Committed": {
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
      return;
    }
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
    case "Settled": {
      const p = state.pool(address);
      const settled = poolSettlement(e.args);
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
