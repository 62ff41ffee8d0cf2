import { readFileSync } from "node:fs";
import { expect } from "chai";
import { z } from "zod";
import type { Page } from "playwright-core";
import { metricOracleAbi, missionRegistryAbi } from "../../../scripts/core/abis.js";
import { parseMissionDoc } from "../../../scripts/formats/mission-doc.js";
import type { WebStory } from "../../../web/scripts/story.js";
import { axeViolations, screenshot } from "./browser.js";
import { getAddress } from "viem";
import { startWebStack, walletPage, type WebStack } from "./stack.js";

/**
 * The steward's page in Debian's chromium against the real stack (hardhat node with the app's story, indexer, the
 * production build), with an injected wallet acting as Hardhat account #12, which holds no role in the story. It
 * writes a mission document in the page's editor and creates the mission: the registry stores the very content hash
 * the CLI computes for the same text (`parseMissionDoc`), and the page shows the new mission; a document with an
 * error names its field and sends nothing; a taken hashtag shows the revert decoder's sentence. Then it activates the
 * mission, amends its goals (version 2 holds the CLI's hash of the amended text) and sets its committee (read back
 * from the oracle on chain); a bad quorum names its field and sends nothing. A mission it creates for another steward
 * shows who steers it, with every steward action off. The page passes axe at desktop width
 * and at 375 px, and is photographed for the README.
 */
const READING = readFileSync("examples/missions/reading-for-all.json", "utf8");
/** The example under a hashtag of its own (the story already created #ReadingForAll). */
const DESK = READING.replace('"#ReadingForAll"', '"#StewardDesk"');
/** The same mission's next version: the year-3 target raised from 75 to 78 %. */
const DESK_V2 = DESK.replace('"target": 75,', '"target": 78,');

