import { createRequire } from "node:module";
import "./scripts/core/env.js";
import { configVariable, defineConfig } from "hardhat/config";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import type { HardhatPlugin } from "hardhat/types/plugins";
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

/// One compiler configuration for every build. `optimizer` comes first: Hardhat merges the settings over its
/// defaults (the production profile's start with an optimizer) and hashes the result in key order, so this order
/// gives both profiles the same build ids.
const COMPILER = {
  version: SOLC_VERSION,
  path: require.resolve("solc/soljson.js"),
  settings: {
    optimizer: { enabled: true, runs: 10_000 },
    evmVersion: EVM_VERSION,
  },
};

/// CIC_BUILD_DIR (a folder, e.g. cache/coverage-build): artifacts and cache there instead of artifacts/ and cache/.
/// `npm test` (tools/test.mjs) runs the Solidity tests with `--coverage` this way: the instrumented build lives next
/// to the plain one, so neither overwrites the other and nothing compiles twice.
const BUILD_DIR = process.env.CIC_BUILD_DIR;

/// Says, on stderr, what a build is doing before solc first runs (see scripts/core/compile-notice.ts).
const compileNotice: HardhatPlugin = {
  id: "collective-impact-compile-notice",
  hookHandlers: { solidity: () => import("./scripts/core/compile-notice.js") },
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers, hardhatViem, compileNotice],
  tasks,
  solidity: {
    profiles: {
      default: COMPILER,
      /// Ignition (`ignition deploy`, `suite:deploy`) and verification build with `production`. Hardhat's own
      /// production defaults (isolated builds, tool versions in the build info) would compile every file again into
      /// entries the default build cannot reuse; with the same settings `npm run build` and a deployment share one
      /// cache, in either order. The bytecode is the same either way (a contract's metadata names only its sources).
      production: { ...COMPILER, isolated: false, toolVersionsInBuildInfo: false },
      /// `npm run mutate` (tools/mutate) builds each mutant with `--build-profile mutation`: the optimizer off, as it
      /// changes no behaviour and takes most of solc-js's time; nothing else uses this profile (sizes and gas come
      /// from the default build).
      mutation: { ...COMPILER, settings: { ...COMPILER.settings, optimizer: { enabled: false, runs: 200 } } },
    },
  },
  paths: {
    /// Sources: the suite in contracts/, plus the mocks in test/mocks that TypeScript tests, the demo and the bench deploy
    /// (sources get artifacts and typechain bindings; Solidity test files in test/contracts do not).
    sources: { solidity: ["contracts", "test/mocks"] },
    tests: { mocha: "test/ts", solidity: "test/contracts" },
    /// Ignition: modules in deploy/modules, deployments (the address book) in deploy/deployments/<deployment-id>.
    ignition: "deploy",
    ...(BUILD_DIR === undefined || BUILD_DIR === ""
      ? {}
      : { artifacts: `${BUILD_DIR}/artifacts`, cache: `${BUILD_DIR}/cache` }),
  },
  test: {
    solidity: {
      fuzz: { runs: envInt("FUZZ_RUNS", 64), seed: process.env.FUZZ_SEED ?? "0x1c1c" },
      invariant: { runs: envInt("INVARIANT_RUNS", 16), depth: envInt("INVARIANT_DEPTH", 16), failOnRevert: true },
    },
    /// MOCHA_FILE_TIMES=1 (set by `.ci/run`): the spec reporter plus each file's wall time at the end.
    mocha: {
      timeout: 120_000,
      ...(process.env.MOCHA_FILE_TIMES === "1" ? { reporter: require.resolve("./tools/mocha-file-times.cjs") } : {}),
    },
  },
  typechain: {
    outDir: BUILD_DIR === undefined || BUILD_DIR === "" ? "typechain-types" : `${BUILD_DIR}/typechain-types`,
  },
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
