/**
 * A classed impact pool's capital structure (issue #13, `docs/capital-structure.md`) → pool_classes,
 * pool_class_points, pool_guarantees, pool_class_transfers, and the pool's money rows: `CapitalStructureCreated`
 * (the factory), `ClassInvested`, `Distributed`, `UndrawnReturned`, `GuaranteeCommitted` / `Called` / `Returned` (the
 * pool), and each class share token's `ClassDistributed`, `Claimed`, `Withdrawn` and `Transfer` (the `poolClass` kind,
 * followed from `CapitalStructureCreated.classTokens`). The money stays in the pool, so a class token's claim or
 * withdrawal is a payout row of the pool (`contract` = the pool) and lowers the pool's balance.
 */
import { getAddress, type Address } from "viem";
import type { Decoded, Meta } from "../decode.js";
import type { DepositRow, PayoutRow, State } from "../state.js";
import {
  capitalRows,
  classPointRows,
  classTransferRow,
  type PoolClassPointRow,
  type PoolClassRow,
  type PoolClassTransferRow,
  type PoolGuaranteeRow,
} from "./class-rows.js";

/** The classed pools' rows, and which pool and class each class token belongs to. */
export class ClassBooks {
  classes = new Map<string, PoolClassRow>();
  points: PoolClassPointRow[] = [];
  guarantees = new Map<Address, PoolGuaranteeRow>();
  transfers: PoolClassTransferRow[] = [];
  /** Class token → its class row. */
  byToken = new Map<Address, PoolClassRow>();
  /** Pool → its class count and the rows of its last `Distributed` (the last point's additions land there). */
  pools = new Map<Address, { classCount: number; provider: Address | null; lastPoint: PoolClassPointRow[] }>();

  cls(pool: Address, classIndex: number): PoolClassRow {
    const c = this.classes.get(`${pool}:${classIndex}`);
    if (c === undefined) throw new Error(`exporter: class ${classIndex} of pool ${pool} was never created`);
    return c;
  }

  capital(pool: Address) {
    const p = this.pools.get(pool);
    if (p === undefined) throw new Error(`exporter: capital-structure event from unclassed pool ${pool}`);
    return p;
  }

  guarantee(pool: Address): PoolGuaranteeRow {
    const g = this.guarantees.get(pool);
    if (g === undefined) throw new Error(`exporter: guarantee event of pool ${pool} whose terms name none`);
    return g;
  }
}

export function reduceCapitalCreated(state: State, a: Parameters<typeof capitalRows>[0], m: Meta): void {
  const p = state.pool(getAddress(a.pool));
  const { classes, guarantee } = capitalRows(a, p, m.blockNumber);
  for (const c of classes) {
    state.classes.classes.set(`${c.pool}:${c.classIndex}`, c);
    state.classes.byToken.set(c.token, c);
  }
  if (guarantee !== undefined) state.classes.guarantees.set(p.pool, guarantee);
  state.classes.pools.set(p.pool, {
    classCount: classes.length,
    provider: classes[0]?.provider ?? null,
    lastPoint: [],
  });
}

/** A money row of a classed pool: into deposits or payouts, and into (or out of) the pool's balance. */
function money(state: State, pool: Address, m: Meta) {
  const row = { contract: pool, contractKind: "pool" } as const;
  return {
    deposit(kind: DepositRow["kind"], account: Address, amount: bigint): void {
      state.deposits.push({ ...row, kind, account, payer: account, amount, ...m });
      state.pool(pool).balance += amount;
    },
    payout(kind: PayoutRow["kind"], account: Address, amount: bigint, shares: bigint | null): void {
      state.payouts.push({ ...row, kind, account, amount, shares, ...m });
      state.pool(pool).balance -= amount;
    },
  };
}

/** A classed pool's own capital-structure events (the rest of the pool's events: reducers/pool.ts). */
export function reducePoolCapital(state: State, { address, event: e, meta: m }: Decoded<"pool">): void {
  const books = state.classes;
  switch (e.eventName) {
    case "ClassInvested": {
      const p = state.pool(address);
      const { amount } = e.args;
      money(state, address, m).deposit("invest", getAddress(e.args.investor), amount);
      p.totalInvested += amount;
      if (p.totalInvested >= p.capitalTarget) p.phase = "Funded";
      // A class index below the pool's class count (the pool reverts otherwise), so it fits a number.
      books.cls(address, Number(e.args.classId)).raised += amount;
      return;
    }
    case "Distributed": {
      const cap = books.capital(address);
      const rows = classPointRows(address, e.args, cap.classCount).map((r) => ({ ...r, ...m }));
      books.points.push(...rows);
      cap.lastPoint = rows;
      for (const r of rows) books.cls(address, r.classIndex).paid += r.paid;
      if (e.args.providerCut !== 0n && cap.provider !== null) {
        money(state, address, m).payout("incentive", cap.provider, e.args.providerCut, null);
      }
      return;
    }
    case "UndrawnReturned":
    case "GuaranteeCalled": {
      const undrawn = e.eventName === "UndrawnReturned";
      for (const r of books.capital(address).lastPoint) {
        const amount = e.args.toClasses[r.classIndex] ?? 0n;
        const c = books.cls(address, r.classIndex);
        if (undrawn) {
          r.undrawnReturned += amount;
          c.undrawnReturned += amount;
        } else {
          r.guaranteeCalled += amount;
          c.guaranteeReceived += amount;
          books.guarantee(address).called += amount;
        }
      }
      return;
    }
    case "GuaranteeCommitted": {
      const g = books.guarantee(address);
      g.committed += e.args.amount;
      g.committedBlock = m.blockNumber;
      money(state, address, m).deposit("guarantee", getAddress(e.args.guarantor), e.args.amount);
      return;
    }
    case "GuaranteeReturned":
      books.guarantee(address).returned += e.args.amount;
      money(state, address, m).payout("guarantee", getAddress(e.args.guarantor), e.args.amount, null);
      return;
  }
}

/** A class share token's events. */
export function reducePoolClass(state: State, { address, event: e, meta: m }: Decoded<"poolClass">): void {
  const c = state.classes.byToken.get(address);
  if (c === undefined) throw new Error(`exporter: event from unknown class token ${address}`);
  switch (e.eventName) {
    case "ClassDistributed":
      c.distributed += e.args.amount;
      c.perShareX64 = e.args.perShareX64;
      return;
    case "Claimed":
      c.claimed += e.args.amount;
      money(state, c.pool, m).payout("claim", getAddress(e.args.account), e.args.amount, null);
      return;
    case "Withdrawn":
      c.withdrawn += e.args.amount;
      state.pool(c.pool).totalWithdrawn += e.args.amount;
      money(state, c.pool, m).payout("withdraw", getAddress(e.args.account), e.args.amount, e.args.amount);
      return;
    case "Transfer":
      state.classes.transfers.push({
        ...classTransferRow({ pool: c.pool, classIndex: c.classIndex, token: c.token }, e.args),
        ...m,
      });
      return;
  }
}
