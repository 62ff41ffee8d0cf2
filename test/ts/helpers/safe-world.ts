import { network } from "hardhat";
import { keccak256, toUtf8Bytes } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  call,
  contractNetworks,
  deploySafe,
  deploySafeContracts,
  execSafeTransaction,
  safeKitAs,
  type SafeAccount,
  type SafeEnv,
} from "../../../scripts/fixtures/safe.js";
import { REPORT_TYPES } from "../../../scripts/fixtures/oracle.js";
import { firstFreeNonce } from "../../../scripts/reporter/signing.js";
import { curveOf } from "../../../scripts/formats/outcome-terms.js";
import type { IMetricOracle } from "../../../typechain-types/contracts/oracle/MetricOracle.js";
import type { IOutcomeEscrow } from "../../../typechain-types/contracts/escrow/OutcomeEscrowFactory.js";

/**
 * The world of the Safe multisig tests (test/ts/safe/multisig-*.test.ts): the REAL Safe 1.4.1 contracts (SafeL2
 * singleton, SafeProxyFactory, MultiSend, MultiSendCallOnly, CompatibilityFallbackHandler, SignMessageLib, CreateCall,
 * SimulateTxAccessor from `@safe-global/safe-contracts`) driven by `@safe-global/protocol-kit`, a 2-of-3 Safe per
 * role (steward, arbiter, funder, evaluator) with a relayer that owns none, the suite, and the steps they share.
 */

export const E18 = 10n ** 18n;
export const WAD = E18;
export const MISSION = 1n;
export const GOAL = 0;
/// The committee version the Safe steward sets (the first): escrows created after it pin it.
export const V1 = 1;
export const BOND = 100n * E18;
export const HOUR = 3_600n;
export const DAY = 86_400n;
export const CHALLENGE_WINDOW = 3_600;
export const ERC1271_MAGIC = "0x1626ba7e";

export enum SlotStatus {
  None,
  Collecting,
  Proposed,
  Disputed,
  Final,
  Unresolved,
}
export enum MissionStatus {
  None,
  Draft,
  Active,
  Concluded,
}
export enum EscrowStatus {
  Open,
  Achieved,
  Refunding,
}

export async function world() {
  const { ethers, provider, networkHelpers } = await network.create();
  const signers = await ethers.getSigners();
  const at = (i: number): HardhatEthersSigner => {
    const s = signers[i];
    if (s === undefined) throw new Error(`no signer ${i}`);
    return s;
  };
  const deployer = at(0);
  const addrs = (from: number) => [at(from).address, at(from + 1).address, at(from + 2).address];
  // Accounts 1-3, 4-6, 7-9 and 10-12 own the steward, arbiter, funder and evaluator Safes; nobody owns two Safes.
  const evaluatorA = at(13);
  const evaluatorB = at(14);
  const disputer = at(15);
  const relayer = at(16); // sends every Safe transaction; owns no Safe
  const otherFunder = at(17);
  const beneficiary = at(18);

  const chainId = (await ethers.provider.getNetwork()).chainId;
  const deployment = await deploySafeContracts(deployer);
  const env: SafeEnv = {
    provider,
    ethersProvider: ethers.provider,
    networks: contractNetworks(deployment, chainId),
    deployment,
  };
  const stewardSafe = await deploySafe(env, deployer, addrs(1), 2, "1");
  const arbiterSafe = await deploySafe(env, deployer, addrs(4), 2, "2");
  const funderSafe = await deploySafe(env, deployer, addrs(7), 2, "3");
  const evaluatorSafe = await deploySafe(env, deployer, addrs(10), 2, "4");

  const registry = await ethers.deployContract("MissionRegistry");
  const oracle = await ethers.deployContract("MetricOracle", [await registry.getAddress()]);
  const factory = await ethers.deployContract("OutcomeEscrowFactory", [
    await registry.getAddress(),
    await oracle.getAddress(),
  ]);
  const token = await ethers.deployContract("MockERC20", ["Outcome Pound", "oGBP", 18]);
  const bondToken = await ethers.deployContract("MockBondToken");

  const now = BigInt(await networkHelpers.time.latest());
  const firstPeriodEnd = now + HOUR;
  const goal = {
    metricKey: keccak256(toUtf8Bytes("reading.attainment")),
    baseline: 100n,
    target: 500n,
    firstPeriodEnd,
    periodLength: Number(DAY),
    periodCount: 2,
    reportingWindow: Number(7n * DAY),
    decimals: 2,
  };
  const committee: IMetricOracle.CommitteeInputStruct = {
    members: [evaluatorSafe.address, evaluatorA.address, evaluatorB.address],
    quorum: 2,
    challengeWindow: CHALLENGE_WINDOW,
    bondToken: await bondToken.getAddress(),
    bondAmount: BOND,
    arbiter: arbiterSafe.address,
    adapter: "0x0000000000000000000000000000000000000000",
  };
  const stewardRelay = await safeKitAs(env, stewardSafe, relayer.address);
  const relayFor = (safe: SafeAccount) => safeKitAs(env, safe, relayer.address);
  return {
    ethers,
    networkHelpers,
    env,
    deployment,
    chainId,
    stewardSafe,
    arbiterSafe,
    funderSafe,
    evaluatorSafe,
    registry,
    oracle,
    factory,
    token,
    bondToken,
    goal,
    committee,
    firstPeriodEnd,
    evaluatorA,
    evaluatorB,
    disputer,
    relayer,
    otherFunder,
    beneficiary,
    stewardRelay,
    relayFor,
  };
}
export type World = Awaited<ReturnType<typeof world>>;

