/** What the per-domain table lists share: the shape of a table, the human columns, and the column sets several use. */

/** A table: one line about its rows, and its columns (in CSV order) with a one-line description each. */
export type TableSpec = { about: string; columns: readonly (readonly [string, string])[] };

/** The human column of a unix time `column`: the same instant as an ISO-8601 UTC time. */
export const iso = (column: string): [string, string] => [`${column}_iso`, `\`${column}\` as an ISO-8601 UTC time`];
/** The human column of a token amount `column`: whole tokens, exact, with the token's decimals. */
export const tokens = (column: string): [string, string] => [
  `${column}_tokens`,
  `\`${column}\` in whole tokens (exact, the token's decimals; empty when unknown)`,
];

/** Columns shared by every row that comes from one event. */
export const EVENT_COLUMNS: [string, string][] = [
  ["blockNumber", "Block of the event"],
  ["timestamp", "Block timestamp (unix seconds)"],
  iso("timestamp"),
  ["txHash", "Transaction hash"],
  ["logIndex", "Index of the log in its block"],
];

/** Columns of one outcome term (escrow terms and pool baskets share the `OutcomeLib.OutcomeTerm` shape). */
export const OUTCOME_TERM_COLUMNS: [string, string][] = [
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

/** The last columns of both escrow kinds' rows: what was paid out, what is still held, and when it was created. */
export const escrowPayoutColumns = (createdBy: string): [string, string][] => [
  ["totalClaimed", "Σ Claimed"],
  tokens("totalClaimed"),
  ["totalRefunded", "Σ Refunded"],
  tokens("totalRefunded"),
  ["balance", "totalDeposited − totalClaimed − totalRefunded: what the escrow still holds of credited funds"],
  tokens("balance"),
  ["createdBlock", `Block of ${createdBy}`],
];
