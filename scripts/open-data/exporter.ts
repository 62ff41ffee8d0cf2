/**
 * Open-data exporter: rebuilds the suite's public state from events ALONE (no view calls) through any viem
 * `PublicClient` — an RPC URL or Hardhat's in-process network — and writes one JSON and one CSV file per table plus
 * a `manifest.json`. Every table and column is documented in `docs/open-data.md` (and in `TABLES` below).
 *
 * How it reads: logs are fetched in block-range chunks (`chunkSize` blocks per `eth_getLogs`). In each chunk the
 * core contracts' logs are fetched first; factory creation events in them reveal new clones (escrows, pools), whose
 * logs are then fetched for the same chunk. All logs of a chunk are decoded with the contracts' ABIs (from the
 * Hardhat artifacts) and applied in (block, log index) order, so the result does not depend on the chunk size.
 *
 * Adding a contract kind = an ABI in `ABI_FILES`, a `Kind`, a creation event in `DISCOVERY`, handlers in `apply`,
 * and its tables in `TABLES`. Kinds so far: registry, oracle, escrow factory + escrows, pool factory + impact pools.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  decodeEventLog,
  getAddress,
  hexToString,
  type Abi,
  type Address,
  type Hex,
  type Log,
  type PublicClient,
} from "viem";
import { toCsv, jsonReplacer } from "../formats/csv.js";
import { CURVE_KINDS } from "../formats/outcome-terms.js";

/* ------------------------------------------------------------------------------------------------------------ *
 * ABIs
 * ------------------------------------------------------------------------------------------------------------ */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Contract kinds the exporter understands, and the artifact each one's ABI comes from. */
export const ABI_FILES = {
  registry: "contracts/registry/MissionRegistry.sol/MissionRegistry.json",
  oracle: "contracts/oracle/MetricOracle.sol/MetricOracle.json",
  escrowFactory: "contracts/escrow/OutcomeEscrowFactory.sol/OutcomeEscrowFactory.json",
  escrow: "contracts/escrow/OutcomeEscrow.sol/OutcomeEscrow.json",
  poolFactory: "contracts/pool/ImpactPoolFactory.sol/ImpactPoolFactory.json",
  pool: "contracts/pool/ImpactPool.sol/ImpactPool.json",
} as const;
export type Kind = keyof typeof ABI_FILES;

const abiCache = new Map<Kind, Abi>();
/** The ABI of a contract kind, read from `artifacts/` (run `hardhat build` first). */
export function abiOf(kind: Kind, artifactsDir = path.join(ROOT, "artifacts")): Abi {
  const cached = abiCache.get(kind);
  if (cached !== undefined) return cached;
  const file = path.join(artifactsDir, ABI_FILES[kind]);
  let abi: Abi;
  try {
    abi = (JSON.parse(readFileSync(file, "utf8")) as { abi: Abi }).abi;
  } catch {
    throw new Error(`exporter: cannot read the ABI of ${kind} from ${file}; run \`npx hardhat build\``);
  }
  abiCache.set(kind, abi);
  return abi;
}

/* ------------------------------------------------------------------------------------------------------------ *
 * Tables
 * ------------------------------------------------------------------------------------------------------------ */

export type Cell = string | number | boolean | bigint | null;
export type Row = Record<string, Cell>;

