/**
 * The money tables escrows, scheduled escrows and pools share, told apart by `contractKind`: deposits, settlements,
 * payouts (a scheduled escrow settles point by point: its settlements are rows of schedule_points; a scheduled pool's
 * points are too, and its settlement after the last one is a row of settlements).
 */
import { EVENT_COLUMNS, tokens, type TableSpec } from "./columns.js";

export const MONEY_TABLES = {
  deposits: {
    about:
      "Money in: one row per deposit into an escrow (Deposited), investment in a pool (Invested) or outcome-fund " +
      "commitment to a pool (Committed, or TierCommitted into a payer tier of a scheduled pool), investment in a " +
      "class of a classed pool (ClassInvested) or its guarantee posted (GuaranteeCommitted).",
    columns: [
      ["contract", "Escrow, scheduled escrow or pool address"],
      ["contractKind", "escrow, scheduledEscrow or pool"],
      ["kind", "deposit (escrow, scheduled escrow), invest, commit or guarantee (pool)"],
      ["account", "Who is credited (gets any refund or the shares)"],
      ["payer", "Who paid"],
      ["amount", "Credited amount (token base units)"],
      tokens("amount"),
      ...EVENT_COLUMNS,
    ],
  },
  settlements: {
    about:
      "One row per settlement of an escrow or a pool (Settled; a scheduled pool's ScheduleSettled, once its last " +
      "point settled).",
    columns: [
      ["contract", "Escrow or pool address"],
      ["contractKind", "escrow or pool"],
      ["status", "Achieved or Refunding (escrow); Settled (pool)"],
      [
        "reason",
        "Achieved, NoData or Underfunded (escrow); Achieved or NoData (pool); empty for a scheduled pool (each " +
          "point's resolution is in schedule_points)",
      ],
      ["compositeWad", "Composite achievement (1e18 = 100 %; empty for a scheduled pool)"],
      ["payoutPot", "Beneficiary pot (escrow); investor pot (pool)"],
      tokens("payoutPot"),
      ["refundPot", "Funders' (escrow) or outcome payers' (pool) refund pot"],
      tokens("refundPot"),
      ["multipleWad", "Pool: repayment multiple of disbursed capital (empty for escrows and scheduled pools)"],
      [
        "outcomePayment",
        "Pool: part of the outcome fund paid to investors, Σ of its points for a scheduled pool (empty for escrows)",
      ],
      tokens("outcomePayment"),
      ...EVENT_COLUMNS,
    ],
  },
  payouts: {
    about:
      "Money out: one row per escrow claim or refund, and per pool disbursement, redemption, withdrawal or refund; " +
      "a classed pool's class claims and withdrawals (the class token's Claimed and Withdrawn: the pool pays), " +
      "provider incentives (Distributed) and guarantee returned (GuaranteeReturned).",
    columns: [
      ["contract", "Escrow, scheduled escrow or pool address"],
      ["contractKind", "escrow, scheduledEscrow or pool"],
      [
        "kind",
        "claim (beneficiary) or refund (funder) of an escrow or scheduled escrow; disburse (provider), redeem or " +
          "withdraw (investor), " +
          "refund (outcome payer) of a pool; claim (class holder), incentive (provider) or guarantee (guarantor) of " +
          "a classed pool",
      ],
      ["account", "Who was paid"],
      ["amount", "Amount paid (token base units)"],
      tokens("amount"),
      ["shares", "Pool (or class) shares burned by a redeem or withdraw (empty otherwise)"],
      tokens("shares"),
      ...EVENT_COLUMNS,
    ],
  },
} as const satisfies Record<string, TableSpec>;
