/**
 * The one table of the suite's custom errors: for each error name, the kind of each argument (a time, a token amount,
 * a status or field enum, a metric value…) and the sentence it reads as, and the one revert decoder
 * (`decodeRevert`/`formatRevert`/`revertReason`, re-exported by core/chain.ts), which decodes a revert with the
 * suite's ABIs and prints it through this table, so every contract error reaches a person as one
 * sentence in units they read: ISO times, whole tokens with the symbol, statuses and fields by name. An error missing
 * from the table prints as `Name(arg=value, …)`; a test keeps the table equal to the ABIs and the enums equal to the
 * Solidity sources.
 */
import {
  AbiCoder,
  dataSlice,
  decodeBytes32String,
  ErrorFragment,
  Interface,
  isError,
  type ErrorDescription,
} from "ethers";
import * as suiteAbis from "./abis.js";
import { durationText, formatTokens, isoTime, metricText, percentBps, percentWad, type TokenUnits } from "./units.js";

/* ---------------------------------------------------------------------------------------------------------- */
/* Enums                                                                                                       */
/* ---------------------------------------------------------------------------------------------------------- */

/** Every enum of the suite's interfaces, keyed as the ABIs name them (`internalType: "enum <key>"`), in code order. */
export const ENUMS = {
  "IMetricFeed.SlotStatus": ["None", "Collecting", "Proposed", "Disputed", "Final", "Unresolved"],
  "IMetricOracle.UnresolvedReason": ["NoQuorum", "ArbiterInvalid", "ArbitrationExpired"],
  "IOutcomeEscrow.Status": ["Open", "Achieved", "Refunding"],
  "IOutcomeEscrow.SettleReason": ["Achieved", "NoData", "Underfunded"],
  "IMissionRegistry.MissionStatus": ["None", "Draft", "Active", "Concluded"],
  "IMissionRegistry.Role": ["Funder", "Provider", "Evaluator", "Investor", "Supporter"],
  "IMissionRegistry.GoalField": [
    "BaselineTarget",
    "PeriodCount",
    "PeriodLength",
    "ReportingWindow",
    "FirstPeriodEnd",
    "Decimals",
    "Schedule",
  ],
  "IImpactPool.Phase": ["Raising", "Funded", "RaiseFailed", "Settled"],
  "IImpactPoolFactory.TermField": ["Name", "Symbol", "CapitalTarget", "FundCap"],
  "IImpactPoolFactory.TrancheField": ["Provider", "DueAt", "ShareBps", "Milestone"],
  "PayoutCurves.Kind": ["Binary", "Linear", "ThresholdLinear", "Stepped"],
  "PayoutCurves.CurveField": ["Steps", "BaselineTarget", "CapWad", "Threshold"],
  "OutcomeLib.Resolution": ["Pending", "Achieved", "NoData"],
} as const;
export type EnumName = keyof typeof ENUMS;