/** Columns shared by every row that comes from one event. */
const EVENT_COLUMNS: [string, string][] = [
  ["blockNumber", "Block of the event"],
  ["timestamp", "Block timestamp (unix seconds)"],
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
      ["disputed", "Whether the value was disputed"],
      ["finalValue", "Final value (empty unless Final)"],
      ["finalizedAt", "When it became final"],
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
      ["minFunding", "Below this total at settlement everything is refunded"],
      ["settlementDeadline", "Deadline for final data"],
      ["gracePeriod", "Seconds after the settlement deadline before NoData"],
      ["outcomeCount", "Outcome terms (rows in escrow_outcomes)"],
      ["beneficiaryCount", "Beneficiaries (rows in escrow_beneficiaries)"],
      ["depositCount", "Deposited events"],
      ["totalDeposited", "Σ credited deposits"],
      ["status", "Open, Achieved or Refunding"],
      ["settleReason", "Achieved, NoData or Underfunded"],
      ["compositeWad", "Composite achievement (1e18 = 100 %)"],
      ["beneficiaryPot", "Pot for beneficiaries at settlement"],
      ["refundPot", "Pot for funders at settlement"],
      ["totalClaimed", "Σ Claimed"],
      ["totalRefunded", "Σ Refunded"],
      ["balance", "totalDeposited − totalClaimed − totalRefunded: what the escrow still holds of credited funds"],
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
      ["raiseDeadline", "Last second investments are accepted"],
      ["fundCap", "Most the outcome payers may commit"],
      ["settlementDeadline", "Earliest settlement time"],
      ["gracePeriod", "Seconds after the settlement deadline before silence counts as no data"],
      ["repaymentThresholdWad", "Repayment curve: composite below which investors get only the unspent capital"],
      ["repaymentPrincipalAtWad", "Repayment curve: composite at which the disbursed principal is repaid"],
      ["repaymentMaxReturnWad", "Repayment curve: return on disbursed capital at full achievement (1e18 = 100 %)"],
      ["providerCount", "Distinct providers of the schedule"],
      ["trancheCount", "Tranches (rows in pool_tranches)"],
      ["outcomeCount", "Basket terms (rows in pool_outcomes)"],
      ["phase", "Raising, Funded or Settled (as of the last event)"],
      ["totalInvested", "Σ Invested (capital in, = shares minted)"],
      ["totalWithdrawn", "Σ Withdrawn after a failed raise"],
      ["totalCommitted", "Σ Committed to the outcome fund"],
      ["totalDisbursed", "Σ Disbursed to providers"],
      ["resolution", "Achieved or NoData (at settlement)"],
      ["compositeWad", "Composite achievement of the basket (1e18 = 100 %)"],
      ["multipleWad", "Repayment multiple of disbursed capital from the curve"],
      ["outcomePayment", "Part of the outcome fund paid to investors"],
      ["investorPot", "Investor pot at settlement: unspent capital + outcome payment"],
      ["refundPot", "Outcome payers' refund pot at settlement"],
      ["totalRedeemed", "Σ Redeemed (tokens paid for burned shares)"],
      ["totalRefunded", "Σ Refunded to outcome payers"],
      ["sharesOutstanding", "Shares minted − burned"],
      ["balance", "Tokens in − tokens out from events: what the pool still holds of credited funds"],
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
      ["shareBps", "Share of the capital target, in basis points"],
      ["amount", "capitalTarget × shareBps / 10000 (rounded down)"],
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
      ["shares", "Shares moved (18 decimals, 1 share = 1 token unit of capital)"],
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
      ["refundPot", "Funders' (escrow) or outcome payers' (pool) refund pot"],
      ["multipleWad", "Pool: repayment multiple of disbursed capital (empty for escrows)"],
      ["outcomePayment", "Pool: part of the outcome fund paid to investors (empty for escrows)"],
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
      ["shares", "Pool shares burned by a redeem or withdraw (empty otherwise)"],
      ...EVENT_COLUMNS,
    ],
  },
} as const satisfies Record<string, { about: string; columns: readonly (readonly [string, string])[] }>;
export type TableName = keyof typeof TABLES;
export type Tables = Record<TableName, Row[]>;

/* ------------------------------------------------------------------------------------------------------------ *
 * Options and result
 * ------------------------------------------------------------------------------------------------------------ */

/** The suite's core addresses; clones are discovered from the factories' events. */
export interface SuiteAddresses {
  registry?: Address;
  oracle?: Address;
  escrowFactory?: Address;
  poolFactory?: Address;
}

export interface ExportOptions {
  fromBlock?: bigint;
  /** Default: the latest block. */
  toBlock?: bigint;
  /** Blocks per eth_getLogs request (default 2000). */
  chunkSize?: bigint;
  /** Fetch block timestamps for the blocks that have events (default true). */
  timestamps?: boolean;
  /** Called after each chunk with (blocks done, blocks total). */
  onProgress?: (done: bigint, total: bigint) => void;
}

export interface Manifest {
  generator: string;
  chainId: number;
  fromBlock: string;
  toBlock: string;
  chunkSize: string;
  requests: number;
  logCount: number;
  contracts: {
    registry?: Address;
    oracle?: Address;
    escrowFactory?: Address;
    poolFactory?: Address;
    escrows: Address[];
    pools: Address[];
  };
  tables: Record<TableName, { rows: number; json: string; csv: string }>;
}

export interface ExportResult {
  tables: Tables;
  manifest: Manifest;
}

/* ------------------------------------------------------------------------------------------------------------ *
 * Decoding helpers
 * ------------------------------------------------------------------------------------------------------------ */

type Args = Record<string, unknown>;
const STATUS = ["None", "Draft", "Active", "Concluded"] as const;
const SLOT_STATUS = ["None", "Collecting", "Proposed", "Disputed", "Final", "Unresolved"] as const;
const UNRESOLVED = ["NoQuorum", "ArbiterInvalid", "ArbitrationExpired"] as const;
const ESCROW_STATUS = ["Open", "Achieved", "Refunding"] as const;
const SETTLE_REASON = ["Achieved", "NoData", "Underfunded"] as const;
const RESOLUTION = ["Pending", "Achieved", "NoData"] as const;
const ZERO = "0x0000000000000000000000000000000000000000";
const ROLE_NAMES = ["funder", "provider", "evaluator", "investor", "supporter"] as const;

