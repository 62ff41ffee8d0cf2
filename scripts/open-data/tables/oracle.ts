/** MetricOracle tables: committees, reports, metric values (slots), disputes, bonds. */
import { EVENT_COLUMNS, iso, tokens, type TableSpec } from "./columns.js";

export const ORACLE_TABLES = {
  committees: {
    about: "One row per committee version (CommitteeSet).",
    columns: [
      ["missionId", "Mission id"],
      ["version", "Committee version (from 1)"],
      ["members", "Member addresses, separated by |"],
      ["size", "Number of members n"],
      ["quorum", "Quorum k"],
      ["challengeWindow", "Seconds a proposed value can be disputed"],
      ["bondToken", "ERC-20 of the dispute bond"],
      ["bondAmount", "Dispute bond (token base units)"],
      tokens("bondAmount"),
      ["arbiter", "Who resolves disputes"],
      ["adapter", "Adapter allowed to report for members (zero address for none)"],
      ...EVENT_COLUMNS,
    ],
  },
  reports: {
    about: "One row per metric report (ReportSubmitted); withdrawn when the adapter later withdrew it.",
    columns: [
      ["missionId", "Mission id"],
      ["goalId", "Goal id"],
      ["period", "Period (from 1)"],
      ["reporter", "Committee member the report counts for"],
      ["value", "Reported value (scaled integer, the goal's decimals)"],
      ["evidenceHash", "Hash of the evidence behind the value"],
      ["via", "Who sent it in: the member, a relayer (signed report) or the adapter"],
      ["withdrawn", "true when ReportWithdrawn followed"],
      ...EVENT_COLUMNS,
    ],
  },
  metric_values: {
    about:
      "One row per (mission, goal, period) slot that received a report: proposal, dispute, final value. " +
      "status is as of the last event: a Collecting slot past its reporting deadline reads Unresolved on chain " +
      "even when nobody called markUnresolved.",
    columns: [
      ["missionId", "Mission id"],
      ["goalId", "Goal id"],
      ["period", "Period"],
      ["status", "Collecting, Proposed, Disputed, Final or Unresolved"],
      ["committeeVersion", "Committee version the slot is bound to (from ValueProposed)"],
      ["reportCount", "Reports submitted and not withdrawn"],
      ["proposedValue", "Median of the quorum's values"],
      ["challengeEnd", "End of the challenge window"],
      iso("challengeEnd"),
      ["disputed", "Whether the value was disputed"],
      ["finalValue", "Final value (empty unless Final)"],
      ["finalizedAt", "When it became final"],
      iso("finalizedAt"),
      ["unresolvedReason", "NoQuorum, ArbiterInvalid or ArbitrationExpired"],
    ],
  },
  disputes: {
    about: "One row per dispute (ValueDisputed) and how it ended.",
    columns: [
      ["missionId", "Mission id"],
      ["goalId", "Goal id"],
      ["period", "Period"],
      ["disputer", "Who disputed"],
      ["bondToken", "Bond token"],
      ["bond", "Bond credited"],
      tokens("bond"),
      ["outcome", "pending, resolved, invalid or expired"],
      ["arbiter", "Arbiter that resolved"],
      ["resolvedValue", "Value set by the arbiter"],
      ["disputerWon", "Whether the arbiter's value differs from the proposed one"],
      ...EVENT_COLUMNS,
    ],
  },
  bonds: {
    about:
      "Bond bookkeeping of the oracle: posted (ValueDisputed), credited (BondCredited), withdrawn (BondWithdrawn).",
    columns: [
      ["token", "Bond token"],
      ["account", "Disputer, or account credited / withdrawing"],
      ["kind", "posted, credited or withdrawn"],
      ["amount", "Amount (token base units)"],
      tokens("amount"),
      ...EVENT_COLUMNS,
    ],
  },
} as const satisfies Record<string, TableSpec>;
