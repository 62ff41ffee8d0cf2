/**
 * Demo chapter 7: the open data of the run (the exporter, events only → `out/`), then the closing summary — who put
 * in what and who received what, from the exported tables — and a to-the-wei conservation check against balances.
 */
import path from "node:path";
import { getAddress, type Address } from "viem";
import { exportOpenData, writeOpenData, type ExportResult, type ShareTransferRow } from "../open-data/index.js";
import { formatGbp, need, type DemoContext } from "./context.js";

export const OUT_DIR = "out";

/** Exports the run's open data into `outDir` (default `out/`; the fingerprint test writes to a temporary directory). */
export async function openDataChapter(ctx: DemoContext, outDir = OUT_DIR): Promise<ExportResult> {
  ctx.say();
  ctx.say("Chapter 7 — open data: every number that moved money, rebuilt from events alone");
  const client = await ctx.conn.viem.getPublicClient();
  const addresses = {
    registry: getAddress(await need(ctx.registry, "registry").getAddress()),
    oracle: getAddress(await need(ctx.oracle, "oracle").getAddress()),
    escrowFactory: getAddress(await need(ctx.escrowFactory, "escrow factory").getAddress()),
    poolFactory: getAddress(await need(ctx.poolFactory, "pool factory").getAddress()),
    scheduledEscrowFactory:
      ctx.scheduledEscrowFactory === undefined ? undefined : getAddress(await ctx.scheduledEscrowFactory.getAddress()),
  };
  const result = await exportOpenData(client, addresses, {
    fromBlock: ctx.startBlock,
    chunkSize: 64n,
    onProgress: (done, total) => ctx.progress("reading events in 64-block chunks", Number(done), Number(total)),
  });
  const files = writeOpenData(outDir, result);
  const m = result.manifest;
  ctx.say(
    `${m.logCount} events from blocks ${m.fromBlock}–${m.toBlock} in ${m.requests} requests → ` +
      `${files.length} files in ${path.join(outDir, "/")} (manifest.json, JSON + CSV per table):`,
  );
  const counts = Object.entries(m.tables).map(([t, info]) => `${t} ${info.rows}`);
  for (let i = 0; i < counts.length; i += 6) ctx.say(`  ${counts.slice(i, i + 6).join(" · ")}`);
  return result;
}

interface Flow {
  minted: bigint;
  putIn: bigint;
  received: bigint;
}

/** Money into or out of a suite contract, from the deposits, payouts and bonds tables (bonds name no contract). */
interface Movement {
  contract?: Address;
  kind: string;
  account: Address;
  payer?: Address;
  amount: bigint;
}

const sum = (rows: readonly Movement[], pick: (r: Movement) => boolean = () => true): bigint =>
  rows.filter(pick).reduce((acc, r) => acc + r.amount, 0n);

