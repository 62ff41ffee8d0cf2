import { createRequire } from "node:module";
import { expect } from "chai";
import { network } from "hardhat";
import type * as EasSdk from "@ethereum-attestation-service/eas-sdk";
import type { Contract } from "ethers";
import { deployEas, METRIC_SCHEMA } from "../../../scripts/fixtures/eas.js";
import { deployOracleWorld, GOAL_ID, MISSION_ID, periodEnd } from "../../../scripts/fixtures/oracle.js";

// The SDK's ESM build fails on Node 22; its CommonJS build works.
const sdk = createRequire(import.meta.url)("@ethereum-attestation-service/eas-sdk") as typeof EasSdk;

describe("EAS integration (real SchemaRegistry + EAS from npm, official SDK)", function () {
  async function fixture() {
    const { ethers, networkHelpers } = await network.create();
    const [deployer] = await ethers.getSigners();
    if (deployer === undefined) throw new Error("no signer");
    const { schemaRegistry, eas } = await deployEas(deployer);
    // The resolver needs the oracle, the committee needs the resolver: deploy the world, then the resolver, then
    // a committee version naming it (a slot binds at its first report, so nothing was bound yet).
    const world = await deployOracleWorld(ethers, { members: 3, quorum: 2 });
    // The resolver reports evaluator 0's attestations as itself; it holds seat 2 (evaluators 0 and 1 hold 0 and 1).
    const resolver = await ethers.deployContract("EASReportResolver", [
      await eas.getAddress(),
      await world.oracle.getAddress(),
      world.evaluators[0]!.address,
    ]);
    await (
      await world.oracle.connect(world.steward).setCommittee(MISSION_ID, {
        members: [world.evaluators[0]!.address, world.evaluators[1]!.address, await resolver.getAddress()],
        quorum: 2,
        challengeWindow: 3_600,
        bondToken: await world.token.getAddress(),
        bondAmount: 10n ** 20n,
        arbiter: world.arbiter.address,
        adapter: await resolver.getAddress(),
      })
    ).wait();
    const registrar = new sdk.SchemaRegistry(await schemaRegistry.getAddress());
    registrar.connect(deployer);
    const schemaTx = await registrar.register({
      schema: METRIC_SCHEMA,
      resolverAddress: await resolver.getAddress(),
      revocable: true,
    });
    const schemaUID = await schemaTx.wait();
    await networkHelpers.time.increaseTo(periodEnd(world, 1) + 1n);
    return { ethers, world, eas, resolver, schemaUID, version: await world.oracle.committeeVersion(MISSION_ID) };
  }

  const encoder = new sdk.SchemaEncoder(METRIC_SCHEMA);
  // Version 2: the world sets committee version 1, the fixture the resolver's version 2.
  const encode = (period: number, value: bigint, version = 2n) =>
    encoder.encodeData([
      { name: "missionId", value: MISSION_ID, type: "uint256" },
      { name: "version", value: version, type: "uint16" },
      { name: "goalId", value: GOAL_ID, type: "uint8" },
      { name: "period", value: period, type: "uint16" },
      { name: "value", value, type: "uint64" },
      { name: "evidenceHash", value: `0x${"ab".repeat(32)}`, type: "bytes32" },
    ]);

  it("computes the same schema UID as the SchemaRegistry", async function () {
    const { resolver, schemaUID } = await fixture();
    expect(await resolver.schemaUID()).to.equal(schemaUID);
  });

  it("an attestation (through the SDK) is the resolver's own report, not the member's; revoking before quorum withdraws it", async function () {
    const { world, eas, schemaUID, resolver, version } = await fixture();
    const member = world.evaluators[0]!;
    const client = new sdk.EAS(await eas.getAddress());
    client.connect(member);
    const tx = await client.attest({
      schema: schemaUID,
      data: { recipient: sdk.ZERO_ADDRESS, expirationTime: 0n, revocable: true, data: encode(1, 725n) },
    });
    const uid = await tx.wait();
    const receipt = await world.oracle.runner!.provider!.getTransactionReceipt(tx.receipt!.hash);
    const submitted = receipt!.logs
      .map((l) => world.oracle.interface.parseLog(l))
      .find((l) => l?.name === "ReportSubmitted");
    expect(submitted?.args.reporter).to.equal(await resolver.getAddress()); // attributed to the adapter path
    expect(submitted?.args.via).to.equal(await resolver.getAddress());
    const [reported, value] = await world.oracle.reportOf(MISSION_ID, version, GOAL_ID, 1, await resolver.getAddress());
    expect(reported).to.equal(true);
    expect(value).to.equal(725n);
    const [memberSeat] = await world.oracle.reportOf(MISSION_ID, version, GOAL_ID, 1, member.address);
    expect(memberSeat).to.equal(false);
    const attestation = await client.getAttestation(uid);
    expect(attestation.attester).to.equal(member.address);

    const revokeTx = await client.revoke({ schema: schemaUID, data: { uid } });
    await revokeTx.wait();
    const [after] = await world.oracle.reportOf(MISSION_ID, version, GOAL_ID, 1, await resolver.getAddress());
    expect(after).to.equal(false);
  });

  it("after the quorum, revocation succeeds in EAS and changes nothing in the oracle", async function () {
    const { world, eas, schemaUID, version } = await fixture();
    const uids: string[] = [];
    const attestClient = new sdk.EAS(await eas.getAddress());
    attestClient.connect(world.evaluators[0]!);
    const attestTx = await attestClient.attest({
      schema: schemaUID,
      data: { recipient: sdk.ZERO_ADDRESS, data: encode(1, 700n) },
    });
    uids.push(await attestTx.wait());
    await (
      await world.oracle.connect(world.evaluators[1]).report({
        missionId: MISSION_ID,
        version,
        goalId: GOAL_ID,
        period: 1,
        value: 750n,
        evidenceHash: `0x${"ab".repeat(32)}`,
      })
    ).wait();
    expect(await world.oracle.slotStatus(MISSION_ID, version, GOAL_ID, 1)).to.equal(2n); // Proposed
    const client = new sdk.EAS(await eas.getAddress());
    client.connect(world.evaluators[0]!);
    await (await client.revoke({ schema: schemaUID, data: { uid: uids[0]! } })).wait();
    const slot = await world.oracle.getSlot(MISSION_ID, version, GOAL_ID, 1);
    expect(slot.value).to.equal(700n); // lower middle of 700, 750
    expect(slot.reportCount).to.equal(2n);
  });

  it("an attestation by anyone but the resolver's attester is rejected by EAS (the resolver reverts)", async function () {
    const { world, eas, schemaUID, resolver } = await fixture();
    const stranger = world.others[0]!;
    const contract = eas.connect(stranger) as Contract;
    await expect(
      contract.getFunction("attest")({
        schema: schemaUID,
        data: {
          recipient: sdk.ZERO_ADDRESS,
          expirationTime: 0n,
          revocable: true,
          refUID: sdk.ZERO_BYTES32,
          data: encode(1, 1n),
          value: 0n,
        },
      }),
    ).to.be.revertedWithCustomError(resolver, "WrongAttester");
  });
});
