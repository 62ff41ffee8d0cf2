import { expect } from "chai";
import type { Page } from "playwright-core";
import { getAddress, keccak256, parseAbi, parseEventLogs, stringToBytes, zeroAddress, type Address } from "viem";
import { z } from "zod";
import {
  erc20Abi,
  impactPoolAbi,
  metricOracleAbi,
  outcomeEscrowAbi,
  outcomeEscrowFactoryAbi,
  poolShareClassAbi,
} from "../../../scripts/core/abis.js";
import type { WebStory } from "../../../web/scripts/story.js";
import { axeViolations, screenshot } from "./browser.js";
import { createMealsBond, mealsPeriodEnd } from "./classed-pool.js";
import { mineAt, startWebStack, walletPage, type Connection, type WebStack } from "./stack.js";

/**
 * Issue #15's money pages in Debian's chromium against the real stack, with Femi (the app's funder) in the wallet:
 *  - #SchoolMealsServed's goal chart: periods 1 and 2 final at 30 and 45 (web/scripts/schedule-story.ts), baseline 0
 *    and target 50 (higher is better), then period 3 reported by one evaluator (reported), by both (proposed, 30);
 *    the chart's accessible name and the table say what the oracle holds;
 *  - the #ReadingForAll escrow funded by one EIP-2612 permit signature (eth_signTypedData_v4) and one
 *    `depositWithPermit`: 250 dGBP, to the wei, no approval left behind, the token's nonce used; an escrow on the same
 *    terms in a token without permit (test/mocks/tokens/WeirdERC20.sol) offers approve + deposit alone;
 *  - a classed pool this test creates on #SchoolMealsServed's periods 3 and 4 through `createClassedPool`: the
 *    schedule of the scheduled escrows (10 dGBP per unit, at most 400 a point, tiers co-paying 25 % and the rest),
 *    capital 1,000 dGBP in a senior class (600, cap 1.2×) and a junior class (400, cap 1.5×). Femi invests 600 in the
 *    senior class and commits 100 to tier 0 from the page; Ben's volunteers (Hardhat #9) invest the junior 400 and
 *    commit 900 to tier 1 directly. Period 3 final at 30 → point 0 pays 30 × 10 = 300 dGBP (tier 0 co-pays 75, tier 1
 *    225), all of it the senior class's principal band (the first 600 of what is paid): the senior token's
 *    accumulator rises by 300e18 × 2^64 / 600e18 = 2^63 exactly, so Femi, its only holder, may claim exactly
 *    600e18 × 2^63 / 2^64 = 300 dGBP; the junior class gets 0. Femi settles the point and claims from the page. The
 *    waterfall chart's table shows the 300 as half the senior principal, then the what-if totals 900 (the senior
 *    band full, 180 of the junior principal) and 1,400 (every band full, 80 capped back to the outcome payers).
 */
const E18 = 10n ** 18n;
const mintAbi = parseAbi([
  "function mint(address to, uint256 amount)",
  "function nonces(address) view returns (uint256)",
]);

