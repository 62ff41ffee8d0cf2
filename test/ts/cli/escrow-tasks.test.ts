import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import hre, { network } from "hardhat";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { CliError } from "../../../scripts/core/cli.js";
import { escrowTermsSchema } from "../../../scripts/formats/escrow-terms.js";
import { loadEscrowTerms } from "../../../scripts/formats/escrow-terms-file.js";
import { loadMissionDoc } from "../../../scripts/formats/mission-doc.js";
import {
  claimEscrow,
  createEscrow,
  fundEscrow,
  listEscrows,
  refundEscrow,
  settleEscrow,
  showEscrow,
} from "../../../scripts/cli/actions/escrow.js";

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
/** The example names no token (escrow:create takes the example deployment's): the tests pass one (18 decimals). */
const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const loadEscrowTerms0 = (file: string) => loadEscrowTerms(file, 0n, 18, TOKEN);
/** ajv with the shared outcome-terms schema registered, compiling the escrow terms schema. */
function termsValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema(JSON.parse(readFileSync("schemas/outcome-terms.schema.json", "utf8")) as object);
  return ajv.compile(JSON.parse(readFileSync("schemas/escrow-terms.schema.json", "utf8")) as object);
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
    const validate = termsValidator();
    expect(validate(example), JSON.stringify(validate.errors)).to.equal(true);
    expect(escrowTermsSchema.safeParse(example).success).to.equal(true);
    const terms = loadEscrowTerms("examples/escrows/reading-escrow.json", 0n, 18, TOKEN);
    expect(terms.outcomes[0]!.weightWad).to.equal(7n * 10n ** 17n);
    expect(terms.outcomes[1]!.curve.kind).to.equal(3);
    expect(terms.outcomes[1]!.curve.stepRatiosWad).to.deep.equal([5n * 10n ** 17n, 10n ** 18n]);
    expect(terms.outcomes[1]!.curve.lowerIsBetter).to.equal(false);
    expect(terms.outcomes.map((o) => o.missionId)).to.deep.equal([1n, 1n]);
    expect(terms.fundingDeadline).to.equal(BigInt(Date.parse("2030-06-30T23:59:59Z") / 1000));
    expect(terms.minFunding).to.equal(1000n * 10n ** 18n); // "1000" whole tokens of an 18-decimal token
  });

  it("minFunding is in whole tokens of the escrow's token, exact, refused in one line when it cannot be", () => {
    const withMin = (minFunding: unknown) => writeTerms("min.json", { ...example, minFunding });
    expect(loadEscrowTerms(withMin("1000.5"), 0n, 6, TOKEN).minFunding).to.equal(1_000_500_000n);
    expect(loadEscrowTerms(withMin("0.000001"), 0n, 6, TOKEN).minFunding).to.equal(1n);
    const noMinimum: Record<string, unknown> = { ...example };
    delete noMinimum.minFunding;
    expect(loadEscrowTerms(writeTerms("nomin.json", noMinimum), 0n, 6, TOKEN).minFunding).to.equal(0n);
    expect(oneLine(() => loadEscrowTerms(withMin("1.0000001"), 0n, 6))).to.include(
      'minFunding: more than 6 decimals (got "1.0000001")',
    );
    expect(oneLine(() => loadEscrowTerms(withMin((2n ** 128n).toString()), 0n, 6))).to.include(
      "minFunding: 340282366920938463463374607431768211456 is out of range (at most 340282366920938463463374607431768.211455 tokens)",
    );
    expect(oneLine(() => loadEscrowTerms(withMin(1000), 0n, 6))).to.include(
      "minFunding: Expected string, received number",
    );
    expect(oneLine(() => loadEscrowTerms(withMin("1,000"), 0n, 6))).to.include(
      'minFunding: must be a decimal token amount as a string, e.g. "1000.5"',
    );
  });

  it("bad files give one line naming the field", () => {
    expect(oneLine(() => loadEscrowTerms0(path.join(dir, "missing.json")))).to.match(/^--file: cannot read JSON/);
    // The example names no token: without one from the caller (--token, or the example deployment's) it is refused.
    expect(oneLine(() => loadEscrowTerms("examples/escrows/reading-escrow.json", 0n, 18))).to.equal(
      "examples/escrows/reading-escrow.json: token: required (in the file or with --token)",
    );
    const bad = (patch: Record<string, unknown>) => writeTerms("bad.json", { ...example, ...patch });
    expect(oneLine(() => loadEscrowTerms0(bad({ token: "0x12" })))).to.include(": token: must be a 0x-prefixed");
    const outcomes = structuredClone(example.outcomes) as { weight: string }[];
    outcomes[1]!.weight = "0.4";
    expect(oneLine(() => loadEscrowTerms0(bad({ outcomes })))).to.include("outcomes: weights sum to 1.1, not 1");
    outcomes[1]!.weight = "1.5";
    expect(oneLine(() => loadEscrowTerms0(bad({ outcomes })))).to.include("outcomes.1.weight:");
    const beneficiaries: unknown[] = [example.beneficiaries, example.beneficiaries].flat();
    expect(oneLine(() => loadEscrowTerms0(bad({ beneficiaries })))).to.include("beneficiaries.2.account: duplicate");
    expect(oneLine(() => loadEscrowTerms0(bad({ settlementDeadline: 1 })))).to.include(
      "settlementDeadline: must not be before",
    );
    expect(oneLine(() => loadEscrowTerms0(bad({ extra: 1 })))).to.include("(root): Unrecognized key");
    expect(oneLine(() => loadEscrowTerms0(bad({ fundingDeadline: undefined })))).to.include(
      ": fundingDeadline: Required",
    );
    expect(oneLine(() => loadEscrowTerms0(bad({ gracePeriod: -1 })))).to.include(
      ': gracePeriod: must be seconds or like "30d"',
    );
  });

  it("accepts any-case hex but refuses a mixed-case address with a wrong EIP-55 checksum, naming the field", () => {
    const good = "0x3C44CDdDb6A900fa2B585dd299E03d12fa6e93BC";
    const typo = "0x3C44CdDdB6a900fa2b585dd299e03d12FA6e93BC"; // the example's old, mistyped casing
    const withAccount = (account: string) =>
      writeTerms("case.json", { ...example, beneficiaries: [{ account, weight: "1" }] });
    for (const account of [good, good.toLowerCase(), `0x${good.slice(2).toUpperCase()}`]) {
      expect(loadEscrowTerms0(withAccount(account)).beneficiaries[0]!.account).to.equal(good);
    }
    expect(oneLine(() => loadEscrowTerms0(withAccount(typo)))).to.include(
      `beneficiaries.0.account: bad EIP-55 checksum (mixed-case address; did you mean ${good}?)`,
    );
    const token = "0x5fbDB2315678afecb367f032d93F642f64180aa3"; // one letter's case flipped
    expect(oneLine(() => loadEscrowTerms0(writeTerms("case.json", { ...example, token })))).to.include(
      "token: bad EIP-55 checksum",
    );
  });

  it("the example is consistent with its mission: funded before the period ends, settled after reporting closes", () => {
    const mission = loadMissionDoc("examples/missions/reading-for-all.json", { now: 0 });
    const terms = loadEscrowTerms("examples/escrows/reading-escrow.json", 0n, 18, TOKEN);
    for (const o of terms.outcomes) {
      const goal = mission.goals[o.goalId]!;
      // What OutcomeEscrowFactory checks against the registry: the period exists, the curve runs the goal's way.
      expect(o.period >= 1 && o.period <= goal.periodCount, `outcome goal ${o.goalId}`).to.equal(true);
      expect(o.curve.lowerIsBetter, `outcome goal ${o.goalId}`).to.equal(goal.target < goal.baseline);
      const periodEnd = goal.firstPeriodEnd + BigInt(o.period - 1) * goal.periodLength;
      expect(terms.fundingDeadline < periodEnd, `outcome goal ${o.goalId}`).to.equal(true);
      expect(terms.settlementDeadline >= periodEnd + goal.reportingWindow, `outcome goal ${o.goalId}`).to.equal(true);
    }
  });
});

