import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, type Address, type PublicClient } from "viem";
import { z } from "zod";
import { writeAddressBook } from "../../../indexer/scripts/story.js";
import { classedPools, type ClassedPools } from "../helpers/classed-pool-fixture.js";
import { startHardhatNode, type RunningNode } from "../helpers/hardhat-cli.js";
import { startIndexer, waitForBlock, type RunningIndexer } from "./ponder-process.js";
import { graphqlExamples, isClassExample, readIndexerReadme } from "./readme-examples.js";
import { expectSameRows } from "./typed-tables.js";
import { expectSameFiles, exporterFiles, gql, indexerFiles, rowsOf } from "./world.js";

/** The address columns of the tables compared (checksummed by the exporter, lower case in Ponder). */
const ADDRESS_COLUMNS = [
  "pool",
  "token",
  "provider",
  "guarantor",
  "from",
  "to",
  "creator",
  "contract",
  "account",
  "payer",
];

/** No contract: the classed world has no outcome escrow factory (the address book needs one). */
const NO_ESCROW_FACTORY: Address = "0x000000000000000000000000000000000000dEaD";

/**
 * The indexer on classed pools (issue #13): the four pools of test/ts/helpers/classed-pool-fixture.ts played on a real
 * `hardhat node` (mock registry and feed: the address book names them as the registry and the oracle, which then emit
 * nothing the indexer reads), Ponder following the class share tokens from `CapitalStructureCreated` (three factory
 * sources, one per `classTokens` slot). Its own world, with more outcomes than the demo story's one classed pool
 * (chapter 6e): full success, a called guarantee, undrawn capital and a failed raise.
 */
