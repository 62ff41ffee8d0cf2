import { expect } from "chai";
import type { Page } from "playwright-core";
import { zeroAddress } from "viem";
import { z } from "zod";
import {
  erc20Abi,
  impactPoolAbi,
  impactPoolFactoryAbi,
  poolShareClassAbi,
  scheduledEscrowAbi,
  scheduledEscrowFactoryAbi,
} from "../../../scripts/core/abis.js";
import { isoTime } from "../../../scripts/core/units.js";
import { schedulePoolTermsFile, scheduleTermsFile } from "../../../web/scripts/schedule-story.js";
import type { WebStory } from "../../../web/scripts/story.js";
import { axeViolations, screenshot } from "./browser.js";
import { mealsBondTermsFile, mealsPeriodEnd } from "./classed-pool.js";
import { startWebStack, walletPage, type Connection, type WebStack } from "./stack.js";

/**
 * The scheduled-escrow page (issue #12) in Debian's chromium against the real stack. The story's #SchoolMealsServed
 * escrows (web/scripts/schedule-story.ts) pay 10 dGBP per unit of a day's value, at most 400 dGBP a point, with a
 * 25 % co-payment tier (the council's 400 dGBP) and an ordered tier (the foundation's 1,000 dGBP). Hand-computed:
 *  - point 0, value 30: 30 × 10 = 300 dGBP, under every cap; tier 0 pays 25 % = 75, tier 1 the other 225;
 *  - point 1, value 45: 450 before caps, 400 after (TermPerPoint); tier 0 pays 100, tier 1 300; before it settles it
 *    can still pay min(400, point cap 1,000, min(1,000, 1,400) − 300 = 700) = 400;
 *  - after both: 700 paid, the beneficiary (Ben) may claim 700; tier 0 paid 175, tier 1 525.
 * Femi (the app's funder) deposits 250 dGBP into tier 1 of the open escrow and settles point 1 of the other one from
 * the page; the chain and the page agree to the wei.
 *
 * The create page (`#/create`) checks a terms file with the CLI's schema and conversion: the rate-card example with a
 * price of 0 is refused in one line naming the field. Its what-if, on the example as schemas/README.md works it
 * (60,000 dGBP committed): cohort 1 (20 children, 38.0 years) pays 20 × 1,200 + (40.0 − 38.0) × 2,500 = 24,000 +
 * 5,000 = 29,000; cohort 2 (30 children, 30.0 years) 36,000 → 30,000 (cap per point) + 25,000 → 20,000 − 5,000 =
 * 15,000 (the key's overall cap) = 45,000 → 40,000 (point cap) → 60,000 − 29,000 = 31,000 (the overall cap). Then
 * Femi creates a scheduled escrow on #SchoolMealsServed's days 3 and 4 from the wallet, then a scheduled pool on the
 * same days ("Meals Pool": 1,000 dGBP of capital, 2,000 of commitments at most), then a classed pool on them
 * ("Meals Bond", test/ts/web/classed-pool.ts: a senior class of 600 dGBP capped at 1.2×, a junior of 400 at 1.5×, 10 %
 * of returns to Ben's volunteers, a guarantee of up to 300 dGBP by Femi), its capital structure in words before it is
 * sent and its classes on its page after. Both pages pass axe and read at 375 px.
 */
const E18 = 10n ** 18n;

