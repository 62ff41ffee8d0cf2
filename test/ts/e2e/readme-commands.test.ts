import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { Contract, JsonRpcProvider } from "ethers";
import { readSignedFile } from "../../../scripts/reporter/signed-file.js";
import { runHardhat, startHardhatNode, type CliRun, type RunningNode } from "../helpers/hardhat-cli.js";
import { MARKER, SECOND_MARKER, shellWords, walkthrough, type ReadmeCommand } from "../helpers/readme.js";

/**
 * The README's two stories, run as written: every ```sh block that follows a `<!-- readme-e2e -->` line (the
 * walkthrough), in order, and then every block that follows `<!-- readme-e2e-second -->` (a dispute and a failed
 * raise), each story against its own fresh `hardhat node`, each command a child process exactly as `npx hardhat …`
 * runs it. Only what a reader substitutes is substituted: `--network localhost` reaches the test's node through
 * `LOCALHOST_RPC_URL` (the variable a reader sets for a node on another port), and a `0x…` after `--escrow` /
 * `--pool` is the address the last `escrow:create` / `pool:create` printed (after `--oracle`, the MetricOracle address
 * `suite:deploy` printed), as the README tells the reader. Each command must exit 0.
 *
 * Each story's deployment gets its own Ignition deployment id (`IGNITION_DEPLOYMENT_ID`), so a developer's
 * `deploy/deployments/chain-31337` is never touched; it and the files the stories write under `out/` are removed
 * afterwards. The two stories share nothing (own node, own deployment id, the second writes no file), so both start
 * in `before` and play at once, the second from the walkthrough's second command on (each command is a child
 * process: on 2 cores the second story costs little extra wall time); each story's test awaits its own.
 */

/** Which printed line a `0x…` placeholder after each flag is copied from. */
const COPIED_FROM: Record<string, RegExp> = {
  "--escrow": /^escrow created at (0x[0-9a-fA-F]{40})$/m,
  "--pool": /^pool created: (0x[0-9a-fA-F]{40})/m,
  "--oracle": /^\s+CoreModule#MetricOracle\s+(0x[0-9a-fA-F]{40})$/m,
};
const PLACEHOLDER = "0x…";
const ACCOUNT_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

const ERC20 = ["function balanceOf(address) view returns (uint256)"];

/** A story played: its node, the last run of each task, its Ignition deployment id. */
interface Played {
  node: RunningNode;
  runs: Map<string, CliRun>;
  deploymentId: string;
}

/** When a story that plays beside another runs its commands: after `startAfter`; `onFirstDone` after its first. */
interface Turn {
  startAfter?: Promise<unknown>;
  onFirstDone?: () => void;
}

/**
 * Plays one story's commands in order on a fresh node (see `runCommands`); when one fails, the node is stopped and
 * the deployment record removed before the failure is reported (the after hook never sees this story).
 */
async function play(label: string, marker: string, written: Set<string>, turn: Turn = {}): Promise<Played> {
  const commands = walkthrough(readFileSync("README.md", "utf8"), marker).flat();
  const deploymentId = `e2e-readme-${label}-${process.pid}-${Date.now()}`;
  const node = await startHardhatNode();
  const played = { node, runs: new Map<string, CliRun>(), deploymentId };
  await turn.startAfter;
  const started = Date.now();
  try {
    await runCommands(
      commands,
      { LOCALHOST_RPC_URL: node.url, IGNITION_DEPLOYMENT_ID: deploymentId },
      played.runs,
      written,
      turn.onFirstDone,
    );
  } catch (err) {
    await cleanUp(played);
    throw err;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`      (${label}: ${played.runs.size} tasks, ${commands.length} commands in ${seconds} s)`);
  return played;
}

/**
 * Runs README commands in order, filling each `0x…` from the latest output that printed one; fails with the command
 * and its output when one exits non-zero. `runs` gets the last run of each task, `written` the `--out` paths.
 */
async function runCommands(
  commands: ReadmeCommand[],
  env: NodeJS.ProcessEnv,
  runs: Map<string, CliRun>,
  written: Set<string>,
  onFirstDone?: () => void,
): Promise<void> {
  const outputs: string[] = [];
  for (const { line, words } of commands) {
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
    if (outputs.length === 1) onFirstDone?.();
  }
}

/** Stops a story's node and removes its deployment record. */
async function cleanUp(played: Played | undefined): Promise<void> {
  await played?.node.stop();
  if (played !== undefined)
    rmSync(path.join("deploy", "deployments", played.deploymentId), { recursive: true, force: true });
}

