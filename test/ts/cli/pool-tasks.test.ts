import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import hre from "hardhat";
import { Interface, parseEther } from "ethers";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { CliError, type TaskResult } from "../../../scripts/core/cli.js";
import { buildPoolTerms } from "../../../scripts/formats/pool-terms.js";
import { restoreChainAfterEach, runTask } from "../helpers/run-task.js";
import { deployPoolFactory } from "../../../scripts/core/pool-factory.js";
import { ImpactPool__factory } from "../../../typechain-types/index.js";

const EXAMPLE = "examples/pools/education-pool.json";
const example = JSON.parse(readFileSync(EXAMPLE, "utf8")) as Record<string, unknown>;
const dir = mkdtempSync(path.join(tmpdir(), "pool-tasks-"));
let fileCount = 0;
/** Writes a variant of the example terms and returns its path. */
function variant(change: (t: Record<string, unknown>) => void): string {
  const t = structuredClone(example);
  change(t);
  const file = path.join(dir, `terms-${fileCount++}.json`);
  writeFileSync(file, JSON.stringify(t));
  return file;
}

async function run(name: string, args: Record<string, string>): Promise<TaskResult> {
  return (await hre.tasks.getTask(name).run(args)) as TaskResult;
}

/** A registry holding the example's mission 1 (Active) with the goals of #ReadingForAll the basket names. */
async function exampleRegistry(
  ethers: Awaited<ReturnType<typeof hre.network.getOrCreate>>["ethers"],
  now: bigint,
): Promise<string> {
  const registry = await ethers.deployContract("MockRegistryForEscrow");
  await (await registry.setMission(1n, 2)).wait();
  const goals: [bigint, number, bigint, bigint][] = [
    [1n, 0, 624n, 750n],
    [1n, 1, 38n, 55n],
  ];
  for (const [missionId, goalId, baseline, target] of goals) {
    const goal = {
      baseline,
      target,
      firstPeriodEnd: now + 180n * 86_400n,
      periodLength: 365n * 86_400n,
      periodCount: 1,
      reportingWindow: 30n * 86_400n,
      decimals: 0,
      version: 1,
    };
    await (await registry.setGoal(missionId, goalId, goal)).wait();
  }
  return registry.getAddress();
}

