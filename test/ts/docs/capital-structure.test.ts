import { readFileSync } from "node:fs";
import { expect } from "chai";
import hre from "hardhat";
import { compoundMultipleWad, foldedCapWad } from "../../../scripts/formats/capital-terms.js";
import { waterfallSplit } from "../../../scripts/core/capital-waterfall.js";
import { restoreChainAfterEach, runTask } from "../helpers/run-task.js";
import { yearlyPoolWorld } from "../helpers/schedule-world.js";

const DOC = readFileSync("docs/capital-structure.md", "utf8");
const FILE = "examples/pools/classed-outcomes-pool.json";
const num = (text: string): bigint => BigInt(text.replace(/,/g, ""));
/** Every number of a cell, in order (`35,001 principal + 4,998 return − 499 cut = 39,500` → 35001, 4998, 499, 39500). */
const numbers = (cell: string): bigint[] => [...cell.matchAll(/[0-9][0-9,]*/g)].map((m) => num(m[0]));
/** The doc's prose on one line (its sentences wrap). */
const prose = DOC.replace(/\s+/g, " ");
function figure(re: RegExp): bigint {
  const m = re.exec(prose);
  if (m?.[1] === undefined) throw new Error(`docs/capital-structure.md: no match for ${re}`);
  return num(m[1]);
}

/** The worked example's table: one row per point and the total, each cell as written. */
function table(): { point: string; paid: string; senior: string; junior: string; provider: string; capped: string }[] {
  const section = DOC.split("## Worked example")[1]?.split("\n## ")[0] ?? "";
  return section
    .split("\n")
    .filter((l) => /^\| (\d|Total)/.test(l))
    .map((l) => {
      const [point = "", paid = "", senior = "", junior = "", provider = "", capped = ""] = l
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
      return { point, paid, senior, junior, provider, capped };
    });
}