const big = (v: unknown): bigint => (typeof v === "bigint" ? v : BigInt(v as number));
const num = (v: unknown): number => Number(v);
const addr = (v: unknown): Address => getAddress(v as string);
const name = <T extends readonly string[]>(names: T, v: unknown): string => names[num(v)] ?? `#${num(v)}`;
/** A bytes32 holding left-aligned text (hashtags, metric keys) as a string. */
const text32 = (v: unknown): string => hexToString(v as Hex, { size: 32 }).replace(/\0+$/, "");

/** The columns of one `OutcomeLib.OutcomeTerm` (escrow outcomes and pool baskets share them). */
function outcomeTerm(o: Args): Row {
  const c = o.curve as Args;
  const values = c.stepValues as bigint[];
  const ratios = c.stepRatiosWad as bigint[];
  return {
    missionId: big(o.missionId),
    goalId: num(o.goalId),
    period: num(o.period),
    weightWad: big(o.weightWad),
    curveKind: name(CURVE_KINDS, c.kind),
    lowerIsBetter: Boolean(c.lowerIsBetter),
    baseline: big(c.baseline),
    target: big(c.target),
    threshold: big(c.threshold),
    capWad: big(c.capWad),
    steps: values.map((v, i) => `${v}:${ratios[i] ?? 0n}`).join("|"),
  };
}

interface Decoded {
  kind: Kind;
  eventName: string;
  args: Args;
  address: Address;
  meta: Meta;
}

/** Where an event row comes from. */
interface Meta extends Row {
  blockNumber: bigint;
  timestamp: bigint | null;
  txHash: Hex | null;
  logIndex: number | null;
}

/* ------------------------------------------------------------------------------------------------------------ *
 * The state being rebuilt
 * ------------------------------------------------------------------------------------------------------------ */

class State {
  missions = new Map<string, Row>();
  goals: Row[] = [];
  participants = new Map<string, Row>();
  pledges: Row[] = [];
  endorsements: Row[] = [];
  committees: Row[] = [];
  reports: Row[] = [];
  slots = new Map<string, Row>();
  disputes = new Map<string, Row>();
  bonds: Row[] = [];
  escrows = new Map<Address, Row>();
  escrowOutcomes: Row[] = [];
  escrowBeneficiaries: Row[] = [];
  pools = new Map<Address, Row>();
  poolOutcomes: Row[] = [];
  poolTranches: Row[] = [];
  poolShareTransfers: Row[] = [];
  deposits: Row[] = [];
  settlements: Row[] = [];
  payouts: Row[] = [];

  mission(id: bigint): Row {
    const m = this.missions.get(id.toString());
    if (m === undefined) throw new Error(`exporter: event for unknown mission ${id} (is fromBlock too late?)`);
    return m;
  }

  participant(missionId: bigint, account: Address): Row {
    const key = `${missionId}:${account}`;
    const p = this.participants.get(key);
    if (p === undefined) throw new Error(`exporter: event for a participant that never joined: ${key}`);
    return p;
  }

  slot(args: Args): Row {
    const key = `${big(args.missionId)}:${num(args.goalId)}:${num(args.period)}`;
    let s = this.slots.get(key);
    if (s === undefined) {
      s = {
        missionId: big(args.missionId),
        goalId: num(args.goalId),
        period: num(args.period),
        status: "Collecting",
        committeeVersion: null,
        reportCount: 0,
        proposedValue: null,
        challengeEnd: null,
        disputed: false,
        finalValue: null,
        finalizedAt: null,
        unresolvedReason: null,
      };
      this.slots.set(key, s);
    }
    return s;
  }

  escrow(address: Address): Row {
    const e = this.escrows.get(address);
    if (e === undefined) throw new Error(`exporter: event from unknown escrow ${address}`);
    return e;
  }

  pool(address: Address): Row {
    const p = this.pools.get(address);
    if (p === undefined) throw new Error(`exporter: event from unknown pool ${address}`);
    return p;
  }

