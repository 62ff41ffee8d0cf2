import { readFileSync } from "node:fs";
import { expect } from "chai";
import hre from "hardhat";
import { allCommands, MARKER, SECOND_MARKER, walkthrough } from "../helpers/readme.js";

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

  it("every `npx hardhat` command in a README block names a real task and only options it has", function () {
    const commands = allCommands(readme).filter((c) => c.words[0] === "npx" && c.words[1] === "hardhat");
    expect(commands.length).to.be.greaterThan(40);
    const globals = new Set(Object.keys(hre.globalOptions));
    const camel = (flag: string) => flag.slice(2).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    const problems: string[] = [];
    for (const { line, words } of commands) {
      const rest = words.slice(2);
      // Subtasks (`ignition deploy`) are two words; the task is the longest prefix of non-option words that exists.
      const names = rest.slice(0, rest.findIndex((w) => w.startsWith("-")) >>> 0).slice(0, 2);
      let task: ReturnType<typeof hre.tasks.getTask> | undefined;
      for (let n = names.length; n > 0 && task === undefined; n--) {
        try {
          task = hre.tasks.getTask(names.slice(0, n));
        } catch (err) {
          if (!(err instanceof Error) || !/not found/i.test(err.message)) throw err;
        }
      }
      if (task === undefined) {
        problems.push(`no task ${names.join(" ")}: ${line}`);
        continue;
      }
      for (const word of rest.filter((w) => w.startsWith("--"))) {
        const name = camel(word);
        if (!task.options.has(name) && !globals.has(name))
          problems.push(`${task.id.join(" ")} has no ${word}: ${line}`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it("both stories (the blocks after a readme-e2e marker) run on --network localhost, but the offline signature", function () {
    for (const marker of [MARKER, SECOND_MARKER]) {
      const blocks = walkthrough(readme, marker);
      expect(blocks.length).to.be.greaterThan(0);
      expect(readme.split(marker).length - 1).to.equal(blocks.length);
      for (const { line, words } of blocks.flat()) {
        expect(words.slice(0, 2), line).to.deep.equal(["npx", "hardhat"]);
        // Offline signing (--chain-id) names no network: it touches none.
        if (words.includes("--chain-id")) expect(words, line).to.not.include("--network");
        else expect(words.slice(-2), line).to.deep.equal(["--network", "localhost"]);
      }
    }
    expect(walkthrough(readme).length).to.be.greaterThan(5);
  });

  it("every `npx hardhat` command a reader can copy is in one of the two stories the e2e test runs", function () {
    const run = new Set([...walkthrough(readme), ...walkthrough(readme, SECOND_MARKER)].flat().map((c) => c.line));
    const copyable = allCommands(readme).filter((c) => c.words[0] === "npx" && c.words[1] === "hardhat");
    // `npx hardhat node` is the chain itself: the test starts it for each story.
    const notRun = copyable.filter((c) => !run.has(c.line) && c.words[2] !== "node").map((c) => c.line);
    expect(notRun).to.deep.equal([]);
    expect(copyable.length).to.be.greaterThan(50);
  });
});