describe("indexer end to end: classed pools (class tokens followed, tables equal the exporter's, claimable to the wei)", function () {
  this.timeout(900_000);
  let node: RunningNode;
  let conn: Awaited<ReturnType<typeof network.create>>;
  let client: PublicClient;
  let f: ClassedPools;
  let indexer: RunningIndexer;
  let work: string;
  let bookDir: string;
  const addresses = () => ({
    registry: f.registry,
    oracle: f.feed,
    escrowFactory: NO_ESCROW_FACTORY,
    poolFactory: f.factory,
  });
  const head = async () => Number(await client.getBlockNumber());

  before(async function () {
    work = mkdtempSync(path.join(tmpdir(), "cic-indexer-classes-"));
    node = await startHardhatNode();
    conn = await network.create({ network: "localhost", override: { url: node.url } });
    client = await conn.viem.getPublicClient();
    f = await classedPools(conn);
    const deploymentId = `indexer-classes-${process.pid}-${Date.now()}`;
    bookDir = writeAddressBook(deploymentId, addresses());
    indexer = await startIndexer({ rpcUrl: node.url, deploymentId, dataDir: path.join(work, "pglite") }, 300_000);
    await waitForBlock(indexer, await head(), 300_000);
  });

  after(async function () {
    this.timeout(60_000);
    await indexer?.stop();
    await conn?.close();
    await node?.stop();
    if (bookDir !== undefined) rmSync(bookDir, { recursive: true, force: true });
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it("serves every open-data file, the class tables among them, equal to the exporter's for the same chain", async function () {
    const expected = await exporterFiles(client, addresses());
    expect(rowsOf(expected, "pool_classes")).to.have.length(8);
    expect(rowsOf(expected, "pool_class_points")).to.have.length(18);
    expectSameFiles(await indexerFiles(indexer, expected.keys()), expected);
  });

  it("keeps the typed class tables (and the pools' rows and money rows) equal to the exporter's, every exact column", async function () {
    const expected = await exporterFiles(client, addresses());
    const page = z.object({ items: z.array(z.record(z.string(), z.unknown())) });
    const data = z
      .object({
        poolClassRows: page,
        poolClassPoints: page,
        poolGuarantees: page,
        poolClassTransfers: page,
        pools: page,
        deposits: page,
        payouts: page,
      })
      .parse(
        await gql(
          indexer,
          `{ poolClassRows(limit: 100) { items { pool classIndex token name symbol seniority target maxMultipleWad maxRateWad capWad cap provider providerBps raised withdrawn paid undrawnReturned guaranteeReceived distributed perShareX64 claimed createdBlock } }
             poolClassPoints(limit: 100) { items { pool pointIndex classIndex paid undrawnReturned guaranteeCalled pointProviderCut pointCappedBack blockNumber timestamp txHash logIndex } }
             poolGuarantees(limit: 100) { items { pool guarantor guarantee committed committedBlock called returned } }
             poolClassTransfers(limit: 100) { items { pool classIndex token kind from to shares blockNumber timestamp txHash logIndex } }
             pools(limit: 100) { items { pool: address poolIndex creator name symbol token capitalTarget raiseDeadline fundCap settlementDeadline gracePeriod repaymentThresholdWad repaymentPrincipalAtWad repaymentMaxReturnWad providerCount trancheCount outcomeCount scheduled pointCount tierCount scheduleCap phase totalInvested totalWithdrawn totalCommitted totalDisbursed pointsSettled totalPaid resolution compositeWad multipleWad outcomePayment investorPot refundPot totalRedeemed totalRefunded sharesOutstanding balance createdBlock } }
             deposits(limit: 100) { items { contract contractKind kind account payer amount blockNumber timestamp txHash logIndex } }
             payouts(limit: 100) { items { contract contractKind kind account amount shares blockNumber timestamp txHash logIndex } } }`,
        ),
      );
    const same = (items: Record<string, unknown>[], table: string) =>
      expectSameRows(items, expected, table, ADDRESS_COLUMNS);
    same(data.poolClassRows.items, "pool_classes");
    same(data.poolClassPoints.items, "pool_class_points");
    same(data.poolGuarantees.items, "pool_guarantees");
    same(data.poolClassTransfers.items, "pool_class_transfers");
    same(data.pools.items, "pools");
    same(data.deposits.items, "deposits");
    same(data.payouts.items, "payouts");
  });

  it("answers the classed-pool GraphQL examples of indexer/README.md, each with rows", async function () {
    const examples = graphqlExamples(readIndexerReadme()).filter(isClassExample);
    expect(examples.length).to.be.at.least(2);
    const fill: Record<string, string> = { pool: f.full.pool, account: f.people.holder };
    for (const example of examples) {
      const query = example.replace(/(\w+): "0x…"/g, (_, key: string) => {
        const address = fill[key];
        if (address === undefined) throw new Error(`README example: no address for ${key}`);
        return `${key}: "${address.toLowerCase()}"`;
      });
      const data = z.record(z.string(), z.object({ items: z.array(z.unknown()) })).parse(await gql(indexer, query));
      for (const [name, { items }] of Object.entries(data))
        expect(items.length, `${name} in ${query}`).to.be.greaterThan(0);
    }
  });

  /** `/accounts/<who>`'s class holdings: token → claimable. */
  const indexedClaimable = async (who: Address): Promise<Map<string, bigint>> => {
    const res = await fetch(`${indexer.url}/accounts/${who}`);
    const body = z
      .object({
        classHoldings: z.array(
          z.object({ token: z.string(), claimable: z.coerce.bigint(), balance: z.coerce.bigint() }),
        ),
        claimable: z.coerce.bigint(),
      })
      .parse(await res.json());
    return new Map(body.classHoldings.map((h) => [getAddress(h.token), h.claimable]));
  };
  /** Every holder's claimable in every class token, from the indexer and from the token's own view. */
  const expectClaimableAsChain = async (): Promise<number> => {
    let nonZero = 0;
    for (const who of Object.values(f.people)) {
      const indexed = await indexedClaimable(who);
      for (const token of [f.full, f.partial, f.undrawn, f.failed].flatMap((p) => [p.senior, p.junior])) {
        const cls = await conn.ethers.getContractAt("PoolShareClass", token);
        const onChain = await cls.claimable(who);
        const balance = await cls.balanceOf(who);
        if (onChain > 0n) nonZero += 1;
        // A holder that never held the class has no holding row: its claimable is 0 on chain too.
        expect(indexed.get(token) ?? 0n, `${who} in ${token}`).to.equal(onChain);
        if (balance > 0n) expect(indexed.has(token), `${who} holds ${token}`).to.equal(true);
      }
    }
    return nonZero;
  };

  it("computes each holder's claimable from the accumulator events as the class token does, to the wei", async function () {
    // The foundation's unclaimed 27,249 of the full pool's junior class; in the partial pool bank 1 (45,000 of the
    // 75,000 senior shares: 44,999), bank 2 (20,000 after sending 10,000 between the points: 25,333) and the holder
    // (10,000 since then: 4,666); in the undrawn pool (nobody claimed) both banks and the foundation.
    expect(await expectClaimableAsChain()).to.equal(7);
    const indexed = await indexedClaimable(f.people.foundation);
    expect(indexed.get(f.full.junior)).to.equal(27_249n);
    expect((await indexedClaimable(f.people.holder)).get(f.partial.senior)).to.equal(4_666n);
  });

  it("keeps claimable equal after new transfers and a claim, live (what accrued stays with the sender)", async function () {
    const [, bank1, , foundation, , , , holder] = await conn.ethers.getSigners();
    if (bank1 === undefined || foundation === undefined || holder === undefined) throw new Error("signers");
    const junior = await conn.ethers.getContractAt("PoolShareClass", f.full.junior);
    const senior = await conn.ethers.getContractAt("PoolShareClass", f.partial.senior);
    await (await junior.connect(foundation).transfer(holder.address, 5_000n)).wait();
    await (await senior.connect(bank1).transfer(holder.address, 20_000n)).wait();
    await (await senior.connect(holder).claim()).wait();
    await waitForBlock(indexer, await head(), 120_000);
    expect(await expectClaimableAsChain()).to.equal(6);
    expect((await indexedClaimable(f.people.foundation)).get(f.full.junior)).to.equal(27_249n);
    expect((await indexedClaimable(f.people.holder)).get(f.partial.senior)).to.equal(0n);
  });
});