describe("escrow terms in the shared outcome-terms format", () => {
  const withOutcomes = (outcomes: unknown[], patch: Record<string, unknown> = {}) =>
    writeTerms("shared.json", { ...example, ...patch, outcomes });
  const linear = { kind: "linear", baseline: 100, target: 200 };

  it("resolves relative times against the latest block time and accepts durations", () => {
    const now = 1_900_000_000n;
    const file = withOutcomes([{ goalId: 0, period: 1, weight: 1, curve: linear }], {
      fundingDeadline: "+1d",
      settlementDeadline: "+2w",
      gracePeriod: "3h",
    });
    const terms = loadEscrowTerms(file, now, 18, TOKEN);
    expect([terms.fundingDeadline, terms.settlementDeadline, terms.gracePeriod]).to.deep.equal([
      now + 86_400n,
      now + 14n * 86_400n,
      3 * 3600,
    ]);
    expect(terms.outcomes[0]!.curve).to.deep.include({ kind: 1, lowerIsBetter: false, baseline: 100n, target: 200n });
    expect(oneLine(() => loadEscrowTerms(file, 2n ** 40n, 18, TOKEN))).to.include(
      "fundingDeadline: must fit in 40 bits",
    );
  });

  it("takes an outcome's direction from baseline → target, and refuses what the contracts would, naming the field", () => {
    const falling = loadEscrowTerms0(
      withOutcomes([{ goalId: 0, period: 1, weight: "1", curve: { kind: "linear", baseline: 21, target: 15 } }]),
    );
    expect(falling.outcomes[0]!.curve.lowerIsBetter).to.equal(true);
    const term = (curve: unknown, extra: Record<string, unknown> = {}) => [
      { goalId: 0, period: 1, weight: "1", curve, ...extra },
    ];
    const cases: [unknown[], string][] = [
      [term({ ...linear, lowerIsBetter: true }), "outcomes.0.curve: Unrecognized key(s) in object: 'lowerIsBetter'"],
      [term({ kind: "linear", baseline: 5, target: 5 }), "outcomes.0.curve.target: must differ from the baseline"],
      [
        term({ kind: "thresholdLinear", baseline: 100, target: 200, threshold: 90 }),
        "outcomes.0.curve.threshold: must lie past the baseline",
      ],
      [term({ kind: "stepped", steps: [] }), "outcomes.0.curve.steps: Array must contain at least 1 element(s)"],
      [term({ kind: "cubic" }), "outcomes.0.curve.kind: Invalid discriminator value"],
      [term(linear, { weight: "0" }), "outcomes.0.weight: must be greater than zero"],
      [term(linear, { period: 0 }), "outcomes.0.period: Number must be greater than or equal to 1"],
      [term(linear, { missionId: "2" }), "outcomes.0.missionId: must be the escrow's missionId (1) or left out"],
    ];
    for (const [outcomes, message] of cases) {
      expect(oneLine(() => loadEscrowTerms0(withOutcomes(outcomes)))).to.include(message);
    }
    expect(loadEscrowTerms0(withOutcomes(term(linear, { missionId: 1 }))).outcomes[0]!.missionId).to.equal(1n);
    expect(oneLine(() => loadEscrowTerms0(withOutcomes(term(linear), { fundingDeadline: "soon" })))).to.include(
      'fundingDeadline: must be unix seconds, an ISO date-time, or relative like "+30d"',
    );
  });

  it("the JSON Schema refuses the old flat curve shape and accepts the shared one", () => {
    const validate = termsValidator();
    const doc = (curve: unknown) => ({ ...example, outcomes: [{ goalId: 0, period: 1, weight: "1", curve }] });
    expect(validate(doc(linear)), JSON.stringify(validate.errors)).to.equal(true);
    expect(validate(doc({ ...linear, lowerIsBetter: false, threshold: "0" }))).to.equal(false);
    expect(validate(doc({ kind: "stepped", steps: [] }))).to.equal(false);
    expect(validate({ ...doc(linear), fundingDeadline: "+30d", gracePeriod: "14d" })).to.equal(true);
  });
});

