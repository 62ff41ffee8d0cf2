import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { Contract, JsonRpcProvider } from "ethers";
import { runHardhat, startHardhatNode, type CliRun, type RunningNode } from "../helpers/hardhat-cli.js";
import { shellWords, walkthrough } from "../helpers/readme.js";

/**
 * The README's walkthrough, run as written: every ```sh block that follows a `<!-- readme-e2e -->` line, in order,
 * each command as a child process exactly as `npx hardhat …` runs it, against a fresh `hardhat node`. Only what a
 * reader substitutes is substituted: `--network localhost` reaches the test's node through `LOCALHOST_RPC_URL` (the
 * variable a reader sets for a node on another port), and a `0x…` after `--escrow` / `--pool` is the address the
 * last `escrow:create` / `pool:create` printed, as the README tells the reader. Each command must exit 0.
 *
 * The deployment gets its own Ignition deployment id (`IGNITION_DEPLOYMENT_ID`), so a developer's
 * `deploy/deployments/chain-31337` is never touched; it and the files the walkthrough writes under `out/` are removed
 * afterwards.
 */

/** Which printed line a `0x…` placeholder after each flag is copied from. */
const COPIED_FROM: Record<string, RegExp> = {
  "--escrow": /^escrow created at (0x[0-9a-fA-F]{40})$/m,
  "--pool": /^pool created: (0x[0-9a-fA-F]{40})/m,
};
const PLACEHOLDER = "0x…";

const ERC20 = ["function balanceOf(address) view returns (uint256)"];

describe("README walkthrough: every marked command block, in order, against a hardhat node", function () {
  this.timeout(300_000);

  const deploymentId = `e2e-readme-${process.pid}-${Date.now()}`;
  const deploymentDir = path.join("deploy", "deployments", deploymentId);
  const readme = readFileSync("README.md", "utf8");
  let node: RunningNode | undefined;
  let env: NodeJS.ProcessEnv;
  /** Every output so far, newest last: placeholders are filled from the latest match. */
  const outputs: string[] = [];
  const runs = new Map<string, CliRun>();
  const written = new Set<string>();

  before(async function () {
    node = await startHardhatNode();
    env = { LOCALHOST_RPC_URL: node.url, IGNITION_DEPLOYMENT_ID: deploymentId };
  });

  after(async function () {
    await node?.stop();
    rmSync(deploymentDir, { recursive: true, force: true });
    for (const file of written) rmSync(file, { recursive: true, force: true });
  });

  it("splits a README line as a shell does: quotes group, a comment ends it", function () {
    expect(shellWords(`npx hardhat mission:show "#ReadingForAll" --x 'a b' # a comment`)).to.deep.equal([
      "npx",
      "hardhat",
      "mission:show",
      "#ReadingForAll",
      "--x",
      "a b",
    ]);
    expect(walkthrough(readme).flat().length).to.be.greaterThan(20);
  });

  it("runs every command as written; each exits 0", async function () {
    const started = Date.now();
    for (const { line, words } of walkthrough(readme).flat()) {
      const args = words.slice(2).map((word, i, all) => {
        if (!word.includes(PLACEHOLDER)) return word;
        const flag = all[i - 1] ?? "";
        const source = COPIED_FROM[flag];
        if (word !== PLACEHOLDER || source === undefined) {
          throw new Error(
            `README: the test cannot fill ${word} after ${flag} (only ${Object.keys(COPIED_FROM).join(", ")}): ${line}`,
          );
        }
        const copied = [...outputs]
          .reverse()
          .map((out) => source.exec(out)?.[1])
          .find((a) => a !== undefined);
        if (copied === undefined) throw new Error(`README: nothing printed before to copy for ${flag}: ${line}`);
        return copied;
      });
      for (const [i, word] of args.entries()) {
        if (word === "--out" && args[i + 1] !== undefined) written.add(args[i + 1]!);
      }
      const run = await runHardhat(args, env);
      if (run.code !== 0) {
        throw new Error(
          `README command failed (exit ${run.code}):\n${line}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`,
        );
      }
      outputs.push(run.stdout);
      runs.set(args[0] ?? "", run); // the last run of each task
    }
    console.log(
      `      (${runs.size} tasks, ${walkthrough(readme).flat().length} commands in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  });

  it("the key outputs: one deployment reusing the build, both contracts settled, every pool token paid out, open data from the deployment block", async function () {
    const deploy = runs.get("suite:deploy");
    expect(deploy?.stdout).to.contain(`suite deployed on localhost (chain 31337), deployment ${deploymentId}`);
    // The test run built the contracts with the default profile; Ignition's production profile shares that build.
    expect(deploy?.stderr).to.not.contain("compiling Solidity");
    expect(runs.get("escrow:settle")?.stdout).to.match(/^settled: Achieved/m);
    expect(runs.get("pool:settle")?.stdout).to.match(/^settled: Achieved/m);

    const pool = /^pool created: (0x[0-9a-fA-F]{40})/m.exec(runs.get("pool:create")?.stdout ?? "")?.[1];
    const token = /ExampleMissionModule#ExampleToken\s+(0x[0-9a-fA-F]{40})/.exec(deploy?.stdout ?? "")?.[1];
    expect(pool).to.be.a("string");
    expect(token).to.be.a("string");
    const provider = new JsonRpcProvider(node!.url, undefined, { staticNetwork: true });
    try {
      // The one investor redeemed and the one payer took back the rest: nothing stays in the pool.
      const balance = (await new Contract(token!, ERC20, provider).getFunction("balanceOf")(pool)) as bigint;
      expect(balance).to.equal(0n);
    } finally {
      provider.destroy();
    }
    // The export starts at the deployment's first block (block 1 on a fresh node), not at block 0.
    expect(runs.get("data:export")?.stdout).to.match(/^chain 31337, blocks 1–\d+, \d+ events/m);
  });
});
