/**
 * The suite's ABIs as `as const` literals, so viem infers event and function argument types from them
 * (`parseEventLogs`, `readContract`, `decodeErrorResult`) with no cast. Generated from the Hardhat artifacts by
 * `tools/gen-abis.mjs` into `abis.generated.ts` (git-ignored): every npm script that loads TypeScript runs
 * `npm run abis` (compile + generate) first; after changing a contract run `npm run abis` yourself.
 */
export {
  easReportResolverAbi,
  erc20Abi,
  impactPoolAbi,
  impactPoolFactoryAbi,
  metricFeedAggregatorAbi,
  metricOracleAbi,
  missionRegistryAbi,
  outcomeEscrowAbi,
  outcomeEscrowFactoryAbi,
  poolShareClassAbi,
  scheduledEscrowAbi,
  scheduledEscrowFactoryAbi,
} from "./abis.generated.js";
