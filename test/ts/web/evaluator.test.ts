import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { z } from "zod";
import { erc20Abi, metricOracleAbi } from "../../../scripts/core/abis.js";
import { BOND } from "../../../scripts/demo/oracle.js";
import { signedFileSchema, toSignedFile } from "../../../scripts/formats/signed-reports.js";
import type { WebStory } from "../../../web/scripts/story.js";
import { axeViolations, screenshot } from "./browser.js";
import { startWebStack, walletPage, type WebStack } from "./stack.js";

/**
 * The evaluator console (#/evaluate) in Debian's chromium against the real stack, each role with its own injected
 * wallet. The web story leaves #RiversideCleanStreets' week 1 to evaluate (web/scripts/evaluation-story.ts). Chen, an
 * evaluator, sees his four open slots; signs goal 0's report (72.5, one decimal) in the wallet and sends it: the
 * quorum is reached and the lower middle (71.5) proposed; signs goal 1's report and downloads it, and Femi relays
 * the file in one batch. Femi disputes goal 2's proposed value with the 250 bGBP bond (balances to the wei), and a
 * second dispute without bond tokens shows the decoder's sentence. Okafor, the arbiter (the only one shown the
 * rulings), resolves goal 3 with another value (the bond back to Femi) and goal 2 with the proposed one (the bond to
 * the steward). The page passes axe with no serious or critical violation and reads at 375 px.
 */
const E18 = 10n ** 18n;
const isoTime = (s: bigint | number) => new Date(Number(s) * 1000).toISOString().replace(".000Z", "Z");

