import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import hre from "hardhat";
import { CliError, type TaskResult } from "../../../scripts/core/cli.js";
import { FROM_OPTION, resolveSigner, type SignerSource } from "../../../scripts/core/signer.js";

/** The one-line message of a CliError thrown by `resolveSigner`. */
async function failure(source: SignerSource, from: string): Promise<string> {
  try {
    await resolveSigner(source, from);
  } catch (err) {
    expect(err).to.be.instanceOf(CliError);
    const message = (err as CliError).message;
    expect(message.split("\n")).to.have.length(1);
    return message;
  }
  throw new Error(`resolveSigner accepted --from "${from}"`);
}

const fixed = (signers: HardhatEthersSigner[]): SignerSource => ({ getSigners: () => Promise.resolve(signers) });

describe("resolveSigner (--from)", () => {
  let signers: HardhatEthersSigner[];

  before(async () => {
    const { ethers } = await hre.network.getOrCreate();
    signers = await ethers.getSigners();
  });

  it("defaults to the first account", async () => {
    const { ethers } = await hre.network.getOrCreate();
    expect((await resolveSigner(ethers, "")).address).to.equal(signers[0]!.address);
  });

  it("takes a local account index", async () => {
    const { ethers } = await hre.network.getOrCreate();
    expect((await resolveSigner(ethers, "0")).address).to.equal(signers[0]!.address);
    expect((await resolveSigner(ethers, "3")).address).to.equal(signers[3]!.address);
    expect((await resolveSigner(ethers, " 2 ")).address).to.equal(signers[2]!.address);
    const last = signers.length - 1;
    expect((await resolveSigner(ethers, String(last))).address).to.equal(signers[last]!.address);
  });

  it("takes the address of one of the network's accounts, in any case", async () => {
    const { ethers } = await hre.network.getOrCreate();
    const target = signers[4]!.address;
    expect((await resolveSigner(ethers, target)).address).to.equal(target);
    expect((await resolveSigner(ethers, target.toLowerCase())).address).to.equal(target);
    expect((await resolveSigner(ethers, `0x${target.slice(2).toUpperCase()}`)).address).to.equal(target);
  });

  it("rejects an index out of range in one line naming --from", async () => {
    const five = fixed(signers.slice(0, 5));
    expect(await failure(five, "7")).to.equal("--from: 7 is out of range (this network has 5 accounts)");
    expect(await failure(five, "5")).to.equal("--from: 5 is out of range (this network has 5 accounts)");
    expect(await failure(fixed(signers.slice(0, 1)), "1")).to.equal(
      "--from: 1 is out of range (this network has 1 account)",
    );
    expect(await failure(five, "99999999999999999999999")).to.equal(
      "--from: 99999999999999999999999 is out of range (this network has 5 accounts)",
    );
  });

  it("rejects an address that is not an account of the network", async () => {
    const five = fixed(signers.slice(0, 5));
    const outsider = signers[6]!.address;
    expect(await failure(five, outsider)).to.equal(`--from: ${outsider} is not an account of this network`);
    const dead = "0x000000000000000000000000000000000000dEaD";
    expect(await failure(five, dead)).to.equal(`--from: ${dead} is not an account of this network`);
  });

  it("rejects anything else before asking the network", async () => {
    const untouchable: SignerSource = {
      getSigners: () => Promise.reject(new Error("the flag's shape is checked first")),
    };
    for (const bad of ["bob", "-1", "1.5", "0x123", `0x${"g".repeat(40)}`, "#1"]) {
      expect(await failure(untouchable, bad)).to.equal(
        `--from: must be an account index or a 0x-prefixed 20-byte address (got "${bad}")`,
      );
    }
  });

  it("says so when the network has no account at all", async () => {
    expect(await failure(fixed([]), "")).to.equal("--from: this network has 0 accounts (set DEPLOYER_PRIVATE_KEY)");
    expect(await failure(fixed([]), "0")).to.equal("--from: this network has 0 accounts (set DEPLOYER_PRIVATE_KEY)");
  });
});

describe("--from on the CLI tasks", () => {
  /** Every task that sends a transaction; the other tasks of these groups only read. */
  const SENDERS = [
    "mission:create",
    "mission:amend",
    "mission:join",
    "mission:pledge",
    "mission:endorse",
    "mission:activate",
    "mission:conclude",
    "oracle:committee",
    "oracle:report",
    "oracle:relay",
    "oracle:dispute",
    "oracle:resolve",
    "oracle:finalize",
    "oracle:expire-dispute",
    "oracle:withdraw-bond",
    "escrow:create",
    "escrow:fund",
    "escrow:settle",
    "escrow:claim",
    "escrow:refund",
    "pool:create",
    "pool:invest",
    "pool:commit",
    "pool:disburse",
    "pool:settle",
    "pool:redeem",
    "pool:refund",
    "pool:withdraw",
    "pool:claim",
    "pool:guarantee",
  ];
  const READERS = [
    "mission:show",
    "mission:list",
    "oracle:sign",
    "oracle:status",
    "escrow:show",
    "escrow:list",
    "pool:show",
    "pool:list",
  ];

  it("every sending task has the same --from option, and read-only tasks have none", () => {
    for (const name of SENDERS) {
      const option = hre.tasks.getTask(name).options.get("from");
      expect(option, name).to.not.equal(undefined);
      expect(option?.defaultValue, name).to.equal("");
      expect(option?.description.startsWith(FROM_OPTION.description), name).to.equal(true);
      // `escrow:claim/refund --account` is the payee, not the sender: the only `--account` left.
      const payee = name === "escrow:claim" || name === "escrow:refund";
      expect(hre.tasks.getTask(name).options.has("account"), name).to.equal(payee);
    }
    for (const name of READERS) expect(hre.tasks.getTask(name).options.has("from"), name).to.equal(false);
    const grouped = [...hre.tasks.rootTasks.keys()].filter((n) => /^(mission|oracle|escrow|pool):/.test(n));
    expect([...grouped].sort()).to.deep.equal([...SENDERS, ...READERS].sort());
  });

  it("escrow tasks refuse a bad --from in one line, before anything is sent", async () => {
    const out: string[] = [];
    const { error } = console;
    console.error = (...parts: unknown[]) => void out.push(parts.join(" "));
    let result: TaskResult;
    try {
      result = (await hre.tasks
        .getTask("escrow:settle")
        .run({ escrow: "0x000000000000000000000000000000000000dEaD", from: "999" })) as TaskResult;
    } finally {
      console.error = error;
    }
    expect(result.success).to.equal(false);
    expect(out).to.have.length(1);
    expect(out[0]).to.match(/^error: --from: 999 is out of range \(this network has \d+ accounts\)$/);
  });
});
