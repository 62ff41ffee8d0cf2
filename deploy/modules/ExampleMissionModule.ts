import { fileURLToPath } from "node:url";
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { loadMissionDoc } from "../../scripts/formats/mission-doc.js";
import CoreModule from "./CoreModule.js";

/** The example mission document, validated and hashed exactly as `mission:create --file` does. */
export const EXAMPLE_MISSION_FILE = fileURLToPath(
  new URL("../../examples/missions/reading-for-all.json", import.meta.url),
);
// The document's schedule is absolute (2030), so its goals and hash do not depend on `now`: the module is the same
// graph on every run, which Ignition needs to resume or extend a deployment.
const mission = loadMissionDoc(EXAMPLE_MISSION_FILE, { now: Math.floor(Date.now() / 1000) });

const WAD = 10n ** 18n;

/**
 * An example on top of the core suite: the #ReadingForAll mission (examples/missions/reading-for-all.json) created,
 * activated, given a one-member optimistic oracle committee (the deployer, with a challenge window; the arbiter is
 * the `arbiter` parameter, by default the second account), and an outcome
 * escrow created through the factory against its two goals (period 1).
 *
 * The escrow's token is an example ERC-20 with open minting ("Example USD", eUSD, 18 decimals), also the dispute
 * bond token; the deployer gets `mintAmount` of it. Use it on local networks and testnets only.
 *
 * Parameters (`deploy/parameters/<network>.json`, section `ExampleMissionModule`): `challengeWindow` (seconds),
 * `bondAmount`, `mintAmount` (base units), `fundingDeadline`, `settlementDeadline` (unix seconds), `gracePeriod`
 * (seconds), `minFunding` (base units).
 *
 * Address book keys: `ExampleMissionModule#ExampleToken`, `ExampleMissionModule#ExampleEscrow`.
 */
export default buildModule("ExampleMissionModule", (m) => {
  const { registry, oracle, escrowFactory } = m.useModule(CoreModule);
  const deployer = m.getAccount(0);
  // The arbiter may be neither the steward (the deployer) nor a committee member: the second account by default.
  const arbiter = m.getParameter("arbiter", m.getAccount(1));

  const challengeWindow = m.getParameter("challengeWindow", 86_400);
  const bondAmount = m.getParameter("bondAmount", 100n * WAD);
  const mintAmount = m.getParameter("mintAmount", 1_000_000n * WAD);
  const fundingDeadline = m.getParameter("fundingDeadline", 1_909_008_000); // 2030-06-30T00:00:00Z
  const settlementDeadline = m.getParameter("settlementDeadline", 1_924_905_600); // 2030-12-31T00:00:00Z
  const gracePeriod = m.getParameter("gracePeriod", 1_209_600); // 14 days
  const minFunding = m.getParameter("minFunding", 0n);

  const token = m.contract("MockERC20", ["Example USD", "eUSD", 18], { id: "ExampleToken" });
  m.call(token, "mint", [deployer, mintAmount], { id: "mintToDeployer" });

  const create = m.call(
    registry,
    "createMission",
    [
      mission.doc.hashtag,
      deployer,
      mission.doc.metadata?.uri ?? "",
      mission.contentHash,
      mission.goals.map((g) => ({ ...g })),
    ],
    { id: "createMission" },
  );
  const missionId = m.readEventArgument(create, "MissionCreated", "missionId", { id: "missionId" });
  const activate = m.call(registry, "activate", [missionId], { id: "activate" });

  m.call(
    oracle,
    "setCommittee",
    [
      missionId,
      {
        members: [deployer],
        quorum: 1,
        challengeWindow,
        bondToken: token,
        bondAmount,
        arbiter,
        adapter: "0x0000000000000000000000000000000000000000",
      },
    ],
    { id: "setCommittee" },
  );

  // Goal 0: pupils meeting the reading standard (one decimal): nothing below 65.0 %, linear 62.4 → 75.0 above it.
  // Goal 1: children reading daily (whole %): linear 38 → 55.
  const curve = (kind: number, baseline: bigint, target: bigint, threshold: bigint, capWad: bigint) => ({
    kind,
    lowerIsBetter: false,
    baseline,
    target,
    threshold,
    capWad,
    stepValues: [],
    stepRatiosWad: [],
  });
  const [g0, g1] = mission.goals;
  if (g0 === undefined || g1 === undefined) throw new Error(`${EXAMPLE_MISSION_FILE}: expected two goals`);
  const createEscrow = m.call(
    escrowFactory,
    "createEscrow",
    [
      {
        token,
        missionId,
        goalVersion: 1,
        fundingDeadline,
        minFunding,
        settlementDeadline,
        gracePeriod,
        outcomes: [
          {
            missionId,
            goalId: 0,
            period: 1,
            weightWad: (7n * WAD) / 10n,
            curve: curve(2, g0.baseline, g0.target, 650n, WAD),
          },
          {
            missionId,
            goalId: 1,
            period: 1,
            weightWad: (3n * WAD) / 10n,
            curve: curve(1, g1.baseline, g1.target, 0n, 0n),
          },
        ],
        beneficiaries: [{ account: deployer, weight: 1 }],
      },
    ],
    { id: "createEscrow", after: [activate] },
  );
  const escrowAddress = m.readEventArgument(createEscrow, "EscrowCreated", "escrow", {
    id: "escrowAddress",
    emitter: escrowFactory,
  });
  const escrow = m.contractAt("OutcomeEscrow", escrowAddress, { id: "ExampleEscrow" });

  return { token, escrow };
});
