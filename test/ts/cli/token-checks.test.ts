import { expect } from "chai";
import hre from "hardhat";
import { CliError, type TaskResult } from "../../../scripts/core/cli.js";
import { requireErc20 } from "../../../scripts/core/chain.js";

describe("token addresses are checked to be ERC-20 tokens before any transaction", () => {
  it("accepts an ERC-20 and refuses an account or another kind of contract, in one line naming the field", async () => {
    const { ethers } = await hre.network.getOrCreate();
    const [signer] = await ethers.getSigners();
    const token = await ethers.deployContract("MockERC20", ["Test", "TST", 6]);
    const registry = await ethers.deployContract("MockMissionRegistry");
    expect(await requireErc20(signer!, "token", await token.getAddress())).to.deep.equal({
      decimals: 6,
      symbol: "TST",
    });
    const cases: [string, string, RegExp][] = [
      ["token", signer!.address, /^token: no contract at 0x/],
      ["--bondToken", await registry.getAddress(), /^--bondToken: 0x[0-9a-fA-F]{40} is not an ERC-20 token/],
    ];
    for (const [field, address, message] of cases) {
      const failed = await requireErc20(signer!, field, address).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failed).to.be.instanceOf(CliError);
      expect(failed instanceof CliError ? failed.message : "")
        .to.match(message)
        .and.not.include("\n");
    }
  });

  it("escrow:create --token refuses a non-token contract before sending anything", async () => {
    const { ethers } = await hre.network.getOrCreate();
    const registry = await ethers.deployContract("MockMissionRegistry");
    const before = await ethers.provider.getBlockNumber();
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => void errors.push(line);
    try {
      const args = { file: "examples/escrows/reading-escrow.json", token: await registry.getAddress() };
      const result = (await hre.tasks.getTask("escrow:create").run(args)) as TaskResult;
      expect(result.success).to.equal(false);
    } finally {
      console.error = original;
    }
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^error: --token: 0x[0-9a-fA-F]{40} is not an ERC-20 token/);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });
});
