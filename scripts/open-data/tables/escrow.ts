/** Outcome-escrow tables: escrows, their outcome terms and beneficiaries. */
import { escrowPayoutColumns, iso, OUTCOME_TERM_COLUMNS, tokens, type TableSpec } from "./columns.js";

export const ESCROW_TABLES = {
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
      ...escrowPayoutColumns("EscrowCreated"),
    ],
  },
  escrow_outcomes: {
    about: "The outcome terms of each escrow, one row per term.",
    columns: [["escrow", "Escrow address"], ...OUTCOME_TERM_COLUMNS],
  },
  escrow_beneficiaries: {
    about: "Beneficiaries of each escrow (outcome or scheduled) and their weights.",
    columns: [
      ["escrow", "Escrow or scheduled escrow address"],
      ["account", "Beneficiary"],
      ["weight", "Share weight"],
    ],
  },
} as const satisfies Record<string, TableSpec>;