describe("README stories: every marked command block, in order, each story against a fresh hardhat node", function () {
  this.timeout(900_000); // both stories play at once; on a loaded machine one has taken 780 s

  const readme = readFileSync("README.md", "utf8");
  const written = new Set<string>();
  let first: Played | undefined;
  let second: Played | undefined;
  let playing: { first: Promise<Played>; second: Promise<Played> } | undefined;

  before(function () {
    // Both stories open with `suite:deploy`, which checks the build (Hardhat rewrites its compile cache even when
    // nothing compiles); two at once could race on that file, so the second story's commands start after the
    // walkthrough's first one (or its end, if it failed before). Its node starts at once.
    let firstDone: () => void = () => undefined;
    const deployed = new Promise<void>((resolve) => (firstDone = resolve));
    const first = play("walkthrough", MARKER, written, { onFirstDone: firstDone });
    first.finally(firstDone).catch(() => undefined);
    playing = { first, second: play("second", SECOND_MARKER, written, { startAfter: deployed }) };
    // Each rejection is reported by its own test below; until then it is held, not unhandled.
    playing.first.catch(() => undefined);
    playing.second.catch(() => undefined);
  });

  after(async function () {
    // A story still playing (its test failed or did not run) is stopped before the clean-up.
    first ??= await playing?.first.catch(() => undefined);
    second ??= await playing?.second.catch(() => undefined);
    await cleanUp(first);
    await cleanUp(second);
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
    expect(walkthrough(readme, SECOND_MARKER).flat().length).to.be.greaterThan(10);
  });

  it("the walkthrough: runs every command as written; each exits 0", async function () {
    first = await playing!.first;
  });

  it("the walkthrough's key outputs: one deployment reusing the build, both contracts settled, every pool token paid out, open data from the deployment block, an offline signature", async function () {
    expect(first, "the walkthrough did not run").to.not.equal(undefined);
    const { runs, node, deploymentId } = first!;
    const deploy = runs.get("suite:deploy");
    expect(deploy?.stdout).to.contain(`suite deployed on localhost (chain 31337), deployment ${deploymentId}`);
    // The test run built the contracts with the default profile; Ignition's production profile shares that build.
    expect(deploy?.stderr).to.not.contain("compiling Solidity");
    expect(runs.get("escrow:settle")?.stdout).to.match(/^settled: Achieved/m);
    expect(runs.get("pool:settle")?.stdout).to.match(/^settled: Achieved/m);
    expect(runs.get("mission:amend")?.stdout).to.match(/^mission 2: goal version 2 added/m);
    expect(runs.get("mission:conclude")?.stdout).to.match(/^mission 2 #HealthyAgeingLeith is now Concluded$/im);
    expect(runs.get("mission:endorse")?.stdout).to.match(
      new RegExp(`^${ACCOUNT_0} endorsed 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc in mission 1 `, "m"),
    );

    const pool = /^pool created: (0x[0-9a-fA-F]{40})/m.exec(runs.get("pool:create")?.stdout ?? "")?.[1];
    const token = /ExampleMissionModule#ExampleToken\s+(0x[0-9a-fA-F]{40})/.exec(deploy?.stdout ?? "")?.[1];
    const oracle = COPIED_FROM["--oracle"]!.exec(deploy?.stdout ?? "")?.[1];
    expect(pool).to.be.a("string");
    expect(token).to.be.a("string");
    const provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
    try {
      // The one investor redeemed and the one payer took back the rest: nothing stays in the pool.
      const balance = (await new Contract(token!, ERC20, provider).getFunction("balanceOf")(pool)) as bigint;
      expect(balance).to.equal(0n);
    } finally {
      provider.destroy();
    }
    // The export starts at the deployment's first block (block 1 on a fresh node), not at block 0.
    expect(runs.get("data:export")?.stdout).to.match(/^chain 31337, blocks 1–\d+, \d+ events/m);
    // Offline for a testnet: the example's value 50 (a goal with no decimals, from the file's column), nonce 0.
    const offline = readSignedFile("out/signed-sepolia.json");
    expect(offline.chainId).to.equal(11155111n);
    expect(offline.oracle).to.equal(oracle);
    expect(offline.reports.map((r) => [r.nonce, r.report.value])).to.deep.equal([[0n, 50n]]);
  });

  it("the second story (a dispute and a failed raise): runs every command as written on a fresh node; each exits 0", async function () {
    second = await playing!.second;
  });

  it("the second story's key outputs: the capital back after the failed raise, a dispute resolved, one expired, both bonds withdrawn", function () {
    expect(second, "the second story did not run").to.not.equal(undefined);
    const { runs } = second!;
    expect(runs.get("pool:withdraw")?.stdout).to.match(/^withdrew 1000 eUSD for 1000 shares /m);
    expect(runs.get("oracle:resolve")?.stdout).to.match(/^resolved mission 1 goal 0 period 1: 71 /m);
    expect(runs.get("oracle:expire-dispute")?.stdout).to.match(
      new RegExp(
        `^dispute on mission 1 goal 1 period 1 expired: slot Unresolved, bond 100 eUSD credited back to ${ACCOUNT_0} `,
        "m",
      ),
    );
    const status = runs.get("oracle:status")?.stdout ?? "";
    expect(status).to.match(/^mission 1 goal 0 period 1: Final$/m);
    expect(status).to.match(/^ {2}final 71 at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
    // The resolved dispute's bond (the value changed) and the expired one's, both credited back to the disputer.
    expect(status).to.contain(`${ACCOUNT_0} can withdraw 200 eUSD of bonds`);
    expect(runs.get("oracle:withdraw-bond")?.stdout).to.match(
      new RegExp(`^withdrew 200 eUSD of dispute bonds to ${ACCOUNT_0} `, "m"),
    );
  });
});
