import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CliError, flags } from "./cli.js";

/**
 * The address book: Hardhat Ignition records what it deployed in
 * `deploy/deployments/<deployment-id>/deployed_addresses.json` as `{ "<Module>#<Contract>": "0x…" }`
 * (`paths.ignition` is `deploy`). The deployment id is Ignition's default `chain-<chainId>`, or the value of the
 * `IGNITION_DEPLOYMENT_ID` environment variable when set (the one given to `--deployment-id`, e.g. by the
 * end-to-end test, so it never touches a developer's `chain-31337`).
 * Tasks read contract addresses from there, so no task needs an address flag once the suite is deployed;
 * an explicit flag still wins.
 */
const deployedSchema = z.record(z.string(), flags.address);

/** The Ignition deployment id tasks read: `IGNITION_DEPLOYMENT_ID` when set, else `chain-<chainId>`. */
export function deploymentId(chainId: bigint | number): string {
  const fromEnv = process.env.IGNITION_DEPLOYMENT_ID;
  return fromEnv !== undefined && fromEnv !== "" ? fromEnv : `chain-${chainId}`;
}

export function deploymentFile(chainId: bigint | number, root = process.cwd()): string {
  return path.join(root, "deploy", "deployments", deploymentId(chainId), "deployed_addresses.json");
}

/** All recorded addresses of a chain (empty when nothing was deployed there). */
export function readAddressBook(chainId: bigint | number, root = process.cwd()): Record<string, string> {
  const file = deploymentFile(chainId, root);
  if (!existsSync(file)) return {};
  return deployedSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/**
 * The address of `contractName` on `chainId`: the flag value when given, else the address book entry whose key
 * ends with `#<contractName>`. Throws a one-line CliError naming the flag when neither exists.
 */
export function resolveAddress(
  contractName: string,
  chainId: bigint | number,
  flagName: string,
  flagValue?: string,
): string {
  if (flagValue !== undefined && flagValue !== "") {
    const parsed = flags.address.safeParse(flagValue);
    if (!parsed.success) {
      const problem = parsed.error.issues[0]?.message ?? "must be a 0x-prefixed 20-byte address";
      throw new CliError(`--${flagName}: ${problem} (got "${flagValue}")`);
    }
    return parsed.data;
  }
  const book = readAddressBook(chainId);
  const entry = Object.entries(book).find(([key]) => key.endsWith(`#${contractName}`));
  if (entry === undefined) {
    throw new CliError(
      `--${flagName}: no ${contractName} deployed on chain ${chainId} (${path.relative(process.cwd(), deploymentFile(chainId))}); deploy with \`npm run deploy -- --network <name>\` or pass --${flagName}`,
    );
  }
  return entry[1];
}

/** The address book key of the example deployment's token (`suite:deploy --example`, ExampleMissionModule). */
export const EXAMPLE_TOKEN_KEY = "ExampleMissionModule#ExampleToken";

/**
 * The token a token task acts on: the flag value when given, else the example deployment's ExampleToken (an open-mint
 * ERC-20, also the example committee's bond token). Throws a one-line CliError naming the flag when neither exists.
 */
export function exampleTokenAddress(chainId: bigint | number, flagName: string, flagValue: string): string {
  if (flagValue !== "") return resolveAddress("ExampleToken", chainId, flagName, flagValue);
  const address = readAddressBook(chainId)[EXAMPLE_TOKEN_KEY];
  if (address === undefined) {
    throw new CliError(
      `--${flagName}: no example token deployed on chain ${chainId} (${path.relative(process.cwd(), deploymentFile(chainId))}); deploy it with \`npx hardhat suite:deploy --example\` or pass --${flagName}`,
    );
  }
  return address;
}
