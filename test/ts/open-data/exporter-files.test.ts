import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { formatUnits } from "ethers";
import { CliError } from "../../../scripts/core/cli.js";
import { humanRow } from "../../../scripts/open-data/tables.js";
import {
  TABLES,
  exportOpenData,
  writeOpenData,
  type ExportResult,
  type TableName,
} from "../../../scripts/open-data/index.js";
import { parseExportArgs, runExport } from "../../../scripts/cli/actions/data.js";
import { exportArgs } from "../helpers/export-args.js";
import { exportedStory } from "../helpers/open-data-story.js";

describe("open-data exporter: ranges, chunks, files and data:export", function () {
  let world: Awaited<ReturnType<typeof exportedStory>>["world"];
  let full: ExportResult;
  let addresses: Awaited<ReturnType<typeof exportedStory>>["addresses"];

  before(async function () {
    ({ world, full, addresses } = await exportedStory());
  });

  it("chunked fetching (1, 2 and 3 blocks per request) gives the same tables as one range", async function () {
    const client = await world.conn.viem.getPublicClient();
    for (const chunkSize of [1n, 2n, 3n]) {
      const chunked = await exportOpenData(client, addresses, { chunkSize });
      expect(chunked.tables).to.deep.equal(full.tables);
      expect(chunked.manifest.logCount).to.equal(full.manifest.logCount);
      expect(chunked.manifest.requests).to.be.greaterThan(full.manifest.requests);
    }
  });

  it("a block range exports only the events inside it", async function () {
    const client = await world.conn.viem.getPublicClient();
    const firstDeposit = full.tables.deposits[0]!.blockNumber;
    const part = await exportOpenData(client, addresses, { toBlock: firstDeposit, timestamps: false });
    expect(part.tables.deposits).to.have.length(1);
    expect(part.tables.payouts).to.have.length(0);
    expect(part.tables.pools).to.have.length(0);
    expect(part.tables.pledges[0]!.timestamp).to.equal(null);
  });

  it("writes JSON, CSV and a manifest whose row counts match", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "open-data-"));
    const files = writeOpenData(dir, full);
    const tables = Object.keys(TABLES) as TableName[];
    expect(files).to.have.length(tables.length * 2 + 1);
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as {
      chainId: number;
      tables: Record<string, { rows: number }>;
    };
    expect(manifest.chainId).to.equal(31337);
    for (const table of tables) {
      const json = JSON.parse(readFileSync(path.join(dir, `${table}.json`), "utf8")) as unknown[];
      const csv = readFileSync(path.join(dir, `${table}.csv`), "utf8")
        .trimEnd()
        .split("\n");
      expect(json).to.have.length(full.tables[table].length);
      expect(manifest.tables[table]!.rows).to.equal(json.length);
      expect(csv[0]).to.equal(TABLES[table].columns.map(([c]) => c).join(","));
      expect(csv.length).to.equal(json.length + 1);
    }
  });

  it("writes a whole-token column after each amount and an ISO column after each unix time, keeping the exact ones", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "open-data-human-"));
    writeOpenData(dir, full);
    const read = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    const manifest = read("manifest.json") as { tokens: Record<string, { decimals: number; symbol: string | null }> };
    const gbp = full.tables.escrows[0]!.token;
    expect(manifest.tokens[gbp]).to.deep.equal({ decimals: 18, symbol: "GBP" });
    expect(manifest.tokens[full.tables.bonds[0]!.token]).to.deep.equal({ decimals: 18, symbol: "BND" });
    const whole = (v: bigint) => formatUnits(v, 18).replace(/\.0$/, "");
    const iso = (t: bigint | null) =>
      t === null ? null : new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");
    const deposits = read("deposits.json") as Record<string, unknown>[];
    expect(deposits).to.have.length(full.tables.deposits.length);
    for (const [i, row] of full.tables.deposits.entries()) {
      const written = deposits[i]!;
      expect(written.amount).to.equal(row.amount.toString()); // the exact base units stay
      expect(written.amount_tokens).to.equal(whole(row.amount));
      expect(written.timestamp_iso).to.equal(iso(row.timestamp));
      const keys = Object.keys(written);
      expect(keys.indexOf("amount_tokens")).to.equal(keys.indexOf("amount") + 1);
      expect(keys.indexOf("timestamp_iso")).to.equal(keys.indexOf("timestamp") + 1);
    }
    const payouts = read("payouts.json") as Record<string, unknown>[];
    for (const [i, row] of full.tables.payouts.entries()) {
      expect(payouts[i]!.amount_tokens).to.equal(whole(row.amount));
      expect(payouts[i]!.shares_tokens).to.equal(row.shares === null ? null : whole(row.shares));
    }
    const escrows = read("escrows.json") as Record<string, unknown>[];
    expect(escrows[0]!.fundingDeadline_iso).to.equal(iso(full.tables.escrows[0]!.fundingDeadline));
    expect(escrows[0]!.totalDeposited_tokens).to.equal(whole(full.tables.escrows[0]!.totalDeposited));
    const header = readFileSync(path.join(dir, "deposits.csv"), "utf8").split("\n")[0]!;
    expect(header).to.include("amount,amount_tokens").and.include("timestamp,timestamp_iso");
  });

  it("the human columns: exact whole tokens of any decimals, empty for an unknown token or an empty cell", function () {
    const units = {
      decimalsOf: (token: string) => (token === "0xUSD" ? 6 : undefined),
      tokenOfContract: (contract: string) => (contract === "0xPool" ? "0xUSD" : undefined),
    };
    const deposit = { contract: "0xPool", amount: 1_000_500_000n, timestamp: 1_909_871_999n, blockNumber: 1n };
    expect(humanRow("deposits", deposit, units)).to.deep.equal({
      contract: "0xPool",
      amount: 1_000_500_000n,
      amount_tokens: "1000.5",
      timestamp: 1_909_871_999n,
      timestamp_iso: "2030-07-09T23:59:59Z",
      blockNumber: 1n,
    });
    expect(humanRow("deposits", { ...deposit, contract: "0xOther", timestamp: null }, units)).to.deep.include({
      amount_tokens: null,
      timestamp_iso: null,
    });
    expect(humanRow("bonds", { token: "0xUSD", amount: 1n }, units)).to.deep.include({ amount_tokens: "0.000001" });
  });

  it("docs/open-data.md documents every table and column", function () {
    const docs = readFileSync("docs/open-data.md", "utf8");
    for (const [table, def] of Object.entries(TABLES)) {
      expect(docs, table).to.include(`### \`${table}\``);
      for (const [column] of def.columns)
        expect(docs, `${table}.${column}`).to.match(new RegExp(`\\|\\s*\`${column}\`\\s*\\|`));
    }
  });

  describe("data:export", function () {
    const base = exportArgs("out");
    const oneLine = (fn: () => unknown, text: string): void => {
      try {
        fn();
      } catch (err) {
        expect(err).to.be.instanceOf(CliError);
        expect((err as Error).message)
          .to.include(text)
          .and.not.include("\n");
        return;
      }
      throw new Error("expected a CliError");
    };

    it("rejects bad flags with one line naming the flag", function () {
      oneLine(() => parseExportArgs({ ...base, chunk: "0" }), "--chunk");
      oneLine(() => parseExportArgs({ ...base, fromBlock: "x" }), "--from-block");
      oneLine(() => parseExportArgs({ ...base, toBlock: "-1" }), "--to-block");
      oneLine(() => parseExportArgs({ ...base, rpc: "localhost:8545" }), "--rpc");
      oneLine(() => parseExportArgs({ ...base, out: " " }), "--out");
      expect(parseExportArgs({ ...base, rpc: "http://127.0.0.1:8545", chunk: "3" })).to.include({ chunkSize: 3n });
    });

    it("exports through a client with addresses from flags, and names a missing address", async function () {
      const client = await world.conn.viem.getPublicClient();
      const out = mkdtempSync(path.join(tmpdir(), "data-export-"));
      const args = { ...base, out, chunk: "5", ...addresses };
      const lines: string[] = [];
      await runExport(client, args, (line) => lines.push(line));
      expect(lines[0]).to.match(/^chain 31337, blocks 0–\d+, \d+ events in \d+ requests/);
      const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as {
        tables: { payouts: { rows: number } };
      };
      expect(manifest.tables.payouts.rows).to.equal(full.tables.payouts.length);
      // Without a pool factory (an older deployment) the rest still exports, with no pools.
      const older = mkdtempSync(path.join(tmpdir(), "data-export-"));
      await runExport(client, { ...args, out: older, poolFactory: "" }, () => undefined);
      const olderManifest = JSON.parse(readFileSync(path.join(older, "manifest.json"), "utf8")) as {
        contracts: { pools: string[] };
        tables: { pools: { rows: number }; escrows: { rows: number } };
      };
      expect(olderManifest.contracts.pools).to.deep.equal([]);
      expect(olderManifest.tables.pools.rows).to.equal(0);
      expect(olderManifest.tables.escrows.rows).to.equal(2);
      let failed: unknown;
      try {
        await runExport(client, { ...args, registry: "" });
      } catch (err) {
        failed = err;
      }
      expect(failed).to.be.instanceOf(CliError);
      expect((failed as Error).message).to.match(/^--registry: no MissionRegistry deployed on chain 31337/);
      failed = undefined;
      try {
        await runExport(client, { ...args, toBlock: "999999" });
      } catch (err) {
        failed = err;
      }
      expect((failed as Error).message).to.match(/^--to-block: 999999 is after the latest block/);
      failed = undefined;
      try {
        await runExport(client, { ...args, poolFactory: "0x12" });
      } catch (err) {
        failed = err;
      }
      expect((failed as Error).message).to.match(/^--pool-factory: must be a 0x-prefixed 20-byte address/);
    });
  });
});
