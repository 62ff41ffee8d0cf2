#!/usr/bin/env node
/**
 * The one ABI generator. From the Hardhat artifacts it writes, as `as const` literals (so viem and Ponder type every
 * event and function argument):
 * - `scripts/core/abis.generated.ts`: the suite's contracts (`missionRegistryAbi`, …) and the ERC-20 surface, for the
 *   CLI, the exporter and standalone viem clients;
 * - `indexer/generated/abis.ts`: one `<Kind>Abi` per contract kind, for the indexer's Ponder config.
 * Both are generated, git-ignored and never edited: the npm scripts run this after `hardhat build` (`npm run build`,
 * `abis`, and everything that runs `abis` first), and the indexer's own scripts run it through
 * `indexer/scripts/abis.mjs`.
 *
 * Usage: node tools/gen-abis.mjs [artifactsDir]
 * Artifacts are found by contract name anywhere under artifactsDir, so moving a .sol file needs no change here.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "scripts/core/abis.generated.ts");
const INDEXER_OUT = path.join(ROOT, "indexer/generated/abis.ts");

/** Exported name → contract name of the artifact (the indexer's kinds are the contract names). */
export const CONTRACTS = {
  missionRegistryAbi: "MissionRegistry",
  metricOracleAbi: "MetricOracle",
  outcomeEscrowFactoryAbi: "OutcomeEscrowFactory",
  outcomeEscrowAbi: "OutcomeEscrow",
  scheduledEscrowFactoryAbi: "ScheduledEscrowFactory",
  scheduledEscrowAbi: "ScheduledEscrow",
  impactPoolFactoryAbi: "ImpactPoolFactory",
  impactPoolAbi: "ImpactPool",
  poolShareClassAbi: "PoolShareClass",
  easReportResolverAbi: "EASReportResolver",
  metricFeedAggregatorAbi: "MetricFeedAggregator",
};

/**
 * Events a linked library emits in a contract's context, added to that contract's ABI (a Hardhat artifact lists only
 * the events the contract's own code emits): an impact pool in scheduled mode settles a point through the linked
 * `ScheduleSettlement` library (a delegatecall), so `IPaymentSchedule.PointSettled` comes from the pool's address.
 * Contract kind → [library artifact, event name] pairs; the event's entry is copied from the library's artifact.
 */
export const LIBRARY_EVENTS = {
  ImpactPool: [["ScheduleSettlement", "PointSettled"]],
};

/**
 * The ERC-20 surface (IERC20 + IERC20Metadata, and OpenZeppelin's ERC-20 errors for revert decoding), cut from the
 * artifact of an OpenZeppelin ERC20 (the mock token; the suite's own contracts compile no standalone ERC-20).
 */
const ERC20 = {
  exported: "erc20Abi",
  contract: "MockERC20",
  names: new Set(
    [
      "name",
      "symbol",
      "decimals",
      "totalSupply",
      "balanceOf",
      "allowance",
      "approve",
      "transfer",
      "transferFrom",
    ].concat(["Transfer", "Approval"]),
  ),
  keep(entry) {
    return this.names.has(entry.name) || (entry.type === "error" && entry.name.startsWith("ERC20"));
  },
};

/**
 * Events of indexed kinds the indexer (and the open-data exporter) do not handle, kept out of
 * `indexer/generated/abis.ts` (and so out of the every-event test). Empty since the capital structure of impact pools
 * (issue #13: `CapitalStructureCreated`, a classed pool's events and the `PoolShareClass` tokens) is indexed; the
 * mechanism stays for the next contract that lands before its tooling (`indexer/README.md` lists what is not indexed).
 * Contract kind → event names.
 */
export const NOT_INDEXED_EVENTS = {};

/** `abi` of kind `contract` without the events `NOT_INDEXED_EVENTS` keeps out of the indexer. */
function indexedAbi(contract, abi) {
  const skip = NOT_INDEXED_EVENTS[contract];
  return skip === undefined ? abi : abi.filter((e) => e.type !== "event" || !skip.has(e.name));
}