  apply(d: Decoded): void {
    const a = d.args;
    const m = d.meta;
    switch (`${d.kind}.${d.eventName}`) {
      /* ---- registry ---- */
      case "registry.MissionCreated":
        this.missions.set(big(a.missionId).toString(), {
          missionId: big(a.missionId),
          hashtag: text32(a.hashtag),
          steward: addr(a.steward),
          status: "Draft",
          metadataURI: a.metadataURI as string,
          contentHash: a.contentHash as Hex,
          versionCount: 0,
          goalCount: 0,
          participantCount: 0,
          pledgeCount: 0,
          endorsementCount: 0,
          createdBlock: m.blockNumber,
          createdAt: m.timestamp,
        });
        return;
      case "registry.GoalVersionAdded": {
        const mission = this.mission(big(a.missionId));
        const goals = a.goals as Args[];
        goals.forEach((g, i) => {
          this.goals.push({
            missionId: big(a.missionId),
            goalId: num(a.firstGoalId) + i,
            version: num(a.version),
            metricKey: text32(g.metricKey),
            decimals: num(g.decimals),
            baseline: big(g.baseline),
            target: big(g.target),
            direction: big(g.target) > big(g.baseline) ? "increase" : "decrease",
            firstPeriodEnd: big(g.firstPeriodEnd),
            periodLength: big(g.periodLength),
            periodCount: num(g.periodCount),
            reportingWindow: big(g.reportingWindow),
            versionURI: a.metadataURI as string,
            versionContentHash: a.contentHash as Hex,
            blockNumber: m.blockNumber,
          });
        });
        mission.versionCount = num(mission.versionCount) + 1;
        mission.goalCount = num(mission.goalCount) + goals.length;
        return;
      }
      case "registry.MissionStatusChanged":
        this.mission(big(a.missionId)).status = name(STATUS, a.to);
        return;
      case "registry.StewardTransferred":
        this.mission(big(a.missionId)).steward = addr(a.newSteward);
        return;
      case "registry.ParticipantJoined": {
        const key = `${big(a.missionId)}:${addr(a.account)}`;
        const roles = num(a.roles);
        const roleNames = ROLE_NAMES.filter((_, i) => (roles & (1 << i)) !== 0).join("|");
        const existing = this.participants.get(key);
        if (existing !== undefined) {
          existing.roles = roles;
          existing.roleNames = roleNames;
          return;
        }
        this.participants.set(key, {
          missionId: big(a.missionId),
          account: addr(a.account),
          roles,
          roleNames,
          joinedBlock: m.blockNumber,
          pledgeCount: 0,
          endorsementsReceived: 0,
          endorsementsGiven: 0,
        });
        const mission = this.mission(big(a.missionId));
        mission.participantCount = num(mission.participantCount) + 1;
        return;
      }
      case "registry.Pledged": {
        this.pledges.push({
          missionId: big(a.missionId),
          account: addr(a.account),
          pledgeIndex: num(a.pledgeIndex),
          uri: a.uri as string,
          contentHash: a.contentHash as Hex,
          ...m,
        });
        const p = this.participant(big(a.missionId), addr(a.account));
        p.pledgeCount = num(p.pledgeCount) + 1;
        const mission = this.mission(big(a.missionId));
        mission.pledgeCount = num(mission.pledgeCount) + 1;
        return;
      }
      case "registry.Endorsed": {
        this.endorsements.push({
          missionId: big(a.missionId),
          endorser: addr(a.endorser),
          participant: addr(a.participant),
          contributionHash: a.contributionHash as Hex,
          ...m,
        });
        const from = this.participant(big(a.missionId), addr(a.endorser));
        const to = this.participant(big(a.missionId), addr(a.participant));
        from.endorsementsGiven = num(from.endorsementsGiven) + 1;
        to.endorsementsReceived = num(to.endorsementsReceived) + 1;
        const mission = this.mission(big(a.missionId));
        mission.endorsementCount = num(mission.endorsementCount) + 1;
        return;
      }
      /* ---- oracle ---- */
      case "oracle.CommitteeSet": {
        const members = (a.members as string[]).map(addr);
        this.committees.push({
          missionId: big(a.missionId),
          version: num(a.version),
          members: members.join("|"),
          size: members.length,
          quorum: num(a.quorum),
          challengeWindow: num(a.challengeWindow),
          bondToken: addr(a.bondToken),
          bondAmount: big(a.bondAmount),
          arbiter: addr(a.arbiter),
          adapter: addr(a.adapter),
          ...m,
        });
        return;
      }
      case "oracle.ReportSubmitted": {
        this.reports.push({
          missionId: big(a.missionId),
          goalId: num(a.goalId),
          period: num(a.period),
          reporter: addr(a.reporter),
          value: big(a.value),
          evidenceHash: a.evidenceHash as Hex,
          via: addr(a.via),
          withdrawn: false,
          ...m,
        });
        const s = this.slot(a);
        s.reportCount = num(s.reportCount) + 1;
        return;
      }
      case "oracle.ReportWithdrawn": {
        const key = (r: Row) =>
          r.missionId === big(a.missionId) &&
          r.goalId === num(a.goalId) &&
          r.period === num(a.period) &&
          r.reporter === addr(a.reporter) &&
          r.withdrawn === false;
        const report = this.reports.find(key);
        if (report !== undefined) report.withdrawn = true;
        const s = this.slot(a);
        s.reportCount = num(s.reportCount) - 1;
        return;
      }
      case "oracle.ValueProposed": {
        const s = this.slot(a);
        s.status = "Proposed";
        s.proposedValue = big(a.value);
        s.challengeEnd = num(a.challengeEnd);
        s.committeeVersion = num(a.version);
        return;
      }
      case "oracle.ValueDisputed": {
        const s = this.slot(a);
        s.status = "Disputed";
        s.disputed = true;
        this.disputes.set(`${big(a.missionId)}:${num(a.goalId)}:${num(a.period)}`, {
          missionId: big(a.missionId),
          goalId: num(a.goalId),
          period: num(a.period),
          disputer: addr(a.disputer),
          bondToken: addr(a.bondToken),
          bond: big(a.bond),
          outcome: "pending",
          arbiter: null,
          resolvedValue: null,
          disputerWon: null,
          ...m,
        });
        this.bonds.push({
          token: addr(a.bondToken),
          account: addr(a.disputer),
          kind: "posted",
          amount: big(a.bond),
          ...m,
        });
        return;
      }
      case "oracle.DisputeResolved": {
        const dispute = this.disputes.get(`${big(a.missionId)}:${num(a.goalId)}:${num(a.period)}`);
        if (dispute !== undefined) {
          dispute.outcome = "resolved";
          dispute.arbiter = addr(a.arbiter);
          dispute.resolvedValue = big(a.value);
          dispute.disputerWon = Boolean(a.disputerWon);
        }
        return;
      }
      case "oracle.ValueFinalized": {
        const s = this.slot(a);
        s.status = "Final";
        s.finalValue = big(a.value);
        s.finalizedAt = num(a.finalizedAt);
        return;
      }
      case "oracle.SlotUnresolved": {
        const s = this.slot(a);
        s.status = "Unresolved";
        s.unresolvedReason = name(UNRESOLVED, a.reason);
        const dispute = this.disputes.get(`${big(a.missionId)}:${num(a.goalId)}:${num(a.period)}`);
        if (dispute !== undefined && dispute.outcome === "pending") {
          dispute.outcome = num(a.reason) === 1 ? "invalid" : "expired";
        }
        return;
      }
      case "oracle.BondCredited":
        this.bonds.push({
          token: addr(a.token),
          account: addr(a.account),
          kind: "credited",
          amount: big(a.amount),
          ...m,
        });
        return;
      case "oracle.BondWithdrawn":
        this.bonds.push({
          token: addr(a.token),
          account: addr(a.account),
          kind: "withdrawn",
          amount: big(a.amount),
          ...m,
        });
        return;
      /* ---- escrows ---- */
      case "escrowFactory.EscrowCreated": {
        const t = a.terms as Args;
        const escrow = addr(a.escrow);
        const outcomes = t.outcomes as Args[];
        const beneficiaries = t.beneficiaries as Args[];
        this.escrows.set(escrow, {
          escrow,
          missionId: big(a.missionId),
          index: big(a.index),
          creator: addr(a.creator),
          token: addr(t.token),
          goalVersion: num(t.goalVersion),
          fundingDeadline: big(t.fundingDeadline),
          minFunding: big(t.minFunding),
          settlementDeadline: big(t.settlementDeadline),
          gracePeriod: num(t.gracePeriod),
          outcomeCount: outcomes.length,
          beneficiaryCount: beneficiaries.length,
          depositCount: 0,
          totalDeposited: 0n,
          status: "Open",
          settleReason: null,
          compositeWad: null,
          beneficiaryPot: null,
          refundPot: null,
          totalClaimed: 0n,
          totalRefunded: 0n,
          balance: 0n,
          createdBlock: m.blockNumber,
        });
        outcomes.forEach((o, termIndex) => this.escrowOutcomes.push({ escrow, termIndex, ...outcomeTerm(o) }));
        for (const b of beneficiaries) {
          this.escrowBeneficiaries.push({ escrow, account: addr(b.account), weight: big(b.weight) });
        }
        return;
      }
      case "escrow.Deposited": {
        const e = this.escrow(d.address);
        const amount = big(a.credited);
        this.deposits.push({
          contract: d.address,
          contractKind: "escrow",
          kind: "deposit",
          account: addr(a.funder),
          payer: addr(a.payer),
          amount,
          ...m,
        });
        e.depositCount = num(e.depositCount) + 1;
        e.totalDeposited = big(e.totalDeposited) + amount;
        e.balance = big(e.balance) + amount;
        return;
      }
      case "escrow.Settled": {
        const e = this.escrow(d.address);
        e.status = name(ESCROW_STATUS, a.status);
        e.settleReason = name(SETTLE_REASON, a.reason);
        e.compositeWad = big(a.compositeWad);
        e.beneficiaryPot = big(a.beneficiaryPot);
        e.refundPot = big(a.refundPot);
        this.settlements.push({
          contract: d.address,
          contractKind: "escrow",
          status: e.status,
          reason: e.settleReason,
          compositeWad: big(a.compositeWad),
          payoutPot: big(a.beneficiaryPot),
          refundPot: big(a.refundPot),
          multipleWad: null,
          outcomePayment: null,
          ...m,
        });
        return;
      }
      case "escrow.Claimed":
      case "escrow.Refunded": {
        const e = this.escrow(d.address);
        const amount = big(a.amount);
        const kind = d.eventName === "Claimed" ? "claim" : "refund";
        this.payouts.push({
          contract: d.address,
          contractKind: "escrow",
          kind,
          account: addr(a.account),
          amount,
          shares: null,
          ...m,
        });
        if (kind === "claim") e.totalClaimed = big(e.totalClaimed) + amount;
        else e.totalRefunded = big(e.totalRefunded) + amount;
        e.balance = big(e.balance) - amount;
        return;
      }
      /* ---- impact pools ---- */
      case "poolFactory.PoolCreated": {
        const t = a.terms as Args;
        const pool = addr(a.pool);
        const repayment = t.repayment as Args;
        const schedule = t.schedule as Args;
        const providers = (schedule.providers as string[]).map(addr);
        const tranches = schedule.tranches as Args[];
        const basket = t.basket as Args[];
        const capitalTarget = big(t.capitalTarget);
        this.pools.set(pool, {
          pool,
          poolIndex: big(a.poolIndex),
          creator: addr(a.creator),
          name: t.name as string,
          symbol: t.symbol as string,
          token: addr(t.token),
          capitalTarget,
          raiseDeadline: big(t.raiseDeadline),
          fundCap: big(t.fundCap),
          settlementDeadline: big(t.settlementDeadline),
          gracePeriod: big(t.gracePeriod),
          repaymentThresholdWad: big(repayment.thresholdWad),
          repaymentPrincipalAtWad: big(repayment.principalAtWad),
          repaymentMaxReturnWad: big(repayment.maxReturnWad),
          providerCount: providers.length,
          trancheCount: tranches.length,
          outcomeCount: basket.length,
          phase: "Raising",
          totalInvested: 0n,
          totalWithdrawn: 0n,
          totalCommitted: 0n,
          totalDisbursed: 0n,
          resolution: null,
          compositeWad: null,
          multipleWad: null,
          outcomePayment: null,
          investorPot: null,
          refundPot: null,
          totalRedeemed: 0n,
          totalRefunded: 0n,
          sharesOutstanding: 0n,
          balance: 0n,
          createdBlock: m.blockNumber,
        });
        basket.forEach((o, termIndex) => this.poolOutcomes.push({ pool, termIndex, ...outcomeTerm(o) }));
        tranches.forEach((tr, trancheIndex) => {
          const hasMilestone = Boolean(tr.hasMilestone);
          this.poolTranches.push({
            pool,
            trancheIndex,
            provider: providers[num(tr.provider)] ?? null,
            dueAt: big(tr.dueAt),
            shareBps: num(tr.shareBps),
            amount: (capitalTarget * big(tr.shareBps)) / 10_000n,
            hasMilestone,
            missionId: big(tr.missionId),
            goalId: num(tr.goalId),
            period: num(tr.period),
            minValue: big(tr.minValue),
            disbursed: false,
            disbursedBlock: null,
          });
        });
        return;
      }
      case "pool.Invested":
      case "pool.Committed": {
        const p = this.pool(d.address);
        const invest = d.eventName === "Invested";
        const account = addr(invest ? a.investor : a.payer);
        const amount = big(a.amount);
        this.deposits.push({
          contract: d.address,
          contractKind: "pool",
          kind: invest ? "invest" : "commit",
          account,
          payer: account,
          amount,
          ...m,
        });
        if (invest) {
          p.totalInvested = big(p.totalInvested) + amount;
          if (big(p.totalInvested) >= big(p.capitalTarget)) p.phase = "Funded";
        } else p.totalCommitted = big(p.totalCommitted) + amount;
        p.balance = big(p.balance) + amount;
        return;
      }
      case "pool.Disbursed":
      case "pool.Withdrawn":
      case "pool.Redeemed":
      case "pool.Refunded": {
        const p = this.pool(d.address);
        const row = (kind: string, account: unknown, amount: bigint, shares: bigint | null) => {
          this.payouts.push({
            contract: d.address,
            contractKind: "pool",
            kind,
            account: addr(account),
            amount,
            shares,
            ...m,
          });
          p.balance = big(p.balance) - amount;
        };
        if (d.eventName === "Disbursed") {
          const amount = big(a.amount);
          row("disburse", a.provider, amount, null);
          p.totalDisbursed = big(p.totalDisbursed) + amount;
          const tranche = this.poolTranches.find((t) => t.pool === d.address && t.trancheIndex === num(a.index));
          if (tranche !== undefined) {
            tranche.disbursed = true;
            tranche.disbursedBlock = m.blockNumber;
          }
        } else if (d.eventName === "Withdrawn") {
          // Withdrawals return capital 1:1 for shares.
          row("withdraw", a.investor, big(a.shares), big(a.shares));
          p.totalWithdrawn = big(p.totalWithdrawn) + big(a.shares);
        } else if (d.eventName === "Redeemed") {
          row("redeem", a.account, big(a.amount), big(a.shares));
          p.totalRedeemed = big(p.totalRedeemed) + big(a.amount);
        } else {
          row("refund", a.payer, big(a.amount), null);
          p.totalRefunded = big(p.totalRefunded) + big(a.amount);
        }
        return;
      }
      case "pool.Settled": {
        const p = this.pool(d.address);
        p.phase = "Settled";
        p.resolution = name(RESOLUTION, a.resolution);
        p.compositeWad = big(a.compositeWad);
        p.multipleWad = big(a.multipleWad);
        p.outcomePayment = big(a.outcomePayment);
        p.investorPot = big(a.investorPot);
        p.refundPot = big(a.refundPot);
        this.settlements.push({
          contract: d.address,
          contractKind: "pool",
          status: "Settled",
          reason: p.resolution,
          compositeWad: big(a.compositeWad),
          payoutPot: big(a.investorPot),
          refundPot: big(a.refundPot),
          multipleWad: big(a.multipleWad),
          outcomePayment: big(a.outcomePayment),
          ...m,
        });
        return;
      }
      case "pool.Transfer": {
        const p = this.pool(d.address);
        const from = addr(a.from);
        const to = addr(a.to);
        const shares = big(a.value);
        const kind = from === ZERO ? "mint" : to === ZERO ? "burn" : "transfer";
        this.poolShareTransfers.push({ pool: d.address, kind, from, to, shares, ...m });
        if (kind === "mint") p.sharesOutstanding = big(p.sharesOutstanding) + shares;
        if (kind === "burn") p.sharesOutstanding = big(p.sharesOutstanding) - shares;
        return;
      }
      default:
        return; // events that carry no open data of their own (e.g. the implementation's, or future ones)
    }
  }

