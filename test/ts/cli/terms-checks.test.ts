import { expect } from "chai";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import hre from "hardhat";
import { createMissionFromDoc } from "../../../scripts/core/mission-ops.js";
import { checkScheduleSlots, type TermsFactory } from "../../../scripts/core/terms-checks.js";
import { CliError } from "../../../scripts/core/cli.js";
import { scheduleOf } from "../../../scripts/formats/schedule-terms.js";
import { loadMissionDoc } from "../../../scripts/formats/mission-doc.js";
import { runTask, taskFailure } from "../helpers/run-task.js";
import { deployPoolFactory } from "../../../scripts/core/pool-factory.js";

/**
 * `escrow:create` and `pool:create` check a terms file against the registry and oracle their factory reads, through
 * one function (`core/terms-checks.ts`), before anything is sent: a real MissionRegistry and MetricOracle holding the
 * two example missions (#ReadingForAll Active with a committee, #HealthyAgeingLeith Draft), both factories, and the
 * example terms files with one field changed at a time. Each refusal is one line naming the field, and no
 * transaction is sent; the examples themselves pass.
 */

const POOL_EXAMPLE = "examples/pools/education-pool.json";
const ESCROW_EXAMPLE = "examples/escrows/reading-escrow.json";
const dir = mkdtempSync(path.join(tmpdir(), "terms-checks-"));
let fileCount = 0;

/** A copy of `example` with `change` applied, written to a file; returns its path. */
function variant(example: string, change: (t: Record<string, unknown>) => void): string {
  const t = JSON.parse(readFileSync(example, "utf8")) as Record<string, unknown>;
  change(t);
  const file = path.join(dir, `terms-${fileCount++}.json`);
  writeFileSync(file, JSON.stringify(t));
  return file;
}
type Term = { missionId: number; goalId: number; period: number; weight?: string; curve: unknown };
const basket = (t: Record<string, unknown>) => t.basket as Term[];
const outcomes = (t: Record<string, unknown>) => t.outcomes as Term[];
const tranches = (t: Record<string, unknown>) => t.tranches as { due: string; milestone?: Term }[];

