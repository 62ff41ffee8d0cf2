/** `vite build` of the web package into web/dist, as a child process with the current Node; rejects with its log. */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

export const WEB_DIR = path.resolve(import.meta.dirname, "..");

export function buildWeb(): Promise<void> {
  // The web workspace's own vite (pinned in web/package.json), wherever npm placed it.
  const vite = path.join(
    path.dirname(createRequire(path.join(WEB_DIR, "package.json")).resolve("vite/package.json")),
    "bin",
    "vite.js",
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, "build", "--logLevel", "warn"], {
      cwd: WEB_DIR,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited ${code}:\n${log}`))));
  });
}
