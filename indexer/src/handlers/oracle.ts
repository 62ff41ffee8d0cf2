/**
 * MetricOracle: every event recorded; committees, reports, metric slots, disputes and bonds (the exporter's
 * `committees`, `reports`, `metric_values`, `disputes`, `bonds`) kept for dashboards, each row built by the
 * exporter's own builders (`committeeRow`, `reportRow`, `newSlot`, `disputeRow`, `bondRow` …).
 */
import { ponder } from "ponder:registry";
import { bond, committee, dispute, metricValue, mission, report } from "ponder:schema";
import { and, asc, eq } from "ponder";
import { getAddress } from "viem";
import {
  bondRow,
  committeeRow,
  disputeResolution,
  disputeRow,
  newSlot,
  reportRow,
  unresolvedDisputeOutcome,
  unresolvedReason,
} from "../../../scripts/open-data/reducers/shared.js";
import { ensureToken, logColumns, meta, record, type Ctx } from "./shared.js";

type SlotKey = { missionId: bigint; goalId: number; period: number };
type SlotRow = typeof metricValue.$inferInsert;

/** Applies `change` to a metric slot, creating it (Collecting, no report) on its first event — as the exporter does. */
async function slot(context: Ctx, key: SlotKey, change: (row: SlotRow) => Partial<SlotRow>): Promise<void> {
  const fresh: SlotRow = newSlot({ missionId: key.missionId, goalId: key.goalId, period: key.period });
  await context.db
    .insert(metricValue)
    .values({ ...fresh, ...change(fresh) })
    .onConflictDoUpdate((row) => change(row));
}

export function registerOracleHandlers(): void {
  ponder.on("MetricOracle:ReportSubmitted", async ({ event, context }) => {
    await record(event, context, "MetricOracle:ReportSubmitted");
    const a = event.args;
    await context.db.insert(report).values({ ...meta(event), ...reportRow(a) });
    await slot(context, a, (s) => ({ reportCount: (s.reportCount ?? 0) + 1 }));
    await context.db.update(mission, { missionId: a.missionId }).set((m) => ({ reportCount: m.reportCount + 1 }));
  });
  ponder.on("MetricOracle:ReportWithdrawn", async ({ event, context }) => {
    await record(event, context, "MetricOracle:ReportWithdrawn");
    const a = event.args;
    // The member's report on the slot that is not yet withdrawn (one at a time: a member reports once per slot).
    const [open] = await context.db.sql
      .select({ id: report.id })
      .from(report)
      .where(
        and(
          eq(report.missionId, a.missionId),
          eq(report.goalId, a.goalId),
          eq(report.period, a.period),
          eq(report.reporter, getAddress(a.reporter)),
          eq(report.withdrawn, false),
        ),
      )
      .orderBy(asc(report.blockNumber), asc(report.logIndex))
      .limit(1);
    if (open !== undefined) await context.db.update(report, { id: open.id }).set({ withdrawn: true });
    await slot(context, a, (s) => ({ reportCount: (s.reportCount ?? 0) - 1 }));
    await context.db.update(mission, { missionId: a.missionId }).set((m) => ({ reportCount: m.reportCount - 1 }));
  });
  ponder.on("MetricOracle:ValueProposed", async ({ event, context }) => {
    await record(event, context, "MetricOracle:ValueProposed");
    const a = event.args;
    await slot(context, a, () => ({
      status: "Proposed",
      proposedValue: a.value,
      challengeEnd: BigInt(a.challengeEnd),
      committeeVersion: a.version,
    }));
  });
  ponder.on("MetricOracle:ValueDisputed", async ({ event, context }) => {
    await record(event, context, "MetricOracle:ValueDisputed");
    await slot(context, event.args, () => ({ status: "Disputed", disputed: true }));
    // One dispute per slot (the exporter keys them by slot): a later one replaces the row.
    const row = { ...disputeRow(event.args), ...logColumns(event) };
    await context.db
      .insert(dispute)
      .values(row)
      .onConflictDoUpdate(() => row);
    await context.db
      .insert(bond)
      .values({ ...meta(event), ...bondRow("posted", row.bondToken, row.disputer, row.bond) });
    await ensureToken(context, row.bondToken);
  });
  ponder.on("MetricOracle:DisputeResolved", async ({ event, context }) => {
    await record(event, context, "MetricOracle:DisputeResolved");
    const key = { missionId: event.args.missionId, goalId: event.args.goalId, period: event.args.period };
    if ((await context.db.find(dispute, key)) !== null) {
      await context.db.update(dispute, key).set(disputeResolution(event.args));
    }
  });
  ponder.on("MetricOracle:ValueFinalized", async ({ event, context }) => {
    await record(event, context, "MetricOracle:ValueFinalized");
    const a = event.args;
    await slot(context, a, () => ({ status: "Final", finalValue: a.value, finalizedAt: BigInt(a.finalizedAt) }));
  });
  ponder.on("MetricOracle:SlotUnresolved", async ({ event, context }) => {
    await record(event, context, "MetricOracle:SlotUnresolved");
    const a = event.args;
    await slot(context, a, () => ({ status: "Unresolved", unresolvedReason: unresolvedReason(a.reason) }));
    const key = { missionId: a.missionId, goalId: a.goalId, period: a.period };
    if ((await context.db.find(dispute, key))?.outcome === "pending") {
      await context.db.update(dispute, key).set({ outcome: unresolvedDisputeOutcome(a.reason) });
    }
  });
  ponder.on("MetricOracle:CommitteeSet", async ({ event, context }) => {
    await record(event, context, "MetricOracle:CommitteeSet");
    await context.db.insert(committee).values({ ...committeeRow(event.args), ...logColumns(event) });
    await ensureToken(context, event.args.bondToken);
  });
  ponder.on("MetricOracle:BondCredited", async ({ event, context }) => {
    await record(event, context, "MetricOracle:BondCredited");
    const a = event.args;
    await context.db.insert(bond).values({ ...meta(event), ...bondRow("credited", a.token, a.account, a.amount) });
    await ensureToken(context, a.token);
  });
  ponder.on("MetricOracle:BondWithdrawn", async ({ event, context }) => {
    await record(event, context, "MetricOracle:BondWithdrawn");
    const a = event.args;
    await context.db.insert(bond).values({ ...meta(event), ...bondRow("withdrawn", a.token, a.account, a.amount) });
    await ensureToken(context, a.token);
  });
  // Events kept in the `event` table only.
  ponder.on("MetricOracle:BatchEntrySkipped", async ({ event, context }) =>
    record(event, context, "MetricOracle:BatchEntrySkipped"),
  );
  ponder.on("MetricOracle:NoncesInvalidated", async ({ event, context }) =>
    record(event, context, "MetricOracle:NoncesInvalidated"),
  );
  ponder.on("MetricOracle:EIP712DomainChanged", async ({ event, context }) =>
    record(event, context, "MetricOracle:EIP712DomainChanged"),
  );
}
