import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, parseAbi, type Address, type PublicClient } from "viem";
import { z } from "zod";
import { exportOpenData, writeOpenData, type SuiteAddresses } from "../../../scripts/open-data/index.js";
import { runDemoStory, writeAddressBook, type StoryAddresses } from "../../../indexer/scripts/story.js";
import { runHardhat, startHardhatNode, type RunningNode } from "../helpers/hardhat-cli.js";
import { startIndexer, waitForBlock, type RunningIndexer } from "./ponder-process.js";

/**
 * The indexer end to end: the demo story on a real `hardhat node`, Ponder indexing it (PGlite; and Postgres when
 * INDEXER_TEST_DATABASE_URL names one — .ci/run starts a throwaway cluster), then every open-data table served by
 * the indexer equals the exporter's output for the same chain, byte for byte; the dashboard tables agree with them
 * to the wei; a new block is in the API within 2 s; after an evm_snapshot/evm_revert reorg the tables equal a fresh
 * index of the new chain; and an indexer stopped mid-way and restarted ends with the same tables.
 */

/** A connected node-postgres client (pg comes with Ponder; typed here with the three calls the test makes). */
async function postgresClient(connectionString: string) {
  type Client = { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> };
  const pg = (await import("pg")) as { default: { Client: new (o: { connectionString: string }) => Client } };
  const client = new pg.default.Client({ connectionString });
  await client.connect();
  return client;
}

const REGISTRY_ABI = parseAbi(["function join(uint256 missionId, uint8 roles)"]);

