import { expect } from "chai";
import hre from "hardhat";
import type { TaskResult } from "../../../scripts/core/cli.js";

/** What a task run in-process returned and printed (stdout and stderr lines joined by newlines). */
export interface TaskRun {
  result: TaskResult;
  out: string;
  err: string;
}

/** Runs a task of the suite in-process (on the test's network), capturing what it prints. */
export async function runTask(name: string, args: Record<string, unknown>): Promise<TaskRun> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...parts: unknown[]) => void out.push(parts.join(" "));
  console.error = (...parts: unknown[]) => void err.push(parts.join(" "));
  try {
    const result = (await hre.tasks.getTask(name).run(args)) as TaskResult;
    return { result, out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** Runs a task that must fail in one line, and returns that line without `error: `. */
export async function taskFailure(name: string, args: Record<string, unknown>): Promise<string> {
  const { result, err } = await runTask(name, args);
  expect(result.success, `${name} succeeded`).to.equal(false);
  expect(err.split("\n"), `${name}: ${err}`).to.have.length(1);
  expect(err, name).to.match(/^error: /);
  return err.slice("error: ".length);
}

/**
 * Each test of the suite leaves the shared in-process network as it found it (the clock too): a snapshot before each,
 * restored after. Call inside a `describe`.
 */
export function restoreChainAfterEach(): void {
  let restore: (() => Promise<void>) | undefined;
  beforeEach(async function () {
    const snapshot = await (await hre.network.getOrCreate()).networkHelpers.takeSnapshot();
    restore = () => snapshot.restore();
  });
  afterEach(async function () {
    await restore?.();
  });
}
