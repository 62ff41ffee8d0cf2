#!/usr/bin/env node
/**
 * `npm run indexer -- [--network localhost] [--rpc URL] [--port 42069] [--schema public]`: generates the ABIs,
 * starts `ponder start` for the chosen network (addresses from its Ignition address book, see src/suite.ts) and
 * prints the API URLs once the HTTP server is up. DATABASE_URL selects Postgres; PGlite otherwise.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";

const INDEXER = fileURLToPath(new URL("../", import.meta.url));

const { values } = parseArgs({
  options: {
    network: { type: "string", default: process.env.INDEXER_NETWORK ?? "localhost" },
    rpc: { type: "string" },
    port: { type: "string", default: "42069" },
    schema: { type: "string", default: "public" },
  },
});
const options = z
  .object({
    network: z.enum(["localhost", "sepolia", "baseSepolia", "opSepolia"], {
      errorMap: () => ({ message: "--network: one of localhost, sepolia, baseSepolia, opSepolia" }),
    }),
    rpc: z.string().url("--rpc: must be a URL").optional(),
    port: z.coerce.number({ message: "--port: must be a number" }).int().min(1).max(65535),
    schema: z.string().regex(/^[a-z_][a-z0-9_]*$/, "--schema: a Postgres schema name"),
  })
  .safeParse(values);
if (!options.success) {
  console.error(`indexer: ${options.error.issues[0]?.message}`);
  process.exit(2);
}
const { network, rpc, port, schema } = options.data;

const abis = spawn(process.execPath, [path.join(INDEXER, "scripts", "abis.mjs")], { stdio: "inherit" });
const abisCode = await new Promise((resolve) => abis.on("close", resolve));
if (abisCode !== 0) process.exit(1);

/**
 * A local hardhat node restarted is a new chain with the same chain id, and Ponder keys its RPC cache and its
 * progress by chain id: on localhost, PGlite gets a folder per chain (named after the hash of block 1).
 */
async function localDataDir() {
  const url = rpc ?? process.env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545";
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBlockByNumber", params: ["0x1", false] }),
  }).catch((error) => {
    console.error(`indexer: cannot reach the localhost node at ${url} (${error.message}); start \`npx hardhat node\``);
    process.exit(1);
  });
  const block = z.object({ result: z.object({ hash: z.string() }).nullable() }).parse(await res.json()).result;
  if (block === null) {
    console.error(`indexer: the node at ${url} has no block 1 yet; deploy the suite first`);
    process.exit(1);
  }
  return path.join(INDEXER, ".ponder", `pglite-localhost-${block.hash.slice(2, 14)}`);
}
const dataDir =
  network === "localhost" && !process.env.DATABASE_URL && !process.env.INDEXER_DATA_DIR
    ? await localDataDir()
    : undefined;

// ponder's exports map hides package.json: resolve its ESM entry (dist/esm/index.js), the CLI is next to it.
const ponderBin = path.join(path.dirname(fileURLToPath(import.meta.resolve("ponder"))), "bin", "ponder.js");
const env = {
  ...process.env,
  PONDER_TELEMETRY_DISABLED: "true",
  INDEXER_NETWORK: network,
  ...(rpc === undefined ? {} : { INDEXER_RPC_URL: rpc }),
  ...(dataDir === undefined ? {} : { INDEXER_DATA_DIR: dataDir }),
};
const child = spawn(process.execPath, [ponderBin, "start", "--schema", schema, "--port", String(port)], {
  cwd: INDEXER,
  env,
  stdio: ["inherit", "pipe", "inherit"],
});
let printed = false;
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  const match = /Created HTTP server port=(\d+)/.exec(chunk.toString());
  if (match !== null && !printed) {
    printed = true;
    const base = `http://localhost:${match[1]}`;
    console.log(
      [
        "",
        `indexer API (${network}, ${process.env.DATABASE_URL ? "Postgres" : "PGlite"}):`,
        `  GraphQL        ${base}/graphql`,
        `  SQL over HTTP  ${base}/sql`,
        `  open data      ${base}/open-data/<table>.json | .csv   (list: ${base}/open-data)`,
        `  dashboards     ${base}/missions/<id>   ${base}/accounts/<address>`,
        `  status         ${base}/status   ${base}/ready`,
        "",
      ].join("\n"),
    );
  }
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("close", (code) => process.exit(code ?? 1));