/** Prints the summary; returns false when any conservation check fails. */
export async function summaryChapter(ctx: DemoContext, data: ExportResult): Promise<boolean> {
  ctx.say();
  ctx.say("Summary — who put in what, who received what (from the exported open data)");
  const token = need(ctx.token, "token");
  const bondToken = need(ctx.bondToken, "bond token");
  const tokens = [
    { contract: token, symbol: "dGBP" },
    { contract: bondToken, symbol: "bGBP" },
  ];
  const t = data.tables;
  // Escrows and pools by the token they hold.
  const escrowToken = new Map([
    ...t.escrows.map((e) => [e.escrow, e.token] as const),
    ...t.scheduled_escrows.map((e) => [e.escrow, e.token] as const),
    ...t.pools.map((p) => [p.pool, p.token] as const),
  ]);
  const contracts = [
    ...data.manifest.contracts.escrows,
    ...data.manifest.contracts.scheduledEscrows,
    ...data.manifest.contracts.pools,
    data.manifest.contracts.oracle,
  ].filter((c): c is Address => c !== undefined);
  let ok = true;
  const check = (label: string, good: boolean, detail: string): void => {
    ok &&= good;
    ctx.say(`  ${good ? "✓" : "✗"} ${label}: ${detail}`);
  };

  for (const { contract, symbol } of tokens) {
    const address = await contract.getAddress();
    // Money in and out of the suite's contracts, in this token, from events only.
    const ins: Movement[] = [
      ...t.deposits.filter((r) => escrowToken.get(r.contract) === address),
      ...t.bonds.filter((r) => r.kind === "posted" && r.token === address),
    ];
    const outs: Movement[] = [
      ...t.payouts.filter((r) => escrowToken.get(r.contract) === address),
      ...t.bonds.filter((r) => r.kind === "withdrawn" && r.token === address),
    ];
    const minted = ctx.minted.get(address) ?? new Map<string, bigint>();
    // Group people: the crowd's funders and investors as one row each, everyone else by name.
    const group = (account: string): string => {
      const label = ctx.labels.get(account) ?? account;
      if (label.startsWith("funder ")) return `${ctx.crowd.funders.length} citizen funders`;
      if (label.startsWith("investor ")) return `${ctx.crowd.investors.length} investors`;
      return label;
    };
    const flows = new Map<string, Flow>();
    const flow = (account: string): Flow => {
      const key = group(account);
      const f = flows.get(key) ?? { minted: 0n, putIn: 0n, received: 0n };
      flows.set(key, f);
      return f;
    };
    for (const [account, amount] of minted) flow(account).minted += amount;
    for (const r of ins) flow(r.payer ?? r.account).putIn += r.amount;
    for (const r of outs) flow(r.account).received += r.amount;

    ctx.say();
    ctx.say(`  ${symbol.padEnd(40)} ${"put in".padStart(15)} ${"received".padStart(15)} ${"net".padStart(15)}`);
    for (const [who, f] of flows) {
      if (f.putIn === 0n && f.received === 0n) continue;
      ctx.say(
        `  ${who.slice(0, 40).padEnd(40)} ${formatGbp(f.putIn).padStart(15)} ${formatGbp(f.received).padStart(15)} ` +
          `${formatGbp(f.received - f.putIn).padStart(15)}`,
      );
    }

    // Conservation, to the wei.
    const totalIn = sum(ins);
    const totalOut = sum(outs);
    let held = 0n;
    for (const c of contracts) {
      const balance = await contract.balanceOf(c);
      held += balance;
      const fromEvents =
        sum(ins, (r) => r.contract === c || (r.kind === "posted" && c === data.manifest.contracts.oracle)) -
        sum(outs, (r) => r.contract === c || (r.kind === "withdrawn" && c === data.manifest.contracts.oracle));
      const touched =
        ins.some((r) => r.contract === c) ||
        (c === data.manifest.contracts.oracle && ins.some((r) => r.kind === "posted"));
      if (balance !== 0n || fromEvents !== 0n || touched) {
        check(
          `${ctx.labels.get(c) ?? c}`,
          balance === fromEvents,
          `in − out from events ${fromEvents} = balanceOf ${balance} wei`,
        );
      }
    }
    check(
      `${symbol} flows`,
      totalIn === totalOut + held,
      `in ${formatGbp(totalIn)} = out ${formatGbp(totalOut)} + still held by contracts ${formatGbp(held)} (${totalIn} = ${totalOut} + ${held} wei)`,
    );
    let mintedTotal = 0n;
    let peopleHold = 0n;
    let peopleOk = true;
    for (const amount of minted.values()) mintedTotal += amount;
    const people = new Set([...minted.keys(), ...ins.map((r) => r.payer ?? r.account), ...outs.map((r) => r.account)]);
    for (const account of people) {
      const balance = await contract.balanceOf(account);
      peopleHold += balance;
      const expected =
        (minted.get(account) ?? 0n) -
        sum(ins, (r) => (r.payer ?? r.account) === account) +
        sum(outs, (r) => r.account === account);
      if (expected !== balance) {
        peopleOk = false;
        ctx.say(`    ${ctx.labels.get(account) ?? account}: expected ${expected}, holds ${balance}`);
      }
    }
    check(`${symbol} wallets`, peopleOk, `each of ${people.size} wallets holds minted − put in + received, to the wei`);
    const supply = await contract.totalSupply();
    check(
      `${symbol} supply`,
      supply === mintedTotal && supply === peopleHold + held,
      `minted ${formatGbp(mintedTotal)} = in wallets ${formatGbp(peopleHold)} + in contracts ${formatGbp(held)}`,
    );
  }

  // Pool shares: minted − burned (from Transfer events) = outstanding = totalSupply; every holder's balance too.
  for (const p of t.pools) {
    const pool = await ctx.ethers.getContractAt("ImpactPool", p.pool);
    const transfers = t.pool_share_transfers.filter((r) => r.pool === p.pool);
    const shares = (pick: (r: ShareTransferRow) => boolean) =>
      transfers.filter(pick).reduce((acc, r) => acc + r.shares, 0n);
    const supply = await pool.totalSupply();
    const minted = shares((r) => r.kind === "mint");
    const burned = shares((r) => r.kind === "burn");
    let holdersOk = true;
    const holders = new Set(transfers.flatMap((r) => [r.from, r.to]));
    for (const h of holders) {
      if (BigInt(h) === 0n) continue;
      const held = shares((r) => r.to === h) - shares((r) => r.from === h);
      holdersOk &&= held === (await pool.balanceOf(h));
    }
    check(
      `${ctx.labels.get(p.pool) ?? p.pool} shares`,
      supply === minted - burned && supply === p.sharesOutstanding && holdersOk,
      `minted ${minted} − burned ${burned} = totalSupply ${supply} wei; ${transfers.filter((r) => r.kind === "transfer").length} transfer(s); every holder's balanceOf matches`,
    );
  }
  return ok;
}