  tables(): Tables {
    const bySlot = (x: Row, y: Row) =>
      Number(big(x.missionId) - big(y.missionId)) || num(x.goalId) - num(y.goalId) || num(x.period) - num(y.period);
    return {
      missions: [...this.missions.values()],
      goals: this.goals,
      participants: [...this.participants.values()],
      pledges: this.pledges,
      endorsements: this.endorsements,
      committees: this.committees,
      reports: this.reports,
      metric_values: [...this.slots.values()].sort(bySlot),
      disputes: [...this.disputes.values()],
      bonds: this.bonds,
      escrows: [...this.escrows.values()],
      escrow_outcomes: this.escrowOutcomes,
      escrow_beneficiaries: this.escrowBeneficiaries,
      pools: [...this.pools.values()],
      pool_outcomes: this.poolOutcomes,
      pool_tranches: this.poolTranches,
      pool_share_transfers: this.poolShareTransfers,
      deposits: this.deposits,
      settlements: this.settlements,
      payouts: this.payouts,
    };
  }
}

/* ------------------------------------------------------------------------------------------------------------ *
 * Fetching
 * ------------------------------------------------------------------------------------------------------------ */

/** Which creation event of which factory kind reveals a clone of which kind. */
const DISCOVERY: { factory: Kind; event: string; arg: string; clone: Kind }[] = [
  { factory: "escrowFactory", event: "EscrowCreated", arg: "escrow", clone: "escrow" },
  { factory: "poolFactory", event: "PoolCreated", arg: "pool", clone: "pool" },
];

