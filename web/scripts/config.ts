/** The app's run-time `config.json` for a local Hardhat chain, validated by the app's own schema. */
import type { Address } from "viem";
import { appConfigSchema, type AppConfig } from "../src/config.js";

export function localAppConfig(options: {
  rpcUrl: string;
  indexerUrl: string;
  contracts: {
    registry: Address;
    oracle: Address;
    escrowFactory: Address;
    poolFactory?: Address | undefined;
    scheduledEscrowFactory?: Address | undefined;
  };
}): AppConfig {
  return appConfigSchema.parse({
    chain: { id: 31337, name: "Hardhat (local)", rpcUrl: options.rpcUrl },
    indexerUrl: options.indexerUrl,
    contracts: {
      registry: options.contracts.registry,
      oracle: options.contracts.oracle,
      escrowFactory: options.contracts.escrowFactory,
      ...(options.contracts.poolFactory === undefined ? {} : { poolFactory: options.contracts.poolFactory }),
      ...(options.contracts.scheduledEscrowFactory === undefined
        ? {}
        : { scheduledEscrowFactory: options.contracts.scheduledEscrowFactory }),
    },
  });
}
