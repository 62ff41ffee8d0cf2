/**
 * The web tests' stack, started once per test file: a hardhat node with the app's story (`seedWebStory`, no crowd),
 * its address book, the indexer (Ponder, PGlite) caught up with the chain, the production build served with its
 * `config.json`, and Debian's chromium with one page whose injected EIP-6963 test wallet acts as `account`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { getAddress } from "viem";
import { z } from "zod";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { writeAddressBook } from "../../../indexer/scripts/story.js";
import { buildWeb } from "../../../web/scripts/build.js";
import { localAppConfig } from "../../../web/scripts/config.js";
import { serveApp, type RunningApp } from "../../../web/scripts/serve.js";
import { seedWebStory, type WebStory } from "../../../web/scripts/story.js";
import { startHardhatNode, type RunningNode } from "../helpers/hardhat-cli.js";
import { startIndexer, waitForBlock, type RunningIndexer } from "../indexer/ponder-process.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./browser.js";
import { installTestWallet } from "./test-wallet.js";

export interface WebStack {
  conn: Awaited<ReturnType<typeof network.create>>;
  story: WebStory;
  app: RunningApp;
  context: BrowserContext;
  page: Page;
  /** Stops everything this started, in reverse order. */
  close(): Promise<void>;
}

/**
 * Starts the stack; the page's wallet acts as `account(story)` (the story's funder unless told otherwise). `name`
 * keeps the indexer's deployment id apart from other test files'.
 */
export async function startWebStack(
  name: string,
  account: (story: WebStory, accounts: `0x${string}`[]) => `0x${string}` = (story) => story.funder,
): Promise<WebStack> {
  const deploymentId = `indexer-${name}-${process.pid}-${Date.now()}`;
  const work = mkdtempSync(path.join(tmpdir(), "cic-web-"));
  let node: RunningNode | undefined;
  let indexer: RunningIndexer | undefined;
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let conn: WebStack["conn"] | undefined;
  let bookDir: string | undefined;
  const close = async () => {
    await browser?.close();
    await app?.close();
    await indexer?.stop();
    await conn?.close();
    await node?.stop();
    if (bookDir !== undefined) rmSync(bookDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const built = buildWeb();
    node = await startHardhatNode();
    conn = await network.create({ network: "localhost", override: { url: node.url } });
    const story = await seedWebStory(conn, { crowd: false });
    bookDir = writeAddressBook(deploymentId, story);
    indexer = await startIndexer({ rpcUrl: node.url, deploymentId, dataDir: path.join(work, "pglite") });
    const client = await conn.viem.getPublicClient();
    await waitForBlock(indexer, Number(await client.getBlockNumber()));
    await built;
    app = await serveApp(localAppConfig({ rpcUrl: node.url, indexerUrl: indexer.url, contracts: story }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const accounts = z
      .array(z.string())
      .parse(await conn.provider.request({ method: "eth_accounts" }))
      .map((a) => getAddress(a));
    await installTestWallet(context, node.url, account(story, accounts));
    const page = await context.newPage();
    page.setDefaultTimeout(20_000); // a loaded CI machine: each step waits at most this long
    return { conn, story, app, context, page, close };
  } catch (err) {
    await close();
    throw err;
  }
}
