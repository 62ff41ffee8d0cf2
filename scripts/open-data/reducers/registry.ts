/** MissionRegistry events → missions, goals, participants, pledges, endorsements. */
import { getAddress } from "viem";
import type { Decoded } from "../decode.js";
import type { State } from "../state.js";
import { goalRows, missionStatus, text32 } from "./shared.js";

const ROLE_NAMES = ["funder", "provider", "evaluator", "investor", "supporter"] as const;

export function reduceRegistry(state: State, { event: e, meta: m }: Decoded<"registry">): void {
  switch (e.eventName) {
    case "MissionCreated": {
      const a = e.args;
      state.missions.set(a.missionId, {
        missionId: a.missionId,
        hashtag: text32(a.hashtag),
        steward: getAddress(a.steward),
        status: "Draft",
        metadataURI: a.metadataURI,
        contentHash: a.contentHash,
        versionCount: 0,
        goalCount: 0,
        participantCount: 0,
        pledgeCount: 0,
        endorsementCount: 0,
        createdBlock: m.blockNumber,
        createdAt: m.timestamp,
      });
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
      const roleNames = ROLE_NAMES.filter((_, i) => (a.roles & (1 << i)) !== 0).join("|");
      const existing = state.participants.get(`${a.missionId}:${account}`);
      if (existing !== undefined) {
        existing.roles = a.roles;
        existing.roleNames = roleNames;
        return;
      }
      state.participants.set(`${a.missionId}:${account}`, {
        missionId: a.missionId,
        account,
        roles: a.roles,
        roleNames,
        joinedBlock: m.blockNumber,
        pledgeCount: 0,
        endorsementsReceived: 0,
        endorsementsGiven: 0,
      });
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
