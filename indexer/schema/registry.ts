/** Every event (`event`), token units (`token`), and the registry's tables: missions, goals, pledges, endorsements, participants. */
import { index, onchainTable, primaryKey } from "ponder";
import { eventColumns } from "./columns";

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

/** One row per mission: the exporter's `missions` columns, plus report and escrow counts and money aggregates over its outcome and scheduled escrows (funded, paid, refunded, pending). */
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
