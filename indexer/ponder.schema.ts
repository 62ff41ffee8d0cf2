/**
 * The indexer's tables. `event` holds every event of every contract of the suite (decoded arguments as JSON plus
 * the raw topics and data, so the exporter's reducer can replay them: see src/api/open-data.ts). The other tables are
 * maintained by the handlers in src/handlers/ for dashboards: missions, escrows, pools, the typed rows of the
 * exporter's tables (`goal`, `pledge`, `endorsement`, `committee`, `report`, `metric_value`, `dispute`, `bond`,
 * `escrow_outcome`, `escrow_beneficiary`, `pool_outcome`, `pool_tranche`, `pool_share_transfer`, and the money tables `deposit`, `payout`, `settlement`: each the same rows
 * and exact columns as the exporter's table of that name in the plural), and per-account `position`s. Amounts are
 * token base units (numeric(78) in Postgres: bigint in TypeScript); the exporter's human columns (`*_tokens`,
 * `*_iso`) are derived when files are written, not stored.
 */
import { index, onchainTable, primaryKey, relations, type PgColumnsBuilders } from "ponder";

/** Where a row that comes from one event was emitted (the exporter's event columns, in its order). */
const eventColumns = (t: PgColumnsBuilders) => ({
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  txHash: t.hex().notNull(),
  logIndex: t.integer().notNull(),
});

/** A metric slot: (mission, goal, period). */
const slotColumns = (t: PgColumnsBuilders) => ({
  missionId: t.bigint().notNull(),
  goalId: t.integer().notNull(),
  period: t.integer().notNull(),
});

/** One outcome term of an escrow or a pool basket (the exporter's `OUTCOME_TERM_COLUMNS`, in its order). */
const outcomeTermColumns = (t: PgColumnsBuilders) => ({
  termIndex: t.integer().notNull(),
  ...slotColumns(t),
  weightWad: t.bigint().notNull(),
  curveKind: t.text().notNull(),
  lowerIsBetter: t.boolean().notNull(),
  baseline: t.bigint().notNull(),
  target: t.bigint().notNull(),
  threshold: t.bigint().notNull(),
  capWad: t.bigint().notNull(),
  /** Stepped curve: value:ratioWad pairs, separated by |. */
  steps: t.text().notNull(),
});

/** A money row: its event id, and the escrow or pool it belongs to. */
const contractColumns = (t: PgColumnsBuilders) => ({
  id: t.text().primaryKey(),
  contract: t.hex().notNull(),
  contractKind: t.text().notNull(),
});

/** Every event of every contract of the suite, in (block, log index) order. */
export const event = onchainTable(
  "event",
  (t) => ({
    id: t.text().primaryKey(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    address: t.hex().notNull(),
    contract: t.text().notNull(),
    eventName: t.text().notNull(),
    /** Decoded arguments, JSON with bigints as decimal strings. */
    args: t.text().notNull(),
    topics: t.hex().array().notNull(),
    data: t.hex().notNull(),
  }),
  (table) => ({ blockIdx: index().on(table.blockNumber, table.logIndex), addressIdx: index().on(table.address) }),
);

/**
 * Every escrow, pool and bond token: its `decimals()` and `symbol()` (the exporter's manifest `tokens`), so a client
 * shows each amount in whole tokens with its symbol. A contract without `decimals()` has no row.
 */
export const token = onchainTable("token", (t) => ({
  address: t.hex().primaryKey(),
  decimals: t.integer().notNull(),
  symbol: t.text(),
}));

/** One row per mission: the exporter's `missions` columns, plus report and escrow counts and escrow money aggregates (funded, paid, refunded, pending). */
export const mission = onchainTable("mission", (t) => ({
  missionId: t.bigint().primaryKey(),
  hashtag: t.text().notNull(),
  steward: t.hex().notNull(),
  status: t.text().notNull(),
  metadataURI: t.text().notNull(),
  contentHash: t.hex().notNull(),
  versionCount: t.integer().notNull(),
  goalCount: t.integer().notNull(),
  participantCount: t.integer().notNull(),
  pledgeCount: t.integer().notNull(),
  endorsementCount: t.integer().notNull(),
  reportCount: t.integer().notNull(),
  escrowCount: t.integer().notNull(),
  /** Σ credited deposits into the mission's escrows. */
  funded: t.bigint().notNull(),
  /** Σ claims paid to beneficiaries. */
  paid: t.bigint().notNull(),
  /** Σ refunds paid to funders. */
  refunded: t.bigint().notNull(),
  /** funded − paid − refunded: still held by the mission's escrows. */
  pending: t.bigint().notNull(),
  createdBlock: t.bigint().notNull(),
  createdAt: t.bigint().notNull(),
}));

/** One row per goal (the exporter's `goals`): goal ids are mission-wide, each goal in the version that added it. */
export const goal = onchainTable(
  "goal",
  (t) => ({
    missionId: t.bigint().notNull(),
    goalId: t.integer().notNull(),
    version: t.integer().notNull(),
    metricKey: t.text().notNull(),
    decimals: t.integer().notNull(),
    baseline: t.bigint().notNull(),
    target: t.bigint().notNull(),
    direction: t.text().notNull(),
    firstPeriodEnd: t.bigint().notNull(),
    periodLength: t.bigint().notNull(),
    periodCount: t.integer().notNull(),
    reportingWindow: t.bigint().notNull(),
    versionURI: t.text().notNull(),
    versionContentHash: t.hex().notNull(),
    blockNumber: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.missionId, table.goalId] }) }),
);