/** The `LIBRARY_EVENTS` entries of `contract` that its own `abi` lacks, from their libraries' artifacts. */
function libraryEvents(contract, abi, abiOf) {
  const have = new Set(abi.filter((e) => e.type === "event").map((e) => e.name));
  return (LIBRARY_EVENTS[contract] ?? [])
    .filter(([, name]) => !have.has(name))
    .map(([library, name]) => {
      const entry = abiOf(library).abi.find((e) => e.type === "event" && e.name === name);
      if (entry === undefined)
        throw new Error(`gen-abis: ${library} has no event ${name} (LIBRARY_EVENTS.${contract})`);
      return entry;
    });
}

/** Every `<Name>.json` artifact (not `.dbg.json`, not build-info) under `dir`, by contract name. */
function findArtifacts(dir) {
  const found = new Map();
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "build-info") walk(p);
      } else if (entry.name.endsWith(".json") && path.basename(d) === `${entry.name.slice(0, -5)}.sol`) {
        const name = entry.name.slice(0, -5);
        const list = found.get(name) ?? [];
        list.push(p);
        found.set(name, list);
      }
    }
  };
  walk(dir);
  return found;
}

/** Writes `text` to `file` unless it already holds exactly that (no needless rebuilds of what imports it). */
function writeIfChanged(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
}

/**
 * Reads the artifacts under `artifactsDir` and writes both generated files. Throws with a one-line message when an
 * artifact is missing or ambiguous. Returns the paths written and the artifact file of each contract kind.
 */
export function generateAbis(artifactsDir = path.join(ROOT, "artifacts")) {
  if (!existsSync(artifactsDir)) {
    throw new Error(`gen-abis: no ${path.relative(ROOT, artifactsDir)}/ — run \`npx hardhat build\` first`);
  }
  const artifacts = findArtifacts(artifactsDir);
  /** The ABI in the one artifact of `contract`. */
  const abiOf = (contract) => {
    const files = artifacts.get(contract) ?? [];
    if (files.length !== 1) {
      const why = files.length === 0 ? "no artifact" : `${files.length} artifacts (${files.join(", ")})`;
      throw new Error(`gen-abis: ${why} for ${contract} under ${path.relative(ROOT, artifactsDir)}/`);
    }
    const { abi } = JSON.parse(readFileSync(files[0], "utf8"));
    if (!Array.isArray(abi)) throw new Error(`gen-abis: ${files[0]} has no abi array`);
    return { abi, file: path.relative(artifactsDir, files[0]) };
  };

  const lines = [
    "// Generated by tools/gen-abis.mjs from the Hardhat artifacts. Do not edit; not committed (see .gitignore).",
    "",
  ];
  const indexer = ["// Generated by tools/gen-abis.mjs from the Hardhat artifacts. Do not edit; not committed."];
  const emit = (exported, about, abi) =>
    lines.push(`/** ${about} */`, `export const ${exported} = ${JSON.stringify(abi, null, 2)} as const;`, "");
  /** Contract kind → its artifact file (relative to the artifacts folder). */
  const files = {};
  for (const [exported, contract] of Object.entries(CONTRACTS)) {
    const { abi, file } = abiOf(contract);
    const full = abi.concat(libraryEvents(contract, abi, abiOf));
    emit(exported, `ABI of ${contract} (${file}).`, full);
    indexer.push(`export const ${contract}Abi = ${JSON.stringify(indexedAbi(contract, full))} as const;`);
    files[contract] = file;
  }
  const erc20 = abiOf(ERC20.contract);
  emit(
    ERC20.exported,
    `The ERC-20 parts of ${ERC20.contract} (${erc20.file}).`,
    erc20.abi.filter((e) => ERC20.keep(e)),
  );
  writeIfChanged(OUT, lines.join("\n"));
  writeIfChanged(INDEXER_OUT, indexer.join("\n") + "\n");
  return { out: OUT, indexerOut: INDEXER_OUT, files };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { out, indexerOut } = generateAbis(process.argv[2] === undefined ? undefined : path.resolve(process.argv[2]));
    const n = Object.keys(CONTRACTS).length;
    console.log(`gen-abis: ${n + 1} ABIs → ${path.relative(ROOT, out)}; ${n} → ${path.relative(ROOT, indexerOut)}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
