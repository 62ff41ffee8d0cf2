import { expect } from "chai";
import { network } from "hardhat";
import { Contract, keccak256, toUtf8Bytes } from "ethers";
import { z } from "zod";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  call,
  contractNetworks,
  deploySafe,
  deploySafeContracts,
  execSafeTransaction,
  protocolKit,
  safeArtifact,
  safeKitAs,
  signSafeTransaction,
  type SafeAccount,
  type SafeEnv,
} from "../../../scripts/fixtures/safe.js";
import { REPORT_TYPES } from "../../../scripts/fixtures/oracle.js";
import { firstFreeNonce } from "../../../scripts/reporter/signing.js";
import { curveOf } from "../../../scripts/formats/outcome-terms.js";
import type { IMetricOracle } from "../../../typechain-types/contracts/oracle/MetricOracle.js";
import type { IOutcomeEscrow } from "../../../typechain-types/contracts/escrow/OutcomeEscrowFactory.js";

/**
 * Safe multisigs as first-class actors, with the REAL Safe 1.4.1 contracts (SafeL2 singleton, SafeProxyFactory,
 * MultiSend, MultiSendCallOnly, CompatibilityFallbackHandler, SignMessageLib, CreateCall, SimulateTxAccessor from
 * `@safe-global/safe-contracts`) driven by `@safe-global/protocol-kit`: every Safe action below is a Safe transaction
 * signed (EIP-712) by two of three owners and executed by a relayer that is not an owner.
 */

const E18 = 10n ** 18n;
const WAD = E18;
const MISSION = 1n;
const GOAL = 0;
/// The committee version the Safe steward sets (the first): escrows created after it pin it.
const V1 = 1;
const BOND = 100n * E18;
const HOUR = 3_600n;
const DAY = 86_400n;
const CHALLENGE_WINDOW = 3_600;
const ERC1271_MAGIC = "0x1626ba7e";

enum SlotStatus {
  None,
  Collecting,
  Proposed,
  Disputed,
  Final,
  Unresolved,
}
enum MissionStatus {
  None,
  Draft,
  Active,
  Concluded,
}
enum EscrowStatus {
  Open,
  Achieved,
  Refunding,
}