describe("web app: the evaluator console — report, relay, dispute and resolve, each with its own wallet", function () {
  this.timeout(600_000);

  let stack: WebStack | undefined;
  let story: WebStory;
  let chen: Page;
  let femi: Page;
  const downloads = mkdtempSync(path.join(tmpdir(), "cic-evaluator-"));
  let signedFile = "";

  const slot = (goalId: number) => [story.evaluation.missionId, 1, goalId, 1] as const;
  const oracle = async () => {
    const client = await stack!.conn.viem.getPublicClient();
    const at = { address: story.oracle, abi: metricOracleAbi } as const;
    return {
      slot: (goalId: number) => client.readContract({ ...at, functionName: "getSlot", args: slot(goalId) }),
      status: (goalId: number) => client.readContract({ ...at, functionName: "slotStatus", args: slot(goalId) }),
      reportOf: (goalId: number, who: `0x${string}`) =>
        client.readContract({ ...at, functionName: "reportOf", args: [...slot(goalId), who] }),
      dispute: (goalId: number) => client.readContract({ ...at, functionName: "getDispute", args: slot(goalId) }),
      claimable: (who: `0x${string}`) =>
        client.readContract({ ...at, functionName: "claimableBond", args: [story.evaluation.bondToken, who] }),
      nonceUsed: (who: `0x${string}`, nonce: bigint) =>
        client.readContract({ ...at, functionName: "nonceUsed", args: [who, nonce] }),
      bonds: (who: `0x${string}`) =>
        client.readContract({
          address: story.evaluation.bondToken,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [who],
        }),
    };
  };
  const STATUS = { Collecting: 1, Proposed: 2, Disputed: 3, Final: 4 } as const;

  /** Opens the console and connects the page's wallet. */
  async function openConsole(page: Page) {
    await page.goto(`${stack!.app.url}#/evaluate`);
    await page.getByRole("heading", { level: 1, name: "Evaluator console" }).waitFor();
    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  }

  before(async function () {
    stack = await startWebStack("evaluator");
    story = stack.story;
    ({ page: chen } = await walletPage(stack, story.evaluation.evaluator));
    ({ page: femi } = await walletPage(stack, story.evaluation.disputer));
  });

  after(async function () {
    await stack?.stop();
    rmSync(downloads, { recursive: true, force: true });
  });

  it("shows Chen the four slots of week 1 he must report, with deadlines and live status, and no arbiter view; passes axe", async function () {
    await openConsole(chen);
    await chen.getByRole("heading", { level: 2, name: "Slots to report (4)" }).waitFor();
    const o = await oracle();
    const { reportingDeadline } = await o.slot(0);
    const row = (goalId: number) => chen.getByTestId(`slot-${goalId}-1`);
    await row(0)
      .getByRole("cell", { name: isoTime(reportingDeadline) })
      .waitFor();
    await row(0).getByTestId("slot-status").getByText("1 of 2 reports").waitFor();
    await row(1).getByTestId("slot-status").getByText("1 of 2 reports").waitFor();
    // Tomasz 88 and Grace 96: the lower middle is proposed; goal 3 (12, 14 → 12) was disputed by Femi in the story.
    await row(2)
      .getByTestId("slot-status")
      .getByText(/^88 proposed until /)
      .waitFor();
    await row(3).getByTestId("slot-status").getByText("12 disputed").waitFor();
    expect(await chen.getByRole("button", { name: /^Report / }).count()).to.equal(3); // a disputed slot takes none
    expect(await chen.getByRole("heading", { name: /^Disputes you arbitrate/ }).count()).to.equal(0);
    expect(await axeViolations(chen)).to.deep.equal([]);
  });

  it("signs goal 0's report (72.5, one decimal) in the wallet and sends it: the quorum proposes the lower middle, 71.5 (715), and the page says so", async function () {
    // By keyboard: Enter on the row's button moves the focus to the form's heading, Tab to the value.
    await chen.getByRole("button", { name: "Report #riversidecleanstreets goal 0, period 1" }).press("Enter");
    const focused = () => chen.evaluate("document.activeElement?.textContent ?? ''");
    await chen.getByRole("heading", { level: 3, name: "Report #riversidecleanstreets goal 0, period 1" }).waitFor();
    expect(await focused()).to.equal("Report #riversidecleanstreets goal 0, period 1");
    await chen.keyboard.press("Tab");
    await chen.keyboard.type("72.5");
    expect(await chen.getByLabel("Value (1 decimal)").inputValue()).to.equal("72.5");
    await chen.getByLabel(/^Evidence/).fill("ipfs://bafy-week-1-walk");
    await chen.getByRole("button", { name: "Sign and submit" }).click();
    await chen.getByText(/^Submit report: confirmed in block \d+\./).waitFor();

    const o = await oracle();
    expect(await o.reportOf(0, story.evaluation.evaluator)).to.deep.equal([true, 725n]);
    const s = await o.slot(0);
    expect(s.status).to.equal(STATUS.Proposed);
    expect(s.reportCount).to.equal(2);
    expect(s.value).to.equal(715n); // Tomasz 71.5, Chen 72.5: the lower middle
    await chen.getByTestId("slot-0-1").getByTestId("slot-mine").getByText("72.5").waitFor();
    await chen
      .getByTestId("slot-0-1")
      .getByTestId("slot-status")
      .getByText(/^71\.5 proposed until /)
      .waitFor();
  });

  it("signs goal 1's report (250) and downloads it: the file is what oracle:relay reads, and no nonce is used yet", async function () {
    await chen.getByRole("button", { name: "Report #riversidecleanstreets goal 1, period 1" }).click();
    await chen.getByLabel("Value (0 decimals)").fill("250");
    const [download] = await Promise.all([
      chen.waitForEvent("download"),
      chen.getByRole("button", { name: "Sign and download" }).click(),
    ]);
    signedFile = path.join(downloads, download.suggestedFilename());
    await download.saveAs(signedFile);
    const signed = toSignedFile(signedFileSchema.parse(JSON.parse(readFileSync(signedFile, "utf8"))));
    expect(signed.chainId).to.equal(31337n);
    expect(signed.oracle).to.equal(story.oracle);
    expect(signed.reports).to.have.length(1);
    const [report] = signed.reports;
    expect(report?.reporter).to.equal(story.evaluation.evaluator);
    expect(report?.report).to.deep.include({
      missionId: story.evaluation.missionId,
      version: 1,
      goalId: 1,
      period: 1,
      value: 250n,
    });
    expect(report?.deadline).to.equal((await (await oracle()).slot(1)).reportingDeadline);
    expect(await (await oracle()).nonceUsed(story.evaluation.evaluator, report?.nonce ?? -1n)).to.equal(false);
    await chen.getByText(/^Saved report-m\d+-g1-p1-n\d+\.json: anyone can relay it/).waitFor();
  });

  it("Femi relays the signed file in one batch (reportBatch): Chen's 250 is recorded, 240 proposed, his nonce used", async function () {
    const signed = toSignedFile(signedFileSchema.parse(JSON.parse(readFileSync(signedFile, "utf8"))));
    await openConsole(femi);
    await femi.getByRole("heading", { level: 2, name: "Slots to report (0)" }).waitFor(); // Femi sits on no committee
    await femi.getByLabel("Signed-report files (JSON, one or more)").setInputFiles(signedFile);
    const row = femi.getByTestId("relay-0");
    await row.getByTestId("relay-state").getByText("ready to send").waitFor();
    await row.getByRole("cell", { name: "250", exact: true }).waitFor();
    await femi.getByRole("button", { name: "Send 1 report in one transaction" }).click();
    await femi.getByText(/^Relay: confirmed in block \d+\./).waitFor();
    await row.getByTestId("relay-state").getByText("recorded").waitFor();

    const o = await oracle();
    expect(await o.reportOf(1, story.evaluation.evaluator)).to.deep.equal([true, 250n]);
    const s = await o.slot(1);
    expect(s.status).to.equal(STATUS.Proposed);
    expect(s.value).to.equal(240n); // Grace 240, Chen 250: the lower middle
    expect(await o.nonceUsed(story.evaluation.evaluator, signed.reports[0]?.nonce ?? -1n)).to.equal(true);
  });

  it("Femi disputes goal 2's proposed 88 with the 250 bGBP bond (approve + dispute): his bGBP and the oracle's move by the bond to the wei", async function () {
    const o = await oracle();
    const before = { femi: await o.bonds(story.evaluation.disputer), oracle: await o.bonds(story.oracle) };
    expect(before.femi).to.equal(BOND); // two bonds minted by the story, one posted on goal 3
    expect(before.oracle).to.equal(BOND);
    const card = femi.getByTestId(`dispute-${story.evaluation.missionId}-2-1`);
    await card.getByTestId("bond").getByText("250 bGBP").waitFor();
    await card.getByTestId("bond-balance").getByText("250 bGBP").waitFor();
    await card.getByRole("button", { name: /^Dispute .*goal 2, period 1 \(250 bGBP bond\)$/ }).click();
    await femi.getByText(/^Dispute: confirmed in block \d+\./).waitFor();

    expect(await o.bonds(story.evaluation.disputer)).to.equal(0n);
    expect(await o.bonds(story.oracle)).to.equal(2n * BOND);
    expect(BOND).to.equal(250n * E18);
    expect(await o.dispute(2)).to.deep.equal({ disputer: story.evaluation.disputer, bond: 250n * E18 });
    expect(await o.status(2)).to.equal(STATUS.Disputed);
  });

  it("a dispute without bond tokens shows the decoder's sentence and moves nothing", async function () {
    const card = femi.getByTestId(`dispute-${story.evaluation.missionId}-0-1`);
    await card.getByRole("button", { name: /^Dispute / }).click();
    const error = femi.getByTestId("tx-error");
    await error.waitFor();
    expect(await error.textContent()).to.equal(
      `Dispute failed: ${story.evaluation.disputer} holds 0 bGBP, less than the 250 bGBP needed (ERC20InsufficientBalance)`,
    );
    expect(await (await oracle()).status(0)).to.equal(STATUS.Proposed);
  });

  it("Okafor, the arbiter, rules: goal 3 resolved at 13 (the bond back to Femi), goal 2 at the proposed 88 (the bond to the steward)", async function () {
    const { page: okafor } = await walletPage(stack!, story.evaluation.arbiter);
    await openConsole(okafor);
    await okafor.getByRole("heading", { level: 2, name: "Disputes you arbitrate (2)" }).waitFor();
    const ruling = (goalId: number) => okafor.getByTestId(`ruling-${story.evaluation.missionId}-${goalId}-1`);
    await ruling(3).getByLabel("Correct value (0 decimals)").fill("13");
    await ruling(3)
      .getByText("Sets another value than the proposed 12: the 250 bGBP bond returns to the disputer.")
      .waitFor();
    await ruling(3)
      .getByRole("button", { name: /^Resolve .* with this value$/ })
      .click();
    await okafor.getByText(/^Resolve: confirmed in block \d+\./).waitFor();
    const o = await oracle();
    expect(await o.status(3)).to.equal(STATUS.Final);
    expect((await o.slot(3)).value).to.equal(13n);
    expect(await o.claimable(story.evaluation.disputer)).to.equal(250n * E18);

    await okafor.getByRole("heading", { level: 2, name: "Disputes you arbitrate (1)" }).waitFor();
    await ruling(2)
      .getByText("Confirms the proposed value: the 250 bGBP bond goes to the mission's steward.")
      .waitFor();
    await ruling(2)
      .getByRole("button", { name: /^Resolve .* with this value$/ })
      .click();
    await okafor.getByRole("heading", { level: 2, name: "Disputes you arbitrate (0)" }).waitFor();
    expect(await o.status(2)).to.equal(STATUS.Final);
    expect((await o.slot(2)).value).to.equal(88n);
    const council = (await stack!.conn.viem.getWalletClients())[0]?.account.address;
    expect(await o.claimable(council ?? "0x")).to.equal(250n * E18); // Priya stewards #RiversideCleanStreets
    expect(await o.claimable(story.evaluation.disputer)).to.equal(250n * E18); // unchanged
  });

  it("reads well at 375 px and passes axe; photographed for the README", async function () {
    await chen.reload(); // the wallet stays connected to the site
    await chen.getByRole("heading", { level: 2, name: "Slots to report (4)" }).waitFor();
    await chen.getByTestId("slot-3-1").getByTestId("slot-status").getByText("final: 13").waitFor();
    await screenshot(chen, "evaluator");
    await chen.setViewportSize({ width: 375, height: 812 });
    await chen.waitForLoadState("networkidle");
    expect(await axeViolations(chen)).to.deep.equal([]);
    await screenshot(chen, "evaluator-375");
    const width = z.number().parse(await chen.evaluate("document.documentElement.scrollWidth"));
    // What sticks out, when something does: the innermost elements whose right edge passes the viewport.
    const wide = await chen.evaluate(
      "[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 376 && ![...e.children].some((c) => c.getBoundingClientRect().right > 376)).map((e) => e.tagName + '.' + e.className + ': ' + (e.textContent ?? '').slice(0, 60))",
    );
    expect(width, `the console scrolls sideways at 375 px: ${JSON.stringify(wide)}`).to.be.at.most(375);
  });
});
