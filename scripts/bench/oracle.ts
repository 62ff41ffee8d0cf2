import { network } from "hardhat";
import { AbiCoder, ZeroHash, type Contract } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { gasOf, type BenchModule, type GasRecord } from "./lib.js";
import { deployEas, METRIC_SCHEMA } from "../fixtures/eas.js";
import { deployOracleWorld, GOAL_ID, MISSION_ID, periodEnd, REPORT_TYPES } from "../fixtures/oracle.js";
import type { MetricOracle } from "../../typechain-types/index.js";

/**
 * Oracle gas, on a 5-of-5 committee (k = 5 so that the quorum report computes a median of five):
 * - `oracle.report`: the 2nd of 5 direct reports of a slot (no quorum yet; slot and value word already written).
 * - `oracle.reportQuorum`: the 5th (k-th) direct report: reads the 5 values, sorts, proposes the median.
 * - `oracle.reportSigned`: the 2nd of 5 reports of a slot, EIP-712 signed and relayed, by an evaluator that signed
 *   before (nonce 1 → 2: the steady state of an evaluator reporting period after period).
 * - `oracle.reportSigned.firstNonce`: the same with the signer's first nonce (0 → 1, one extra fresh storage slot).
 * - `oracle.reportBatch5`: one batch of 5 signed reports filling a fresh slot up to its quorum (median included),
 *   by evaluators that signed before; `.firstNonces` the same with every signer's first nonce.
 * - `oracle.dispute`: posting the bond against a proposed value (disputer approved the oracle beforehand), while
 *   the oracle already holds a bond in that token; `.firstBond` the very first bond in that token.
 * - `oracle.finalize`: finalising an undisputed value after its window.
 * - `peer.eas.attest`: on the real EAS contracts from npm, one evaluator attesting a metric value on the same
 *   schema without resolver (its first attestation).
 */
