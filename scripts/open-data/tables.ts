/**
 * The open-data tables: their columns (in CSV order) with a one-line description each. `docs/open-data.md` mirrors
 * this list (a test keeps them in sync); the reducers in `reducers/` fill the rows.
 *
 * Exact values stay as they are (token base units, unix seconds); for a spreadsheet every amount has a human column
 * `<column>_tokens` (whole tokens, exact, with the token's decimals) and every unix time a column `<column>_iso`
 * (ISO-8601 UTC), right after it. The reducers fill only the exact columns: `writeOpenData` derives the human ones
 * (`humanRow`), the token of each table's amounts named by `TOKEN_OF`.
 */
import { isoTime, tokenText } from "../core/units.js";

export type Cell = string | number | boolean | bigint | null;
export type Row = Record<string, Cell>;

/** The human column of a unix time `column`: the same instant as an ISO-8601 UTC time. */
const iso = (column: string): [string, string] => [`${column}_iso`, `\`${column}\` as an ISO-8601 UTC time`];
/** The human column of a token amount `column`: whole tokens, exact, with the token's decimals. */
const tokens = (column: string): [string, string] => [
  `${column}_tokens`,
  `\`${column}\` in whole tokens (exact, the token's decimals; empty when unknown)`,
];

/** Columns shared by every row that comes from one event. */
const EVENT_COLUMNS: [string, string][] = [
  ["blockNumber", "Block of the event"],
  ["timestamp", "Block timestamp (unix seconds)"],
  iso("timestamp"),
  ["txHash", "Transaction hash"],
  ["logIndex", "Index of the log in its block"],
];

/** Columns of one outcome term (escrow terms and pool baskets share the `OutcomeLib.OutcomeTerm` shape). */
const OUTCOME_TERM_COLUMNS: [string, string][] = [
  ["termIndex", "Index of the term"],
  ["missionId", "Mission of the slot"],
  ["goalId", "Goal of the slot"],
  ["period", "Period of the slot"],
  ["weightWad", "Weight in the composite (1e18 = 100 %)"],
  ["curveKind", "binary, linear, thresholdLinear or stepped"],
  ["lowerIsBetter", "Whether the metric must fall"],
  ["baseline", "Curve baseline"],
  ["target", "Curve target"],
  ["threshold", "Curve threshold"],
  ["capWad", "Cap of a thresholdLinear curve"],
  ["steps", "Stepped curve: value:ratioWad pairs, separated by |"],
];

