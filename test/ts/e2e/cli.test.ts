import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { Contract, JsonRpcProvider, parseUnits } from "ethers";
import { runHardhat, startHardhatNode, type RunningNode } from "../helpers/hardhat-cli.js";

/**
 * The testnet path, proven locally: a real `hardhat node` (JSON-RPC over HTTP on 127.0.0.1, a free port), the suite
 * deployed to it with Ignition, then the whole story driven through the CLI tasks as child processes, exactly as a
 * user types them. Time moves on the node between steps (`evm_increaseTime` + `evm_mine`); balances are checked
 * over JSON-RPC at the end.
 *
 * The deployment gets its own Ignition deployment id (`IGNITION_DEPLOYMENT_ID`, read by `resolveAddress()`), so a
 * developer's `deploy/deployments/chain-31337` is never touched; its folder is removed afterwards.
 */

// Hardhat's well-known development accounts (mnemonic "test test … junk"): #0 deployer, steward, funder and
// relayer; #1 and #2 beneficiaries; #3 the oracle's evaluator, who signs reports offline.
const DEPLOYER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const BENEFICIARY_A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BENEFICIARY_B = "0x3C44CDdDb6A900fa2B585dd299E03d12fa6e93BC";
const EVALUATOR = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
/** Hardhat account #5: the arbiter may be neither the steward (the deployer) nor a committee member. */
const ARBITER = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
const EVALUATOR_KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
/** #4: the impact pool's provider. */
const PROVIDER = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

const DAY = 86_400;
const ERC20 = ["function balanceOf(address) view returns (uint256)"];

