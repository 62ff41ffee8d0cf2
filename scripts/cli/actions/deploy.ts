import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { z } from "zod";
import { CliError, configVariableProblem, runTask, type TaskResult } from "../../core/cli.js";

/** Where the modules and their per-network parameters live (`paths.ignition` is `deploy`). */
const MODULES = {
  core: path.join("deploy", "modules", "CoreModule.ts"),
  eas: path.join("deploy", "modules", "EASResolverModule.ts"),
  example: path.join("deploy", "modules", "ExampleMissionModule.ts"),
} as const;

const deploymentIdSchema = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, "must start with a letter and hold only letters, digits, - and _");

/** A parameters file: `{ "<ModuleId>": { "<name>": value } }`. */
const parametersSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/** One line for Hardhat's configuration-variable errors (moved to core/cli.ts, where every task's runTask uses it). */
export { configVariableProblem };

interface DeployArgs {
  example: boolean;
  parameters: string;
  deploymentId: string;
  reset: boolean;
  verify: boolean;
}

/** What Ignition's deploy task returns on success (the part we read). */
interface DeploymentResult {
  type: string;
  contracts?: Record<string, { address: string; contractName: string }>;
}

function readParameters(file: string): z.infer<typeof parametersSchema> {
  if (!existsSync(file)) {
    throw new CliError(`--parameters: no file ${file} (add one per network, see docs/deploy.md)`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new CliError(`--parameters: ${file} is not valid JSON (${(err as Error).message.split("\n")[0]})`);
  }
  const parsed = parametersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `--parameters: ${file}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"} (expected { "<Module>": { … } })`,
    );
  }
  return parsed.data;
}

/**
 * Deploys CoreModule, then EASResolverModule when the parameters name an `easAddress`, then (with `--example`)
 * ExampleMissionModule, all into one Ignition deployment, through Ignition's own `ignition deploy` task (so a
 * testnet deployment asks for confirmation once, a restarted local node's stale state is wiped, and the same
 * journal is resumed or extended on the next run). Prints the addresses and where they were recorded.
 */
export async function deployAction(args: DeployArgs, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const networkName = hre.globalOptions.network ?? "default";
    const parametersFile =
      args.parameters !== "" ? args.parameters : path.join("deploy", "parameters", `${networkName}.json`);
    const parameters = readParameters(parametersFile);
    const givenId = args.deploymentId !== "" ? args.deploymentId : (process.env.IGNITION_DEPLOYMENT_ID ?? "");
    if (givenId !== "") {
      const parsed = deploymentIdSchema.safeParse(givenId);
      if (!parsed.success) throw new CliError(`--deploymentId: ${parsed.error.issues[0]?.message} (got "${givenId}")`);
    }
    const easAddress = parameters.EASResolverModule?.easAddress;
    const modules: string[] = [easAddress !== undefined ? MODULES.eas : MODULES.core];
    if (args.example) modules.push(MODULES.example);

    // Connecting first resolves the network's configuration variables: a missing .env variable fails here, on one
    // line naming it, before anything is compiled or sent.
    let networkConfig: { type: string };
    let chainId: bigint;
    try {
      const conn = await hre.network.create();
      networkConfig = conn.networkConfig;
      chainId = (await conn.ethers.provider.getNetwork()).chainId;
      await conn.ethers.getSigners(); // resolves the account keys as well
    } catch (err) {
      const problem = configVariableProblem(err);
      if (problem === undefined) throw err;
      throw new CliError(problem);
    }
    const deploymentId = givenId !== "" ? givenId : `chain-${chainId}`;

    const deployTask = hre.tasks.getTask(["ignition", "deploy"]);
    const contracts: Record<string, string> = {};
    for (const [i, modulePath] of modules.entries()) {
      const result = (await deployTask.run({
        modulePath,
        parameters: parametersFile,
        deploymentId: givenId !== "" ? givenId : undefined,
        reset: args.reset && i === 0,
        verify: args.verify && i === modules.length - 1,
      })) as DeploymentResult | null;
      if (result === null) throw new CliError("deployment cancelled");
      if (result.type !== "SUCCESSFUL_DEPLOYMENT") {
        throw new CliError(`${modulePath}: deployment did not complete (${result.type}); see Ignition's output above`);
      }
      for (const [id, c] of Object.entries(result.contracts ?? {})) contracts[id] = c.address;
      // Confirmed once (on a testnet Ignition asks): the following modules extend the same deployment.
      process.env.HARDHAT_IGNITION_CONFIRM_DEPLOYMENT ??= "true";
    }

    console.log("");
    console.log(`suite deployed on ${networkName} (chain ${chainId}), deployment ${deploymentId}:`);
    for (const [id, address] of Object.entries(contracts).sort()) console.log(`  ${id.padEnd(44)} ${address}`);
    if (networkConfig.type === "edr-simulated") {
      console.log(
        "recorded nowhere: the in-process network ends with this command (use --network localhost and `hardhat node`)",
      );
    } else {
      const book = path.join(hre.config.paths.ignition, "deployments", deploymentId, "deployed_addresses.json");
      console.log(`recorded in ${path.relative(process.cwd(), book)}`);
      if (givenId !== "" && process.env.IGNITION_DEPLOYMENT_ID !== givenId) {
        console.log(`tasks read it with IGNITION_DEPLOYMENT_ID=${givenId}`);
      }
    }
  });
}