/** Every table: its columns (in CSV order) with a one-line description. `docs/open-data.md` mirrors this. */
export const TABLES = {
  missions: {
    about: "One row per mission (MissionCreated), with its latest status, steward and counters.",
    columns: [
      ["missionId", "Mission id (from 1)"],
      ["hashtag", "Normalised hashtag (lower case, without #)"],
      ["steward", "Current steward (after any StewardTransferred)"],
      ["status", "Latest status: Draft, Active or Concluded"],
      ["metadataURI", "URI of the goal document of version 1"],
      ["contentHash", "keccak256 of the canonical JSON of the version-1 document"],
      ["versionCount", "Goal versions added"],
      ["goalCount", "Goals over all versions"],
      ["participantCount", "Distinct accounts that joined"],
      ["pledgeCount", "Pledges made"],
      ["endorsementCount", "Endorsements made"],
      ["createdBlock", "Block of MissionCreated"],
      ["createdAt", "Timestamp of MissionCreated"],
      iso("createdAt"),
    ],
  },
  goals: {
    about: "One row per goal (from GoalVersionAdded); goal ids are mission-wide and never reused.",
    columns: [
      ["missionId", "Mission id"],
      ["goalId", "Mission-wide goal id"],
      ["version", "Goal version the goal belongs to"],
      ["metricKey", "Metric key of the goal document (bytes32 text)"],
      ["decimals", "Decimals of baseline, target and reported values"],
      ["baseline", "Baseline value (scaled integer)"],
      ["target", "Target value (scaled integer)"],
      ["direction", "increase when target > baseline, else decrease"],
      ["firstPeriodEnd", "End of period 1 (unix seconds)"],
      iso("firstPeriodEnd"),
      ["periodLength", "Seconds between period ends"],
      ["periodCount", "Number of reporting periods"],
      ["reportingWindow", "Seconds after a period end during which reports are accepted"],
      ["versionURI", "Metadata URI of the version's document"],
      ["versionContentHash", "Content hash of the version's document"],
      ["blockNumber", "Block of GoalVersionAdded"],
    ],
  },
  participants: {
    about: "One row per (mission, account) that joined, with role mask and counters.",
    columns: [
      ["missionId", "Mission id"],
      ["account", "Participant address"],
      ["roles", "Role bit mask (funder 1, provider 2, evaluator 4, investor 8, supporter 16)"],
      ["roleNames", "Roles as names, separated by |"],
      ["joinedBlock", "Block of the first ParticipantJoined"],
      ["pledgeCount", "Pledges by the participant"],
      ["endorsementsReceived", "Endorsements received"],
      ["endorsementsGiven", "Endorsements given"],
    ],
  },
  pledges: {
    about: "One row per Pledged event.",
    columns: [
      ["missionId", "Mission id"],
      ["account", "Who pledged"],
      ["pledgeIndex", "0-based index among the account's pledges"],
      ["uri", "Where the pledge is described"],
      ["contentHash", "Hash of the pledge text"],
      ...EVENT_COLUMNS,
    ],
  },
  endorsements: {
    about: "One row per Endorsed event.",
    columns: [
      ["missionId", "Mission id"],
      ["endorser", "Who endorsed"],
      ["participant", "Whose contribution was endorsed"],
      ["contributionHash", "Hash identifying the contribution"],
      ...EVENT_COLUMNS,
    ],
  },
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
  escrows: {
    about: "One row per outcome escrow created by the factory (EscrowCreated), with running totals from its events.",
    columns: [
      ["escrow", "Escrow (clone) address"],
      ["missionId", "Mission id"],
      ["index", "Index among the mission's escrows"],
      ["creator", "Who created it"],
      ["token", "Deposit token"],
      ["goalVersion", "Pinned goal version"],
      ["fundingDeadline", "Last second deposits are accepted"],
      iso("fundingDeadline"),
      ["minFunding", "Below this total at settlement everything is refunded"],
      tokens("minFunding"),
      ["settlementDeadline", "Deadline for final data"],
      iso("settlementDeadline"),
      ["gracePeriod", "Seconds after the settlement deadline before NoData"],
      ["outcomeCount", "Outcome terms (rows in escrow_outcomes)"],
      ["beneficiaryCount", "Beneficiaries (rows in escrow_beneficiaries)"],
      ["depositCount", "Deposited events"],
      ["totalDeposited", "Σ credited deposits"],
      tokens("totalDeposited"),
      ["status", "Open, Achieved or Refunding"],
      ["settleReason", "Achieved, NoData or Underfunded"],
      ["compositeWad", "Composite achievement (1e18 = 100 %)"],
      ["beneficiaryPot", "Pot for beneficiaries at settlement"],
      tokens("beneficiaryPot"),
      ["refundPot", "Pot for funders at settlement"],
      tokens("refundPot"),
      ["totalClaimed", "Σ Claimed"],
      tokens("totalClaimed"),
      ["totalRefunded", "Σ Refunded"],
      tokens("totalRefunded"),
      ["balance", "totalDeposited − totalClaimed − totalRefunded: what the escrow still holds of credited funds"],
      tokens("balance"),
      ["createdBlock", "Block of EscrowCreated"],
    ],
  },
  escrow_outcomes: {
    about: "The outcome terms of each escrow, one row per term.",
    columns: [["escrow", "Escrow address"], ...OUTCOME_TERM_COLUMNS],
  },
  escrow_beneficiaries: {
    about: "Beneficiaries of each escrow and their weights.",
    columns: [
      ["escrow", "Escrow address"],
      ["account", "Beneficiary"],
      ["weight", "Share weight"],
    ],
  },
  pools: {
    about:
      "One row per impact pool created by the pool factory (PoolCreated): its terms, and running totals from its " +
      "events. phase is as of the last event: a Raising pool past its raise deadline below target reads " +
      "RaiseFailed on chain even without an event.",
    columns: [
      ["pool", "Pool (clone) address; also the address of its share token"],
      ["poolIndex", "Index among the factory's pools"],
      ["creator", "Who created it"],
      ["name", "Share token name"],
      ["symbol", "Share token symbol"],
      ["token", "Capital and outcome-fund token"],
      ["capitalTarget", "Capital to raise (the raise succeeds only when fully met)"],
      tokens("capitalTarget"),
      ["raiseDeadline", "Last second investments are accepted"],
      iso("raiseDeadline"),
      ["fundCap", "Most the outcome payers may commit"],
      tokens("fundCap"),
      ["settlementDeadline", "Earliest settlement time"],
      iso("settlementDeadline"),
      ["gracePeriod", "Seconds after the settlement deadline before silence counts as no data"],
      ["repaymentThresholdWad", "Repayment curve: composite below which investors get only the unspent capital"],
      ["repaymentPrincipalAtWad", "Repayment curve: composite at which the disbursed principal is repaid"],
      ["repaymentMaxReturnWad", "Repayment curve: return on disbursed capital at full achievement (1e18 = 100 %)"],
      ["providerCount", "Distinct providers of the schedule"],
      ["trancheCount", "Tranches (rows in pool_tranches)"],
      ["outcomeCount", "Basket terms (rows in pool_outcomes)"],
      ["phase", "Raising, Funded or Settled (as of the last event)"],
      ["totalInvested", "Σ Invested (capital in, = shares minted)"],
      tokens("totalInvested"),
      ["totalWithdrawn", "Σ Withdrawn after a failed raise"],
      tokens("totalWithdrawn"),
      ["totalCommitted", "Σ Committed to the outcome fund"],
      tokens("totalCommitted"),
      ["totalDisbursed", "Σ Disbursed to providers"],
      tokens("totalDisbursed"),
      ["resolution", "Achieved or NoData (at settlement)"],
      ["compositeWad", "Composite achievement of the basket (1e18 = 100 %)"],
      ["multipleWad", "Repayment multiple of disbursed capital from the curve"],
      ["outcomePayment", "Part of the outcome fund paid to investors"],
      tokens("outcomePayment"),
      ["investorPot", "Investor pot at settlement: unspent capital + outcome payment"],
      tokens("investorPot"),
      ["refundPot", "Outcome payers' refund pot at settlement"],
      tokens("refundPot"),
      ["totalRedeemed", "Σ Redeemed (tokens paid for burned shares)"],
      tokens("totalRedeemed"),
      ["totalRefunded", "Σ Refunded to outcome payers"],
      tokens("totalRefunded"),
      ["sharesOutstanding", "Shares minted − burned"],
      tokens("sharesOutstanding"),
      ["balance", "Tokens in − tokens out from events: what the pool still holds of credited funds"],
      tokens("balance"),
      ["createdBlock", "Block of PoolCreated"],
    ],
  },
  pool_outcomes: {
    about: "The outcome basket of each pool, one row per term.",
    columns: [["pool", "Pool address"], ...OUTCOME_TERM_COLUMNS],
  },
  pool_tranches: {
    about: "The disbursement schedule of each pool, one row per tranche, with whether and when it was paid.",
    columns: [
      ["pool", "Pool address"],
      ["trancheIndex", "Index of the tranche"],
      ["provider", "Provider paid by the tranche"],
      ["dueAt", "Earliest disbursement time"],
      iso("dueAt"),
      ["shareBps", "Share of the capital target, in basis points"],
      ["amount", "capitalTarget × shareBps / 10000 (rounded down)"],
      tokens("amount"),
      ["hasMilestone", "Whether a final metric value is required first"],
      ["missionId", "Milestone slot: mission (0 without a milestone)"],
      ["goalId", "Milestone slot: goal"],
      ["period", "Milestone slot: period"],
      ["minValue", "Lowest final value that meets the milestone"],
      ["disbursed", "Whether Disbursed was emitted for it"],
      ["disbursedBlock", "Block of its Disbursed event"],
    ],
  },
  pool_share_transfers: {
    about: "Every transfer of pool shares (the pool's ERC-20 Transfer events): mints, burns and transfers.",
    columns: [
      ["pool", "Pool (share token) address"],
      ["kind", "mint (invest), burn (withdraw or redeem) or transfer"],
      ["from", "Sender (zero address for a mint)"],
      ["to", "Recipient (zero address for a burn)"],
      ["shares", "Shares moved (1 share = 1 base unit of the capital token)"],
      tokens("shares"),
      ...EVENT_COLUMNS,
    ],
  },
  deposits: {
    about:
      "Money in: one row per deposit into an escrow (Deposited), investment in a pool (Invested) or outcome-fund " +
      "commitment to a pool (Committed).",
    columns: [
      ["contract", "Escrow or pool address"],
      ["contractKind", "escrow or pool"],
      ["kind", "deposit (escrow), invest or commit (pool)"],
      ["account", "Who is credited (gets any refund or the shares)"],
      ["payer", "Who paid"],
      ["amount", "Credited amount (token base units)"],
      tokens("amount"),
      ...EVENT_COLUMNS,
    ],
  },
  settlements: {
    about: "One row per settlement of an escrow or a pool (Settled).",
    columns: [
      ["contract", "Escrow or pool address"],
      ["contractKind", "escrow or pool"],
      ["status", "Achieved or Refunding (escrow); Settled (pool)"],
      ["reason", "Achieved, NoData or Underfunded (escrow); Achieved or NoData (pool)"],
      ["compositeWad", "Composite achievement (1e18 = 100 %)"],
      ["payoutPot", "Beneficiary pot (escrow); investor pot (pool)"],
      tokens("payoutPot"),
      ["refundPot", "Funders' (escrow) or outcome payers' (pool) refund pot"],
      tokens("refundPot"),
      ["multipleWad", "Pool: repayment multiple of disbursed capital (empty for escrows)"],
      ["outcomePayment", "Pool: part of the outcome fund paid to investors (empty for escrows)"],
      tokens("outcomePayment"),
      ...EVENT_COLUMNS,
    ],
  },
  payouts: {
    about:
      "Money out: one row per escrow claim or refund, and per pool disbursement, redemption, withdrawal or refund.",
    columns: [
      ["contract", "Escrow or pool address"],
      ["contractKind", "escrow or pool"],
      [
        "kind",
        "claim (beneficiary) or refund (funder) of an escrow; disburse (provider), redeem or withdraw (investor), " +
          "refund (outcome payer) of a pool",
      ],
      ["account", "Who was paid"],
      ["amount", "Amount paid (token base units)"],
      tokens("amount"),
      ["shares", "Pool shares burned by a redeem or withdraw (empty otherwise)"],
      tokens("shares"),
      ...EVENT_COLUMNS,
    ],
  },
} as const satisfies Record<string, { about: string; columns: readonly (readonly [string, string])[] }>;
export type TableName = keyof typeof TABLES;