describe("end to end through the CLI on a hardhat node (deploy → mission → oracle → escrow → pool → open data)", function () {
  this.timeout(240_000);

  const deploymentId = `e2e-${process.pid}-${Date.now()}`;
  const deploymentDir = path.join("deploy", "deployments", deploymentId);
  let node: RunningNode | undefined;
  let provider: JsonRpcProvider;
  let work: string;
  let env: NodeJS.ProcessEnv;

  /** Runs `hardhat <args> --network localhost` and returns its stdout; a non-zero exit fails with the output. */
  async function hh(...args: string[]): Promise<string> {
    const run = await runHardhat([...args, "--network", "localhost"], env);
    if (run.code !== 0) {
      throw new Error(
        `hardhat ${args.join(" ")} exited ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`,
      );
    }
    return run.stdout;
  }

  async function rpc(method: string, params: unknown[] = []): Promise<unknown> {
    return provider.send(method, params);
  }

  async function advance(seconds: number): Promise<void> {
    await rpc("evm_increaseTime", [seconds]);
    await rpc("evm_mine");
  }

  async function now(): Promise<number> {
    const block = await provider.getBlock("latest");
    if (block === null) throw new Error("no latest block");
    return block.timestamp;
  }

  /** The single capture group of `pattern` in `text`, or a failure showing the text. */
  function grab(text: string, pattern: RegExp): string {
    const match = pattern.exec(text);
    if (match?.[1] === undefined) throw new Error(`expected ${pattern} in:\n${text}`);
    return match[1];
  }

  before(async function () {
    node = await startHardhatNode();
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
    work = mkdtempSync(path.join(tmpdir(), "cic-e2e-"));
    env = {
      LOCALHOST_RPC_URL: node.url,
      IGNITION_DEPLOYMENT_ID: deploymentId,
      ORACLE_PRIVATE_KEY: EVALUATOR_KEY,
    };
  });

  after(async function () {
    provider?.destroy();
    await node?.stop();
    rmSync(deploymentDir, { recursive: true, force: true });
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  let token: string;
  let missionId: string;
  let escrow: string;
  let pool: string;
  let providerBefore: bigint;
  const erc20 = () => new Contract(token, ERC20, provider);
  const balanceOf = async (who: string): Promise<bigint> => (await erc20().getFunction("balanceOf")(who)) as bigint;

  it("deploys the core suite with `ignition deploy`, then the example with `suite:deploy --example`", async function () {
    const core = await hh(
      "ignition",
      "deploy",
      "deploy/modules/CoreModule.ts",
      "--parameters",
      "deploy/parameters/localhost.json",
      "--deployment-id",
      deploymentId,
    );
    expect(core).to.match(/CoreModule#MissionRegistry - 0x[0-9a-fA-F]{40}/);
    expect(core).to.match(/CoreModule#OutcomeEscrowFactory - 0x[0-9a-fA-F]{40}/);
    expect(core).to.match(/CoreModule#ScheduledEscrowFactory - 0x[0-9a-fA-F]{40}/);

    // suite:deploy picks up the deployment id from IGNITION_DEPLOYMENT_ID and extends the same deployment. Ignition
    // builds with the production profile, which shares the test run's default build: nothing is compiled again.
    const suite = await hh("suite:deploy", "--example");
    expect(suite).to.contain(`deployment ${deploymentId}`);
    expect(suite).to.contain(`recorded in ${path.join(deploymentDir, "deployed_addresses.json")}`);
    token = grab(suite, /ExampleMissionModule#ExampleToken\s+(0x[0-9a-fA-F]{40})/);
    const registry = grab(suite, /CoreModule#MissionRegistry\s+(0x[0-9a-fA-F]{40})/);
    expect(core).to.contain(registry); // the same contracts, not a second suite

    const list = await hh("mission:list");
    expect(list).to.match(/^1\t#readingforall\tActive/m);
    // One line per escrow: address, mission, status by name, funded in tokens, funding deadline as an ISO time.
    const escrowLine =
      /^0x[0-9a-fA-F]{40} {2}mission 1 {2}Open {2}funded [0-9.]+ eUSD.* {2}funding deadline \d{4}-\d\d-\d\dT/m;
    expect(await hh("escrow:list")).to.match(escrowLine);
    // every --mission takes an id or a #hashtag
    expect(await hh("escrow:list", "--mission", "#ReadingForAll")).to.match(escrowLine);
    // The README's example escrow works as written against the example deployment: the file names no token, so the
    // address book's example token is taken, and its beneficiaries are local accounts.
    const example = await hh("escrow:create", "--file", "examples/escrows/reading-escrow.json");
    expect(example).to.match(/^escrow created at 0x[0-9a-fA-F]{40}$/m);
  });

  it("creates and activates a mission from a file and sets its oracle committee", async function () {
    const t0 = await now();
    const missionFile = path.join(work, "mission.json");
    writeFileSync(
      missionFile,
      JSON.stringify({
        hashtag: "#CleanRiverE2E",
        title: "Clean river (end-to-end test)",
        summary: "Raise the share of river samples meeting the bathing-water standard.",
        goals: [
          {
            metricKey: "clean_samples",
            name: "Samples meeting the standard",
            unit: "samples",
            decimals: 0,
            baseline: 100,
            target: 200,
            schedule: { firstPeriodEnd: new Date((t0 + 2 * DAY) * 1000).toISOString(), reportingWindow: 5 * DAY },
          },
        ],
      }),
    );
    const created = await hh("mission:create", "--file", missionFile);
    missionId = grab(created, /mission (\d+) #CleanRiverE2E created \(Draft\)/);
    expect(missionId).to.equal("2"); // the example mission is 1

    expect(await hh("mission:activate", "--mission", "#CleanRiverE2E")).to.contain(`mission ${missionId}`);
    expect(await hh("mission:show", "#cleanrivere2e")).to.match(/Active/);

    const committee = await hh(
      "oracle:committee",
      "--mission",
      missionId,
      "--members",
      EVALUATOR,
      "--quorum",
      "1",
      "--window",
      "3600",
      "--bond-token",
      token,
      "--bond",
      "10", // whole tokens of the bond token
      "--arbiter",
      ARBITER,
    );
    expect(committee).to.contain(`committee v1 set for mission ${missionId}`);
    expect(await hh("oracle:committee", "--mission", "#CleanRiverE2E")).to.contain(`mission ${missionId} committee v1`);
  });

  it("creates an escrow from a terms file and funds it", async function () {
    const t0 = await now();
    const termsFile = path.join(work, "terms.json");
    writeFileSync(
      termsFile,
      JSON.stringify({
        token,
        missionId,
        goalVersion: 1,
        fundingDeadline: new Date((t0 + DAY) * 1000).toISOString(),
        settlementDeadline: new Date((t0 + 10 * DAY) * 1000).toISOString(),
        // No-data cut-off rule: settlement deadline + grace ≥ the slot's reporting deadline (mission created before
        // t0: period end + 2 days, window 5 days) + challenge window (1 hour) + arbitration period (30 days).
        gracePeriod: 32 * DAY,
        outcomes: [{ goalId: 0, period: 1, weight: "1", curve: { kind: "linear", baseline: "100", target: "200" } }],
        beneficiaries: [
          { account: BENEFICIARY_A, weight: "3" },
          { account: BENEFICIARY_B, weight: "1" },
        ],
      }),
    );
    escrow = grab(await hh("escrow:create", "--file", termsFile), /escrow created at (0x[0-9a-fA-F]{40})/);
    // The example token has an EIP-2612 permit: the deposit is one depositWithPermit, signed over JSON-RPC.
    expect(await hh("escrow:fund", "--escrow", escrow, "--amount", "1000")).to.contain(
      "with a signed permit: credited 1000 eUSD",
    );
  });

  it("the local tools: token:mint and token:balance on the example token, chain:advance on the node's clock", async function () {
    // Account #6 (no role in this story) gets example tokens from the faucet.
    const someone = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
    expect(await hh("token:mint", "--to", someone, "--amount", "12.5")).to.match(
      /^minted 12\.5 eUSD to 0x976EA74026E726554dB657fA54763abd0C3a0aa9; balance now 12\.5 eUSD/m,
    );
    expect(await hh("token:balance", "--account", someone)).to.contain(`${someone}: 12.5 eUSD (token ${token})`);
    const before = await now();
    expect(await hh("chain:advance", "--days", "0.5")).to.match(/^mined block \d+ at \d{4}-\d\d-\d\dT/m);
    expect(await now()).to.equal(before + DAY / 2);
  });

  it("creates an impact pool from a terms file, raises its capital, commits its fund and disburses a tranche", async function () {
    const poolFile = path.join(work, "pool.json");
    writeFileSync(
      poolFile,
      JSON.stringify({
        name: "Clean River Bond",
        symbol: "CRB",
        capitalTarget: "100",
        raiseDeadline: "+1d",
        fundCap: "80",
        settlementDeadline: "+3d",
        gracePeriod: "36d", // the no-data cut-off rule, as for the escrow: ≥ 7 days + 1 hour + 30 days from the mission
        repayment: { threshold: "0.3", principalAt: "0.6", maxReturn: "0.2" },
        providers: [{ name: "River rangers", address: PROVIDER }],
        tranches: [{ provider: 0, due: "+0s", share: "0.5" }],
        basket: [
          {
            missionId: Number(missionId),
            goalId: 0,
            period: 1,
            weight: "1",
            curve: { kind: "linear", baseline: 100, target: 200 },
          },
        ],
      }),
    );
    pool = grab(await hh("pool:create", "--file", poolFile, "--token", token), /pool created: (0x[0-9a-fA-F]{40})/);
    expect(await hh("pool:invest", "--pool", pool, "--amount", "100")).to.match(/^invested 100 eUSD → 100 shares /m);
    expect(await hh("pool:commit", "--pool", pool, "--amount", "80")).to.match(
      /^committed 80 eUSD to the outcome fund /m,
    );
    expect(await hh("pool:list", "--mission", "#CleanRiverE2E")).to.contain(pool);
    providerBefore = await balanceOf(PROVIDER);
    await hh("pool:disburse", "--pool", pool, "--tranche", "0");
    expect((await balanceOf(PROVIDER)) - providerBefore).to.equal(parseUnits("50", 18));
  });

  it("signs a report to a file offline, relays it, and finalises it after the challenge window", async function () {
    await advance(2 * DAY + 1); // the period has ended: reports are accepted now
    const metrics = path.join(work, "metrics.csv");
    writeFileSync(metrics, `missionId,goalId,period,value\n${missionId},0,1,160\n`);
    const signed = path.join(work, "signed.json");
    expect(await hh("oracle:sign", "--file", metrics, "--out", signed)).to.contain(
      `signed 1 report(s) as ${EVALUATOR}`,
    );
    expect(await hh("oracle:relay", "--file", signed)).to.contain("relayed 1 report(s) in 1 transaction(s)");

    const slot = ["--mission", missionId, "--goal", "0", "--period", "1"];
    expect(await hh("oracle:status", ...slot)).to.contain("Proposed");
    expect(await hh("oracle:status", "--mission", "#CleanRiverE2E", "--goal", "0", "--period", "1")).to.contain(
      `mission ${missionId} goal 0 period 1: Proposed`,
    );
    await advance(3_601);
    expect(await hh("oracle:finalize", ...slot)).to.contain(`finalized mission ${missionId} goal 0 period 1 = 160`);
  });

  it("settles, pays the beneficiaries and refunds the funder; balances add up on chain", async function () {
    const erc20 = new Contract(token, ERC20, provider);
    const balance = async (who: string): Promise<bigint> => (await erc20.getFunction("balanceOf")(who)) as bigint;
    const funderBefore = await balance(DEPLOYER);

    expect(await hh("escrow:settle", "--escrow", escrow)).to.contain("settled: Achieved");
    // 160 on a linear 100 → 200 curve: 60 % of 1000 to the beneficiaries (3 : 1), 40 % back to the funder.
    expect(await hh("escrow:claim", "--escrow", escrow, "--account", BENEFICIARY_A)).to.contain("claimed 450 eUSD");
    expect(await hh("escrow:claim", "--escrow", escrow, "--account", BENEFICIARY_B)).to.contain("claimed 150 eUSD");
    expect(await hh("escrow:refund", "--escrow", escrow)).to.contain("refunded 400 eUSD");

    expect(await balance(BENEFICIARY_A)).to.equal(parseUnits("450", 18));
    expect(await balance(BENEFICIARY_B)).to.equal(parseUnits("150", 18));
    expect((await balance(DEPLOYER)) - funderBefore).to.equal(parseUnits("400", 18));
    expect(await balance(escrow)).to.equal(0n);
  });

  it("settles the pool on the finalised value; the investor redeems and the outcome payer takes back the rest", async function () {
    await advance(DAY); // past the pool's settlement deadline (3 days after creation)
    expect(await hh("pool:settle", "--pool", pool)).to.contain("settled: Achieved");
    const funderBefore = await balanceOf(DEPLOYER);
    await hh("pool:redeem", "--pool", pool);
    await hh("pool:refund", "--pool", pool);
    // 160 on 100 → 200 is 60 % = the principal point: the 50 disbursed is repaid from the fund (multiple 1), so the
    // investor gets 50 unspent + 50 and the payer 80 − 50 back.
    expect((await balanceOf(DEPLOYER)) - funderBefore).to.equal(parseUnits("130", 18));
    expect(await balanceOf(pool)).to.equal(0n);
  });

  it("exports the open data with `data:export`; its money totals equal the balances checked above", async function () {
    const out = path.join(work, "open-data");
    const run = await hh("data:export", "--out", out);
    // From the deployment's first block (block 1 of this fresh node, in its Ignition journal), not block 0.
    expect(run).to.match(/^chain 31337, blocks 1–\d+, \d+ events/m);
    type Money = { contract: string; kind: string; account: string; amount: string };
    const read = <T>(table: string): T[] => JSON.parse(readFileSync(path.join(out, `${table}.json`), "utf8")) as T[];
    const deposits = read<Money>("deposits");
    const payouts = read<Money>("payouts");
    const total = (rows: Money[], pick: (r: Money) => boolean): bigint =>
      rows.filter(pick).reduce((acc, r) => acc + BigInt(r.amount), 0n);
    const at = (c: string) => (r: Money) => r.contract === c;

    // The escrow: 1000 in, 450 + 150 claimed, 400 refunded — and in − out is what it holds (0).
    expect(total(deposits, at(escrow))).to.equal(parseUnits("1000", 18));
    expect(total(payouts, (r) => at(escrow)(r) && r.kind === "claim" && r.account === BENEFICIARY_A)).to.equal(
      parseUnits("450", 18),
    );
    expect(total(payouts, (r) => at(escrow)(r) && r.kind === "claim" && r.account === BENEFICIARY_B)).to.equal(
      parseUnits("150", 18),
    );
    expect(total(payouts, (r) => at(escrow)(r) && r.kind === "refund")).to.equal(parseUnits("400", 18));
    // The pool: 100 invested + 80 committed; 50 to the provider, 130 back to the deployer.
    expect(total(deposits, at(pool))).to.equal(parseUnits("180", 18));
    expect(total(payouts, (r) => at(pool)(r) && r.account === PROVIDER)).to.equal(
      (await balanceOf(PROVIDER)) - providerBefore,
    );
    expect(total(payouts, (r) => at(pool)(r) && r.account === DEPLOYER)).to.equal(parseUnits("130", 18));
    // Every escrow and pool (the example deployment's too): Σ in − Σ out from events = balanceOf, to the wei.
    const contracts = new Set([...deposits, ...payouts].map((r) => r.contract));
    expect(contracts).to.include(escrow).and.to.include(pool);
    for (const c of contracts) expect(total(deposits, at(c)) - total(payouts, at(c)), c).to.equal(await balanceOf(c));
    // The report value the escrow and the pool settled on.
    const values = read<{ missionId: string; goalId: number; period: number; status: string; finalValue: string }>(
      "metric_values",
    );
    expect(values.find((v) => v.missionId === missionId && v.goalId === 0 && v.period === 1)).to.include({
      status: "Final",
      finalValue: "160",
    });
    const pools = read<{ pool: string; phase: string; balance: string }>("pools");
    expect(pools.find((p) => p.pool === pool)).to.include({ phase: "Settled", balance: "0" });
  });
});

describe("suite:deploy input errors (one line, nothing sent)", function () {
  this.timeout(60_000);

  it("names an empty .env variable of a testnet network (empty means unset)", async function () {
    const run = await runHardhat(["suite:deploy", "--network", "sepolia"], { SEPOLIA_RPC_URL: "" });
    expect(run.code).to.equal(1);
    expect(run.stderr.trim()).to.equal(
      "error: SEPOLIA_RPC_URL: not set; add it to .env (copy .env.example) or export it",
    );
  });

  it("names a missing parameters file", async function () {
    const run = await runHardhat(["suite:deploy", "--parameters", "deploy/parameters/nowhere.json"]);
    expect(run.code).to.equal(1);
    expect(run.stderr.trim()).to.equal(
      "error: --parameters: no file deploy/parameters/nowhere.json (add one per network, see docs/deploy.md)",
    );
  });
});
