/** The ImpactPool's and its factory's errors. */
import { count, entry, fixed, SLOT_STATUS, type ErrorFormat } from "./kinds.js";

/** What `TrancheField` codes mean, from the NatSpec of the enum. */
const TRANCHE_FIELD_PROBLEM: Record<string, string> = {
  Provider: "its provider index is out of range",
  DueAt: "it is due after the settlement deadline",
  ShareBps: "its share is zero",
  Milestone: "it sets milestone fields without a milestone",
};

export const POOL_ERRORS: Record<string, ErrorFormat> = {
  /* ---- ImpactPool ---- */
  ERC2612ExpiredSignature: entry({ deadline: "time" }, (f) => `the permit expired at ${f.deadline}`),
  ERC2612InvalidSigner: entry(
    { signer: "address", owner: "address" },
    (f) => `the permit was signed by ${f.signer}, not by the owner ${f.owner}`,
  ),
  ZeroAmount: fixed("the amount is zero (or nothing arrived)"),
  RaiseClosed: entry({ raiseDeadline: "time" }, (f) => `the raise closed at ${f.raiseDeadline}`),
  RaiseFull: entry(
    { capitalTarget: "amount" },
    (f) => `the raise is full: the capital target of ${f.capitalTarget} is met`,
  ),
  FundFull: entry({ fundCap: "amount" }, (f) => `the outcome fund is full: its cap of ${f.fundCap} is met`),
  TermsMismatch: entry(
    { expected: "plain", given: "plain" },
    (f) => `the basket or schedule given (hash ${f.given}) is not the pool's (hash ${f.expected})`,
  ),
  TrancheNotFound: entry(
    { index: "plain", count: "plain" },
    (f) => `there is no tranche ${f.index} (the pool has ${count(f.count, "tranche")})`,
  ),
  TrancheAlreadyDisbursed: entry({ index: "plain" }, (f) => `tranche ${f.index} was already disbursed`),
  TrancheNotDue: entry({ index: "plain", dueAt: "time" }, (f) => `tranche ${f.index} is not due before ${f.dueAt}`),
  MilestoneNotMet: entry({ index: "plain", status: SLOT_STATUS, value: "metric", minValue: "metric" }, (f) =>
    f.status === "Final"
      ? `the milestone of tranche ${f.index} is not met: the final value ${f.value} does not reach ${f.minValue}`
      : `the milestone of tranche ${f.index} is not met: its slot is ${f.status}, not Final`,
  ),
  SettlementNotOpen: entry(
    { settlementDeadline: "time" },
    (f) => `settlement opens after the settlement deadline ${f.settlementDeadline}`,
  ),

  /* ---- ImpactPoolFactory ---- */
  InvalidName: entry(
    { field: { enum: "IImpactPoolFactory.TermField" }, length: "plain" },
    (f) => `the ${f.field === "Symbol" ? "symbol" : "name"} has ${f.length} bytes; it must have 1 to 31`,
  ),
  InvalidToken: entry({ token: "address" }, (f) => `the token ${f.token} is the zero address or has no code`),
  ZeroAmountTerm: entry(
    { field: { enum: "IImpactPoolFactory.TermField" } },
    (f) => `${f.field === "FundCap" ? "the fund cap" : "the capital target"} is zero`,
  ),
  DeadlineOrder: entry(
    { raiseDeadline: "time", settlementDeadline: "time", nowTimestamp: "time" },
    (f) =>
      `the deadlines must follow now (${f.nowTimestamp}) < raise deadline (${f.raiseDeadline}) < settlement deadline (${f.settlementDeadline})`,
  ),
  ProviderCount: entry(
    { count: "plain", max: "plain" },
    (f) => `a pool has 1 to ${f.max} providers; ${f.count} were given`,
  ),
  ZeroProvider: entry({ index: "plain" }, (f) => `provider ${f.index} is the zero address`),
  DuplicateProvider: entry(
    { index: "plain", provider: "address" },
    (f) => `provider ${f.index} (${f.provider}) repeats an earlier provider`,
  ),
  TrancheCount: entry(
    { count: "plain", max: "plain" },
    (f) => `a pool has 1 to ${f.max} tranches; ${f.count} were given`,
  ),
  InvalidTranche: entry(
    { index: "plain", field: { enum: "IImpactPoolFactory.TrancheField" } },
    (f) => `tranche ${f.index} is invalid: ${TRANCHE_FIELD_PROBLEM[f.field] ?? "see its field"} (field ${f.field})`,
  ),
  TrancheSharesSum: entry({ sumBps: "bps" }, (f) => `the tranche shares sum to ${f.sumBps}, above 100 %`),
  TermsOverflow: entry(
    { capitalTarget: "amount", fundCap: "amount" },
    (f) =>
      `the capital target ${f.capitalTarget} plus the fund cap ${f.fundCap} is out of range (it must fit the pool's 128-bit pots)`,
  ),
  PrincipalPointAboveFull: entry(
    { principalAtWad: "wad" },
    (f) => `the repayment's principal point ${f.principalAtWad} is above full achievement (100 %)`,
  ),
  ThresholdAbovePrincipalPoint: entry(
    { thresholdWad: "wad", principalAtWad: "wad" },
    (f) => `the repayment threshold ${f.thresholdWad} is above its principal point ${f.principalAtWad}`,
  ),
  /* ---- classed pools (issue #13) ---- */
  ClassIndex: entry({ classId: "plain" }, (f) =>
    f.classId === String(2n ** 256n - 1n)
      ? "this pool is classed: invest into a class (investClass), not invest"
      : `there is no investor class ${f.classId} in this pool (or the pool has no classes)`,
  ),
  NotClassToken: entry(
    { caller: "address", classId: "plain" },
    (f) => `only class ${f.classId}'s share token may ask the pool to pay out, not ${f.caller}`,
  ),
  GuaranteeNotExpected: entry(
    { caller: "address" },
    (f) =>
      `${f.caller} cannot post the guarantee: not the named guarantor, already posted, no guarantee in the terms, or the pool is not Funded`,
  ),
  ClassCount: entry({ count: "plain" }, (f) => `a classed pool has 1 to 3 investor classes, not ${f.count}`),
  ClassTargetsSum: entry(
    { sum: "amount", capitalTarget: "amount" },
    (f) => `the class targets sum to ${f.sum}, not the capital target ${f.capitalTarget}`,
  ),
  ZeroReturnCap: entry(
    { index: "plain" },
    (f) => `class ${f.index} sets neither a maximum multiple nor a maximum annual rate`,
  ),
  ReturnCapBelowPrincipal: entry(
    { index: "plain", maxMultipleWad: "wad" },
    (f) => `class ${f.index}'s maximum multiple ${f.maxMultipleWad} is below 1: it could not even return its principal`,
  ),
  ClassOutOfOrder: entry(
    { index: "plain" },
    (f) => `class ${f.index} is not junior to the class before it: list the classes from most senior to most junior`,
  ),
  GuaranteeAboveSenior: entry(
    { guarantee: "amount", seniorCapital: "amount" },
    (f) => `the guarantee ${f.guarantee} is above the senior classes' capital ${f.seniorCapital}`,
  ),
  // A class share token's own ERC-20 errors (PoolShareClass: not OpenZeppelin's ERC20, so not its ERC20… names).
  InsufficientBalance: entry(
    { account: "address", balance: "amount", needed: "amount" },
    (f) => `${f.account} holds ${f.balance} class shares, less than the ${f.needed} needed`,
  ),
  InsufficientAllowance: entry(
    { spender: "address", allowance: "amount", needed: "amount" },
    (f) => `${f.spender} may spend only ${f.allowance} of the ${f.needed} class shares needed; approve more`,
  ),
  NotPool: entry({ caller: "address" }, (f) => `only the class's pool may do this, not ${f.caller}`),
  ZeroAddress: fixed("the address is zero"),
  ZeroParty: entry({ which: "plain" }, (f) =>
    f.which === "0" ? "a guarantee needs a guarantor address" : "a provider incentive needs a provider address",
  ),
  IncentiveTooHigh: entry(
    { bps: "plain" },
    (f) => `the provider incentive of ${f.bps} bps is above 10,000 bps (100 %)`,
  ),
  CapitalTooLarge: entry(
    { total: "amount" },
    (f) => `capital, fund cap and guarantee together (${f.total}) reach 2^94 base units, the class tokens' bound`,
  ),
};
