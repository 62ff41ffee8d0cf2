import { createRequire } from "node:module";
import "./scripts/core/env.js";
import { configVariable, defineConfig } from "hardhat/config";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import { tasks } from "./scripts/cli/index.js";

const require = createRequire(import.meta.url);

/// Solidity is compiled by the npm `solc` package (soljson), so no compiler is ever downloaded.
const SOLC_VERSION = "0.8.30";
const EVM_VERSION = "cancun";

/// Fuzz/invariant budgets: small by default for local work; `.ci/run` raises them.
const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number.parseInt(raw, 10);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers, hardhatViem],
  tasks,
  solidity: {
    version: SOLC_VERSION,
    path: require.resolve("solc/soljson.js"),
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: 10_000 },
    },
  },
  paths: {
    /// Sources: the suite in contracts/, plus the mocks in test/mocks that TypeScript tests, the demo and the bench deploy
    /// (sources get artifacts and typechain bindings; Solidity test files in test/contracts do not).
    sources: { solidity: ["contracts", "test/mocks"] },
    tests: { mocha: "test/ts", solidity: "test/contracts" },
    /// Ignition: modules in deploy/modules, deployments (the address book) in deploy/deployments/<deployment-id>.
    ignition: "deploy",
  },
  test: {
    solidity: {
      fuzz: { runs: envInt("FUZZ_RUNS", 64), seed: process.env.FUZZ_SEED ?? "0x1c1c" },
      invariant: { runs: envInt("INVARIANT_RUNS", 16), depth: envInt("INVARIANT_DEPTH", 16), failOnRevert: true },
    },
    mocha: { timeout: 120_000 },
  },
  typechain: { outDir: "typechain-types" },
  networks: {
    default: { type: "edr-simulated", chainType: "l1", hardfork: EVM_VERSION },
    localhost: { type: "http", chainType: "l1", url: process.env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545" },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
    baseSepolia: {
      type: "http",
      chainType: "op",
      url: configVariable("BASE_SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
    opSepolia: {
      type: "http",
      chainType: "op",
      url: configVariable("OP_SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
  },
});
