import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { restoreChainAfterEach, runTask, taskFailure } from "../helpers/run-task.js";
import { yearlyPoolWorld } from "../helpers/schedule-world.js";

const FILE = "examples/pools/classed-outcomes-pool.json";
const E18 = 10n ** 18n;

describe("pool tasks on a classed pool (issue #13): create, invest --class, guarantee, settle, claim, show", function () {
  restoreChainAfterEach();

  it("runs the example by the tasks and refuses --class, the guarantee and a claim in one line where they do not fit", async function () {
    const { ethers, networkHelpers } = await hre.network.getOrCreate();
    const signers = await ethers.getSigners();
    const world = await yearlyPoolWorld(ethers);
    const factory = await world.factory.getAddress();
    const usd = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
    const token = await usd.getAddress();
    for (const s of signers.slice(0, 5)) await (await usd.mint(s.address, 200_000n * E18)).wait();

    const created = await runTask("pool:create", { file: FILE, token, factory });
    expect(created.result.success, created.err).to.equal(true);
    const m =
      /^pool created: (0x[0-9a-fA-F]{40}) \(Independent Living Bond, LIVE-CB; paid by a payment schedule; 2 investor classes: 0 Senior \(LIVE-SNR\) 0x[0-9a-fA-F]{40}, 1 Junior \(LIVE-JNR\) 0x[0-9a-fA-F]{40}\)$/.exec(
        created.out,
      );
    const pool = m?.[1];
    if (pool === undefined) throw new Error(`no pool in: ${created.out}`);

    // --class is required on a classed pool, names a class, and is refused on a pool without classes.
    expect(await taskFailure("pool:invest", { pool, amount: "1", from: "1" })).to.equal(
      "--class: required for a classed pool (its classes: 0 Senior (LIVE-SNR), 1 Junior (LIVE-JNR))",
    );
    expect(await taskFailure("pool:invest", { pool, amount: "1", class: "mezzanine", from: "1" })).to.equal(
      '--class: no class "mezzanine" (its classes: 0 Senior (LIVE-SNR), 1 Junior (LIVE-JNR))',
    );
    expect(await taskFailure("pool:invest", { pool, amount: "1", class: "2", from: "1" })).to.equal(
      '--class: no class "2" (its classes: 0 Senior (LIVE-SNR), 1 Junior (LIVE-JNR))',
    );
    const plain = await runTask("pool:create", { file: "examples/pools/yearly-outcomes-pool.json", token, factory });
    const unclassed = /pool created: (0x[0-9a-fA-F]{40})/.exec(plain.out)?.[1];
    expect(await taskFailure("pool:invest", { pool: unclassed, amount: "1", class: "0", from: "1" })).to.equal(
      "--class: this pool has no investor classes (leave --class out)",
    );
    expect(await taskFailure("pool:claim", { pool: unclassed, class: "0", from: "1" })).to.equal(
      "--class: this pool has no investor classes (its investors redeem with pool:redeem)",
    );
    expect(await taskFailure("pool:claim", { pool })).to.equal("--class: required");

    // Invest per class: exactly the amount taken approved (clamped to the class's room), then investClass.
    const senior = await runTask("pool:invest", { pool, amount: "50000", class: "senior", from: "1" });
    expect(senior.out).to.match(/^invested 50000 USD in class 0 \(Senior\) → 50000 LIVE-SNR shares \(tx 0x/);
    const clamped = await runTask("pool:invest", { pool, amount: "30000", class: "LIVE-SNR", from: "2" });
    expect(clamped.out).to.match(/^invested 25000 USD in class 0 \(Senior\) → 25000 LIVE-SNR shares/);
    expect(await usd.allowance(signers[2]!.address, pool)).to.equal(0n); // exactly what the pool took
    expect(await taskFailure("pool:invest", { pool, amount: "1", class: "0", from: "2" })).to.equal(
      "--class: class 0 (Senior) is full: 75000 USD raised",
    );
    // The guarantee: only while Funded, only by the named guarantor (#4).
    expect(await taskFailure("pool:guarantee", { pool, from: "4" })).to.equal(
      "--pool: the guarantee is posted while the pool is Funded (it is Raising)",
    );
    expect((await runTask("pool:invest", { pool, amount: "25000", class: "1", from: "3" })).result.success).to.equal(
      true,
    );
    expect(await taskFailure("pool:guarantee", { pool, from: "1" })).to.equal(
      `--from: only the named guarantor ${signers[4]!.address} posts the guarantee, not ${signers[1]!.address}`,
    );
    const posted = await runTask("pool:guarantee", { pool, from: "4" });
    expect(posted.out).to.match(
      /^posted the guarantee of 56250 USD: it covers the senior classes' principal shortfall at the last point \(tx 0x/,
    );
    expect(await taskFailure("pool:guarantee", { pool, from: "4" })).to.equal(
      "--pool: the guarantee is already posted",
    );
    expect((await runTask("pool:commit", { pool, amount: "120000", tier: "0" })).result.success).to.equal(true);
    expect(await taskFailure("pool:claim", { pool, class: "0", from: "1" })).to.equal(
      `--from: ${signers[1]!.address} has nothing to claim in class 0 (Senior)`,
    );

    // Year 1 pays half: 0.5 × 39,999.99999999999996 = 19,999.99999999999998, all senior principal.
    const c = await ethers.getContractAt("ImpactPool", pool);
    await networkHelpers.time.increaseTo((await c.config()).raiseDeadline + 1n);
    const disbursed = await runTask("pool:disburse", { pool, tranche: "0" });
    expect(disbursed.result.success, disbursed.err).to.equal(true);
    for (const [period, value] of [
      [1, 200n],
      [2, 400n],
    ] as const)
      await (await world.feed.setFinal(5n, 0, period, value)).wait();
    const year1 = await runTask("pool:settle", { pool, point: "0" });
    expect(year1.out.split("\n")[0]).to.match(
      /^point 0 settled: paid 19999\.99999999999998 USD down the classes' waterfall \(tx 0x/,
    );
    expect(year1.out.split("\n")[1]).to.equal(
      "waterfall: class 0 19999.99999999999998 USD; provider 0 USD; capped back to the payers 0 USD",
    );
    // Bank 1 holds 50,000 of the 75,000 senior shares: 2/3 of it (13,333.33333333333332), through the accumulator:
    // floor(floor(D × 2^64 / 75,000e18) × 50,000e18 / 2^64) = 13,333.333333333333319058 (942 wei short, within the
    // class's bound docs/capital-structure.md states: supply / 2^64 + 1 ≈ 4,067 wei per distribution).
    const shown = await runTask("pool:show", { pool, account: signers[1]!.address });
    expect(shown.result.success, shown.err).to.equal(true);
    const lines = shown.out.split("\n");
    const at = (prefix: string) => lines.find((l) => l.startsWith(prefix)) ?? `(no line ${prefix})`;
    // The account holds class shares, not the pool's own: the account line has its commitments only.
    expect(at("  account ")).to.equal(
      `  account      ${signers[1]!.address}: commitments tier 0 0 USD (refundable now 0 USD)`,
    );
    expect(at("  capital ")).to.equal(
      "  capital      2 investor classes, paid down a waterfall of the 19999.99999999999998 USD the points paid (docs/capital-structure.md)",
    );
    expect(lines).to.include("    target 75000 USD, raised 75000 USD; return cap ×1.2 principal (multiple ×1.2)");
    expect(lines).to.include(
      `    distributed 19999.99999999999998 USD, claimed 0 USD; ${signers[1]!.address} holds 50000 LIVE-SNR, claimable now 13333.333333333333319058 USD`,
    );
    // 19,999.99… of the senior band's 90,000: 6.67 of 30 cells, rounded to 7.
    expect(lines).to.include(
      "    [███████░░░░░░░░░░░░░░░░░░░░░░░] principal 19999.99999999999998 USD of 75000 USD, return 0 USD + provider 0 USD of 15000 USD",
    );
    expect(lines).to.include("    target 25000 USD, raised 25000 USD; return cap ×1.1 principal (multiple ×1.1)");
    expect(at("  provider ")).to.equal(
      `  provider     10 % of every return above principal to ${signers[5]!.address}: 0 USD so far`,
    );
    expect(at("  guarantee ")).to.equal(
      `  guarantee    56250 USD by ${signers[4]!.address}: posted; covers the senior classes' principal shortfall at the last point`,
    );
    const claim = await runTask("pool:claim", { pool, class: "senior", from: "1" });
    expect(claim.out).to.match(/^claimed 13333\.333333333333319058 USD from class 0 \(Senior\) \(tx 0x/);
  });

  it("shows an annually compounded rate cap as the multiple the file's loader folded: 10 %/yr over 3 years = ×1.331", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const world = await yearlyPoolWorld(ethers);
    const usd = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
    const doc = JSON.parse(readFileSync(FILE, "utf8")) as Record<string, unknown> & {
      capital: { classes: Record<string, unknown>[] };
    };
    // A bond of exactly three 365-day years: 2030-04-01 → 2033-03-31 (2032 is a leap year: 1,095 days).
    doc.raiseDeadline = "2030-04-01T00:00:00Z";
    doc.tranches = [{ provider: 0, due: "2030-04-01T00:00:00Z", share: "1" }];
    Object.assign(doc.capital.classes[0]!, { maxMultiple: undefined, maxAnnualRate: "0.1", compounding: "annual" });
    Object.assign(doc.capital.classes[1]!, { maxMultiple: "1.5", maxAnnualRate: "0.1" });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "classed-")), "compound.json");
    writeFileSync(file, JSON.stringify(doc));
    const created = await runTask("pool:create", {
      file,
      token: await usd.getAddress(),
      factory: await world.factory.getAddress(),
    });
    const pool = /pool created: (0x[0-9a-fA-F]{40})/.exec(created.out)?.[1];
    if (pool === undefined) throw new Error(`${created.out} ${created.err}`);
    const shown = (await runTask("pool:show", { pool })).out.split("\n");
    expect(shown).to.include("    target 75000 USD, raised 0 USD; return cap ×1.331 principal (multiple ×1.331)");
    // Simple 10 %/yr over 1,095 days = ×1.3, tighter than ×1.5: the factory folds it.
    expect(shown).to.include(
      "    target 25000 USD, raised 0 USD; return cap ×1.3 principal (multiple ×1.5 and 10 %/yr simple over 1095 d, the tighter)",
    );
  });

  it("after a failed raise each holder withdraws from its class token (--class required); pool:redeem is refused", async function () {
    const { ethers, networkHelpers } = await hre.network.getOrCreate();
    const signers = await ethers.getSigners();
    const world = await yearlyPoolWorld(ethers);
    const usd = await ethers.deployContract("MockERC20", ["Dollar", "USD", 18]);
    await (await usd.mint(signers[1]!.address, 1_000n * E18)).wait();
    const created = await runTask("pool:create", {
      file: FILE,
      token: await usd.getAddress(),
      factory: await world.factory.getAddress(),
    });
    const pool = /pool created: (0x[0-9a-fA-F]{40})/.exec(created.out)?.[1];
    if (pool === undefined) throw new Error(created.err);
    expect(
      (await runTask("pool:invest", { pool, amount: "1000", class: "junior", from: "1" })).result.success,
    ).to.equal(true);
    expect(await taskFailure("pool:redeem", { pool, from: "1" })).to.equal(
      "--pool: a classed pool pays its investors through its class tokens: use pool:claim --class",
    );
    expect(await taskFailure("pool:withdraw", { pool, class: "1", from: "1" })).to.equal(
      "--pool: the raise has not failed (phase Raising); use pool:claim --class",
    );
    const c = await ethers.getContractAt("ImpactPool", pool);
    await networkHelpers.time.increaseTo((await c.config()).raiseDeadline + 1n);
    expect(await taskFailure("pool:withdraw", { pool, from: "1" })).to.equal(
      "--class: required for a classed pool (its classes: 0 Senior (LIVE-SNR), 1 Junior (LIVE-JNR))",
    );
    expect(await taskFailure("pool:withdraw", { pool, class: "0", from: "1" })).to.equal(
      `--from: ${signers[1]!.address} holds no LIVE-SNR shares`,
    );
    const back = await runTask("pool:withdraw", { pool, class: "1", from: "1" });
    expect(back.out).to.match(/^withdrew 1000 USD for 1000 LIVE-JNR shares \(tx 0x/);
    expect(await usd.balanceOf(signers[1]!.address)).to.equal(1_000n * E18);
  });
});
