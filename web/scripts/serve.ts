/**
 * Serves the built app (web/dist) and its run-time `config.json` on 127.0.0.1: a few lines of node:http, for
 * `npm run app` and the browser tests alike. Unknown paths get index.html (the app routes by hash).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import type { AppConfig } from "../src/config.js";

export const DIST = path.resolve(import.meta.dirname, "..", "dist");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` with `config` as `/config.json` on `port` (0: a free one). */
export async function serveApp(config: AppConfig, port = 0, dir = DIST): Promise<RunningApp> {
  if (!existsSync(path.join(dir, "index.html")))
    throw new Error(`web: no build in ${dir}; run \`npm run -w web build\``);
  const configBody = JSON.stringify(config);
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://app").pathname);
    if (pathname === "/config.json") {
      res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-store" });
      res.end(configBody);
      return;
    }
    const file = path.join(dir, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ""));
    const found =
      file.startsWith(dir) && existsSync(file) && statSync(file).isFile() ? file : path.join(dir, "index.html");
    const type = TYPES[path.extname(found)] ?? "application/octet-stream";
    const immutable = found.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      "content-type": type,
      "cache-control": immutable ? "max-age=31536000, immutable" : "no-cache",
    });
    res.end(readFileSync(found));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const bound = typeof address === "object" && address !== null ? address.port : port;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