describe("web app: the goal chart, a permit deposit and a classed pool in a real browser", function () {
  this.timeout(600_000);

  let stack: WebStack | undefined;
  let page: Page;
  let conn: Connection;
  let story: WebStory;
  let pool: Address;
  let senior: Address;
  let junior: Address;
  let other: Address;

  const client = () => conn.viem.getPublicClient();
  const balance = async (who: Address) =>
    (await client()).readContract({ address: story.token, abi: erc20Abi, functionName: "balanceOf", args: [who] });
  const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();
  const time = (seconds: bigint) => mineAt(conn, seconds);
  const periodEnd = (period: number) => mealsPeriodEnd(conn, story, period);
  /** Sends `write` from `from` (an unlocked account of the node) and waits for its receipt. */
  const send = async (
    from: Address,
    write: Parameters<Awaited<ReturnType<Connection["viem"]["getWalletClient"]>>["writeContract"]>[0],
  ) => {
    const wallet = await conn.viem.getWalletClient(from);
    const hash = await wallet.writeContract(write);
    const receipt = await (await client()).waitForTransactionReceipt({ hash });
    expect(receipt.status).to.equal("success");
    return receipt;
  };

  before(async function () {
    stack = await startWebStack("capital");
    ({ conn, story } = stack);
    ({ page } = await walletPage(stack, story.funder));
    const wallets = await conn.viem.getWalletClients();
    other = getAddress(wallets[9]?.account.address ?? zeroAddress);
    const council = getAddress(wallets[0]?.account.address ?? zeroAddress);
    // The raise (and the commitments) close when period 3 ends; the points read periods 3 and 4.
    ({ pool, senior, junior } = await createMealsBond(conn, story, council, await periodEnd(3), await periodEnd(4)));
  });

  after(async function () {
    await stack?.stop();
  });

  it("charts #SchoolMealsServed's goal: baseline 0, target 50, periods 1 and 2 final at the oracle's 30 and 45, and passes axe", async function () {
    const oracleValue = async (period: number) =>
      (
        await (
          await client()
        ).readContract({
          address: story.oracle,
          abi: metricOracleAbi,
          functionName: "finalValue",
          args: [story.schedule.missionId, 1, 0, period],
        })
      )[0];
    expect(await oracleValue(1)).to.equal(30n);
    expect(await oracleValue(2)).to.equal(45n);
    await page.goto(`${stack!.app.url}#/missions/${story.schedule.missionId}`);
    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
    const chart = page.getByTestId("goal-0-chart");
    await chart.waitFor();
    expect(await chart.getByRole("img").getAttribute("aria-label")).to.equal(
      "Goal 0 over 4 periods: baseline 0, target 50 (higher is better); period 1: final, 30; period 2: final, 45; " +
        "period 3: no report yet; period 4: no report yet.",
    );
    expect(await page.getByTestId("goal-0-period-1").getAttribute("data-status")).to.equal("final");
    expect(await page.getByTestId("goal-0-period-3").getAttribute("data-status")).to.equal("none");
    // The same figures as a table (its first cell is the period's end).
    expect((await page.getByTestId("goal-0-row-2").getByRole("cell").allTextContents()).slice(1)).to.deep.equal([
      "final",
      "45",
    ]);
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it("funds the #ReadingForAll escrow with one permit signature and one transaction: 250 dGBP to the wei, no allowance left", async function () {
    const c = await client();
    const escrow = story.escrows.reading;
    const depositOf = () =>
      c.readContract({ address: escrow, abi: outcomeEscrowAbi, functionName: "depositOf", args: [story.funder] });
    const nonce = () =>
      c.readContract({ address: story.token, abi: mintAbi, functionName: "nonces", args: [story.funder] });
    const [held, deposited, nonceBefore] = await Promise.all([balance(story.funder), depositOf(), nonce()]);
    const blockBefore = await c.getBlockNumber();
    await page.goto(`${stack!.app.url}#/escrows/${escrow}`);
    await page.getByLabel("Amount to deposit (dGBP)").fill("250");
    await page.getByRole("button", { name: "Sign permit and deposit" }).click();
    await page.getByText(/^Sign permit and deposit: confirmed in block \d+\./).waitFor();
    expect(await depositOf()).to.equal(deposited + 250n * E18);
    expect(await balance(story.funder)).to.equal(held - 250n * E18);
    expect(await nonce()).to.equal(nonceBefore + 1n);
    const allowance = await c.readContract({
      address: story.token,
      abi: erc20Abi,
      functionName: "allowance",
      args: [story.funder, escrow],
    });
    expect(allowance).to.equal(0n); // the permit allowed exactly 250, the deposit spent it
    expect(await c.getBlockNumber()).to.equal(blockBefore + 1n); // one transaction, no approval
    await page
      .getByTestId("my-deposit")
      .getByText(`${(deposited + 250n * E18) / E18} dGBP`)
      .waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "escrow-permit");
  });

  it("offers only approve + deposit for a token without EIP-2612 (an escrow on the same terms in a plain ERC-20)", async function () {
    const c = await client();
    const council = getAddress((await conn.viem.getWalletClients())[0]?.account.address ?? zeroAddress);
    const plain = await conn.viem.deployContract("WeirdERC20", ["Plain Pound", "pGBP", 18]);
    const terms = await c.readContract({
      address: story.escrows.reading,
      abi: outcomeEscrowAbi,
      functionName: "terms",
    });
    const receipt = await send(council, {
      address: story.escrowFactory,
      abi: outcomeEscrowFactoryAbi,
      functionName: "createEscrow",
      args: [{ ...terms, token: plain.address }],
      account: council,
    });
    const [created] = parseEventLogs({ abi: outcomeEscrowFactoryAbi, eventName: "EscrowCreated", logs: receipt.logs });
    if (created === undefined) throw new Error("createEscrow: no EscrowCreated event");
    await page.goto(`${stack!.app.url}#/escrows/${created.args.escrow}`);
    await page.getByLabel("Amount to deposit (pGBP)").fill("5");
    await page.getByRole("button", { name: "Fund" }).waitFor();
    await page.getByText("pGBP takes no permit signature (EIP-2612), so funding needs the approval.").waitFor();
    expect(await page.getByRole("button", { name: "Sign permit and deposit" }).count()).to.equal(0);
  });

  it("shows the classed pool's classes, tiers and points, and passes axe", async function () {
    await page.goto(`${stack!.app.url}#/pools/${pool}`);
    await page.getByRole("heading", { level: 1, name: "Classed impact pool Meals Bond" }).waitFor();
    await page.getByTestId("class-1").waitFor();
    expect(await text("class-0-raised")).to.equal("0 dGBP of 600 dGBP");
    expect(await text("class-0-cap")).to.equal("at most 1.2× its principal");
    expect(await text("class-1-raised")).to.equal("0 dGBP of 400 dGBP");
    expect(await text("class-1-cap")).to.equal("at most 1.5× its principal");
    expect(await text("class-0-distributed")).to.equal("0 dGBP");
    expect(await text("point-0-state")).to.equal("open: commitments are open until the raise deadline");
    expect(await text("sched-possible")).to.equal("0 dGBP"); // nothing committed yet: nothing to pay from
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it("invests 600 dGBP in the senior class and commits 100 to tier 0 from the page, to the wei", async function () {
    const c = await client();
    const held = await balance(story.funder);
    await page.getByLabel("Amount to invest in Senior (dGBP)").fill("600");
    await page.getByRole("button", { name: "Invest in Senior" }).click();
    await page.getByText(/^Invest in Senior: confirmed in block \d+\./).waitFor();
    const shares = await c.readContract({
      address: senior,
      abi: poolShareClassAbi,
      functionName: "balanceOf",
      args: [story.funder],
    });
    expect(shares).to.equal(600n * E18);
    // The class's raise, stored by the pool (its token's supply; a classed pool mints no pool shares).
    expect(
      await c.readContract({ address: pool, abi: impactPoolAbi, functionName: "classRaised", args: [0n] }),
    ).to.equal(600n * E18);
    expect(await balance(story.funder)).to.equal(held - 600n * E18);
    await page.getByTestId("class-0-raised").getByText("600 dGBP of 600 dGBP").waitFor();
    expect(await text("class-0-my-shares")).to.equal("600 SNR");
    // The senior class is full: no invest form for it any more; the junior one still takes 400.
    expect(await page.getByRole("button", { name: "Invest in Senior" }).count()).to.equal(0);

    await page.getByLabel("Amount to commit to tier 0 (dGBP)").fill("100");
    await page.getByRole("button", { name: "Commit to tier 0" }).click();
    await page.getByText(/^Commit to tier 0: confirmed in block \d+\./).waitFor();
    const committed = await c.readContract({
      address: pool,
      abi: impactPoolAbi,
      functionName: "tierCommitmentOf",
      args: [story.funder, 0n],
    });
    expect(committed).to.equal(100n * E18);
    expect(await balance(story.funder)).to.equal(held - 700n * E18);
    await page.getByTestId("my-tier-0").getByText("100 dGBP").waitFor();
    expect(await text("tier-0-committed")).to.equal("100 dGBP");
  });

  it("charts period 3 reported, then proposed at 30, as the committee reports it", async function () {
    // Hardhat #9 invests the junior class's 400 and commits 900 to tier 1 (the pool is then Funded).
    await send(other, {
      address: story.token,
      abi: mintAbi,
      functionName: "mint",
      args: [other, 1_300n * E18],
      account: other,
    });
    await send(other, {
      address: story.token,
      abi: erc20Abi,
      functionName: "approve",
      args: [pool, 1_300n * E18],
      account: other,
    });
    await send(other, {
      address: pool,
      abi: impactPoolAbi,
      functionName: "investClass",
      args: [1n, 400n * E18],
      account: other,
    });
    await send(other, {
      address: pool,
      abi: impactPoolAbi,
      functionName: "commitTier",
      args: [1n, 900n * E18],
      account: other,
    });
    const c = await client();
    expect((await c.readContract({ address: pool, abi: impactPoolAbi, functionName: "state" })).phase).to.equal(1); // Funded

    await time((await periodEnd(3)) + 601n); // past the raise deadline and point 0's due time
    const committee = await c.readContract({
      address: story.oracle,
      abi: metricOracleAbi,
      functionName: "getCommittee",
      args: [story.schedule.missionId, 1],
    });
    const report = {
      missionId: story.schedule.missionId,
      version: 1,
      goalId: 0,
      period: 3,
      value: 30n,
      evidenceHash: keccak256(stringToBytes("school meals, day 3")),
    };
    const [first, second] = committee.members;
    if (first === undefined || second === undefined) throw new Error("the meals committee has fewer than two members");
    await send(first, {
      address: story.oracle,
      abi: metricOracleAbi,
      functionName: "report",
      args: [report],
      account: first,
    });
    await page.goto(`${stack!.app.url}#/missions/${story.schedule.missionId}`);
    await page.getByTestId("goal-0-row-3").getByText("reported (1 report)").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("goal-0-period-3").getAttribute("data-status")).to.equal("reported (1 report)");

    await send(second, {
      address: story.oracle,
      abi: metricOracleAbi,
      functionName: "report",
      args: [report],
      account: second,
    });
    await page.getByTestId("goal-0-row-3").getByText("proposed").waitFor({ timeout: 30_000 });
    const chart = page.getByTestId("goal-0-chart").getByRole("img");
    expect(await chart.getAttribute("aria-label")).to.contain("period 3: proposed, 30; period 4: no report yet.");
    await screenshot(page, "mission-goal-chart");

    const window = BigInt(committee.challengeWindow);
    const last = await c.getBlock();
    await time(last.timestamp + window + 1n);
    await send(other, {
      address: story.oracle,
      abi: metricOracleAbi,
      functionName: "finalize",
      args: [story.schedule.missionId, 1, 0, 3],
      account: other,
    });
    await page.getByTestId("goal-0-row-3").getByText("final").waitFor({ timeout: 30_000 });
  });

  it("settles point 0 from the page: 300 dGBP down the waterfall, all to the senior class; Femi claims exactly 300 dGBP", async function () {
    const c = await client();
    await page.goto(`${stack!.app.url}#/pools/${pool}`);
    await page.getByTestId("point-0-state").getByText("open; would pay 300 dGBP now (Achieved)").waitFor();
    await page.getByRole("button", { name: "Settle point 0" }).click();
    await page.getByText(/^Settle point 0: confirmed in block \d+\./).waitFor();
    const ledger = await c.readContract({ address: pool, abi: impactPoolAbi, functionName: "ledger" });
    expect(ledger.totalPaid).to.equal(300n * E18);
    expect(ledger.tierBooks[0]?.paid).to.equal(75n * E18);
    expect(ledger.tierBooks[1]?.paid).to.equal(225n * E18);
    const claimable = (token: Address) =>
      c.readContract({ address: token, abi: poolShareClassAbi, functionName: "claimable", args: [story.funder] });
    expect(await claimable(senior)).to.equal(300n * E18);
    expect(
      await c.readContract({ address: junior, abi: poolShareClassAbi, functionName: "claimable", args: [other] }),
    ).to.equal(0n);
    await page.getByTestId("point-0-state").getByText("settled (Achieved)").waitFor();
    expect(await text("class-0-distributed")).to.equal("300 dGBP");
    expect(await text("class-0-claimable")).to.equal("300 dGBP");
    expect(await text("class-1-distributed")).to.equal("0 dGBP");
    expect(await text("tier-0-paid")).to.equal("75 dGBP");
    expect(await text("tier-1-paid")).to.equal("225 dGBP");

    const held = await balance(story.funder);
    await page.getByRole("button", { name: "Claim 300 dGBP from Senior" }).click();
    await page.getByText(/^Claim from Senior: confirmed in block \d+\./).waitFor();
    expect(await balance(story.funder)).to.equal(held + 300n * E18);
    expect(await claimable(senior)).to.equal(0n);
    await page.getByTestId("class-0-claimable").getByText("0 dGBP").waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "pool-classed");
  });

  it("charts the waterfall of the 300 dGBP paid, then of what-if totals of 900 and 1,400 dGBP, with no transaction", async function () {
    // Bands (docs/capital-structure.md): senior principal [0, 600), senior return [600, 720) (600 × (1.2 − 1)),
    // junior principal [720, 1,120), junior return [1,120, 1,320) (400 × (1.5 − 1)); above 1,320 is capped back.
    // No provider incentive, no guarantee (test/ts/web/classed-pool.ts).
    const row = async (i: number) => page.getByTestId(`waterfall-class-${i}`).getByRole("cell").allTextContents();
    const rowName = async (i: number) => page.getByTestId(`waterfall-class-${i}`).getByRole("rowheader").textContent();
    const chart = page.getByTestId("waterfall").getByRole("img");
    await chart.waitFor();
    expect(await rowName(0)).to.equal("Senior");
    expect(await rowName(1)).to.equal("Junior");
    // 300 paid: half the senior principal; the senior band has 600 − 300 + 120 = 420 left, the junior all 600.
    expect(await row(0)).to.deep.equal(["300 dGBP of 600 dGBP", "0 dGBP of 120 dGBP", "0 dGBP", "420 dGBP"]);
    expect(await row(1)).to.deep.equal(["0 dGBP of 400 dGBP", "0 dGBP of 200 dGBP", "0 dGBP", "600 dGBP"]);
    expect(await text("waterfall-capped")).to.equal("0 dGBP (paid above every class's capped return)");
    expect(await text("waterfall-provider")).to.equal("none (no provider incentive)");
    expect(await text("waterfall-guarantee")).to.equal("none");
    expect(await chart.getAttribute("aria-label")).to.equal(
      "Under the 300 dGBP the points have paid so far: Senior: principal 300 dGBP of 600 dGBP, return 0 dGBP of " +
        "120 dGBP, provider's cut 0 dGBP, not yet paid 420 dGBP; Junior: principal 0 dGBP of 400 dGBP, return 0 dGBP " +
        "of 200 dGBP, provider's cut 0 dGBP, not yet paid 600 dGBP; the caps hold back 0 dGBP for the outcome payers.",
    );

    const block = await (await client()).getBlockNumber();
    const whatIf = page.getByLabel("What if the points paid this in total (dGBP)");
    // 900: the senior principal 600 and return 120 in full, then 900 − 720 = 180 of the junior principal.
    await whatIf.fill("900");
    await page.getByTestId("waterfall-caption").getByText("If the points paid 900 dGBP in total").waitFor();
    expect(await row(0)).to.deep.equal(["600 dGBP of 600 dGBP", "120 dGBP of 120 dGBP", "0 dGBP", "0 dGBP"]);
    expect(await row(1)).to.deep.equal(["180 dGBP of 400 dGBP", "0 dGBP of 200 dGBP", "0 dGBP", "420 dGBP"]);
    expect(await text("waterfall-capped")).to.equal("0 dGBP (paid above every class's capped return)");
    // 1,400: every band in full (1,320), the 80 above it capped back to the outcome payers.
    await whatIf.fill("1400");
    await page.getByTestId("waterfall-caption").getByText("If the points paid 1400 dGBP in total").waitFor();
    expect(await row(0)).to.deep.equal(["600 dGBP of 600 dGBP", "120 dGBP of 120 dGBP", "0 dGBP", "0 dGBP"]);
    expect(await row(1)).to.deep.equal(["400 dGBP of 400 dGBP", "200 dGBP of 200 dGBP", "0 dGBP", "0 dGBP"]);
    expect(await text("waterfall-capped")).to.equal("80 dGBP (paid above every class's capped return)");
    expect(await (await client()).getBlockNumber()).to.equal(block); // a redraw, not a transaction
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it("reads the classed pool at 375 px without scrolling sideways, and passes axe", async function () {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.waitForLoadState("networkidle");
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "pool-classed-375");
    const width = z.number().parse(await page.evaluate("document.documentElement.scrollWidth"));
    const wide = await page.evaluate(
      "[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 376 && ![...e.children].some((c) => c.getBoundingClientRect().right > 376)).map((e) => e.tagName + '.' + e.className + ': ' + (e.textContent ?? '').slice(0, 60))",
    );
    expect(width, `the pool page scrolls sideways at 375 px: ${JSON.stringify(wide)}`).to.be.at.most(375);
  });
});
