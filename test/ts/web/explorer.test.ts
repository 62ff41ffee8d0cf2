import { expect } from "chai";
import { chainOf, explorerTxUrl } from "../../../web/src/chain.js";
import { appConfigSchema } from "../../../web/src/config.js";
import { localAppConfig } from "../../../web/scripts/config.js";

/**
 * A confirmed transaction links to the network's block explorer (the viem chain's `blockExplorers`, from
 * `config.json`'s `chain.explorerUrl`) — and the local Hardhat chain, which has none, gets no link.
 */
const HASH = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";
const CONTRACTS = {
  registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  oracle: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  escrowFactory: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
} as const;

describe("web app: block-explorer links of confirmed transactions", () => {
  it("a chain with an explorer links each transaction to <explorer>/tx/<hash> (a trailing slash dropped)", () => {
    const config = appConfigSchema.parse({
      chain: {
        id: 11155111,
        name: "Sepolia",
        rpcUrl: "https://rpc.example.org",
        explorerUrl: "https://sepolia.etherscan.io/",
      },
      indexerUrl: "https://indexer.example.org",
      contracts: CONTRACTS,
    });
    const chain = chainOf(config);
    expect(chain.blockExplorers?.default.url).to.equal("https://sepolia.etherscan.io/");
    expect(explorerTxUrl(chain, HASH)).to.equal(`https://sepolia.etherscan.io/tx/${HASH}`);
  });

  it("the local Hardhat chain has no explorer: no link", () => {
    const chain = chainOf(
      localAppConfig({ rpcUrl: "http://127.0.0.1:8545", indexerUrl: "http://127.0.0.1:42069", contracts: CONTRACTS }),
    );
    expect(chain.blockExplorers).to.equal(undefined);
    expect(explorerTxUrl(chain, HASH)).to.equal(undefined);
    expect(explorerTxUrl(undefined, HASH)).to.equal(undefined);
  });
});
