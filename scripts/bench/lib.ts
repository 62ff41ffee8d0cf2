import type { ContractTransactionResponse } from "ethers";

/** Gas per operation: whole-transaction `gasUsed` from the receipt, keyed by operation name. */
export type GasRecord = Record<string, number>;

/** A bench module measures its operations on its own fresh in-process network and returns their gas. */
export type BenchModule = () => Promise<GasRecord>;

/** Waits for a transaction and returns its whole-transaction `gasUsed` (what a user pays for, cold). */
export async function gasOf(tx: Promise<ContractTransactionResponse> | ContractTransactionResponse): Promise<number> {
  const sent = await tx;
  const receipt = await sent.wait();
  if (receipt === null) throw new Error(`no receipt for ${sent.hash}`);
  return Number(receipt.gasUsed);
}

/** A target: an absolute ceiling, a ratio of a peer's figure, or "within pct % of" another operation. */
export type Target = { max: number } | { peer: string; factor: number } | { of: string; withinPct: number };

/** Every target stated in the issues (an operation may have several), checked and shown by `npm run bench`. */
export const TARGETS: Record<string, Target[]> = {
  "mission.create": [{ max: 150_000 }],
  "mission.join": [{ max: 60_000 }],
  "mission.endorse": [{ max: 60_000 }],
  "oracle.report": [{ max: 70_000 }, { peer: "peer.eas.attest", factor: 0.5 }],
  "oracle.reportQuorum": [{ max: 110_000 }],
  "oracle.reportSigned": [{ max: 80_000 }],
  "oracle.reportBatch5": [{ max: 250_000 }],
  "oracle.dispute": [{ max: 100_000 }],
  "oracle.finalize": [{ max: 60_000 }],
  "escrow.create": [{ max: 300_000 }],
  "escrow.deposit": [{ max: 75_000 }, { peer: "peer.ctf.split", factor: 1 }],
  "escrow.depositTopUp": [{ max: 55_000 }],
  "escrow.settle": [{ max: 90_000 }, { peer: "peer.ctf.report", factor: 1 }],
  "escrow.settle4": [{ max: 160_000 }],
  "escrow.claim": [{ max: 65_000 }, { peer: "peer.ctf.redeem", factor: 1 }],
  "escrow.refund": [{ max: 60_000 }],
  "escrow.settle@1000": [{ of: "escrow.settle@1", withinPct: 5 }],
  "escrow.claim@1000": [{ of: "escrow.claim@1", withinPct: 5 }],
  "escrow.refund@1000": [{ of: "escrow.refund@1", withinPct: 5 }],
  "pool.create": [{ max: 450_000 }],
  "pool.invest": [{ max: 90_000 }],
  "pool.commit": [{ max: 75_000 }],
  "pool.disburse": [{ max: 70_000 }],
  "pool.settle": [{ max: 170_000 }],
  "pool.redeem": [{ max: 70_000 }],
  "pool.redeem@1000": [{ of: "pool.redeem", withinPct: 5 }],
  // A scheduled pool (issue #12): a commitment into a tier that already has one (the ledger word, the tier's book and
  // the payer's tier word: one more word than `pool.commit`); a 4-term point with one trigger — the escrow's
  // `schedule.settlePoint` plus the pool's overhead: one DELEGATECALL to the cold `ScheduleSettlement` (2,600), the
  // header as calldata both ways, the phase (supply and status, 2 × 2,100 cold) and the larger clone args; the last
  // point also writes the two pots (2 × 20,000); a payer's refund is `pool.refund` plus its tier's book.
  "pool.schedule.commit": [{ max: 90_000 }],
  "pool.schedule.settlePoint": [{ max: 140_000 }],
  "pool.schedule.settlePoint.last": [{ max: 195_000 }],
  "pool.schedule.refund": [{ max: 70_000 }],
  // A classed pool (issue #13, scripts/bench/pool-classes.ts states each scenario): an investment by a new holder
  // into a class; a claim of an interim distribution by a holder who claimed before (the class token's account slot,
  // then the pool's payout: cold call, the class token check, the transfer); a class share transfer to a new address
  // (one slot per account: balance and accumulator correction together); a point that pays one class's accumulator
  // with the guarantee posted; a claim among 1,000 holders after 16 distributions costs what a sole holder's does.
  "pool.class.invest": [{ max: 90_000 }],
  "pool.claim": [{ max: 60_000 }],
  "pool.shareTransfer": [{ max: 65_000 }],
  "pool.class.settlePoint": [{ max: 160_000 }],
  "pool.claim@1000": [{ of: "pool.claim@1", withinPct: 5 }],
  "schedule.settlePoint": [{ max: 110_000 }],
  "schedule.settlePoint.rateCard": [{ max: 120_000 }],
  "schedule.settlePoint.trueUp": [{ max: 120_000 }],
  "schedule.settlePoint@16": [{ of: "schedule.settlePoint@1", withinPct: 5 }],
};

function meets(target: Target, value: number, gas: GasRecord): boolean | undefined {
  if ("max" in target) return value <= target.max;
  if ("peer" in target) {
    const ref = gas[target.peer];
    return ref === undefined ? undefined : value <= ref * target.factor;
  }
  const ref = gas[target.of];
  return ref === undefined ? undefined : Math.abs(value - ref) <= (ref * target.withinPct) / 100;
}

/** Whether `op` meets all its targets; undefined when it has none or a reference figure is missing. */
export function meetsTarget(op: string, gas: GasRecord): boolean | undefined {
  const targets = TARGETS[op];
  const value = gas[op];
  if (targets === undefined || value === undefined) return undefined;
  const results = targets.map((t) => meets(t, value, gas));
  if (results.includes(false)) return false;
  return results.includes(undefined) ? undefined : true;
}

function describeOne(target: Target): string {
  if ("max" in target) return `≤ ${target.max.toLocaleString("en-US")}`;
  if ("peer" in target) return target.factor === 1 ? `≤ \`${target.peer}\`` : `≤ ${target.factor} × \`${target.peer}\``;
  return `within ${target.withinPct} % of \`${target.of}\``;
}

/** Human-readable form of an operation's targets, for the Markdown table. */
export function describeTarget(op: string): string {
  return (TARGETS[op] ?? []).map(describeOne).join("; ");
}
