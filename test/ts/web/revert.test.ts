import { expect } from "chai";
import { encodeErrorResult, parseAbi, UserRejectedRequestError, type Hex } from "viem";
import { erc20Abi, outcomeEscrowAbi } from "../../../scripts/core/abis.js";
import { revertReason } from "../../../scripts/core/errors.js";
import { parseTokens } from "../../../web/src/format.js";
import { revertSentence } from "../../../web/src/revert.js";

/**
 * The web app prints reverts through the CLI's sentence table (scripts/core/errors/sentence.ts): for the same revert
 * data, the page's sentence (viem decoding) is the CLI's `revertReason` (ethers decoding), word for word. Each
 * expected sentence is written out by hand.
 */
const DGBP = { decimals: 18, symbol: "dGBP" };
const FUNDER = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";
/** How viem hands the data to the app: a ContractFunctionRevertedError's `raw`, a few causes down. */
const viemError = (raw: Hex) => ({ shortMessage: "reverted", cause: { cause: { raw } } });

describe("web app: revert sentences are the CLI's, and amounts parse to the wei", () => {
  const cases: [what: string, data: Hex, sentence: string][] = [
    [
      "FundingClosed with both times in ISO-8601 UTC",
      encodeErrorResult({ abi: outcomeEscrowAbi, errorName: "FundingClosed", args: [1_800_000_000n, 1_800_000_001n] }),
      "funding closed at 2027-01-15T08:00:00Z (now 2027-01-15T08:00:01Z) (FundingClosed)",
    ],
    [
      "ERC20InsufficientBalance in whole tokens with the symbol",
      encodeErrorResult({
        abi: erc20Abi,
        errorName: "ERC20InsufficientBalance",
        args: [FUNDER, 37_655n * 10n ** 17n, 4_000n * 10n ** 18n],
      }),
      `${FUNDER} holds 3765.5 dGBP, less than the 4000 dGBP needed (ERC20InsufficientBalance)`,
    ],
    [
      "a panic 0x11 as an arithmetic overflow",
      encodeErrorResult({ abi: parseAbi(["error Panic(uint256 code)"]), errorName: "Panic", args: [0x11n] }),
      "reverted with panic 0x11 (arithmetic overflow)",
    ],
    [
      "a require message",
      encodeErrorResult({ abi: parseAbi(["error Error(string message)"]), errorName: "Error", args: ["nope"] }),
      "reverted: nope",
    ],
    [
      "an error of no contract of the suite, by its selector",
      "0xdeadbeef",
      "reverted with unknown error data 0xdeadbeef",
    ],
  ];
  for (const [what, data, sentence] of cases) {
    it(`says ${what}, as the CLI does`, () => {
      expect(revertSentence(viemError(data), { contract: "OutcomeEscrow", token: DGBP })).to.equal(sentence);
      expect(revertReason({ data }, { contract: "OutcomeEscrow", token: DGBP })).to.equal(sentence);
    });
  }

  it("says a refusal in the wallet as such", () => {
    const refused = new UserRejectedRequestError(new Error("User rejected the request."));
    expect(revertSentence(refused)).to.equal("You rejected the request in your wallet.");
  });

  it("parses whole-token text to base units, and refuses what is not an amount", () => {
    expect(parseTokens("1234.5", 18)).to.equal(1_234_500_000_000_000_000_000n);
    expect(parseTokens(" 0.000001 ", 6)).to.equal(1n);
    expect(parseTokens("12.", 6)).to.equal(undefined); // the CLI's rule: digits after a point
    expect(parseTokens("1.0000001", 6)).to.equal(undefined); // more decimals than the token has
    expect(parseTokens("-1", 18)).to.equal(undefined);
    expect(parseTokens("1e18", 18)).to.equal(undefined);
    expect(parseTokens("", 18)).to.equal(undefined);
  });
});
