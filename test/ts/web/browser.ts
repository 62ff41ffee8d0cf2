/**
 * The browser of the web tests: Debian's chromium (`apt-get install chromium`; nothing here downloads a browser),
 * headless, offline apart from the local stack, each launch on a fresh temporary profile. Plus the two checks every
 * page gets: axe-core's scan and a screenshot for the README.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import axe from "axe-core";
import type { Page } from "playwright-core";
import { z } from "zod";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const SCREENSHOTS = path.resolve("docs", "screenshots");

const violations = z.array(
  z.object({ id: z.string(), impact: z.string().nullable().optional(), help: z.string(), nodes: z.array(z.unknown()) }),
);

/** axe-core's serious and critical violations on the page as `id: help (n elements)`; [] when there is none. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const found = violations.parse(
    // A string, run in the page: axe's global `axe` exists only there (injected just above).
    await page.evaluate("axe.run().then((result) => result.violations)"),
  );
  return found
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length} elements)`);
}

/** Writes the full page to docs/screenshots/<name>.png (desktop pages as `<name>.png`, phones as `<name>-375.png`). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: "disabled" });
}
