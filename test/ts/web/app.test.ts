import { expect } from "chai";
import { id } from "ethers";
import { z } from "zod";
import type { Page } from "playwright-core";
import { erc20Abi, impactPoolAbi, missionRegistryAbi, outcomeEscrowAbi } from "../../../scripts/core/abis.js";
import { FUNDER_TOKENS, OPEN_POOL, type WebStory } from "../../../web/scripts/story.js";
import { axeViolations, screenshot } from "./browser.js";
import { mineAt, startWebStack, walletPage, type Connection, type WebStack } from "./stack.js";

/**
 * The web app in Debian's chromium against the real stack: a hardhat node with the demo story up to its open escrows,
 * the indexer (Ponder, PGlite) and the production build. A funder connects an injected EIP-6963 wallet, joins the
 * mission as a funder and pledges, funds the #ReadingForAll escrow (approve + deposit) and the chain and the page agree to the
 * wei; a deposit above the funder's balance and one after the funding deadline show the revert decoder's sentence;
 * the same account invests in the open impact pool from its page (approve exactly + invest) and, once the raise has
 * failed, withdraws, to the wei, and an investment above its wallet shows the decoder's sentence; with no result
 * after the grace period the page settles the escrow and refunds the funder to the wei; every page
 * passes axe with no serious or critical violation, and is photographed at desktop width and at 375 px for the README.
 */
const E18 = 10n ** 18n;
const dgbp = (text: string): bigint => {
  const [whole = "0", fraction = ""] = text.split(".");
  return BigInt(whole) * E18 + BigInt(fraction.padEnd(18, "0"));
};

