/**
 * The stack every browser test of the web app runs against: a hardhat node with the web story (web/scripts/story.ts),
 * its address book, the indexer (Ponder, PGlite) caught up with the chain, the production build served with its
 * `config.json`, and Debian's chromium. `walletPage` opens a page whose injected test wallet acts as one account.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { network } from "hardhat";
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

export type Connection = Awaited<ReturnType<typeof network.create>>;

/** Mines the node's next block at `seconds` (a Unix time): the tests' only way to move the stack's clock. */
export async function mineAt(conn: Connection, seconds: bigint): Promise<void> {
  await conn.provider.request({ method: "evm_setNextBlockTimestamp", params: [`0x${seconds.toString(16)}`] });
  await conn.provider.request({ method: "evm_mine", params: [] });
}

export interface WebStack {
  node: RunningNode;
  conn: Connection;
  story: WebStory;
  indexer: RunningIndexer;
  app: RunningApp;
  browser: Browser;
  /** Stops the browser, the server, the indexer and the node, and removes the address book and the indexer's data. */
  stop(): Promise<void>;
}

/**
 * The production build, once per test process: it does not depend on the stack (each stack serves its own
 * `config.json` next to it), so the browser test files share one `vite build` instead of running one each.
 */
let webBuild: Promise<void> | undefined;
const buildWebOnce = (): Promise<void> => (webBuild ??= buildWeb());

/** Starts the stack (the build, once per process, runs while the story seeds the chain). */
export async function startWebStack(name: string): Promise<WebStack> {
  const deploymentId = `indexer-${name}-${process.pid}-${Date.now()}`;
  const work = mkdtempSync(path.join(tmpdir(), `cic-${name}-`));
  const built = buildWebOnce();
  const stops: (() => Promise<void> | void)[] = [() => rmSync(work, { recursive: true, force: true })];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const node = await startHardhatNode();
    stops.push(() => node.stop());
    const conn = await network.create({ network: "localhost", override: { url: node.url } });
    stops.push(() => conn.close());
    const story = await seedWebStory(conn, { crowd: false });
    const bookDir = writeAddressBook(deploymentId, story);
    stops.push(() => rmSync(bookDir, { recursive: true, force: true }));
    const indexer = await startIndexer({ rpcUrl: node.url, deploymentId, dataDir: path.join(work, "pglite") });
    stops.push(() => indexer.stop());
    const client = await conn.viem.getPublicClient();
    await waitForBlock(indexer, Number(await client.getBlockNumber()));
    await built;
    const app = await serveApp(localAppConfig({ rpcUrl: node.url, indexerUrl: indexer.url, contracts: story }));
    stops.push(() => app.close());
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    stops.push(() => browser.close());
    return { node, conn, story, indexer, app, browser, stop };
  } catch (err) {
    await built.catch(() => undefined); // the build's own failure is not the one to report
    await stop();
    throw err;
  }
}

/** A fresh browser context whose injected wallet acts as `account`, and its page (20 s per step at most). */
export async function walletPage(
  stack: WebStack,
  account: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.browser.newContext({ viewport, acceptDownloads: true });
  await installTestWallet(context, stack.node.url, account);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000); // a loaded CI machine: each step waits at most this long
  return { context, page };
}
