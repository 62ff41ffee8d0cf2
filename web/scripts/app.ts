/**
 * `npm run app`: the whole suite on this machine, in a browser. Builds the app, starts a Hardhat node on
 * 127.0.0.1:8545, runs the demo story up to its open escrows and open pool (web/scripts/story.ts) and writes its Ignition-format
 * address book (deploy/deployments/web-app), starts the indexer on :42069 (PGlite) and serves the app on :5173, then
 * prints the URL and how to add the funder's Hardhat test account to a wallet. Ctrl-C stops all of it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { HDNodeWallet } from "ethers";
import { network } from "hardhat";
import { z } from "zod";
import { writeAddressBook } from "../../indexer/scripts/story.js";
import { buildWeb } from "./build.js";
import { localAppConfig } from "./config.js";
import { serveApp } from "./serve.js";
import { ARBITER_INDEX, EVALUATOR_INDEX } from "./evaluation-story.js";
import { FUNDER_INDEX, FUNDER_TOKENS, seedWebStory } from "./story.js";

const CHAIN_PORT = 8545;
const INDEXER_PORT = 42069;
const APP_PORT = 5173;
const DEPLOYMENT_ID = "web-app";
/** Hardhat's public test mnemonic: its keys are known to everyone and hold nothing outside this local chain. */
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const children: ChildProcess[] = [];

function start(name: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`app: ${name} stopped (${signal ?? `exit ${code}`}):\n${log}`);
      process.exit(1);
    }
  });
  children.push(child);
  return child;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return; // not up yet: try again
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`app: ${what} did not come up within ${timeoutMs / 1000} s`);
}

const rpc = (url: string, method: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
  });

let stopping = false;
const stopAll = () => {
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log("\napp: stopping the chain, the indexer and the server…");
    stopAll();
    process.exit(0);
  });
}

const rpcUrl = `http://127.0.0.1:${CHAIN_PORT}`;
console.log("app: building the web app…");
await buildWeb();
if (
  await rpc(rpcUrl, "eth_chainId").then(
    () => true,
    () => false,
  )
) {
  throw new Error(`app: something already listens on ${rpcUrl}; stop it (another \`npx hardhat node\`?) and retry`);
}
console.log(`app: starting a Hardhat node on ${rpcUrl}…`);
start("hardhat node", [
  path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js"),
  "node",
  "--hostname",
  "127.0.0.1",
  "--port",
  String(CHAIN_PORT),
]);
await waitFor("the Hardhat node", async () => (await rpc(rpcUrl, "eth_chainId")).ok);

console.log("app: seeding the demo story up to its open escrows and open pool (about a minute)…");
const conn = await network.create({ network: "localhost", override: { url: rpcUrl } });
const story = await seedWebStory(conn, { crowd: true });
const head = Number(z.object({ result: z.string() }).parse(await (await rpc(rpcUrl, "eth_blockNumber")).json()).result);
await conn.close();
writeAddressBook(DEPLOYMENT_ID, story);

console.log(`app: starting the indexer on :${INDEXER_PORT} (PGlite)…`);
start("indexer", [path.join(ROOT, "indexer", "scripts", "run.mjs"), "--rpc", rpcUrl, "--port", String(INDEXER_PORT)], {
  IGNITION_DEPLOYMENT_ID: DEPLOYMENT_ID,
  PONDER_TELEMETRY_DISABLED: "true",
});
const indexerUrl = `http://127.0.0.1:${INDEXER_PORT}`;
const indexerStatus = z.object({ localhost: z.object({ block: z.object({ number: z.number() }) }).optional() });
await waitFor("the indexer", async () => {
  if (!(await fetch(`${indexerUrl}/ready`)).ok) return false;
  const status = indexerStatus.parse(await (await fetch(`${indexerUrl}/status`)).json());
  return (status.localhost?.block.number ?? 0) >= head;
});

const app = await serveApp(localAppConfig({ rpcUrl, indexerUrl, contracts: story }), APP_PORT);
const keyOf = (index: number) =>
  HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`).privateKey;
const funderKey = keyOf(FUNDER_INDEX);
console.log(
  [
    "",
    `The app is at ${app.url}`,
    "",
    "To fund an escrow from your browser wallet (MetaMask, Rabby, …):",
    `  1. add a network: RPC URL ${rpcUrl}, chain id 31337, currency ETH`,
    `  2. import Hardhat's public test account #${FUNDER_INDEX} (${story.funder}), which holds ${FUNDER_TOKENS} dGBP:`,
    `     private key ${funderKey}`,
    "     (a well-known test key: never send real funds to it)",
    `  3. open ${app.url}#/escrows/${story.escrows.reading} and fund it,`,
    `     or ${app.url}#/pools/${story.openPool} and invest in the RSB pool`,
    `  4. or open ${app.url}#/evaluate: as this account, relay a signed report or dispute a proposed value (it holds a`,
    "     250 bGBP bond); import evaluator Chen to report #RiversideCleanStreets' week 1, arbiter Okafor to resolve:",
    `     #${EVALUATOR_INDEX} ${story.evaluation.evaluator} private key ${keyOf(EVALUATOR_INDEX)}`,
    `     #${ARBITER_INDEX} ${story.evaluation.arbiter} private key ${keyOf(ARBITER_INDEX)}`,
    "",
    `Indexer API: ${indexerUrl}/graphql. Ctrl-C stops the chain, the indexer and the app.`,
  ].join("\n"),
);
await new Promise<never>(() => {}); // serve until Ctrl-C
