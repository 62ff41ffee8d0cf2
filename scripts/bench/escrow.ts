/**
 * Escrow bench: OutcomeEscrow(Factory) operations, their scaling with 1 / 100 / 1,000 funders, and Gnosis
 * Conditional Tokens (deployed from its published solc 0.5 artifacts, not recompiled) as the peer:
 * deposit ≈ splitPosition, oracle outcome ≈ reportPayouts, claim ≈ redeemPositions.
 */
import { createRequire } from "node:module";
import { network } from "hardhat";
import { ContractFactory, Wallet, ZeroHash, type InterfaceAbi } from "ethers";
import { gasOf, type BenchModule, type GasRecord } from "./lib.js";
import type { ContractTerms } from "../formats/escrow-terms.js";
import { curveOf } from "../formats/outcome-terms.js";

const require = createRequire(import.meta.url);
const WAD = 10n ** 18n;
const DAY = 86_400n;

export const benchEscrow: BenchModule = async () => {
  const { ethers, networkHelpers } = await network.create();
  const signers = await ethers.getSigners();
  const at = (i: number) => {
    const s = signers[i];
    if (s === undefined) throw new Error(`bench needs 6 accounts, found ${signers.length}`);
    return s;
  };
  const [deployer, funderA, funderB, ben1, ben2, oracle] = [at(0), at(1), at(2), at(3), at(4), at(5)];
  const gas: GasRecord = {};

  const registry = await ethers.deployContract("MockRegistryForEscrow");
  const feed = await ethers.deployContract("MockMetricFeed");
  const factory = await ethers.deployContract("OutcomeEscrowFactory", [await registry.getAddress(), await feed.getAddress()]);
  const token = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
  const now = BigInt(await networkHelpers.time.latest());
  await registry.setMission(1n, 2);
  for (let g = 0; g < 4; g++) {
    await registry.setGoal(1n, g, {
      baseline: 100n, target: 200n, firstPeriodEnd: now + 20n * DAY, periodLength: 30 * 86_400,
      periodCount: 1, reportingWindow: 7 * 86_400, decimals: 0, version: 1,
    });
  }

  const tokenAddress = await token.getAddress();
  const term = (goalId: number, weightWad: bigint): ContractTerms["outcomes"][number] => ({
    missionId: 1n, goalId, period: 1, weightWad,
    curve: curveOf({ kind: "linear", baseline: 100, target: 200 }),
  });
  const terms = (outcomes: ContractTerms["outcomes"]): ContractTerms => ({
    token: tokenAddress, missionId: 1n, goalVersion: 1,
    fundingDeadline: now + 10n * DAY, minFunding: 0n, settlementDeadline: now + 30n * DAY, gracePeriod: 7 * 86_400,
    outcomes, beneficiaries: [{ account: ben1.address, weight: 1n }, { account: ben2.address, weight: 3n }],
  });
  const create = async (outcomes: ContractTerms["outcomes"]) => {
    const receipt = await (await factory.createEscrow(terms(outcomes))).wait();
    const log = receipt!.logs.map((l) => factory.interface.parseLog(l)).find((l) => l?.name === "EscrowCreated");
    return { escrow: await ethers.getContractAt("OutcomeEscrow", log!.args.escrow as string), gasUsed: Number(receipt!.gasUsed) };
  };

  // create: the very first escrow of the factory and of its mission (each listing's first entry shares the slot of
  // its length); `.sameMission` a later one-term escrow on the same mission (a fresh slot in each listing).
  const first = await create([term(0, WAD)]);
  gas["escrow.create"] = first.gasUsed;
  const escrow = first.escrow;

  // deposits: a funder's first deposit (escrow already funded by someone else), then a top-up.
  const big = 10n ** 30n;
  for (const s of [deployer, funderA, funderB]) {
    await token.mint(s.address, big);
  }
  await token.connect(deployer).approve(escrow.target, big);
  await escrow.connect(deployer).deposit(1000n * WAD);
  // Funders approve exactly what they deposit (the usual dApp flow; the peer's split is measured the same way).
  await token.connect(funderA).approve(escrow.target, 500n * WAD);
  gas["escrow.deposit"] = await gasOf(escrow.connect(funderA).deposit(500n * WAD));
  await token.connect(funderA).approve(escrow.target, 250n * WAD);
  gas["escrow.depositTopUp"] = await gasOf(escrow.connect(funderA).deposit(250n * WAD));

  // settle one term (75 % achieved), claim, refund.
  await feed.setFinal(1n, 0, 1, 175n);
  gas["escrow.settle"] = await gasOf(escrow.settle());
  // claim: to a provider that already holds the token (as the Conditional Tokens peer's redeemer does, and as
  // pool.disburse / pool.redeem are measured); `.newHolder` is a first-time holder (+ a fresh token balance slot).
  await token.mint(ben1.address, 1n);
  gas["escrow.claim"] = await gasOf(escrow.connect(ben1).claim());
  gas["escrow.claim.newHolder"] = await gasOf(escrow.connect(ben2).claim());
  gas["escrow.refund"] = await gasOf(escrow.connect(funderA).refund());

  // settle with four terms.
  for (let g = 1; g < 4; g++) await feed.setFinal(1n, g, 1, 150n + BigInt(g));
  const four = (await create([term(0, WAD / 4n), term(1, WAD / 4n), term(2, WAD / 4n), term(3, WAD / 4n)])).escrow;
  await token.connect(deployer).approve(four.target, big);
  await four.connect(deployer).deposit(1000n * WAD);
  gas["escrow.settle4"] = await gasOf(four.settle());

  // scale: the same escrow with 1, 100 and 1,000 funders (depositFor from one payer, one fresh account each).
  await feed.setFinal(1n, 0, 1, 175n);
  for (const n of [1, 100, 1000]) {
    const { escrow: e, gasUsed } = await create([term(0, WAD)]);
    if (n === 1) gas["escrow.create.sameMission"] = gasUsed;
    await token.connect(deployer).approve(e.target, big);
    const funders: string[] = [];
    for (let i = 0; i < n; i++) {
      const f = Wallet.createRandom().address;
      funders.push(f);
      await e.connect(deployer).depositFor(f, WAD + BigInt(i));
    }
    gas[`escrow.settle@${n}`] = await gasOf(e.settle());
    gas[`escrow.claim@${n}`] = await gasOf(e.connect(ben1).claim());
    gas[`escrow.refund@${n}`] = await gasOf(e.refundFor(funders[Math.floor(n / 2)]!));
  }

  // peer: Gnosis Conditional Tokens, from its published artifacts.
  const artifact = require("@gnosis.pm/conditional-tokens-contracts/build/contracts/ConditionalTokens.json") as {
    abi: InterfaceAbi;
    bytecode: string;
  };
  const ctf = await new ContractFactory(artifact.abi, artifact.bytecode, deployer).deploy();
  await ctf.waitForDeployment();
  const questionId = ethers.id("reading-rate");
  await (await ctf.getFunction("prepareCondition").send(oracle.address, questionId, 2)).wait();
  const conditionId = (await ctf.getFunction("getConditionId")(oracle.address, questionId, 2)) as string;
  await token.connect(deployer).approve(ctf.target, big);
  await token.connect(funderB).approve(ctf.target, 500n * WAD);
  await (await ctf.connect(deployer).getFunction("splitPosition").send(token.target, ZeroHash, conditionId, [1, 2], 1000n * WAD)).wait();
  gas["peer.ctf.split"] = await gasOf(ctf.connect(funderB).getFunction("splitPosition").send(token.target, ZeroHash, conditionId, [1, 2], 500n * WAD));
  gas["peer.ctf.report"] = await gasOf(ctf.connect(oracle).getFunction("reportPayouts")(questionId, [3, 1]));
  gas["peer.ctf.redeem"] = await gasOf(ctf.connect(funderB).getFunction("redeemPositions")(token.target, ZeroHash, conditionId, [1, 2]));

  return gas;
};
