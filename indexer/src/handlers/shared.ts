/**
 * What every handler module shares: `record` (every event of the suite into the `event` table), the event columns of
 * a row, `bump` (an account's position in an escrow or pool) and `ensureToken` (a token's units, read once). The arithmetic of the rows themselves is the
 * exporter's where it can be (scripts/open-data/reducers/shared.ts), so the numbers agree to the wei.
 *
 * Keys derived from the log's emitter use `event.log.address` as Ponder hands it over (lower case), not a checksummed
 * copy: Ponder stores hex columns in lower case anyway (same rows), and in live indexing it predicts the rows a
 * handler will touch only from values that equal the event's own fields — a checksummed `contract` matched none, so
 * every position upsert of a live block was a database round trip (≈ 1 ms each, measured with /metrics).
 */
import type { Context, Event } from "ponder:registry";
import { event as eventTable, position, token } from "ponder:schema";
import { replaceBigInts } from "ponder";
import { getAddress, type Address } from "viem";
import { tokenUnit } from "../../../scripts/open-data/tokens.js";

export type AnyEvent = Event;
export type Ctx = Context;

/** Records `e` in the `event` table (every event of the suite goes through here). */
export async function record(e: AnyEvent, context: Ctx, source: `${string}:${string}`): Promise<void> {
  const [contract = "", eventName = ""] = source.split(":");
  const args = "args" in e ? (e as { args: unknown }).args : {};
  const log = (
    e as { log: { address: Address; logIndex: number; topics: readonly (`0x${string}` | null)[]; data: `0x${string}` } }
  ).log;
  await context.db.insert(eventTable).values({
    id: e.id,
    blockNumber: e.block.number,
    logIndex: log.logIndex,
    timestamp: e.block.timestamp,
    txHash: (e as { transaction: { hash: `0x${string}` } }).transaction.hash,
    address: log.address,
    contract,
    eventName,
    args: JSON.stringify(replaceBigInts(args, (v) => String(v))),
    // Ponder pads topics with null up to four; the raw log has only the real ones.
    topics: log.topics.filter((t): t is `0x${string}` => t !== null),
    data: log.data,
  });
}

/** Where a row comes from (the exporter's event columns), for a table keyed by something else than the event. */
export function logColumns(e: AnyEvent) {
  const ev = e as unknown as { log: { logIndex: number }; transaction: { hash: `0x${string}` } };
  return {
    blockNumber: e.block.number,
    timestamp: e.block.timestamp,
    txHash: ev.transaction.hash,
    logIndex: ev.log.logIndex,
  };
}

/** The event columns of a row keyed by its event (`id`: one row per event). */
export function meta(e: AnyEvent) {
  return { id: e.id, ...logColumns(e) };
}

const emptyPosition = {
  deposited: 0n,
  weight: 0n,
  claimed: 0n,
  refunded: 0n,
  invested: 0n,
  committed: 0n,
  shares: 0n,
  redeemed: 0n,
  withdrawn: 0n,
  disbursed: 0n,
};
type PositionDelta = Partial<typeof emptyPosition>;

/** Adds `delta` to the account's position in `contract` (creating it); `reset` columns are set to 0 first. */
export async function bump(
  context: Ctx,
  account: Address,
  contract: Address,
  contractKind: "escrow" | "pool",
  delta: PositionDelta,
  reset: (keyof typeof emptyPosition)[] = [],
): Promise<void> {
  const add = (row: typeof emptyPosition) =>
    Object.fromEntries(
      (Object.keys(emptyPosition) as (keyof typeof emptyPosition)[]).map((k) => [
        k,
        (reset.includes(k) ? 0n : row[k]) + (delta[k] ?? 0n),
      ]),
    ) as typeof emptyPosition;
  await context.db
    .insert(position)
    .values({ account: getAddress(account), contract, contractKind, ...add(emptyPosition) })
    .onConflictDoUpdate((row) => add(row));
}

/** Records `address`'s decimals and symbol in `token` the first time it is seen (read as the exporter reads them). */
export async function ensureToken(context: Ctx, address: Address): Promise<void> {
  if ((await context.db.find(token, { address })) !== null) return;
  const unit = await tokenUnit(context.client, address);
  if (unit !== undefined) await context.db.insert(token).values({ address, ...unit });
}
