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

/** Every target stated in the issues, checked and shown by `npm run bench`. */
export const TARGETS: Record<string, Target> = {
  "mission.create": { max: 150_000 },
  "mission.join": { max: 60_000 },
  "mission.endorse": { max: 60_000 },
  "pool.create": { max: 450_000 },
  "pool.invest": { max: 90_000 },
  "pool.commit": { max: 75_000 },
  "pool.disburse": { max: 70_000 },
  "pool.settle": { max: 170_000 },
  "pool.redeem": { max: 70_000 },
  "pool.redeem@1000": { of: "pool.redeem", withinPct: 5 },
};

/** Whether `op` meets its target given all measured figures; undefined when it has none or a reference is missing. */
export function meetsTarget(op: string, gas: GasRecord): boolean | undefined {
  const target = TARGETS[op];
  const value = gas[op];
  if (target === undefined || value === undefined) return undefined;
  if ("max" in target) return value <= target.max;
  if ("peer" in target) {
    const ref = gas[target.peer];
    return ref === undefined ? undefined : value <= ref * target.factor;
  }
  const ref = gas[target.of];
  return ref === undefined ? undefined : Math.abs(value - ref) <= (ref * target.withinPct) / 100;
}

/** Human-readable form of a target, for the Markdown table. */
export function describeTarget(op: string): string {
  const target = TARGETS[op];
  if (target === undefined) return "";
  if ("max" in target) return `≤ ${target.max.toLocaleString("en-US")}`;
  if ("peer" in target) return `≤ ${target.factor} × \`${target.peer}\``;
  return `within ${target.withinPct} % of \`${target.of}\``;
}
