import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import hre, { network } from "hardhat";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { CliError } from "../scripts/lib/cli.js";
import { escrowTermsSchema, loadEscrowTerms } from "../scripts/lib/escrow-terms.js";
import { loadMissionDoc } from "../scripts/lib/mission-doc.js";
import {
  claimEscrow,
  createEscrow,
  fundEscrow,
  listEscrows,
  refundEscrow,
  settleEscrow,
  showEscrow,
} from "../scripts/tasks/actions/escrow.js";

const example = JSON.parse(readFileSync("examples/escrows/reading-escrow.json", "utf8")) as Record<string, unknown>;
const dir = mkdtempSync(path.join(tmpdir(), "escrow-test-"));
const writeTerms = (name: string, body: unknown): string => {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(body));
  return file;
};
/** Awaits `promise` and checks it failed with a one-line CliError containing `text`. */
async function rejects(promise: Promise<unknown>, text: string): Promise<void> {
  let failed: unknown;
  try {
    await promise;
  } catch (err) {
    failed = err;
  }
  expect(failed, `expected a CliError containing "${text}"`).to.be.instanceOf(CliError);
  expect((failed as Error).message)
    .to.include(text)
    .and.not.include("\n");
}
const oneLine = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(CliError);
    const message = (err as Error).message;
    expect(message).to.not.include("\n");
    return message;
  }
  throw new Error("expected a CliError");
};

describe("escrow terms files", () => {
  it("the example validates against the JSON Schema and the zod schema", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const schema = JSON.parse(readFileSync("schemas/escrow-terms.schema.json", "utf8")) as object;
    expect(ajv.validate(schema, example), JSON.stringify(ajv.errors)).to.equal(true);
    expect(escrowTermsSchema.safeParse(example).success).to.equal(true);
    const terms = loadEscrowTerms("examples/escrows/reading-escrow.json");
    expect(terms.outcomes[0]!.weightWad).to.equal(7n * 10n ** 17n);
    expect(terms.outcomes[1]!.curve.kind).to.equal(3);
    expect(terms.outcomes[1]!.curve.stepRatiosWad).to.deep.equal([5n * 10n ** 17n, 10n ** 18n]);
    expect(terms.fundingDeadline).to.equal(BigInt(Date.parse("2030-06-30T23:59:59Z") / 1000));
  });

  it("bad files give one line naming the field", () => {
    expect(oneLine(() => loadEscrowTerms(path.join(dir, "missing.json")))).to.match(/^--file: cannot read JSON/);
    const bad = (patch: Record<string, unknown>) => writeTerms("bad.json", { ...example, ...patch });
    expect(oneLine(() => loadEscrowTerms(bad({ token: "0x12" })))).to.include(": token: must be a 0x-prefixed");
    const outcomes = structuredClone(example.outcomes) as { weight: string }[];
    outcomes[1]!.weight = "0.4";
    expect(oneLine(() => loadEscrowTerms(bad({ outcomes })))).to.include("outcomes: weights must sum to exactly 1");
    outcomes[1]!.weight = "1.5";
    expect(oneLine(() => loadEscrowTerms(bad({ outcomes })))).to.include("outcomes.1.weight:");
    const beneficiaries = [example.beneficiaries, example.beneficiaries].flat() as unknown[];
    expect(oneLine(() => loadEscrowTerms(bad({ beneficiaries })))).to.include("beneficiaries.2.account: duplicate");
    expect(oneLine(() => loadEscrowTerms(bad({ settlementDeadline: 1 })))).to.include(
      "settlementDeadline: must not be before",
    );
    expect(oneLine(() => loadEscrowTerms(bad({ extra: 1 })))).to.include("(root): Unrecognized key");
  });

  it("accepts any-case hex but refuses a mixed-case address with a wrong EIP-55 checksum, naming the field", () => {
    const good = "0x3C44CDdDb6A900fa2B585dd299E03d12fa6e93BC";
    const typo = "0x3C44CdDdB6a900fa2b585dd299e03d12FA6e93BC"; // the example's old, mistyped casing
    const withAccount = (account: string) =>
      writeTerms("case.json", { ...example, beneficiaries: [{ account, weight: "1" }] });
    for (const account of [good, good.toLowerCase(), `0x${good.slice(2).toUpperCase()}`]) {
      expect(loadEscrowTerms(withAccount(account)).beneficiaries[0]!.account).to.equal(good);
    }
    expect(oneLine(() => loadEscrowTerms(withAccount(typo)))).to.include(
      `beneficiaries.0.account: bad EIP-55 checksum (mixed-case address; did you mean ${good}?)`,
    );
    const token = "0x5fbDB2315678afecb367f032d93F642f64180aa3"; // one letter's case flipped
    expect(oneLine(() => loadEscrowTerms(writeTerms("case.json", { ...example, token })))).to.include(
      "token: bad EIP-55 checksum",
    );
  });

  it("the example is consistent with its mission: funded before the period ends, settled after reporting closes", () => {
    const mission = loadMissionDoc("examples/missions/reading-for-all.json", { now: 0 });
    const terms = loadEscrowTerms("examples/escrows/reading-escrow.json");
    for (const o of terms.outcomes) {
      const goal = mission.goals[o.goalId]!;
      const periodEnd = goal.firstPeriodEnd + BigInt(o.period - 1) * goal.periodLength;
      expect(terms.fundingDeadline < periodEnd, `outcome goal ${o.goalId}`).to.equal(true);
      expect(terms.settlementDeadline >= periodEnd + goal.reportingWindow, `outcome goal ${o.goalId}`).to.equal(true);
    }
  });
});

