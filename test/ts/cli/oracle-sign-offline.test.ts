import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { recoverAddress } from "viem";
import { reportDigest } from "../../../scripts/reporter/signing.js";
import { readSignedFile } from "../../../scripts/reporter/signed-file.js";
import { runHardhat } from "../helpers/hardhat-cli.js";

const KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"; // hardhat #3
const SIGNER = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const ORACLE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

describe("oracle:sign offline (--chain-id, --oracle, --nonce)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sign-offline-"));
  const csv = path.join(dir, "values.csv");
  // Values in the goal's unit; offline, the goal's decimals come from the file (no registry to read them from).
  writeFileSync(csv, "missionId,goalId,period,value,decimals\n1,0,1,72.5,1\n1,0,2,70,1\n");

  it("signs for a testnet with no network reachable, bound to the given chain, oracle and nonces", async function () {
    const out = path.join(dir, "signed.json");
    // sepolia's RPC points at a closed port: any network access would fail the command.
    const env = { SEPOLIA_RPC_URL: "http://127.0.0.1:9", DEPLOYER_PRIVATE_KEY: KEY };
    const args = ["oracle:sign", "--chain-id", "11155111", "--oracle", ORACLE, "--nonce", "5", "--key", KEY];
    const run = await runHardhat([...args, "--file", csv, "--out", out, "--network", "sepolia"], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.contain(`signed 2 report(s) as ${SIGNER} (nonces 5…6)`);
    const signed = readSignedFile(out);
    expect(signed.chainId).to.equal(11155111n);
    expect(signed.oracle).to.equal(ORACLE);
    expect(signed.reports.map((r) => r.nonce)).to.deep.equal([5n, 6n]);
    // 72.5 and 70 of a goal with one decimal are signed as the integers the oracle stores.
    expect(signed.reports.map((r) => r.report.value)).to.deep.equal([725n, 700n]);
    const now = BigInt(Math.floor(Date.now() / 1000));
    for (const r of signed.reports) {
      expect(r.deadline > now && r.deadline <= now + 604_800n).to.equal(true);
      const digest = reportDigest({ chainId: 11155111n, oracle: ORACLE }, r.report, r.reporter, r.nonce, r.deadline);
      expect(await recoverAddress({ hash: digest, signature: r.signature })).to.equal(SIGNER);
    }
  });

  it("offline, the nonce is required and the oracle must be given or recorded, each in one line", async function () {
    const out = path.join(dir, "x.json");
    const noNonce = await runHardhat([
      "oracle:sign",
      "--chain-id",
      "11155111",
      "--oracle",
      ORACLE,
      "--key",
      KEY,
      "--file",
      csv,
      "--out",
      out,
    ]);
    expect(noNonce.code).to.equal(1);
    expect(noNonce.stderr.trim()).to.match(/^error: --nonce: required with --chain-id/);
    const noOracle = await runHardhat([
      "oracle:sign",
      "--chain-id",
      "424242",
      "--nonce",
      "0",
      "--key",
      KEY,
      "--file",
      csv,
      "--out",
      out,
    ]);
    expect(noOracle.code).to.equal(1);
    expect(noOracle.stderr.trim()).to.match(/^error: --oracle: no MetricOracle deployed on chain 424242/);
  });

  it("offline, a file without the goal's decimals is refused in one line naming the row's field", async function () {
    const bare = path.join(dir, "bare.csv");
    writeFileSync(bare, "missionId,goalId,period,value\n1,0,1,72.5\n");
    const args = ["oracle:sign", "--chain-id", "11155111", "--oracle", ORACLE, "--nonce", "0", "--key", KEY];
    const run = await runHardhat([...args, "--file", bare, "--out", path.join(dir, "bare.json")]);
    expect(run.code).to.equal(1);
    expect(run.stderr.trim()).to.equal(
      "error: reports.0.decimals: required offline (--chain-id): the decimals of mission 1 goal 0 cannot be read",
    );
  });
});
