import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import hre from "hardhat";
import { parseUnits } from "ethers";
import { isoTime } from "../../../scripts/core/units.js";
import { erc20, permitContext } from "../../../scripts/core/chain.js";
import { createEscrow } from "../../../scripts/cli/actions/escrow.js";
import { loadEscrowTerms } from "../../../scripts/formats/escrow-terms-file.js";
import type { MockMetricFeed, OutcomeEscrowFactory } from "../../../typechain-types/index.js";
import { runTask } from "../helpers/run-task.js";

const run = runTask;

const example = JSON.parse(readFileSync("examples/escrows/reading-escrow.json", "utf8")) as Record<string, unknown>;
const dir = mkdtempSync(path.join(tmpdir(), "escrow-fund-"));
const DAY = 86_400;

describe("escrow:fund pays with a permit when the token has one, and approves nothing before its checks", function () {
  // The tasks use the cached default connection; the tests share it.
  let factory: OutcomeEscrowFactory;
  let feed: MockMetricFeed;
  let funder: string; // account #1, the --from of every deposit
  let other: string; // account #2

  before(async function () {
    const { ethers } = await hre.network.getOrCreate();
    const signers = await ethers.getSigners();
    funder = signers[1]!.address;
    other = signers[2]!.address;
    const registry = await ethers.deployContract("MockRegistryForEscrow");
    feed = await ethers.deployContract("MockMetricFeed");
    factory = await ethers.deployContract("OutcomeEscrowFactory", [registry.target, feed.target]);
    const now = (await ethers.provider.getBlock("latest"))!.timestamp;
    await (await registry.setMission(1n, 2)).wait();
    const goal = {
      firstPeriodEnd: now + 30 * DAY,
      periodLength: DAY,
      periodCount: 1,
      reportingWindow: DAY,
      decimals: 0,
      version: 1,
    };
    await (await registry.setGoal(1n, 0, { ...goal, baseline: 624n, target: 750n })).wait();
    await (await registry.setGoal(1n, 1, { ...goal, baseline: 38n, target: 55n })).wait();
  });

  /** A fresh escrow of `token` on the example's terms, its funding open for ten days. */
  async function escrowOf(token: string): Promise<string> {
    const { ethers } = await hre.network.getOrCreate();
    const [deployer] = await ethers.getSigners();
    const now = (await ethers.provider.getBlock("latest"))!.timestamp;
    const [, challengeWindow, arbitrationPeriod] = await feed.slotTimeline(1n, await feed.committeeVersion(1n), 0, 1);
    const reportingDeadline = now + 31 * DAY;
    const file = path.join(dir, `terms-${token}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        ...example,
        token,
        fundingDeadline: now + 10 * DAY,
        minFunding: "0",
        settlementDeadline: reportingDeadline + Number(challengeWindow + arbitrationPeriod),
        gracePeriod: 50,
        beneficiaries: [{ account: other, weight: "1" }],
      }),
    );
    const conn = { signer: deployer!, chainId: (await ethers.provider.getNetwork()).chainId };
    const decimals = await erc20(token, ethers.provider).decimals();
    return createEscrow(conn, loadEscrowTerms(file, BigInt(now), decimals), await factory.getAddress());
  }

  /** A permit token (OpenZeppelin ERC20Permit: 6 decimals, "USD") and a plain one (no permit: 18 decimals, "mUSD"). */
  async function tokens() {
    const { ethers } = await hre.network.getOrCreate();
    const permit = await ethers.deployContract("MockERC20", ["Dollar", "USD", 6]);
    const plain = await ethers.deployContract("MockPlainPoolToken");
    await (await permit.mint(funder, parseUnits("1000", 6))).wait();
    await (await plain.mint(funder, parseUnits("1000", 18))).wait();
    return { permit, plain };
  }

  /** The transactions `account` sent in blocks after `from`, in order. */
  async function sentSince(account: string, from: number) {
    const { ethers } = await hre.network.getOrCreate();
    const txs = [];
    for (let n = from + 1; n <= (await ethers.provider.getBlockNumber()); n++) {
      const block = await ethers.provider.getBlock(n, true);
      for (const tx of block!.prefetchedTransactions) if (tx.from === account) txs.push(tx);
    }
    return txs;
  }

  it("detects an EIP-2612 permit from nonces() and a domain that hashes to DOMAIN_SEPARATOR()", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const { permit, plain } = await tokens();
    const chainId = (await ethers.provider.getNetwork()).chainId;
    const context = await permitContext(await permit.getAddress(), ethers.provider, funder, chainId);
    expect(context?.nonce).to.equal(0n);
    expect(context?.domain).to.deep.include({ name: "Dollar", version: "1", chainId });
    expect(await permitContext(await plain.getAddress(), ethers.provider, funder, chainId)).to.equal(undefined);
    expect(await permitContext(await factory.getAddress(), ethers.provider, funder, chainId)).to.equal(undefined);
  });

  it("with a permit token: one transaction (depositWithPermit), no approval sent, no allowance left", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const { permit } = await tokens();
    const escrow = await escrowOf(await permit.getAddress());
    const start = await ethers.provider.getBlockNumber();
    const funded = await run("escrow:fund", { escrow, amount: "250.5", from: "1" });
    expect(funded.result.success, funded.err).to.equal(true);
    expect(funded.out).to.match(/^deposited into 0x[0-9a-fA-F]{40} with a signed permit: credited 250\.5 USD \(tx 0x/);
    const sent = await sentSince(funder, start);
    const contract = await ethers.getContractAt("OutcomeEscrow", escrow);
    expect(sent.map((tx) => contract.interface.parseTransaction(tx)?.name)).to.deep.equal(["depositWithPermit"]);
    expect(await contract.depositOf(funder)).to.equal(parseUnits("250.5", 6));
    expect(await permit.allowance(funder, escrow)).to.equal(0n);
    expect(await permit.nonces(funder)).to.equal(1n);
  });

  it("without a permit: approves exactly the amount, then deposits; an existing allowance is used as is", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const { plain } = await tokens();
    const escrow = await escrowOf(await plain.getAddress());
    const contract = await ethers.getContractAt("OutcomeEscrow", escrow);
    let start = await ethers.provider.getBlockNumber();
    const funded = await run("escrow:fund", { escrow, amount: "100", from: "1" });
    expect(funded.result.success, funded.err).to.equal(true);
    expect(funded.out).to.match(/ with an approval: credited 100 mUSD \(tx 0x/);
    const sent = await sentSince(funder, start);
    expect(sent).to.have.length(2);
    const approval = plain.interface.parseTransaction(sent[0]!);
    expect([approval?.name, approval?.args[0], approval?.args[1]]).to.deep.equal([
      "approve",
      escrow,
      parseUnits("100", 18),
    ]);
    expect(contract.interface.parseTransaction(sent[1]!)?.name).to.equal("deposit");
    expect(await plain.allowance(funder, escrow)).to.equal(0n);

    const signers = await ethers.getSigners();
    await (await plain.connect(signers[1]).approve(escrow, parseUnits("40", 18))).wait();
    start = await ethers.provider.getBlockNumber();
    const again = await run("escrow:fund", { escrow, amount: "40", from: "1" });
    expect(again.out).to.match(/ with the existing allowance: credited 40 mUSD/);
    expect((await sentSince(funder, start)).map((tx) => contract.interface.parseTransaction(tx)?.name)).to.deep.equal([
      "deposit",
    ]);
    expect(await contract.depositOf(funder)).to.equal(parseUnits("140", 18));
  });

  it("--for credits another funder: depositWithPermit credits only the caller, so it approves the exact amount", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const { permit } = await tokens();
    const escrow = await escrowOf(await permit.getAddress());
    const contract = await ethers.getContractAt("OutcomeEscrow", escrow);
    const start = await ethers.provider.getBlockNumber();
    const funded = await run("escrow:fund", { escrow, amount: "7", for: other, from: "1" });
    expect(funded.result.success, funded.err).to.equal(true);
    expect(funded.out).to.match(new RegExp(` with an approval: credited 7 USD to ${other} \\(tx 0x`));
    const sent = await sentSince(funder, start);
    expect(sent.map((tx) => (tx.to === escrow ? contract : permit).interface.parseTransaction(tx)?.name)).to.deep.equal(
      ["approve", "depositFor"],
    );
    expect(await contract.depositOf(other)).to.equal(parseUnits("7", 6));
    expect(await contract.depositOf(funder)).to.equal(0n);
    expect(await permit.allowance(funder, escrow)).to.equal(0n);
  });

  it("every failing check (balance, --for, status, deadline) comes first: nothing sent, the allowance stays 0", async function () {
    const { ethers, networkHelpers } = await hre.network.getOrCreate();
    const { permit, plain } = await tokens();
    const escrows = [
      { token: permit, symbol: "USD", escrow: await escrowOf(await permit.getAddress()) },
      { token: plain, symbol: "mUSD", escrow: await escrowOf(await plain.getAddress()) },
    ];
    const refuse = async (escrow: string, args: Record<string, unknown>, message: string) => {
      const before = await ethers.provider.getBlockNumber();
      const { result, err } = await run("escrow:fund", { escrow, from: "1", ...args });
      expect(result.success, message).to.equal(false);
      expect(err).to.equal(`error: ${message}`);
      expect(await ethers.provider.getBlockNumber(), message).to.equal(before);
    };
    for (const { token, symbol, escrow } of escrows) {
      await refuse(
        escrow,
        { amount: "1000.5" },
        `--amount: ${funder} holds 1000 ${symbol}, less than the 1000.5 ${symbol} to deposit`,
      );
      await refuse(
        escrow,
        { amount: "1", for: "0x0000000000000000000000000000000000000000" },
        "--for: the funder may not be the zero address",
      );
      await refuse(escrow, { amount: "1", for: "0x12" }, '--for: must be a 0x-prefixed 20-byte address (got "0x12")');
      expect(await token.allowance(funder, escrow)).to.equal(0n);
    }

    // Settled (outcomes final, settled before the funding deadline): deposits are closed.
    const settled = escrows[0]!.escrow;
    await run("escrow:fund", { escrow: settled, amount: "10", from: "1" });
    await (await feed.setFinal(1n, 0, 1, 750n)).wait();
    await (await feed.setFinal(1n, 1, 1, 55n)).wait();
    expect((await run("escrow:settle", { escrow: settled })).result.success).to.equal(true);
    await refuse(settled, { amount: "1" }, "--escrow: the escrow is settled (Achieved); deposits are closed");
    expect(await permit.allowance(funder, settled)).to.equal(0n);

    // Past the funding deadline (an open escrow): refused with the deadline as an ISO time.
    const late = escrows[1]!.escrow;
    const { fundingDeadline } = await (await ethers.getContractAt("OutcomeEscrow", late)).terms();
    await networkHelpers.time.increaseTo(fundingDeadline);
    await refuse(late, { amount: "1" }, `--escrow: funding closed at ${isoTime(fundingDeadline)}`);
    expect(await plain.allowance(funder, late)).to.equal(0n);
  });
});