describe("pool tasks", function () {
  // The example's dates are absolute (the 2030 periods of #ReadingForAll) and the tasks run on the shared in-process
  // network: each test leaves the clock, and everything else, as it found it.
  restoreChainAfterEach();

  it("pool:invest and pool:commit say they approve first, since the pool has no permit entry", function () {
    for (const name of ["pool:invest", "pool:commit"]) {
      expect(hre.tasks.getTask(name).description).to.contain("approves exactly the amount taken first");
    }
    // The interface alone (ImpactPool links ScheduleSettlement, so it has no unlinked contract factory).
    const pool = new Interface(ImpactPool__factory.abi);
    expect(pool.getFunction("invest")).to.not.equal(null);
    expect(pool.getFunction("investWithPermit")).to.equal(null);
    expect(pool.getFunction("commitWithPermit")).to.equal(null);
    expect(readFileSync("README.md", "utf8")).to.contain("since the pool has no permit entry");
  });

  it("the example validates against the JSON Schema, and a broken document does not", function () {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    ajv.addSchema(JSON.parse(readFileSync("schemas/outcome-terms.schema.json", "utf8")) as object);
    const validate = ajv.compile(JSON.parse(readFileSync("schemas/pool-terms.schema.json", "utf8")) as object);
    expect(validate(example), JSON.stringify(validate.errors)).to.equal(true);
    expect(validate({ ...example, basket: [] })).to.equal(false);
  });

  it("accepts any-case hex but refuses a mixed-case address with a wrong EIP-55 checksum, naming the field", function () {
    const good = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
    const typo = "0x976eA74026E726554dB657fA54763abd0C3a0aa9"; // one letter's case flipped
    const opts = { now: 1_000_000n, decimals: 18, token: "0x5FbDB2315678afecb367f032d93F642f64180aa3" };
    const withProvider = (address: string, token?: string) => {
      const t = structuredClone(example) as { providers: { address: string }[]; token?: string };
      t.providers[1]!.address = address;
      if (token !== undefined) t.token = token;
      return t;
    };
    for (const address of [good, good.toLowerCase(), `0x${good.slice(2).toUpperCase()}`]) {
      expect(buildPoolTerms(withProvider(address), opts).schedule.providers[1]).to.equal(good);
    }
    const fails = (raw: unknown, o: Parameters<typeof buildPoolTerms>[1] = opts): string => {
      try {
        buildPoolTerms(raw, o);
      } catch (err) {
        expect(err).to.be.instanceOf(CliError);
        return (err as Error).message;
      }
      throw new Error("expected a CliError");
    };
    const message = fails(withProvider(typo));
    expect(message).to.equal(`providers.1.address: bad EIP-55 checksum (mixed-case address; did you mean ${good}?)`);
    expect(message).to.not.include("\n");
    expect(
      fails(withProvider(good, "0x5fbDB2315678afecb367f032d93F642f64180aa3"), { now: opts.now, decimals: 18 }),
    ).to.match(/^token: bad EIP-55 checksum/);
  });

  it("basket terms use the shared outcome-terms format, with the same one-line errors as escrow outcomes", function () {
    const opts = { now: 1_000_000n, decimals: 18, token: "0x5FbDB2315678afecb367f032d93F642f64180aa3" };
    const withTerm = (change: (term: Record<string, unknown>) => void) => {
      const t = structuredClone(example) as { basket: Record<string, unknown>[] };
      change(t.basket[0]!);
      return t;
    };
    const fails = (raw: unknown): string => {
      try {
        buildPoolTerms(raw, opts);
      } catch (err) {
        expect(err).to.be.instanceOf(CliError);
        return (err as Error).message;
      }
      throw new Error("expected a CliError");
    };
    const terms = buildPoolTerms(example, opts);
    expect(terms.basket[0]).to.deep.include({ missionId: 1n, goalId: 0, period: 1, weightWad: parseEther("0.6") });
    expect(terms.basket[0]!.curve).to.deep.include({ kind: 1, lowerIsBetter: false, baseline: 624n, target: 750n });
    const falling = buildPoolTerms(
      withTerm((b) => (b.curve = { kind: "linear", baseline: 750, target: 624 })),
      opts,
    );
    expect(falling.basket[0]!.curve.lowerIsBetter).to.equal(true); // target below baseline: a falling curve
    expect(terms.raiseDeadline).to.equal(opts.now + 30n * 86_400n);
    expect(fails(withTerm((b) => delete b.missionId))).to.equal("basket.0.missionId: Required");
    expect(fails(withTerm((b) => (b.curve = { kind: "linear", baseline: 5, target: 5 })))).to.equal(
      "basket.0.curve.target: must differ from the baseline",
    );
    expect(fails(withTerm((b) => (b.curve = { kind: "binary", threshold: 1, cap: "1" })))).to.match(
      /^basket\.0\.curve: Unrecognized key/,
    );
  });

  it("runs a pool end to end through the CLI, and bad input fails with one line and no transaction", async function () {
    const { ethers, networkHelpers } = await hre.network.getOrCreate();
    const signers = await ethers.getSigners();
    const feed = await ethers.deployContract("MockMetricFeed");
    const token = await ethers.deployContract("MockPlainPoolToken");
    const factoryContract = await deployPoolFactory(
      ethers,
      await exampleRegistry(ethers, BigInt(await networkHelpers.time.latest())),
      await feed.getAddress(),
    );
    const factory = await factoryContract.getAddress();
    const tokenAddress = await token.getAddress();
    for (const s of signers.slice(1, 4)) await (await token.mint(s.address, parseEther("2000000"))).wait();

    // Bad input: each a one-line error naming the field, and no pool created.
    const bad: [Record<string, string>, string][] = [
      [{ token: tokenAddress, factory }, "--file: required"],
      [{ file: "nope.json", token: tokenAddress, factory }, "--file: cannot read JSON"],
      [{ file: variant((t) => delete t.name), token: tokenAddress, factory }, "name: Required"],
      [
        { file: variant((t) => ((t.basket as { weight: string }[])[1]!.weight = "0.1")), token: tokenAddress, factory },
        "basket: weights sum to 0.7, not 1",
      ],
      [
        {
          file: variant((t) => ((t.repayment as { principalAt: string }).principalAt = "1.2")),
          token: tokenAddress,
          factory,
        },
        "repayment.principalAt: principal point above full achievement",
      ],
      [
        {
          file: variant((t) => {
            const p = t.providers as { address: string }[];
            p[1]!.address = p[0]!.address;
          }),
          token: tokenAddress,
          factory,
        },
        "providers.1.address: duplicate provider",
      ],
      [
        { file: variant((t) => (t.raiseDeadline = 1)), token: tokenAddress, factory },
        "raiseDeadline: must be in the future",
      ],
      [{ file: EXAMPLE, factory }, "token: required"],
      [{ file: EXAMPLE, token: "0x12", factory }, "--token: must be a 0x-prefixed 20-byte address"],
      [{ file: EXAMPLE, token: tokenAddress }, "--factory: no ImpactPoolFactory deployed"],
    ];
    for (const [args, message] of bad) {
      const result = await run("pool:create", args);
      expect(result.success, message).to.equal(false);
      if (!result.success) expect(result.error).to.contain(message);
    }
    expect(await factoryContract.poolCount()).to.equal(0n);

    expect((await run("pool:create", { file: EXAMPLE, token: tokenAddress, factory })).success).to.equal(true);
    const pool = await ethers.getContractAt("ImpactPool", await factoryContract.poolAt(0));
    const poolAddress = await pool.getAddress();
    expect(await pool.symbol()).to.equal("EDU-IP");

    const investBad = await run("pool:invest", { pool: poolAddress, amount: "0", from: "1" });
    expect(investBad).to.deep.equal({ success: false, error: "--amount: must be greater than zero" });
    // An account without the tokens is refused before any approval is sent (account #6 holds no mUSD).
    for (const method of ["pool:invest", "pool:commit"]) {
      expect(await run(method, { pool: poolAddress, amount: "10", from: "6" })).to.deep.equal({
        success: false,
        error: `--amount: ${signers[6]!.address} holds 0 mUSD, less than the 10 mUSD to pay in`,
      });
      expect(await token.allowance(signers[6]!.address, poolAddress)).to.equal(0n);
    }
    expect((await run("pool:invest", { pool: poolAddress, amount: "60000", from: "1" })).success).to.equal(true);
    // 50,000 asked with 40,000 of room: the approval is exactly the clamped 40,000, all of it taken, and the line
    // printed says what was taken, in tokens with the symbol, and the shares minted for it.
    const clamped = await runTask("pool:invest", { pool: poolAddress, amount: "50000", from: "2" });
    expect(clamped.result.success).to.equal(true);
    expect(clamped.out).to.match(/^invested 40000 mUSD → 40000 shares \(tx 0x[0-9a-f]{64}\)$/);
    expect(await pool.balanceOf(signers[2]!.address)).to.equal(parseEther("40000"));
    expect(await token.allowance(signers[2]!.address, poolAddress)).to.equal(0n);
    expect(await pool.balanceOf(signers[1]!.address)).to.equal(parseEther("60000"));
    // A full raise is refused before any approval is sent.
    const full = await run("pool:invest", { pool: poolAddress, amount: "1", from: "2" });
    expect(full).to.deep.equal({ success: false, error: "--pool: the raise is full (capital target met)" });
    expect(await token.allowance(signers[2]!.address, poolAddress)).to.equal(0n);
    const committed = await runTask("pool:commit", { pool: poolAddress, amount: "120000.5", from: "3" });
    expect(committed.result.success).to.equal(true);
    // 120,000.5 asked of a 120,000 cap: the clamped amount, in tokens with the symbol.
    expect(committed.out).to.match(/^committed 120000 mUSD to the outcome fund \(tx 0x[0-9a-f]{64}\)$/);

    const early = await run("pool:disburse", { pool: poolAddress, tranche: "0" });
    expect(early.success).to.equal(false);
    if (!early.success) {
      expect(early.error).to.match(
        /^disburse: tranche 0 is not due before \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(TrancheNotDue\)$/,
      );
    }
    expect(await run("pool:disburse", { pool: poolAddress, tranche: "9" })).to.deep.equal({
      success: false,
      error: "--tranche: no tranche #9 (3 tranches)",
    });
    const terms = await pool.config();
    await networkHelpers.time.increaseTo(terms.raiseDeadline);
    expect((await run("pool:disburse", { pool: poolAddress, tranche: "0" })).success).to.equal(true);
    expect(await token.balanceOf(signers[5]!.address)).to.equal(parseEther("40000"));

    const notYet = await run("pool:redeem", { pool: poolAddress, from: "1" });
    expect(notYet.success).to.equal(false);
    if (!notYet.success) {
      expect(notYet.error).to.equal("redeem: the pool is in phase Funded, which does not allow this (WrongState)");
    }
    const tooEarly = await run("pool:settle", { pool: poolAddress });
    expect(tooEarly.success).to.equal(false);
    if (!tooEarly.success) {
      expect(tooEarly.error).to.match(
        /^settle: settlement opens after the settlement deadline \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(SettlementNotOpen\)$/,
      );
    }

    // Both outcome targets met → composite 100 %, ×1.2 on the 40k disbursed (tranche 0 only).
    await (await feed.setFinal(1, 0, 1, 750)).wait();
    await (await feed.setFinal(1, 1, 1, 55)).wait();
    await networkHelpers.time.increaseTo(terms.settlementDeadline);
    expect((await run("pool:settle", { pool: poolAddress })).success).to.equal(true);
    const state = await pool.state();
    expect(state.outcomePayment).to.equal(parseEther("48000"));
    expect(state.investorPotRemaining).to.equal(parseEther("108000"));

    expect((await run("pool:show", { pool: poolAddress, account: signers[1]!.address })).success).to.equal(true);
    expect((await run("pool:list", { factory })).success).to.equal(true);
    expect((await run("pool:list", { factory, mission: "1" })).success).to.equal(true);

    const before = await token.balanceOf(signers[1]!.address);
    expect((await run("pool:redeem", { pool: poolAddress, from: "1" })).success).to.equal(true);
    expect((await token.balanceOf(signers[1]!.address)) - before).to.equal(parseEther("64800"));
    expect(await run("pool:redeem", { pool: poolAddress, from: "1" })).to.deep.equal({
      success: false,
      error: `--shares: ${signers[1]!.address} holds no shares`,
    });
    const payerBefore = await token.balanceOf(signers[3]!.address);
    // --from takes an account's address as well as its index.
    expect((await run("pool:refund", { pool: poolAddress, from: signers[3]!.address })).success).to.equal(true);
    expect((await token.balanceOf(signers[3]!.address)) - payerBefore).to.equal(parseEther("72000"));
    expect((await run("pool:redeem", { pool: poolAddress, from: "2", shares: "40000" })).success).to.equal(true);
    expect(await token.balanceOf(poolAddress)).to.equal(0n);

    expect(await run("pool:show", { pool: "0x0000000000000000000000000000000000000001" })).to.deep.equal({
      success: false,
      error: "--pool: no contract at 0x0000000000000000000000000000000000000001",
    });
    // The implementation has the pool's ABI, but its factory never created it as a pool (isPool false).
    const implementation = await factoryContract.implementation();
    expect(await run("pool:show", { pool: implementation })).to.deep.equal({
      success: false,
      error: `--pool: ${implementation} was not created by the pool factory at ${await factoryContract.getAddress()}; refusing to act on it`,
    });
    expect(await run("pool:refund", { pool: poolAddress, from: "99" })).to.deep.equal({
      success: false,
      error: `--from: 99 is out of range (this network has ${signers.length} accounts)`,
    });
    expect(await run("pool:refund", { pool: poolAddress, from: poolAddress })).to.deep.equal({
      success: false,
      error: `--from: ${poolAddress} is not an account of this network`,
    });
  });
  it("pool:withdraw returns the capital in full after a failed raise, and only then", async function () {
    const { ethers, networkHelpers } = await hre.network.getOrCreate();
    const signers = await ethers.getSigners();
    const feed = await ethers.deployContract("MockMetricFeed");
    const token = await ethers.deployContract("MockPlainPoolToken");
    const factoryContract = await deployPoolFactory(
      ethers,
      await exampleRegistry(ethers, BigInt(await networkHelpers.time.latest())),
      await feed.getAddress(),
    );
    const factory = await factoryContract.getAddress();
    const tokenAddress = await token.getAddress();
    await (await token.mint(signers[1]!.address, parseEther("50000"))).wait();
    expect((await run("pool:create", { file: EXAMPLE, token: tokenAddress, factory })).success).to.equal(true);
    const pool = await ethers.getContractAt("ImpactPool", await factoryContract.poolAt(0));
    const poolAddress = await pool.getAddress();
    expect((await run("pool:invest", { pool: poolAddress, amount: "50000", from: "1" })).success).to.equal(true);

    // Still raising: withdrawing is refused with one line, nothing sent.
    expect(await run("pool:withdraw", { pool: poolAddress, from: "1" })).to.deep.equal({
      success: false,
      error: "--pool: the raise has not failed (phase Raising); use pool:redeem after settlement",
    });
    await networkHelpers.time.increaseTo((await pool.config()).raiseDeadline + 1n);
    expect(await run("pool:withdraw", { pool: poolAddress, from: "2" })).to.deep.equal({
      success: false,
      error: `--from: ${signers[2]!.address} holds no shares`,
    });
    expect((await run("pool:withdraw", { pool: poolAddress, from: "1" })).success).to.equal(true);
    expect(await token.balanceOf(signers[1]!.address)).to.equal(parseEther("50000"));
    expect(await pool.balanceOf(signers[1]!.address)).to.equal(0n);
    expect(await token.balanceOf(poolAddress)).to.equal(0n);
  });
});
