import { expect } from "chai";
import { getAddress, parseAbi, type Address } from "viem";
import { z } from "zod";
import { exportOpenData } from "../../../scripts/open-data/index.js";
import {
  apiPaths,
  fillPath,
  graphqlExamples,
  isClassExample,
  readIndexerReadme,
  restExamples,
  sqlExamples,
} from "./readme-examples.js";
import { cellText, exporterFiles, gql, indexerWorld, rowsOf, type World } from "./world.js";

/** GET /sql/db as @ponder/client sends it: superjson of { sql, params } (plain JSON needs no meta). */
const sqlUrl = (base: string, sql: string) =>
  `${base}/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql, params: [] } }))}`;

describe("indexer end to end: GraphQL, SQL over HTTP and account positions", function () {
  this.timeout(600_000);
  let w: World;

  before(async function () {
    w = await indexerWorld();
  });

  it("answers a goal chart in one GraphQL query: each goal's slots with value and status per period", async function () {
    const expected = await exporterFiles(w.client, w.addresses);
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
          w.indexer,
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
    const expected = await exporterFiles(w.client, w.addresses);
    const examples = graphqlExamples(readIndexerReadme());
    expect(examples.length).to.be.at.least(8);
    const first = (table: string, column: string) => cellText(rowsOf(expected, table)[0]?.[column]).toLowerCase();
    // The README's placeholders, filled with an address of the story that has rows for that query.
    const fill: Record<string, string> = {
      pool: first("pools", "pool"),
      contract: first("escrows", "escrow"),
      account: first("deposits", "account"),
    };
    const disputer = first("bonds", "account");
    // The classes' examples name the story's classed pool (chapter 6e).
    const classedPool = first("pool_classes", "pool");
    for (const example of examples) {
      const query = example.replace(/(\w+): "0x…"/g, (_, key: string) => {
        const address =
          key === "account" && example.includes("bonds(")
            ? disputer
            : key === "pool" && isClassExample(example)
              ? classedPool
              : fill[key];
        if (address === undefined) throw new Error(`README example: no address for ${key}`);
        return `${key}: "${address}"`;
      });
      const data = JSON.stringify(await gql(w.indexer, query));
      expect(data, query).to.match(/"items":\[\{/);
    }
  });

  it("answers SQL over HTTP: the event table holds every log the exporter read", async function () {
    const result = await exportOpenData(w.client, w.addresses, { fromBlock: 0n, chunkSize: 5000n, timestamps: false });
    const res = await fetch(sqlUrl(w.indexer.url, 'select count(*)::int as n from "event"'));
    const text = await res.text();
    expect(res.status, text).to.equal(200);
    const body = z.object({ rows: z.array(z.object({ n: z.number() })) }).parse(JSON.parse(text));
    expect(body.rows[0]?.n).to.equal(result.manifest.logCount);
  });

  it("answers every SQL example of indexer/README.md over HTTP, each with rows", async function () {
    const examples = sqlExamples(readIndexerReadme());
    expect(examples.length).to.be.at.least(2);
    for (const sql of examples) {
      const res = await fetch(sqlUrl(w.indexer.url, sql));
      const text = await res.text();
      expect(res.status, `${sql}\n${text}`).to.equal(200);
      const body = z.object({ rows: z.array(z.record(z.string(), z.unknown())) }).parse(JSON.parse(text));
      expect(body.rows.length, sql).to.be.greaterThan(0);
    }
  });

  it("answers every curl example and every path of the API table of indexer/README.md", async function () {
    const expected = await exporterFiles(w.client, w.addresses);
    const readme = readIndexerReadme();
    const escrows = rowsOf(expected, "escrows");
    const missionId = cellText(escrows[0]?.missionId);
    // An account with a position (a scheduled escrow's funders have none: its own tables hold them).
    const funder = rowsOf(expected, "deposits").find((d) => d.contractKind !== "scheduledEscrow");
    const values = { id: missionId, address: cellText(funder?.account), table: "escrows" };
    const examples = [...restExamples(readme), ...apiPaths(readme)];
    expect(restExamples(readme).length).to.be.at.least(3);
    expect(examples).to.include.members(["/missions/<id>", "/accounts/<address>", "/open-data/<table>.csv"]);
    for (const example of examples) {
      // `/sql/*` is the SQL endpoint: one of the README's statements stands for it.
      const url =
        example === "/sql/*"
          ? sqlUrl(w.indexer.url, sqlExamples(readme)[0] ?? "")
          : `${w.indexer.url}${fillPath(example, values)}`;
      const res = await fetch(url);
      const text = await res.text();
      expect(res.status, `${example}: ${text.slice(0, 500)}`).to.equal(200);
      const path = fillPath(example.replace("*", "db"), values);
      if (path === "/open-data") {
        expect(z.array(z.string()).parse(JSON.parse(text))).to.include("escrows.json");
      } else if (path === "/metrics") {
        expect(text).to.match(/^ponder_/m);
      } else if (path === "/status") {
        expect(z.record(z.string(), z.unknown()).parse(JSON.parse(text))).to.have.property("localhost");
      } else if (path.startsWith("/missions/")) {
        const body = z
          .object({ mission: z.object({ missionId: z.string() }), escrows: z.array(z.object({ address: z.string() })) })
          .parse(JSON.parse(text));
        expect(body.mission.missionId).to.equal(missionId);
        expect(body.escrows.length).to.equal(escrows.filter((e) => cellText(e.missionId) === missionId).length);
      } else if (path.startsWith("/accounts/")) {
        const body = z.object({ positions: z.array(z.object({ contract: z.string() })) }).parse(JSON.parse(text));
        expect(body.positions.length, path).to.be.greaterThan(0);
      } else if (path.startsWith("/open-data/") && expected.has(path.slice("/open-data/".length))) {
        expect(text, path).to.equal(expected.get(path.slice("/open-data/".length)));
      }
    }
  });

  it("reports an account's positions with what it can still claim, equal to the contracts' views", async function () {
    const expected = await exporterFiles(w.client, w.addresses);
    const accounts = new Set<Address>();
    // Positions are kept for outcome escrows and pools (a scheduled escrow's funders and beneficiaries: its tables).
    for (const r of rowsOf(expected, "deposits")) {
      if (r.contractKind !== "scheduledEscrow") accounts.add(getAddress(String(r.account)));
    }
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
      const res = await fetch(`${w.indexer.url}/accounts/${account}`);
      const body = z.object({ positions: z.array(positionSchema) }).parse(await res.json());
      expect(body.positions.length, account).to.be.greaterThan(0);
      for (const p of body.positions) {
        const address = getAddress(p.contract);
        const read = (functionName: "claimable" | "refundable" | "previewRefund" | "balanceOf", arg: Address) =>
          w.client.readContract({ address, abi: views, functionName, args: [arg] });
        if (p.contractKind === "escrow") {
          expect([p.claimable, p.refundable]).to.deep.equal([
            String(await read("claimable", account)),
            String(await read("refundable", account)),
          ]);
        } else {
          const shares = await read("balanceOf", account);
          const redeem = await w.client.readContract({
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
});
