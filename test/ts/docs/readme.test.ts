import { readFileSync } from "node:fs";
import { expect } from "chai";
import hre from "hardhat";

/** The suite's own task groups (Hardhat's built-in tasks are documented by Hardhat). */
const OWN_GROUPS = ["mission", "oracle", "escrow", "pool", "data", "suite", "token", "chain"];

describe("README", () => {
  const readme = readFileSync("README.md", "utf8");

  it("mentions every task of the suite", () => {
    const ours = [...hre.tasks.rootTasks.keys()].filter((name) => OWN_GROUPS.includes(name.split(":")[0] ?? ""));
    expect(ours.length).to.be.greaterThan(30);
    const missing = ours.filter((name) => !readme.includes(name));
    expect(missing, `tasks missing from README.md: ${missing.join(", ")}`).to.deep.equal([]);
  });

  it("mentions every npm script", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    const scripts = Object.keys(pkg.scripts).filter((s) => !/^(pre|post)/.test(s));
    const missing = scripts.filter((s) => !readme.includes(`npm run ${s}`) && !readme.includes(`npm ${s}`));
    expect(missing, `npm scripts missing from README.md: ${missing.join(", ")}`).to.deep.equal([]);
  });

  it("has exactly two quick-start commands, one for the demo and one for the tests", () => {
    const section = readme.split("## Quick start")[1]?.split("\n## ")[0] ?? "";
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const commands = block.split("\n").filter((line) => line.trim() !== "");
    expect(commands).to.have.length(2);
    expect(commands[0]).to.match(/npm ci && npm run demo/);
    expect(commands[1]).to.match(/npm ci && npm test/);
  });
});