/** The name of enum `type`'s member `value`, or `#<value>` for a code the enum does not have. */
export function enumName(type: EnumName, value: bigint | number): string {
  const names: readonly string[] = ENUMS[type];
  return names[Number(value)] ?? `#${value}`;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Argument kinds and the context of a revert                                                                 */
/* ---------------------------------------------------------------------------------------------------------- */

/** How one argument of an error is printed. */
export type ArgKind =
  /** As it is (ids, counts, indexes, hashes). */
  | "plain"
  /** A checksummed address. */
  | "address"
  /** Unix seconds → ISO time. */
  | "time"
  /** Seconds → `14 d`. */
  | "duration"
  /** Token base units → whole tokens with the symbol (when the context knows the token). */
  | "amount"
  /** A goal-scaled metric value → with the goal's decimals (when the context knows them). */
  | "metric"
  /** 1e18 = 100 % → a percentage. */
  | "wad"
  /** 10 000 = 100 % → a percentage. */
  | "bps"
  /** A packed bytes32 hashtag → `#text`. */
  | "hashtag"
  /** A bytes1 character → the character. */
  | "char"
  /** A member of one of the suite's enums, by name. */
  | { enum: EnumName };

/** The suite contracts whose errors share a selector (`WrongState(uint8)`, `NotAClone()`…) and need naming. */
export type SuiteContract = "OutcomeEscrow" | "ImpactPool";

/** What the caller knows about a revert that the revert data does not say. */
export interface RevertContext {
  /** The contract called: names the status of `WrongState(uint8)` (an escrow's Status or a pool's Phase). */
  contract?: SuiteContract;
  /** The token of the amounts in the error (the escrow's or pool's token, the bond token…). */
  token?: TokenUnits;
  /** Decimals of the goal whose metric values the error carries. */
  metricDecimals?: number;
}

/** One table entry: the kinds of the error's arguments, by ABI name, and its sentence. */
export interface ErrorFormat {
  args: Record<string, ArgKind>;
  say: (f: Record<string, string>, raw: Record<string, unknown>, ctx: RevertContext) => string;
}

/** A table entry whose sentence reads the arguments it declares (typed by their names). */
function entry<const N extends string>(
  args: Record<N, ArgKind>,
  say: (f: Record<N, string>, raw: Record<N, unknown>, ctx: RevertContext) => string,
): ErrorFormat {
  return { args, say };
}

/** An entry for an error without arguments. */
const fixed = (sentence: string): ErrorFormat => entry({}, () => sentence);

const SLOT = { missionId: "plain", goalId: "plain", period: "plain" } as const;
const slot = (f: { missionId: string; goalId: string; period: string }): string =>
  `mission ${f.missionId} goal ${f.goalId} period ${f.period}`;
const SLOT_STATUS = { enum: "IMetricFeed.SlotStatus" } as const;
const MISSION_STATUS = { enum: "IMissionRegistry.MissionStatus" } as const;
const direction = (lowerIsBetter: unknown): string => (lowerIsBetter === true ? "falling" : "rising");
const count = (n: string, one: string, many = `${one}s`): string => `${n} ${n === "1" ? one : many}`;

/** What `GoalField` / `TrancheField` / `TermField` codes mean, from the NatSpec of the enums. */
const GOAL_FIELD_PROBLEM: Record<string, string> = {
  BaselineTarget: "its baseline equals its target",
  PeriodCount: "its period count is zero",
  PeriodLength: "its period length is zero while it has several periods",
  ReportingWindow: "its reporting window is zero",
  FirstPeriodEnd: "its first period end is not after the current block",
  Decimals: "its decimals are above 18",
  Schedule: "its last reporting deadline is beyond 2^40 - 1",
};
const TRANCHE_FIELD_PROBLEM: Record<string, string> = {
  Provider: "its provider index is out of range",
  DueAt: "it is due after the settlement deadline",
  ShareBps: "its share is zero",
  Milestone: "it sets milestone fields without a milestone",
};

/* ---------------------------------------------------------------------------------------------------------- */
/* The table                                                                                                   */
/* ---------------------------------------------------------------------------------------------------------- */

/** Every custom error of the suite (and of the OpenZeppelin code it inherits), by name. */
export const ERRORS: Record<string, ErrorFormat> = {
  /* ---- MissionRegistry ---- */
  HashtagLength: entry({ length: "plain" }, (f) => `a hashtag has 3 to 32 characters; this one has ${f.length}`),
  HashtagInvalidCharacter: entry(
    { index: "plain", character: "char" },
    (f) => `the hashtag has "${f.character}" at index ${f.index}; only a-z, 0-9 and _ are allowed`,
  ),
  HashtagTaken: entry(
    { hashtag: "hashtag", missionId: "plain" },
    (f) => `${f.hashtag} is already mission ${f.missionId}`,
  ),
  MissionNotFound: entry({ missionId: "plain" }, (f) => `there is no mission ${f.missionId}`),
  HashtagNotFound: entry({ hashtag: "hashtag" }, (f) => `no mission has the hashtag ${f.hashtag}`),
  NotSteward: entry(
    { missionId: "plain", caller: "address" },
    (f) => `${f.caller} is not the steward of mission ${f.missionId}`,
  ),
  ZeroSteward: fixed("the steward is the zero address"),
  ZeroContentHash: fixed("the goal document's content hash is zero"),
  GoalCount: entry(
    { count: "plain", max: "plain" },
    (f) => `a goal list has 1 to ${f.max} goals; this one has ${f.count}`,
  ),
  InvalidGoal: entry(
    { index: "plain", field: { enum: "IMissionRegistry.GoalField" } },
    (f) => `goal ${f.index} is invalid: ${GOAL_FIELD_PROBLEM[f.field] ?? "see its field"} (field ${f.field})`,
  ),
  TooManyVersions: entry({ missionId: "plain" }, (f) => `mission ${f.missionId} already has 255 goal versions`),
  GoalNotFound: entry({ missionId: "plain", goalId: "plain" }, (f) => `mission ${f.missionId} has no goal ${f.goalId}`),
  VersionNotFound: entry(
    { missionId: "plain", version: "plain" },
    (f) => `mission ${f.missionId} has no goal version ${f.version}`,
  ),
  InvalidRoles: entry(
    { roles: "plain" },
    (f) => `role mask ${f.roles} is zero or has bits above the five roles (funder 1 … supporter 16)`,
  ),
  NotParticipant: entry(
    { missionId: "plain", account: "address" },
    (f) => `${f.account} has not joined mission ${f.missionId}`,
  ),
  SelfEndorsement: entry({ account: "address" }, (f) => `${f.account} cannot endorse itself`),
  AlreadyEndorsed: entry(
    { missionId: "plain", endorser: "address", participant: "address", contributionHash: "plain" },
    (f) =>
      `${f.endorser} already endorsed contribution ${f.contributionHash} of ${f.participant} in mission ${f.missionId}`,
  ),
  PeriodOutOfRange: entry(
    { missionId: "plain", goalId: "plain", period: "plain" },
    (f) => `mission ${f.missionId} goal ${f.goalId} has no period ${f.period}`,
  ),

  /* ---- WrongState: the registry (mission), the oracle (slot), an escrow (Status) or a pool (Phase) ---- */
  WrongState: entry(
    { missionId: "plain", goalId: "plain", period: "plain", status: "plain", phase: "plain" },
    (f, raw, ctx) => {
      if (raw.goalId !== undefined) {
        return `${slot(f)} is ${enumName("IMetricFeed.SlotStatus", Number(raw.status))}, which does not allow this`;
      }
      if (raw.missionId !== undefined) {
        return `mission ${f.missionId} is ${enumName("IMissionRegistry.MissionStatus", Number(raw.status))}, which does not allow this`;
      }
      const code = Number(raw.status ?? raw.phase);
      if (ctx.contract === "OutcomeEscrow") {
        return `the escrow is ${enumName("IOutcomeEscrow.Status", code)}, which does not allow this`;
      }
      if (ctx.contract === "ImpactPool") {
        return `the pool is in phase ${enumName("IImpactPool.Phase", code)}, which does not allow this`;
      }
      return `the contract's state (escrow ${enumName("IOutcomeEscrow.Status", code)}, or pool ${enumName("IImpactPool.Phase", code)}) does not allow this`;
    },
  ),

  /* ---- MetricOracle ---- */
  ValueNotFinal: entry({ ...SLOT, status: SLOT_STATUS }, (f) => `${slot(f)} is ${f.status}, not Final`),
  NotMissionSteward: entry(
    { missionId: "plain", caller: "address" },
    (f) => `${f.caller} is not the steward of mission ${f.missionId}; only the steward sets its committee`,
  ),
  CommitteeSize: entry(
    { size: "plain", max: "plain" },
    (f) => `a committee has 1 to ${f.max} members; ${f.size} were given`,
  ),
  ZeroMember: entry({ index: "plain" }, (f) => `committee member ${f.index} is the zero address`),
  DuplicateMember: entry({ member: "address" }, (f) => `${f.member} is listed twice in the committee`),
  InvalidQuorum: entry(
    { quorum: "plain", size: "plain" },
    (f) => `the quorum must be 1 to ${f.size} (the number of members); ${f.quorum} was given`,
  ),
  ZeroArbiter: fixed("the arbiter is the zero address"),
  ZeroBondToken: fixed("the bond token is the zero address"),
  ZeroBondAmount: fixed("the dispute bond is zero"),
  CommitteeNotFound: entry(
    { missionId: "plain", version: "plain" },
    (f) => `mission ${f.missionId} has no committee version ${f.version}`,
  ),
  NotCommitteeMember: entry(
    { missionId: "plain", version: "plain", account: "address" },
    (f) => `${f.account} is not a member of committee v${f.version} of mission ${f.missionId}`,
  ),
  AlreadyReported: entry({ ...SLOT, member: "address" }, (f) => `${f.member} already reported for ${slot(f)}`),
  PeriodNotEnded: entry(
    { ...SLOT, periodEnd: "time" },
    (f) => `${slot(f)} has not ended yet: reports open after ${f.periodEnd}`,
  ),
  ReportingClosed: entry(
    { ...SLOT, reportingDeadline: "time" },
    (f) => `reporting for ${slot(f)} closed at ${f.reportingDeadline}`,
  ),
  ChallengeWindowClosed: entry(
    { ...SLOT, challengeEnd: "time" },
    (f) => `the challenge window of ${slot(f)} closed at ${f.challengeEnd}`,
  ),
  ChallengeWindowOpen: entry(
    { ...SLOT, challengeEnd: "time" },
    (f) => `the challenge window of ${slot(f)} is open until ${f.challengeEnd}; finalize after it`,
  ),
  SignatureExpired: entry(
    { reporter: "address", deadline: "time" },
    (f) => `the signature of ${f.reporter} expired at ${f.deadline}; sign the report again`,
  ),
  InvalidSignature: entry(
    { reporter: "address" },
    (f) => `the signature is not a valid EIP-712 (or EIP-1271) signature by ${f.reporter}`,
  ),
  EmptyBatch: fixed("the batch holds no report"),
  NonceUsed: entry(
    { reporter: "address", nonce: "plain" },
    (f) => `nonce ${f.nonce} of ${f.reporter} was already used: the signed report was relayed before (or cancelled)`,
  ),
  ChallengeWindowTooLong: entry(
    { window: "duration", max: "duration" },
    (f) => `the challenge window of ${f.window} is longer than the maximum of ${f.max}`,
  ),
  ArbiterIsSteward: entry(
    { arbiter: "address" },
    (f) => `the arbiter ${f.arbiter} is the mission's steward, which may not arbitrate`,
  ),
  ArbiterIsMember: entry(
    { arbiter: "address" },
    (f) => `the arbiter ${f.arbiter} is a member of the committee it would arbitrate`,
  ),
  AdapterNotContract: entry({ adapter: "address" }, (f) => `the adapter ${f.adapter} is not a contract`),
  AdapterNotMember: entry({ adapter: "address" }, (f) => `the adapter ${f.adapter} is not a committee member`),
  ArbitrationExpired: entry(
    { ...SLOT, expiresAt: "time" },
    (f) => `the arbitration period of ${slot(f)} ended at ${f.expiresAt}; only expiring the dispute applies now`,
  ),
  NotArbiter: entry(
    { missionId: "plain", version: "plain", caller: "address" },
    (f) => `${f.caller} is not the arbiter of committee v${f.version} of mission ${f.missionId}`,
  ),
  NotAdapter: entry(
    { missionId: "plain", version: "plain", caller: "address" },
    (f) => `${f.caller} is not the adapter of committee v${f.version} of mission ${f.missionId}`,
  ),
  ArbitrationNotExpired: entry(
    { ...SLOT, expiresAt: "time" },
    (f) => `the arbiter may still resolve ${slot(f)} until ${f.expiresAt}`,
  ),
  NothingToWithdraw: entry(
    { token: "address", account: "address" },
    (f) => `${f.account} has no bond to withdraw in token ${f.token}`,
  ),
  EmptyList: fixed("the median of an empty list was asked for"),

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

  /* ---- Both factories' listings (AddressList) ---- */
  IndexOutOfBounds: entry(
    { index: "plain", length: "plain" },
    (f) => `index ${f.index} is past the end of the list (${count(f.length, "entry", "entries")})`,
  ),

  /* ---- Outcome terms (both factories) ---- */
  MissionNotActive: entry({ missionId: "plain", status: MISSION_STATUS }, (f) =>
    f.status === "None"
      ? `there is no mission ${f.missionId}`
      : `mission ${f.missionId} is ${f.status}; escrows and pools need an Active mission`,
  ),
  GoalNotInVersion: entry(
    { index: "plain", goalId: "plain", goalVersion: "plain", pinnedVersion: "plain" },
    (f) =>
      `outcome ${f.index}: goal ${f.goalId} belongs to goal version ${f.goalVersion}, not the pinned version ${f.pinnedVersion}`,
  ),
  TermPeriodOutOfRange: entry(
    { index: "plain", period: "plain", periodCount: "plain" },
    (f) => `outcome ${f.index}: period ${f.period} is out of range (the goal has periods 1 to ${f.periodCount})`,
  ),
  CurveDirectionMismatch: entry(
    { index: "plain", lowerIsBetter: "plain" },
    (_f, raw) =>
      `outcome ${String(raw.index)}: the curve is ${direction(raw.lowerIsBetter)} but the goal is ${direction(raw.lowerIsBetter !== true)}`,
  ),
  NoDataCutOffTooEarly: entry(
    { index: "plain", noDataAfter: "time", earliest: "time" },
    (f) =>
      `outcome ${f.index}: the no-data cut-off ${f.noDataAfter} (settlement deadline + grace) is before ${f.earliest}, when its slot can last change`,
  ),

  /* ---- Payout curves and baskets ---- */
  CurveDirection: entry({ baseline: "metric", target: "metric", lowerIsBetter: "plain" }, (f, raw) =>
    raw.baseline === raw.target
      ? `the curve's baseline and target are both ${f.baseline}`
      : `a ${direction(raw.lowerIsBetter)} curve needs a target ${raw.lowerIsBetter === true ? "below" : "above"} its baseline (baseline ${f.baseline}, target ${f.target})`,
  ),
  CurveThreshold: entry(
    { threshold: "metric", baseline: "metric", target: "metric" },
    (f) =>
      `the threshold ${f.threshold} must lie past the baseline ${f.baseline} and not beyond the target ${f.target}`,
  ),
  CurveCap: entry({ capWad: "wad" }, (f) => `the cap ${f.capWad} must be above 0 % and at most 100 %`),
  CurveStepCount: entry(
    { values: "plain", ratios: "plain", max: "plain" },
    (f) =>
      `a stepped curve has 1 to ${f.max} steps with one ratio each; ${f.values} values and ${f.ratios} ratios given`,
  ),
  CurveStepOrder: entry(
    { index: "plain", value: "metric" },
    (f) => `step ${f.index} (value ${f.value}) is not beyond the previous step in the direction of improvement`,
  ),
  CurveStepRatio: entry(
    { index: "plain", ratioWad: "wad" },
    (f) => `the ratio ${f.ratioWad} of step ${f.index} is zero, above 100 % or below the previous ratio`,
  ),
  CurveUnusedField: entry(
    { kind: { enum: "PayoutCurves.Kind" }, field: { enum: "PayoutCurves.CurveField" } },
    (f) => `a ${f.kind} curve does not use the field ${f.field}; leave it out`,
  ),
  TermCount: entry(
    { count: "plain", max: "plain" },
    (f) => `a basket has 1 to ${f.max} outcome terms; ${f.count} were given`,
  ),
  TermZeroWeight: entry({ index: "plain" }, (f) => `outcome ${f.index} has weight 0`),
  TermWeightSum: entry({ sumWad: "wad" }, (f) => `the outcome weights sum to ${f.sumWad}, not 100 %`),
  TermValueCount: entry(
    { terms: "plain", values: "plain" },
    (f) => `${count(f.values, "value")} for ${count(f.terms, "outcome term")}`,
  ),

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

  /* ---- Adapters ---- */
  WrongSchema: entry({ schema: "plain" }, (f) => `the attestation is of schema ${f.schema}, not the metric schema`),
  WrongAttester: entry(
    { attester: "address", expected: "address" },
    (f) => `only ${f.expected} may attest through this resolver; ${f.attester} did`,
  ),
  AccessDenied: fixed("only the EAS contract may call the resolver"),
  InsufficientValue: fixed("the attestation carries too little value"),
  InvalidEAS: fixed("the EAS address is invalid"),
  InvalidLength: fixed("the attestation arrays differ in length"),
  NotPayable: fixed("the resolver does not take payments"),
  RoundOutOfRange: entry({ roundId: "plain" }, (f) => `round ${f.roundId} does not name a period (1 to 65535)`),
  NoFinalValue: entry(
    { missionId: "plain", goalId: "plain" },
    (f) => `no period of mission ${f.missionId} goal ${f.goalId} is final yet`,
  ),

  /* ---- ERC-20 and OpenZeppelin utilities ---- */
  ERC20InsufficientBalance: entry(
    { sender: "address", balance: "amount", needed: "amount" },
    (f) => `${f.sender} holds ${f.balance}, less than the ${f.needed} needed`,
  ),
  ERC20InsufficientAllowance: entry(
    { spender: "address", allowance: "amount", needed: "amount" },
    (f) => `${f.spender} may spend only ${f.allowance} of the ${f.needed} needed; approve more`,
  ),
  ERC20InvalidApprover: entry({ approver: "address" }, (f) => `the approver ${f.approver} is invalid`),
  ERC20InvalidReceiver: entry({ receiver: "address" }, (f) => `the receiver ${f.receiver} is invalid`),
  ERC20InvalidSender: entry({ sender: "address" }, (f) => `the sender ${f.sender} is invalid`),
  ERC20InvalidSpender: entry({ spender: "address" }, (f) => `the spender ${f.spender} is invalid`),
  SafeERC20FailedOperation: entry(
    { token: "address" },
    (f) => `the token ${f.token} refused the transfer (or returned false)`,
  ),
  SafeCastOverflowedUintDowncast: entry(
    { bits: "plain", value: "plain" },
    (f) => `${f.value} is out of range: it does not fit in ${f.bits} bits`,
  ),
  ReentrancyGuardReentrantCall: fixed("a reentrant call was refused"),
  ECDSAInvalidSignature: fixed("the signature is invalid"),
  ECDSAInvalidSignatureLength: entry({ length: "plain" }, (f) => `the signature has ${f.length} bytes, not 65`),
  ECDSAInvalidSignatureS: entry({ s: "plain" }, (f) => `the signature's s value ${f.s} is malleable`),
  InvalidAccountNonce: entry(
    { account: "address", currentNonce: "plain" },
    (f) => `the nonce of ${f.account} is ${f.currentNonce}; the signature used another one`,
  ),
  InvalidShortString: fixed("the string is not a valid short string"),
  StringTooLong: entry({ str: "plain" }, (f) => `"${f.str}" is too long`),
};

/* ---------------------------------------------------------------------------------------------------------- */
/* Formatting                                                                                                  */
/* ---------------------------------------------------------------------------------------------------------- */

function asBigint(value: unknown): bigint | undefined {
  return typeof value === "bigint" ? value : typeof value === "number" ? BigInt(value) : undefined;
}

function hashtagText(value: unknown): string {
  if (typeof value !== "string") return String(value);
  try {
    return `#${decodeBytes32String(value)}`;
  } catch (err) {
    if (err instanceof Error) return value; // not UTF-8 text: the hash as it is
    throw err;
  }
}

/** One argument printed as its kind says. */
export function formatArg(kind: ArgKind, value: unknown, ctx: RevertContext = {}): string {
  const n = asBigint(value);
  if (typeof kind === "object") return n === undefined ? String(value) : enumName(kind.enum, n);
  if (n === undefined) {
    if (kind === "hashtag") return hashtagText(value);
    if (kind === "char" && typeof value === "string" && /^0x[0-9a-fA-F]{2}$/.test(value)) {
      return String.fromCharCode(parseInt(value.slice(2), 16));
    }
    return String(value);
  }
  switch (kind) {
    case "time":
      return isoTime(n);
    case "duration":
      return durationText(n);
    case "amount":
      return formatTokens(n, ctx.token);
    case "metric":
      return metricText(n, ctx.metricDecimals);
    case "wad":
      return percentWad(n);
    case "bps":
      return percentBps(n);
    default:
      return n.toString();
  }
}

/**
 * A decoded suite error as one sentence with its fields in units a person reads, ending in the error's name:
 * `mission 1 goal 0 period 2 has not ended yet: reports open after 2030-06-30T23:59:59Z (PeriodNotEnded)`. An error
 * the table does not know prints as `Name(arg=value, …)`.
 */
export function describeError(error: ErrorDescription, ctx: RevertContext = {}): string {
  const format = ERRORS[error.name];
  const raw: Record<string, unknown> = {};
  const fields: Record<string, string> = {};
  for (const name of Object.keys(format?.args ?? {})) fields[name] = "?";
  const inputs = error.fragment.inputs.map((input, i) => ({ name: input.name === "" ? `${i}` : input.name, i }));
  for (const { name, i } of inputs) {
    const value: unknown = error.args[i];
    raw[name] = value;
    fields[name] = formatArg(format?.args[name] ?? "plain", value, ctx);
  }
  if (format === undefined) {
    return `${error.name}(${inputs.map(({ name }) => `${name}=${fields[name] ?? ""}`).join(", ")})`;
  }
  return `${format.say(fields, raw, ctx)} (${error.name})`;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* The one revert decoder (re-exported by core/chain.ts)                                                       */
/* ---------------------------------------------------------------------------------------------------------- */

/** Every ABI of the suite (generated `as const` from the artifacts), ERC-20 errors included. */
const SUITE_ABIS = Object.values(suiteAbis);

let suiteErrors: Interface | undefined;

/** One interface holding every custom error of every contract in the suite (deduplicated by signature). */
export function suiteErrorInterface(): Interface {
  if (suiteErrors !== undefined) return suiteErrors;
  const bySignature = new Map<string, ErrorFragment>();
  for (const abi of SUITE_ABIS) {
    for (const entry of abi) {
      if (entry.type !== "error") continue;
      const fragment = ErrorFragment.from(entry);
      bySignature.set(fragment.format("sighash"), fragment);
    }
  }
  suiteErrors = new Interface([...bySignature.values()]);
  return suiteErrors;
}

/**
 * The revert data of a failed call: ethers' CALL_EXCEPTION (JSON-RPC), Hardhat's in-process error (`data`), or a viem
 * error (`raw` / `data` somewhere down its `cause` chain).
 */
export function revertData(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; typeof e === "object" && e !== null && depth < 8; depth++) {
    if (isError(e, "CALL_EXCEPTION") && e.data !== null && e.data !== undefined) return e.data;
    for (const key of ["data", "raw"] as const) {
      const value: unknown = key in e ? Reflect.get(e, key) : undefined;
      if (typeof value === "string" && /^0x[0-9a-fA-F]*$/.test(value)) return value;
    }
    e = "cause" in e ? e.cause : undefined;
  }
  return undefined;
}

const ERROR_STRING = "0x08c379a0"; // Error(string)
const PANIC = "0x4e487b71"; // Panic(uint256)

/** The suite's custom error a call reverted with, or undefined when `err` is not one (nor a custom error at all). */
export function decodeRevert(err: unknown): ErrorDescription | undefined {
  const data = revertData(err);
  if (data === undefined || data.length < 10 || data.startsWith(ERROR_STRING) || data.startsWith(PANIC)) {
    return undefined;
  }
  return suiteErrorInterface().parseError(data) ?? undefined;
}

/**
 * A decoded suite error as one sentence in units a person reads (the table above), ending in the
 * error's name; `context` names the token of amounts, the goal decimals of metric values and the contract called.
 */
export function formatRevert(error: ErrorDescription, context: RevertContext = {}): string {
  return describeError(error, context);
}

/**
 * Why a call reverted, as one sentence: a suite error through the table above, a `require` message, a
 * panic code, or a revert without data; undefined when `err` is not a revert.
 */
export function revertReason(err: unknown, context: RevertContext = {}): string | undefined {
  const decoded = decodeRevert(err);
  if (decoded !== undefined) return formatRevert(decoded, context);
  const data = revertData(err);
  if (data === undefined) return isError(err, "CALL_EXCEPTION") ? "the call reverted without a reason" : undefined;
  const coder = AbiCoder.defaultAbiCoder();
  if (data.startsWith(ERROR_STRING)) return `reverted: ${String(coder.decode(["string"], dataSlice(data, 4))[0])}`;
  if (data.startsWith(PANIC)) {
    const code = BigInt(String(coder.decode(["uint256"], dataSlice(data, 4))[0]));
    return `reverted with panic 0x${code.toString(16)}${code === 0x11n ? " (arithmetic overflow)" : ""}`;
  }
  if (data === "0x") return "the call reverted without a reason";
  return `reverted with unknown error data ${data.slice(0, 10)}`;
}
