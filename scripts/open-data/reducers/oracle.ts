/** MetricOracle events → committees, reports, metric_values (slots), disputes, bonds. */
import { getAddress } from "viem";
import type { Decoded } from "../decode.js";
import { slotKey, type SlotRow, type State } from "../state.js";
import { reportRow, unresolvedReason } from "./shared.js";

export function reduceOracle(state: State, { event: e, meta: m }: Decoded<"oracle">): void {
  /** Sets fields of the slot an event is about (created, Collecting, on its first event). */
  const slot = (a: { missionId: bigint; goalId: number; period: number }, fields: Partial<SlotRow> = {}): SlotRow =>
    Object.assign(state.slot(a.missionId, a.goalId, a.period), fields);
  switch (e.eventName) {
    case "CommitteeSet": {
      const a = e.args;
      const members = a.members.map((x) => getAddress(x));
      state.committees.push({
        missionId: a.missionId,
        version: a.version,
        members: members.join("|"),
        size: members.length,
        quorum: a.quorum,
        challengeWindow: a.challengeWindow,
        bondToken: getAddress(a.bondToken),
        bondAmount: a.bondAmount,
        arbiter: getAddress(a.arbiter),
        adapter: getAddress(a.adapter),
        ...m,
      });
      return;
    }
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
      const disputer = getAddress(a.disputer);
      const bondToken = getAddress(a.bondToken);
      state.disputes.set(slotKey(a.missionId, a.goalId, a.period), {
        missionId: a.missionId,
        goalId: a.goalId,
        period: a.period,
        disputer,
        bondToken,
        bond: a.bond,
        outcome: "pending",
        arbiter: null,
        resolvedValue: null,
        disputerWon: null,
        ...m,
      });
      state.bonds.push({ token: bondToken, account: disputer, kind: "posted", amount: a.bond, ...m });
      return;
    }
    case "DisputeResolved": {
      const a = e.args;
      const dispute = state.disputes.get(slotKey(a.missionId, a.goalId, a.period));
      if (dispute !== undefined) {
        dispute.outcome = "resolved";
        dispute.arbiter = getAddress(a.arbiter);
        dispute.resolvedValue = a.value;
        dispute.disputerWon = a.disputerWon;
      }
      return;
    }
    case "ValueFinalized":
      slot(e.args, { status: "Final", finalValue: e.args.value, finalizedAt: e.args.finalizedAt });
      return;
    case "SlotUnresolved": {
      const a = e.args;
      slot(a, { status: "Unresolved", unresolvedReason: unresolvedReason(a.reason) });
      const dispute = state.disputes.get(slotKey(a.missionId, a.goalId, a.period));
      if (dispute?.outcome === "pending") dispute.outcome = a.reason === 1 ? "invalid" : "expired";
      return;
    }
    case "BondCredited":
    case "BondWithdrawn": {
      const a = e.args;
      const kind = e.eventName === "BondCredited" ? "credited" : "withdrawn";
      state.bonds.push({ token: getAddress(a.token), account: getAddress(a.account), kind, amount: a.amount, ...m });
      return;
    }
  }
}