describe("web app: the steward's page creates, activates, amends a mission and sets its committee", function () {
  this.timeout(600_000);

  let stack: WebStack | undefined;
  let page: Page;
  let conn: WebStack["conn"];
  let story: WebStory;
  let accounts: `0x${string}`[] = [];
  let missionId = 0n;

  const client = () => conn.viem.getPublicClient();
  const now = async () => Number((await (await client()).getBlock()).timestamp);
  const cliHash = async (text: string) => parseMissionDoc(text, "doc.json", { now: await now() }).contentHash;
  const missionCount = async () =>
    (await client()).readContract({ address: story.registry, abi: missionRegistryAbi, functionName: "missionCount" });
  const mission = async () =>
    (await client()).readContract({
      address: story.registry,
      abi: missionRegistryAbi,
      functionName: "getMission",
      args: [missionId],
    });
  const versionHash = async (version: number) =>
    (
      await (
        await client()
      ).readContract({
        address: story.registry,
        abi: missionRegistryAbi,
        functionName: "getVersion",
        args: [missionId, version],
      })
    )[0];
  const editor = () => page.getByLabel("Mission document (JSON, schemas/mission.schema.json)");

  before(async function () {
    stack = await startWebStack("steward");
    ({ conn, story } = stack);
    accounts = z
      .array(z.string())
      .parse(await conn.provider.request({ method: "eth_accounts" }))
      .map((a) => getAddress(a));
    ({ page } = await walletPage(stack, accounts[12] ?? "0x"));
  });

  after(async function () {
    await stack?.stop();
  });

  it("opens from the header's link, connects the wallet, loads an example with the CLI's content hash, and passes axe", async function () {
    await page.goto(stack!.app.url);
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Steward" }).click();
    await page.getByRole("heading", { level: 1, name: "Steward" }).waitFor();
    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
    await page.getByTestId("account").waitFor();
    await page.getByLabel("Example").selectOption("reading-for-all.json");
    await page.getByRole("button", { name: "Load example" }).click();
    await page.getByTestId("doc-check").getByText("Valid: #ReadingForAll, 2 goals.").waitFor();
    expect(await page.getByTestId("content-hash").textContent()).to.equal(await cliHash(READING));
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it("a document whose target equals its baseline names the field, and Create sends nothing", async function () {
    const count = await missionCount();
    await editor().fill(DESK.replace('"target": 75,', '"target": 62.4,'));
    await page.getByTestId("doc-check").getByText("/goals/0/target: must differ from baseline").waitFor();
    expect(await page.getByRole("button", { name: "Create mission" }).isDisabled()).to.equal(true);
    await editor().fill(DESK.replace('"title": "Reading for All",', ""));
    await page.getByTestId("doc-check").getByText("/title: is required").waitFor();
    expect(await page.getByRole("button", { name: "Create mission" }).isDisabled()).to.equal(true);
    expect(await missionCount()).to.equal(count);
  });

  it("creating #ReadingForAll again shows the decoder's sentence for the taken hashtag and creates nothing", async function () {
    const count = await missionCount();
    await editor().fill(READING);
    await page.getByRole("button", { name: "Create mission" }).click();
    const error = page.getByTestId("tx-error");
    await error.waitFor();
    expect(await error.textContent()).to.equal(
      `Create mission failed: #readingforall is already mission ${story.readingMissionId} (HashtagTaken)`,
    );
    expect(await missionCount()).to.equal(count);
  });

  it("creates #StewardDesk from the form: the registry stores the CLI's hash of the same text, and the page shows the mission", async function () {
    const count = await missionCount();
    await editor().fill(DESK);
    await page.getByTestId("doc-check").getByText("Valid: #StewardDesk, 2 goals.").waitFor();
    await page.getByRole("button", { name: "Create mission" }).click();
    await page.getByText(/^Create mission: confirmed in block \d+\./).waitFor();
    missionId = count + 1n;
    expect(await missionCount()).to.equal(missionId);
    expect(await versionHash(1)).to.equal(await cliHash(DESK));
    const created = await mission();
    expect(created.steward).to.equal(accounts[12]);
    expect(created.status).to.equal(1); // Draft
    await page.getByTestId("created").getByText(`Mission ${missionId} #StewardDesk is created, in Draft.`).waitFor();
    const manage = page.getByTestId("manage");
    await manage.getByRole("heading", { level: 2, name: `Mission ${missionId} #stewarddesk` }).waitFor();
    await manage.getByTestId("mission-status").getByText("Draft").waitFor();
  });

  it("activates it: Draft → Active on chain and on the page, and Activate is then off", async function () {
    await page.getByRole("button", { name: "Activate" }).click();
    await page.getByText(/^Activate: confirmed in block \d+\./).waitFor();
    expect((await mission()).status).to.equal(2); // Active
    await page.getByTestId("mission-status").getByText("Active").waitFor();
    expect(await page.getByRole("button", { name: "Activate" }).isDisabled()).to.equal(true);
  });

  it("amends its goals with the edited document: version 2 holds the CLI's hash of the amended text", async function () {
    await editor().fill(DESK_V2);
    await page
      .getByTestId("amend-hint")
      .getByText(/^New goal version from the document above \(2 goals/)
      .waitFor();
    await page.getByRole("button", { name: "Amend goals" }).click();
    await page.getByText(/^Amend goals: confirmed in block \d+\./).waitFor();
    expect((await mission()).versionCount).to.equal(2);
    expect(await versionHash(2)).to.equal(await cliHash(DESK_V2));
    expect(await versionHash(2)).to.not.equal(await versionHash(1));
    await page.getByTestId("version-count").getByText("2").waitFor();
  });

  it("a quorum above the member count names its field and sends nothing; then it sets the committee, as read back from the oracle", async function () {
    const [m1, m2, m3, arbiter] = [accounts[13], accounts[14], accounts[15], accounts[16]];
    const version = async () =>
      (await client()).readContract({
        address: story.oracle,
        abi: metricOracleAbi,
        functionName: "committeeVersion",
        args: [missionId],
      });
    expect(await version()).to.equal(0);
    await page.getByLabel("Members").fill(`${m1}, ${m2}, ${m3}`);
    await page.getByLabel("Quorum").fill("4");
    await page.getByLabel("Bond token").fill(story.token);
    await page.getByLabel("Bond (whole tokens)").fill("100");
    await page.getByLabel("Arbiter").fill(arbiter ?? "");
    await page.getByRole("button", { name: "Set committee" }).click();
    expect(await page.getByTestId("committee-error").textContent()).to.equal(
      'quorum: must be ≤ the number of members (got "4")',
    );
    expect(await version()).to.equal(0);

    await page.getByLabel("Quorum").fill("2");
    await page.getByRole("button", { name: "Set committee" }).click();
    await page.getByText(/^Set committee: confirmed in block \d+\./).waitFor();
    expect(await version()).to.equal(1);
    const committee = await (
      await client()
    ).readContract({
      address: story.oracle,
      abi: metricOracleAbi,
      functionName: "getCommittee",
      args: [missionId, 1],
    });
    expect(committee.members).to.deep.equal([m1, m2, m3]);
    expect(committee.quorum).to.equal(2);
    expect(committee.challengeWindow).to.equal(86_400);
    expect(committee.bondToken).to.equal(story.token);
    expect(committee.bondAmount).to.equal(100n * 10n ** 18n);
    expect(committee.arbiter).to.equal(arbiter);
    await page
      .getByTestId("committee")
      .getByText(/^Version 1: 2 of 3 /)
      .waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "steward");
  });

  it("a mission created for another steward shows who steers it, with activate, amend and committee switched off", async function () {
    const other = accounts[13];
    await editor().fill(DESK.replace('"#StewardDesk"', '"#OtherDesk"'));
    await page.getByLabel("Steward address").fill(other ?? "");
    await page.getByRole("button", { name: "Create mission" }).click();
    await page.getByText(/^Create mission: confirmed in block \d+\./).waitFor();
    missionId = await missionCount();
    expect((await mission()).steward).to.equal(other);
    const manage = page.getByTestId("manage");
    await manage.getByRole("heading", { level: 2, name: `Mission ${missionId} #otherdesk` }).waitFor();
    await manage
      .getByText(`Only the steward, ${other}, may activate this mission, amend its goals or set its committee.`)
      .waitFor();
    for (const name of ["Activate", "Amend goals", "Set committee"])
      expect(await manage.getByRole("button", { name }).isDisabled(), name).to.equal(true);
  });

  it("reads well at 375 px: no sideways scroll, and axe finds nothing serious", async function () {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole("heading", { level: 1, name: "Steward" }).waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    const width = z.number().parse(await page.evaluate("document.documentElement.scrollWidth"));
    expect(width, "the steward page scrolls sideways at 375 px").to.be.at.most(375);
  });
});