describe("docs/capital-structure.md: the worked waterfall, recomputed through the CLI on the in-process network", function () {
  restoreChainAfterEach();

  it("every figure of the table, the bands, the claims, the refund, the guarantee and the dust, to the wei", async function () {
    const { ethers, networkHelpers } = await hre.network.getOrCreate();
    const signers = await ethers.getSigners();
    const [commissioner, bank1, bank2, foundation, philanthropy, provider] = signers;
    if (commissioner === undefined || provider === undefined || philanthropy === undefined) throw new Error("signers");
    if (bank1 === undefined || bank2 === undefined || foundation === undefined) throw new Error("signers");
    // The example file names the guarantor (#4) and the provider (#5) of the default accounts.
    const file = JSON.parse(readFileSync(FILE, "utf8")) as {
      providers: { address: string }[];
      capital: { guarantee: { guarantor: string } };
    };
    expect(file.capital.guarantee.guarantor).to.equal(philanthropy.address);
    expect(file.providers[0]?.address).to.equal(provider.address);

    const world = await yearlyPoolWorld(ethers);
    // A token of 0 decimals: the doc's figures are base units, and the file's whole tokens are too.
    const usd = await ethers.deployContract("MockERC20", ["Dollar", "USD", 0]);
    const token = await usd.getAddress();
    const give = async (who: { address: string }, amount: bigint) => (await usd.mint(who.address, amount)).wait();
    const run = async (name: string, args: Record<string, unknown>) => {
      const r = await runTask(name, args);
      expect(r.result.success, `${name}: ${r.err}`).to.equal(true);
      return r.out;
    };
    const created = await run("pool:create", { file: FILE, token, factory: await world.factory.getAddress() });
    const pool = /pool created: (0x[0-9a-fA-F]{40})/.exec(created)?.[1];
    if (pool === undefined) throw new Error(created);

    // The capital of the doc: banks 45,000 + 30,000 senior, the foundation 25,000 junior, the guarantee, 120,000.
    const capital = figure(/Capital ([0-9,]+): \*\*senior\*\*/);
    const [b1, b2] = [figure(/two banks, ([0-9,]+) \+/), figure(/two banks, [0-9,]+ \+ ([0-9,]+);/)];
    const junior = figure(/\*\*junior\*\* ([0-9,]+) \(a foundation/);
    const guarantee = figure(/a philanthropy guarantees ([0-9,]+)/);
    const fund = figure(/The commissioner commits ([0-9,]+);/);
    expect(b1 + b2 + junior).to.equal(capital);
    for (const [who, amount, cls] of [
      [bank1, b1, "senior"],
      [bank2, b2, "senior"],
      [foundation, junior, "junior"],
    ] as const) {
      await give(who, amount);
      await run("pool:invest", { pool, class: cls, amount: String(amount), from: String(signers.indexOf(who)) });
    }
    await give(philanthropy, guarantee);
    await run("pool:guarantee", { pool, from: "4" });
    await give(commissioner, fund);
    await run("pool:commit", { pool, amount: String(fund), tier: "0" });
    const c = await ethers.getContractAt("ImpactPool", pool);
    await networkHelpers.time.increaseTo((await c.config()).raiseDeadline + 1n);
    await run("pool:disburse", { pool, tranche: "0" });
    for (const period of [1, 2, 3]) await (await world.feed.setFinal(5n, 0, period, 400n)).wait();

    // The bands, from the capital structure the factory recorded and its caps folded over the bond's term.
    const config = await c.config();
    const term = config.settlementDeadline - config.raiseDeadline;
    const classes = [
      { target: b1 + b2, capWad: foldedCapWad({ maxMultipleWad: 12n * 10n ** 17n, maxRateWad: 0n }, term) ?? 0n },
      { target: junior, capWad: foldedCapWad({ maxMultipleWad: 11n * 10n ** 17n, maxRateWad: 0n }, term) ?? 0n },
    ];
    const bands = [...prose.matchAll(/\[([0-9,]+), ([0-9,]+)\)/g)].map((m) => [num(m[1]!), num(m[2]!)]);
    let floor = 0n;
    const expected = classes.flatMap((k) => {
      const room = (k.target * (k.capWad - 10n ** 18n)) / 10n ** 18n;
      const out = [
        [floor, floor + k.target],
        [floor + k.target, floor + k.target + room],
      ];
      floor += k.target + room;
      return out;
    });
    expect(bands).to.deep.equal(expected);
    expect(figure(/above ([0-9,]+) is capped back/)).to.equal(floor);

    const rows = table();
    expect(rows.map((r) => r.point)).to.deep.equal(["0", "1", "2", "Total"]);
    const totals = { senior: 0n, junior: 0n, provider: 0n, capped: 0n };
    for (const row of rows.slice(0, 3)) {
      const before = (await c.ledger()).totalPaid;
      const out = await run("pool:settle", { pool, point: row.point });
      const after = (await c.ledger()).totalPaid;
      expect(numbers(row.paid), `point ${row.point}: P`).to.deep.equal([before, after]);
      // The Distributed line the task printed: class 0, class 1, provider, capped back.
      const line =
        /waterfall: class 0 (\d+) USD(?:, class 1 (\d+) USD)?; provider (\d+) USD; capped back to the payers (\d+) USD/.exec(
          out,
        );
      if (line === null) throw new Error(out);
      const [senior, junior_, cut, capped] = [line[1], line[2] ?? "0", line[3], line[4]].map((v) => BigInt(v ?? "x"));
      // Each class cell: its principal, gross return and the provider's cut at this point (the non-zero ones, in
      // that order), then what the class received.
      const s0 = waterfallSplit(classes, 1_000n, before).classes;
      const s1 = waterfallSplit(classes, 1_000n, after).classes;
      for (const [i, cell, got] of [
        [0, row.senior, senior],
        [1, row.junior, junior_],
      ] as const) {
        const a = s0[i]!;
        const b = s1[i]!;
        const parts = [
          b.principal - a.principal,
          b.toClass + b.providerCut - a.toClass - a.providerCut,
          b.providerCut - a.providerCut,
        ];
        const written = numbers(cell);
        const final = written[written.length - 1];
        expect(final, `point ${row.point} class ${i}`).to.equal(got);
        if (written.length > 1)
          expect(written.slice(0, -1), `point ${row.point} class ${i} parts`).to.deep.equal(
            parts.filter((p) => p !== 0n),
          );
        else expect(parts.filter((p) => p !== 0n).length <= 1, `point ${row.point} class ${i}`).to.equal(true);
      }
      expect(numbers(row.provider), `point ${row.point} provider`).to.deep.equal([cut]);
      expect(numbers(row.capped), `point ${row.point} capped back`).to.deep.equal([capped]);
      totals.senior += senior!;
      totals.junior += junior_!;
      totals.provider += cut!;
      totals.capped += capped!;
    }
    const total = rows[3]!;
    expect([total.senior, total.junior, total.provider, total.capped].map((c) => numbers(c))).to.deep.equal([
      [totals.senior],
      [totals.junior],
      [totals.provider],
      [totals.capped],
    ]);

    // The guarantee returns whole; the claims (each 1 wei short through the accumulator); the refund; the dust.
    expect(await usd.balanceOf(philanthropy.address)).to.equal(figure(/the guarantee returns whole \(([0-9,]+)\)/));
    const claimed = async (who: { address: string }, cls: string) => {
      const out = await run("pool:claim", { pool, class: cls, from: String(signers.indexOf(who as never)) });
      return BigInt(/^claimed (\d+) USD/.exec(out)?.[1] ?? "x");
    };
    expect(await claimed(bank1, "0")).to.equal(figure(/Claims: bank 1 ([0-9,]+)/));
    expect(await claimed(bank2, "Senior")).to.equal(figure(/Claims: bank 1 [0-9,]+ and bank 2 ([0-9,]+)/));
    expect(await claimed(foundation, "LIVE-JNR")).to.equal(figure(/the foundation ([0-9,]+);/));
    const refund = await run("pool:refund", { pool });
    expect(BigInt(/^refunded (\d+) USD/.exec(refund)?.[1] ?? "x")).to.equal(
      figure(/the commissioner's refund [^=]*= ([0-9,]+);/),
    );
    expect(await usd.balanceOf(provider.address)).to.equal(capital + totals.provider);
    expect(await usd.balanceOf(pool)).to.equal(figure(/([0-9,]+) wei of dust stay in the pool/));
    // The doc's rate-cap rounding example: 10 %/yr compounded over 3 years is 1.331 exactly.
    const year = 365n * 86_400n;
    expect(compoundMultipleWad(10n ** 17n, 3n * year)).to.equal(figure(/= ([0-9,]+) wei exactly/));
    // …and 7 %/yr over 2 years and 100 days, rounded down.
    expect(compoundMultipleWad(7n * 10n ** 16n, 2n * year + 100n * 86_400n)).to.equal(figure(/written ([0-9,]+) wei/));
  });
});
