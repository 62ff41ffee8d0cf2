import { expect } from "chai";
import { Contract, keccak256, toUtf8Bytes } from "ethers";
import { z } from "zod";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import {
  call,
  execSafeTransaction,
  protocolKit,
  safeArtifact,
  signSafeTransaction,
} from "../../../scripts/fixtures/safe.js";
import {
  MISSION,
  GOAL,
  V1,
  BOND,
  DAY,
  CHALLENGE_WINDOW,
  ERC1271_MAGIC,
  SlotStatus,
  MissionStatus,
  world,
  stewardSetsUp,
  createMissionCall,
  eoaSignedReport,
  safeSignedReport,
} from "../helpers/safe-world.js";

/**
 * Safe multisigs as first-class actors, with the REAL Safe 1.4.1 contracts (SafeL2 singleton, SafeProxyFactory,
 * MultiSend, MultiSendCallOnly, CompatibilityFallbackHandler, SignMessageLib, CreateCall, SimulateTxAccessor from
 * `@safe-global/safe-contracts`) driven by `@safe-global/protocol-kit`: every Safe action below is a Safe transaction
 * signed (EIP-712) by two of three owners and executed by a relayer that is not an owner.
 * Here the steward, the arbiter and the evaluator; the funder in multisig-funders.test.ts.
 */

describe("Safe multisigs as stewards, arbiters, funders and evaluators (real Safe 1.4.1 + protocol-kit)", function () {
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
    await execSafeTransaction(w.env, w.stewardSafe, [await createMissionCall(w)], [0, 1], w.stewardRelay);
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