describe("terms files checked against the chain before any transaction (escrow:create, pool:create)", function () {
  const deploymentId = `test-terms-checks-${process.pid}`;
  const deploymentDir = path.join("deploy", "deployments", deploymentId);
  const savedId = process.env.IGNITION_DEPLOYMENT_ID;
  let restore: (() => Promise<void>) | undefined;
  let token: string;
  let registry: string;
  let poolFactory: string;
  let escrowFactory: string;

  before(async function () {
    const { ethers, networkHelpers } = await hre.network.getOrCreate();
    const snapshot = await networkHelpers.takeSnapshot();
    restore = () => snapshot.restore();
    const [steward, arbiter] = await ethers.getSigners();
    const registryContract = await ethers.deployContract("MissionRegistry");
    registry = await registryContract.getAddress();
    const oracle = await ethers.deployContract("MetricOracle", [registry]);
    const oracleAddress = await oracle.getAddress();
    poolFactory = await (await deployPoolFactory(ethers, registry, oracleAddress)).getAddress();
    escrowFactory = await (await ethers.deployContract("OutcomeEscrowFactory", [registry, oracleAddress])).getAddress();
    token = await (await ethers.deployContract("MockERC20", ["Example USD", "eUSD", 18])).getAddress();
    const now = await networkHelpers.time.latest();
    const ids: bigint[] = [];
    for (const file of ["examples/missions/reading-for-all.json", "examples/missions/healthy-ageing.json"]) {
      ids.push(
        await createMissionFromDoc(registryContract, loadMissionDoc(file, { now }), {
          steward: steward!.address,
          uri: "",
        }),
      );
    }
    await (await registryContract.activate(ids[0]!)).wait();
    // #ReadingForAll's committee as the example deployment sets it: one member, a one-hour window.
    await (
      await oracle.setCommittee(ids[0]!, {
        members: [steward!.address],
        quorum: 1,
        challengeWindow: 3600,
        bondToken: token,
        bondAmount: 10n ** 20n,
        arbiter: arbiter!.address,
        adapter: "0x0000000000000000000000000000000000000000",
      })
    ).wait();
    // The address book of an example deployment on this chain, holding only its token.
    mkdirSync(deploymentDir, { recursive: true });
    writeFileSync(
      path.join(deploymentDir, "deployed_addresses.json"),
      JSON.stringify({ "ExampleMissionModule#ExampleToken": token }),
    );
    process.env.IGNITION_DEPLOYMENT_ID = deploymentId;
  });

  after(async function () {
    if (savedId === undefined) delete process.env.IGNITION_DEPLOYMENT_ID;
    else process.env.IGNITION_DEPLOYMENT_ID = savedId;
    rmSync(deploymentDir, { recursive: true, force: true });
    await restore?.();
  });

  /** Runs `task` on `file` and expects a one-line refusal equal to `error` with no transaction sent. */
  async function refused(task: "pool:create" | "escrow:create", file: string, error: string): Promise<void> {
    const { ethers } = await hre.network.getOrCreate();
    const [sender] = await ethers.getSigners();
    const nonce = await ethers.provider.getTransactionCount(sender!.address);
    const factory = task === "pool:create" ? poolFactory : escrowFactory;
    expect(await taskFailure(task, { file, factory }), file).to.equal(`${file}: ${error}`);
    expect(await ethers.provider.getTransactionCount(sender!.address), `${file}: sent nothing`).to.equal(nonce);
  }

  it("the pool example passes as written (no --token: the example deployment's eUSD)", async function () {
    const { result, out } = await runTask("pool:create", { file: POOL_EXAMPLE, factory: poolFactory });
    expect(result.success, out).to.equal(true);
    const pool = /^pool created: (0x[0-9a-fA-F]{40})/m.exec(out)?.[1];
    const { ethers } = await hre.network.getOrCreate();
    expect((await ethers.getContractAt("ImpactPool", pool!).then((p) => p.config())).token).to.equal(token);
  });

  it("the escrow example passes as written (no token in the file: the example deployment's eUSD)", async function () {
    const { result, out } = await runTask("escrow:create", { file: ESCROW_EXAMPLE, factory: escrowFactory });
    expect(result.success, out).to.equal(true);
    expect(out).to.match(/^escrow created at 0x[0-9a-fA-F]{40}$/m);
    expect(out).to.not.contain("note:");
  });

  it("pool baskets and milestones: missing missions and goals, periods out of range, a curve against the goal, an early cut-off", async function () {
    const cases: [(t: Record<string, unknown>) => void, string][] = [
      [(t) => (basket(t)[1]!.missionId = 3), "basket.1.missionId: no mission 3"],
      [
        (t) => (basket(t)[1]!.missionId = 2),
        "basket.1.missionId: mission 2 is Draft; escrows and pools need an Active mission",
      ],
      [(t) => (basket(t)[1]!.goalId = 5), "basket.1.goalId: mission 1 has no goal 5"],
      [(t) => (basket(t)[0]!.period = 4), "basket.0.period: mission 1 goal 0 has periods 1…3, not 4"],
      [
        (t) => (basket(t)[0]!.curve = { kind: "linear", baseline: 750, target: 624 }),
        "basket.0.curve: falls but mission 1 goal 0 rises (baseline 624 → target 750); a curve must run the goal's way",
      ],
      [
        (t) => (tranches(t)[2]!.milestone!.period = 9),
        "tranches.2.milestone.period: mission 1 goal 1 has periods 1…3, not 9",
      ],
      [(t) => (tranches(t)[2]!.milestone!.missionId = 7), "tranches.2.milestone.missionId: no mission 7"],
      [
        (t) => {
          t.settlementDeadline = "2029-01-01T00:00:00Z"; // the old example's mistake: before any 2030 period is final
          tranches(t)[2]!.due = "+60d";
        },
        "settlementDeadline: settlement deadline + grace (2029-01-31T00:00:00Z) is before basket.0 (mission 1 goal 0 period 1) can be final at 2030-10-29T01:00:00Z: its reporting deadline 2030-09-29T00:00:00Z + challenge window and arbitration period 30 d 1 h",
      ],
    ];
    for (const [change, error] of cases) await refused("pool:create", variant(POOL_EXAMPLE, change), error);
  });

  it("escrow outcomes: the same checks, plus the pinned goal version and a funding deadline before the period ends", async function () {
    const cases: [(t: Record<string, unknown>) => void, string][] = [
      [(t) => (t.missionId = "3"), "missionId: no mission 3"],
      [(t) => (t.missionId = "2"), "missionId: mission 2 is Draft; escrows and pools need an Active mission"],
      [(t) => (outcomes(t)[1]!.goalId = 4), "outcomes.1.goalId: mission 1 has no goal 4"],
      [(t) => (outcomes(t)[0]!.period = 5), "outcomes.0.period: mission 1 goal 0 has periods 1…3, not 5"],
      [
        (t) => (outcomes(t)[1]!.curve = { kind: "linear", baseline: 55, target: 38 }),
        "outcomes.1.curve: falls but mission 1 goal 1 rises (baseline 38 → target 55); a curve must run the goal's way",
      ],
      [
        (t) => (t.goalVersion = 2),
        "outcomes.0.goalId: mission 1 goal 0 is in goal version 1, not the pinned goalVersion 2",
      ],
      [
        (t) => (t.fundingDeadline = "2030-08-15T00:00:00Z"),
        "fundingDeadline: 2030-08-15T00:00:00Z is after period 1 of mission 1 goal 0 ends (2030-07-31T00:00:00Z): funding must close before the outcome is known",
      ],
      [
        (t) => {
          t.settlementDeadline = "2030-09-30T00:00:00Z";
          t.gracePeriod = 0;
        },
        "settlementDeadline: settlement deadline + grace (2030-09-30T00:00:00Z) is before outcomes.0 (mission 1 goal 0 period 1) can be final at 2030-10-29T01:00:00Z: its reporting deadline 2030-09-29T00:00:00Z + challenge window and arbitration period 30 d 1 h",
      ],
    ];
    for (const [change, error] of cases) await refused("escrow:create", variant(ESCROW_EXAMPLE, change), error);
  });

  it("a mission without an oracle committee is refused, naming the mission field", async function () {
    const { ethers } = await hre.network.getOrCreate();
    await (await ethers.getContractAt("MissionRegistry", registry).then((r) => r.activate(2n))).wait();
    // #HealthyAgeingLeith goal 0 (admissions after a fall, 24.6 → 18 with one decimal: falls), no committee yet.
    const file = variant(POOL_EXAMPLE, (t) => {
      basket(t)[1] = {
        missionId: 2,
        goalId: 0,
        period: 1,
        weight: "0.4",
        curve: { kind: "linear", baseline: 246, target: 180 },
      };
    });
    await refused(
      "pool:create",
      file,
      "basket.1.missionId: mission 2 has no oracle committee yet (its steward sets one with oracle:committee)",
    );
  });

  it("the token: --token, else the file's, else the example deployment's; a file token that is no ERC-20 falls back with a note", async function () {
    const withToken = variant(ESCROW_EXAMPLE, (t) => (t.token = registry)); // a contract, not an ERC-20
    const noted = await runTask("escrow:create", { file: withToken, factory: escrowFactory });
    expect(noted.result.success, noted.out).to.equal(true);
    expect(noted.out).to.contain(
      `note: token: ${registry} is not an ERC-20 token (no decimals()/balanceOf()); using the example deployment's ExampleToken ${token} (pass --token to choose)`,
    );
    expect(await taskFailure("pool:create", { file: POOL_EXAMPLE, factory: poolFactory, token: registry })).to.equal(
      `--token: ${registry} is not an ERC-20 token (no decimals()/balanceOf())`,
    );
    // Without the example deployment's address book there is no default: one line naming the field.
    rmSync(deploymentDir, { recursive: true, force: true });
    for (const [task, file, factory] of [
      ["pool:create", POOL_EXAMPLE, poolFactory],
      ["escrow:create", ESCROW_EXAMPLE, escrowFactory],
    ] as const) {
      expect(await taskFailure(task, { file, factory })).to.equal(
        "token: required (in the file, or with --token; only the example deployment, `suite:deploy --example`, has a default)",
      );
    }
  });

  it("payment schedules: every term and condition slot, point by point with its own cut-off (checkScheduleSlots)", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const factory: TermsFactory = await ethers.getContractAt("OutcomeEscrowFactory", escrowFactory);
    const reading = { kind: "curve", weight: "1", curve: { kind: "linear", baseline: 624, target: 750 } };
    /** #ReadingForAll's goal 0 paid in two yearly points; point 0's trigger on goal 1 period 2, which no term pays on. */
    const schedule = () => ({
      points: [
        {
          deadline: "2030-10-31T00:00:00Z",
          pot: "0.5",
          trigger: { conditions: [{ goalId: 1, period: 2, threshold: 45 }] },
          terms: [{ ...reading, goalId: 0, period: 1 }],
        },
        {
          deadline: "2031-10-31T00:00:00Z",
          pot: "0.5",
          terms: [
            { ...reading, goalId: 0, period: 2, weight: "0.5" },
            { kind: "rateCard", goalId: 1, period: 2, source: "improvement", reference: 38, price: "10" },
            { ...reading, goalId: 0, period: 2, weight: "0.5" },
          ],
        },
      ],
    });
    type Json = Record<string, unknown>;
    const point = (s: Json, i: number) => (s.points as Json[])[i]!;
    const term = (s: Json, i: number, j: number) => (point(s, i).terms as Json[])[j]!;
    const check = (s: unknown) =>
      checkScheduleSlots(
        ethers.provider,
        factory,
        scheduleOf(s, { decimals: 18, now: 0n, missionId: 1n }),
        { gracePeriod: 30n * 86_400n, goalVersion: 1, escrow: true },
        "terms.json: ",
      );
    await check(schedule());
    const cases: [(s: Json) => void, string][] = [
      [
        (s) => (point(s, 0).trigger = { conditions: [{ goalId: 5, period: 1, threshold: 1 }] }),
        "schedule.points.0.trigger.conditions.0.goalId: mission 1 has no goal 5",
      ],
      [
        (s) => (point(s, 0).trigger = { conditions: [{ goalId: 0, period: 1, threshold: 700, lowerIsBetter: true }] }),
        "schedule.points.0.trigger.conditions.0.lowerIsBetter: falls but mission 1 goal 0 rises (baseline 624 → target 750); it must run the goal's way",
      ],
      [(s) => (term(s, 0, 0).period = 4), "schedule.points.0.terms.0.period: mission 1 goal 0 has periods 1…3, not 4"],
      [
        (s) => (term(s, 1, 0).curve = { kind: "linear", baseline: 750, target: 624 }),
        "schedule.points.1.terms.0.curve: falls but mission 1 goal 0 rises (baseline 624 → target 750); a curve must run the goal's way",
      ],
      [
        (s) => (term(s, 1, 1).lowerIsBetter = true),
        "schedule.points.1.terms.1.lowerIsBetter: falls but mission 1 goal 1 rises (baseline 38 → target 55); it must run the goal's way",
      ],
      [
        (s) => (point(s, 1).deadline = "2031-09-01T00:00:00Z"),
        "schedule.points.1.deadline: settlement deadline + grace (2031-10-01T00:00:00Z) is before schedule.points.1.terms.0 (mission 1 goal 0 period 2) can be final at 2031-10-29T01:00:00Z: its reporting deadline 2031-09-29T00:00:00Z + challenge window and arbitration period 30 d 1 h",
      ],
    ];
    for (const [change, error] of cases) {
      const s = schedule();
      change(s);
      const failure = await check(s).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failure, error).to.be.instanceOf(CliError);
      expect((failure as Error).message).to.equal(`terms.json: ${error}`);
    }
  });
});
