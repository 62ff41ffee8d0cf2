/** The GraphQL relations between the tables of every domain (one module, so no domain file imports another's tables). */
import { relations } from "ponder";
import { goal, mission, token } from "./registry";
import { bond, committee, dispute, metricValue, report } from "./oracle";
import { beneficiaryWeight, escrow, escrowOutcome } from "./escrow";
import { schedulePoint, schedulePointTerm, schedulePointTier, scheduledEscrow, scheduleTierDeposit } from "./schedule";
import { pool, poolMission, poolOutcome, poolShareTransfer, poolTranche } from "./pool";
import { position } from "./money";

export const missionRelations = relations(mission, ({ many }) => ({
  escrows: many(escrow),
  scheduledEscrows: many(scheduledEscrow),
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
  /** A scheduled pool's points and its payers' commitments per tier (none for a basket pool). */
  points: many(schedulePoint),
  tierDeposits: many(scheduleTierDeposit),
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
export const scheduledEscrowRelations = relations(scheduledEscrow, ({ one, many }) => ({
  mission: one(mission, { fields: [scheduledEscrow.missionId], references: [mission.missionId] }),
  /** Named apart from the `token` column (the address), which a relation of that name would hide in GraphQL. */
  tokenUnit: one(token, { fields: [scheduledEscrow.token], references: [token.address] }),
  points: many(schedulePoint),
  tierDeposits: many(scheduleTierDeposit),
}));
export const schedulePointRelations = relations(schedulePoint, ({ one, many }) => ({
  /** The scheduled escrow whose point it is (contractKind `scheduledEscrow`; null for a pool's point). */
  scheduledEscrow: one(scheduledEscrow, { fields: [schedulePoint.contract], references: [scheduledEscrow.address] }),
  /** The pool in scheduled mode whose point it is (contractKind `pool`; null for an escrow's point). */
  impactPool: one(pool, { fields: [schedulePoint.contract], references: [pool.address] }),
  terms: many(schedulePointTerm),
  tiers: many(schedulePointTier),
}));
export const schedulePointTermRelations = relations(schedulePointTerm, ({ one }) => ({
  point: one(schedulePoint, {
    fields: [schedulePointTerm.contract, schedulePointTerm.pointIndex],
    references: [schedulePoint.contract, schedulePoint.pointIndex],
  }),
}));
export const schedulePointTierRelations = relations(schedulePointTier, ({ one }) => ({
  point: one(schedulePoint, {
    fields: [schedulePointTier.contract, schedulePointTier.pointIndex],
    references: [schedulePoint.contract, schedulePoint.pointIndex],
  }),
}));
export const scheduleTierDepositRelations = relations(scheduleTierDeposit, ({ one }) => ({
  scheduledEscrow: one(scheduledEscrow, {
    fields: [scheduleTierDeposit.contract],
    references: [scheduledEscrow.address],
  }),
  impactPool: one(pool, { fields: [scheduleTierDeposit.contract], references: [pool.address] }),
}));
