import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";

/** Folders that are generated, installed or local, never part of the map. */
const NOT_MAPPED = new Set(["node_modules", "artifacts", "cache", "coverage", "typechain-types", "out", "ignition"]);

const isDir = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
const subfolders = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !NOT_MAPPED.has(e.name))
    .map((e) => e.name)
    .sort();
const filesBelow = (dir: string, ext: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => path.join(e.parentPath, e.name));

/** The rows of the README's `## Map` table: the backticked path in the first cell, and the whole row. */
function readmeMap(): Map<string, string> {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.split("\n## Map\n")[1]?.split("\n## ")[0];
  if (section === undefined) throw new Error("README.md has no `## Map` section");
  const rows = new Map<string, string>();
  for (const line of section.split("\n")) {
    const cell = /^\| `([^`]+)` \|/.exec(line);
    if (cell?.[1] !== undefined) rows.set(cell[1], line);
  }
  return rows;
}

describe("README map and docs/architecture.md match the tree", () => {
  const map = readmeMap();

  it("lists only paths that exist", () => {
    expect(map.size).to.be.greaterThan(15);
    const gone = [...map.keys()].filter((p) => statSync(p.replace(/\/$/, ""), { throwIfNoEntry: false }) === undefined);
    expect(gone, `README map names paths that do not exist: ${gone.join(", ")}`).to.deep.equal([]);
  });

  it("lists every top-level folder, and every domain folder of contracts/, scripts/ and test/", () => {
    const expected: string[] = [];
    for (const top of subfolders(".")) {
      if (["contracts", "scripts", "test"].includes(top)) {
        for (const sub of subfolders(top)) expected.push(`${top}/${sub}/`);
      } else {
        expected.push(`${top}/`);
      }
    }
    const missing = expected.filter((p) => !map.has(p));
    expect(missing, `folders missing from the README map: ${missing.join(", ")}`).to.deep.equal([]);
  });

  it("names every subfolder of test/contracts/ and test/ts/ in their row", () => {
    for (const dir of ["test/contracts", "test/ts"]) {
      const row = map.get(`${dir}/`) ?? "";
      const missing = subfolders(dir).filter((sub) => !row.includes(`\`${sub}/\``));
      expect(missing, `${dir}/ subfolders missing from its README map row`).to.deep.equal([]);
    }
  });

  it("docs/architecture.md names every contract file, and every contract file it names exists", () => {
    const doc = readFileSync("docs/architecture.md", "utf8");
    const files = filesBelow("contracts", ".sol").map((f) => path.basename(f));
    const unnamed = files.filter((f) => !doc.includes(`${f}\``));
    expect(unnamed, `contract files missing from docs/architecture.md: ${unnamed.join(", ")}`).to.deep.equal([]);
    const named = [...doc.matchAll(/`(?:contracts\/[a-z]+\/)?([A-Za-z0-9]+\.sol)`/g)].map((m) => m[1] ?? "");
    const gone = named.filter((f) => !files.includes(f));
    expect(gone, `docs/architecture.md names contract files that do not exist: ${gone.join(", ")}`).to.deep.equal([]);
    expect(isDir("contracts")).to.equal(true);
  });
});
