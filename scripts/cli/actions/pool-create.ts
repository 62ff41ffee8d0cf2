/**
 * `pool:create`: a pool from a terms file, every basket term (or every slot of its payment schedule) and milestone
 * checked against the registry first.
 */
import { readFileSync } from "node:fs";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { CliError, describeZodError, flags, parseFlag, runTask, type TaskResult } from "../../core/cli.js";
import { resolveAddress } from "../../core/address-book.js";
import { latestTime, openChain, senderOf, simulateThenSend } from "../../core/chain.js";
import { buildPoolTerms, poolTermsSchema } from "../../formats/pool-terms.js";
import { checkTermSlots, termsToken } from "../../core/terms-checks.js";
import { poolFactoryAt, required, type Args } from "./pool-common.js";
import { createScheduledPool, milestoneSlots } from "./pool-scheduled.js";

export function createPool(args: Args, hre: HardhatRuntimeEnvironment): Promise<TaskResult> {
  return runTask(async () => {
    const file = required("file", args.file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new CliError(`--file: cannot read JSON from ${file} (${(err as Error).message.split("\n")[0]})`);
    }
    const c = await openChain(hre);
    const tokenFlag =
      args.token !== undefined && args.token !== "" ? parseFlag("token", flags.address, args.token) : undefined;
    // The file's shape first (one line naming the field), before any chain read.
    const shape = poolTermsSchema.safeParse(raw);
    if (!shape.success) throw new CliError(describeZodError(shape.error, `${file}: `));
    const s = await senderOf(c, args.from);
    const token = await termsToken(s, c.chainId, shape.data.token, tokenFlag);
    if (shape.data.schedule !== undefined) {
      // A payment schedule: the same pool in scheduled mode (createScheduledPool), every slot checked first.
      const factoryAddress = resolveAddress("ImpactPoolFactory", c.chainId, "factory", args.factory);
      const factory = await poolFactoryAt(c, factoryAddress, s);
      const classes = shape.data.capital?.classes;
      const created = await createScheduledPool(c, s, factory, file, raw, token, classes !== undefined);
      const kind =
        classes === undefined
          ? ""
          : `; ${classes.length} investor classes: ${classes.map((k, i) => `${i} ${k.name} (${k.symbol}) ${created.classTokens[i] ?? "?"}`).join(", ")}`;
      console.log(
        `pool created: ${created.pool} (${shape.data.name}, ${shape.data.symbol}; paid by a payment schedule${kind})`,
      );
      return;
    }
    const now = await latestTime(c.ethers.provider);
    const terms = withFile(file, () => buildPoolTerms(raw, { now, decimals: token.decimals, token: token.address }));
    const factoryAddress = resolveAddress("ImpactPoolFactory", c.chainId, "factory", args.factory);
    const factory = await poolFactoryAt(c, factoryAddress, s);
    // Milestones first, then the basket: the factory's order.
    const milestones = milestoneSlots(terms.schedule.tranches);
    const basket = terms.basket.map((o, i) => ({
      field: `basket.${i}`,
      missionField: `basket.${i}.missionId`,
      missionId: o.missionId,
      goalId: o.goalId,
      period: o.period,
      lowerIsBetter: o.curve.lowerIsBetter,
    }));
    await checkTermSlots(
      s,
      factory,
      [...milestones, ...basket],
      { noDataAfter: terms.settlementDeadline + terms.gracePeriod, noDataField: "settlementDeadline" },
      `${file}: `,
    );
    const receipt = await simulateThenSend(factory, "createPool", [terms]);
    const event = receipt.logs
      .map((l) => {
        try {
          return factory.interface.parseLog(l);
        } catch {
          return null;
        }
      })
      .find((e) => e?.name === "PoolCreated");
    console.log(`pool created: ${String(event?.args.pool)} (${terms.name}, ${terms.symbol}) tx ${receipt.hash}`);
  });
}

/** Runs `build`, prefixing a one-line error with the terms file's name (as escrow terms errors are). */
function withFile<T>(file: string, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof CliError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
}
