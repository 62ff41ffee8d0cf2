import path from "node:path";
import { expect } from "chai";
import { getAddress } from "viem";
import { z } from "zod";
import { startIndexer, waitForBlock } from "./ponder-process.js";
import {
  REGISTRY_ABI,
  expectSameFiles,
  exporterFiles,
  indexerFiles,
  indexerWorld,
  rowsOf,
  type World,
} from "./world.js";

describe("indexer end to end: live blocks, a reorg, a restart", function () {
  this.timeout(600_000);
  let w: World;

  before(async function () {
    w = await indexerWorld();
  });

  it("shows a new block in the API within 2 s of it being mined", async function () {
    // Account #15 is not in the story: its join is a new participant of mission 1.
    const wallet = (await w.conn.viem.getWalletClients())[15];
    const before = z
      .object({ participantCount: z.number() })
      .parse(
        z.object({ mission: z.unknown() }).parse(await (await fetch(`${w.indexer.url}/missions/1`)).json()).mission,
      );
    const hash = await wallet!.writeContract({
      address: w.story.registry,
      abi: REGISTRY_ABI,
      functionName: "join",
      args: [1n, 16],
    });
    const receipt = await w.client.waitForTransactionReceipt({ hash });
    const mined = Date.now();
    expect(receipt.status).to.equal("success");
    let seen = false;
    while (Date.now() - mined < 2_000) {
      const body = z
        .object({ mission: z.object({ participantCount: z.number() }) })
        .parse(await (await fetch(`${w.indexer.url}/missions/1`)).json());
      if (body.mission.participantCount === before.participantCount + 1) {
        seen = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen, `block ${receipt.blockNumber} not in the API within 2 s`).to.equal(true);
    console.log(`      live: block ${receipt.blockNumber} in the API ${Date.now() - mined} ms after its receipt`);
  });

  it("after a reorg (evm_snapshot, evm_revert, new blocks) its tables equal the exporter on the new chain", async function () {
    const [, , , , , , , , , , , , , wallet13, wallet14] = await w.conn.viem.getWalletClients();
    const snapshot = z.string().parse(await w.conn.provider.request({ method: "evm_snapshot" }));
    // Two blocks on the branch that will disappear: a join on mission 1, then on mission 2.
    for (const missionId of [1n, 2n]) {
      const hash = await wallet13!.writeContract({
        address: w.story.registry,
        abi: REGISTRY_ABI,
        functionName: "join",
        args: [missionId, 16],
      });
      await w.client.waitForTransactionReceipt({ hash });
    }
    await waitForBlock(w.indexer, await w.head(), 30_000);
    const orphaned = rowsOf(await indexerFiles(w.indexer, ["participants.json"]), "participants");
    expect(
      orphaned.some((r) => r.account === getAddress(wallet13!.account.address)),
      `${getAddress(wallet13!.account.address)} in ${JSON.stringify(orphaned.slice(-3))}`,
    ).to.equal(true);

    expect(await w.conn.provider.request({ method: "evm_revert", params: [snapshot] })).to.equal(true);
    // The new branch: another account joins mission 2, and the chain grows past the old head.
    const hash = await wallet14!.writeContract({
      address: w.story.registry,
      abi: REGISTRY_ABI,
      functionName: "join",
      args: [2n, 1],
    });
    await w.client.waitForTransactionReceipt({ hash });
    for (let i = 0; i < 3; i++) await w.conn.provider.request({ method: "evm_mine" });
    await waitForBlock(w.indexer, await w.head(), 30_000);
    // The indexer may answer for the new head a moment before its reorg handling has rewritten old rows: poll.
    const expected = await exporterFiles(w.client, w.addresses);
    let actual = await indexerFiles(w.indexer, expected.keys());
    for (let i = 0; i < 40 && actual.get("participants.csv") !== expected.get("participants.csv"); i++) {
      await new Promise((r) => setTimeout(r, 250));
      actual = await indexerFiles(w.indexer, expected.keys());
    }
    expectSameFiles(actual, expected);
    const participants = rowsOf(actual, "participants");
    expect(participants.some((r) => r.account === getAddress(wallet13!.account.address))).to.equal(false);
    expect(participants.some((r) => r.account === getAddress(wallet14!.account.address))).to.equal(true);
  });

  it("a fresh index of the new chain, stopped mid-way and restarted, ends with the same tables", async function () {
    const dataDir = path.join(w.work, "pglite-b");
    const first = await startIndexer({ rpcUrl: w.node.url, deploymentId: w.deploymentId, dataDir });
    // Stop it as soon as it has indexed a first block range, before its backfill is complete.
    const target = await w.head();
    const started = Date.now();
    while (!/Indexed block range/.test(first.log()) && Date.now() - started < 120_000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await first.stop();
    expect(first.log(), "indexed a first range").to.match(/Indexed block range/);
    expect(first.log(), "stopped before the end of the backfill").to.not.match(/Completed backfill/);
    const second = await startIndexer({ rpcUrl: w.node.url, deploymentId: w.deploymentId, dataDir });
    try {
      await waitForBlock(second, target);
      const expected = await exporterFiles(w.client, w.addresses);
      expectSameFiles(await indexerFiles(second, expected.keys()), expected);
      expectSameFiles(await indexerFiles(second, expected.keys()), await indexerFiles(w.indexer, expected.keys()));
    } finally {
      await second.stop();
    }
  });
});