/** One row per committee version of a mission (the exporter's `committees`); members joined by `|`. */
export const committee = onchainTable(
  "committee",
  (t) => ({
    missionId: t.bigint().notNull(),
    version: t.integer().notNull(),
    members: t.text().notNull(),
    size: t.integer().notNull(),
    quorum: t.integer().notNull(),
    challengeWindow: t.integer().notNull(),
    bondToken: t.hex().notNull(),
    bondAmount: t.bigint().notNull(),
    arbiter: t.hex().notNull(),
    adapter: t.hex().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.missionId, table.version] }) }),
);

/** One row per metric report (the exporter's `reports`); `withdrawn` when the adapter later withdrew it. */
export const report = onchainTable(
  "report",
  (t) => ({
    id: t.text().primaryKey(),
    ...slotColumns(t),
    reporter: t.hex().notNull(),
    value: t.bigint().notNull(),
    evidenceHash: t.hex().notNull(),
    via: t.hex().notNull(),
    withdrawn: t.boolean().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ slotIdx: index().on(table.missionId, table.goalId, table.period, table.reporter) }),
);

/** A participant's pledge (the exporter's `pledges`: mission, account, pledge index, URI, content hash). */
export const pledge = onchainTable(
  "pledge",
  (t) => ({
    id: t.text().primaryKey(),
    missionId: t.bigint().notNull(),
    account: t.hex().notNull(),
    pledgeIndex: t.integer().notNull(),
    uri: t.text().notNull(),
    contentHash: t.hex().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ missionIdx: index().on(table.missionId) }),
);

/** An endorsement of a participant's contribution (the exporter's `endorsements`). */
export const endorsement = onchainTable(
  "endorsement",
  (t) => ({
    id: t.text().primaryKey(),
    missionId: t.bigint().notNull(),
    endorser: t.hex().notNull(),
    participant: t.hex().notNull(),
    contributionHash: t.hex().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ missionIdx: index().on(table.missionId) }),
);

/** One row per (mission, goal, period) slot that received an oracle event (the exporter's `metric_values`). */
export const metricValue = onchainTable(
  "metric_value",
  (t) => ({
    ...slotColumns(t),
    status: t.text().notNull(),
    committeeVersion: t.integer(),
    reportCount: t.integer().notNull(),
    proposedValue: t.bigint(),
    challengeEnd: t.bigint(),
    disputed: t.boolean().notNull(),
    finalValue: t.bigint(),
    finalizedAt: t.bigint(),
    unresolvedReason: t.text(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.missionId, table.goalId, table.period] }) }),
);

/** One row per disputed slot (the exporter's `disputes`): who disputed, the bond, and how it ended. */
export const dispute = onchainTable(
  "dispute",
  (t) => ({
    ...slotColumns(t),
    disputer: t.hex().notNull(),
    bondToken: t.hex().notNull(),
    bond: t.bigint().notNull(),
    /** pending, resolved, invalid or expired. */
    outcome: t.text().notNull(),
    arbiter: t.hex(),
    resolvedValue: t.bigint(),
    disputerWon: t.boolean(),
    ...eventColumns(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.missionId, table.goalId, table.period] }) }),
);

/** The oracle's bond bookkeeping (the exporter's `bonds`): posted by a dispute, credited, withdrawn. */
export const bond = onchainTable(
  "bond",
  (t) => ({
    id: t.text().primaryKey(),
    token: t.hex().notNull(),
    account: t.hex().notNull(),
    kind: t.text().notNull(),
    amount: t.bigint().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ accountIdx: index().on(table.account) }),
);

