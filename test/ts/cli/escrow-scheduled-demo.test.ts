import { expect } from "chai";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { network } from "hardhat";
import { createScheduledEscrow } from "../../../scripts/cli/actions/escrow-scheduled-send.js";
import { CliError } from "../../../scripts/core/cli.js";
import { toScheduledTerms } from "../../../scripts/formats/escrow-terms.js";
import { readEscrowTerms } from "../../../scripts/formats/escrow-terms-file.js";
import { actor, createContext, gbp } from "../../../scripts/demo/context.js";
import { missionChapter } from "../../../scripts/demo/missions.js";
import { committeeChapter } from "../../../scripts/demo/oracle.js";
import { demoRateCardTerms, scheduledEscrowChapter, SHIFT } from "../../../scripts/demo/scheduled.js";
import { exampleScheduleWorld } from "../helpers/schedule-world.js";

const E18 = 10n ** 18n;
const iso = (text: string): bigint => BigInt(Date.parse(text) / 1000);

describe("the demo's scheduled escrow (chapter 6c: the rate-card example end to end)", function () {
  this.timeout(300_000);

  it("moves every date of the example 4 calendar years on, with two payer tiers and the demo's beneficiaries", function () {
    const ben = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    const sol = "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f";
    const terms = demoRateCardTerms("0x0165878A594ca255338adfa4d48449f69242Eb8F", ben, sol);
    expect(SHIFT).to.equal(iso("2034-06-30T23:59:59Z") - iso("2030-06-30T23:59:59Z"));
    expect(terms.fundingDeadline).to.equal(iso("2034-06-30T23:59:59Z"));
    expect(terms.paymentSchedule.points.map((p) => p.deadline)).to.deep.equal([
      iso("2035-10-31T00:00:00Z"),
      iso("2036-10-31T00:00:00Z"),
    ]);
    expect(terms.paymentSchedule.tiers).to.deep.equal([{ coPayWad: E18 / 4n }, { coPayWad: 0n }]);
    expect(terms.beneficiaries).to.deep.equal([
      { account: ben, weight: 3n },
      { account: sol, weight: 1n },
    ]);
    // Everything else is the file's: caps, terms, prices.
    expect(terms.paymentSchedule.cap).to.equal(60_000n * E18);
    expect(terms.paymentSchedule.points.map((p) => p.cap)).to.deep.equal([40_000n * E18, 40_000n * E18]);
  });

  it("settles both cohorts, pays the beneficiaries and refunds each tier's unused share, to the wei", async function () {
    const conn = await network.create();
    const lines: string[] = [];
    const ctx = await createContext(conn, (line?: unknown) => lines.push(typeof line === "string" ? line : ""));
    await missionChapter(ctx);
    await committeeChapter(ctx);
    ctx.token = await conn.ethers.deployContract("MockERC20", ["Demo Pound", "dGBP", 18]);
    await scheduledEscrowChapter(ctx);
    const escrow = ctx.scheduledEscrow;
    if (escrow === undefined) throw new Error("no scheduled escrow");
    // Cohort 1: 20 children × £1,200 = £24,000 (under £30,000 a cohort) + (400 − 380) × 0.1 = 2 years × £2,500 =
    // £5,000: £29,000; the council pays 25 % = £7,250, the foundation £21,750. Cohort 2: 30 children = £36,000 capped
    // at £30,000 a cohort; 10 years = £25,000 capped at what key 1's £20,000 leaves (£15,000); £45,000 capped by the
    // cohort's £40,000 and then by the overall £60,000 less £29,000 = £31,000 (Overall); the council £7,750 (exactly
    // what its £16,000 leaves after £7,250), the foundation £23,250. Refunds: £16,000 − £15,000 = £1,000 and
    // £50,000 − £45,000 = £5,000. Ben (3 parts) gets £45,000 of the £60,000, Sol £15,000, in two claims each.
    expect(lines).to.include.members([
      "  Femi settles point 0: £29,000.00 (cap that bound: None); the council pays £7,250.00, the foundation £21,750.00.",
      "  Ben (Riverside Volunteer Network) claims £21,750.00.",
      "  Sol (Riverside Libraries) claims £7,250.00.",
      "  Femi settles point 1: £31,000.00 (cap that bound: Overall); the council pays £7,750.00, the foundation £23,250.00.",
      "  Ben (Riverside Volunteer Network) claims £23,250.00.",
      "  Sol (Riverside Libraries) claims £7,750.00.",
      "  Priya (Riverside Council) takes back its tier's unused £1,000.00.",
      "  Amara (Northern Lights Foundation) takes back its tier's unused £5,000.00.",
    ]);
    const token = ctx.token;
    const address = await escrow.getAddress();
    expect(await token.balanceOf(address)).to.equal(0n);
    expect(await token.balanceOf(actor(ctx, "buddies").signer.address)).to.equal(gbp(45_000));
    expect(await token.balanceOf(actor(ctx, "libraries").signer.address)).to.equal(gbp(15_000));
    expect(await token.balanceOf(actor(ctx, "council").signer.address)).to.equal(gbp(1_000));
    expect(await token.balanceOf(actor(ctx, "foundation").signer.address)).to.equal(gbp(5_000));
    // escrow:show's own renderer, as the chapter prints it.
    expect(lines).to.include(`npx hardhat escrow:show --escrow ${address} prints it so:`);
    expect(lines).to.include("    tier 0 co-pay 25 %: committed 16000 dGBP, paid 15000 dGBP, refundable 1000 dGBP");
    expect(lines).to.include(
      "      term 1: units 10, 25000 dGBP before caps, 15000 dGBP after (cap that bound: TermOverall)",
    );
  });
});

describe("escrow:create with a schedule finds the address book's ScheduledEscrowFactory (the core module's)", function () {
  const deploymentId = `test-scheduled-factory-${process.pid}`;
  const dir = path.join("deploy", "deployments", deploymentId);
  const saved = process.env.IGNITION_DEPLOYMENT_ID;

  after(function () {
    if (saved === undefined) delete process.env.IGNITION_DEPLOYMENT_ID;
    else process.env.IGNITION_DEPLOYMENT_ID = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates the rate-card example through CoreModule#ScheduledEscrowFactory without --factory", async function () {
    const { ethers } = await network.create();
    const [signer] = await ethers.getSigners();
    if (signer === undefined) throw new Error("no signer");
    const { factory } = await exampleScheduleWorld(ethers);
    const token = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
    const file = "examples/escrows/rate-card-escrow.json";
    const terms = toScheduledTerms(readEscrowTerms(file), 0n, 18, file, await token.getAddress());
    const conn = { signer, chainId: (await ethers.provider.getNetwork()).chainId };
    process.env.IGNITION_DEPLOYMENT_ID = deploymentId;
    // No address book yet: one line naming the flag.
    try {
      await createScheduledEscrow(conn, terms);
      expect.fail("expected a CliError");
    } catch (err) {
      expect(err).to.be.instanceOf(CliError);
      expect((err as CliError).message).to.match(/^--factory: no ScheduledEscrowFactory deployed on chain 31337 /);
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "deployed_addresses.json"),
      JSON.stringify({ "CoreModule#ScheduledEscrowFactory": await factory.getAddress() }),
    );
    const escrow = await createScheduledEscrow(conn, terms);
    expect(await factory.isEscrow(escrow)).to.equal(true);
    expect(await factory.escrowCount()).to.equal(1n);
  });
});
