import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import hre from "hardhat";
import { CliError } from "../../../scripts/core/cli.js";
import { checkAccountKeys, isPrivateKey } from "../../../scripts/core/signer.js";
import { runHardhat } from "../helpers/hardhat-cli.js";
import { taskFailure } from "../helpers/run-task.js";

const failure = taskFailure;

/** `address` (checksummed) with the case of its first letter flipped: mixed case with a wrong EIP-55 checksum. */
function badChecksum(address: string): string {
  const i = address.slice(2).search(/[a-fA-F]/) + 2;
  const c = address.charAt(i);
  const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
  return address.slice(0, i) + flipped + address.slice(i + 1);
}

const GOOD = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const BAD = badChecksum(GOOD);
const KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"; // hardhat #3

describe("CLI input errors in one line (no stack trace)", function () {
  const dir = mkdtempSync(path.join(tmpdir(), "input-errors-"));

  it("a mixed-case address with a bad EIP-55 checksum is refused in any address flag, naming the flag", async function () {
    expect(BAD).to.not.equal(GOOD);
    expect(BAD.toLowerCase()).to.equal(GOOD.toLowerCase());
    const lower = GOOD.toLowerCase();
    const csv = path.join(dir, "values.csv");
    writeFileSync(csv, "missionId,goalId,period,value\n1,0,1,650\n");
    const slot = { mission: "1", goal: "0", period: "1" };
    const cases: [string, Record<string, unknown>, string][] = [
      ["escrow:show", { escrow: BAD }, "escrow"],
      ["escrow:fund", { escrow: lower, amount: "1", for: BAD }, "for"],
      ["escrow:claim", { escrow: lower, account: BAD }, "account"],
      ["escrow:refund", { escrow: lower, account: BAD }, "account"],
      ["escrow:list", { factory: BAD }, "factory"],
      ["escrow:create", { file: "examples/escrows/reading-escrow.json", token: BAD }, "token"],
      ["escrow:settle", { escrow: lower, from: BAD }, "from"],
      ["pool:show", { pool: BAD }, "pool"],
      ["pool:list", { factory: BAD }, "factory"],
      ["pool:invest", { pool: BAD, amount: "1" }, "pool"],
      ["oracle:status", { ...slot, oracle: BAD }, "oracle"],
      ["oracle:report", { ...slot, oracle: lower, value: "1", from: BAD }, "from"],
      ["oracle:committee", { mission: "1", members: `${lower},${BAD}`, quorum: "1" }, "members.1"],
      [
        "oracle:committee",
        { mission: "1", members: lower, quorum: "1", bondToken: BAD, bond: "1", arbiter: lower },
        "bondToken",
      ],
      [
        "oracle:committee",
        { mission: "1", members: lower, quorum: "1", bondToken: lower, bond: "1", arbiter: BAD },
        "arbiter",
      ],
      [
        "oracle:sign",
        { file: csv, out: path.join(dir, "y.json"), key: KEY, chainId: "5", oracle: BAD, nonce: "0" },
        "oracle",
      ],
      ["mission:list", { registry: BAD }, "registry"],
      ["mission:endorse", { mission: "1", participant: BAD, contribution: "x" }, "participant"],
      ["data:export", { out: dir, registry: BAD }, "registry"],
    ];
    for (const [task, args, flag] of cases) {
      const message = await failure(task, args);
      expect(message, `${task} --${flag}`).to.equal(
        `--${flag}: bad EIP-55 checksum (mixed-case address; did you mean ${GOOD}?) (got "${BAD}")`,
      );
    }
  });

  it("the wrong kind of contract at an address flag is named by a cheap view call, before anything is sent", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const registry = await (await ethers.deployContract("MissionRegistry")).getAddress();
    const token = await (await ethers.deployContract("MockERC20", ["Dollar", "USD", 6])).getAddress();
    const before = await ethers.provider.getBlockNumber();
    const slot = { mission: "1", goal: "0", period: "1" };
    const cases: [string, Record<string, unknown>, string][] = [
      ["escrow:show", { escrow: registry }, `--escrow: ${registry} is not an OutcomeEscrow or ScheduledEscrow`],
      ["escrow:fund", { escrow: token, amount: "1" }, `--escrow: ${token} is not an OutcomeEscrow`],
      ["escrow:list", { factory: registry }, `--factory: ${registry} is not an OutcomeEscrowFactory`],
      ["pool:show", { pool: registry }, `--pool: ${registry} is not an ImpactPool`],
      ["pool:invest", { pool: token, amount: "1" }, `--pool: ${token} is not an ImpactPool`],
      ["pool:list", { factory: token }, `--factory: ${token} is not an ImpactPoolFactory`],
      ["oracle:status", { ...slot, oracle: registry }, `--oracle: ${registry} is not a MetricOracle`],
      ["mission:list", { registry: token }, `--registry: ${token} is not a MissionRegistry`],
    ];
    for (const [task, args, message] of cases) expect(await failure(task, args), task).to.equal(message);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });

  it("an escrow implementation (not a factory clone) is named with the contract's own reason", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const registry = await ethers.deployContract("MockRegistryForEscrow");
    const feed = await ethers.deployContract("MockMetricFeed");
    const factory = await ethers.deployContract("OutcomeEscrowFactory", [registry.target, feed.target]);
    const implementation = await factory.implementation();
    expect(await failure("escrow:show", { escrow: implementation })).to.equal(
      `--escrow: ${implementation} is not an OutcomeEscrow or ScheduledEscrow (this escrow was not created by the escrow factory (the implementation, or a clone deployed by someone else) (NotAClone))`,
    );
  });

  it("an unreachable --rpc is one line naming the flag", async function () {
    const signed = path.join(dir, "signed.json");
    const report = { missionId: "1", goalId: 0, period: 1, value: "1" };
    const reporter = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    writeFileSync(
      signed,
      JSON.stringify({
        chainId: "31337",
        oracle: GOOD,
        reports: [{ report, reporter, nonce: "0", deadline: "1", signature: "0x00" }],
      }),
    );
    const url = "http://127.0.0.1:1";
    expect(await failure("oracle:relay", { file: signed, rpc: url, key: KEY })).to.equal(
      `--rpc: cannot reach ${url} (is the node running? is the URL right?)`,
    );
    expect(await failure("data:export", { out: dir, rpc: url, registry: GOOD, oracle: GOOD })).to.equal(
      `--rpc: cannot reach ${url} (is the node running? is the URL right?)`,
    );
  });

  it("a malformed private key in the network's accounts is one line naming its variable, never the key", async function () {
    const variable = (name: string, value: string) => ({ name, get: () => Promise.resolve(value) });
    expect(isPrivateKey(KEY)).to.equal(true);
    expect(isPrivateKey(KEY.slice(2))).to.equal(true); // Hardhat takes it without 0x too
    for (const bad of ["0x1234", "not-a-key", `0x${"0".repeat(64)}`, `0x${"f".repeat(64)}`, `${KEY}00`]) {
      expect(isPrivateKey(bad), bad).to.equal(false);
      const failed = await checkAccountKeys("sepolia", [variable("DEPLOYER_PRIVATE_KEY", bad)]).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failed).to.be.instanceOf(CliError);
      const message = failed instanceof CliError ? failed.message : "";
      expect(message).to.equal(
        "DEPLOYER_PRIVATE_KEY: not a private key (must be 32 bytes of hex, 0x followed by 64 hex digits) for network sepolia",
      );
      if (bad.length > 4) expect(message).to.not.include(bad);
    }
    await checkAccountKeys("sepolia", [variable("DEPLOYER_PRIVATE_KEY", KEY)]);
    await checkAccountKeys("sepolia", "remote");
  });

  it("the real CLI: a malformed DEPLOYER_PRIVATE_KEY and an unreachable --network node, each one line, exit 1", async function () {
    const env = { SEPOLIA_RPC_URL: "http://127.0.0.1:9", DEPLOYER_PRIVATE_KEY: "0x1234" };
    const key = await runHardhat(["escrow:list", "--network", "sepolia"], env);
    expect(key.code).to.equal(1);
    expect(key.stderr.trim()).to.equal(
      "error: DEPLOYER_PRIVATE_KEY: not a private key (must be 32 bytes of hex, 0x followed by 64 hex digits) for network sepolia",
    );
    const down = await runHardhat(["escrow:list", "--network", "localhost"], {
      LOCALHOST_RPC_URL: "http://127.0.0.1:9",
    });
    expect(down.code).to.equal(1);
    expect(down.stderr.trim()).to.equal(
      "error: --network localhost: cannot connect to its RPC URL (is the node running? check the URL in .env)",
    );
  });
});