describe("escrow tasks", () => {
  it("refuse bad input with one line and no transaction", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      const create: unknown = await hre.tasks.getTask("escrow:create").run({ file: "" });
      const fund: unknown = await hre.tasks.getTask("escrow:fund").run({ escrow: "0x1", amount: "1" });
      const list: unknown = await hre.tasks.getTask("escrow:list").run({ mission: "zero" });
      for (const result of [create, fund, list]) expect(result).to.deep.include({ success: false });
    } finally {
      console.error = original;
    }
    expect(errors).to.deep.equal([
      "error: --file: required",
      'error: --escrow: must be a 0x-prefixed 20-byte address (got "0x1")',
      'error: --mission: must be a mission id ≥ 1 or a #hashtag (got "zero")',
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
    await registry.setGoal(1n, 0, { ...goal, baseline: 624n, target: 750n });
    await registry.setGoal(1n, 1, { ...goal, baseline: 38n, target: 55n });
    // The factory's no-data cut-off rule: settlement deadline + grace ≥ reporting deadline + the pinned committee
    // version's challenge window + arbitration period (from the feed's slotTimeline; period 1 of both goals).
    const [, challengeWindow, arbitrationPeriod] = await feed.slotTimeline(1n, await feed.committeeVersion(1n), 0, 1);
    const reportingDeadline = goal.firstPeriodEnd + goal.reportingWindow;
    const file = writeTerms("local.json", {
      ...example,
      token: token.target,
      fundingDeadline: now + 100,
      minFunding: "0",
      settlementDeadline: reportingDeadline + Number(challengeWindow + arbitrationPeriod),
      gracePeriod: 50,
      beneficiaries: [
        { account: ben1!.address, weight: "3" },
        { account: ben2!.address, weight: "1" },
      ],
    });
    const conn = { signer: deployer!, chainId: (await ethers.provider.getNetwork()).chainId };
    const factoryFlag = await factory.getAddress();
    const escrow = await createEscrow(conn, loadEscrowTerms(file, BigInt(now), 6), factoryFlag);
    expect(await listEscrows(conn, "1", factoryFlag)).to.deep.equal([escrow]);
    expect(await listEscrows(conn, "", factoryFlag)).to.deep.equal([escrow]);
    expect((await fundEscrow(conn, escrow, "100.5")).credited).to.equal(100_500_000n);
    await rejects(fundEscrow(conn, escrow, "1.0000001"), "--amount: more than 6 decimals");
    await rejects(settleEscrow(conn, escrow), "outcome not final yet");
    expect(await showEscrow(conn, escrow)).to.match(/funding +\[█+\] 100\.0 % {2}100\.5 USD/);
    await feed.setFinal(1n, 0, 1, 750n); // 70 % weight fully achieved
    await feed.setFinal(1n, 1, 1, 45n); // 30 % weight at the first step (50 %)
    expect(await settleEscrow(conn, escrow)).to.equal("Achieved");
    await rejects(settleEscrow(conn, escrow), "already settled");
    const shown = await showEscrow(conn, escrow);
    expect(shown).to.include("status      Achieved");
    expect(shown).to.match(/achievement \[█+░+\] {2}85\.0 %/);
    expect(await claimEscrow(conn, escrow, ben1!.address)).to.equal((((100_500_000n * 85n) / 100n) * 3n) / 4n);
    await rejects(claimEscrow(conn, escrow, ben1!.address), "nothing to claim");
    expect(await refundEscrow(conn, escrow)).to.equal(100_500_000n - (100_500_000n * 85n) / 100n);
    await rejects(refundEscrow(conn, escrow), "nothing to refund");
    await networkHelpers.time.increase(1000);
    await rejects(fundEscrow(conn, escrow, "1"), "the escrow is settled (Achieved); deposits are closed");
    await rejects(listEscrows(conn, "", "nope"), "--factory: must be a 0x-prefixed");
    await rejects(listEscrows(conn, "", ben1!.address), "--factory: no contract at");
    await rejects(showEscrow(conn, ben2!.address), "--escrow: no contract at");
    // The implementation behind every clone is a contract with the escrow's ABI, but no factory created it.
    const implementation = await factory.implementation();
    // Its status() reverts NotAClone: the kind check names it with the contract's reason, before the factory is asked.
    await rejects(
      fundEscrow(conn, implementation, "1"),
      `--escrow: ${implementation} is not an OutcomeEscrow (this escrow was not created by the escrow factory`,
    );
    const notAnEscrow = await registry.getAddress();
    await rejects(showEscrow(conn, notAnEscrow), `--escrow: ${notAnEscrow} is not an OutcomeEscrow or ScheduledEscrow`);
  });
});
