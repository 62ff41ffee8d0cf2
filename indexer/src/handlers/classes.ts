/**
 * Classed impact pools (issue #13, docs/capital-structure.md): the factory's `CapitalStructureCreated`, a classed
 * pool's `ClassInvested`, `Distributed`, `UndrawnReturned`, `GuaranteeCommitted` / `Called` / `Returned`, and the class
 * share tokens' events. The rows of `pool_class`, `pool_class_point`, `pool_guarantee` and `pool_class_transfer` are the
 * exporter's (`scripts/open-data/reducers/class-rows.ts` builds both), its money rows the exporter's too (an investment
 * and the guarantee in; a class claim or withdrawal, a provider incentive and the guarantee back out, all of the pool).
 *
 * A class token is followed through three Ponder contracts (`PoolShareClass`, `PoolShareClass1`, `PoolShareClass2`:
 * the three slots of `CapitalStructureCreated.classTokens`, ponder.config.ts): every class handler is registered for
 * the three (`onClass`). Each holder's balance and accumulator correction (`pool_class_holding`) follow the token's
 * own bookkeeping, so `/accounts` computes a holder's `claimable` as `PoolShareClass.claimable` does, to the wei.
 */
import { ponder, type IndexingFunctionArgs } from "ponder:registry";
import {
  deposit,
  payout,
  pool,
  poolCapital,
  poolClassRow,
  poolClassHolding,
  poolClassPoint,
  poolClassTransfer,
  poolGuarantee,
} from "ponder:schema";
import { getAddress, zeroAddress, type Address } from "viem";
import {
  capitalRows,
  claimedFrom,
  classPointRows,
  classTransferRow,
  received,
  sent,
  type Holding,
} from "../../../scripts/open-data/reducers/class-rows.js";
import { onPool } from "./pool.js";
import { bump, logColumns, meta, record, type AnyEvent, type Ctx } from "./shared.js";

/** An event name of the PoolShareClass ABI. */
type ClassEvent =
  Extract<Parameters<typeof ponder.on>[0], `PoolShareClass:${string}`> extends `PoolShareClass:${infer E}` ? E : never;

/** Registers `handler` for event `name` of the class tokens of every slot (the three contracts share the ABI). */
function onClass<E extends ClassEvent>(
  name: E,
  handler: (
    args:
      | IndexingFunctionArgs<`PoolShareClass:${E}`>
      | IndexingFunctionArgs<`PoolShareClass1:${E}`>
      | IndexingFunctionArgs<`PoolShareClass2:${E}`>,
  ) => Promise<void>,
): void {
  ponder.on(`PoolShareClass:${name}`, handler);
  ponder.on(`PoolShareClass1:${name}`, handler);
  ponder.on(`PoolShareClass2:${name}`, handler);
}

/** A classed pool's capital row (its class tokens, class count, provider, last point). */
async function capitalOf(context: Ctx, address: Address) {
  const row = await context.db.find(poolCapital, { pool: address });
  if (row === null) throw new Error(`indexer: capital-structure event from unclassed pool ${address}`);
  return row;
}

/** The class token of class `classIndex` of `cap`. */
function tokenOf(cap: { pool: Address; tokens: readonly Address[] }, classIndex: number): Address {
  const token = cap.tokens[classIndex];
  if (token === undefined) throw new Error(`indexer: pool ${cap.pool} has no class ${classIndex}`);
  return token;
}

/** A money row of a classed pool, with the pool's balance moved by it (in: + amount; out: − amount). */
async function money(
  event: AnyEvent,
  context: Ctx,
  contract: Address,
  row: { table: "deposit"; kind: "invest" | "guarantee" } | { table: "payout"; kind: string; shares: bigint | null },
  account: Address,
  amount: bigint,
): Promise<void> {
  const base = { ...meta(event), contract, contractKind: "pool", kind: row.kind, account: getAddress(account), amount };
  if (row.table === "deposit") await context.db.insert(deposit).values({ ...base, payer: base.account });
  else await context.db.insert(payout).values({ ...base, shares: row.shares });
  const delta = row.table === "deposit" ? amount : -amount;
  await context.db.update(pool, { address: contract }).set((p) => ({ balance: p.balance + delta }));
}