describe("web app: a scheduled escrow's payment points, tier deposits and settlement in a real browser", function () {
  this.timeout(600_000);

  let stack: WebStack | undefined;
  let page: Page;
  let conn: Connection;
  let story: WebStory;

  const client = () => conn.viem.getPublicClient();
  const ledger = async (escrow: `0x${string}`) =>
    (await client()).readContract({ address: escrow, abi: scheduledEscrowAbi, functionName: "ledger" });
  const balance = async (who: `0x${string}`) =>
    (await client()).readContract({ address: story.token, abi: erc20Abi, functionName: "balanceOf", args: [who] });
  const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();
  const periodEnd = (period: number) => mealsPeriodEnd(conn, story, period);
  const poolCount = async () =>
    (await client()).readContract({ address: story.poolFactory, abi: impactPoolFactoryAbi, functionName: "poolCount" });
  /** The pool the wallet just created: the factory counts one more than `before`, and the new one is at `before`. */
  const createdPool = async (before: bigint) => {
    expect(await poolCount()).to.equal(before + 1n);
    return (await client()).readContract({
      address: story.poolFactory,
      abi: impactPoolFactoryAbi,
      functionName: "poolAt",
      args: [before],
    });
  };
  /** Opens the create page for a pool in dGBP from the menu and writes `file` as its terms. */
  const fillPoolTerms = async (file: unknown) => {
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Create" }).click();
    await page.getByRole("heading", { level: 1, name: "Create an escrow or a pool" }).waitFor();
    await page.getByLabel("Token (ERC-20 address; replaces the file's)").fill(story.token);
    await page.getByText("Amounts in whole dGBP (18 decimals).").waitFor();
    await page.getByLabel("Contract", { exact: true }).selectOption("pool");
    await page.getByLabel("Terms file (JSON)").fill(JSON.stringify(file, null, 2));
  };

  before(async function () {
    stack = await startWebStack("schedule");
    ({ conn, story } = stack);
    ({ page } = await walletPage(stack, story.funder));
  });

  after(async function () {
    await stack?.stop();
  });

  it("shows each point of the settled escrow with the chain's figures to the wei, and passes axe", async function () {
    await page.goto(`${stack!.app.url}#/escrows/${story.schedule.settled}`);
    await page.getByRole("heading", { level: 1, name: /^Scheduled escrow/ }).waitFor();
    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
    await page.getByTestId("account").waitFor();
    await page.getByRole("heading", { level: 2, name: /^Point 1: due/ }).waitFor();

    const onChain = await ledger(story.schedule.settled);
    expect(onChain.totalCommitted).to.equal(1_400n * E18);
    expect(onChain.totalPaid).to.equal(300n * E18);
    expect(onChain.tierBooks[0].paid).to.equal(75n * E18);
    expect(onChain.tierBooks[1].paid).to.equal(225n * E18);

    expect(await text("sched-committed")).to.equal("1400 dGBP");
    expect(await text("sched-paid")).to.equal("300 dGBP");
    expect(await text("sched-possible")).to.equal("400 dGBP");
    expect(await text("tier-0-committed")).to.equal("400 dGBP");
    expect(await text("tier-0-paid")).to.equal("75 dGBP");
    expect(await text("tier-1-paid")).to.equal("225 dGBP");
    // Point 0, settled: 30 units × 10 dGBP, no cap bound.
    expect(await text("point-0-state")).to.equal("settled (Achieved)");
    expect(await text("point-0-paid")).to.equal("300 dGBP");
    expect(await text("point-0-possible")).to.equal("0 dGBP");
    expect(await text("point-0-term-0-units")).to.equal("30");
    expect(await text("point-0-cap-hit")).to.equal("None");
    // Point 1, open: 45 units, 450 before caps, 400 after (the term's cap per point).
    expect(await text("point-1-state")).to.equal("open; would pay 400 dGBP now (Achieved)");
    expect(await text("point-1-paid")).to.equal("0 dGBP");
    expect(await text("point-1-possible")).to.equal("400 dGBP");
    expect(await text("point-1-term-0-units")).to.equal("45");
    expect(await text("point-1-term-0-paid")).to.equal("400 dGBP");
    expect(await text("point-1-cap-hit")).to.equal("TermPerPoint");
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "scheduled-escrow");
  });

  it("settles point 1 from the page: 400 dGBP paid (tier 0 100, tier 1 300), the beneficiary may claim 700, to the wei", async function () {
    const held = await balance(story.schedule.settled);
    await page.getByRole("button", { name: "Settle point 1" }).click();
    await page.getByText(/^Settle point 1: confirmed in block \d+\./).waitFor();
    const after = await ledger(story.schedule.settled);
    expect(after.totalPaid).to.equal(700n * E18);
    expect(after.tierBooks[0].paid).to.equal(175n * E18);
    expect(after.tierBooks[1].paid).to.equal(525n * E18);
    expect(after.settled).to.equal(0b11);
    expect(await balance(story.schedule.settled)).to.equal(held); // paid means claimable: nothing left the escrow yet
    const claimable = await (
      await client()
    ).readContract({
      address: story.schedule.settled,
      abi: scheduledEscrowAbi,
      functionName: "claimable",
      args: [story.schedule.beneficiary],
    });
    expect(claimable).to.equal(700n * E18);
    await page.getByTestId("point-1-state").getByText("settled (Achieved)").waitFor();
    expect(await text("point-1-paid")).to.equal("400 dGBP");
    expect(await text("sched-paid")).to.equal("700 dGBP");
    expect(await text("sched-possible")).to.equal("0 dGBP");
    expect(await text("tier-1-paid")).to.equal("525 dGBP");
  });

  it("deposits 250 dGBP into tier 1 of the open escrow (approve + deposit): wallet, tier and page agree to the wei", async function () {
    await page.goto(`${stack!.app.url}#/escrows/${story.schedule.open}`);
    await page.getByRole("heading", { level: 1, name: /^Scheduled escrow/ }).waitFor();
    await page.getByLabel("Payer tier", { exact: true }).waitFor();
    const before = await balance(story.funder);
    await page.getByLabel("Payer tier", { exact: true }).selectOption("1");
    await page.getByLabel("Amount to deposit (dGBP)").fill("250");
    await page.getByRole("button", { name: "Deposit", exact: true }).click();
    await page.getByText(/^Deposit: confirmed in block \d+\./).waitFor();
    expect(await balance(story.funder)).to.equal(before - 250n * E18);
    const deposit = await (
      await client()
    ).readContract({
      address: story.schedule.open,
      abi: scheduledEscrowAbi,
      functionName: "depositOf",
      args: [story.funder, 1n],
    });
    expect(deposit).to.equal(250n * E18);
    expect((await ledger(story.schedule.open)).tierBooks[1].committed).to.equal(250n * E18);
    await page.getByTestId("my-tier-1").getByText("250 dGBP").waitFor();
    expect(await text("tier-1-committed")).to.equal("250 dGBP");
    expect(await text("my-tier-0")).to.equal("0 dGBP");
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it("the create page refuses the rate-card example with a price of 0 in one line naming the field, and passes axe", async function () {
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Create" }).click();
    await page.getByRole("heading", { level: 1, name: "Create an escrow or a pool" }).waitFor();
    await page.getByLabel("Token (ERC-20 address; replaces the file's)").fill(story.token);
    await page.getByText("Amounts in whole dGBP (18 decimals).").waitFor();
    await page.getByLabel("Example").selectOption("rate-card-escrow.json");
    await page.getByRole("button", { name: "Load example" }).click();
    await page.getByTestId("terms-check").getByText("Valid: a scheduled escrow on mission 3, 2 points.").waitFor();
    const example = await page.getByLabel("Terms file (JSON)").inputValue();
    await page.getByLabel("Terms file (JSON)").fill(example.replace('"price": "1200"', '"price": "0"'));
    await page.getByTestId("terms-check").getByText("schedule.points.0.terms.0.price: must be above 0").waitFor();
    expect(await page.getByRole("button", { name: /^Create / }).count()).to.equal(0);
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it("previews the rate-card example's two cohorts to the wei: 29,000 then 31,000 dGBP (the overall cap)", async function () {
    await page.getByRole("button", { name: "Load example" }).click();
    await page.getByTestId("terms-check").getByText("Valid: a scheduled escrow on mission 3, 2 points.").waitFor();
    for (const [label, value] of [
      ["Mission 3 goal 0 period 1", "20"],
      ["Mission 3 goal 1 period 1", "380"],
      ["Mission 3 goal 0 period 2", "30"],
      ["Mission 3 goal 1 period 2", "300"],
    ] as const) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    // The example's two payer tiers: a co-payer of 25 % of every payment (7,250 + 7,750 = 15,000), then the rest
    // (21,750 + 23,250 = 45,000): the 60,000 the overall cap lets out, exactly.
    await page.getByLabel(/^Tier 0 \(co-pays 25/).fill("15000");
    await page.getByLabel("Tier 1 (in order)", { exact: true }).fill("45000");
    await page.getByTestId("whatif-point-0").getByText("29000 dGBP").waitFor();
    expect(await text("whatif-point-0-term-0")).to.equal("term 0: 24000 dGBP of 24000 dGBP (None)");
    expect(await text("whatif-point-0-term-1")).to.equal("term 1: 5000 dGBP of 5000 dGBP (None)");
    expect(await text("whatif-point-1")).to.equal("31000 dGBP, cap Overall");
    expect(await text("whatif-point-1-term-0")).to.equal("term 0: 30000 dGBP of 36000 dGBP (TermPerPoint)");
    expect(await text("whatif-point-1-term-1")).to.equal("term 1: 15000 dGBP of 25000 dGBP (TermOverall)");
    expect(await page.getByRole("img", { name: /^Point 0 term 0: goal 0 period 1: pays/ }).count()).to.equal(1);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "create");
  });

  it("creates a scheduled escrow on #SchoolMealsServed's days 3 and 4 from the wallet, and opens its page", async function () {
    const chain = await client();
    const count = () =>
      chain.readContract({
        address: story.scheduledEscrowFactory,
        abi: scheduledEscrowFactoryAbi,
        functionName: "escrowCount",
      });
    const before = await count();
    const { missionId, beneficiary } = story.schedule;
    const thirdEnd = await periodEnd(3);
    const file = scheduleTermsFile(missionId, thirdEnd, 3, thirdEnd + 600n, beneficiary);
    await page.getByLabel("Terms file (JSON)").fill(JSON.stringify(file, null, 2));
    await page
      .getByTestId("terms-check")
      .getByText(`Valid: a scheduled escrow on mission ${missionId}, 2 points.`)
      .waitFor();
    await page.getByRole("button", { name: "Create scheduled escrow" }).click();
    await page.getByText(/^Create scheduled escrow: confirmed in block \d+\./).waitFor();
    expect(await count()).to.equal(before + 1n);
    // The mission's escrows of this factory: the story's two, then the page's.
    const mine = await chain.readContract({
      address: story.scheduledEscrowFactory,
      abi: scheduledEscrowFactoryAbi,
      functionName: "missionEscrows",
      args: [missionId, 0n, 10n],
    });
    expect(mine.length).to.equal(3);
    const created = mine[2] ?? "0x";
    await page.getByTestId("created").getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: /^Scheduled escrow/ }).waitFor();
    expect(page.url().toLowerCase()).to.contain(`#/escrows/${created}`.toLowerCase());
    await page.getByRole("heading", { level: 2, name: /^Point 1: due/ }).waitFor();
    expect(await text("sched-committed")).to.equal("0 dGBP");
  });

  it("creates a scheduled pool on #SchoolMealsServed's days 3 and 4 from the wallet, and opens its page", async function () {
    const chain = await client();
    const before = await poolCount();
    const { missionId, beneficiary } = story.schedule;
    const [thirdEnd, fourthEnd] = [await periodEnd(3), await periodEnd(4)];
    await fillPoolTerms(schedulePoolTermsFile(missionId, thirdEnd, fourthEnd, beneficiary));
    await page.getByTestId("terms-check").getByText('Valid: a scheduled pool "Meals Pool", 2 points.').waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await page.getByRole("button", { name: "Create scheduled pool" }).click();
    await page.getByText(/^Create scheduled pool: confirmed in block \d+\./).waitFor();
    const created = await createdPool(before);
    expect(await chain.readContract({ address: created, abi: impactPoolAbi, functionName: "name" })).to.equal(
      "Meals Pool",
    );
    expect(await chain.readContract({ address: created, abi: impactPoolAbi, functionName: "isScheduled" })).to.equal(
      true,
    );
    const config = await chain.readContract({ address: created, abi: impactPoolAbi, functionName: "config" });
    expect(config.capitalTarget).to.equal(1_000n * E18);
    expect(config.fundCap).to.equal(2_000n * E18);
    expect(BigInt(config.raiseDeadline)).to.equal(thirdEnd);
    expect(config.token.toLowerCase()).to.equal(story.token.toLowerCase());

    await page.getByTestId("created").getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Scheduled impact pool Meals Pool" }).waitFor();
    expect(page.url().toLowerCase()).to.contain(`#/pools/${created}`.toLowerCase());
    // Its two payment points, due 10 minutes after periods 3 and 4 end (a day apart), open and unpaid.
    for (const [i, due] of [thirdEnd + 600n, thirdEnd + 600n + 86_400n].entries()) {
      await page.getByRole("heading", { level: 2, name: `Point ${i}: due ${isoTime(due)}` }).waitFor();
      expect(await text(`point-${i}-paid`)).to.equal("0 dGBP");
    }
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it("creates a classed pool (two classes, a provider share, a guarantee) from the wallet, and opens its page", async function () {
    const chain = await client();
    const before = await poolCount();
    const { missionId, beneficiary } = story.schedule;
    const [thirdEnd, fourthEnd] = [await periodEnd(3), await periodEnd(4)];
    await fillPoolTerms(mealsBondTermsFile(missionId, thirdEnd, fourthEnd, beneficiary, story.funder));
    await page
      .getByTestId("terms-check")
      .getByText('Valid: a classed pool "Meals Bond", 2 investor classes, 2 points.')
      .waitFor();
    // The capital structure in words, before anything is sent.
    await page.getByRole("heading", { level: 2, name: "Capital structure" }).waitFor();
    expect(await text("capital-class-0")).to.equal(
      "Senior (SNR): raises 600 dGBP; receives at most 1.2× its principal; most senior: paid first.",
    );
    expect(await text("capital-class-1")).to.equal(
      "Junior (JNR): raises 400 dGBP; receives at most 1.5× its principal; most junior: paid last, takes losses first.",
    );
    expect(await text("capital-provider-share")).to.equal(
      `Provider share: 10 % of every class's return above its principal goes to the provider ${beneficiary}.`,
    );
    expect(await text("capital-guarantee")).to.match(
      new RegExp(`^Guarantee: ${story.funder} may post up to 300 dGBP `),
    );
    expect(await axeViolations(page)).to.deep.equal([]);
    await page.getByRole("button", { name: "Create classed pool" }).click();
    await page.getByText(/^Create classed pool: confirmed in block \d+\./).waitFor();
    const created = await createdPool(before);
    const classToken = (id: bigint) =>
      chain.readContract({ address: created, abi: impactPoolAbi, functionName: "classToken", args: [id] });
    const tokens = [await classToken(0n), await classToken(1n)];
    const [event] = await chain.getContractEvents({
      address: story.poolFactory,
      abi: impactPoolFactoryAbi,
      eventName: "CapitalStructureCreated",
      args: { pool: created },
      fromBlock: 0n,
      strict: true,
    });
    const capital = event?.args.capital;
    expect(capital?.classes.map((k) => [k.name, k.symbol, k.seniority, k.target, k.maxMultipleWad])).to.deep.equal([
      ["Senior", "SNR", 0, 600n * E18, (12n * E18) / 10n],
      ["Junior", "JNR", 1, 400n * E18, (15n * E18) / 10n],
    ]);
    expect([capital?.guarantor, capital?.guarantee, capital?.provider, capital?.providerBps]).to.deep.equal([
      story.funder,
      300n * E18,
      beneficiary,
      1_000,
    ]);
    for (const [i, [name, symbol]] of [
      ["Senior", "SNR"],
      ["Junior", "JNR"],
    ].entries()) {
      const address = tokens[i] ?? zeroAddress;
      expect(address).to.not.equal(zeroAddress);
      expect(await chain.readContract({ address, abi: poolShareClassAbi, functionName: "name" })).to.equal(name);
      expect(await chain.readContract({ address, abi: poolShareClassAbi, functionName: "symbol" })).to.equal(symbol);
    }

    await page.getByTestId("created").getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Classed impact pool Meals Bond" }).waitFor();
    expect(page.url().toLowerCase()).to.contain(`#/pools/${created}`.toLowerCase());
    await page.getByTestId("class-1").waitFor();
    expect(await text("class-0-raised")).to.equal("0 dGBP of 600 dGBP");
    expect(await text("class-0-cap")).to.equal("at most 1.2× its principal");
    expect(await text("class-1-raised")).to.equal("0 dGBP of 400 dGBP");
    expect(await text("class-1-cap")).to.equal("at most 1.5× its principal");
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it("reads well at 375 px: no sideways scroll, axe passes; photographed for the README", async function () {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${stack!.app.url}#/escrows/${story.schedule.settled}`);
    await page.getByRole("heading", { level: 2, name: /^Point 1: due/ }).waitFor();
    const width = z.number().parse(await page.evaluate("document.documentElement.scrollWidth"));
    expect(width, "the scheduled escrow scrolls sideways at 375 px").to.be.at.most(375);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "scheduled-escrow-375");
    await page.goto(`${stack!.app.url}#/create`);
    await page.getByRole("heading", { level: 1, name: "Create an escrow or a pool" }).waitFor();
    await page.getByLabel("Token (ERC-20 address; replaces the file's)").fill(story.token);
    await page.getByLabel("Example").selectOption("rate-card-escrow.json");
    await page.getByRole("button", { name: "Load example" }).click();
    await page
      .getByTestId("terms-check")
      .getByText(/^Valid: a scheduled escrow/)
      .waitFor();
    const createWidth = z.number().parse(await page.evaluate("document.documentElement.scrollWidth"));
    expect(createWidth, "the create page scrolls sideways at 375 px").to.be.at.most(375);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "create-375");
  });
});
