/**
 * `npm run export -- --from-indexer URL --out DIR`: the exporter's files (every `<table>.json` / `<table>.csv` and
 * `manifest.json`) downloaded from a running indexer's `/open-data`, instead of rebuilt from RPC logs. The indexer
 * produces them with the exporter's own reducer over the events it indexed, so the table files are identical.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const fileList = z.array(z.string().regex(/^[a-z_]+\.(json|csv)$/, "an open-data file name"));

/** Downloads every open-data file from `baseUrl` into `out`; returns the paths written. */
export async function downloadOpenData(
  baseUrl: string,
  out: string,
  log: (line: string) => void = console.log,
): Promise<string[]> {
  const base = baseUrl.replace(/\/+$/, "");
  const get = async (what: string): Promise<string> => {
    const res = await fetch(`${base}/open-data${what}`);
    if (!res.ok)
      throw new Error(`--from-indexer: GET ${base}/open-data${what} answered ${res.status}: ${await res.text()}`);
    return res.text();
  };
  const names = fileList.parse(JSON.parse(await get("")));
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const name of names) {
    const file = path.join(out, name);
    writeFileSync(file, await get(`/${name}`));
    written.push(file);
  }
  log(`${names.length} files from the indexer at ${base} → ${out}/`);
  return written;
}