/** A holder's book in `token`, changed by `change` (created empty on first use). */
async function holding(
  context: Ctx,
  cls: { token: Address; pool: Address; classIndex: number },
  account: Address,
  change: (h: Holding) => Holding,
  add: { claimed?: bigint; withdrawn?: bigint } = {},
): Promise<void> {
  const key = { token: cls.token, account: getAddress(account) };
  const row = await context.db.find(poolClassHolding, key);
  const next = change(row ?? { balance: 0n, correctionX64: 0n });
  const values = {
    balance: next.balance,
    correctionX64: next.correctionX64,
    claimed: (row?.claimed ?? 0n) + (add.claimed ?? 0n),
    withdrawn: (row?.withdrawn ?? 0n) + (add.withdrawn ?? 0n),
  };
  if (row === null) {
    await context.db.insert(poolClassHolding).values({ ...key, pool: cls.pool, classIndex: cls.classIndex, ...values });
  } else await context.db.update(poolClassHolding, key).set(values);
}

/** The class row of the token that emitted `event`. */
async function classOf(context: Ctx, token: Address) {
  const row = await context.db.find(poolClassRow, { token });
  if (row === null) throw new Error(`indexer: event from unknown class token ${token}`);
  return row;
}

export function registerClassHandlers(): void {
  ponder.on("ImpactPoolFactory:CapitalStructureCreated", async ({ event, context }) => {
    await record(event, context, "ImpactPoolFactory:CapitalStructureCreated");
    const address = getAddress(event.args.pool);
    const p = await context.db.find(pool, { address });
    if (p === null) throw new Error(`indexer: capital structure of pool ${address} without its creation row`);
    const { classes, guarantee } = capitalRows(event.args, p, event.block.number);
    await context.db.insert(poolClassRow).values(classes);
    if (guarantee !== undefined) await context.db.insert(poolGuarantee).values(guarantee);
    await context.db.insert(poolCapital).values({
      pool: address,
      classCount: classes.length,
      tokens: classes.map((c) => c.token),
      provider: classes[0]?.provider ?? null,
      lastPoint: null,
    });
  });

  onPool("ClassInvested", async ({ event, context }) => {
    await record(event, context, "ImpactPool:ClassInvested");
    const contract = event.log.address;
    const { amount } = event.args;
    await money(event, context, contract, { table: "deposit", kind: "invest" }, event.args.investor, amount);
    await context.db.update(pool, { address: contract }).set((p) => ({
      totalInvested: p.totalInvested + amount,
      phase: p.totalInvested + amount >= p.capitalTarget ? "Funded" : p.phase,
    }));
    // A class index below the pool's class count (the pool reverts otherwise), so it fits a number.
    const token = tokenOf(await capitalOf(context, contract), Number(event.args.classId));
    await context.db.update(poolClassRow, { token }).set((c) => ({ raised: c.raised + amount }));
    await bump(context, event.args.investor, contract, "pool", { invested: amount });
  });

  onPool("Distributed", async ({ event, context }) => {
    await record(event, context, "ImpactPool:Distributed");
    const contract = event.log.address;
    const cap = await capitalOf(context, contract);
    const rows = classPointRows(getAddress(contract), event.args, cap.classCount);
    if (rows.length > 0)
      await context.db.insert(poolClassPoint).values(rows.map((r) => ({ ...r, ...logColumns(event) })));
    for (const r of rows) {
      await context.db
        .update(poolClassRow, { token: tokenOf(cap, r.classIndex) })
        .set((c) => ({ paid: c.paid + r.paid }));
    }
    await context.db.update(poolCapital, { pool: contract }).set({ lastPoint: rows[0]?.pointIndex ?? null });
    const cut = event.args.providerCut;
    if (cut !== 0n && cap.provider !== null) {
      await money(event, context, contract, { table: "payout", kind: "incentive", shares: null }, cap.provider, cut);
    }
  });

  /** The last point's additions to each class: the undrawn capital, or the guarantee called. */
  const lastPoint = async (
    event: AnyEvent & { log: { address: Address }; args: { toClasses: readonly bigint[] } },
    context: Ctx,
    what: "undrawnReturned" | "guaranteeCalled",
  ): Promise<void> => {
    const contract = event.log.address;
    const cap = await capitalOf(context, contract);
    if (cap.lastPoint === null) throw new Error(`indexer: ${what} of pool ${contract} before any Distributed`);
    let called = 0n;
    for (let classIndex = 0; classIndex < cap.classCount; classIndex++) {
      const amount = event.args.toClasses[classIndex] ?? 0n;
      called += amount;
      const key = { pool: contract, pointIndex: cap.lastPoint, classIndex };
      const token = tokenOf(cap, classIndex);
      if (what === "undrawnReturned") {
        await context.db.update(poolClassPoint, key).set((r) => ({ undrawnReturned: r.undrawnReturned + amount }));
        await context.db.update(poolClassRow, { token }).set((c) => ({ undrawnReturned: c.undrawnReturned + amount }));
      } else {
        await context.db.update(poolClassPoint, key).set((r) => ({ guaranteeCalled: r.guaranteeCalled + amount }));
        await context.db
          .update(poolClassRow, { token })
          .set((c) => ({ guaranteeReceived: c.guaranteeReceived + amount }));
      }
    }
    if (what === "guaranteeCalled") {
      await context.db.update(poolGuarantee, { pool: contract }).set((g) => ({ called: g.called + called }));
    }
  };
  onPool("UndrawnReturned", async ({ event, context }) => {
    await record(event, context, "ImpactPool:UndrawnReturned");
    await lastPoint(event, context, "undrawnReturned");
  });
  onPool("GuaranteeCalled", async ({ event, context }) => {
    await record(event, context, "ImpactPool:GuaranteeCalled");
    await lastPoint(event, context, "guaranteeCalled");
  });
  onPool("GuaranteeCommitted", async ({ event, context }) => {
    await record(event, context, "ImpactPool:GuaranteeCommitted");
    const contract = event.log.address;
    const { amount, guarantor } = event.args;
    await context.db
      .update(poolGuarantee, { pool: contract })
      .set((g) => ({ committed: g.committed + amount, committedBlock: event.block.number }));
    await money(event, context, contract, { table: "deposit", kind: "guarantee" }, guarantor, amount);
  });
  onPool("GuaranteeReturned", async ({ event, context }) => {
    await record(event, context, "ImpactPool:GuaranteeReturned");
    const contract = event.log.address;
    const { amount, guarantor } = event.args;
    await context.db.update(poolGuarantee, { pool: contract }).set((g) => ({ returned: g.returned + amount }));
    await money(event, context, contract, { table: "payout", kind: "guarantee", shares: null }, guarantor, amount);
  });

  onClass("ClassDistributed", async ({ event, context }) => {
    await record(event, context, "PoolShareClass:ClassDistributed");
    await context.db
      .update(poolClassRow, { token: event.log.address })
      .set((c) => ({ distributed: c.distributed + event.args.amount, perShareX64: event.args.perShareX64 }));
  });
  onClass("Claimed", async ({ event, context }) => {
    await record(event, context, "PoolShareClass:Claimed");
    const c = await classOf(context, event.log.address);
    const { account, amount } = event.args;
    await context.db.update(poolClassRow, { token: c.token }).set((r) => ({ claimed: r.claimed + amount }));
    await money(event, context, c.pool, { table: "payout", kind: "claim", shares: null }, account, amount);
    await holding(context, c, account, (h) => claimedFrom(h, amount), { claimed: amount });
    await bump(context, account, c.pool, "pool", { claimed: amount });
  });
  onClass("Withdrawn", async ({ event, context }) => {
    await record(event, context, "PoolShareClass:Withdrawn");
    const c = await classOf(context, event.log.address);
    const { account, amount } = event.args;
    await context.db.update(poolClassRow, { token: c.token }).set((r) => ({ withdrawn: r.withdrawn + amount }));
    await context.db.update(pool, { address: c.pool }).set((p) => ({ totalWithdrawn: p.totalWithdrawn + amount }));
    await money(event, context, c.pool, { table: "payout", kind: "withdraw", shares: amount }, account, amount);
    // The burn's Transfer (just before) moved the balance and the correction.
    await holding(context, c, account, (h) => h, { withdrawn: amount });
    await bump(context, account, c.pool, "pool", { withdrawn: amount });
  });
  onClass("Transfer", async ({ event, context }) => {
    await record(event, context, "PoolShareClass:Transfer");
    const c = await classOf(context, event.log.address);
    const row = classTransferRow(
      { pool: getAddress(c.pool), classIndex: c.classIndex, token: getAddress(c.token) },
      event.args,
    );
    await context.db.insert(poolClassTransfer).values({ ...meta(event), ...row });
    const { from, to, shares } = row;
    if (from !== zeroAddress) await holding(context, c, from, (h) => sent(h, shares, c.perShareX64));
    if (to !== zeroAddress) await holding(context, c, to, (h) => received(h, shares, c.perShareX64));
  });
  onClass("Approval", async ({ event, context }) => record(event, context, "PoolShareClass:Approval"));
  onClass("EIP712DomainChanged", async ({ event, context }) =>
    record(event, context, "PoolShareClass:EIP712DomainChanged"),
  );
}
