import { expect } from "chai";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { CliError } from "../../../scripts/core/cli.js";
import { progressPrinter, runExport, type ExportArgs } from "../../../scripts/cli/actions/data.js";
import { deployPoolLibraries } from "../../../scripts/core/pool-factory.js";
import { exportArgs } from "../helpers/export-args.js";

/**
 * `data:export` reads from the deployment's first block (the lowest confirmed block of its Ignition journal, as the
 * indexer's `deploymentStartBlock` reads it) rather than block 0, and shows its progress on stderr for a range of more
 * than one chunk: a chain with 40 blocks before the suite, the suite deployed, an address book and journal for it.
 */
describe("data:export: start block and progress", function () {
  const deploymentId = `test-data-export-${process.pid}`;
  const deploymentDir = path.join("deploy", "deployments", deploymentId);
  const savedId = process.env.IGNITION_DEPLOYMENT_ID;
  const out = mkdtempSync(path.join(tmpdir(), "data-export-start-"));
  const base = exportArgs(out);
  let conn: Awaited<ReturnType<typeof network.create>>;
  let firstBlock: number;
  let registry: string;

  /** Writes the deployment's journal: one confirmed transaction per block in `blocks`. */
  const writeJournal = (blocks: number[]): void =>
    writeFileSync(
      path.join(deploymentDir, "journal.jsonl"),
      blocks.map((blockNumber) => JSON.stringify({ type: "TRANSACTION_CONFIRM", receipt: { blockNumber } })).join("\n"),
    );

  before(async function () {
    conn = await network.create();
    const { ethers, networkHelpers } = conn;
    await networkHelpers.mine(40); // blocks before the suite existed
    const deployed: Record<string, string> = {};
    const blocks: number[] = [];
    const deploy = async (name: string, args: unknown[]): Promise<string> => {
      // ImpactPoolFactory links its libraries (deployed first, as Ignition does).
      const libraries = name === "ImpactPoolFactory" ? await deployPoolLibraries(ethers) : {};
      const contract = await ethers.deployContract(name, args, { libraries });
      const receipt = await contract.deploymentTransaction()?.wait();
      if (receipt === null || receipt === undefined) throw new Error(`${name}: no receipt`);
      blocks.push(receipt.blockNumber);
      const address = await contract.getAddress();
      deployed[`CoreModule#${name}`] = address;
      return address;
    };
    registry = await deploy("MissionRegistry", []);
    const oracle = await deploy("MetricOracle", [registry]);
    await deploy("OutcomeEscrowFactory", [registry, oracle]);
    await deploy("ImpactPoolFactory", [registry, oracle]);
    firstBlock = Math.min(...blocks);
    expect(firstBlock).to.be.greaterThan(40);
    // Some events after the deployment, a few blocks apart.
    const asSteward = await ethers.getContractAt("MissionRegistry", registry);
    const [steward] = await ethers.getSigners();
    const goal = {
      metricKey: `0x${"22".repeat(32)}`,
      baseline: 1n,
      target: 2n,
      firstPeriodEnd: BigInt((await networkHelpers.time.latest()) + 86_400),
      periodLength: 0n,
      periodCount: 1,
      reportingWindow: 86_400n,
      decimals: 0,
    };
    for (const tag of ["#ExportOne", "#ExportTwo", "#ExportThree"]) {
      await (await asSteward.createMission(tag, steward!.address, "", `0x${"11".repeat(32)}`, [goal])).wait();
      await networkHelpers.mine(3);
    }
    mkdirSync(deploymentDir, { recursive: true });
    writeFileSync(path.join(deploymentDir, "deployed_addresses.json"), JSON.stringify(deployed));
    writeJournal(blocks);
    process.env.IGNITION_DEPLOYMENT_ID = deploymentId;
  });

  after(async function () {
    if (savedId === undefined) delete process.env.IGNITION_DEPLOYMENT_ID;
    else process.env.IGNITION_DEPLOYMENT_ID = savedId;
    rmSync(deploymentDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    await conn.close();
  });

  it("starts at the deployment's first block, not block 0; an address given by flag starts at 0", async function () {
    const client = await conn.viem.getPublicClient();
    const latest = await client.getBlockNumber();
    const progress: string[] = [];
    /** The summary line of an export with `args`. */
    const summary = async (args: ExportArgs): Promise<string | undefined> => {
      const lines: string[] = [];
      await runExport(client, args, (line) => lines.push(line), { write: (l) => progress.push(l), intervalMs: 0 });
      return lines[0];
    };
    expect(await summary(base)).to.match(new RegExp(`^chain 31337, blocks ${firstBlock}–${latest}, \\d+ events`));
    const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as {
      fromBlock: string;
      tables: { missions: { rows: number } };
    };
    expect(manifest.fromBlock).to.equal(String(firstBlock));
    expect(manifest.tables.missions.rows).to.equal(3); // nothing before the deployment was missed
    expect(progress, "one chunk: no progress lines").to.deep.equal([]);

    // --from-block still wins, and addresses given by flag may be another deployment's: from block 0.
    expect(await summary({ ...base, fromBlock: "3" })).to.match(/^chain 31337, blocks 3–/);
    expect(await summary({ ...base, registry })).to.match(/^chain 31337, blocks 0–/);
  });

  it("refuses, in one line, a journal whose first block is after the chain's last (a restarted node)", async function () {
    const client = await conn.viem.getPublicClient();
    writeJournal([1_000_000]);
    try {
      let failed: unknown;
      await runExport(client, base, () => undefined).catch((err: unknown) => (failed = err));
      expect(failed).to.be.instanceOf(CliError);
      expect((failed as Error).message).to.match(
        new RegExp(
          `^--from-block: deployment ${deploymentId} starts at block 1000000, after the last block to read \\d+ `,
        ),
      );
    } finally {
      writeJournal([firstBlock]);
    }
  });

  it("prints progress on stderr for a range of several chunks: blocks read of the total, events so far", async function () {
    const client = await conn.viem.getPublicClient();
    const latest = Number(await client.getBlockNumber());
    const total = latest - firstBlock + 1;
    const progress: string[] = [];
    await runExport(client, { ...base, chunk: "4" }, () => undefined, {
      write: (l) => progress.push(l),
      intervalMs: 0,
    });
    expect(progress).to.have.length(Math.ceil(total / 4));
    for (const line of progress) {
      expect(line).to.match(/^data:export: \d+ of \d+ blocks read \(\d+ %\), \d+ events so far$/);
    }
    expect(progress.at(-1)).to.match(
      new RegExp(`^data:export: ${total} of ${total} blocks read \\(100 %\\), \\d+ events`),
    );
  });

  it("at most one progress line per interval, and the last one once any was printed", function () {
    const times = [0, 500, 1000, 1500, 2600, 2700];
    const clock = () => times.shift() ?? 0;
    const lines: string[] = [];
    const print = progressPrinter(5n, (l) => lines.push(l), 1000, clock); // created at t = 0
    print(10n, 50n, 1); // t = 500: too soon
    print(20n, 50n, 2); // t = 1000: printed
    print(30n, 50n, 3); // t = 1500: too soon
    print(40n, 50n, 4); // t = 2600: printed
    print(50n, 50n, 5); // t = 2700: the last chunk, printed
    expect(lines).to.deep.equal([
      "data:export: 20 of 50 blocks read (40 %), 2 events so far",
      "data:export: 40 of 50 blocks read (80 %), 4 events so far",
      "data:export: 50 of 50 blocks read (100 %), 5 events so far",
    ]);
    const quiet: string[] = [];
    progressPrinter(1n, (l) => quiet.push(l), 0)(50n, 50n, 5);
    expect(quiet, "a single chunk prints nothing").to.deep.equal([]);
  });
});
