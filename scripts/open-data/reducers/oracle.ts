/** MetricOracle events → committees, reports, metric_values (slots), disputes, bonds. */
import { getAddress } from "viem";
import type { Decoded } from "../decode.js";
import { slotKey, type SlotRow, type State } from "../state.js";
import {
  bondRow,
  committeeRow,
  disputeResolution,
  disputeRow,
  reportRow,
  unresolvedDisputeOutcome,
  unresolvedReason,
} from "./shared.js";

export function reduceOracle(state: State, { event: e, meta: m }: Decoded<"oracle">): void {
  /** Sets fields of the slot an event is about (created, Collecting, on its first event). */
  const slot = (a: { missionId: bigint; goalId: number; period: number }, fields: Partial<SlotRow> = {}): SlotRow =>
    Object.assign(state.slot(a.missionId, a.goalId, a.period), fields);
  switch (e.eventName) {
    case "CommitteeSet":
      state.committees.push({ ...committeeRow(e.args), ...m });
      return;
    case "ReportSubmitted": {
      const a = e.args;
      state.reports.push({ ...reportRow(a), ...m });
      slot(a).reportCount += 1;
      return;
    }
    case "ReportWithdrawn": {
      const a = e.args;
      const reporter = getAddress(a.reporter);
      const report = state.reports.find(
        (r) =>
          r.missionId === a.missionId &&
          r.goalId === a.goalId &&
          r.period === a.period &&
          r.reporter === reporter &&
          !r.withdrawn,
      );
      if (report !== undefined) report.withdrawn = true;
      slot(a).reportCount -= 1;
      return;
    }
    case "ValueProposed": {
      const a = e.args;
      slot(a, {
        status: "Proposed",
        proposedValue: a.value,
        challengeEnd: a.challengeEnd,
        committeeVersion: a.version,
      });
      return;
    }
    case "ValueDisputed": {
      const a = e.args;
      slot(a, { status: "Disputed", disputed: true });
      const dispute = disputeRow(a);
      state.disputes.set(slotKey(a.missionId, a.goalId, a.period), { ...dispute, ...m });
      state.bonds.push({ ...bondRow("posted", dispute.bondToken, dispute.disputer, dispute.bond), ...m });
      return;
    }
    case "DisputeResolved": {
      const a = e.args;
      const dispute = state.disputes.get(slotKey(a.missionId, a.goalId, a.period));
      if (dispute !== undefined) Object.assign(dispute, disputeResolution(a));
      return;
    }
    case "ValueFinalized":
      slot(e.args, { status: "Final", finalValue: e.args.value, finalizedAt: e.args.finalizedAt });
      return;
    case "SlotUnresolved": {
      const a = e.args;
      slot(a, { status: "Unresolved", unresolvedReason: unresolvedReason(a.reason) });
      const dispute = state.disputes.get(slotKey(a.missionId, a.goalId, a.period));
      if (dispute?.outcome === "pending") dispute.outcome = unresolvedDisputeOutcome(a.reason);
      return;
    }
    case "BondCredited":
    case "BondWithdrawn": {
      const a = e.args;
      const kind = e.eventName === "BondCredited" ? "credited" : "withdrawn";
      state.bonds.push({ ...bondRow(kind, a.token, a.account, a.amount), ...m });
      return;
    }
  }
}
