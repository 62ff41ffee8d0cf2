import { task } from "hardhat/config";
import type { TaskDefinition } from "hardhat/types/tasks";
import { FROM_OPTION } from "../core/signer.js";

const action = () => import("./actions/escrow.js");

const factoryOption = {
  name: "factory",
  description: "OutcomeEscrowFactory address (default: the address book)",
  defaultValue: "",
} as const;
const escrowOption = { name: "escrow", description: "Escrow address", defaultValue: "" } as const;

/** `escrow:*` — create, fund, settle, claim, refund, show and list outcome escrows. */
export const escrowTasks: TaskDefinition[] = [
  task("escrow:create", "Creates an outcome escrow from a terms file (schemas/escrow-terms.schema.json)")
    .addOption({ name: "file", description: "Terms JSON file", defaultValue: "" })
    .addOption(factoryOption)
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await action()).createAction }))
    .build(),
  task("escrow:fund", "Approves and deposits into an escrow (amount in token units, e.g. 12.5)")
    .addOption(escrowOption)
    .addOption({ name: "amount", description: "Amount in whole token units", defaultValue: "" })
    .addOption({ name: "for", description: "Credit this funder instead of the --from account", defaultValue: "" })
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await action()).fundAction }))
    .build(),
  task("escrow:settle", "Settles an escrow from the oracle (permissionless)")
    .addOption(escrowOption)
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await action()).settleAction }))
    .build(),
  task("escrow:claim", "Claims a beneficiary's share")
    .addOption(escrowOption)
    .addOption({ name: "account", description: "Beneficiary to pay (default: the --from account)", defaultValue: "" })
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await action()).claimAction }))
    .build(),
  task("escrow:refund", "Refunds a funder's share")
    .addOption(escrowOption)
    .addOption({ name: "account", description: "Funder to pay (default: the --from account)", defaultValue: "" })
    .addOption(FROM_OPTION)
    .setAction(async () => ({ default: (await action()).refundAction }))
    .build(),
  task("escrow:show", "Shows an escrow: terms, funding and achievement")
    .addOption(escrowOption)
    .setAction(async () => ({ default: (await action()).showAction }))
    .build(),
  task("escrow:list", "Lists escrows (of one mission, or all)")
    .addOption({ name: "mission", description: "Mission id (default: all)", defaultValue: "" })
    .addOption(factoryOption)
    .setAction(async () => ({ default: (await action()).listAction }))
    .build(),
];