/** The exporter's files for the node's current chain (the reference every indexer result is compared with). */
async function exporterFiles(client: PublicClient, addresses: SuiteAddresses): Promise<Map<string, string>> {
  const dir = mkdtempSync(path.join(tmpdir(), "cic-exporter-"));
  try {
    const written = writeOpenData(dir, await exportOpenData(client, addresses, { fromBlock: 0n, chunkSize: 5000n }));
    return new Map(
      written
        .filter((f) => !f.endsWith("manifest.json"))
        .map((f) => [path.basename(f), readFileSync(f, "utf8")] as const),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same files, downloaded from the indexer's /open-data. */
async function indexerFiles(indexer: RunningIndexer, names: Iterable<string>): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of names) {
    const res = await fetch(`${indexer.url}/open-data/${name}`);
    if (!res.ok) throw new Error(`GET /open-data/${name}: ${res.status} ${await res.text()}`);
    files.set(name, await res.text());
  }
  return files;
}

function expectSameFiles(actual: Map<string, string>, expected: Map<string, string>): void {
  expect([...actual.keys()].sort()).to.deep.equal([...expected.keys()].sort());
  for (const [name, body] of expected) expect(actual.get(name), name).to.equal(body);
}

const gql = async (indexer: RunningIndexer, query: string): Promise<unknown> => {
  const res = await fetch(`${indexer.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = z.object({ data: z.unknown(), errors: z.array(z.unknown()).optional() }).parse(await res.json());
  if (body.errors !== undefined) throw new Error(`graphql: ${JSON.stringify(body.errors)}`);
  return body.data;
};

const rowsOf = (files: Map<string, string>, table: string): Record<string, unknown>[] =>
  z.array(z.record(z.string(), z.unknown())).parse(JSON.parse(files.get(`${table}.json`) ?? "null"));

/** A table cell as text: numbers, bigints and strings as themselves, anything else as JSON. */
const cellText = (v: unknown): string =>
  typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean"
    ? String(v)
    : JSON.stringify(v);

describe("indexer (Ponder) end to end on a hardhat node: the demo story, open data equal to the exporter's", function () {
  this.timeout(600_000);

  const deploymentId = `indexer-e2e-${process.pid}-${Date.now()}`;
  const work = mkdtempSync(path.join(tmpdir(), "cic-indexer-"));
  let node: RunningNode | undefined;
  let indexer: RunningIndexer | undefined;
  let conn: Awaited<ReturnType<typeof network.create>>;
  let client: PublicClient;
  let story: StoryAddresses;
  let addresses: SuiteAddresses;
  let bookDir: string;

  const head = async (): Promise<number> => Number(await client.getBlockNumber());

  before(async function () {
    node = await startHardhatNode();
    conn = await network.create({ network: "localhost", override: { url: node.url } });
    client = await conn.viem.getPublicClient();
    story = await runDemoStory(conn);
    bookDir = writeAddressBook(deploymentId, story);
    addresses = {
      registry: story.registry,
      oracle: story.oracle,
      escrowFactory: story.escrowFactory,
      poolFactory: story.poolFactory,
    };
    indexer = await startIndexer({ rpcUrl: node.url, deploymentId, dataDir: path.join(work, "pglite-a") });
    await waitForBlock(indexer, await head());
  });

  after(async function () {
    await indexer?.stop();
    await conn?.close();
    await node?.stop();
    if (bookDir !== undefined) rmSync(bookDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it("serves every open-data table (JSON and CSV) equal to the exporter's files for the same chain", async function () {
    const expected = await exporterFiles(client, addresses);
    expect(expected.size).to.be.at.least(2 * 20);
    expect(rowsOf(expected, "deposits").length).to.be.greaterThan(50);
    expectSameFiles(await indexerFiles(indexer!, expected.keys()), expected);
  });

  it("`npm run export -- --from-indexer URL` writes the exporter's files", async function () {
    const expected = await exporterFiles(client, addresses);
    const out = path.join(work, "from-indexer");
    const run = await runHardhat(["data:export", "--from-indexer", indexer!.url, "--out", out]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).to.equal(0);
    const written = new Map([...expected.keys()].map((name) => [name, readFileSync(path.join(out, name), "utf8")]));
    expectSameFiles(written, expected);
    expect(readFileSync(path.join(out, "manifest.json"), "utf8")).to.match(/"chainId": 31337/);
  });

  const postgres = process.env.INDEXER_TEST_DATABASE_URL;
  // Registered when a Postgres is available: .ci/run starts a throwaway cluster and sets INDEXER_TEST_DATABASE_URL.
  if (postgres !== undefined && postgres !== "") {
    it("on Postgres (DATABASE_URL): the same open-data files and typed tables as the exporter", async function () {
      // A database of its own: Ponder's RPC cache (schema ponder_sync) is per chain id, and every hardhat node is
      // chain 31337 — blocks cached by an earlier run on the same database would carry another chain's timestamps.
      const database = `indexer_e2e_${process.pid}_${Date.now()}`;
      const admin = await postgresClient(postgres);
      await admin.query(`create database ${database}`);
      const url = new URL(postgres);
      url.pathname = `/${database}`;
      const pg = await startIndexer({ rpcUrl: node!.url, deploymentId, databaseUrl: url.toString() });
      try {
        await waitForBlock(pg, await head());
        expect(pg.log()).to.match(/database.*postgres|type=postgres/i);
        const expected = await exporterFiles(client, addresses);
        expectSameFiles(await indexerFiles(pg, expected.keys()), expected);
        await expectTypedTablesEqual(pg);
      } finally {
        await pg.stop();
        await admin.query(`drop database ${database} with (force)`);
        await admin.end();
      }
    });
  }

  it("keeps dashboard tables equal to the exporter's numbers to the wei (escrows, pools, money rows, missions)", async function () {
    const expected = await exporterFiles(client, addresses);
    const data = z
      .object({
        escrows: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
        pools: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
        missions: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
        deposits: z.object({ totalCount: z.number() }),
        payouts: z.object({ totalCount: z.number() }),
        settlements: z.object({ totalCount: z.number() }),
        metricValues: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
        reports: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
        pledges: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
        endorsements: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
      })
      .parse(
        await gql(
          indexer!,
          `{ escrows(limit: 1000) { items { address totalDeposited totalClaimed totalRefunded balance depositCount status settleReason beneficiaryPot refundPot } }
             pools(limit: 1000) { items { address totalInvested totalCommitted totalDisbursed totalRedeemed totalRefunded totalWithdrawn sharesOutstanding balance phase investorPot refundPot } }
             missions(limit: 1000) { items { missionId funded paid refunded pending participantCount pledgeCount endorsementCount } }
             deposits { totalCount } payouts { totalCount } settlements { totalCount }
             metricValues(limit: 1000, orderBy: "missionId") { items { missionId goalId period status committeeVersion reportCount proposedValue challengeEnd disputed finalValue finalizedAt unresolvedReason } }
             reports(limit: 1000, orderBy: "blockNumber") { items { missionId goalId period reporter value evidenceHash via withdrawn blockNumber logIndex } }
             pledges(limit: 1000, orderBy: "blockNumber") { items { missionId account pledgeIndex uri contentHash blockNumber timestamp txHash logIndex } }
             endorsements(limit: 1000, orderBy: "blockNumber") { items { missionId endorser participant contributionHash blockNumber timestamp txHash logIndex } } }`,
        ),
      );
    const pick = (row: Record<string, unknown>, keys: string[]) =>
      Object.fromEntries(keys.map((k) => [k, row[k] === null ? null : cellText(row[k])]));
    const escrowKeys = ["totalDeposited", "totalClaimed", "totalRefunded", "balance", "depositCount", "status"];
    const exportedEscrows = rowsOf(expected, "escrows");
    expect(data.escrows.items.length).to.equal(exportedEscrows.length);
    for (const e of exportedEscrows) {
      const mine = data.escrows.items.find((x) => getAddress(String(x.address)) === e.escrow);
      expect(mine, String(e.escrow)).to.not.equal(undefined);
      expect(pick(mine!, [...escrowKeys, "settleReason", "beneficiaryPot", "refundPot"])).to.deep.equal(
        pick(e, [...escrowKeys, "settleReason", "beneficiaryPot", "refundPot"]),
      );
    }
    const poolKeys = [
      "totalInvested",
      "totalCommitted",
      "totalDisbursed",
      "totalRedeemed",
      "totalRefunded",
      "totalWithdrawn",
      "sharesOutstanding",
      "balance",
      "phase",
      "investorPot",
      "refundPot",
    ];
    const exportedPools = rowsOf(expected, "pools");
    expect(data.pools.items.length).to.equal(exportedPools.length).and.to.be.greaterThan(0);
    for (const p of exportedPools) {
      const mine = data.pools.items.find((x) => getAddress(String(x.address)) === p.pool);
      expect(pick(mine!, poolKeys)).to.deep.equal(pick(p, poolKeys));
    }
    // Oracle slots and reports, row for row (slots in the exporter's order: mission, goal, period).
    const slotKeys = ["missionId", "goalId", "period", "status", "committeeVersion", "reportCount", "proposedValue"];
    const slotMore = ["challengeEnd", "disputed", "finalValue", "finalizedAt", "unresolvedReason"];
    const bySlot = (x: Record<string, unknown>, y: Record<string, unknown>) =>
      Number(BigInt(String(x.missionId)) - BigInt(String(y.missionId))) ||
      Number(x.goalId) - Number(y.goalId) ||
      Number(x.period) - Number(y.period);
    const exportedSlots = rowsOf(expected, "metric_values");
    expect(exportedSlots.length).to.be.greaterThan(0);
    expect([...data.metricValues.items].sort(bySlot).map((r) => pick(r, [...slotKeys, ...slotMore]))).to.deep.equal(
      exportedSlots.map((r) => pick(r, [...slotKeys, ...slotMore])),
    );
    const reportKeys = [
      "missionId",
      "goalId",
      "period",
      "value",
      "evidenceHash",
      "withdrawn",
      "blockNumber",
      "logIndex",
    ];
    const checksummed = (r: Record<string, unknown>) => ({
      ...pick(r, reportKeys),
      reporter: getAddress(String(r.reporter)),
      via: getAddress(String(r.via)),
    });
    const byLog = (x: Record<string, unknown>, y: Record<string, unknown>) =>
      Number(x.blockNumber) - Number(y.blockNumber) || Number(x.logIndex) - Number(y.logIndex);
    expect([...data.reports.items].sort(byLog).map(checksummed)).to.deep.equal(
      rowsOf(expected, "reports").map(checksummed),
    );
    // Pledges and endorsements: every exact column of the exporter's rows (addresses checksummed as it writes them).
    const sameRows = (items: Record<string, unknown>[], table: string, addressKeys: string[]) => {
      const exported = rowsOf(expected, table);
      expect(exported.length, table).to.be.greaterThan(0);
      // The exact columns; the human ones (`<column>_iso`, `<column>_tokens`) are derived when files are written.
      const keys = Object.keys(exported[0]!).filter((k) => !/_(iso|tokens)$/.test(k));
      const norm = (r: Record<string, unknown>) => ({
        ...pick(r, keys),
        ...Object.fromEntries(addressKeys.map((k) => [k, getAddress(String(r[k]))])),
      });
      expect([...items].sort(byLog).map(norm), table).to.deep.equal(exported.map(norm));
    };
    sameRows(data.pledges.items, "pledges", ["account"]);
    sameRows(data.endorsements.items, "endorsements", ["endorser", "participant"]);
    expect(data.deposits.totalCount).to.equal(rowsOf(expected, "deposits").length);
    expect(data.payouts.totalCount).to.equal(rowsOf(expected, "payouts").length);
    expect(data.settlements.totalCount).to.equal(rowsOf(expected, "settlements").length);
    // Per mission: funded = Σ deposits into its escrows, paid / refunded = Σ claims / refunds, pending = the rest.
    const escrowMission = new Map(exportedEscrows.map((e) => [String(e.escrow), String(e.missionId)]));
    for (const m of rowsOf(expected, "missions")) {
      const id = String(m.missionId);
      const of = (rows: Record<string, unknown>[], kind: string) =>
        rows
          .filter((r) => r.contractKind === "escrow" && r.kind === kind && escrowMission.get(String(r.contract)) === id)
          .reduce((s, r) => s + BigInt(String(r.amount)), 0n);
      const funded = of(rowsOf(expected, "deposits"), "deposit");
      const paid = of(rowsOf(expected, "payouts"), "claim");
      const refunded = of(rowsOf(expected, "payouts"), "refund");
      const mine = data.missions.items.find((x) => String(x.missionId) === id);
      expect(
        pick(mine!, ["funded", "paid", "refunded", "pending", "participantCount", "pledgeCount", "endorsementCount"]),
      ).to.deep.equal({
        funded: String(funded),
        paid: String(paid),
        refunded: String(refunded),
        pending: String(funded - paid - refunded),
        participantCount: String(m.participantCount),
        pledgeCount: String(m.pledgeCount),
        endorsementCount: String(m.endorsementCount),
      });
    }
  });

  /** Every exporter table equals its typed twin in `target` (every exact column), and its `token` rows the manifest's. */
  async function expectTypedTablesEqual(target: RunningIndexer): Promise<void> {
    const expected = await exporterFiles(client, addresses);
    const page = z.object({ items: z.array(z.record(z.string(), z.unknown())) });
    const data = z
      .object({
        goals: page,
        committees: page,
        disputes: page,
        bonds: page,
        poolTranches: page,
        poolShareTransfers: page,
        poolMissions: page,
        escrowOutcomes: page,
        beneficiaryWeights: page,
        poolOutcomes: page,
        tokens: z.object({
          items: z.array(z.object({ address: z.string(), decimals: z.number(), symbol: z.string() })),
        }),
        escrows: page,
        pools: page,
        missions: page,
        participants: page,
        deposits: page,
        payouts: page,
        settlements: page,
      })
      .parse(
        await gql(
          target,
          `{ goals(limit: 1000) { items { missionId goalId version metricKey decimals baseline target direction firstPeriodEnd periodLength periodCount reportingWindow versionURI versionContentHash blockNumber } }
             committees(limit: 1000) { items { missionId version members size quorum challengeWindow bondToken bondAmount arbiter adapter blockNumber timestamp txHash logIndex } }
             disputes(limit: 1000) { items { missionId goalId period disputer bondToken bond outcome arbiter resolvedValue disputerWon blockNumber timestamp txHash logIndex } }
             bonds(limit: 1000) { items { token account kind amount blockNumber timestamp txHash logIndex } }
             poolTranches(limit: 1000) { items { pool trancheIndex provider dueAt shareBps amount hasMilestone missionId goalId period minValue disbursed disbursedBlock } }
             poolShareTransfers(limit: 1000) { items { pool kind from to shares blockNumber timestamp txHash logIndex } }
             poolMissions(limit: 1000) { items { pool missionId impactPool { address } } }
             escrowOutcomes(limit: 1000) { items { escrow termIndex missionId goalId period weightWad curveKind lowerIsBetter baseline target threshold capWad steps } }
             beneficiaryWeights(limit: 1000) { items { escrow account weight } }
             poolOutcomes(limit: 1000) { items { pool termIndex missionId goalId period weightWad curveKind lowerIsBetter baseline target threshold capWad steps } }
             tokens(limit: 1000) { items { address decimals symbol } }
             escrows(limit: 1000) { items { escrow: address missionId index creator token goalVersion fundingDeadline minFunding settlementDeadline gracePeriod outcomeCount beneficiaryCount depositCount totalDeposited status settleReason compositeWad beneficiaryPot refundPot totalClaimed totalRefunded balance createdBlock tokenUnit { address } } }
             pools(limit: 1000) { items { pool: address poolIndex creator name symbol token capitalTarget raiseDeadline fundCap settlementDeadline gracePeriod repaymentThresholdWad repaymentPrincipalAtWad repaymentMaxReturnWad providerCount trancheCount outcomeCount phase totalInvested totalWithdrawn totalCommitted totalDisbursed resolution compositeWad multipleWad outcomePayment investorPot refundPot totalRedeemed totalRefunded sharesOutstanding balance createdBlock } }
             missions(limit: 1000) { items { missionId hashtag steward status metadataURI contentHash versionCount goalCount participantCount pledgeCount endorsementCount createdBlock createdAt } }
             participants(limit: 1000) { items { missionId account roles roleNames joinedBlock pledgeCount endorsementsReceived endorsementsGiven } }
             deposits(limit: 1000) { items { contract contractKind kind account payer amount blockNumber timestamp txHash logIndex } }
             payouts(limit: 1000) { items { contract contractKind kind account amount shares blockNumber timestamp txHash logIndex } }
             settlements(limit: 1000) { items { contract contractKind status reason compositeWad payoutPot refundPot multipleWad outcomePayment blockNumber timestamp txHash logIndex } } }`,
        ),
      );
    /** A cell as the exporter's JSON holds it, as text; addresses checksummed (Ponder stores them in lower case). */
    const cell = (v: unknown, address: boolean): string | null =>
      v === null || v === undefined ? null : address ? getAddress(cellText(v)) : cellText(v);
    const sameRows = (items: Record<string, unknown>[], table: string, addressKeys: string[]) => {
      const exported = rowsOf(expected, table);
      expect(exported.length, table).to.be.greaterThan(0);
      // Every exact column; the human ones (`<column>_iso`, `<column>_tokens`) are derived when files are written.
      const keys = Object.keys(exported[0]!).filter((k) => !/_(iso|tokens)$/.test(k));
      const norm = (r: Record<string, unknown>) =>
        JSON.stringify(Object.fromEntries(keys.map((k) => [k, cell(r[k], addressKeys.includes(k))])));
      // Both sides in one order (the exporter's is emission order, GraphQL's the primary key's).
      expect(items.map(norm).sort(), table).to.deep.equal(exported.map(norm).sort());
    };
    sameRows(data.missions.items, "missions", ["steward"]);
    sameRows(data.participants.items, "participants", ["account"]);
    sameRows(data.escrows.items, "escrows", ["escrow", "creator", "token"]);
    sameRows(data.pools.items, "pools", ["pool", "creator", "token"]);
    sameRows(data.goals.items, "goals", []);
    sameRows(data.deposits.items, "deposits", ["contract", "account", "payer"]);
    sameRows(data.payouts.items, "payouts", ["contract", "account"]);
    sameRows(data.settlements.items, "settlements", ["contract"]);
    sameRows(data.committees.items, "committees", ["bondToken", "arbiter", "adapter"]);
    sameRows(data.disputes.items, "disputes", ["disputer", "bondToken", "arbiter"]);
    sameRows(data.bonds.items, "bonds", ["token", "account"]);
    sameRows(data.escrowOutcomes.items, "escrow_outcomes", ["escrow"]);
    sameRows(data.beneficiaryWeights.items, "escrow_beneficiaries", ["escrow", "account"]);
    sameRows(data.poolOutcomes.items, "pool_outcomes", ["pool"]);
    sameRows(data.poolTranches.items, "pool_tranches", ["pool", "provider"]);
    sameRows(data.poolShareTransfers.items, "pool_share_transfers", ["pool", "from", "to"]);
    // The story exercises each row kind: a resolved dispute, a bond posted, credited and withdrawn, a tranche paid,
    // shares minted and changing hands.
    expect(data.disputes.items.map((d) => d.outcome)).to.include("resolved");
    expect(new Set(data.bonds.items.map((b) => b.kind))).to.deep.equal(new Set(["posted", "credited", "withdrawn"]));
    expect(data.poolTranches.items.some((t) => t.disbursed === true)).to.equal(true);
    expect(new Set(data.poolShareTransfers.items.map((t) => t.kind))).to.include.members(["mint", "transfer"]);
    // Each token's units, as the exporter's manifest has them; an escrow reaches its token's row.
    const { manifest } = await exportOpenData(client, addresses, {
      fromBlock: 0n,
      chunkSize: 5000n,
      timestamps: false,
    });
    expect(
      Object.fromEntries(
        data.tokens.items.map((t) => [getAddress(t.address), { decimals: t.decimals, symbol: t.symbol }]),
      ),
    ).to.deep.equal(manifest.tokens);
    expect(Object.keys(manifest.tokens).length).to.be.greaterThan(1);
    for (const e of data.escrows.items) {
      const { token, tokenUnit } = z
        .object({ token: z.string(), tokenUnit: z.object({ address: z.string() }) })
        .parse(e);
      expect(tokenUnit.address).to.equal(token);
    }
    // A row's `pool` column is the address (its relation to the pool row is `impactPool`).
    expect(data.poolMissions.items.length).to.be.greaterThan(0);
    for (const link of data.poolMissions.items) {
      expect(z.object({ address: z.string() }).parse(link.impactPool).address).to.equal(link.pool);
      expect(rowsOf(expected, "pools").map((p) => p.pool)).to.include(getAddress(cellText(link.pool)));
    }
  }

  it("keeps every exporter table as a typed table with the same rows (every exact column), and its tokens", async function () {
    await expectTypedTablesEqual(indexer!);
  });

  it("answers a goal chart in one GraphQL query: each goal's slots with value and status per period", async function () {
    const expected = await exporterFiles(client, addresses);
    const slots = rowsOf(expected, "metric_values");
    const missionId = String(slots.find((s) => s.disputed === true)?.missionId);
    const chart = z
      .object({
        goals: z.object({
          items: z.array(
            z.object({
              goalId: z.number(),
              baseline: z.string(),
              target: z.string(),
              direction: z.string(),
              periodCount: z.number(),
              metricValues: z.object({
                items: z.array(
                  z.object({
                    period: z.number(),
                    status: z.string(),
                    reportCount: z.number(),
                    proposedValue: z.string().nullable(),
                    finalValue: z.string().nullable(),
                    disputed: z.boolean(),
                    dispute: z.object({ outcome: z.string() }).nullable(),
                    reports: z.object({ items: z.array(z.object({ value: z.string(), withdrawn: z.boolean() })) }),
                  }),
                ),
              }),
            }),
          ),
        }),
      })
      .parse(
        await gql(
          indexer!,
          `{ goals(where: { missionId: "${missionId}" }, orderBy: "goalId") { items {
               goalId baseline target direction periodCount
               metricValues(orderBy: "period", limit: 1000) { items {
                 period status reportCount proposedValue finalValue disputed
                 dispute { outcome } reports(limit: 1000) { items { value withdrawn } } } } } } }`,
        ),
      );
    const goals = rowsOf(expected, "goals").filter((g) => String(g.missionId) === missionId);
    expect(chart.goals.items.map((g) => [g.goalId, g.baseline, g.target, g.direction, g.periodCount])).to.deep.equal(
      goals.map((g) => [g.goalId, String(g.baseline), String(g.target), g.direction, g.periodCount]),
    );
    let disputed = 0;
    for (const g of chart.goals.items) {
      const mine = slots.filter((s) => String(s.missionId) === missionId && s.goalId === g.goalId);
      const nullable = (v: unknown) => (v === null ? null : cellText(v));
      expect(
        g.metricValues.items.map((s) => [s.period, s.status, s.reportCount, s.proposedValue, s.finalValue]),
        `goal ${g.goalId}`,
      ).to.deep.equal(
        mine.map((s) => [s.period, s.status, s.reportCount, nullable(s.proposedValue), nullable(s.finalValue)]),
      );
      for (const s of g.metricValues.items) {
        // A slot's reports are its own: as many not withdrawn as its report count; a disputed slot has its dispute.
        expect(s.reports.items.filter((r) => !r.withdrawn).length).to.equal(s.reportCount);
        expect(s.dispute !== null).to.equal(s.disputed);
        if (s.disputed) disputed += 1;
      }
    }
    expect(disputed).to.be.greaterThan(0);
  });

  it("answers every GraphQL example of indexer/README.md, each with rows", async function () {
    const expected = await exporterFiles(client, addresses);
    const examples = [...readFileSync("indexer/README.md", "utf8").matchAll(/```graphql\n([\s\S]*?)```/g)].map(
      (m) => m[1]!,
    );
    expect(examples.length).to.be.at.least(8);
    const first = (table: string, column: string) => cellText(rowsOf(expected, table)[0]?.[column]).toLowerCase();
    // The README's placeholders, filled with an address of the story that has rows for that query.
    const fill: Record<string, string> = {
      pool: first("pools", "pool"),
      contract: first("escrows", "escrow"),
      account: first("deposits", "account"),
    };
    const disputer = first("bonds", "account");
    for (const example of examples) {
      const query = example.replace(/(\w+): "0x…"/g, (_, key: string) => {
        const address = key === "account" && example.includes("bonds(") ? disputer : fill[key];
        if (address === undefined) throw new Error(`README example: no address for ${key}`);
        return `${key}: "${address}"`;
      });
      const data = JSON.stringify(await gql(indexer!, query));
      expect(data, query).to.match(/"items":\[\{/);
    }
  });

  it("answers SQL over HTTP: the event table holds every log the exporter read", async function () {
    const result = await exportOpenData(client, addresses, { fromBlock: 0n, chunkSize: 5000n, timestamps: false });
    // The wire format of @ponder/client: the query is superjson of { sql, params } (plain JSON needs no meta).
    const query = JSON.stringify({ json: { sql: 'select count(*)::int as n from "event"', params: [] } });
    const res = await fetch(`${indexer!.url}/sql/db?sql=${encodeURIComponent(query)}`);
    const text = await res.text();
    expect(res.status, text).to.equal(200);
    const body = z.object({ rows: z.array(z.object({ n: z.number() })) }).parse(JSON.parse(text));
    expect(body.rows[0]?.n).to.equal(result.manifest.logCount);
  });

  it("reports an account's positions with what it can still claim, equal to the contracts' views", async function () {
    const expected = await exporterFiles(client, addresses);
    const accounts = new Set<Address>();
    for (const r of rowsOf(expected, "deposits")) accounts.add(getAddress(String(r.account)));
    const views = parseAbi([
      "function claimable(address) view returns (uint256)",
      "function refundable(address) view returns (uint256)",
      "function previewRedeem(uint256) view returns (uint256)",
      "function previewRefund(address) view returns (uint256)",
      "function balanceOf(address) view returns (uint256)",
    ]);
    const positionSchema = z.object({
      contract: z.string(),
      contractKind: z.enum(["escrow", "pool"]),
      claimable: z.string(),
      refundable: z.string(),
      deposited: z.string(),
      invested: z.string(),
    });
    let checked = 0;
    for (const account of [...accounts].slice(0, 40)) {
      const res = await fetch(`${indexer!.url}/accounts/${account}`);
      const body = z.object({ positions: z.array(positionSchema) }).parse(await res.json());
      expect(body.positions.length, account).to.be.greaterThan(0);
      for (const p of body.positions) {
        const address = getAddress(p.contract);
        const read = (functionName: "claimable" | "refundable" | "previewRefund" | "balanceOf", arg: Address) =>
          client.readContract({ address, abi: views, functionName, args: [arg] });
        if (p.contractKind === "escrow") {
          expect([p.claimable, p.refundable]).to.deep.equal([
            String(await read("claimable", account)),
            String(await read("refundable", account)),
          ]);
        } else {
          const shares = await read("balanceOf", account);
          const redeem = await client.readContract({
            address,
            abi: views,
            functionName: "previewRedeem",
            args: [shares],
          });
          expect([p.claimable, p.refundable]).to.deep.equal([
            String(redeem),
            String(await read("previewRefund", account)),
          ]);
        }
        checked += 1;
      }
    }
    expect(checked).to.be.greaterThan(10);
  });

  it("shows a new block in the API within 2 s of it being mined", async function () {
    // Account #15 is not in the story: its join is a new participant of mission 1.
    const wallet = (await conn.viem.getWalletClients())[15];
    const before = z
      .object({ participantCount: z.number() })
      .parse(
        z.object({ mission: z.unknown() }).parse(await (await fetch(`${indexer!.url}/missions/1`)).json()).mission,
      );
    const hash = await wallet!.writeContract({
      address: story.registry,
      abi: REGISTRY_ABI,
      functionName: "join",
      args: [1n, 16],
    });
    const receipt = await client.waitForTransactionReceipt({ hash });
    const mined = Date.now();
    expect(receipt.status).to.equal("success");
    let seen = false;
    while (Date.now() - mined < 2_000) {
      const body = z
        .object({ mission: z.object({ participantCount: z.number() }) })
        .parse(await (await fetch(`${indexer!.url}/missions/1`)).json());
      if (body.mission.participantCount === before.participantCount + 1) {
        seen = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen, `block ${receipt.blockNumber} not in the API within 2 s`).to.equal(true);
    console.log(`      live: block ${receipt.blockNumber} in the API ${Date.now() - mined} ms after its receipt`);
  });

  it("after a reorg (evm_snapshot, evm_revert, new blocks) its tables equal the exporter on the new chain", async function () {
    const [, , , , , , , , , , , , , wallet13, wallet14] = await conn.viem.getWalletClients();
    const snapshot = z.string().parse(await conn.provider.request({ method: "evm_snapshot" }));
    // Two blocks on the branch that will disappear: a join on mission 1, then on mission 2.
    for (const missionId of [1n, 2n]) {
      const hash = await wallet13!.writeContract({
        address: story.registry,
        abi: REGISTRY_ABI,
        functionName: "join",
        args: [missionId, 16],
      });
      await client.waitForTransactionReceipt({ hash });
    }
    await waitForBlock(indexer!, await head(), 30_000);
    const orphaned = rowsOf(await indexerFiles(indexer!, ["participants.json"]), "participants");
    expect(
      orphaned.some((r) => r.account === getAddress(wallet13!.account.address)),
      `${getAddress(wallet13!.account.address)} in ${JSON.stringify(orphaned.slice(-3))}`,
    ).to.equal(true);

    expect(await conn.provider.request({ method: "evm_revert", params: [snapshot] })).to.equal(true);
    // The new branch: another account joins mission 2, and the chain grows past the old head.
    const hash = await wallet14!.writeContract({
      address: story.registry,
      abi: REGISTRY_ABI,
      functionName: "join",
      args: [2n, 1],
    });
    await client.waitForTransactionReceipt({ hash });
    for (let i = 0; i < 3; i++) await conn.provider.request({ method: "evm_mine" });
    await waitForBlock(indexer!, await head(), 30_000);
    // The indexer may answer for the new head a moment before its reorg handling has rewritten old rows: poll.
    const expected = await exporterFiles(client, addresses);
    let actual = await indexerFiles(indexer!, expected.keys());
    for (let i = 0; i < 40 && actual.get("participants.csv") !== expected.get("participants.csv"); i++) {
      await new Promise((r) => setTimeout(r, 250));
      actual = await indexerFiles(indexer!, expected.keys());
    }
    expectSameFiles(actual, expected);
    const participants = rowsOf(actual, "participants");
    expect(participants.some((r) => r.account === getAddress(wallet13!.account.address))).to.equal(false);
    expect(participants.some((r) => r.account === getAddress(wallet14!.account.address))).to.equal(true);
  });

  it("a fresh index of the new chain, stopped mid-way and restarted, ends with the same tables", async function () {
    const dataDir = path.join(work, "pglite-b");
    const first = await startIndexer({ rpcUrl: node!.url, deploymentId, dataDir });
    // Stop it as soon as it has indexed a first block range, before its backfill is complete.
    const target = await head();
    const started = Date.now();
    while (!/Indexed block range/.test(first.log()) && Date.now() - started < 120_000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await first.stop();
    expect(first.log(), "indexed a first range").to.match(/Indexed block range/);
    expect(first.log(), "stopped before the end of the backfill").to.not.match(/Completed backfill/);
    const second = await startIndexer({ rpcUrl: node!.url, deploymentId, dataDir });
    try {
      await waitForBlock(second, target);
      const expected = await exporterFiles(client, addresses);
      expectSameFiles(await indexerFiles(second, expected.keys()), expected);
      expectSameFiles(await indexerFiles(second, expected.keys()), await indexerFiles(indexer!, expected.keys()));
    } finally {
      await second.stop();
    }
  });
});
