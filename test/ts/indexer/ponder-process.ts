import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import { writeAbis } from "../../../indexer/scripts/abis.mjs";
import { freePort } from "../helpers/hardhat-cli.js";

/** The Ponder CLI of the indexer workspace, run with the current Node (22). */
export const PONDER_CLI = path.resolve("node_modules", "ponder", "dist", "esm", "bin", "ponder.js");
export const INDEXER_DIR = path.resolve("indexer");

export interface IndexerOptions {
  rpcUrl: string;
  deploymentId: string;
  /** PGlite directory, or a Postgres URL in `databaseUrl`. */
  dataDir?: string;
  databaseUrl?: string;
  /** Database schema (default public). */
  schema?: string;
}

export interface RunningIndexer {
  url: string;
  log(): string;
  /** The exit code or signal once the process has ended, else undefined. */
  exited(): string | undefined;
  /** SIGTERM (Ponder's graceful shutdown), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

const statusSchema = z.record(z.string(), z.object({ id: z.number(), block: z.object({ number: z.number() }) }));

/** Starts `ponder start` for the indexer on a free port; resolves once its HTTP server answers /health. */
export async function startIndexer(options: IndexerOptions, timeoutMs = 120_000): Promise<RunningIndexer> {
  writeAbis(); // the ABIs Ponder's config imports, from the artifacts of this test run
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    INDEXER_NETWORK: "localhost",
    INDEXER_RPC_URL: options.rpcUrl,
    IGNITION_DEPLOYMENT_ID: options.deploymentId,
    INDEXER_DATA_DIR: options.dataDir ?? "",
    DATABASE_URL: options.databaseUrl ?? "",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [PONDER_CLI, "start", "--schema", options.schema ?? "public", "--port", String(port), "--log-format", "pretty"],
    { cwd: INDEXER_DIR, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await closed;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ponder exited early (${child.exitCode}):\n${log}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false, // not listening yet
    );
    const exited = () =>
      child.exitCode !== null ? `exit ${child.exitCode}` : child.signalCode !== null ? child.signalCode : undefined;
    if (ok) return { url, log: () => log, exited, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`ponder did not answer /health within ${timeoutMs} ms:\n${log}`);
}

/** The block the indexer has indexed up to (Ponder's /status), or undefined before it has one. */
export async function indexedBlock(url: string): Promise<number | undefined> {
  const res = await fetch(`${url}/status`);
  if (!res.ok) return undefined;
  const status = statusSchema.parse(await res.json());
  return status.localhost?.block.number;
}

/** Waits until the indexer has indexed block `target` (and is ready); returns how long it took. */
export async function waitForBlock(
  indexer: RunningIndexer,
  target: number,
  timeoutMs = 120_000,
  pollMs = 50,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const exited = indexer.exited();
    if (exited !== undefined) throw new Error(`the indexer ended (${exited}):\n${indexer.log().slice(-6000)}`);
    const ready = await fetch(`${indexer.url}/ready`).then(
      (r) => r.ok,
      (error: unknown) => {
        throw new Error(`GET /ready failed (${String(error)}):\n${indexer.log().slice(-6000)}`);
      },
    );
    if (ready) {
      const block = await indexedBlock(indexer.url);
      if (block !== undefined && block >= target) return Date.now() - started;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`indexer did not reach block ${target} within ${timeoutMs} ms:\n${indexer.log().slice(-4000)}`);
}
