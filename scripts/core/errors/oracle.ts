/** The MetricOracle's errors, and the adapters' (EAS resolver, Chainlink-style feed) that report to it. */
import { entry, fixed, SLOT, slot, SLOT_STATUS, type ErrorFormat } from "./kinds.js";

export const ORACLE_ERRORS: Record<string, ErrorFormat> = {
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
  // Also a class share token's NothingToWithdraw(account): capital back after a failed raise (no token argument).
  NothingToWithdraw: entry({ token: "address", account: "address" }, (f, raw) =>
    raw.token === undefined
      ? `${f.account} has no class shares to withdraw (only after a failed raise)`
      : `${f.account} has no bond to withdraw in token ${f.token}`,
  ),
  EmptyList: fixed("the median of an empty list was asked for"),

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
};