describe("Safe multisigs as stewards, arbiters, funders and evaluators (real Safe 1.4.1 + protocol-kit)", function () {
  async function world() {
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
  type World = Awaited<ReturnType<typeof world>>;

  /** The steward Safe creates the mission (tx 1), then activates it and sets the committee in one MultiSend (tx 2). */
  async function stewardSetsUp(w: World) {
    const registryAddress = await w.registry.getAddress();
    const create = w.registry.interface.encodeFunctionData("createMission", [
      "#SafeReading",
      w.stewardSafe.address,
      "ipfs://mission",
      keccak256(toUtf8Bytes("mission document")),
      [w.goal],
    ]);
    await execSafeTransaction(w.env, w.stewardSafe, [call(registryAddress, create)], [0, 2], w.stewardRelay);
    await execSafeTransaction(
      w.env,
      w.stewardSafe,
      [
        call(registryAddress, w.registry.interface.encodeFunctionData("activate", [MISSION])),
        call(
          await w.oracle.getAddress(),
          w.oracle.interface.encodeFunctionData("setCommittee", [MISSION, w.committee]),
        ),
      ],
      [1, 2],
      w.stewardRelay,
    );
  }

  /**
   * The grace a settlement deadline needs to meet the factory's no-data cut-off rule: settlement deadline + grace ≥
   * the slot's reporting deadline + the pinned committee version's challenge window + arbitration period.
   */
  async function cutOffGrace(w: World, settlementDeadline: bigint): Promise<number> {
    const version = await w.oracle.committeeVersion(MISSION);
    const [deadline, challengeWindow, arbitrationPeriod] = await w.oracle.slotTimeline(MISSION, version, GOAL, 1);
    const settledBy = deadline + challengeWindow + arbitrationPeriod;
    return Number(settledBy > settlementDeadline ? settledBy - settlementDeadline : 0n);
  }

  /** An EOA committee member's EIP-712 signed report. */
  async function eoaSignedReport(
    w: World,
    signer: HardhatEthersSigner,
    period: number,
    value: bigint,
    deadline: bigint,
  ) {
    const report = {
      missionId: MISSION,
      version: V1,
      goalId: GOAL,
      period,
      value,
      evidenceHash: keccak256(toUtf8Bytes("evidence")),
    };
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
  async function safeSignedReport(w: World, ownerIndexes: number[], period: number, value: bigint, deadline: bigint) {
    const safe = w.evaluatorSafe;
    const report = {
      missionId: MISSION,
      version: V1,
      goalId: GOAL,
      period,
      value,
      evidenceHash: keccak256(toUtf8Bytes("evidence")),
    };
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

  it("a 2-of-3 Safe steward creates and activates a mission and sets the oracle committee", async function () {
    const w = await world();
    const nonceBefore = z.bigint().parse(await w.stewardSafe.contract.getFunction("nonce")());
    expect(nonceBefore).to.equal(0n);
    expect(await w.stewardSafe.kits[0]!.getFallbackHandler()).to.equal(w.deployment.CompatibilityFallbackHandler);
    await stewardSetsUp(w);

    const mission = await w.registry.getMission(MISSION);
    expect(mission.steward).to.equal(w.stewardSafe.address);
    expect(mission.status).to.equal(BigInt(MissionStatus.Active));
    expect(mission.goalCount).to.equal(1n);
    expect(await w.registry.missionIdOf("safereading")).to.equal(MISSION);
    const goal = await w.registry.getGoal(MISSION, GOAL);
    expect([goal.baseline, goal.target, goal.firstPeriodEnd, goal.periodCount]).to.deep.equal([
      100n,
      500n,
      w.firstPeriodEnd,
      2n,
    ]);
    expect(await w.oracle.committeeVersion(MISSION)).to.equal(1n);
    const c = await w.oracle.getCommittee(MISSION, 1);
    expect(c.members).to.deep.equal([w.evaluatorSafe.address, w.evaluatorA.address, w.evaluatorB.address]);
    expect(c.quorum).to.equal(2n);
    expect(c.arbiter).to.equal(w.arbiterSafe.address);
    expect(c.bondAmount).to.equal(BOND);
    expect(c.challengeWindow).to.equal(BigInt(CHALLENGE_WINDOW));
    // Two Safe transactions (the second a MultiSend of two calls): the Safe's nonce moved by exactly two.
    expect(await w.stewardSafe.contract.getFunction("nonce")()).to.equal(2n);
    // An owner acting alone is not the steward.
    const owner = await w.ethers.getSigner(w.stewardSafe.owners[0]!);
    await expect(w.registry.connect(owner).conclude(MISSION))
      .to.be.revertedWithCustomError(w.registry, "NotSteward")
      .withArgs(MISSION, owner.address);
  });

  it("one owner alone cannot act for the Safe: the Safe reverts GS020 and nothing changes", async function () {
    const w = await world();
    const registryAddress = await w.registry.getAddress();
    const create = w.registry.interface.encodeFunctionData("createMission", [
      "#SafeReading",
      w.stewardSafe.address,
      "ipfs://mission",
      keccak256(toUtf8Bytes("mission document")),
      [w.goal],
    ]);
    await execSafeTransaction(w.env, w.stewardSafe, [call(registryAddress, create)], [0, 1], w.stewardRelay);
    const activate = [call(registryAddress, w.registry.interface.encodeFunctionData("activate", [MISSION]))];
    const oneSig = await signSafeTransaction(w.stewardSafe, activate, [0]);

    // protocol-kit refuses to send it (the relayer is no owner, so it cannot add an approval of its own) ...
    let refused: unknown;
    try {
      await w.stewardRelay.executeTransaction(oneSig);
    } catch (err) {
      refused = err;
    }
    if (!(refused instanceof Error)) throw new Error("protocol-kit executed a transaction below the threshold");
    expect(refused.message).to.match(/1 signature missing/);

    // ... and the Safe contract itself refuses it: GS020 (signatures data too short for the threshold).
    const d = oneSig.data;
    const exec = w.stewardSafe.contract.connect(w.relayer).getFunction("execTransaction");
    await expect(
      exec(
        d.to,
        d.value,
        d.data,
        d.operation,
        d.safeTxGas,
        d.baseGas,
        d.gasPrice,
        d.gasToken,
        d.refundReceiver,
        oneSig.encodedSignatures(),
      ),
    ).to.be.revertedWith("GS020");
    // The lone owner sending it itself still has one signature only.
    const owner = await w.ethers.getSigner(w.stewardSafe.owners[0]!);
    await expect(
      w.stewardSafe.contract.connect(owner).getFunction("execTransaction")(
        d.to,
        d.value,
        d.data,
        d.operation,
        d.safeTxGas,
        d.baseGas,
        d.gasPrice,
        d.gasToken,
        d.refundReceiver,
        oneSig.encodedSignatures(),
      ),
    ).to.be.revertedWith("GS020");

    expect((await w.registry.getMission(MISSION)).status).to.equal(BigInt(MissionStatus.Draft));
    expect(await w.stewardSafe.contract.getFunction("nonce")()).to.equal(1n);
  });

  it("a Safe arbiter (neither steward nor committee member) resolves a dispute", async function () {
    const w = await world();
    await stewardSetsUp(w);
    const c = await w.oracle.getCommittee(MISSION, 1);
    expect(c.arbiter).to.not.equal(w.stewardSafe.address);
    expect(await w.oracle.isMember(MISSION, 1, w.arbiterSafe.address)).to.equal(false);

    await w.networkHelpers.time.increaseTo(w.firstPeriodEnd + 1n);
    const evidence = keccak256(toUtf8Bytes("evidence"));
    await (
      await w.oracle
        .connect(w.evaluatorA)
        .report({ missionId: MISSION, version: V1, goalId: GOAL, period: 1, value: 300n, evidenceHash: evidence })
    ).wait();
    await (
      await w.oracle
        .connect(w.evaluatorB)
        .report({ missionId: MISSION, version: V1, goalId: GOAL, period: 1, value: 340n, evidenceHash: evidence })
    ).wait();
    // Quorum 2: the lower middle of 300 and 340.
    expect((await w.oracle.getSlot(MISSION, V1, GOAL, 1)).value).to.equal(300n);

    await (await w.bondToken.mint(w.disputer.address, BOND)).wait();
    await (await w.bondToken.connect(w.disputer).approve(await w.oracle.getAddress(), BOND)).wait();
    await (await w.oracle.connect(w.disputer).dispute(MISSION, V1, GOAL, 1)).wait();
    expect(await w.oracle.slotStatus(MISSION, V1, GOAL, 1)).to.equal(BigInt(SlotStatus.Disputed));

    // An owner of the arbiter Safe acting alone is not the arbiter.
    const arbiterOwner = await w.ethers.getSigner(w.arbiterSafe.owners[0]!);
    await expect(w.oracle.connect(arbiterOwner).resolve(MISSION, V1, GOAL, 1, 340n))
      .to.be.revertedWithCustomError(w.oracle, "NotArbiter")
      .withArgs(MISSION, 1, arbiterOwner.address);

    const resolve = w.oracle.interface.encodeFunctionData("resolve", [MISSION, V1, GOAL, 1, 340n]);
    const receipt = await execSafeTransaction(
      w.env,
      w.arbiterSafe,
      [call(await w.oracle.getAddress(), resolve)],
      [0, 2],
      await w.relayFor(w.arbiterSafe),
    );
    const oracleAddress = await w.oracle.getAddress();
    const resolved = receipt.logs
      .filter((l) => l.address === oracleAddress)
      .map((l) => w.oracle.interface.parseLog(l))
      .find((l) => l?.name === "DisputeResolved");
    expect(resolved?.args.arbiter).to.equal(w.arbiterSafe.address);
    expect(resolved?.args.disputerWon).to.equal(true);

    const [value] = await w.oracle.finalValue(MISSION, V1, GOAL, 1);
    expect(value).to.equal(340n);
    expect(await w.oracle.slotStatus(MISSION, V1, GOAL, 1)).to.equal(BigInt(SlotStatus.Final));
    // The disputer was right: its 100 BOND is credited back, to the wei, and withdrawable.
    const bond = await w.bondToken.getAddress();
    expect(await w.oracle.claimableBond(bond, w.disputer.address)).to.equal(BOND);
    expect(await w.oracle.claimableBond(bond, w.stewardSafe.address)).to.equal(0n);
    await (await w.oracle.connect(w.disputer).withdrawBond(bond)).wait();
    expect(await w.bondToken.balanceOf(w.disputer.address)).to.equal(BOND);
    expect(await w.bondToken.balanceOf(await w.oracle.getAddress())).to.equal(0n);
  });

  it("a Safe funder approves and deposits in ONE MultiSend transaction, and claims its refund after a partial outcome", async function () {
    const w = await world();
    await stewardSetsUp(w);
    const [, reportingDeadline] = await w.registry.periodWindow(MISSION, GOAL, 1);
    const now = BigInt(await w.networkHelpers.time.latest());
    const terms: IOutcomeEscrow.TermsStruct = {
      token: await w.token.getAddress(),
      missionId: MISSION,
      goalVersion: 1,
      fundingDeadline: now + 30n * 60n,
      minFunding: 0n,
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
    const escrow = await w.ethers.getContractAt("OutcomeEscrow", escrowAddress);

    const safeDeposit = 1_000n * E18;
    const otherDeposit = 500n * E18;
    await (await w.token.mint(w.funderSafe.address, safeDeposit)).wait();
    const tokenAddress = await w.token.getAddress();
    const receipt = await execSafeTransaction(
      w.env,
      w.funderSafe,
      [
        call(tokenAddress, w.token.interface.encodeFunctionData("approve", [escrowAddress, safeDeposit])),
        call(escrowAddress, escrow.interface.encodeFunctionData("deposit", [safeDeposit])),
      ],
      [0, 1],
      await w.relayFor(w.funderSafe),
    );
    // One Safe transaction (nonce 0 → 1): a delegatecall into the real MultiSendCallOnly (protocol-kit's default batch).
    expect(await w.funderSafe.contract.getFunction("nonce")()).to.equal(1n);
    const safeLogs = receipt.logs
      .filter((l) => l.address === w.funderSafe.address)
      .map((l) => w.funderSafe.contract.interface.parseLog(l))
      .filter((l) => l !== null);
    const multisig = safeLogs.find((l) => l.name === "SafeMultiSigTransaction");
    expect(multisig?.args.to).to.equal(w.deployment.MultiSendCallOnly);
    expect(multisig?.args.operation).to.equal(1n); // DelegateCall
    expect(safeLogs.filter((l) => l.name === "ExecutionSuccess")).to.have.length(1);
    const deposited = receipt.logs
      .filter((l) => l.address === escrowAddress)
      .map((l) => escrow.interface.parseLog(l))
      .find((l) => l?.name === "Deposited");
    expect([deposited?.args.funder, deposited?.args.payer, deposited?.args.credited]).to.deep.equal([
      w.funderSafe.address,
      w.funderSafe.address,
      safeDeposit,
    ]);
    expect(await escrow.depositOf(w.funderSafe.address)).to.equal(safeDeposit);
    expect(await w.token.balanceOf(w.funderSafe.address)).to.equal(0n);
    expect(await w.token.allowance(w.funderSafe.address, escrowAddress)).to.equal(0n);

    await (await w.token.mint(w.otherFunder.address, otherDeposit)).wait();
    await (await w.token.connect(w.otherFunder).approve(escrowAddress, otherDeposit)).wait();
    await (await escrow.connect(w.otherFunder).deposit(otherDeposit)).wait();

    // The committee finds 2.60 against baseline 1.00 → target 5.00: achievement (260 - 100) / 400 = 40 %.
    await w.networkHelpers.time.increaseTo(w.firstPeriodEnd + 1n);
    const evidence = keccak256(toUtf8Bytes("evidence"));
    for (const member of [w.evaluatorA, w.evaluatorB]) {
      await (
        await w.oracle
          .connect(member)
          .report({ missionId: MISSION, version: V1, goalId: GOAL, period: 1, value: 260n, evidenceHash: evidence })
      ).wait();
    }
    await w.networkHelpers.time.increase(CHALLENGE_WINDOW + 1);
    await (await w.oracle.finalize(MISSION, V1, GOAL, 1)).wait();
    await (await escrow.settle()).wait();
    expect(await escrow.status()).to.equal(BigInt(EscrowStatus.Achieved));
    // 1,500 deposited: 40 % = 600 to the beneficiary, 900 refunded pro rata: 600 to the Safe, 300 to the other funder.
    const [total, beneficiaryPot, refundPot, composite] = await escrow.totals();
    expect([total, beneficiaryPot, refundPot, composite]).to.deep.equal([
      1_500n * E18,
      600n * E18,
      900n * E18,
      (4n * WAD) / 10n,
    ]);
    expect(await escrow.refundable(w.funderSafe.address)).to.equal(600n * E18);

    // An owner alone has nothing to refund: the deposit is the Safe's.
    const owner = await w.ethers.getSigner(w.funderSafe.owners[0]!);
    await expect(escrow.connect(owner).refund())
      .to.be.revertedWithCustomError(escrow, "NothingToRefund")
      .withArgs(owner.address);

    await execSafeTransaction(
      w.env,
      w.funderSafe,
      [call(escrowAddress, escrow.interface.encodeFunctionData("refund"))],
      [1, 2],
      await w.relayFor(w.funderSafe),
    );
    expect(await w.token.balanceOf(w.funderSafe.address)).to.equal(600n * E18);
    expect(await escrow.depositOf(w.funderSafe.address)).to.equal(0n);
    expect(await escrow.refundable(w.funderSafe.address)).to.equal(0n);
    await (await escrow.connect(w.otherFunder).refund()).wait();
    await (await escrow.connect(w.beneficiary).claim()).wait();
    expect(await w.token.balanceOf(w.otherFunder.address)).to.equal(300n * E18);
    expect(await w.token.balanceOf(w.beneficiary.address)).to.equal(600n * E18);
    expect(await w.token.balanceOf(escrowAddress)).to.equal(0n);
  });

  it("a Safe funder's deposit in an underfunded escrow comes back in full through the Safe", async function () {
    const w = await world();
    await stewardSetsUp(w);
    const [, reportingDeadline] = await w.registry.periodWindow(MISSION, GOAL, 1);
    const now = BigInt(await w.networkHelpers.time.latest());
    const fundingDeadline = now + 30n * 60n;
    const terms: IOutcomeEscrow.TermsStruct = {
      token: await w.token.getAddress(),
      missionId: MISSION,
      goalVersion: 1,
      fundingDeadline,
      minFunding: 2_000n * E18,
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
    const escrow = await w.ethers.getContractAt("OutcomeEscrow", escrowAddress);
    const amount = 1_234_567_890_123_456_789n;
    await (await w.token.mint(w.funderSafe.address, amount)).wait();
    const receipt = await execSafeTransaction(
      w.env,
      w.funderSafe,
      [
        call(await w.token.getAddress(), w.token.interface.encodeFunctionData("approve", [escrowAddress, amount])),
        call(escrowAddress, escrow.interface.encodeFunctionData("deposit", [amount])),
      ],
      [0, 2],
      await w.relayFor(w.funderSafe),
      false, // this time through the full MultiSend (which could also delegatecall)
    );
    const multisig = receipt.logs
      .filter((l) => l.address === w.funderSafe.address)
      .map((l) => w.funderSafe.contract.interface.parseLog(l))
      .find((l) => l?.name === "SafeMultiSigTransaction");
    expect([multisig?.args.to, multisig?.args.operation]).to.deep.equal([w.deployment.MultiSend, 1n]);
    expect(await escrow.depositOf(w.funderSafe.address)).to.equal(amount);

    await w.networkHelpers.time.increaseTo(fundingDeadline + 1n);
    await (await escrow.settle()).wait();
    expect(await escrow.status()).to.equal(BigInt(EscrowStatus.Refunding));
    expect(await escrow.refundable(w.funderSafe.address)).to.equal(amount);
    await execSafeTransaction(
      w.env,
      w.funderSafe,
      [call(escrowAddress, escrow.interface.encodeFunctionData("refund"))],
      [0, 1],
      await w.relayFor(w.funderSafe),
    );
    expect(await w.token.balanceOf(w.funderSafe.address)).to.equal(amount);
    expect(await w.token.balanceOf(escrowAddress)).to.equal(0n);
    expect(await w.funderSafe.contract.getFunction("nonce")()).to.equal(2n);
  });

  it("a Safe evaluator's EIP-712 report is accepted through EIP-1271, directly and in a relayed batch; too few owners is InvalidSignature", async function () {
    const w = await world();
    await stewardSetsUp(w);
    const safe = w.evaluatorSafe.address;
    await w.networkHelpers.time.increaseTo(w.firstPeriodEnd + 1n);
    const deadline = BigInt(await w.networkHelpers.time.latest()) + 10n * DAY;

    // One owner of a 2-of-3 Safe: the Safe's isValidSignature reverts (GS020), so the oracle rejects the signature.
    const lone = await safeSignedReport(w, [1], 1, 410n, deadline);
    await expect(w.oracle.connect(w.relayer).reportSigned(lone.signed))
      .to.be.revertedWithCustomError(w.oracle, "InvalidSignature")
      .withArgs(safe);

    const direct = await safeSignedReport(w, [0, 2], 1, 410n, deadline);
    // protocol-kit hashes the report exactly as the oracle does; the Safe (CompatibilityFallbackHandler) accepts it.
    expect(protocolKit.hashSafeMessage(direct.typedData)).to.equal(direct.digest);
    const handler = new Contract(safe, safeArtifact("CompatibilityFallbackHandler").abi, w.ethers.provider);
    const isValid = handler.getFunction("isValidSignature(bytes32,bytes)");
    expect(await isValid(direct.digest, direct.signed.signature)).to.equal(ERC1271_MAGIC);
    await expect(isValid(lone.digest, lone.signed.signature)).to.be.revertedWith("GS020");

    await expect(w.oracle.connect(w.relayer).reportSigned(direct.signed))
      .to.emit(w.oracle, "ReportSubmitted")
      .withArgs(MISSION, GOAL, 1, safe, 410n, direct.signed.report.evidenceHash, w.relayer.address, V1);
    expect(await w.oracle.reportOf(MISSION, V1, GOAL, 1, safe)).to.deep.equal([true, 410n]);
    expect(await w.oracle.nonceUsed(safe, direct.signed.nonce)).to.equal(true);
    // The same signature cannot be used twice (its nonce is spent).
    await expect(w.oracle.connect(w.relayer).reportSigned(direct.signed))
      .to.be.revertedWithCustomError(w.oracle, "NonceUsed")
      .withArgs(safe, direct.signed.nonce);

    // Period 2: the Safe's report and an EOA member's report, relayed together in one batch, reach the quorum.
    await w.networkHelpers.time.increaseTo(w.firstPeriodEnd + DAY + 1n);
    const inBatch = await safeSignedReport(w, [1, 2], 2, 450n, deadline);
    const eoa = await eoaSignedReport(w, w.evaluatorA, 2, 470n, deadline);
    const tooFew = await safeSignedReport(w, [2], 2, 450n, deadline);
    // A batch skips (with an event) the under-signed entry instead of reverting: the EOA's entry alone is recorded.
    const skippedBatch = await w.oracle.connect(w.relayer).reportBatch.staticCall([tooFew.signed, eoa]);
    expect(skippedBatch).to.equal(1n);
    await expect(w.oracle.connect(w.relayer).reportBatch([tooFew.signed]))
      .to.emit(w.oracle, "BatchEntrySkipped")
      .withArgs(0, safe, tooFew.signed.nonce, w.oracle.interface.getError("InvalidSignature")!.selector);
    await expect(w.oracle.connect(w.relayer).reportBatch([inBatch.signed, eoa]))
      .to.emit(w.oracle, "ValueProposed")
      .withArgs(MISSION, GOAL, 2, 450n, anyValue, V1);
    const slot = await w.oracle.getSlot(MISSION, V1, GOAL, 2);
    expect([slot.status, slot.reportCount, slot.value]).to.deep.equal([BigInt(SlotStatus.Proposed), 2n, 450n]);
    expect(await w.oracle.reportOf(MISSION, V1, GOAL, 2, safe)).to.deep.equal([true, 450n]);
    expect(await w.oracle.reportOf(MISSION, V1, GOAL, 2, w.evaluatorA.address)).to.deep.equal([true, 470n]);
    expect(await w.oracle.nonceUsed(safe, inBatch.signed.nonce)).to.equal(true);
  });
});