export const benchOracle: BenchModule = async () => {
  const { ethers, networkHelpers } = await network.create();
  const gas: GasRecord = {};
  const world = await deployOracleWorld(ethers, { members: 5, quorum: 5, periodCount: 6 });
  const { oracle, evaluators } = world;
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const domain = { name: "MetricOracle", version: "1", chainId, verifyingContract: await oracle.getAddress() };
  const ev = (i: number): HardhatEthersSigner => {
    const s = evaluators[i];
    if (s === undefined) throw new Error(`no evaluator ${i}`);
    return s;
  };
  const report = (period: number, value: bigint) => ({
    missionId: MISSION_ID,
    version: 1,
    goalId: GOAL_ID,
    period,
    value,
    evidenceHash: ethers.id(`evidence ${period} ${value}`),
  });
  const nextNonce = new Map<string, bigint>();
  const sign = async (o: MetricOracle, signer: HardhatEthersSigner, period: number, value: bigint) => {
    // Unordered nonces: each signer uses 0, 1, 2, … (the bitmap's first word), as a reporter would.
    const key = `${await o.getAddress()}:${signer.address}`;
    const nonce = nextNonce.get(key) ?? 0n;
    nextNonce.set(key, nonce + 1n);
    const deadline = BigInt(2 ** 40);
    const r = report(period, value);
    const signature = await signer.signTypedData(domain, REPORT_TYPES, {
      ...r,
      reporter: signer.address,
      nonce,
      deadline,
    });
    return { report: r, reporter: signer.address, nonce, deadline, signature };
  };

  // Period 1: direct reports; the 2nd and the 5th are measured.
  await networkHelpers.time.increaseTo(periodEnd(world, 1) + 1n);
  await (await oracle.connect(ev(0)).report(report(1, 510n))).wait();
  gas["oracle.report"] = await gasOf(oracle.connect(ev(1)).report(report(1, 490n)));
  await (await oracle.connect(ev(2)).report(report(1, 500n))).wait();
  await (await oracle.connect(ev(3)).report(report(1, 470n))).wait();
  gas["oracle.reportQuorum"] = await gasOf(oracle.connect(ev(4)).report(report(1, 530n)));

  // Period 2: signed reports, relayed. Evaluator 1's first signature (nonce 0) is the 2nd report of the slot.
  await networkHelpers.time.increaseTo(periodEnd(world, 2) + 1n);
  const relayer = world.others[0];
  if (relayer === undefined) throw new Error("no relayer");
  await (await oracle.connect(relayer).reportSigned(await sign(oracle, ev(0), 2, 500n))).wait();
  gas["oracle.reportSigned.firstNonce"] = await gasOf(
    oracle.connect(relayer).reportSigned(await sign(oracle, ev(1), 2, 500n)),
  );
  // Period 3: the 2nd signed report again, now by an evaluator whose nonce is 1 (steady state).
  await networkHelpers.time.increaseTo(periodEnd(world, 3) + 1n);
  await (await oracle.connect(relayer).reportSigned(await sign(oracle, ev(2), 3, 500n))).wait();
  gas["oracle.reportSigned"] = await gasOf(oracle.connect(relayer).reportSigned(await sign(oracle, ev(1), 3, 500n)));
  // Evaluators 3 and 4 sign once too (period 3 stays below its quorum), so every evaluator has used a nonce.
  for (const i of [3, 4]) await (await oracle.connect(relayer).reportSigned(await sign(oracle, ev(i), 3, 500n))).wait();

  // Period 4: a batch of 5 signed reports, all signers with nonces already used.
  await networkHelpers.time.increaseTo(periodEnd(world, 4) + 1n);
  const batch = [];
  for (let i = 0; i < 5; i++) batch.push(await sign(oracle, ev(i), 4, 500n + BigInt(i)));
  gas["oracle.reportBatch5"] = await gasOf(oracle.connect(relayer).reportBatch(batch));

  // The same batch on a second oracle where every signer signs for the first time.
  const fresh = await ethers.deployContract("MetricOracle", [await world.registry.getAddress()]);
  await (
    await fresh.connect(world.steward).setCommittee(MISSION_ID, {
      members: evaluators.map((e) => e.address),
      quorum: 5,
      challengeWindow: 3_600,
      bondToken: await world.token.getAddress(),
      bondAmount: 10n ** 20n,
      arbiter: world.arbiter.address,
      adapter: ethers.ZeroAddress,
    })
  ).wait();
  const freshDomain = { ...domain, verifyingContract: await fresh.getAddress() };
  const freshBatch = [];
  for (let i = 0; i < 5; i++) {
    const signer = ev(i);
    const r = report(4, 500n + BigInt(i));
    const deadline = BigInt(2 ** 40);
    const signature = await signer.signTypedData(freshDomain, REPORT_TYPES, {
      ...r,
      reporter: signer.address,
      nonce: 0n,
      deadline,
    });
    freshBatch.push({ report: r, reporter: signer.address, nonce: 0n, deadline, signature });
  }
  gas["oracle.reportBatch5.firstNonces"] = await gasOf(fresh.connect(relayer).reportBatch(freshBatch));

  // Disputes. Goal 1 (same windows) gets a proposed period-4 value too. The first dispute against this oracle in
  // the bond token (`oracle.dispute.firstBond`) also creates the oracle's token balance and its bondsHeld entry;
  // `oracle.dispute` is the next one, while the oracle holds a bond in that token (the steady state).
  await (
    await world.registry.addGoal(MISSION_ID, {
      baseline: 100n,
      target: 500n,
      firstPeriodEnd: world.firstPeriodEnd,
      periodLength: world.periodLength,
      periodCount: 6,
      reportingWindow: world.reportingWindow,
      decimals: 2,
      version: 1,
    })
  ).wait();
  for (let i = 0; i < 5; i++) {
    await (await oracle.connect(ev(i)).report({ ...report(4, 400n), goalId: 1 })).wait();
  }
  const disputer = world.others[1];
  if (disputer === undefined) throw new Error("no disputer");
  await (await world.token.mint(disputer.address, 10n ** 21n)).wait();
  await (await world.token.connect(disputer).approve(await oracle.getAddress(), ethers.MaxUint256)).wait();
  gas["oracle.dispute.firstBond"] = await gasOf(oracle.connect(disputer).dispute(MISSION_ID, 1, 1, 4));
  gas["oracle.dispute"] = await gasOf(oracle.connect(disputer).dispute(MISSION_ID, 1, GOAL_ID, 4));
  // Finalise period 1 (proposed long ago, window over).
  gas["oracle.finalize"] = await gasOf(oracle.finalize(MISSION_ID, 1, GOAL_ID, 1));

  // Peer: the real EAS, one evaluator attesting the same metric on an equivalent schema without resolver.
  const [deployer] = await ethers.getSigners();
  if (deployer === undefined) throw new Error("no deployer");
  const { schemaRegistry, eas } = await deployEas(deployer);
  const schemaUID = await registerSchema(schemaRegistry, METRIC_SCHEMA, ethers.ZeroAddress, true);
  const data = AbiCoder.defaultAbiCoder().encode(
    ["uint256", "uint8", "uint16", "uint64", "bytes32"],
    [MISSION_ID, GOAL_ID, 1, 500n, ethers.id("evidence")],
  );
  gas["peer.eas.attest"] = await gasOf(
    (eas.connect(ev(0)) as Contract).getFunction("attest")({
      schema: schemaUID,
      data: { recipient: ethers.ZeroAddress, expirationTime: 0n, revocable: true, refUID: ZeroHash, data, value: 0n },
    }),
  );
  return gas;
};

async function registerSchema(registry: Contract, schema: string, resolver: string, revocable: boolean) {
  const receipt = await (await registry.getFunction("register").send(schema, resolver, revocable)).wait();
  for (const log of receipt?.logs ?? []) {
    const parsed = registry.interface.parseLog(log);
    if (parsed?.name === "Registered") return String(parsed.args[0]);
  }
  throw new Error("schema not registered");
}
