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
