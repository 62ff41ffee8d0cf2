/**
 * The indexer's HTTP API (Ponder serves it; `npm run indexer` prints the URLs):
 *  - `/graphql`                     Ponder's GraphQL over every table (GraphiQL on GET)
 *  - `/sql/*`                       Ponder's SQL over HTTP (@ponder/client)
 *  - `/open-data/<table>.json|csv`  the exporter's files (same rows and columns), `/open-data/manifest.json`
 *  - `/missions/:id`                a mission dashboard: the mission, its escrows and pools, money totals
 *  - `/accounts/:address`           an account's positions with what it can still claim or get refunded, and its
 *                                   class holdings in classed pools with their `claimable`
 * Ponder itself serves `/health`, `/ready`, `/status` and `/metrics`.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { client, eq, graphql, inArray, replaceBigInts } from "ponder";
import { Hono } from "hono";
import { getAddress } from "viem";
import { z } from "zod";
import { loadSuite } from "../suite.js";
import { openDataFiles } from "./open-data.js";
import { claimableOf } from "../../../scripts/open-data/reducers/class-rows.js";
import { escrowClaimable, poolClaimable, scheduledPoolRefundable, type TierPosition } from "./positions.js";

const suite = loadSuite();
const app = new Hono();

app.use("/graphql", graphql({ db, schema }));
app.use("/sql/*", client({ db, schema }));

const json = (value: unknown) => replaceBigInts(value, (v) => String(v));

const fileName = z.string().regex(/^[a-z_]+\.(json|csv)$/, "expected <table>.json or <table>.csv");
app.get("/open-data/:file", async (c) => {
  const parsed = fileName.safeParse(c.req.param("file"));
  if (!parsed.success) return c.text(`open-data: ${parsed.error.issues[0]?.message}`, 400);
  const files = await openDataFiles(db, suite);
  const body = files.get(parsed.data);
  if (body === undefined) return c.text(`open-data: no table ${parsed.data}`, 404);
  const type = parsed.data.endsWith(".csv") ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
  return c.body(body, 200, { "content-type": type });
});
app.get("/open-data", async (c) => c.json([...(await openDataFiles(db, suite)).keys()]));

const missionId = z.coerce.bigint().nonnegative();
app.get("/missions/:id", async (c) => {
  const id = missionId.safeParse(c.req.param("id"));
  if (!id.success) return c.text("missions: id must be a non-negative integer", 400);
  const [m] = await db.select().from(schema.mission).where(eq(schema.mission.missionId, id.data));
  if (m === undefined) return c.text(`missions: no mission ${id.data}`, 404);
  const escrows = await db.select().from(schema.escrow).where(eq(schema.escrow.missionId, id.data));
  const links = await db.select().from(schema.poolMission).where(eq(schema.poolMission.missionId, id.data));
  const pools =
    links.length === 0
      ? []
      : await db
          .select()
          .from(schema.pool)
          .where(
            inArray(
              schema.pool.address,
              links.map((l) => l.pool),
            ),
          );
  return c.json(json({ mission: m, escrows, pools }));
});

const accountAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 20-byte 0x address")
  .transform((a) => getAddress(a));
app.get("/accounts/:address", async (c) => {
  const parsed = accountAddress.safeParse(c.req.param("address"));
  if (!parsed.success) return c.text(`accounts: ${parsed.error.issues[0]?.message}`, 400);
  const rows = await db.select().from(schema.position).where(eq(schema.position.account, parsed.data));
  const escrowRows = await db
    .select()
    .from(schema.escrow)
    .where(
      inArray(
        schema.escrow.address,
        rows.filter((r) => r.contractKind === "escrow").map((r) => r.contract),
      ),
    );
  const poolRows = await db
    .select()
    .from(schema.pool)
    .where(
      inArray(
        schema.pool.address,
        rows.filter((r) => r.contractKind === "pool").map((r) => r.contract),
      ),
    );
  const escrows = new Map(escrowRows.map((e) => [e.address, e]));
  const pools = new Map(poolRows.map((p) => [p.address, p]));
  const tiers = await tierPositions(
    parsed.data,
    poolRows.filter((p) => p.scheduled).map((p) => p.address),
  );
  let claimable = 0n;
  let refundable = 0n;
  const positions = rows.map((p) => {
    const e = escrows.get(p.contract);
    const pl = pools.get(p.contract);
    const owed =
      e !== undefined
        ? escrowClaimable(p, e)
        : pl === undefined
          ? undefined
          : pl.scheduled
            ? {
                claimable: poolClaimable(p, pl).claimable,
                refundable: scheduledPoolRefundable(p, pl.phase, tiers.get(pl.address) ?? []),
              }
            : poolClaimable(p, pl);
    if (owed === undefined) throw new Error(`accounts: position in unknown contract ${p.contract}`);
    claimable += owed.claimable;
    refundable += owed.refundable;
    return { ...p, ...owed, missionId: e?.missionId ?? null };
  });
  const classHoldings = await classPositions(parsed.data);
  for (const h of classHoldings) claimable += h.claimable;
  return c.json(json({ account: parsed.data, positions, classHoldings, claimable, refundable }));
});

/**
 * An account's shares in the classes of classed pools, each with what it can claim now: the class token's own
 * formula over the indexed accumulator and the holder's correction (`PoolShareClass.claimable`, to the wei).
 */
async function classPositions(account: `0x${string}`) {
  const holdings = await db.select().from(schema.poolClassHolding).where(eq(schema.poolClassHolding.account, account));
  if (holdings.length === 0) return [];
  const classes = await db
    .select()
    .from(schema.poolClassRow)
    .where(
      inArray(
        schema.poolClassRow.token,
        holdings.map((h) => h.token),
      ),
    );
  const byToken = new Map(classes.map((k) => [k.token, k]));
  return holdings.map((h) => {
    const k = byToken.get(h.token);
    if (k === undefined) throw new Error(`accounts: holding of unknown class token ${h.token}`);
    const { pool, classIndex, token, balance, claimed, withdrawn } = h;
    const claimable = claimableOf(h, k.perShareX64);
    return { pool, classIndex, token, name: k.name, symbol: k.symbol, balance, claimed, withdrawn, claimable };
  });
}

/**
 * Per scheduled pool of `pools`: each payer tier's commitments (all payers), what the points paid it, and
 * `account`'s own commitment in it — what `ScheduleLib.payerRefund` reads.
 */
async function tierPositions(account: `0x${string}`, pools: `0x${string}`[]): Promise<Map<string, TierPosition[]>> {
  const out = new Map<string, TierPosition[]>();
  if (pools.length === 0) return out;
  const deposits = await db
    .select()
    .from(schema.scheduleTierDeposit)
    .where(inArray(schema.scheduleTierDeposit.contract, pools));
  const paid = await db
    .select()
    .from(schema.schedulePointTier)
    .where(inArray(schema.schedulePointTier.contract, pools));
  const tier = (contract: string, index: number): TierPosition => {
    let list = out.get(contract);
    if (list === undefined) out.set(contract, (list = []));
    while (list.length <= index) list.push({ committed: 0n, paid: 0n, own: 0n });
    const t = list[index];
    if (t === undefined) throw new Error(`accounts: tier ${index} of ${contract} missing`);
    return t;
  };
  for (const d of deposits) {
    const t = tier(d.contract, d.tier);
    t.committed += d.deposited;
    if (d.funder.toLowerCase() === account.toLowerCase()) t.own += d.deposited;
  }
  for (const p of paid) tier(p.contract, p.tier).paid += p.paid;
  return out;
}

export default app;
