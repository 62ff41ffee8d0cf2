/**
 * What an account can still claim, derived from its indexed position and the contract's settlement with the
 * contracts' own arithmetic (OutcomeEscrow.claimable/refundable, ImpactPool.previewRedeem/previewRefund), as of
 * the last event: a pool whose raise failed only by the passing of time is not seen as such.
 */
export interface EscrowState {
  status: string;
  totalDeposited: bigint;
  totalWeight: bigint;
  beneficiaryPot: bigint | null;
  refundPot: bigint | null;
}
export interface PoolState {
  phase: string;
  investorPot: bigint | null;
  refundPot: bigint | null;
  totalRedeemed: bigint;
  totalRefunded: bigint;
  sharesOutstanding: bigint;
  fundCommitted: bigint;
}
export interface PositionState {
  deposited: bigint;
  weight: bigint;
  claimed: bigint;
  committed: bigint;
  shares: bigint;
}

/** claimable: beneficiary share (escrow) or redemption value (pool); refundable: funder or outcome-payer refund. */
export function escrowClaimable(p: PositionState, e: EscrowState): { claimable: bigint; refundable: bigint } {
  if (e.status === "Open" || e.beneficiaryPot === null || e.refundPot === null)
    return { claimable: 0n, refundable: 0n };
  const claimable = p.weight > 0n && p.claimed === 0n ? (e.beneficiaryPot * p.weight) / e.totalWeight : 0n;
  const refundable = p.deposited > 0n ? (e.refundPot * p.deposited) / e.totalDeposited : 0n;
  return { claimable, refundable };
}

export function poolClaimable(p: PositionState, pool: PoolState): { claimable: bigint; refundable: bigint } {
  if (pool.phase !== "Settled" || pool.investorPot === null || pool.refundPot === null) {
    return { claimable: 0n, refundable: 0n };
  }
  const claimable =
    p.shares > 0n && pool.sharesOutstanding > 0n
      ? ((pool.investorPot - pool.totalRedeemed) * p.shares) / pool.sharesOutstanding
      : 0n;
  const refundable =
    p.committed > 0n && pool.fundCommitted > 0n
      ? ((pool.refundPot - pool.totalRefunded) * p.committed) / pool.fundCommitted
      : 0n;
  return { claimable, refundable };
}

/** One payer tier of a scheduled pool: all payers' commitments in it, what its points paid, this payer's share. */
export interface TierPosition {
  committed: bigint;
  paid: bigint;
  own: bigint;
}

/**
 * A scheduled pool's payer refund once the pool is settled: Σ over its tiers of `ScheduleLib.payerRefund`
 * (`(committed − paid) × own / committed`, rounded down), as `ImpactPool.previewRefund` computes it; 0 once the payer
 * has refunded (`committed` of its position is zeroed then) or before settlement.
 */
export function scheduledPoolRefundable(p: PositionState, phase: string, tiers: readonly TierPosition[]): bigint {
  if (phase !== "Settled" || p.committed === 0n) return 0n;
  return tiers.reduce(
    (sum, t) => (t.committed === 0n ? sum : sum + ((t.committed - t.paid) * t.own) / t.committed),
    0n,
  );
}