describe("escrow tasks", () => {
  it("refuse bad input with one line and no transaction", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      const create = await hre.tasks.getTask("escrow:create").run({ file: "" });
      const fund = await hre.tasks.getTask("escrow:fund").run({ escrow: "0x1", amount: "1" });
      const list = await hre.tasks.getTask("escrow:list").run({ mission: "zero" });
      for (const result of [create, fund, list]) expect(result).to.deep.include({ success: false });
    } finally {
      console.error = original;
    }
    expect(errors).to.deep.equal([
      "error: --file: required (a terms JSON file)",
      'error: --escrow: must be a 0x-prefixed 20-byte address (got "0x1")',
      'error: --mission: must be a positive integer (got "zero")',
    ]);
  });

  it("create, fund, settle, show, claim, refund and list against a local suite", async () => {
    const { ethers, networkHelpers } = await network.create();
    const [deployer, ben1, ben2] = await ethers.getSigners();
    const registry = await ethers.deployContract("MockRegistryForEscrow");
    const feed = await ethers.deployContract("MockMetricFeed");
    const factory = await ethers.deployContract("OutcomeEscrowFactory", [registry.target, feed.target]);
    const token = await ethers.deployContract("MockERC20", ["Dollar", "USD", 6]);
    await token.mint(deployer!.address, 10n ** 12n);
    const now = await networkHelpers.time.latest();
    await registry.setMission(1n, 2);
    const goal = {
      firstPeriodEnd: now + 1000,
      periodLength: 1000,
      periodCount: 1,
      reportingWindow: 100,
      decimals: 0,
      version: 1,
    };
    await registry.setGoal(1n, 0, { ...goal, baseline: 620n, target: 750n });
    await registry.setGoal(1n, 1, { ...goal, baseline: 200n, target: 100n });
    const file = writeTerms("local.json", {
      ...example,
      token: token.target,
      fundingDeadline: now + 100,
      minFunding: "0",
      settlementDeadline: now + 200,
      gracePeriod: 50,
      beneficiaries: [
        { account: ben1!.address, weight: "3" },
        { account: ben2!.address, weight: "1" },
      ],
    });
    const conn = { signer: deployer!, chainId: (await ethers.provider.getNetwork()).chainId };
    const factoryFlag = String(factory.target);
    const escrow = await createEscrow(conn, loadEscrowTerms(file), factoryFlag);
    expect(await listEscrows(conn, "1", factoryFlag)).to.deep.equal([escrow]);
    expect(await listEscrows(conn, "", factoryFlag)).to.deep.equal([escrow]);
    expect(await fundEscrow(conn, escrow, "100.5")).to.equal(100_500_000n);
    await rejects(fundEscrow(conn, escrow, "1.0000001"), "--amount: more than 6 decimals");
    await rejects(settleEscrow(conn, escrow), "outcome not final yet");
    expect(await showEscrow(conn, escrow)).to.match(/funding +\[█+\] 100\.0 %  100\.5 USD/);
    await feed.setFinal(1n, 0, 1, 750n); // 70 % weight fully achieved
    await feed.setFinal(1n, 1, 1, 150n); // 30 % weight at the first step (50 %)
    expect(await settleEscrow(conn, escrow)).to.equal("Achieved");
    await rejects(settleEscrow(conn, escrow), "already settled");
    const shown = await showEscrow(conn, escrow);
    expect(shown).to.include("status      Achieved");
    expect(shown).to.match(/achievement \[█+░+\]  85\.0 %/);
    expect(await claimEscrow(conn, escrow, ben1!.address)).to.equal((((100_500_000n * 85n) / 100n) * 3n) / 4n);
    await rejects(claimEscrow(conn, escrow, ben1!.address), "nothing to claim");
    expect(await refundEscrow(conn, escrow)).to.equal(100_500_000n - (100_500_000n * 85n) / 100n);
    await rejects(refundEscrow(conn, escrow), "nothing to refund");
    await networkHelpers.time.increase(1000);
    await rejects(fundEscrow(conn, escrow, "1"), "funding closed");
    await rejects(listEscrows(conn, "", "nope"), "--factory: must be a 0x-prefixed");
    await rejects(listEscrows(conn, "", ben1!.address), "--factory: no contract at");
    await rejects(showEscrow(conn, ben2!.address), "--escrow: no contract at");
  });
});