function decode(kind: Kind, log: Log): { eventName: string; args: Args } | undefined {
  try {
    const decoded = decodeEventLog({ abi: abiOf(kind), data: log.data, topics: log.topics, strict: true });
    return { eventName: decoded.eventName ?? "", args: (decoded.args ?? {}) as Args };
  } catch {
    return undefined; // not an event of this contract's ABI
  }
}

/** Rebuilds the open-data tables from events in [fromBlock, toBlock]. */
export async function exportOpenData(
  client: PublicClient,
  addresses: SuiteAddresses,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const fromBlock = options.fromBlock ?? 0n;
  const toBlock = options.toBlock ?? (await client.getBlockNumber());
  const chunkSize = options.chunkSize ?? 2000n;
  if (chunkSize < 1n) throw new Error("exporter: chunkSize must be at least 1");
  if (toBlock < fromBlock) throw new Error(`exporter: toBlock ${toBlock} is before fromBlock ${fromBlock}`);
  const chainId = await client.getChainId();

  const kindOf = new Map<Address, Kind>();
  const core: Address[] = [];
  for (const [kind, address] of Object.entries(addresses) as [Kind, Address | undefined][]) {
    if (address === undefined) continue;
    kindOf.set(getAddress(address), kind);
    core.push(getAddress(address));
  }
  const clones: Address[] = [];
  const state = new State();
  const timestamps = new Map<bigint, bigint>();
  let requests = 0;
  let logCount = 0;

  const fetch = async (address: Address[], from: bigint, to: bigint): Promise<Log[]> => {
    if (address.length === 0) return [];
    requests += 1;
    return client.getLogs({ address, fromBlock: from, toBlock: to });
  };

  for (let from = fromBlock; from <= toBlock; from += chunkSize) {
    const to = from + chunkSize - 1n < toBlock ? from + chunkSize - 1n : toBlock;
    const coreLogs = await fetch(core, from, to);
    for (const log of coreLogs) {
      const kind = kindOf.get(getAddress(log.address));
      for (const rule of DISCOVERY) {
        if (kind !== rule.factory) continue;
        const decoded = decode(kind, log);
        if (decoded?.eventName !== rule.event) continue;
        const clone = addr(decoded.args[rule.arg]);
        if (!kindOf.has(clone)) {
          kindOf.set(clone, rule.clone);
          clones.push(clone);
        }
      }
    }
    const cloneLogs = await fetch(clones, from, to);
    const logs = [...coreLogs, ...cloneLogs].sort(
      (x, y) => Number((x.blockNumber ?? 0n) - (y.blockNumber ?? 0n)) || (x.logIndex ?? 0) - (y.logIndex ?? 0),
    );
    logCount += logs.length;
    if (options.timestamps !== false) {
      const blocks = [...new Set(logs.map((l) => l.blockNumber ?? 0n))].filter((b) => !timestamps.has(b));
      const fetched = await Promise.all(blocks.map((blockNumber) => client.getBlock({ blockNumber })));
      fetched.forEach((b) => timestamps.set(b.number, b.timestamp));
      requests += blocks.length;
    }
    for (const log of logs) {
      const address = getAddress(log.address);
      const kind = kindOf.get(address);
      if (kind === undefined) continue;
      const decoded = decode(kind, log);
      if (decoded === undefined) continue;
      const blockNumber = log.blockNumber ?? 0n;
      state.apply({
        kind,
        address,
        eventName: decoded.eventName,
        args: decoded.args,
        meta: {
          blockNumber,
          timestamp: timestamps.get(blockNumber) ?? null,
          txHash: log.transactionHash,
          logIndex: log.logIndex,
        },
      });
    }
    options.onProgress?.(to - fromBlock + 1n, toBlock - fromBlock + 1n);
  }

  const tables = state.tables();
  const manifest: Manifest = {
    generator: "collective-impact-contracts open-data exporter",
    chainId,
    fromBlock: fromBlock.toString(),
    toBlock: toBlock.toString(),
    chunkSize: chunkSize.toString(),
    requests,
    logCount,
    contracts: {
      registry: addresses.registry,
      oracle: addresses.oracle,
      escrowFactory: addresses.escrowFactory,
      poolFactory: addresses.poolFactory,
      escrows: clones.filter((c) => kindOf.get(c) === "escrow"),
      pools: clones.filter((c) => kindOf.get(c) === "pool"),
    },
    tables: Object.fromEntries(
      (Object.keys(TABLES) as TableName[]).map((t) => [
        t,
        { rows: tables[t].length, json: `${t}.json`, csv: `${t}.csv` },
      ]),
    ) as Manifest["tables"],
  };
  return { tables, manifest };
}

/** Writes `<table>.json`, `<table>.csv` and `manifest.json` into `dir` (created when missing). */
export function writeOpenData(dir: string, result: ExportResult): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const table of Object.keys(TABLES) as TableName[]) {
    const columns = TABLES[table].columns.map(([c]) => c);
    const rows = result.tables[table];
    const json = path.join(dir, `${table}.json`);
    const csv = path.join(dir, `${table}.csv`);
    writeFileSync(json, JSON.stringify(rows, jsonReplacer, 2) + "\n");
    writeFileSync(csv, toCsv(columns, rows));
    written.push(json, csv);
  }
  const manifest = path.join(dir, "manifest.json");
  writeFileSync(manifest, JSON.stringify(result.manifest, jsonReplacer, 2) + "\n");
  written.push(manifest);
  return written;
}
