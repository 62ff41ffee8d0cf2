import { task } from "hardhat/config";
import type { TaskDefinition } from "hardhat/types/tasks";
import { FROM_OPTION } from "../core/signer.js";

/**
 * `pool:*` — impact pools: create from a terms file, invest, commit outcome funds, disburse tranches, settle, redeem,
 * refund, show and list. The factory address comes from the address book (`--factory` overrides it).
 */
const load = () => import("./actions/pool.js");

const factoryOpt = {
  name: "factory",
  description: "ImpactPoolFactory address (default: address book)",
  defaultValue: "",
};
const poolOpt = { name: "pool", description: "pool address", defaultValue: "" };
const amountOpt = { name: "amount", description: "amount in whole tokens, e.g. 1000.5", defaultValue: "" };

export const poolTasks: TaskDefinition[] = [
  task("pool:create", "Create an impact pool from a JSON terms file (schemas/pool-terms.schema.json)")
    .addOption({ name: "file", description: "terms file", defaultValue: "" })
    .addOption({ name: "token", description: "capital/fund token (overrides the file)", defaultValue: "" })
    .addOption(factoryOpt)
    .addOption(FROM_OPTION)
    .setInlineAction(async (args, hre) => (await load()).createPool(args, hre))
    .build(),
  task("pool:invest", "Invest capital in a pool (approves first if needed); mints shares 1:1")
    .addOption(poolOpt)
    .addOption(amountOpt)
    .addOption(FROM_OPTION)
    .setInlineAction(async (args, hre) => (await load()).invest(args, hre))
    .build(),
  task("pool:commit", "Commit tokens to a pool's outcome fund (approves first if needed)")
    .addOption(poolOpt)
    .addOption(amountOpt)
    .addOption(FROM_OPTION)
    .setInlineAction(async (args, hre) => (await load()).commit(args, hre))
    .build(),
  task("pool:disburse", "Release a due tranche to its provider (permissionless)")
    .addOption(poolOpt)
    .addOption({ name: "tranche", description: "tranche index", defaultValue: "" })
    .addOption(factoryOpt)
    .addOption(FROM_OPTION)
    .setInlineAction(async (args, hre) => (await load()).disburse(args, hre))
    .build(),
  task("pool:settle", "Settle a pool on its outcome basket (permissionless, once)")
    .addOption(poolOpt)
    .addOption(factoryOpt)
    .addOption(FROM_OPTION)
    .setInlineAction(async (args, hre) => (await load()).settle(args, hre))
    .build(),
  task("pool:redeem", "Burn shares for the pro-rata investor pot (after settlement)")
    .addOption(poolOpt)
    .addOption({ name: "shares", description: "shares in whole tokens (default: all)", defaultValue: "" })
    .addOption(FROM_OPTION)
    .setInlineAction(async (args, hre) => (await load()).redeem(args, hre))
    .build(),
  task("pool:withdraw", "Take back invested capital in full after a failed raise (burns all your shares)")
    .addOption(poolOpt)
    .addOption(FROM_OPTION)
    .setInlineAction(async (args, hre) => (await load()).withdraw(args, hre))
    .build(),
  task("pool:refund", "Take back an outcome payer's share of the refund pot (after settlement or a failed raise)")
    .addOption(poolOpt)
    .addOption(FROM_OPTION)
    .setInlineAction(async (args, hre) => (await load()).refund(args, hre))
    .build(),
  task("pool:show", "Show a pool: terms, raise, disbursement, achievement, pots")
    .addOption(poolOpt)
    .addOption({ name: "account", description: "also show this account's position", defaultValue: "" })
    .setInlineAction(async (args, hre) => (await load()).show(args, hre))
    .build(),
  task("pool:list", "List pools (all, or those with a term on --mission)")
    .addOption({ name: "mission", description: "mission id", defaultValue: "" })
    .addOption(factoryOpt)
    .setInlineAction(async (args, hre) => (await load()).list(args, hre))
    .build(),
];
