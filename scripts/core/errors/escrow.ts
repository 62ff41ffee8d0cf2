/** The OutcomeEscrow's and its factory's errors, with the selectors an escrow shares with a pool. */
import { entry, fixed, type ErrorFormat } from "./kinds.js";

export const ESCROW_ERRORS: Record<string, ErrorFormat> = {
  /* ---- OutcomeEscrow and ImpactPool (shared selectors) ---- */
  NotAClone: entry({}, (_f, _raw, ctx) =>
    ctx.contract === "ImpactPool"
      ? "this pool was not created by the pool factory (the implementation, or a clone deployed by someone else)"
      : ctx.contract === "OutcomeEscrow"
        ? "this escrow was not created by the escrow factory (the implementation, or a clone deployed by someone else)"
        : "this contract was not created by its factory (the implementation, or a clone deployed by someone else)",
  ),
  NotFactory: entry(
    { caller: "address" },
    (f) => `${f.caller} is not the factory, or the contract is already initialised`,
  ),
  NothingToRefund: entry(
    { account: "address", payer: "address" },
    (f, raw) => `${raw.account === undefined ? f.payer : f.account} has nothing to refund`,
  ),
  OutcomePending: entry({ noDataAfter: "time", timestamp: "time" }, (f, raw) =>
    raw.noDataAfter === undefined
      ? "the outcome is still pending: not every slot is final and the settlement deadline + grace has not passed"
      : `the outcome is not final yet (now ${f.timestamp}); if it never is, settling refunds everyone after ${f.noDataAfter}`,
  ),

  /* ---- OutcomeEscrow ---- */
  FundingOpen: entry(
    { fundingDeadline: "time", timestamp: "time" },
    (f) =>
      `the escrow is below its minimum funding and deposits are open until ${f.fundingDeadline} (now ${f.timestamp}); settle after that`,
  ),
  FundingClosed: entry(
    { deadline: "time", timestamp: "time" },
    (f) => `funding closed at ${f.deadline} (now ${f.timestamp})`,
  ),
  ZeroDeposit: fixed("the deposit is zero (or the token moved nothing)"),
  ZeroFunder: fixed("the funder is the zero address"),
  NothingToClaim: entry({ account: "address" }, (f) => `${f.account} has nothing to claim`),

  /* ---- ScheduledEscrow ---- */
  TierIndex: entry(
    { tier: "plain", count: "plain" },
    (f) => `there is no payer tier ${f.tier}: the schedule has ${f.count}`,
  ),
  PointsOpen: entry({ index: "plain" }, (f) => `refunds open once every point has settled; point ${f.index} has not`),

  /* ---- OutcomeEscrowFactory ---- */
  ZeroToken: fixed("the token is the zero address"),
  TermMissionMismatch: entry(
    { index: "plain", termMissionId: "plain" },
    (f) => `outcome ${f.index} is about mission ${f.termMissionId}, not the escrow's mission`,
  ),
  BeneficiaryCount: entry(
    { count: "plain", max: "plain" },
    (f) => `an escrow has 1 to ${f.max} beneficiaries; ${f.count} were given`,
  ),
  ZeroBeneficiary: entry({ index: "plain" }, (f) => `beneficiary ${f.index} is the zero address`),
  ZeroBeneficiaryWeight: entry({ index: "plain" }, (f) => `beneficiary ${f.index} has weight 0`),
  DuplicateBeneficiary: entry({ account: "address" }, (f) => `${f.account} is listed twice among the beneficiaries`),
  FundingDeadlinePassed: entry(
    { fundingDeadline: "time", timestamp: "time" },
    (f) => `the funding deadline ${f.fundingDeadline} is already past (now ${f.timestamp})`,
  ),
  SettlementBeforeFunding: entry(
    { settlementDeadline: "time", fundingDeadline: "time" },
    (f) => `the settlement deadline ${f.settlementDeadline} is before the funding deadline ${f.fundingDeadline}`,
  ),
  FundingAfterPeriodEnd: entry(
    { index: "plain", fundingDeadline: "time", periodEnd: "time" },
    (f) =>
      `the funding deadline ${f.fundingDeadline} is after ${f.periodEnd}, the end of outcome ${f.index}'s period; funding must close by then`,
  ),
};