describe("web app: the funder's escrow flow in a real browser with an injected wallet", function () {
  this.timeout(600_000);

  let stack: WebStack | undefined;
  let app: WebStack["app"];
  let page: Page;
  let conn: Connection;
  let story: WebStory;

  const read = {
    balance: async (who: `0x${string}`) => {
      const client = await conn.viem.getPublicClient();
      return client.readContract({ address: story.token, abi: erc20Abi, functionName: "balanceOf", args: [who] });
    },
    depositOf: async (who: `0x${string}`) => {
      const client = await conn.viem.getPublicClient();
      return client.readContract({
        address: story.escrows.reading,
        abi: outcomeEscrowAbi,
        functionName: "depositOf",
        args: [who],
      });
    },
    shares: async (who: `0x${string}`) => {
      const client = await conn.viem.getPublicClient();
      return client.readContract({
        address: story.openPool,
        abi: impactPoolAbi,
        functionName: "balanceOf",
        args: [who],
      });
    },
    poolAllowance: async (who: `0x${string}`) => {
      const client = await conn.viem.getPublicClient();
      return client.readContract({
        address: story.token,
        abi: erc20Abi,
        functionName: "allowance",
        args: [who, story.openPool],
      });
    },
    totalDeposited: async () => {
      const client = await conn.viem.getPublicClient();
      const [total] = await client.readContract({
        address: story.escrows.reading,
        abi: outcomeEscrowAbi,
        functionName: "totals",
      });
      return total;
    },
  };

  before(async function () {
    stack = await startWebStack("web");
    ({ app, conn, story } = stack);
    ({ page } = await walletPage(stack, story.funder));
  });

  after(async function () {
    await stack?.stop();
  });

  it("lists the missions, finds #ReadingForAll by its hashtag, passes axe, and connects the injected wallet", async function () {
    await page.goto(app.url);
    await page.getByRole("heading", { level: 1, name: "Missions" }).waitFor();
    // Not connected before the person asks: the wallet offers itself by EIP-6963.
    await page.getByRole("button", { name: "Connect Test Wallet" }).waitFor();
    await page.getByRole("link", { name: "#healthyageingleith" }).waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "missions");

    await page.getByLabel("Search by #hashtag").fill("#Reading");
    await page.getByText("1 mission matching “#Reading”").waitFor();
    await page.getByRole("link", { name: "#readingforall" }).waitFor(); // the registry stores hashtags in lower case
    expect(await page.getByRole("link", { name: "#healthyageingleith" }).count()).to.equal(0);

    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
    const short = `${story.funder.slice(0, 6)}…${story.funder.slice(-4)}`;
    expect(await page.getByTestId("account").textContent()).to.equal(short);
  });

  it("shows the mission's goals with each period's status and its open escrow, and passes axe", async function () {
    await page.getByRole("link", { name: "#readingforall" }).click();
    await page.getByRole("heading", { level: 1, name: "#readingforall" }).waitFor();
    await page.getByRole("heading", { level: 3, name: "Goal 0" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Escrows (1)" }).waitFor();
    // No evidence yet in this story: every period of every goal waits for its first report.
    expect(await page.getByRole("cell", { name: "no report yet" }).count()).to.be.greaterThan(0);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "mission");
  });

  it("joins the mission as a funder from its page: the registry holds funder + supporter (1 | 16 = 17) and the page says so", async function () {
    const client = await conn.viem.getPublicClient();
    const roles = async () =>
      (
        await client.readContract({
          address: story.registry,
          abi: missionRegistryAbi,
          functionName: "getParticipant",
          args: [story.readingMissionId, story.funder],
        })
      ).roles;
    expect(await roles()).to.equal(16); // the story's neighbour joined #ReadingForAll as a supporter
    await page.getByTestId("my-roles").getByText("You take part as: supporter.").waitFor();
    await page.getByRole("group", { name: "Join as" }).getByLabel("funder").check();
    await page.getByRole("button", { name: "Join", exact: true }).click();
    await page.getByText(/^Join: confirmed in block \d+\./).waitFor();
    expect(await roles()).to.equal(17);
    await page.getByTestId("my-roles").getByText("You take part as: funder, supporter.").waitFor();
  });

  it("pledges from the mission page: the registry records the text's keccak256 and the link, and the indexed list shows it", async function () {
    const client = await conn.viem.getPublicClient();
    const pledges = async () =>
      (
        await client.readContract({
          address: story.registry,
          abi: missionRegistryAbi,
          functionName: "getParticipant",
          args: [story.readingMissionId, story.funder],
        })
      ).pledgeCount;
    const before = await pledges();
    const text = "Twenty hours of reading with year-4 pupils";
    await page.getByLabel("Where your pledge is described (a link)").fill("ipfs://bafy-web-pledge");
    await page.getByLabel("What you pledge").fill(text);
    await page.getByRole("button", { name: "Pledge", exact: true }).click();
    await page.getByText(/^Pledge: confirmed in block \d+\./).waitFor();
    expect(await pledges()).to.equal(before + 1);
    const [event] = await client.getContractEvents({
      address: story.registry,
      abi: missionRegistryAbi,
      eventName: "Pledged",
      args: { missionId: story.readingMissionId, account: story.funder },
      fromBlock: await client.getBlockNumber(),
    });
    expect(event?.args.uri).to.equal("ipfs://bafy-web-pledge");
    expect(event?.args.contentHash).to.equal(id(text)); // ethers' keccak256 of the UTF-8 bytes: the CLI's rule
    // The list comes from the indexer, which the page re-reads every few seconds.
    await page
      .getByRole("region", { name: "Pledges" })
      .getByText(`pledge ${before + 1} — ipfs://bafy-web-pledge`)
      .waitFor();
  });

  it("funds the escrow (approve + deposit): escrow, deposit and balance move by 1234.5 dGBP to the wei, and the page shows it", async function () {
    const amount = dgbp("1234.5");
    const before = {
      escrow: await read.balance(story.escrows.reading),
      funder: await read.balance(story.funder),
      total: await read.totalDeposited(),
    };
    expect(before.funder).to.equal(BigInt(FUNDER_TOKENS) * E18);
    expect(await read.depositOf(story.funder)).to.equal(0n);

    await page.getByRole("link", { name: `Escrow ${story.escrows.reading}` }).click();
    await page.getByRole("heading", { level: 1, name: /^Outcome escrow/ }).waitFor();
    await page.getByTestId("my-balance").getByText("5000 dGBP").waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "escrow");

    await page.getByLabel("Amount to deposit (dGBP)").fill("1234.5");
    await page.getByRole("button", { name: "Fund" }).click();
    await page.getByText(/^Deposit: confirmed in block \d+\./).waitFor();

    expect(await read.depositOf(story.funder)).to.equal(amount);
    expect(await read.balance(story.escrows.reading)).to.equal(before.escrow + amount);
    expect(await read.totalDeposited()).to.equal(before.total + amount);
    expect(await read.balance(story.funder)).to.equal(before.funder - amount);

    await page.getByTestId("my-deposit").getByText("1234.5 dGBP").waitFor();
    await page.getByTestId("my-balance").getByText("3765.5 dGBP").waitFor();
    // 20,000 from the foundation (no crowd in this story) + 1,234.5.
    expect(before.total).to.equal(20_000n * E18);
    await page.getByTestId("escrow-total").getByText("21234.5 dGBP").waitFor();
    await screenshot(page, "escrow-funded");
  });

  it("a deposit above the funder's balance shows the decoder's sentence and moves nothing", async function () {
    const deposit = await read.depositOf(story.funder);
    await page.getByLabel("Amount to deposit (dGBP)").fill("4000");
    await page.getByRole("button", { name: "Fund" }).click();
    const error = page.getByTestId("tx-error");
    await error.waitFor();
    expect(await error.textContent()).to.equal(
      `Deposit failed: ${story.funder} holds 3765.5 dGBP, less than the 4000 dGBP needed (ERC20InsufficientBalance)`,
    );
    expect(await read.depositOf(story.funder)).to.equal(deposit);
    expect(await read.balance(story.funder)).to.equal(dgbp("3765.5"));
  });

  it("invests 1500 dGBP in the open pool from its page (approve exactly + invest): shares, pool and wallet move to the wei, and the page shows it", async function () {
    const amount = dgbp("1500");
    const before = { pool: await read.balance(story.openPool), funder: await read.balance(story.funder) };
    // Only Dara's commitment so far; the funder holds what the escrow deposit left.
    expect(before.pool).to.equal(BigInt(OPEN_POOL.committed) * E18);
    expect(before.funder).to.equal(dgbp("3765.5"));
    expect(await read.shares(story.funder)).to.equal(0n);

    await page.goto(`${app.url}#/missions/${story.readingMissionId}`);
    await page.getByRole("link", { name: "Reading Starter Bond (RSB)" }).click();
    await page.getByRole("heading", { level: 1, name: "Impact pool Reading Starter Bond" }).waitFor();
    await page.getByTestId("pool-phase").getByText("Raising").waitFor();
    await page.getByTestId("pool-fund").getByText("6000 dGBP of at most 12000 dGBP").waitFor();
    // One tranche: 60 % of the 10,000 dGBP target to Ben's volunteers, not due yet.
    await page
      .getByTestId("tranche-0")
      .getByText(/6000 dGBP to 0x\w{4}…\w{4} — not disbursed yet$/)
      .waitFor();
    await page.getByTestId("my-balance").getByText("3765.5 dGBP").waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "pool");

    await page.getByLabel("Amount to invest (dGBP)").fill("1500");
    await page.getByRole("button", { name: "Invest", exact: true }).click();
    await page.getByText(/^Invest: confirmed in block \d+\./).waitFor();

    expect(await read.shares(story.funder)).to.equal(amount); // one share per dGBP base unit
    expect(await read.balance(story.openPool)).to.equal(before.pool + amount);
    expect(await read.balance(story.funder)).to.equal(before.funder - amount);
    expect(await read.poolAllowance(story.funder)).to.equal(0n); // approved exactly what was invested

    await page.getByTestId("my-shares").getByText("1500 RSB").waitFor();
    await page.getByTestId("my-balance").getByText("2265.5 dGBP").waitFor();
    await page.getByTestId("my-allowance").getByText("0 dGBP").waitFor();
    await page.getByTestId("pool-raised").getByText("1500 dGBP of 10000 dGBP").waitFor();
  });

  it("an investment above the funder's wallet shows the decoder's sentence and moves nothing", async function () {
    await page.getByLabel("Amount to invest (dGBP)").fill("3000");
    await page.getByRole("button", { name: "Invest", exact: true }).click();
    const error = page.getByTestId("tx-error");
    await error.waitFor();
    expect(await error.textContent()).to.equal(
      `Invest failed: ${story.funder} holds 2265.5 dGBP, less than the 3000 dGBP needed (ERC20InsufficientBalance)`,
    );
    expect(await read.shares(story.funder)).to.equal(dgbp("1500"));
    expect(await read.balance(story.funder)).to.equal(dgbp("2265.5"));
    expect(await read.balance(story.openPool)).to.equal(BigInt(OPEN_POOL.committed) * E18 + dgbp("1500"));
  });

  it("a deposit after the funding deadline shows the decoder's sentence with both times", async function () {
    const client = await conn.viem.getPublicClient();
    const terms = await client.readContract({
      address: story.escrows.reading,
      abi: outcomeEscrowAbi,
      functionName: "terms",
    });
    const late = BigInt(terms.fundingDeadline) + 1n;
    await mineAt(conn, late);
    await page.goto(`${app.url}#/escrows/${story.escrows.reading}`); // back from the pool's page
    await page.getByRole("button", { name: "Settle" }).waitFor();
    const iso = (s: bigint) => new Date(Number(s) * 1000).toISOString().replace(".000Z", "Z");
    // The funder's allowance covers 1 dGBP already (the failed 4,000 deposit left its approval): one transaction.
    await page.getByLabel("Amount to deposit (dGBP)").fill("1");
    await page.getByRole("button", { name: "Fund" }).click();
    const error = page.getByTestId("tx-error");
    await error.waitFor();
    // The call runs in a block after `late`: its time is the chain's, so it is read back and checked for order.
    const text = (await error.textContent()) ?? "";
    const match = /^Deposit failed: funding closed at (\S+) \(now (\S+)\) \(FundingClosed\)$/.exec(text);
    expect(match, text).to.not.equal(null);
    expect(match?.[1]).to.equal(iso(BigInt(terms.fundingDeadline)));
    expect(Date.parse(match?.[2] ?? "")).to.be.at.least(Number(late) * 1000);
  });

  it("with no final result after the grace period, anyone settles it to Refunding and the funder gets 1234.5 dGBP back to the wei", async function () {
    const client = await conn.viem.getPublicClient();
    const terms = await client.readContract({
      address: story.escrows.reading,
      abi: outcomeEscrowAbi,
      functionName: "terms",
    });
    // No evidence in this story: past settlementDeadline + gracePeriod the outcome settles as NoData (full refund).
    const noData = BigInt(terms.settlementDeadline) + BigInt(terms.gracePeriod) + 1n;
    await mineAt(conn, noData);
    await page.reload();
    await page.getByRole("button", { name: "Settle" }).click();
    await page.getByText(/^Settle: confirmed in block \d+\./).waitFor();
    await page.getByTestId("escrow-status").getByText("Refunding").waitFor();

    const balance = await read.balance(story.funder);
    expect(await read.depositOf(story.funder)).to.equal(dgbp("1234.5"));
    await page.getByRole("button", { name: "Get 1234.5 dGBP back" }).click();
    await page.getByText(/^Refund: confirmed in block \d+\./).waitFor();
    expect(await read.balance(story.funder)).to.equal(balance + dgbp("1234.5"));
    // All but the 1,500 dGBP still in the pool.
    expect(await read.balance(story.funder)).to.equal(BigInt(FUNDER_TOKENS) * E18 - dgbp("1500"));
    expect(await read.depositOf(story.funder)).to.equal(0n); // 0 after its refund
    await page.getByTestId("my-balance").getByText("3500 dGBP").waitFor();
    await page.getByTestId("my-deposit").getByText("0 dGBP").waitFor();
    expect(await page.getByRole("button", { name: /back$/ }).count()).to.equal(0);
  });

  it("past its raise deadline with 1500 of 10000 dGBP raised the pool's raise failed: the funder withdraws 1500 dGBP to the wei", async function () {
    // The escrow's tests moved the chain past the pool's 30-day raise.
    await page.goto(`${app.url}#/pools/${story.openPool}`);
    await page.getByTestId("pool-phase").getByText("Raise failed").waitFor();
    const balance = await read.balance(story.funder);
    await page.getByRole("button", { name: "Withdraw 1500 dGBP" }).click();
    await page.getByText(/^Withdraw: confirmed in block \d+\./).waitFor();
    expect(await read.shares(story.funder)).to.equal(0n);
    expect(await read.balance(story.funder)).to.equal(balance + dgbp("1500"));
    expect(await read.balance(story.openPool)).to.equal(BigInt(OPEN_POOL.committed) * E18); // Dara's commitment
    expect(await read.balance(story.funder)).to.equal(BigInt(FUNDER_TOKENS) * E18); // all of it back
    await page.getByTestId("my-balance").getByText("5000 dGBP").waitFor();
    await page.getByTestId("my-shares").getByText("0 RSB").waitFor();
    expect(await page.getByRole("button", { name: /^Withdraw/ }).count()).to.equal(0);
  });

  it("reads well at 375 px: the four pages pass axe and are photographed for the README", async function () {
    await page.setViewportSize({ width: 375, height: 812 });
    for (const [name, hash] of [
      ["missions", "#/"],
      ["mission", `#/missions/${story.readingMissionId}`],
      ["escrow", `#/escrows/${story.escrows.reading}`],
      ["pool", `#/pools/${story.openPool}`],
    ] as const) {
      await page.goto(`${app.url}${hash}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
      expect(await axeViolations(page), name).to.deep.equal([]);
      const width = z.number().parse(await page.evaluate("document.documentElement.scrollWidth"));
      expect(width, `${name} scrolls sideways at 375 px`).to.be.at.most(375);
      await screenshot(page, `${name}-375`);
    }
  });
});