/** A mission's participant (the exporter's `participants`): role mask and names, first join, pledge and endorsement counts. */
export const participant = onchainTable(
  "participant",
  (t) => ({
    missionId: t.bigint().notNull(),
    account: t.hex().notNull(),
    roles: t.integer().notNull(),
    roleNames: t.text().notNull(),
    joinedBlock: t.bigint().notNull(),
    pledgeCount: t.integer().notNull(),
    endorsementsReceived: t.integer().notNull(),
    endorsementsGiven: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.missionId, table.account] }) }),
);

export const escrow = onchainTable(
  "escrow",
  (t) => ({
    address: t.hex().primaryKey(),
    missionId: t.bigint().notNull(),
    index: t.bigint().notNull(),
    creator: t.hex().notNull(),
    token: t.hex().notNull(),
    goalVersion: t.integer().notNull(),
    fundingDeadline: t.bigint().notNull(),
    minFunding: t.bigint().notNull(),
    settlementDeadline: t.bigint().notNull(),
    gracePeriod: t.integer().notNull(),
    outcomeCount: t.integer().notNull(),
    beneficiaryCount: t.integer().notNull(),
    /** Σ beneficiary weights (the denominator of each beneficiary's share). */
    totalWeight: t.bigint().notNull(),
    depositCount: t.integer().notNull(),
    totalDeposited: t.bigint().notNull(),
    status: t.text().notNull(),
    settleReason: t.text(),
    compositeWad: t.bigint(),
    beneficiaryPot: t.bigint(),
    refundPot: t.bigint(),
    totalClaimed: t.bigint().notNull(),
    totalRefunded: t.bigint().notNull(),
    balance: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
  }),
  (table) => ({ missionIdx: index().on(table.missionId) }),
);

/** An escrow's outcome terms, one row per term (the exporter's `escrow_outcomes`). */
export const escrowOutcome = onchainTable(
  "escrow_outcome",
  (t) => ({ escrow: t.hex().notNull(), ...outcomeTermColumns(t) }),
  (table) => ({ pk: primaryKey({ columns: [table.escrow, table.termIndex] }) }),
);

/** An escrow's beneficiaries and their weights (the exporter's `escrow_beneficiaries`; an account at most once). */
export const beneficiaryWeight = onchainTable(
  "escrow_beneficiary",
  (t) => ({ escrow: t.hex().notNull(), account: t.hex().notNull(), weight: t.bigint().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.escrow, table.account] }), accountIdx: index().on(table.account) }),
);

export const pool = onchainTable("pool", (t) => ({
  address: t.hex().primaryKey(),
  poolIndex: t.bigint().notNull(),
  creator: t.hex().notNull(),
  name: t.text().notNull(),
  symbol: t.text().notNull(),
  token: t.hex().notNull(),
  capitalTarget: t.bigint().notNull(),
  raiseDeadline: t.bigint().notNull(),
  fundCap: t.bigint().notNull(),
  settlementDeadline: t.bigint().notNull(),
  gracePeriod: t.bigint().notNull(),
  repaymentThresholdWad: t.bigint().notNull(),
  repaymentPrincipalAtWad: t.bigint().notNull(),
  repaymentMaxReturnWad: t.bigint().notNull(),
  providerCount: t.integer().notNull(),
  trancheCount: t.integer().notNull(),
  outcomeCount: t.integer().notNull(),
  phase: t.text().notNull(),
  totalInvested: t.bigint().notNull(),
  totalWithdrawn: t.bigint().notNull(),
  totalCommitted: t.bigint().notNull(),
  totalDisbursed: t.bigint().notNull(),
  resolution: t.text(),
  compositeWad: t.bigint(),
  multipleWad: t.bigint(),
  outcomePayment: t.bigint(),
  investorPot: t.bigint(),
  refundPot: t.bigint(),
  totalRedeemed: t.bigint().notNull(),
  totalRefunded: t.bigint().notNull(),
  sharesOutstanding: t.bigint().notNull(),
  /** Outcome-fund commitments not yet refunded (the pool's _fundCommitted). */
  fundCommitted: t.bigint().notNull(),
  balance: t.bigint().notNull(),
  createdBlock: t.bigint().notNull(),
}));

