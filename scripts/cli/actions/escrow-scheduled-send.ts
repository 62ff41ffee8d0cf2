/**
 * The transactions of a scheduled escrow (issue #12): creating one through `ScheduledEscrowFactory` and settling one
 * of its points. The reader they share with `escrow:show` is `escrow-scheduled.ts`.
 */
import { CliError, flags, parseFlag } from "../../core/cli.js";
import { resolveAddress } from "../../core/address-book.js";
import { requireKind, revertReason } from "../../core/chain.js";
import type { ScheduledContractTerms } from "../../formats/escrow-terms.js";
import { ScheduledEscrowFactory__factory } from "../../../typechain-types/index.js";
import { requireCode, type EscrowConn } from "./escrow-common.js";
import { pointCall, scheduledEscrowAt } from "./escrow-scheduled.js";

/** The scheduled escrow factory at `--factory` (or the address book's `ScheduledEscrowFactory`). */
async function scheduledFactoryAt(conn: EscrowConn, factoryFlag?: string) {
  const address = resolveAddress("ScheduledEscrowFactory", conn.chainId, "factory", factoryFlag);
  const factory = ScheduledEscrowFactory__factory.connect(await requireCode(conn, "factory", address), conn.signer);
  await requireKind("factory", address, "ScheduledEscrowFactory", () => factory.escrowCount());
  return factory;
}

/**
 * Creates a scheduled escrow (a terms file with a payment schedule) through `ScheduledEscrowFactory`, which checks every
 * slot every point reads; returns its address.
 */
export async function createScheduledEscrow(
  conn: EscrowConn,
  terms: ScheduledContractTerms,
  factoryFlag?: string,
): Promise<string> {
  const factory = await scheduledFactoryAt(conn, factoryFlag);
  const receipt = await (await factory.createEscrow(terms)).wait();
  for (const log of receipt?.logs ?? []) {
    const parsed = factory.interface.parseLog(log);
    if (parsed?.name === "ScheduledEscrowCreated") return String(parsed.args.escrow);
  }
  throw new CliError("the factory emitted no ScheduledEscrowCreated event");
}

/**
 * Settles point `point` of the scheduled escrow at `--escrow` (permissionless): its points come from the factory's
 * `ScheduledEscrowCreated` event, so the bytes and proof sent are exactly what the escrow committed to. A point that
 * cannot settle yet (funding open, a slot still pending, an earlier point open for a true-up) is one line, before any
 * transaction. Returns what the point paid (base units).
 */
export async function settleScheduledPoint(conn: EscrowConn, escrowFlag: string, point: number): Promise<bigint> {
  const address = await requireCode(conn, "escrow", parseFlag("escrow", flags.address, escrowFlag));
  const { escrow, points } = await scheduledEscrowAt(conn.signer, address);
  const { bytes, proof } = pointCall(points, point);
  try {
    await escrow.settlePoint.staticCall(point, bytes, proof);
  } catch (err) {
    const reason = revertReason(err);
    if (reason !== undefined) throw new CliError(`--point: ${reason}`);
    throw err;
  }
  const receipt = await (await escrow.settlePoint(point, bytes, proof)).wait();
  for (const log of receipt?.logs ?? []) {
    const parsed = escrow.interface.parseLog(log);
    if (parsed?.name === "PointSettled") return BigInt(String(parsed.args.amount));
  }
  throw new CliError("the escrow emitted no PointSettled event");
}