/** Every table name, in the order of `TABLES` (files, manifest and docs follow it). */
// Cast: Object.keys is typed string[]; TABLES is a literal object, so its keys are exactly TableName.
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** A record with one entry per table, e.g. the manifest's row counts. */
export function perTable<T>(entry: (table: TableName) => T): Record<TableName, T> {
  // Cast: fromEntries returns Record<string, T>; TABLE_NAMES holds every TableName exactly once.
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, entry(t)])) as Record<TableName, T>;
}

/**
 * Where the token of each table's `_tokens` columns comes from: a column holding the token itself, or (`contract`)
 * the escrow or pool whose token it is (from the `escrows` and `pools` tables).
 */
export const TOKEN_OF: { [T in TableName]?: { column: string; contract?: true } } = {
  committees: { column: "bondToken" },
  disputes: { column: "bondToken" },
  bonds: { column: "token" },
  escrows: { column: "token" },
  pools: { column: "token" },
  pool_tranches: { column: "pool", contract: true },
  pool_share_transfers: { column: "pool", contract: true },
  deposits: { column: "contract", contract: true },
  settlements: { column: "contract", contract: true },
  payouts: { column: "contract", contract: true },
};

/** What the human columns need: each token's decimals, and the token of each escrow and pool. */
export interface HumanUnits {
  decimalsOf(token: string): number | undefined;
  tokenOfContract(contract: string): string | undefined;
}

/**
 * A row with its human columns (`<column>_iso`, `<column>_tokens`) inserted right after the exact ones they come from,
 * the other cells unchanged and in their order.
 */
export function humanRow(table: TableName, row: Row, units: HumanUnits): Row {
  const columns = new Set<string>(TABLES[table].columns.map(([c]) => c));
  const source = TOKEN_OF[table];
  const held = source === undefined ? undefined : row[source.column];
  const token = typeof held !== "string" ? undefined : source?.contract === true ? units.tokenOfContract(held) : held;
  const decimals = token === undefined ? undefined : units.decimalsOf(token);
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    out[column] = value;
    if (columns.has(`${column}_iso`)) {
      out[`${column}_iso`] = typeof value === "bigint" || typeof value === "number" ? isoTime(value) : null;
    }
    if (columns.has(`${column}_tokens`)) {
      out[`${column}_tokens`] = typeof value === "bigint" && decimals !== undefined ? tokenText(value, decimals) : null;
    }
  }
  return out;
}
