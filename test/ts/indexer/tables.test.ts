import { expect } from "chai";
import { getAddress } from "viem";
import { z } from "zod";
import { expectTypedTablesEqual } from "./typed-tables.js";
import { cellText, exporterFiles, gql, indexerWorld, rowsOf, type World } from "./world.js";

describe("indexer end to end: dashboard and typed tables equal to the exporter's rows, to the wei", function () {
  this.timeout(600_000);
  let w: World;

  before(async function () {
    w = await indexerWorld();
  });

  it("keeps dashboard tables equal to the exporter's numbers to the wei (escrows, pools, money rows, missions)", async function () {
    const expected = await exporterFiles(w.client, w.addresses);
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
          w.indexer,
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
    // Per mission: funded = Σ deposits into its escrows (outcome and scheduled), paid / refunded = Σ claims /
    // refunds, pending = the rest.
    const escrowMission = new Map(
      [...exportedEscrows, ...rowsOf(expected, "scheduled_escrows")].map((e) => [
        String(e.escrow),
        String(e.missionId),
      ]),
    );
    for (const m of rowsOf(expected, "missions")) {
      const id = String(m.missionId);
      const of = (rows: Record<string, unknown>[], kind: string) =>
        rows
          .filter((r) => r.contractKind !== "pool" && r.kind === kind && escrowMission.get(String(r.contract)) === id)
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

  it("keeps every exporter table as a typed table with the same rows (every exact column), and its tokens", async function () {
    await expectTypedTablesEqual(w, w.indexer);
  });
});
