/**
 * Ponder configuration: one chain (INDEXER_NETWORK, default localhost), the suite's core contracts from the Ignition
 * address book, and every escrow, scheduled escrow and impact-pool clone through Ponder's factory pattern
 * (EscrowCreated.escrow, ScheduledEscrowCreated.escrow, PoolCreated.pool, ScheduledPoolCreated.pool), and a classed
 * pool's class share tokens (CapitalStructureCreated.classTokens[0..2]). ABIs are the compiled artifacts
 * (generated/abis.ts, `as const`). See src/suite.ts.
 */
import { createConfig, factory } from "ponder";
import { getAbiItem } from "viem";
import {
  ImpactPoolAbi,
  ImpactPoolFactoryAbi,
  MetricOracleAbi,
  MissionRegistryAbi,
  OutcomeEscrowAbi,
  OutcomeEscrowFactoryAbi,
  PoolShareClassAbi,
  ScheduledEscrowAbi,
  ScheduledEscrowFactoryAbi,
} from "./generated/abis";
import { loadSuite } from "./src/suite";

const suite = loadSuite();
const chain = suite.network;
const startBlock = suite.startBlock;
// Without a pool factory in the address book (an older deployment), pools are not indexed: the zero address has
// no logs, so the contract stays configured and every handler keeps its types.
const poolFactory = suite.poolFactory ?? "0x0000000000000000000000000000000000000000";
// Likewise a deployment from before issue #12 has no ScheduledEscrowFactory: no scheduled escrow is indexed.
const scheduledEscrowFactory = suite.scheduledEscrowFactory ?? "0x0000000000000000000000000000000000000000";

/**
 * The class share tokens of a classed pool (issue #13) are in `CapitalStructureCreated(pool, capital, classTokens)`'s
 * `address[3] classTokens`: Ponder's `parameter` takes only a single address, so each slot is its own factory source
 * by byte offset in the event's data — word 0 is the offset of the dynamic `capital` tuple, words 1–3 the three
 * tokens (inline: a static array). Slot i is the contract `PoolShareClass` (i = 0), `PoolShareClass1`, `PoolShareClass2`,
 * all with the PoolShareClass ABI; src/handlers/classes.ts registers every class handler for the three. A slot past
 * the pool's class count is the zero address, which emits nothing.
 */
const classTokens = (slot: 0 | 1 | 2) => ({
  chain,
  abi: PoolShareClassAbi,
  address: factory({
    address: poolFactory,
    event: getAbiItem({ abi: ImpactPoolFactoryAbi, name: "CapitalStructureCreated" }),
    location: `offset${32 * (slot + 1)}`,
  }),
  startBlock,
});

export default createConfig({
  database:
    suite.database.kind === "postgres"
      ? { kind: "postgres", connectionString: suite.database.connectionString }
      : { kind: "pglite", directory: suite.database.directory },
  ordering: "multichain",
  chains: {
    [chain]: {
      id: suite.chainId,
      rpc: suite.rpcUrl,
      pollingInterval: 250,
      disableCache: suite.network === "localhost",
    },
  },
  contracts: {
    MissionRegistry: { chain, abi: MissionRegistryAbi, address: suite.registry, startBlock },
    MetricOracle: { chain, abi: MetricOracleAbi, address: suite.oracle, startBlock },
    OutcomeEscrowFactory: { chain, abi: OutcomeEscrowFactoryAbi, address: suite.escrowFactory, startBlock },
    OutcomeEscrow: {
      chain,
      abi: OutcomeEscrowAbi,
      address: factory({
        address: suite.escrowFactory,
        event: getAbiItem({ abi: OutcomeEscrowFactoryAbi, name: "EscrowCreated" }),
        parameter: "escrow",
      }),
      startBlock,
    },
    ScheduledEscrowFactory: { chain, abi: ScheduledEscrowFactoryAbi, address: scheduledEscrowFactory, startBlock },
    ScheduledEscrow: {
      chain,
      abi: ScheduledEscrowAbi,
      address: factory({
        address: scheduledEscrowFactory,
        event: getAbiItem({ abi: ScheduledEscrowFactoryAbi, name: "ScheduledEscrowCreated" }),
        parameter: "escrow",
      }),
      startBlock,
    },
    ImpactPoolFactory: { chain, abi: ImpactPoolFactoryAbi, address: poolFactory, startBlock },
    ImpactPool: {
      chain,
      abi: ImpactPoolAbi,
      address: factory({
        address: poolFactory,
        event: getAbiItem({ abi: ImpactPoolFactoryAbi, name: "PoolCreated" }),
        parameter: "pool",
      }),
      startBlock,
    },
    // The same clone kind in scheduled mode (issue #12): a factory source follows one creation event, so the pools
    // of `ScheduledPoolCreated` are a second contract with the ImpactPool ABI; src/handlers/pool.ts registers every
    // pool handler for both.
    ScheduledImpactPool: {
      chain,
      abi: ImpactPoolAbi,
      address: factory({
        address: poolFactory,
        event: getAbiItem({ abi: ImpactPoolFactoryAbi, name: "ScheduledPoolCreated" }),
        parameter: "pool",
      }),
      startBlock,
    },
    PoolShareClass: { ...classTokens(0) },
    PoolShareClass1: { ...classTokens(1) },
    PoolShareClass2: { ...classTokens(2) },
  },
});