/** A pool's outcome basket, one row per term (the exporter's `pool_outcomes`). */
export const poolOutcome = onchainTable(
  "pool_outcome",
  (t) => ({ pool: t.hex().notNull(), ...outcomeTermColumns(t) }),
  (table) => ({ pk: primaryKey({ columns: [table.pool, table.termIndex] }) }),
);

/** The missions a pool's basket pays on (a pool may span several). */
export const poolMission = onchainTable(
  "pool_mission",
  (t) => ({ pool: t.hex().notNull(), missionId: t.bigint().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.pool, table.missionId] }) }),
);

/** A pool's disbursement schedule, one row per tranche, with whether and when it was paid (`pool_tranches`). */
export const poolTranche = onchainTable(
  "pool_tranche",
  (t) => ({
    pool: t.hex().notNull(),
    trancheIndex: t.integer().notNull(),
    provider: t.hex(),
    dueAt: t.bigint().notNull(),
    shareBps: t.integer().notNull(),
    amount: t.bigint().notNull(),
    hasMilestone: t.boolean().notNull(),
    ...slotColumns(t),
    minValue: t.bigint().notNull(),
    disbursed: t.boolean().notNull(),
    disbursedBlock: t.bigint(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.pool, table.trancheIndex] }) }),
);

/** Every transfer of pool shares: mints, burns and transfers (the exporter's `pool_share_transfers`). */
export const poolShareTransfer = onchainTable(
  "pool_share_transfer",
  (t) => ({
    id: t.text().primaryKey(),
    pool: t.hex().notNull(),
    kind: t.text().notNull(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    shares: t.bigint().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ poolIdx: index().on(table.pool), fromIdx: index().on(table.from), toIdx: index().on(table.to) }),
);

/** Money in: escrow deposits, pool investments and commitments (the exporter's `deposits`). */
export const deposit = onchainTable(
  "deposit",
  (t) => ({
    ...contractColumns(t),
    kind: t.text().notNull(),
    account: t.hex().notNull(),
    payer: t.hex().notNull(),
    amount: t.bigint().notNull(),
    ...eventColumns(t),
  }),
  (table) => ({ accountIdx: index().on(table.account), contractIdx: index().on(table.contract) }),
);

/** Money out: escrow claims and refunds, pool disbursements, redemptions, withdrawals, refunds (`payouts`). */
export const payout = onchainTable(
  "payout",
  (t) => ({
    ...contractColumns(t),
    kind: t.text().notNull(),
    account: t.hex().notNull(),
    amount: t.bigint().notNull(),
    shares: t.bigint(),
    ...eventColumns(t),
  }),
  (table) => ({ accountIdx: index().on(table.account), contractIdx: index().on(table.contract) }),
);

/** One row per settlement of an escrow or a pool (`settlements`). */
export const settlement = onchainTable("settlement", (t) => ({
  ...contractColumns(t),
  status: t.text().notNull(),
  reason: t.text().notNull(),
  compositeWad: t.bigint().notNull(),
  payoutPot: t.bigint().notNull(),
  refundPot: t.bigint().notNull(),
  multipleWad: t.bigint(),
  outcomePayment: t.bigint(),
  ...eventColumns(t),
}));

/**
 * An account's position in one escrow or pool: what it put in, what it was paid, its beneficiary weight and pool
 * shares. What it can still claim is derived from this and the contract's settlement (src/api/positions.ts).
 */
export const position = onchainTable(
  "position",
  (t) => ({
    account: t.hex().notNull(),
    contract: t.hex().notNull(),
    contractKind: t.text().notNull(),
    /** Escrow deposits credited to the account (its refund basis); zeroed by its refund. */
    deposited: t.bigint().notNull(),
    /** Beneficiary weight in an escrow (0 for funders). */
    weight: t.bigint().notNull(),
    claimed: t.bigint().notNull(),
    refunded: t.bigint().notNull(),
    invested: t.bigint().notNull(),
    /** Outcome-fund commitment still open (zeroed by the payer's refund). */
    committed: t.bigint().notNull(),
    shares: t.bigint().notNull(),
    redeemed: t.bigint().notNull(),
    withdrawn: t.bigint().notNull(),
    disbursed: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.account, table.contract] }), accountIdx: index().on(table.account) }),
);

