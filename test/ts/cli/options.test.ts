import { expect } from "chai";
import hre from "hardhat";
import { lazyAction, missingOption } from "../../../scripts/cli/options.js";
import { checkMissionRef } from "../../../scripts/core/mission-ops.js";
import { unsetEmptyVariables } from "../../../scripts/core/env.js";
import { CliError, type TaskResult } from "../../../scripts/core/cli.js";

describe("task options: required flags, --mission references, empty environment variables", () => {
  it("refuses an empty required option in one line naming the flag, before the action loads", async () => {
    let loaded = false;
    const load = lazyAction<{ file: string; from: string }>(["file"], () => {
      loaded = true;
      return Promise.resolve(() => Promise.resolve<TaskResult>({ success: true, value: undefined }));
    });
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => void errors.push(line);
    try {
      const result = await (await load()).default({ file: "", from: "" }, hre);
      expect(result).to.deep.equal({ success: false, error: "--file: required" });
    } finally {
      console.error = original;
    }
    expect(errors).to.deep.equal(["error: --file: required"]);
    expect(loaded).to.equal(false);
    expect(missingOption({ file: "a.json", out: "" }, ["file", "out"])).to.equal("out");
    expect(missingOption({ file: "a.json" }, ["file"])).to.equal(undefined);
  });

  it("every task refuses its empty required options with `--<flag>: required`", async () => {
    for (const [name, flag] of [
      ["escrow:fund", "escrow"],
      ["pool:invest", "pool"],
      ["oracle:status", "mission"],
      ["mission:join", "mission"],
      ["oracle:sign", "file"],
    ] as const) {
      const original = console.error;
      console.error = () => undefined;
      try {
        const result = (await hre.tasks.getTask(name).run({})) as TaskResult;
        expect(result, name).to.deep.equal({ success: false, error: `--${flag}: required` });
      } finally {
        console.error = original;
      }
    }
  });

  it("a --mission is an id or a #hashtag, checked without the network", () => {
    expect(checkMissionRef("7")).to.equal(7n);
    expect(checkMissionRef(" #ReadingForAll ")).to.equal("#ReadingForAll");
    for (const bad of ["0", "zero", "#", "#a b", "-1"]) {
      expect(() => checkMissionRef(bad), bad).to.throw(CliError, /^--mission: must be a mission id ≥ 1 or a #hashtag/);
    }
  });

  it("an empty environment variable means unset (cp .env.example .env)", () => {
    const env: NodeJS.ProcessEnv = { LOCALHOST_RPC_URL: "", FUZZ_SEED: "0x1", EMPTY: "" };
    expect(unsetEmptyVariables(env).sort()).to.deep.equal(["EMPTY", "LOCALHOST_RPC_URL"]);
    expect(env).to.deep.equal({ FUZZ_SEED: "0x1" });
    expect(env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545").to.equal("http://127.0.0.1:8545");
  });
});
