import { expect } from "chai";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { parseEther } from "ethers";
import { CliError } from "../../../scripts/core/cli.js";
import { isoTime } from "../../../scripts/core/units.js";
import { chainOf } from "../../../scripts/core/chain.js";
import { mintTokens } from "../../../scripts/cli/actions/token.js";
import { advanceChain, daysToSeconds } from "../../../scripts/cli/actions/chain.js";
import { runTask } from "../helpers/run-task.js";

const run = runTask;

/** Awaits `promise` and returns the message of the one-line CliError it failed with. */
async function cliError(promise: Promise<unknown>): Promise<string> {
  const failed = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(failed).to.be.instanceOf(CliError);
  const message = failed instanceof CliError ? failed.message : "";
  expect(message).to.not.include("\n");
  return message;
}

describe("local tools: token:mint, token:balance, chain:advance", function () {
  // The tasks read the example token from the address book: a throwaway deployment id holding only that entry.
  const deploymentId = `test-token-tasks-${process.pid}`;
  const deploymentDir = path.join("deploy", "deployments", deploymentId);
  const savedId = process.env.IGNITION_DEPLOYMENT_ID;
  let token: string;

  before(async function () {
    const { ethers } = await hre.network.getOrCreate();
    const example = await ethers.deployContract("MockERC20", ["Example USD", "eUSD", 18]);
    token = await example.getAddress();
    mkdirSync(deploymentDir, { recursive: true });
    writeFileSync(
      path.join(deploymentDir, "deployed_addresses.json"),
      JSON.stringify({ "ExampleMissionModule#ExampleToken": token }),
    );
    process.env.IGNITION_DEPLOYMENT_ID = deploymentId;
  });

  after(function () {
    if (savedId === undefined) delete process.env.IGNITION_DEPLOYMENT_ID;
    else process.env.IGNITION_DEPLOYMENT_ID = savedId;
    rmSync(deploymentDir, { recursive: true, force: true });
  });

  async function blockNumber(): Promise<number> {
    const { ethers } = await hre.network.getOrCreate();
    return ethers.provider.getBlockNumber();
  }

  it("token:mint mints the example token in whole tokens; token:balance shows it with the symbol", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const signers = await ethers.getSigners();
    const to = signers[7]!.address;
    const example = await ethers.getContractAt("MockERC20", token); // deployed for this file: #7 holds none yet
    const minted = await run("token:mint", { to, amount: "1234.5" });
    expect(minted.result.success, minted.err).to.equal(true);
    expect(await example.balanceOf(to)).to.equal(parseEther("1234.5"));
    expect(minted.out).to.match(new RegExp(`^minted 1234\\.5 eUSD to ${to}; balance now 1234\\.5 eUSD \\(tx 0x`));

    const shown = await run("token:balance", { account: to });
    expect(shown.result.success, shown.err).to.equal(true);
    expect(shown.out).to.equal(`${to}: 1234.5 eUSD (token ${token})`);
    // Default account: the first one; default token: the example token. Zero prints as 0.
    const first = await run("token:balance", {});
    expect(first.out).to.equal(`${signers[0]!.address}: 0 eUSD (token ${token})`);

    // --token mints any token with an open mint(address,uint256), in its own decimals and symbol.
    const plain = await ethers.deployContract("MockERC20", ["Six", "SIX", 6]);
    const six = await run("token:mint", { to, amount: "0.000001", token: await plain.getAddress() });
    expect(six.result.success, six.err).to.equal(true);
    expect(six.out).to.match(/^minted 0\.000001 SIX to 0x[0-9a-fA-F]{40}; balance now 0\.000001 SIX/);
    expect(await plain.balanceOf(to)).to.equal(1n);
  });

  it("token:mint and token:balance refuse bad input in one line naming the flag, sending nothing", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const to = (await ethers.getSigners())[7]!.address;
    const registry = await ethers.deployContract("MockMissionRegistry");
    const notToken = await registry.getAddress();
    const before = await blockNumber();
    const cases: [string, Record<string, unknown>, string][] = [
      ["token:mint", { amount: "1" }, "--to: required"],
      ["token:mint", { to }, "--amount: required"],
      ["token:mint", { to: "0x12", amount: "1" }, '--to: must be a 0x-prefixed 20-byte address (got "0x12")'],
      ["token:mint", { to: "0x0000000000000000000000000000000000000000", amount: "1" }, "--to: may not be the zero"],
      ["token:mint", { to, amount: "0" }, "--amount: must be greater than zero"],
      ["token:mint", { to, amount: "1.5x" }, "--amount: must be a decimal amount"],
      ["token:mint", { to, amount: "0.0000000000000000001" }, "--amount: more than 18 decimals"],
      ["token:mint", { to, amount: "1", token: notToken }, `--token: ${notToken} is not an ERC-20 token`],
      ["token:mint", { to, amount: "1", from: "99" }, "--from: 99 is out of range"],
      ["token:balance", { account: "nobody" }, '--account: must be a 0x-prefixed 20-byte address (got "nobody")'],
      ["token:balance", { token: to }, `--token: no contract at ${to}`],
    ];
    for (const [name, args, message] of cases) {
      const { result, err } = await run(name, args);
      expect(result.success, `${name} ${JSON.stringify(args)}`).to.equal(false);
      expect(err.split("\n"), `${name} ${JSON.stringify(args)}`).to.have.length(1);
      expect(err).to.include(`error: ${message}`);
    }
    expect(await blockNumber()).to.equal(before);
  });

  it("token tasks without an example deployment ask for --token", async function () {
    process.env.IGNITION_DEPLOYMENT_ID = `${deploymentId}-none`;
    try {
      const { ethers } = await hre.network.getOrCreate();
      const to = (await ethers.getSigners())[7]!.address;
      const minted = await run("token:mint", { to, amount: "1" });
      expect(minted.err).to.match(/^error: --token: no example token deployed on chain 31337 .*suite:deploy --example/);
      const shown = await run("token:balance", {});
      expect(shown.err).to.match(/^error: --token: no example token deployed on chain 31337/);
    } finally {
      process.env.IGNITION_DEPLOYMENT_ID = deploymentId;
    }
  });

  it("chain:advance mines one block --days after the latest and prints its time as an ISO date", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const start = await ethers.provider.getBlock("latest");
    const advanced = await run("chain:advance", { days: "1.5" });
    expect(advanced.result.success, advanced.err).to.equal(true);
    const end = await ethers.provider.getBlock("latest");
    expect(end!.number).to.equal(start!.number + 1);
    expect(end!.timestamp).to.equal(start!.timestamp + 129_600);
    expect(advanced.out).to.equal(`mined block ${end!.number} at ${isoTime(end!.timestamp)} (+1.5 days)`);
    expect(daysToSeconds("30")).to.equal(2_592_000n);
    expect(daysToSeconds("0.00002")).to.equal(1n); // 1.728 s, whole seconds

    const before = await blockNumber();
    const cases: [Record<string, unknown>, string][] = [
      [{}, "--days: required"],
      [{ days: "soon" }, '--days: must be a number of days, e.g. 30 or 1.5 (got "soon")'],
      [{ days: "-1" }, "--days: must be a number of days"],
      [{ days: "0" }, '--days: must be at least one second (got "0")'],
      [{ days: "0.00001" }, "--days: must be at least one second"],
      [{ days: "36501" }, '--days: at most 36500 days (got "36501")'],
    ];
    for (const [args, message] of cases) {
      const { result, err } = await run("chain:advance", args);
      expect(result.success, JSON.stringify(args)).to.equal(false);
      expect(err.startsWith(`error: ${message}`), err).to.equal(true);
      expect(err).to.not.include("\n");
    }
    expect(await blockNumber()).to.equal(before);
  });

  it("chain:advance --to mines one block at a date (ISO or unix seconds), only forward, not with --days", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const start = (await ethers.provider.getBlock("latest"))!.timestamp;
    const target = start + 10 * 86_400;
    const iso = isoTime(target);
    const moved = await run("chain:advance", { to: iso });
    expect(moved.result.success, moved.err).to.equal(true);
    const end = await ethers.provider.getBlock("latest");
    expect(end!.timestamp).to.equal(target);
    expect(moved.out).to.equal(`mined block ${end!.number} at ${iso}`);
    const unix = await run("chain:advance", { to: String(target + 60) });
    expect(unix.result.success, unix.err).to.equal(true);
    expect((await ethers.provider.getBlock("latest"))!.timestamp).to.equal(target + 60);

    const before = await blockNumber();
    const cases: [Record<string, unknown>, string][] = [
      [{ to: iso }, `--to: ${iso} is not after the latest block (${isoTime(target + 60)})`],
      [{ to: "soon" }, '--to: must be unix seconds, an ISO date-time, or relative like "+30d" (got "soon")'],
      [{ to: "+1d", days: "1" }, "--to: give --days or --to, not both"],
    ];
    for (const [args, message] of cases) {
      const { result, err } = await run("chain:advance", args);
      expect(result.success, JSON.stringify(args)).to.equal(false);
      expect(err, JSON.stringify(args)).to.equal(`error: ${message}`);
    }
    expect(await blockNumber()).to.equal(before);
  });

  it("token:mint and chain:advance are refused on a network that is not the local chain 31337", async function () {
    const connection = await hre.network.create({ override: { chainId: 11_155_111 } });
    try {
      const chain = await chainOf(connection);
      expect(chain.chainId).to.equal(11_155_111n);
      const before = await connection.ethers.provider.getBlockNumber();
      const to = (await connection.ethers.getSigners())[1]!.address;
      expect(await cliError(mintTokens(chain, { to, amount: "1", token, from: "" }))).to.equal(
        "--network: token:mint works only on a local network (chain 31337); this is chain 11155111",
      );
      expect(await cliError(advanceChain(chain, "1"))).to.equal(
        "--network: chain:advance works only on a local network (chain 31337); this is chain 11155111",
      );
      expect(await connection.ethers.provider.getBlockNumber()).to.equal(before);
    } finally {
      await connection.close();
    }
  });
});
