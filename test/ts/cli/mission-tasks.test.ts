import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { keccak256, toUtf8Bytes } from "ethers";
import hre from "hardhat";
import type { MissionRegistry } from "../../../typechain-types/index.js";
import { loadMissionDoc } from "../../../scripts/formats/mission-doc.js";
import { runTask } from "../helpers/run-task.js";

const READING = "examples/missions/reading-for-all.json";
const AGEING = "examples/missions/healthy-ageing.json";

const run = runTask;

describe("mission:* tasks", () => {
  let registry: MissionRegistry;
  let address: string;
  let accounts: string[];
  let ethers: Awaited<ReturnType<typeof hre.network.getOrCreate>>["ethers"];
  let tmp: string;

  /** Runs a task that must fail: one `error:` line naming the field, and no transaction sent. */
  async function rejects(name: string, args: Record<string, unknown>, message: string | RegExp): Promise<void> {
    const nonce = await ethers.provider.getTransactionCount(accounts[0] ?? "");
    const block = await ethers.provider.getBlockNumber();
    const { result, err } = await run(name, args);
    expect(result.success).to.equal(false);
    const lines = err.split("\n");
    expect(lines).to.have.length(1);
    if (typeof message === "string") expect(lines[0]).to.equal(`error: ${message}`);
    else expect(lines[0]).to.match(message);
    expect(await ethers.provider.getTransactionCount(accounts[0] ?? "")).to.equal(nonce);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  }

  before(async () => {
    ({ ethers } = await hre.network.getOrCreate());
    registry = await ethers.deployContract("MissionRegistry");
    address = await registry.getAddress();
    accounts = (await ethers.getSigners()).map((s) => s.address);
    tmp = mkdtempSync(path.join(tmpdir(), "mission-tasks-"));
  });

  it("mission:create stores the document hash computed by the loader, and the goals", async () => {
    const { result, out } = await run("mission:create", { file: READING, registry: address });
    expect(result.success).to.equal(true);
    expect(out).to.match(/^mission 1 #ReadingForAll created \(Draft\)/);
    const now = (await ethers.provider.getBlock("latest"))?.timestamp ?? 0;
    const loaded = loadMissionDoc(READING, { now });
    const [hash, first, count] = await registry.getVersion(1, 1);
    expect(hash).to.equal(loaded.contentHash);
    expect([first, count]).to.deep.equal([0n, 2n]);
    expect((await registry.getGoal(1, 0)).baseline).to.equal(624n);
    const m = await registry.getMission(1);
    expect(m.steward).to.equal(accounts[0]);
  });

  it("mission:create honours --steward and --uri", async () => {
    const { result } = await run("mission:create", {
      file: AGEING,
      registry: address,
      steward: accounts[1],
      uri: "ipfs://override",
    });
    expect(result.success).to.equal(true);
    expect((await registry.getMission(2)).steward).to.equal(accounts[1]);
    const [event] = await registry.queryFilter(registry.filters.MissionCreated(2n), 0);
    expect(event?.args.metadataURI).to.equal("ipfs://override");
  });

  it("mission:create rejects bad input before sending anything", async () => {
    await rejects(
      "mission:create",
      { file: READING, registry: address },
      `${READING}: /hashtag: #ReadingForAll is already mission 1`,
    );
    const doc = JSON.parse(readFileSync(READING, "utf8")) as { hashtag: string; goals: { target: unknown }[] };
    doc.hashtag = "#readingforall"; // taken case-insensitively
    const dup = path.join(tmp, "dup.json");
    writeFileSync(dup, JSON.stringify(doc));
    await rejects(
      "mission:create",
      { file: dup, registry: address },
      `${dup}: /hashtag: #readingforall is already mission 1`,
    );
    doc.hashtag = "#fresh";
    (doc.goals[0] as { target: unknown }).target = "high";
    const bad = path.join(tmp, "bad.json");
    writeFileSync(bad, JSON.stringify(doc));
    await rejects("mission:create", { file: bad, registry: address }, `${bad}: /goals/0/target: must be number`);
    const broken = path.join(tmp, "broken.json");
    writeFileSync(broken, "{ not json");
    await rejects(
      "mission:create",
      { file: broken, registry: address },
      new RegExp(`^error: ${broken}: \\(root\\): invalid JSON`),
    );
    await rejects(
      "mission:create",
      { file: path.join(tmp, "none.json"), registry: address },
      /^error: --file: cannot read .*none\.json \(ENOENT\)$/,
    );
    await rejects("mission:create", { file: "", registry: address }, "--file: required");
    await rejects("mission:create", { file: READING, registry: "0x1234" }, /^error: --registry: must be a 0x-prefixed/);
    await rejects(
      "mission:create",
      { file: AGEING, registry: address, steward: "bob" },
      '--steward: must be a 0x-prefixed 20-byte address (got "bob")',
    );
    expect(await registry.missionCount()).to.equal(2n);
  });

  it("mission:join, pledge and endorse record participation", async () => {
    expect(
      (await run("mission:join", { mission: "#ReadingForAll", roles: "funder,investor", registry: address })).result
        .success,
    ).to.equal(true);
    expect(
      (await run("mission:join", { mission: "1", roles: "provider", registry: address, from: "2" })).result.success,
    ).to.equal(true);
    const p0 = await registry.getParticipant(1, accounts[0] ?? "");
    expect(p0.roles).to.equal(9n);
    expect((await registry.getMission(1)).participantCount).to.equal(2n);

    const pledge = await run("mission:pledge", {
      mission: "1",
      uri: "ipfs://p",
      content: "120 reading buddies",
      registry: address,
      from: accounts[2], // an address works as well as an index
    });
    expect(pledge.result.success).to.equal(true);
    expect((await registry.getParticipant(1, accounts[2] ?? "")).pledgeCount).to.equal(1n);

    const endorse = await run("mission:endorse", {
      mission: "#readingforall",
      participant: accounts[2],
      contribution: "120 reading buddies",
      registry: address,
    });
    expect(endorse.result.success).to.equal(true);
    expect(
      await registry.hasEndorsed(
        1,
        accounts[0] ?? "",
        accounts[2] ?? "",
        keccak256(toUtf8Bytes("120 reading buddies")),
      ),
    ).to.equal(true);
    expect((await registry.getParticipant(1, accounts[2] ?? "")).endorsementsReceived).to.equal(1n);
  });

  it("participation tasks reject bad input with one line and no transaction", async () => {
    await rejects(
      "mission:join",
      { mission: "1", roles: "funder,wizard", registry: address },
      '--roles: unknown role "wizard" (one of funder, provider, evaluator, investor, supporter)',
    );
    await rejects(
      "mission:join",
      { mission: "9", roles: "funder", registry: address },
      "--mission: no mission 9 (missions are 1 … 2)",
    );
    await rejects(
      "mission:join",
      { mission: "#nobody_here", roles: "funder", registry: address },
      "--mission: no mission with hashtag #nobody_here",
    );
    await rejects(
      "mission:pledge",
      { mission: "1", content: "x", registry: address, from: "5" },
      /^error: --mission: the registry refuses: 0x[0-9a-fA-F]{40} has not joined mission 1 \(NotParticipant\)$/,
    );
    await rejects(
      "mission:endorse",
      { mission: "1", participant: accounts[2], contribution: "120 reading buddies", registry: address },
      /^error: --participant: the registry refuses: 0x[0-9a-fA-F]{40} already endorsed contribution 0x[0-9a-f]{64} of 0x[0-9a-fA-F]{40} in mission 1 \(AlreadyEndorsed\)$/,
    );
    await rejects(
      "mission:endorse",
      { mission: "1", participant: accounts[0], contribution: "0x12", registry: address },
      /^error: --contribution: must be a 0x-prefixed 32-byte hex string/,
    );
    await rejects(
      "mission:join",
      { mission: "1", roles: "funder", registry: address, from: "99" },
      `--from: 99 is out of range (this network has ${accounts.length} accounts)`,
    );
    await rejects(
      "mission:join",
      { mission: "1", roles: "funder", registry: address, from: "0x000000000000000000000000000000000000dEaD" },
      "--from: 0x000000000000000000000000000000000000dEaD is not an account of this network",
    );
    await rejects(
      "mission:join",
      { mission: "1", roles: "funder", registry: address, from: "bob" },
      '--from: must be an account index or a 0x-prefixed 20-byte address (got "bob")',
    );
  });

  it("mission:activate, amend and conclude move the mission forward (steward only)", async () => {
    await rejects(
      "mission:activate",
      { mission: "1", registry: address, from: "3" },
      /^error: --mission: the registry refuses: 0x[0-9a-fA-F]{40} is not the steward of mission 1 \(NotSteward\)$/,
    );
    expect((await run("mission:activate", { mission: "#ReadingForAll", registry: address })).out).to.equal(
      "mission 1 #readingforall is now Active",
    );
    // Another mission's document is refused before anything is sent; the amendment is #ReadingForAll's own document.
    await rejects(
      "mission:amend",
      { mission: "1", file: AGEING, registry: address },
      new RegExp(
        `^error: ${AGEING}: /hashtag: #HealthyAgeingLeith is (no registered mission|mission \\d+), not mission 1$`,
      ),
    );
    const own = path.join(mkdtempSync(path.join(tmpdir(), "amend-")), "reading-v2.json");
    const ageing = JSON.parse(readFileSync(AGEING, "utf8")) as Record<string, unknown>;
    writeFileSync(own, JSON.stringify({ ...ageing, hashtag: "#ReadingForAll" }));
    const amended = await run("mission:amend", { mission: "1", file: own, registry: address, uri: "ipfs://v2" });
    expect(amended.result.success).to.equal(true);
    expect(amended.out).to.match(/^mission 1: goal version 2 added/);
    const [, first, count] = await registry.getVersion(1, 2);
    expect([first, count]).to.deep.equal([2n, 3n]);
    expect((await run("mission:conclude", { mission: "1", registry: address })).result.success).to.equal(true);
    expect((await registry.getMission(1)).status).to.equal(3n);
    await rejects(
      "mission:conclude",
      { mission: "1", registry: address },
      /^error: --mission: the registry refuses: mission 1 is Concluded, which does not allow this \(WrongState\)$/,
    );
    await rejects(
      "mission:amend",
      { mission: "1", file: own, registry: address },
      new RegExp(
        `^error: ${own}: the registry refuses: mission 1 is Concluded, which does not allow this \\(WrongState\\)$`,
      ),
    );
  });

  it("mission:show and mission:list print goals in human units and participants", async () => {
    const show = await run("mission:show", { ref: "#ReadingForAll", registry: address });
    expect(show.result.success).to.equal(true);
    expect(show.out).to.contain("mission 1 #readingforall — Concluded");
    expect(show.out).to.contain(
      "goal 0 reading_attainment_ks2: 62.4 → 75 ↑; 3 periods of 365 d from 2030-07-31T00:00:00Z",
    );
    expect(show.out).to.contain("goal 2 falls_admissions_65plus: 24.6 → 18 ↓");
    expect(show.out).to.contain("version 2: goals 2–4");
    expect(show.out).to.contain(`participant ${accounts[0]} [funder, investor]`);
    const list = await run("mission:list", { registry: address });
    expect(list.out.split("\n")).to.have.length(2);
    expect(list.out).to.match(/^1\t#readingforall\tConcluded\tgoals 5 \(v2\)\tparticipants 2/);
    await rejects("mission:show", { ref: "#nothing", registry: address }, "--ref: no mission with hashtag #nothing");
  });

  it("the real CLI exits non-zero with a single error line on a bad document", function () {
    this.timeout(60_000);
    const bad = path.join(tmp, "cli-bad.json");
    writeFileSync(bad, JSON.stringify({ hashtag: "#cli_test", title: "t", summary: "s", goals: [{ metricKey: "x" }] }));
    const child = spawnSync(
      process.execPath,
      [
        "node_modules/hardhat/dist/src/cli.js",
        "mission:create",
        "--file",
        bad,
        "--registry",
        "0x000000000000000000000000000000000000dEaD",
      ],
      { encoding: "utf8" },
    );
    expect(child.status).to.not.equal(0);
    const lines = child.stderr.split("\n").filter((l) => l.trim() !== "");
    expect(lines).to.deep.equal([`error: ${bad}: /goals/0/name: is required`]);
  });
});
