import { readFileSync } from "node:fs";
import { expect } from "chai";
import { formatUnits } from "ethers";
import { toEscrowSchedule } from "../../../scripts/formats/escrow-terms.js";
import { readEscrowTerms } from "../../../scripts/formats/escrow-terms-file.js";
import { buildPoolSchedule } from "../../../scripts/formats/pool-terms.js";
import { scheduleOf, type ScheduleStruct } from "../../../scripts/formats/schedule-terms.js";
import {
  newLedger,
  settlePoint,
  slotKey,
  type PointPreview,
  type SlotResult,
} from "../../../scripts/outcomes/schedule-preview.js";

/**
 * The worked examples of schemas/README.md ("Payment schedules"), recomputed: each `<!-- worked-example: <source>
 * tiers=<commitments> -->` marker names a terms file in examples/ (or `inline`: the ```json schedule block that
 * follows, with the slots of mission 1) and the payer tiers' commitments in whole tokens; the table after it gives
 * each point's slot results (`goal/period = value`) and what it pays. Every figure is recomputed with
 * `settlePoint` (the mirror of the library) on 18-decimal tokens, so the document cannot drift from the model.
 */
const MARKER = /<!-- worked-example: (\S+) tiers=([0-9,]+) -->/g;
const DECIMALS = 18;

/** A figure as the README writes it: whole tokens with thousands separators, every decimal kept. */
function tokens(amount: bigint): string {
  const [whole = "0", fraction] = formatUnits(amount, DECIMALS).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined || fraction === "0" ? grouped : `${grouped}.${fraction}`;
}
const list = (amounts: bigint[]): string => (amounts.length === 0 ? "—" : amounts.map(tokens).join("; "));

/** The schedule a marker names, and the mission its slots are in. */
function scheduleOfSource(source: string, after: string): { schedule: ScheduleStruct; missionId: bigint } {
  if (source === "inline") {
    const block = /^\s*```json\n([\s\S]*?)```/.exec(after)?.[1];
    if (block === undefined) throw new Error("an inline worked example must be followed by a ```json block");
    return { schedule: scheduleOf(JSON.parse(block), { decimals: DECIMALS, now: 0n, missionId: 1n }), missionId: 1n };
  }
  const doc = JSON.parse(readFileSync(source, "utf8")) as { missionId?: string };
  if (source.startsWith("examples/escrows/")) {
    const schedule = toEscrowSchedule(readEscrowTerms(source), 0n, DECIMALS, source);
    return { schedule, missionId: BigInt(doc.missionId ?? "0") };
  }
  const schedule = buildPoolSchedule(doc, { now: 0n, decimals: DECIMALS });
  return { schedule, missionId: schedule.points[0]!.terms[0]!.missionId };
}

/** The rows of the first table in `text`: cells trimmed, header and separator dropped. */
function tableRows(text: string): string[][] {
  const start = text.indexOf("\n|");
  const lines = text.slice(start + 1).split("\n");
  const end = lines.findIndex((line) => !line.startsWith("|"));
  return lines.slice(2, end).map((line) =>
    line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
}

/** `goal/period = value; …` → slot results of `missionId`. */
function resultsOf(cell: string, missionId: bigint): Map<string, SlotResult> {
  const map = new Map<string, SlotResult>();
  for (const part of cell.split(";")) {
    const m = /^\s*(\d+)\/(\d+) = (\d+)\s*$/.exec(part);
    if (m === null) throw new Error(`a results cell reads "goal/period = value; …", not "${cell}"`);
    map.set(slotKey(missionId, Number(m[1]), Number(m[2])), { status: "final", value: BigInt(m[3]!) });
  }
  return map;
}

const triggerText = (p: PointPreview, hasConditions: boolean): string =>
  !hasConditions ? "—" : p.triggerHeld ? "held" : "failed";

describe("schemas/README.md: the payment-schedule worked examples are the mirror's figures", () => {
  const readme = readFileSync("schemas/README.md", "utf8");
  const markers = [...readme.matchAll(MARKER)];

  it("has a worked example for each schedule example and the inline over-achievement one", () => {
    expect(markers.map((m) => m[1])).to.have.members([
      "examples/escrows/rate-card-escrow.json",
      "examples/escrows/cohort-bond-escrow.json",
      "examples/pools/yearly-outcomes-pool.json",
      "inline",
    ]);
  });

  for (const marker of markers) {
    it(`${marker[1]}: every point's figures and the refunds`, () => {
      const after = readme.slice((marker.index ?? 0) + marker[0].length);
      const { schedule, missionId } = scheduleOfSource(marker[1]!, after);
      const commitments = marker[2]!.split(",").map((t) => BigInt(t) * 10n ** BigInt(DECIMALS));
      const funds = commitments.reduce((a, b) => a + b, 0n);
      let ledger = newLedger(commitments);
      const rows = tableRows(after);
      expect(rows.length, "one row per point and a refund row").to.equal(schedule.points.length + 1);
      rows.slice(0, -1).forEach(([point, results, trigger, terms, pays, cap, tiers], i) => {
        expect(point, "points in order").to.equal(String(i));
        const step = settlePoint(schedule, ledger, i, resultsOf(results ?? "", missionId), funds);
        ledger = step.ledger;
        const p = step.preview;
        const computed = [
          triggerText(p, schedule.points[i]!.trigger.conditions.length > 0),
          list(p.terms.map((t) => t.paid)),
          tokens(p.amount),
          p.capHit,
          list(p.parts),
        ];
        expect([trigger, terms, pays, cap, tiers], `point ${i}`).to.deep.equal(computed);
      });
      const [label, , , , refund, , tierRefunds] = rows[rows.length - 1]!;
      expect(label).to.equal("refund");
      expect([refund, tierRefunds]).to.deep.equal([
        tokens(funds - ledger.totalPaid),
        list(commitments.map((c, t) => c - (ledger.tierPaid[t] ?? 0n))),
      ]);
    });
  }
});
