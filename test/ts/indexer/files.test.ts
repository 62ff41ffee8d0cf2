import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { runHardhat } from "../helpers/hardhat-cli.js";
import { startIndexer, waitForBlock } from "./ponder-process.js";
import { expectTypedTablesEqual } from "./typed-tables.js";
import {
  expectSameFiles,
  exporterFiles,
  indexerFiles,
  indexerWorld,
  postgresClient,
  rowsOf,
  type World,
} from "./world.js";

describe("indexer end to end: every open-data file equal to the exporter's (PGlite, export --from-indexer, Postgres)", function () {
  this.timeout(600_000);
  let w: World;

  before(async function () {
    w = await indexerWorld();
  });

  it("serves every open-data table (JSON and CSV) equal to the exporter's files for the same chain", async function () {
    const expected = await exporterFiles(w.client, w.addresses);
    expect(expected.size).to.be.at.least(2 * 20);
    expect(rowsOf(expected, "deposits").length).to.be.greaterThan(50);
    expectSameFiles(await indexerFiles(w.indexer, expected.keys()), expected);
  });

  it("`npm run export -- --from-indexer URL` writes the exporter's files", async function () {
    const expected = await exporterFiles(w.client, w.addresses);
    const out = path.join(w.work, "from-indexer");
    const run = await runHardhat(["data:export", "--from-indexer", w.indexer.url, "--out", out]);
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
      const pg = await startIndexer({ rpcUrl: w.node.url, deploymentId: w.deploymentId, databaseUrl: url.toString() });
      try {
        await waitForBlock(pg, await w.head());
        expect(pg.log()).to.match(/database.*postgres|type=postgres/i);
        const expected = await exporterFiles(w.client, w.addresses);
        expectSameFiles(await indexerFiles(pg, expected.keys()), expected);
        await expectTypedTablesEqual(w, pg);
      } finally {
        await pg.stop();
        await admin.query(`drop database ${database} with (force)`);
        await admin.end();
      }
    });
  }
});