export const missionRelations = relations(mission, ({ many }) => ({
  escrows: many(escrow),
  goals: many(goal),
  committees: many(committee),
  metricValues: many(metricValue),
}));
export const goalRelations = relations(goal, ({ one, many }) => ({
  mission: one(mission, { fields: [goal.missionId], references: [mission.missionId] }),
  /** The goal's slots, one per period that received an oracle event: its chart. */
  metricValues: many(metricValue),
}));
export const committeeRelations = relations(committee, ({ one }) => ({
  mission: one(mission, { fields: [committee.missionId], references: [mission.missionId] }),
  bondTokenUnit: one(token, { fields: [committee.bondToken], references: [token.address] }),
}));
export const metricValueRelations = relations(metricValue, ({ one, many }) => ({
  mission: one(mission, { fields: [metricValue.missionId], references: [mission.missionId] }),
  goal: one(goal, { fields: [metricValue.missionId, metricValue.goalId], references: [goal.missionId, goal.goalId] }),
  committee: one(committee, {
    fields: [metricValue.missionId, metricValue.committeeVersion],
    references: [committee.missionId, committee.version],
  }),
  dispute: one(dispute, {
    fields: [metricValue.missionId, metricValue.goalId, metricValue.period],
    references: [dispute.missionId, dispute.goalId, dispute.period],
  }),
  reports: many(report),
}));
export const disputeRelations = relations(dispute, ({ one }) => ({
  bondTokenUnit: one(token, { fields: [dispute.bondToken], references: [token.address] }),
}));
export const bondRelations = relations(bond, ({ one }) => ({
  tokenUnit: one(token, { fields: [bond.token], references: [token.address] }),
}));
export const reportRelations = relations(report, ({ one }) => ({
  slot: one(metricValue, {
    fields: [report.missionId, report.goalId, report.period],
    references: [metricValue.missionId, metricValue.goalId, metricValue.period],
  }),
}));
export const escrowRelations = relations(escrow, ({ one, many }) => ({
  mission: one(mission, { fields: [escrow.missionId], references: [mission.missionId] }),
  /** Named apart from the `token` column (the address), which a relation of that name would hide in GraphQL. */
  tokenUnit: one(token, { fields: [escrow.token], references: [token.address] }),
  positions: many(position),
  outcomes: many(escrowOutcome),
  beneficiaries: many(beneficiaryWeight),
}));
export const escrowOutcomeRelations = relations(escrowOutcome, ({ one }) => ({
  /** Named apart from the `escrow` column (the address), which a relation of that name would hide in GraphQL. */
  outcomeEscrow: one(escrow, { fields: [escrowOutcome.escrow], references: [escrow.address] }),
}));
export const beneficiaryWeightRelations = relations(beneficiaryWeight, ({ one }) => ({
  /** Named apart from the `escrow` column (the address), which a relation of that name would hide in GraphQL. */
  outcomeEscrow: one(escrow, { fields: [beneficiaryWeight.escrow], references: [escrow.address] }),
}));
export const positionRelations = relations(position, ({ one }) => ({
  escrow: one(escrow, { fields: [position.contract], references: [escrow.address] }),
  pool: one(pool, { fields: [position.contract], references: [pool.address] }),
}));
export const poolRelations = relations(pool, ({ one, many }) => ({
  /** Named apart from the `token` column (the address), which a relation of that name would hide in GraphQL. */
  tokenUnit: one(token, { fields: [pool.token], references: [token.address] }),
  positions: many(position),
  missions: many(poolMission),
  outcomes: many(poolOutcome),
  tranches: many(poolTranche),
  shareTransfers: many(poolShareTransfer),
}));
export const poolOutcomeRelations = relations(poolOutcome, ({ one }) => ({
  /** Named apart from the `pool` column (the address), which a relation of that name would hide in GraphQL. */
  impactPool: one(pool, { fields: [poolOutcome.pool], references: [pool.address] }),
}));
export const poolTrancheRelations = relations(poolTranche, ({ one }) => ({
  /** Named apart from the `pool` column (the address), which a relation of that name would hide in GraphQL. */
  impactPool: one(pool, { fields: [poolTranche.pool], references: [pool.address] }),
}));
export const poolShareTransferRelations = relations(poolShareTransfer, ({ one }) => ({
  /** Named apart from the `pool` column (the address), which a relation of that name would hide in GraphQL. */
  impactPool: one(pool, { fields: [poolShareTransfer.pool], references: [pool.address] }),
}));
export const poolMissionRelations = relations(poolMission, ({ one }) => ({
  /** Named apart from the `pool` column (the address), which a relation of that name would hide in GraphQL. */
  impactPool: one(pool, { fields: [poolMission.pool], references: [pool.address] }),
}));
