/**
 * MissionRegistry: every event recorded; missions and participants with their counters, goals, pledges and
 * endorsements (the exporter's `missions`, `participants`, `goals`, `pledges` and `endorsements` rows, built by its
 * `newMission`, `newParticipant`, `goalRows`) kept for dashboards.
 */
import { ponder } from "ponder:registry";
import { endorsement, goal, mission, participant, pledge } from "ponder:schema";
import { getAddress } from "viem";
import {
  goalRows,
  missionStatus,
  newMission,
  newParticipant,
  roleNames,
} from "../../../scripts/open-data/reducers/shared.js";
import { meta, record } from "./shared.js";

export function registerRegistryHandlers(): void {
  ponder.on("MissionRegistry:MissionCreated", async ({ event, context }) => {
    await record(event, context, "MissionRegistry:MissionCreated");
    await context.db.insert(mission).values({
      ...newMission(event.args, event.block.number, event.block.timestamp),
      reportCount: 0,
      escrowCount: 0,
      funded: 0n,
      paid: 0n,
      refunded: 0n,
      pending: 0n,
    });
  });
  ponder.on("MissionRegistry:GoalVersionAdded", async ({ event, context }) => {
    await record(event, context, "MissionRegistry:GoalVersionAdded");
    const goals = goalRows(event.args, event.block.number);
    if (goals.length > 0) await context.db.insert(goal).values(goals);
    await context.db
      .update(mission, { missionId: event.args.missionId })
      .set((m) => ({ versionCount: m.versionCount + 1, goalCount: m.goalCount + goals.length }));
  });
  ponder.on("MissionRegistry:MissionStatusChanged", async ({ event, context }) => {
    await record(event, context, "MissionRegistry:MissionStatusChanged");
    await context.db.update(mission, { missionId: event.args.missionId }).set({ status: missionStatus(event.args.to) });
  });
  ponder.on("MissionRegistry:StewardTransferred", async ({ event, context }) => {
    await record(event, context, "MissionRegistry:StewardTransferred");
    await context.db
      .update(mission, { missionId: event.args.missionId })
      .set({ steward: getAddress(event.args.newSteward) });
  });
  ponder.on("MissionRegistry:ParticipantJoined", async ({ event, context }) => {
    await record(event, context, "MissionRegistry:ParticipantJoined");
    const key = { missionId: event.args.missionId, account: getAddress(event.args.account) };
    const existing = await context.db.find(participant, key);
    if (existing === null) {
      await context.db.insert(participant).values(newParticipant(event.args, event.block.number));
      await context.db
        .update(mission, { missionId: event.args.missionId })
        .set((m) => ({ participantCount: m.participantCount + 1 }));
    } else {
      // `roles` is the full mask after the call.
      await context.db
        .update(participant, key)
        .set({ roles: event.args.roles, roleNames: roleNames(event.args.roles) });
    }
  });
  ponder.on("MissionRegistry:Pledged", async ({ event, context }) => {
    await record(event, context, "MissionRegistry:Pledged");
    const a = event.args;
    await context.db.insert(pledge).values({
      ...meta(event),
      missionId: a.missionId,
      account: a.account,
      pledgeIndex: a.pledgeIndex,
      uri: a.uri,
      contentHash: a.contentHash,
    });
    await context.db
      .update(mission, { missionId: event.args.missionId })
      .set((m) => ({ pledgeCount: m.pledgeCount + 1 }));
    await context.db
      .update(participant, { missionId: a.missionId, account: getAddress(a.account) })
      .set((p) => ({ pledgeCount: p.pledgeCount + 1 }));
  });
  ponder.on("MissionRegistry:Endorsed", async ({ event, context }) => {
    await record(event, context, "MissionRegistry:Endorsed");
    const a = event.args;
    await context.db.insert(endorsement).values({
      ...meta(event),
      missionId: a.missionId,
      endorser: a.endorser,
      participant: a.participant,
      contributionHash: a.contributionHash,
    });
    await context.db
      .update(mission, { missionId: event.args.missionId })
      .set((m) => ({ endorsementCount: m.endorsementCount + 1 }));
    await context.db
      .update(participant, { missionId: a.missionId, account: getAddress(a.endorser) })
      .set((p) => ({ endorsementsGiven: p.endorsementsGiven + 1 }));
    await context.db
      .update(participant, { missionId: a.missionId, account: getAddress(a.participant) })
      .set((p) => ({ endorsementsReceived: p.endorsementsReceived + 1 }));
  });
}
