import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String, parseEther } from "ethers";
import {
  approveIfNeeded,
  decodeRevert,
  erc20,
  openChain,
  revertReason,
  simulateThenSend,
} from "../../../scripts/core/chain.js";
import { CliError } from "../../../scripts/core/cli.js";

describe("the chain module (core/chain.ts)", function () {
  it("reads and approves any ERC-20 through the one ABI, and approves only what is missing", async function () {
    const chain = await openChain(hre);
    const [owner, spender] = await chain.ethers.getSigners();
    const token = await chain.ethers.deployContract("MockPlainPoolToken");
    await (await token.mint(owner!.address, parseEther("5"))).wait();
    const t = erc20(await token.getAddress(), owner!);
    expect(await t.decimals()).to.equal(18);
    expect(await t.symbol()).to.equal("mUSD");
    expect(await t.balanceOf(owner!.address)).to.equal(parseEther("5"));
    await approveIfNeeded(t, owner!.address, spender!.address, 7n);
    expect(await t.allowance(owner!.address, spender!.address)).to.equal(7n);
    const before = await chain.ethers.provider.getTransactionCount(owner!.address);
    await approveIfNeeded(t, owner!.address, spender!.address, 5n); // already allowed: no transaction
    expect(await chain.ethers.provider.getTransactionCount(owner!.address)).to.equal(before);
  });

  it("decodes a revert of any suite contract by its error, with named fields, and sends nothing on a revert", async function () {
    const chain = await openChain(hre);
    const [owner] = await chain.ethers.getSigners();
    const registry = await chain.ethers.deployContract("MissionRegistry");
    const hashtag = encodeBytes32String("nope");
    let failure: unknown;
    try {
      await registry.missionIdOf("nope");
    } catch (err) {
      failure = err;
    }
    expect(decodeRevert(failure)?.name).to.equal("HashtagNotFound");
    expect(decodeRevert(failure)?.args.getValue("hashtag")).to.equal(hashtag);
    expect(revertReason(failure)).to.equal("no mission has the hashtag #nope (HashtagNotFound)");
    expect(revertReason(new Error("not a revert"))).to.equal(undefined);

    const token = await chain.ethers.deployContract("MockPlainPoolToken");
    const before = await chain.ethers.provider.getTransactionCount(owner!.address);
    let sent: unknown;
    try {
      await simulateThenSend(token, "transfer", [owner!.address, 1n]);
    } catch (err) {
      sent = err;
    }
    expect(sent).to.be.instanceOf(CliError);
    expect((sent as CliError).message).to.match(
      /^transfer: 0x[0-9a-fA-F]{40} holds 0 base units, less than the 1 base units needed \(ERC20InsufficientBalance\)$/,
    );
    expect(await chain.ethers.provider.getTransactionCount(owner!.address)).to.equal(before);
  });
});

describe("Hardhat errors are matched by descriptor, not by message text", function () {
  it("names the configuration variable that is missing or invalid", async function () {
    const { HardhatError } = await import("@nomicfoundation/hardhat-errors");
    const { configVariableProblem } = await import("../../../scripts/cli/actions/deploy.js");
    const { ENV_VAR_NOT_FOUND, INVALID_CONFIG_VARIABLE_URL } = HardhatError.ERRORS.CORE.GENERAL;
    expect(configVariableProblem(new HardhatError(ENV_VAR_NOT_FOUND, { name: "SEPOLIA_RPC_URL" }))).to.equal(
      "SEPOLIA_RPC_URL: not set; add it to .env (copy .env.example) or export it",
    );
    const invalid = new HardhatError(INVALID_CONFIG_VARIABLE_URL, {
      configVariable: 'the configuration variable "SEPOLIA_RPC_URL"',
    });
    expect(configVariableProblem(invalid)).to.equal("SEPOLIA_RPC_URL: invalid URL value (is it empty in .env?)");
    // Same English text, but not a Hardhat error: not matched.
    expect(configVariableProblem(new Error('Configuration Variable "X" not found.'))).to.equal(undefined);
  });
});
