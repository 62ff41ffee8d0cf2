/** MissionRegistry events → missions, goals, participants, pledges, endorsements. */
import { getAddress } from "viem";
import type { Decoded } from "../decode.js";
import type { State } from "../state.js";
import { goalRows, missionStatus, newMission, newParticipant, roleNames } from "./shared.js";

export function reduceRegistry(state: State, { event: e, meta: m }: Decoded<"registry">): void {
  switch (e.eventName) {
    case "MissionCreated": {
      const a = e.args;
      state.missions.set(a.missionId, newMission(a, m.blockNumber, m.timestamp));
      return;
    }
    case "GoalVersionAdded": {
      const a = e.args;
      const mission = state.mission(a.missionId);
      state.goals.push(...goalRows(a, m.blockNumber));
      mission.versionCount += 1;
      mission.goalCount += a.goals.length;
      return;
    }
    case "MissionStatusChanged":
      state.mission(e.args.missionId).status = missionStatus(e.args.to);
      return;
    case "StewardTransferred":
      state.mission(e.args.missionId).steward = getAddress(e.args.newSteward);
      return;
    case "ParticipantJoined": {
      const a = e.args;
      const account = getAddress(a.account);
      const existing = state.participants.get(`${a.missionId}:${account}`);
      if (existing !== undefined) {
        existing.roles = a.roles;
        existing.roleNames = roleNames(a.roles);
        return;
      }
      state.participants.set(`${a.missionId}:${account}`, newParticipant(a, m.blockNumber));
      state.mission(a.missionId).participantCount += 1;
      return;
    }
    case "Pledged": {
      const a = e.args;
      const account = getAddress(a.account);
      state.pledges.push({
        missionId: a.missionId,
        account,
        pledgeIndex: a.pledgeIndex,
        uri: a.uri,
        contentHash: a.contentHash,
        ...m,
      });
      state.participant(a.missionId, account).pledgeCount += 1;
      state.mission(a.missionId).pledgeCount += 1;
      return;
    }
    case "Endorsed": {
      const a = e.args;
      const endorser = getAddress(a.endorser);
      const participant = getAddress(a.participant);
      state.endorsements.push({
        missionId: a.missionId,
        endorser,
        participant,
        contributionHash: a.contributionHash,
        ...m,
      });
      state.participant(a.missionId, endorser).endorsementsGiven += 1;
      state.participant(a.missionId, participant).endorsementsReceived += 1;
      state.mission(a.missionId).endorsementCount += 1;
      return;
    }
  }
}