/** The registry call that creates the steward Safe's mission (#SafeReading, one goal), for a Safe transaction. */
export async function createMissionCall(w: World) {
  const create = w.registry.interface.encodeFunctionData("createMission", [
    "#SafeReading",
    w.stewardSafe.address,
    "ipfs://mission",
    keccak256(toUtf8Bytes("mission document")),
    [w.goal],
  ]);
  return call(await w.registry.getAddress(), create);
}

/** The steward Safe creates the mission (tx 1), then activates it and sets the committee in one MultiSend (tx 2). */
export async function stewardSetsUp(w: World) {
  const registryAddress = await w.registry.getAddress();
  await execSafeTransaction(w.env, w.stewardSafe, [await createMissionCall(w)], [0, 2], w.stewardRelay);
  await execSafeTransaction(
    w.env,
    w.stewardSafe,
    [
      call(registryAddress, w.registry.interface.encodeFunctionData("activate", [MISSION])),
      call(await w.oracle.getAddress(), w.oracle.interface.encodeFunctionData("setCommittee", [MISSION, w.committee])),
    ],
    [1, 2],
    w.stewardRelay,
  );
}

/**
 * The grace a settlement deadline needs to meet the factory's no-data cut-off rule: settlement deadline + grace ≥
 * the slot's reporting deadline + the pinned committee version's challenge window + arbitration period.
 */
export async function cutOffGrace(w: World, settlementDeadline: bigint): Promise<number> {
  const version = await w.oracle.committeeVersion(MISSION);
  const [deadline, challengeWindow, arbitrationPeriod] = await w.oracle.slotTimeline(MISSION, version, GOAL, 1);
  const settledBy = deadline + challengeWindow + arbitrationPeriod;
  return Number(settledBy > settlementDeadline ? settledBy - settlementDeadline : 0n);
}

/** The report of the mission's goal in `period` under committee version 1, with the same evidence every time. */
function reportOf(period: number, value: bigint) {
  return {
    missionId: MISSION,
    version: V1,
    goalId: GOAL,
    period,
    value,
    evidenceHash: keccak256(toUtf8Bytes("evidence")),
  };
}

/** An EOA committee member's EIP-712 signed report. */
export async function eoaSignedReport(
  w: World,
  signer: HardhatEthersSigner,
  period: number,
  value: bigint,
  deadline: bigint,
) {
  const report = reportOf(period, value);
  const nonce = await firstFreeNonce((word) => w.oracle.nonceBitmap(signer.address, word));
  const signature = await signer.signTypedData(
    { name: "MetricOracle", version: "1", chainId: w.chainId, verifyingContract: await w.oracle.getAddress() },
    REPORT_TYPES,
    { ...report, reporter: signer.address, nonce, deadline },
  );
  return { report, reporter: signer.address, nonce, deadline, signature };
}

/**
 * The evaluator Safe's signed report: the owners at `ownerIndexes` sign the Safe message (EIP-712 `SafeMessage`
 * over the oracle's report digest) with protocol-kit; the signature is their concatenation (`buildSignatureBytes`).
 */
export async function safeSignedReport(
  w: World,
  ownerIndexes: number[],
  period: number,
  value: bigint,
  deadline: bigint,
) {
  const safe = w.evaluatorSafe;
  const report = reportOf(period, value);
  const nonce = await firstFreeNonce((word) => w.oracle.nonceBitmap(safe.address, word));
  const typedData = {
    domain: {
      name: "MetricOracle",
      version: "1",
      chainId: w.chainId,
      verifyingContract: await w.oracle.getAddress(),
    },
    types: REPORT_TYPES,
    primaryType: "Report",
    message: { ...report, reporter: safe.address, nonce, deadline },
  };
  const first = safe.kits[0];
  if (first === undefined) throw new Error("no owner kit");
  let message = first.createMessage(typedData);
  for (const i of ownerIndexes) {
    const kit = safe.kits[i];
    if (kit === undefined) throw new Error(`no owner ${i}`);
    message = await kit.signMessage(message);
  }
  const digest = await w.oracle.reportDigest(report, safe.address, nonce, deadline);
  return {
    signed: { report, reporter: safe.address, nonce, deadline, signature: message.encodedSignatures() },
    digest,
    typedData,
  };
}

/**
 * An outcome escrow on the steward's mission (goal 0, period 1: linear 1.00 → 5.00, all to the beneficiary), settled
 * from the period's reporting deadline with the grace the cut-off rule needs, funded until `fundingDeadline` with a
 * minimum of `minFunding`.
 */
export async function funderEscrow(w: World, fundingDeadline: bigint, minFunding: bigint) {
  const [, reportingDeadline] = await w.registry.periodWindow(MISSION, GOAL, 1);
  const terms: IOutcomeEscrow.TermsStruct = {
    token: await w.token.getAddress(),
    missionId: MISSION,
    goalVersion: 1,
    fundingDeadline,
    minFunding,
    settlementDeadline: reportingDeadline,
    gracePeriod: await cutOffGrace(w, reportingDeadline),
    outcomes: [
      {
        missionId: MISSION,
        goalId: GOAL,
        period: 1,
        weightWad: WAD,
        curve: curveOf({ kind: "linear", baseline: 100, target: 500 }),
      },
    ],
    beneficiaries: [{ account: w.beneficiary.address, weight: 1n }],
  };
  const escrowAddress = await w.factory.createEscrow.staticCall(terms);
  await (await w.factory.createEscrow(terms)).wait();
  return { escrow: await w.ethers.getContractAt("OutcomeEscrow", escrowAddress), escrowAddress };
}
