import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import hre from "hardhat";
import { parseEther } from "ethers";
import { CliError } from "../../../scripts/core/cli.js";
import { buildPoolTerms } from "../../../scripts/formats/pool-terms.js";
import { isoTime } from "../../../scripts/core/units.js";
import { runTask } from "../helpers/run-task.js";
import { deployPoolFactory } from "../../../scripts/core/pool-factory.js";

/** Runs a task in-process and returns what it printed; it must succeed. */
async function run(name: string, args: Record<string, unknown>): Promise<string> {
  const { result, out, err } = await runTask(name, args);
  expect(result.success, `${name}: ${err}`).to.equal(true);
  return out;
}

const A = "0x[0-9a-fA-F]{40}";
const ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

describe("show and list in units a person reads (whole tokens with the symbol, ISO times, names)", function () {
  const dir = mkdtempSync(path.join(tmpdir(), "show-list-"));

  it("pool terms: capitalTarget and fundCap in whole tokens, exact, their sum in range, one line naming the field", function () {
    const example = JSON.parse(readFileSync("examples/pools/education-pool.json", "utf8")) as Record<string, unknown>;
    const opts = { now: 1_000_000n, decimals: 6, token: "0x5FbDB2315678afecb367f032d93F642f64180aa3" };
    const build = (patch: Record<string, unknown>) => buildPoolTerms({ ...example, ...patch }, opts);
    const fails = (patch: Record<string, unknown>): string => {
      try {
        build(patch);
      } catch (err) {
        expect(err).to.be.instanceOf(CliError);
        return err instanceof Error ? err.message : "";
      }
      throw new Error("expected a CliError");
    };
    const terms = build({ capitalTarget: "1000.5", fundCap: "0.000001" });
    expect([terms.capitalTarget, terms.fundCap]).to.deep.equal([1_000_500_000n, 1n]);
    expect(fails({ capitalTarget: "1.0000001" })).to.equal('capitalTarget: more than 6 decimals (got "1.0000001")');
    expect(fails({ fundCap: "0" })).to.equal("fundCap: must be greater than zero");
    const half = (2n ** 127n).toString();
    expect(fails({ capitalTarget: half, fundCap: half })).to.equal(
      `capitalTarget + fundCap: ${half} + ${half} is out of range (at most 340282366920938463463374607431768.211455 tokens together)`,
    );
  });

  it("escrow:create/fund/claim amounts in tokens; escrow:list one line per escrow; escrow:show full terms and a position", async function () {
    const { ethers, networkHelpers } = await hre.network.getOrCreate();
    const [deployer, ben1, ben2] = await ethers.getSigners();
    const registry = await ethers.deployContract("MockRegistryForEscrow");
    const feed = await ethers.deployContract("MockMetricFeed");
    const factoryContract = await ethers.deployContract("OutcomeEscrowFactory", [registry.target, feed.target]);
    const factory = await factoryContract.getAddress();
    const token = await ethers.deployContract("MockERC20", ["Dollar", "USD", 6]);
    await (await token.mint(deployer!.address, 10n ** 12n)).wait();
    const now = await networkHelpers.time.latest();
    await (await registry.setMission(1n, 2)).wait();
    const goal = { firstPeriodEnd: now + 1000, periodLength: 1000, periodCount: 1, reportingWindow: 100, version: 1 };
    await (await registry.setGoal(1n, 0, { ...goal, baseline: 624n, target: 750n, decimals: 1 })).wait();
    await (await registry.setGoal(1n, 1, { ...goal, baseline: 38n, target: 55n, decimals: 0 })).wait();
    const [, challengeWindow, arbitrationPeriod] = await feed.slotTimeline(1n, await feed.committeeVersion(1n), 0, 1);
    const file = path.join(dir, "escrow.json");
    writeFileSync(
      file,
      JSON.stringify({
        token: await token.getAddress(),
        missionId: "1",
        goalVersion: 1,
        fundingDeadline: now + 100,
        minFunding: "50.5",
        settlementDeadline: now + 1100 + Number(challengeWindow + arbitrationPeriod),
        gracePeriod: 50,
        outcomes: [
          { goalId: 0, period: 1, weight: "0.7", curve: { kind: "linear", baseline: "624", target: "750" } },
          {
            goalId: 1,
            period: 1,
            weight: "0.3",
            curve: {
              kind: "stepped",
              steps: [
                { value: "45", ratio: "0.5" },
                { value: "55", ratio: "1" },
              ],
            },
          },
        ],
        beneficiaries: [
          { account: ben1!.address, weight: "3" },
          { account: ben2!.address, weight: "1" },
        ],
      }),
    );
    const created = await run("escrow:create", { file, factory });
    const escrow = new RegExp(`escrow created at (${A})`).exec(created)?.[1] ?? "";
    // MockERC20 has an EIP-2612 permit: the deposit is one depositWithPermit.
    expect(await run("escrow:fund", { escrow, amount: "100.5" })).to.match(
      new RegExp(`^deposited into ${escrow} with a signed permit: credited 100\\.5 USD \\(tx 0x[0-9a-f]{64}\\)$`),
    );

    const deadline = isoTime(now + 100);
    expect(await run("escrow:list", { factory })).to.equal(
      `${escrow}  mission 1  Open  funded 100.5 USD of minimum 50.5 USD  funding deadline ${deadline}`,
    );
    const shown = await run("escrow:show", { escrow, account: deployer!.address });
    expect(shown).to.include(`token       USD (${await token.getAddress()}, 6 decimals)`);
    expect(shown).to.include("mission     1, goal version 1");
    expect(shown).to.include("status      Open");
    expect(shown).to.match(/funding +\[█+\] 100\.0 % {2}100\.5 USD of minimum 50\.5 USD/);
    expect(shown).to.match(
      new RegExp(`deadlines   funding ${deadline}, settlement ${ISO} \\+ 50 s grace \\(no data after ${ISO}\\)`),
    );
    // Curves in each goal's own unit: goal 0 has 1 decimal (624 → 62.4).
    const periodEnd = isoTime(now + 1000);
    expect(shown).to.include(
      `  0: mission 1 goal 0 period 1 (period ends ${periodEnd}), weight 70 %, linear: 0 % at 62.4 → 100 % at 75`,
    );
    expect(shown).to.include(
      `  1: mission 1 goal 1 period 1 (period ends ${periodEnd}), weight 30 %, stepped: ≥ 45 → 50 %, ≥ 55 → 100 %`,
    );
    expect(shown).to.include(`  ${ben1!.address} weight 3 (75 %)`);
    expect(shown).to.include(`account     ${deployer!.address}: deposit 100.5 USD, claimable 0 USD, refundable 0 USD`);

    await feed.setFinal(1n, 0, 1, 750n);
    await feed.setFinal(1n, 1, 1, 45n);
    expect(await run("escrow:settle", { escrow })).to.equal("settled: Achieved");
    expect(await run("escrow:show", { escrow, account: ben1!.address })).to.include(
      `account     ${ben1!.address}: deposit 0 USD, claimable 64.06875 USD, refundable 0 USD, beneficiary weight 3`,
    );
    expect(await run("escrow:claim", { escrow, account: ben1!.address })).to.equal("claimed 64.06875 USD");
    expect(await run("escrow:refund", { escrow })).to.equal("refunded 15.075 USD");
  });

  it("pool:list one line per pool; pool:show full terms (providers, tranches, basket) and a position", async function () {
    const { ethers, networkHelpers } = await hre.network.getOrCreate();
    const signers = await ethers.getSigners();
    const now = BigInt(await networkHelpers.time.latest());
    // The example's basket and milestone are #ReadingForAll's two goals (mission 1): goal 0 in ‰ with one decimal.
    const registry = await ethers.deployContract("MockRegistryForEscrow");
    await (await registry.setMission(1n, 2)).wait();
    const goals: [number, bigint, bigint, number][] = [
      [0, 624n, 750n, 1],
      [1, 38n, 55n, 0],
    ];
    const goal = {
      firstPeriodEnd: now + 180n * 86_400n,
      periodLength: 365n * 86_400n,
      periodCount: 1,
      reportingWindow: 30n * 86_400n,
      version: 1,
    };
    for (const [goalId, baseline, target, decimals] of goals) {
      await (await registry.setGoal(1n, goalId, { ...goal, baseline, target, decimals })).wait();
    }
    const feed = await ethers.deployContract("MockMetricFeed");
    const token = await ethers.deployContract("MockPlainPoolToken");
    const factoryContract = await deployPoolFactory(ethers, registry.target, feed.target);
    const factory = await factoryContract.getAddress();
    await (await token.mint(signers[1]!.address, parseEther("2000000"))).wait();
    await run("pool:create", { file: "examples/pools/education-pool.json", token: await token.getAddress(), factory });
    const pool = await factoryContract.poolAt(0);
    await run("pool:invest", { pool, amount: "60000.5", from: "1" });
    const config = await (await ethers.getContractAt("ImpactPool", pool)).config();

    expect(await run("pool:list", { factory })).to.equal(
      [
        "1 pool(s)",
        `  Education Impact Pool (EDU-IP)  ${pool}  Raising  raised 60000.5 mUSD of 100000 mUSD  raise deadline ${isoTime(config.raiseDeadline)}`,
      ].join("\n"),
    );
    const shown = await run("pool:show", { pool, account: signers[1]!.address });
    expect(shown).to.include(`  token        mUSD (${await token.getAddress()}, 18 decimals)`);
    expect(shown).to.match(
      new RegExp(
        `raise {8}\\[█+░+\\] {2}60\\.0 % {2}60000\\.5 mUSD of 100000 mUSD by ${isoTime(config.raiseDeadline)}`,
      ),
    );
    expect(shown).to.include("  repayment    0 below 30 % achievement, the principal at 60 %, +20 % at 100 %");
    expect(shown).to.include("    0: 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc");
    expect(shown).to.include("    1: 0x976EA74026E726554dB657fA54763abd0C3a0aa9");
    expect(shown).to.match(new RegExp(`    0: 40 % \\(40000 mUSD\\) to provider 0 from ${ISO} — not disbursed`));
    expect(shown).to.match(
      new RegExp(
        `    2: 30 % \\(30000 mUSD\\) to provider 0 from 2030-10-31T00:00:00Z, once mission 1 goal 1 period 1 is final at 45 or better — not disbursed`,
      ),
    );
    const periodEnd = isoTime(goal.firstPeriodEnd);
    expect(shown).to.include(
      `    0: mission 1 goal 0 period 1 (period ends ${periodEnd}), weight 60 %, linear: 0 % at 62.4 → 100 % at 75`,
    );
    expect(shown).to.include(
      `  account      ${signers[1]!.address}: 60000.5 shares (redeemable now for 0 mUSD), commitment 0 mUSD (refundable now 0 mUSD)`,
    );
  });
});
